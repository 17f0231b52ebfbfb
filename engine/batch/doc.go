// Package batch holds the item lists of DynamoDB's operations on several
// items at once, as their requests and responses state them: BatchGetItem's
// KeysAndAttributes, BatchWriteItem's WriteRequest (a PutRequest or a
// DeleteRequest), TransactGetItems' TransactGetItem (a TransactGet),
// TransactWriteItems' TransactWriteItem (a ConditionCheck, Put, Update or
// Delete) and the ItemResponse of TransactGetItems and ExecuteTransaction,
// with their field tables, and the CancellationReasons of a cancelled
// transaction (Canceled); the requests of BatchGetItem, BatchWriteItem,
// TransactGetItems and TransactWriteItems with the checks of their shapes
// (Check) and the limits, and the responses that need nothing of the
// engine. The engine aliases the types and runs the operations.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/consumed, engine/ddberr, engine/fieldtab, engine/validate
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package batch

// Package statement runs DynamoDB's PartiQL operations: ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction, with their requests and
// responses (field tables included). It validates a request, has each
// statement parsed and planned by package partiql, and runs the plans
// through the engine's typed operations (Engine: GetItem, PutItem,
// UpdateItem, DeleteItem, Query, Scan, TransactGetItems,
// TransactWriteItems), so that validation, conditions, capacity and the
// stream records of a write are exactly theirs. The engine registers the
// operations and implements Engine.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/batch, engine/consumed, engine/ddberr, engine/fieldtab, engine/partiql, engine/validate
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package statement

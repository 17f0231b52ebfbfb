// Package consumed is DynamoDB's ConsumedCapacity member, as a request's
// answer reports it: the types (ConsumedCapacity and the per-table or
// per-index Capacity) with their field tables, the rendering of what
// package capacity counted for a request (Of), and the sum of several
// reports on one table (Add); and the ItemCollectionMetrics a write
// reports. The engine aliases the types.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/capacity, engine/fieldtab
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package consumed

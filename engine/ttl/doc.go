// Package ttl is DynamoDB's Time to Live: the TimeToLiveSpecification and
// TimeToLiveDescription types with their field tables, the rules of
// UpdateTimeToLive (its member constraints; enabling, disabling and which
// changes DynamoDB refuses) and when an item has expired (its TTL
// attribute an N of epoch seconds at or before now, and not more than five
// years before), and the operations UpdateTimeToLive and
// DescribeTimeToLive with their requests and responses (ops.go), which
// reach a table's settings through Catalog. The engine registers them,
// keeps each table's TTL attribute and runs the sweep (engine/ttl.go)
// that deletes the expired items.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/ddberr, engine/fieldtab, engine/validate
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package ttl

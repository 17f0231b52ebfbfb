// Package engine is ddbplay's database: DynamoDB's operations over tables
// kept in google/btree, with DynamoDB's validation, errors and capacity
// accounting.
//
// Each operation has a typed Go method (db.PutItem(&PutItemInput{…})) and
// is reachable by name with DynamoDB JSON through Handle, and through
// Host.Serve, which is what the HTTP handler (package web) and the browser
// host (package wasm) call.
//
// A request flows one way: request JSON ─► decode ─► validate ─► plan ─►
// storage ─► encode ─► response JSON. This package is the facade and the
// core: the DB and its catalog (db.go, table.go), the managed write
// transaction (write.go: DB.update), the registry (handle.go), the host
// policy (serve.go) and the operations that work on tables, one file each
// (its types with their field tables, its register call, its logic).
// Operation families that need little of the catalog are packages of
// their own (tags, ttl, account, statement), each declaring the narrow
// interface it needs (tags.Catalog, ttl.Catalog, statement.Engine), which
// catalog.go and partiql.go implement; registerPkg registers their
// operations and the engine aliases their types. The concepts the
// operations use are packages too (fieldtab, validate, schema, batch,
// consumed, capacity, read, storage, expr, partiql, streams, …).
//
// The README's "How the engine is laid out" says where each kind of code
// lives and gives the recipes: an operation is one file, a request or
// response member one line of its type's field table.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/account, engine/attr, engine/batch, engine/capacity, engine/clock, engine/consumed, engine/ddberr, engine/expr, engine/fieldtab, engine/idempotency, engine/partiql, engine/read, engine/replica, engine/schema, engine/shortreq, engine/statement, engine/storage, engine/streams, engine/tags, engine/ttl, engine/validate
//	must not import: engine/snapshot, web, net/http, syscall/js, github.com/syumai/workers, encoding/json, fmt
package engine

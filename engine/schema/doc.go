// Package schema is a table's schema as DynamoDB's requests and
// descriptions state it: key schemas, attribute definitions, index
// requests and projections, provisioned and on-demand throughput, billing
// modes, stream specifications and the TableDescription types, with the
// rules CreateTable and UpdateTable share that need no table (the shape
// of each member, a key schema's HASH and RANGE order, a projection's
// NonKeyAttributes, on-demand maximums) in DynamoDB's wording, and the
// checks of a key or an item against a key schema (KeyTypes: a Key
// parameter, an item's primary key, its index keys, key sizes). The engine
// aliases its types (engine.KeySchemaElement is schema.KeySchemaElement),
// whose field tables are here beside them (codecs.go), and binds the rules to its catalog
// (tableschema.go, createtable.go, updatetable.go) and describes its
// tables (describetable.go).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/ddberr, engine/fieldtab, engine/storage, engine/streams, engine/validate
//	must not import: engine/expr, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package schema

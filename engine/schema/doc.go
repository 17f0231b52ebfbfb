// Package schema is a table's schema as DynamoDB's requests state it: key
// schemas, attribute definitions, index projections, provisioned and
// on-demand throughput and billing modes, with the rules CreateTable and
// UpdateTable share (the shape of each member, a key schema's HASH and
// RANGE order, a projection's NonKeyAttributes, on-demand maximums) in
// DynamoDB's wording. The engine aliases its types (engine.KeySchemaElement
// is schema.KeySchemaElement), keeps their field tables, and binds the
// rules to its catalog.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/ddberr, engine/storage, engine/validate
//	must not import: engine/expr, engine/snapshot, engine/fieldtab, encoding/json, fmt, reflect, net/http, syscall/js
package schema

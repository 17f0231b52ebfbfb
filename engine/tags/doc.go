// Package tags is DynamoDB's tagging of tables: the Tag and TableTag
// types with their field tables, the table ARN a tagging request names,
// the member constraints and the Developer Guide's tagging restrictions
// (lengths, at most 50 tags per resource, the reserved aws: prefix, the
// allowed characters), a table's tag set (Add, Page), and the operations
// TagResource, UntagResource and ListTagsOfResource with their requests
// and responses (ops.go), which reach the engine's tag sets through
// Catalog. The engine registers the operations, keeps the tag sets in its
// catalog and looks tables up; CreateTable's Tags use the rules too.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/ddberr, engine/fieldtab, engine/validate
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package tags

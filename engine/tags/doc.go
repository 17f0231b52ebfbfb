// Package tags is DynamoDB's tagging of tables: the Tag and TableTag
// types with their field tables, the table ARN a tagging request names,
// the member constraints and the Developer Guide's tagging restrictions
// (lengths, at most 50 tags per resource, the reserved aws: prefix, the
// allowed characters), and a table's tag set (Add, Page). The engine's
// TagResource, UntagResource and ListTagsOfResource (engine/tags.go) and
// CreateTable's Tags use it; the engine keeps the tag sets in its catalog
// and looks tables up.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/ddberr, engine/fieldtab, engine/validate
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package tags

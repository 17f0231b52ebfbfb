// Package read checks and runs a Query or Scan page over a table's stored
// records. Spec holds the parameters Query and Scan share and checks the
// rules on them that need no table (Select, the filter and its keys, a
// parallel Scan's segments). Plan runs a page: the index projection, the
// filter, Select COUNT, the projection, Limit and the 1 MB page, and the
// key that resumes after the page (LastEvaluatedKey). Its input is a Plan
// the engine has validated and bound to a table (engine/readpage.go:
// bind and readPlan); its output is a Page whose Items (ItemList) keeps
// whole items as the stored records, so that a response is written
// straight from storage.
// Capacity accounting stays with the engine, which charges Page.Size.
//
// It also says what a secondary index projects (Projects, Project,
// Entry), which the engine's writes use to keep indexes and to charge
// index writes.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/ddberr, engine/expr, engine/storage, engine/validate
//	must not import: engine/snapshot, engine/fieldtab, net/http, syscall/js, encoding/json, fmt, reflect
package read

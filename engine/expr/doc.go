// Package expr is DynamoDB's expression language — condition, filter,
// key-condition, projection and update expressions — and the legacy
// parameters (Expected, AttributeUpdates, AttributesToGet, KeyConditions,
// QueryFilter, ScanFilter) translated into the same trees; Params checks
// how a request's expression and legacy parameters combine before any
// expression is parsed.
//
// Work happens in three phases: Parse (syntax only, cacheable), Resolve
// (#names and :values substituted and checked, unused ones reported) and
// Eval / Apply, which cannot fail on syntax; so a request is validated
// completely before anything is written. The grammar is in grammar.ebnf.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/ddberr, engine/lex
//	must not import: engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
package expr

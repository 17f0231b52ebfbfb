// Package partiql is DynamoDB's dialect of PartiQL: SELECT, INSERT, UPDATE,
// DELETE and EXISTS statements with ? parameters, as ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction take them.
//
// Work happens in phases, like package expr: Parse (syntax only,
// cacheable) gives a *Statement; Statement.Plan substitutes the ?
// parameters, looks up the table's key schema through a Schema and
// decides, as DynamoDB does, how the statement runs: a SELECT whose WHERE
// clause fixes the partition key with = or IN runs as a Query, otherwise as
// a Scan; UPDATE and DELETE must fix the whole primary key. The *Plan it
// returns is written in the engine's own terms (key condition, filter,
// condition, projection and update expressions with their names and
// values), so the engine runs a statement through the same code paths as
// Query, Scan, PutItem, UpdateItem and DeleteItem, and evaluation,
// validation and capacity are the same. The grammar is in grammar.ebnf.
//
// The request members that carry statements (BatchStatementRequest,
// ParameterizedStatement) and their results (BatchStatementResponse,
// BatchStatementError) are here too, with their field tables and the
// statement's member constraints (requests.go); the engine aliases them.
//
// partiql imports attr, ddberr, lex (the token and cursor it shares with
// expr), fieldtab and validate only; it must not import expr, storage,
// net/http or syscall/js:
//
//	may import:      engine/attr, engine/ddberr, engine/fieldtab, engine/lex, engine/validate
//	must not import: engine/expr, engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
package partiql

// Package lex is what the engine's two languages, DynamoDB's expressions
// (package expr) and PartiQL (package partiql), share in reading their
// source: the token with its byte offsets, the token kinds both have, the
// ASCII character classes and case folding, and the parser's cursor over
// the tokens (Cursor). Each language keeps its own lexer (the tokens it
// has, from Own on) and its own grammar and errors.
//
// Identifiers and keywords are ASCII, so case folding changes ASCII
// letters only, which keeps Unicode's case tables out of the browser's
// WebAssembly module (~7 KB gzip).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine/attr, engine/ddberr, engine/expr, engine/partiql, engine/storage, net/http, syscall/js, encoding/json, fmt, reflect
package lex

// Package wire reads and writes the JSON of DynamoDB requests and responses
// without encoding/json and without reflection, so that the WebAssembly
// build stays small and a call costs little.
//
// Reader walks a request body value by value: the engine's field
// tables (package engine/fieldtab) ask it for an object's members, a string,
// a bool, an integer, an array's elements, or the raw bytes of an
// attribute value (which package attr decodes itself). It behaves as
// encoding/json.Unmarshal does on the engine's input types: the same JSON
// is accepted (nesting up to MaxDepth), strings are unquoted the same way
// (invalid UTF-8 and lone surrogates become U+FFFD), null leaves a string,
// bool, number or struct unchanged and sets a pointer, slice or map to
// nil, a JSON value of the wrong type is a *TypeError (the first one is
// kept and reading goes on), and malformed JSON is ErrSyntax.
//
// SkipSpace, ScanNumber, Hex4, ScanString and Unescape (scan.go) are the
// lexical layer under Reader, shared with attr's decoder and the
// snapshot's scanner, which keep their own error messages and their own
// choice about invalid UTF-8.
//
// AppendString, Name, Comma and AppendFloat write JSON as encoding/json
// does (strings without HTML escaping); AppendString is the one string
// quoter of the engine, used by attr, ddberr and the snapshot too.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine/attr, engine/ddberr, engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package wire

// Package fieldtab is the engine's codec: field tables that decode
// DynamoDB's JSON requests and write its responses without reflection or
// encoding/json (both slow and large in the browser's WebAssembly build).
//
// Every request and response type declares its members once, in a
// members method beside the operation that owns it, one line per member:
//
//	func (in *GetItemInput) members(f *fieldtab.Fields) {
//		fieldtab.Member(f, "TableName", &in.TableName, &fieldtab.String, 0)
//		fieldtab.Member(f, "Key", &in.Key, &fieldtab.Item, 0)
//		fieldtab.Member(f, "ConsistentRead", &in.ConsistentRead, &fieldtab.BoolPtr, fieldtab.OmitEmpty)
//	}
//
// (package engine writes these with its short names: member, cString,
// omitEmpty; see engine/codecs.go; an operation of another package
// declares an exported Members method with the erased Field). That one declaration decodes a
// request (Decode, and DecodeRequest for a whole body with DynamoDB's
// SerializationException wording: member names matched exactly, as
// DynamoDB does; unknown members skipped), writes a response (Encode: members in
// declaration order, omitted by the Omit rule given, byte for byte what
// encoding/json wrote), and lists the request parameters (Names, read by
// the README test). A Codec says how one Go type reads and writes JSON on
// package wire. The json tags the engine's types keep serve only its
// tests, whose encoding/json oracle (decode_oracle_test.go,
// encode_outputs_test.go) the tables are checked against, and
// TestFieldTables_MatchTypes (through Members and the codecs' exported
// fields) keeps the tables equal to the types.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/ddberr, engine/validate, engine/wire
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package fieldtab

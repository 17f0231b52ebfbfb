// Package attr is DynamoDB's data model: the ten attribute value types,
// items, exact decimal numbers, item sizes, key ordering and the DynamoDB
// JSON encoding ({"S":"x"}, {"N":"1.5"}, {"B":"<base64>"}, …).
//
// Values are immutable once built: share them freely, never modify the
// slices or maps an accessor returns.
//
// Where things are:
//
//   - value.go: Value, Item, Type and the constructors of S, B, BOOL,
//     NULL, L and M values.
//   - number.go: N (parsing into DynamoDB's canonical plain-decimal text,
//     with its limits of 38 significant digits and magnitudes 1E-130 to
//     9.99…E+125), Add and Sub (exact schoolbook decimal
//     arithmetic; the tests check them against cockroachdb/apd, which is
//     not linked in).
//   - set.go: SS, NS, BS (validated) and SetOf (for ADD and DELETE).
//   - compare.go: Equal and Compare.
//   - size.go: Size, ItemSize and MaxItemSize, by DynamoDB's rules.
//   - keyenc.go: AppendKey, the byte encoding whose bytes.Compare order is
//     Compare's order, used by storage for every B-tree key.
//   - json.go, decode.go, lex.go: DynamoDB JSON. Encoding (MarshalJSON,
//     AppendJSON, AppendItemJSON) writes bytes directly; decoding
//     (UnmarshalJSON on Value and Item) validates as DynamoDB does and
//     returns *ddberr.Error values (SerializationException for a wrong
//     JSON shape, ValidationException for a broken rule), which
//     encoding/json passes through unchanged.
//   - messages.go: every message text.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/ddberr, engine/wire
//	must not import: engine/expr, engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
//
// (wire is JSON's lexical layer and string quoter.)
package attr

package attr

// This file holds the agreed signatures that are not implemented yet.
// The attr owner moves each one into its proper file with a real body and
// deletes this file when it is empty.

// N parses text as a DynamoDB number and returns the N value holding its
// canonical form ("1.50" → "1.5", "1e2" → "100", "-0" → "0"). Unparsable,
// more than 38 significant digits, or out of range → *ddberr.Error
// ValidationException with DynamoDB's message.
func N(text string) (Value, error) { panic("attr.N: not implemented") }

// SS returns a string set; it fails (ValidationException, DynamoDB's
// message) if members is empty or holds duplicates.
func SS(members []string) (Value, error) { panic("attr.SS: not implemented") }

// NS returns a number set of the numbers' canonical forms; it fails on an
// empty set, an invalid number, or duplicates (numerically equal members).
func NS(members []string) (Value, error) { panic("attr.NS: not implemented") }

// BS returns a binary set; it fails on an empty set or duplicates.
func BS(members [][]byte) (Value, error) { panic("attr.BS: not implemented") }

// SetOf returns a set of type t (TypeSS, TypeNS or TypeBS) from members of
// the matching scalar type (S, N, B). Used by ADD/DELETE on sets. An empty
// members slice is allowed here and returns the zero Value (the attribute
// disappears, as DynamoDB removes a set that becomes empty).
func SetOf(t Type, members []Value) Value { panic("attr.SetOf: not implemented") }

// Equal reports whether a and b are the same DynamoDB value (numbers
// compared numerically, sets compared as sets, maps and lists deeply).
func Equal(a, b Value) bool { panic("attr.Equal: not implemented") }

// Compare orders two scalar values of the same type: S by UTF-8 bytes, N
// numerically, B by unsigned bytes. ok is false if the types differ or are
// not S, N or B.
func Compare(a, b Value) (c int, ok bool) { panic("attr.Compare: not implemented") }

// Add returns a+b for two N values; Sub returns a-b. Results beyond
// DynamoDB's range or 38 significant digits → ValidationException with
// DynamoDB's message (e.g. "Number overflow. Attempting to store a number
// with magnitude larger than supported range").
func Add(a, b Value) (Value, error) { panic("attr.Add: not implemented") }

// Sub returns a-b for two N values; see Add.
func Sub(a, b Value) (Value, error) { panic("attr.Sub: not implemented") }

// Size returns the size in bytes DynamoDB charges for v (without a name).
func Size(v Value) int { panic("attr.Size: not implemented") }

// ItemSize returns DynamoDB's size of an item: for each attribute, the
// UTF-8 length of its name plus Size of its value.
func ItemSize(it Item) int { panic("attr.ItemSize: not implemented") }

// AppendKey appends an order-preserving, self-delimiting encoding of the
// scalar key value v (S, N or B) to dst: for two values a, b of the same
// type, bytes.Compare(AppendKey(nil, a), AppendKey(nil, b)) equals
// Compare(a, b), and the encoding of a composite key (several values
// appended one after another) orders by the first value, then the next.
func AppendKey(dst []byte, v Value) []byte { panic("attr.AppendKey: not implemented") }

// MarshalJSON encodes v in DynamoDB JSON ({"S":"x"}, {"N":"1.5"}, B and
// BS as base64, …).
func (v Value) MarshalJSON() ([]byte, error) { panic("attr.Value.MarshalJSON: not implemented") }

// UnmarshalJSON decodes DynamoDB JSON into v, validating it as DynamoDB
// does (exactly one type member, numbers, sets non-empty and without
// duplicates, nesting at most 32 levels). Validation failures are
// *ddberr.Error with DynamoDB's type and message.
func (v *Value) UnmarshalJSON(data []byte) error {
	panic("attr.Value.UnmarshalJSON: not implemented")
}

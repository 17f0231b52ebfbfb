package attr

// Type is one of DynamoDB's ten attribute types.
type Type uint8

// The attribute types. The zero Type means "no value".
const (
	TypeS Type = iota + 1
	TypeN
	TypeB
	TypeBOOL
	TypeNULL
	TypeM
	TypeL
	TypeSS
	TypeNS
	TypeBS
)

var typeNames = [...]string{"", "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}

// String returns DynamoDB's name for t ("S", "N", …, "BS"), or "" for the zero Type.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return ""
}

// ParseType returns the Type named s ("S", "N", …), or 0 and false.
func ParseType(s string) (Type, bool) {
	switch s {
	case "S":
		return TypeS, true
	case "N":
		return TypeN, true
	case "B":
		return TypeB, true
	case "BOOL":
		return TypeBOOL, true
	case "NULL":
		return TypeNULL, true
	case "M":
		return TypeM, true
	case "L":
		return TypeL, true
	case "SS":
		return TypeSS, true
	case "NS":
		return TypeNS, true
	case "BS":
		return TypeBS, true
	}
	return 0, false
}

// IsSet reports whether t is SS, NS or BS.
func (t Type) IsSet() bool { return t == TypeSS || t == TypeNS || t == TypeBS }

// IsScalarKey reports whether t can be a key attribute type (S, N or B).
func (t Type) IsScalarKey() bool { return t == TypeS || t == TypeN || t == TypeB }

// Value is an immutable DynamoDB attribute value. The zero Value is "no
// value" (Type() == 0), used for a missing attribute.
type Value struct {
	t Type
	// plain, for an S value, is set when s is known to be a plain string
	// (PlainString): decoded from JSON without escapes. It is a hint only:
	// false says nothing, and Values compare equal regardless of it.
	plain bool
	// s holds S text, N canonical decimal text, B raw bytes, and "1"/"" for BOOL.
	s string
	// l holds L elements, and SS/NS/BS members as S/N/B Values.
	l []Value
	// m holds M members.
	m map[string]Value
}

// Item is a DynamoDB item: attribute name to value.
type Item map[string]Value

// Type returns v's type, or 0 for the zero Value.
func (v Value) Type() Type { return v.t }

// KnownPlain reports whether v is an S value known to be a plain string
// (PlainString is true of its text): one decoded from JSON without
// escapes. False says nothing: the caller then checks with PlainString.
func (v Value) KnownPlain() bool { return v.plain }

// IsZero reports whether v is the zero Value (no value).
func (v Value) IsZero() bool { return v.t == 0 }

// S returns a string value.
func S(s string) Value { return Value{t: TypeS, s: s} }

// B returns a binary value holding a copy of b.
func B(b []byte) Value { return Value{t: TypeB, s: string(b)} }

// Bool returns a BOOL value.
func Bool(b bool) Value {
	if b {
		return Value{t: TypeBOOL, s: "1"}
	}
	return Value{t: TypeBOOL}
}

// Null returns the NULL value.
func Null() Value { return Value{t: TypeNULL} }

// L returns a list value. The slice is kept, not copied.
func L(elems []Value) Value {
	if elems == nil {
		elems = []Value{}
	}
	return Value{t: TypeL, l: elems}
}

// M returns a map value. The map is kept, not copied.
func M(m map[string]Value) Value {
	if m == nil {
		m = map[string]Value{}
	}
	return Value{t: TypeM, m: m}
}

// Str returns the text of an S value ("" for other types).
func (v Value) Str() string {
	if v.t == TypeS {
		return v.s
	}
	return ""
}

// NumText returns the canonical decimal text of an N value ("" for other types).
func (v Value) NumText() string {
	if v.t == TypeN {
		return v.s
	}
	return ""
}

// Bytes returns the bytes of a B value (nil for other types). The result
// is a fresh copy.
func (v Value) Bytes() []byte {
	if v.t == TypeB {
		return []byte(v.s)
	}
	return nil
}

// BoolValue returns the value of a BOOL (false for other types).
func (v Value) BoolValue() bool { return v.t == TypeBOOL && v.s == "1" }

// List returns the elements of an L value (nil for other types).
func (v Value) List() []Value {
	if v.t == TypeL {
		return v.l
	}
	return nil
}

// Map returns the members of an M value (nil for other types).
func (v Value) Map() map[string]Value {
	if v.t == TypeM {
		return v.m
	}
	return nil
}

// Members returns the members of an SS, NS or BS value as S, N or B
// Values, in stored order (nil for other types).
func (v Value) Members() []Value {
	if v.t.IsSet() {
		return v.l
	}
	return nil
}

package attr

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// MaxNesting is the deepest DynamoDB nests documents: at most 32 M or L
// values inside one another.
const MaxNesting = 32

// MarshalJSON encodes v in DynamoDB JSON ({"S":"x"}, {"N":"1.5"}, B and
// BS as base64, …); see AppendJSON. It never fails.
func (v Value) MarshalJSON() ([]byte, error) {
	return AppendJSON(make([]byte, 0, 64), v), nil
}

// String returns v in DynamoDB JSON, as MarshalJSON does ("null" for the
// zero Value).
func (v Value) String() string { return string(AppendJSON(nil, v)) }

// AppendJSON appends v in DynamoDB JSON to dst and returns the extended
// buffer. Map members are written in ascending order of their names; set
// members in stored order; strings are escaped as JSON requires (invalid
// UTF-8 becomes U+FFFD) and not HTML-escaped. The zero Value is written as
// null.
func AppendJSON(dst []byte, v Value) []byte {
	t := v.t
	if t == 0 || int(t) >= len(jsonOpen) {
		return append(dst, "null"...)
	}
	// One append of the type's opening and one of its closing (a table
	// lookup each, not a constant append per type: a smaller module).
	dst = append(dst, jsonOpen[t]...)
	switch t {
	case TypeS:
		dst = wire.AppendString(dst, v.s)
	case TypeN:
		dst = append(dst, v.s...)
	case TypeB:
		dst = appendBase64(dst, v.s)
	case TypeBOOL, TypeNULL:
		if t == TypeNULL || v.s == "1" {
			dst = append(dst, "true"...)
		} else {
			dst = append(dst, "false"...)
		}
	case TypeM:
		dst = appendMembers(dst, v.m)
	default: // L and the sets
		for i, e := range v.l {
			if i > 0 {
				dst = append(dst, ',')
			}
			switch t {
			case TypeL:
				dst = AppendJSON(dst, e)
			case TypeSS:
				dst = wire.AppendString(dst, e.s)
			case TypeNS:
				dst = append(dst, '"')
				dst = append(dst, e.s...)
				dst = append(dst, '"')
			default:
				dst = append(dst, '"')
				dst = appendBase64(dst, e.s)
				dst = append(dst, '"')
			}
		}
	}
	return append(dst, jsonClose[t]...)
}

// jsonOpen and jsonClose are what AppendJSON writes before and after the
// payload of a value of each type.
var (
	jsonOpen = [...]string{TypeS: `{"S":`, TypeN: `{"N":"`, TypeB: `{"B":"`, TypeBOOL: `{"BOOL":`, TypeNULL: `{"NULL":`,
		TypeM: `{"M":`, TypeL: `{"L":[`, TypeSS: `{"SS":[`, TypeNS: `{"NS":[`, TypeBS: `{"BS":[`}
	jsonClose = [...]string{TypeS: `}`, TypeN: `"}`, TypeB: `"}`, TypeBOOL: `}`, TypeNULL: `}`,
		TypeM: `}`, TypeL: `]}`, TypeSS: `]}`, TypeNS: `]}`, TypeBS: `]}`}
)

// AppendItemJSON appends it as a JSON object of attribute names to
// DynamoDB JSON values, names in ascending order. A nil Item is written as
// {}.
func AppendItemJSON(dst []byte, it Item) []byte {
	return appendMembers(dst, it)
}

func appendMembers(dst []byte, m map[string]Value) []byte {
	dst = append(dst, '{')
	var small [16]string
	keys := small[:0]
	if len(m) > len(small) {
		keys = make([]string, 0, len(m))
	}
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = wire.AppendString(dst, k)
		dst = append(dst, ':')
		dst = AppendJSON(dst, m[k])
	}
	return append(dst, '}')
}

// AppendString appends s as a JSON string, escaped exactly as AppendJSON
// escapes S values and map names (invalid UTF-8 becomes U+FFFD; no HTML
// escaping), for writers of DynamoDB JSON that do not hold a Value. It is
// wire.AppendString, the one quoter of the engine.
func AppendString(dst []byte, s string) []byte { return wire.AppendString(dst, s) }

// PlainString reports whether AppendString writes s unchanged between
// quotes (wire.PlainString).
func PlainString(s string) bool { return wire.PlainString(s) }

// AppendBase64 appends the bytes of data in standard padded base64, as
// AppendJSON writes B values and BS members (without the quotes).
func AppendBase64(dst []byte, data string) []byte { return appendBase64(dst, data) }

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// appendBase64 appends s in standard padded base64.
func appendBase64(dst []byte, s string) []byte {
	i := 0
	for ; i+3 <= len(s); i += 3 {
		x := uint(s[i])<<16 | uint(s[i+1])<<8 | uint(s[i+2])
		dst = append(dst, base64Alphabet[x>>18&0x3F], base64Alphabet[x>>12&0x3F], base64Alphabet[x>>6&0x3F], base64Alphabet[x&0x3F])
	}
	switch len(s) - i {
	case 1:
		x := uint(s[i]) << 16
		dst = append(dst, base64Alphabet[x>>18&0x3F], base64Alphabet[x>>12&0x3F], '=', '=')
	case 2:
		x := uint(s[i])<<16 | uint(s[i+1])<<8
		dst = append(dst, base64Alphabet[x>>18&0x3F], base64Alphabet[x>>12&0x3F], base64Alphabet[x>>6&0x3F], '=')
	}
	return dst
}

// MarshalJSON encodes it as AppendItemJSON does, except that a nil Item
// is null (encoding/json's convention for a nil map); an empty non-nil
// Item is {}.
func (it Item) MarshalJSON() ([]byte, error) {
	if it == nil {
		return []byte("null"), nil
	}
	return AppendItemJSON(make([]byte, 0, 256), it), nil
}

// CloneItem returns a shallow copy of it (the Values are immutable, so
// this is a full copy in effect). CloneItem(nil) is nil.
func CloneItem(it Item) Item {
	if it == nil {
		return nil
	}
	c := make(Item, len(it))
	for k, v := range it {
		c[k] = v
	}
	return c
}

// UnmarshalJSON decodes DynamoDB JSON into v, validating it as DynamoDB
// does (exactly one type member, numbers, sets non-empty and without
// duplicates, nesting at most 32 levels). Validation failures are
// *ddberr.Error with DynamoDB's type and message.
//
// Malformed JSON and members of the wrong JSON type ({"S":5}, bad base64)
// are SerializationException; rule violations are ValidationException.
// As in DynamoDB, every shape error anywhere in data takes precedence over
// rule violations. Unknown members of an attribute value are ignored and a
// member whose value is null counts as absent. The JSON literal null
// decodes to the zero Value without error (encoding/json's convention);
// null as an M member or L element is "Supplied AttributeValue is empty".
func (v *Value) UnmarshalJSON(data []byte) error {
	_, err := v.decode(data, true)
	return err
}

// DecodeJSONPrefix is UnmarshalJSON for a value at the start of data that
// other JSON may follow: it decodes that value, in one pass, and returns
// how many bytes it took. Error positions count from the start of data.
func (v *Value) DecodeJSONPrefix(data []byte) (int, error) { return v.decode(data, false) }

func (v *Value) decode(data []byte, whole bool) (int, error) {
	d := decoder{data: data}
	d.skipSpace()
	if d.literal("null") {
		if whole {
			if err := d.end(); err != nil {
				return 0, err
			}
		}
		*v = Value{}
		return d.pos, nil
	}
	val, err := d.attrValue(0)
	if err == nil && whole {
		err = d.end()
	}
	if err == nil {
		err = d.verr
	}
	if err != nil {
		return 0, err
	}
	*v = val
	return d.pos, nil
}

// UnmarshalJSON decodes a JSON object of attribute names to DynamoDB JSON
// values into it, replacing its contents, with the errors of
// Value.UnmarshalJSON. A null attribute value is "Supplied AttributeValue
// is empty"; the JSON literal null leaves it unchanged.
func (it *Item) UnmarshalJSON(data []byte) error {
	_, err := it.decode(data, true)
	return err
}

// DecodeJSONPrefix is UnmarshalJSON for an item at the start of data that
// other JSON may follow: it decodes that item, in one pass, and returns
// how many bytes it took. Error positions count from the start of data.
func (it *Item) DecodeJSONPrefix(data []byte) (int, error) { return it.decode(data, false) }

func (it *Item) decode(data []byte, whole bool) (int, error) {
	d := decoder{data: data}
	d.skipSpace()
	if d.literal("null") {
		if whole {
			return 0, d.end()
		}
		return d.pos, nil
	}
	m, err := d.attrMap(0, shapeItem)
	if err == nil && whole {
		err = d.end()
	}
	if err == nil {
		err = d.verr
	}
	if err != nil {
		return 0, err
	}
	*it = m
	return d.pos, nil
}

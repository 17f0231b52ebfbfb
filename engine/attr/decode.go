package attr

import (
	"encoding/base64"
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// decoder is a single-pass DynamoDB JSON decoder. Shape errors
// (SerializationException) stop it at once; the first rule violation
// (ValidationException) is kept in verr while decoding goes on, so that a
// later shape error still wins, as in DynamoDB.
type decoder struct {
	data []byte
	pos  int
	verr error
	// plain is set by str: the string it read had no escape and only
	// ASCII (so it is a plain string, PlainString).
	plain bool
	// borrow makes the strings read without escapes point into data
	// instead of copying it (DecodeMembers).
	borrow bool
}

// maxSkipDepth bounds the nesting of ignored JSON (unknown members).
const maxSkipDepth = 512

// shape is what the decoder expects at a position, for shape errors.
type shape uint8

const (
	shapeAttr   shape = iota // an AttributeValue object
	shapeItem                // the object of an Item
	shapeString              // S, N, and SS/NS members
	shapeBool                // BOOL, NULL
	shapeBlob                // B, and BS members
	shapeList                // L, SS, NS, BS
	shapeMap                 // M
)

func serialization(format string, args ...any) error {
	return ddberr.Newf(ddberr.TypeSerialization, format, args...)
}

// validation records the first rule violation.
func (d *decoder) validation(err error) {
	if d.verr == nil {
		d.verr = err
	}
}

func (d *decoder) skipSpace() { d.pos = wire.SkipSpace(d.data, d.pos) }

// end checks that only white space follows.
func (d *decoder) end() error {
	d.skipSpace()
	if d.pos < len(d.data) {
		return serialization(msgJSONTrailingData, d.pos)
	}
	return nil
}

// literal consumes word if it comes next.
func (d *decoder) literal(word string) bool {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return true
	}
	return false
}

func (d *decoder) syntaxError() error {
	if d.pos >= len(d.data) {
		return serialization(msgJSONEnd, d.pos)
	}
	return serialization(msgJSONSyntax, d.pos, strconv.QuoteRune(rune(d.data[d.pos])))
}

// expect consumes the byte c after white space.
func (d *decoder) expect(c byte) error {
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return nil
	}
	return d.syntaxError()
}

// shapeError returns the shape error for finding the JSON value starting
// at d.pos where want was expected. The value is not consumed.
func (d *decoder) shapeError(want shape) error {
	if d.pos >= len(d.data) {
		return d.syntaxError()
	}
	var token string
	switch c := d.data[d.pos]; {
	case c == '{':
		if want == shapeList || want == shapeString || want == shapeBool || want == shapeBlob {
			return serialization(msgUnexpectedMap)
		}
		token = "START_MAP"
	case c == '[':
		switch want {
		case shapeMap, shapeItem:
			return serialization(msgUnexpectedList)
		case shapeString:
			return serialization(msgCollectionType, "java.lang.String")
		case shapeBool:
			return serialization(msgCollectionType, "java.lang.Boolean")
		case shapeBlob:
			return serialization(msgCollectionType, "java.nio.ByteBuffer")
		case shapeAttr:
			return serialization(msgCollectionType, "com.amazonaws.dynamodb.v20120810.AttributeValue")
		}
		token = "START_LIST"
	case c == '"':
		token = "STRING_VALUE"
	case c == 't':
		token = "TRUE_VALUE"
	case c == 'f':
		token = "FALSE_VALUE"
	case c == 'n':
		token = "NULL_VALUE"
	case c == '-' || (c >= '0' && c <= '9'):
		token = "NUMBER_VALUE"
	default:
		return d.syntaxError()
	}
	switch want {
	case shapeAttr:
		return serialization(msgUnexpectedValue)
	case shapeList, shapeMap, shapeItem:
		return serialization(msgUnexpectedField)
	case shapeBlob:
		return serialization(msgBlobNotString)
	case shapeBool:
		return serialization(msgConvert, token, "Boolean")
	default:
		return serialization(msgConvert, token, "String")
	}
}

// attrValue decodes one AttributeValue object; depth is the number of M
// and L values enclosing it.
//
// As in DynamoDB (which deserializes into a structure before validating
// it), a repeated member replaces the earlier one and an explicit null
// clears it; only the surviving member's rule violations count, and a
// wrong number of members is reported before them.
func (d *decoder) attrValue(depth int) (Value, error) {
	d.skipSpace()
	if v, ok := d.compactScalar(); ok {
		return v, nil
	}
	return d.attrObject(depth)
}

// attrObject is attrValue's general path, at the value's first byte.
func (d *decoder) attrObject(depth int) (Value, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return Value{}, d.shapeError(shapeAttr)
	}
	d.pos++
	outer := d.verr
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.validation(ddberr.Validation(msgValueEmpty))
		return Value{}, nil
	}
	// The first member, and, when it is the only one (as it nearly
	// always is), the value, without the slots that several need.
	t, known, present, v, verr, err := d.typeMember(depth)
	if err != nil {
		return Value{}, err
	}
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ',' {
		d.pos++
		return d.attrMembers(depth, outer, t, known && present, v, verr)
	}
	if err := d.expect('}'); err != nil {
		return Value{}, err
	}
	d.verr = outer
	switch {
	case !known || !present:
		d.validation(ddberr.Validation(msgValueEmpty))
	case verr != nil:
		d.validation(verr)
	}
	return v, nil
}

// compactScalar decodes, at d.pos, the commonest AttributeValues written
// compactly (as the SDKs write them: no white space): {"S":"text"} with
// text plain ASCII (no escape), {"N":"text"} with text a valid number,
// {"BOOL":true} and {"BOOL":false}. It returns what attrValue's general path returns for them, with
// no rule violation, in a fraction of its instructions. ok false (any
// other value, or a number to reject): it consumed nothing, and the
// general path decides.
func (d *decoder) compactScalar() (v Value, ok bool) {
	b, i := d.data, d.pos
	if i+8 > len(b) || b[i] != '{' || b[i+1] != '"' {
		return Value{}, false
	}
	t := b[i+2]
	if b[i+3] != '"' || b[i+4] != ':' || b[i+5] != '"' || t != 'S' && t != 'N' {
		switch {
		case string(b[i:min(i+13, len(b))]) == `{"BOOL":true}`:
			d.pos += 13
			return Bool(true), true
		case string(b[i:min(i+14, len(b))]) == `{"BOOL":false}`:
			d.pos += 14
			return Bool(false), true
		}
		return Value{}, false
	}
	sc := wire.ScanString(b, i+5)
	if sc.Err != wire.StringOK || !sc.ASCII || sc.Escaped || sc.End >= len(b) || b[sc.End] != '}' {
		return Value{}, false
	}
	text := d.text(b[i+6 : sc.End-1])
	if t == 'S' {
		v = Value{t: TypeS, s: text, plain: true}
	} else if n, err := N(text); err == nil {
		v = n
	} else {
		return Value{}, false
	}
	d.pos = sc.End + 1
	return v, true
}

// typeMember decodes one member of an AttributeValue object: its type t
// (known false for a name that is no type, whose value is skipped) and,
// for a known type, whether its value is present (not null), the value
// and the rule violation it holds. d.verr is left to the caller.
func (d *decoder) typeMember(depth int) (t Type, known, present bool, v Value, verr error, err error) {
	d.skipSpace()
	t, known, err = d.typeName()
	if err != nil {
		return 0, false, false, Value{}, nil, err
	}
	if err := d.expect(':'); err != nil {
		return 0, false, false, Value{}, nil, err
	}
	d.skipSpace()
	switch {
	case !known:
		err = d.skip(0)
	case d.literal("null"):
	default:
		d.verr = nil
		v, err = d.member(t, depth)
		present, verr = true, d.verr
	}
	return t, known, present, v, verr, err
}

// attrMembers decodes the members of an AttributeValue object after the
// first (type t, kept when present with value v and violation verr) and
// its closing brace, then restores d.verr to outer and records the
// object's violation.
func (d *decoder) attrMembers(depth int, outer error, t Type, present bool, v Value, verr error) (Value, error) {
	var slots [len(typeNames)]Value
	var slotErrs [len(typeNames)]error
	var presence [len(typeNames)]bool
	if present {
		slots[t], slotErrs[t], presence[t] = v, verr, true
	}
	for {
		t, known, present, v, verr, err := d.typeMember(depth)
		if err != nil {
			return Value{}, err
		}
		if known {
			slots[t], slotErrs[t], presence[t] = v, verr, present
		}
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			continue
		}
		if err := d.expect('}'); err != nil {
			return Value{}, err
		}
		break
	}
	d.verr = outer
	var val Value
	var valErr error
	count := 0
	for t := range slots {
		if presence[t] {
			val, valErr = slots[t], slotErrs[t]
			count++
		}
	}
	switch count {
	case 0:
		d.validation(ddberr.Validation(msgValueEmpty))
	case 1:
		if valErr != nil {
			d.validation(valErr)
		}
	default:
		d.validation(ddberr.Validation(msgValueMultiple))
	}
	return val, nil
}

// typeName decodes a member name of an AttributeValue object, without
// allocating when it is written without escapes.
func (d *decoder) typeName() (Type, bool, error) {
	if d.pos < len(d.data) && d.data[d.pos] == '"' {
		for i := d.pos + 1; i < len(d.data) && i-d.pos <= 5; i++ {
			if c := d.data[i]; c == '"' {
				t, ok := ParseType(string(d.data[d.pos+1 : i]))
				d.pos = i + 1
				return t, ok, nil
			} else if c == '\\' {
				break
			}
		}
	}
	name, err := d.str()
	if err != nil {
		return 0, false, err
	}
	t, ok := ParseType(name)
	return t, ok, nil
}

// member decodes the non-null JSON value of the type member t.
func (d *decoder) member(t Type, depth int) (Value, error) {
	switch t {
	case TypeS:
		s, err := d.stringOf(shapeString)
		return Value{t: TypeS, s: s, plain: err == nil && d.plain}, err
	case TypeN:
		s, err := d.stringOf(shapeString)
		if err != nil {
			return Value{}, err
		}
		n, verr := N(s)
		if verr != nil {
			d.validation(verr)
		}
		return n, nil
	case TypeB:
		b, err := d.blob()
		return Value{t: TypeB, s: b}, err
	case TypeBOOL, TypeNULL:
		var b bool
		switch {
		case d.literal("true"):
			b = true
		case d.literal("false"):
		default:
			return Value{}, d.shapeError(shapeBool)
		}
		if t == TypeBOOL {
			return Bool(b), nil
		}
		if !b {
			d.validation(ddberr.Validation(msgNullNotTrue))
		}
		return Null(), nil
	case TypeM:
		if depth >= MaxNesting {
			return Value{}, ddberr.Validation(msgNestingTooDeep)
		}
		m, err := d.attrMap(depth+1, shapeMap)
		return Value{t: TypeM, m: m}, err
	case TypeL:
		if depth >= MaxNesting {
			return Value{}, ddberr.Validation(msgNestingTooDeep)
		}
		return d.list(depth + 1)
	default: // sets
		return d.set(t)
	}
}

// attrMap decodes an object of names to AttributeValues (an M value or an
// Item); depth is the depth of its members.
func (d *decoder) attrMap(depth int, want shape) (map[string]Value, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return nil, d.shapeError(want)
	}
	d.pos++
	m := map[string]Value{}
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		return m, nil
	}
	for {
		d.skipSpace()
		name, err := d.name()
		if err != nil {
			return nil, err
		}
		// The punctuation's compact case (no white space) first.
		if d.pos < len(d.data) && d.data[d.pos] == ':' {
			d.pos++
		} else if err := d.expect(':'); err != nil {
			return nil, err
		}
		d.skipSpace()
		var v Value
		if d.pos < len(d.data) && d.data[d.pos] == 'n' && d.literal("null") {
			d.validation(ddberr.Validation(msgValueEmpty))
		} else if v, err = d.attrValue(depth); err != nil {
			return nil, err
		}
		m[name] = v
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			continue
		}
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
		} else if err := d.expect('}'); err != nil {
			return nil, err
		}
		return m, nil
	}
}

// list decodes the array of an L value; depth is the depth of its elements.
func (d *decoder) list(depth int) (Value, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		return Value{}, d.shapeError(shapeList)
	}
	d.pos++
	l := []Value{}
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		return Value{t: TypeL, l: l}, nil
	}
	for {
		d.skipSpace()
		var v Value
		if d.literal("null") {
			d.validation(ddberr.Validation(msgValueEmpty))
		} else {
			var err error
			if v, err = d.attrValue(depth); err != nil {
				return Value{}, err
			}
		}
		l = append(l, v)
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			continue
		}
		if err := d.expect(']'); err != nil {
			return Value{}, err
		}
		return Value{t: TypeL, l: l}, nil
	}
}

// set decodes the array of an SS, NS or BS value and validates it.
func (d *decoder) set(t Type) (Value, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '[' {
		return Value{}, d.shapeError(shapeList)
	}
	d.pos++
	var small [8]string // sets are mostly small: their texts on the stack
	texts := small[:0]
	var raw []string // B members' bytes
	for first := true; ; first = false {
		d.skipSpace()
		if first && d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			break
		}
		var s string
		var err error
		if t == TypeBS {
			start := d.pos
			if s, err = d.blob(); err != nil {
				return Value{}, err
			}
			raw = append(raw, s)
			// The message shows members as sent.
			texts = append(texts, string(d.data[start+1:d.pos-1]))
		} else if s, err = d.stringOf(shapeString); err != nil {
			return Value{}, err
		} else {
			texts = append(texts, s)
		}
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == ',' {
			d.pos++
			continue
		}
		if err := d.expect(']'); err != nil {
			return Value{}, err
		}
		break
	}
	var v Value
	var err error
	switch t {
	case TypeSS:
		v, err = SS(texts)
	case TypeNS:
		v, err = NS(texts)
	default:
		v, err = bsFromRaw(raw, texts)
	}
	if err != nil {
		d.validation(err)
	}
	return v, nil
}

// bsFromRaw builds a BS from decoded members; texts are their base64 forms.
func bsFromRaw(raw, texts []string) (Value, error) {
	if len(raw) == 0 {
		return Value{}, ddberr.Validation(msgSetEmpty, "binary")
	}
	l := make([]Value, len(raw))
	for i, m := range raw {
		l[i] = Value{t: TypeB, s: m}
	}
	if hasDuplicates(l) {
		return Value{}, duplicatesError(texts)
	}
	return Value{t: TypeBS, l: l}, nil
}

// stringOf decodes a JSON string where want is expected.
func (d *decoder) stringOf(want shape) (string, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return "", d.shapeError(want)
	}
	return d.str()
}

// blob decodes a base64 JSON string into raw bytes (held in a string).
func (d *decoder) blob() (string, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return "", d.shapeError(shapeBlob)
	}
	s, err := d.str()
	if err != nil {
		return "", err
	}
	if len(s)%4 != 0 {
		return "", serialization(msgBase64Length, len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' || s[i] == '\n' {
			return "", serialization(msgBase64Char, rune(s[i]))
		}
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		if _, lax := base64.StdEncoding.DecodeString(s); lax == nil {
			// Only the unused bits of the last character are set.
			return "", serialization(msgBase64LastChar)
		}
		if ce, ok := errors.AsType[base64.CorruptInputError](err); ok && int(ce) < len(s) {
			c := s[ce]
			if isBase64Alphabet(c) {
				return "", serialization(msgBase64LastChar)
			}
			r, _ := utf8.DecodeRuneInString(s[ce:])
			return "", serialization(msgBase64Char, r)
		}
		return "", serialization(msgBase64LastChar)
	}
	return string(b), nil
}

func isBase64Alphabet(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

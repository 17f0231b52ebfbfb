package wire

import (
	"errors"
	"slices"
)

// MaxDepth is the deepest nesting of objects and arrays a body may have
// (encoding/json's limit).
const MaxDepth = 10000

// ErrSyntax reports malformed JSON: anything encoding/json would reject
// as a syntax error, including trailing data and nesting beyond MaxDepth.
var ErrSyntax = errors.New("wire: malformed JSON")

// Kind is the kind of a JSON value, as its first byte tells.
type Kind uint8

// The kinds of JSON values. Invalid is what Kind reports where no value
// can start (or after an error).
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"invalid", "null", "bool", "number", "string", "array", "object"}

func (k Kind) String() string { return kindNames[k] }

// Target is the kind of Go value a JSON value was to be decoded into.
type Target uint8

// The targets of a TypeError. ToMap stands for a struct or a map.
const (
	ToString Target = iota
	ToBool
	ToLong
	ToMap
	ToList
)

var targetNames = [...]string{"string", "bool", "integer", "structure or map", "list"}

// TypeError reports a JSON value of a kind that does not fit its target
// (a number for a string member, an array for a structure, a fraction or
// an out-of-range number for an integer, …).
type TypeError struct {
	Value  Kind
	Target Target
}

func (e *TypeError) Error() string {
	return "wire: cannot decode a JSON " + e.Value.String() + " into a " + targetNames[e.Target]
}

// Reader reads one JSON value from a byte slice. The zero Reader reads
// an empty input; Reset gives it a body.
//
// Every method reads one value (or a part of an object or array) and
// consumes it whatever happens: a value of the wrong kind is recorded as
// a *TypeError (the first one only) and skipped; malformed JSON, or an
// error given to Fail, stops the reading (every later call does nothing)
// and is what End returns. A Reader is not safe for concurrent use.
type Reader struct {
	data     []byte
	pos      int
	depth    int  // objects and arrays open around pos
	open     bool // an object or array was just opened: no comma before its first entry
	err      error
	mismatch *TypeError
	key      []byte // the current member's key
	buf      []byte // unquoted strings
}

// Reset makes r read data from the start, forgetting every error.
func (r *Reader) Reset(data []byte) {
	*r = Reader{data: data, buf: r.buf[:0]}
}

// Fail stops the reading with err, unless it has stopped already. Use it
// for the errors of a value's own decoder (attribute values).
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// Failed reports whether the reading has stopped.
func (r *Reader) Failed() bool { return r.err != nil }

// End finishes the reading: only whitespace may follow the value read.
// It returns the error that stopped the reading, else the first
// *TypeError, else nil.
func (r *Reader) End() error {
	if r.err == nil {
		r.space()
		if r.pos < len(r.data) {
			r.err = ErrSyntax
		}
	}
	if r.err != nil {
		return r.err
	}
	if r.mismatch != nil {
		return r.mismatch
	}
	return nil
}

// Valid reports whether data is one well-formed JSON value (surrounded by
// whitespace), as encoding/json.Valid does.
func Valid(data []byte) bool {
	r := Reader{data: data}
	r.Skip()
	return r.End() == nil
}

// Kind returns the kind of the next value, without consuming it.
func (r *Reader) Kind() Kind {
	if r.err != nil {
		return Invalid
	}
	r.space()
	if r.pos >= len(r.data) {
		return Invalid
	}
	switch c := r.data[r.pos]; {
	case c == '{':
		return Object
	case c == '[':
		return Array
	case c == '"':
		return String
	case c == 't', c == 'f':
		return Bool
	case c == 'n':
		return Null
	case c == '-', c >= '0' && c <= '9':
		return Number
	}
	return Invalid
}

// Null consumes the next value if it is null and reports whether it was.
func (r *Reader) Null() bool {
	if r.Kind() != Null {
		return false
	}
	r.literal("null")
	return r.err == nil
}

// Mismatch records that the next value does not fit target (unless a
// mismatch was recorded already) and skips it.
func (r *Reader) Mismatch(target Target) {
	k := r.Kind()
	if k != Invalid && r.mismatch == nil {
		r.mismatch = &TypeError{Value: k, Target: target}
	}
	r.Skip()
}

// String reads a string into s. Null leaves s unchanged.
func (r *Reader) String(s *string) {
	switch r.Kind() {
	case String:
		if b := r.str(); r.err == nil {
			*s = string(b)
		}
	case Null:
		r.literal("null")
	default:
		r.Mismatch(ToString)
	}
}

// StringPtr reads a string into a new or existing *p; null sets p to nil.
func (r *Reader) StringPtr(p **string) { Ptr(r, p, (*Reader).String) }

// Bool reads true or false into b. Null leaves b unchanged.
func (r *Reader) Bool(b *bool) {
	switch r.Kind() {
	case Bool:
		v := r.data[r.pos] == 't'
		if v {
			r.literal("true")
		} else {
			r.literal("false")
		}
		if r.err == nil {
			*b = v
		}
	case Null:
		r.literal("null")
	default:
		r.Mismatch(ToBool)
	}
}

// BoolPtr reads a bool into a new or existing *p; null sets p to nil.
func (r *Reader) BoolPtr(p **bool) { Ptr(r, p, (*Reader).Bool) }

// Int64 reads an integer into n. A number with a fraction or an exponent,
// or out of int64's range, is a mismatch, as are other kinds. Null leaves
// n unchanged.
func (r *Reader) Int64(n *int64) {
	switch r.Kind() {
	case Number:
		start := r.pos
		r.number()
		if r.err != nil {
			return
		}
		if v, ok := parseInt(r.data[start:r.pos]); ok {
			*n = v
		} else if r.mismatch == nil {
			r.mismatch = &TypeError{Value: Number, Target: ToLong}
		}
	case Null:
		r.literal("null")
	default:
		r.Mismatch(ToLong)
	}
}

// Int reads an integer into n, as Int64 does, within int's range.
func (r *Reader) Int(n *int) {
	v := int64(*n)
	r.Int64(&v)
	if int64(int(v)) == v {
		*n = int(v)
	} else if r.mismatch == nil {
		r.mismatch = &TypeError{Value: Number, Target: ToLong}
	}
}

// IntPtr reads an integer into a new or existing *p; null sets p to nil.
func (r *Reader) IntPtr(p **int) { Ptr(r, p, (*Reader).Int) }

// Int64Ptr reads an integer into a new or existing *p; null sets p to nil.
func (r *Reader) Int64Ptr(p **int64) { Ptr(r, p, (*Reader).Int64) }

// parseInt parses the text of a JSON number as a decimal int64.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 {
		return 0, false
	}
	limit := uint64(1<<63 - 1)
	if neg {
		limit++
	}
	var u uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if u > (limit-d)/10 {
			return 0, false
		}
		u = u*10 + d
	}
	if neg {
		return -int64(u), true // -(1<<63) wraps to itself
	}
	return int64(u), true
}

// Object starts reading an object: if the next value is one, it consumes
// the opening brace and returns true, and Member then walks the members.
// Otherwise it consumes the value (null quietly, another kind as a
// mismatch with ToMap) and returns false.
func (r *Reader) Object() bool {
	switch r.Kind() {
	case Object:
		return r.openContainer()
	case Null:
		r.literal("null")
	default:
		r.Mismatch(ToMap)
	}
	return false
}

// Member advances to the next member of the object being read, leaving
// its key in Key and the reader at its value, which the caller must read
// (or Skip). At the closing brace it consumes it and returns false.
func (r *Reader) Member() bool {
	if !r.next('}') {
		return false
	}
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		r.err = ErrSyntax
		return false
	}
	r.key = r.str()
	r.space()
	if r.err != nil || r.pos >= len(r.data) || r.data[r.pos] != ':' {
		r.err = ErrSyntax
		return false
	}
	r.pos++
	return true
}

// Key returns the key of the current member, unquoted. The bytes are
// valid until the member's value is read.
func (r *Reader) Key() []byte { return r.key }

// Array starts reading an array: if the next value is one, it consumes
// the opening bracket and returns true, and Elem then walks the elements.
// Otherwise it consumes the value (null quietly, another kind as a
// mismatch with ToList) and returns false.
func (r *Reader) Array() bool {
	switch r.Kind() {
	case Array:
		return r.openContainer()
	case Null:
		r.literal("null")
	default:
		r.Mismatch(ToList)
	}
	return false
}

// Elem advances to the next element of the array being read, which the
// caller must read (or Skip). At the closing bracket it consumes it and
// returns false.
func (r *Reader) Elem() bool { return r.next(']') }

func (r *Reader) openContainer() bool {
	if r.depth >= MaxDepth {
		r.err = ErrSyntax
		return false
	}
	r.depth++
	r.pos++
	r.open = true
	return true
}

// next moves past the comma before the next entry of the object or array
// being read, or consumes its closer and returns false.
func (r *Reader) next(closer byte) bool {
	first := r.open
	r.open = false
	if r.err != nil {
		return false
	}
	r.space()
	if r.pos >= len(r.data) {
		r.err = ErrSyntax
		return false
	}
	if r.data[r.pos] == closer {
		r.pos++
		r.depth--
		return false
	}
	if !first {
		if r.data[r.pos] != ',' {
			r.err = ErrSyntax
			return false
		}
		r.pos++
		r.space()
	}
	return true
}

// Skip consumes the next value, checking its syntax.
func (r *Reader) Skip() {
	if r.err == nil {
		r.skip(r.depth)
	}
}

// Raw consumes the next value and returns its bytes (without surrounding
// whitespace), or nil once the reading has stopped.
func (r *Reader) Raw() []byte {
	if r.err != nil {
		return nil
	}
	r.space()
	start := r.pos
	r.skip(r.depth)
	if r.err != nil {
		return nil
	}
	return r.data[start:r.pos]
}

// Unmarshal hands the raw bytes of the next value to u (an attribute
// value's own decoder); its error stops the reading.
func (r *Reader) Unmarshal(u interface{ UnmarshalJSON([]byte) error }) {
	if raw := r.Raw(); r.err == nil {
		if err := u.UnmarshalJSON(raw); err != nil {
			r.err = err
		}
	}
}

// Decode hands the input from the next value on to u (an attribute
// value's own one-pass decoder), which decodes that value and says how
// many bytes it took; its error stops the reading. Unlike Unmarshal, the
// value is not scanned first to find its end. u must check the value's
// syntax as strictly as Skip does, or a caller must check the whole input
// (Valid) after an error of u; the engine does the second.
func (r *Reader) Decode(u interface{ DecodeJSONPrefix([]byte) (int, error) }) {
	if r.err != nil {
		return
	}
	r.space()
	n, err := u.DecodeJSONPrefix(r.data[r.pos:])
	if err != nil {
		r.err = err
		return
	}
	r.pos += n
}

// TryDecode is Decode for a caller that decides itself what u's error
// means: the error does not stop the reading but is returned, and the
// value u could not decode is skipped (as Raw skips it; malformed JSON
// there stops the reading).
func (r *Reader) TryDecode(u interface{ DecodeJSONPrefix([]byte) (int, error) }) error {
	if r.err != nil {
		return nil
	}
	r.space()
	n, err := u.DecodeJSONPrefix(r.data[r.pos:])
	if err != nil {
		r.skip(r.depth)
		return err
	}
	r.pos += n
	return nil
}

// Ptr reads a value into *p with read, allocating *p if it is nil; null
// sets *p to nil.
func Ptr[T any](r *Reader, p **T, read func(*Reader, *T)) {
	if r.Null() {
		*p = nil
		return
	}
	if *p == nil {
		*p = new(T)
	}
	read(r, *p)
}

// Slice reads an array into *s, each element with read; null sets *s to
// nil. As encoding/json does, it decodes into the elements *s already
// has (its whole capacity), then cuts *s to the elements read; an empty
// array gives an empty non-nil slice.
func Slice[T any](r *Reader, s *[]T, read func(*Reader, *T)) {
	if r.Null() {
		*s = nil
		return
	}
	if !r.Array() {
		return
	}
	v := *s
	i := 0
	for r.Elem() {
		if i >= cap(v) {
			v = slices.Grow(v, 1)
		}
		if i >= len(v) {
			v = v[:i+1]
		}
		read(r, &v[i])
		i++
	}
	if i < len(v) {
		v = v[:i]
	}
	if i == 0 {
		v = make([]T, 0)
	}
	*s = v
}

// Map reads an object into *m (made if nil), each member's value with
// read into a new zero T; null sets *m to nil.
func Map[T any](r *Reader, m *map[string]T, read func(*Reader, *T)) {
	if r.Null() {
		*m = nil
		return
	}
	if !r.Object() {
		return
	}
	if *m == nil {
		*m = make(map[string]T)
	}
	for r.Member() {
		k := string(r.Key())
		var v T
		read(r, &v)
		(*m)[k] = v
	}
}

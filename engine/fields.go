package engine

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Field tables: every request and response type declares its members once,
// in a members method beside the operation that owns it, one line per
// member:
//
//	func (in *GetItemInput) members(f *fields) {
//		member(f, "TableName", &in.TableName, &cString, 0)
//		member(f, "Key", &in.Key, &cItem, 0)
//		member(f, "ConsistentRead", &in.ConsistentRead, &cBoolPtr, omitEmpty)
//	}
//
// That one declaration decodes a request (member names matched exactly, as
// DynamoDB does; unknown members skipped), writes a response (members in
// declaration order, omitted by the omit rule given, byte for byte what
// encoding/json wrote), and lists the request parameters (Parameters, read
// by the README test). A codec says how one Go type reads and writes
// JSON on package wire; neither side uses reflection or encoding/json,
// which are slow and large in the browser's WebAssembly build. The json
// tags the types keep serve only the tests, whose encoding/json oracle
// (decode_oracle_test.go, encode_outputs_test.go) the tables are checked
// against, and TestMembers_MatchTags keeps the two equal.

// fields is what a members method is called with: it decodes, encodes or
// lists, member by member.
type fields struct {
	mode fieldMode
	// decoding: the reader and the key of the member being read; found is
	// set once a member of that name has read it.
	r     *wire.Reader
	key   []byte
	found bool
	// encoding: the JSON written so far.
	dst []byte
	// listing: the members.
	listed []listedMember
}

// listedMember is a member as a field table declares it.
type listedMember struct {
	name string
	p    unsafe.Pointer
	c    *erased
	o    omit
}

// fieldMode is what fields does.
type fieldMode uint8

const (
	decoding fieldMode = iota
	encoding
	listing
)

// omit is when a member is left out of a response.
type omit uint8

const (
	// omitEmpty leaves out an empty string, a false bool, a zero number,
	// a nil pointer and an empty slice or map (encoding/json's omitempty).
	omitEmpty omit = 1 + iota
	// omitZero leaves out a nil slice or map only (encoding/json's
	// omitzero).
	omitZero
)

// requestDecoder is a type with a field table (every request is one).
type requestDecoder interface {
	members(f *fields)
}

// codec reads and writes one Go type T as DynamoDB's JSON. It is typed
// for the declarations (member cannot pair a field with another type's
// codec) and erased inside: the loops over members, lists, pointers and
// maps are compiled once for every type, not once per type, which keeps
// the browser's module small. Per type there is only its field table, the
// growth of its slices (growAt) and a map type's operations (mapFuncs).
// TestCodecs_MatchTypes checks every codec against its Go type.
type codec[T any] struct{ x erased }

// erased is a codec without its type.
type erased struct {
	kind kind
	// kValue: the value's functions, on a pointer to it. write is nil for
	// request-only types, which are never written.
	read  func(r *wire.Reader, p unsafe.Pointer)
	write func(f *fields, p unsafe.Pointer)
	empty func(p unsafe.Pointer) bool // for omitEmpty
	// kObj: the field table, on a pointer to the struct.
	members func(p unsafe.Pointer, f *fields)
	// kPtr, kList, kMap: the codec of the element; kMap: the map's
	// operations.
	elem *erased
	maps *mapOps
	// size is the size of a value; at (set for the elements of lists,
	// maps and pointers), given a []T, extends it to i+1 elements when it
	// is shorter (within its capacity, else growing it as append does) and
	// returns it with the address of element i.
	size uintptr
	at   func(s sliceHeader, i int) (sliceHeader, unsafe.Pointer)
}

// kind is the kind of an erased codec.
type kind uint8

const (
	kValue kind = iota // a value with its own functions
	kObj               // a struct with a field table
	kPtr               // *T: null for nil
	kList              // []T: a JSON array, null for nil
	kMap               // map[string]T: a JSON object, null for nil
)

// member declares one member: its JSON name, the Go field holding it, its
// codec and when it is left out of a response.
func member[T any](f *fields, name string, p *T, c *codec[T], o omit) {
	field(f, name, unsafe.Pointer(p), &c.x, o)
}

// field is member, erased.
func field(f *fields, name string, p unsafe.Pointer, c *erased, o omit) {
	switch f.mode {
	case decoding:
		if !f.found && string(f.key) == name {
			f.found = true
			c.decode(f.r, p)
		}
	case encoding:
		if o != 0 && c.isEmpty(p, o) {
			return
		}
		f.dst = wire.Name(f.dst, name)
		c.encode(f, p)
	case listing:
		f.listed = append(f.listed, listedMember{name, p, c, o})
	}
}

// decodeMembers reads an object into v by its field table, with f (set to
// decoding from f.r). Null leaves v unchanged; another kind of value is a
// type mismatch.
func decodeMembers(f *fields, v requestDecoder) {
	r := f.r
	if !r.Object() {
		return
	}
	for r.Member() {
		f.key, f.found = r.Key(), false
		v.members(f)
		if !f.found {
			r.Skip()
		}
	}
}

// encodeMembers appends v's JSON object, written by its field table, to dst.
func encodeMembers(dst []byte, v requestDecoder) []byte {
	f := fields{mode: encoding, dst: append(dst, '{')}
	v.members(&f)
	return append(f.dst, '}')
}

// paramNames returns the member names of v's field table, in order.
func paramNames(v requestDecoder) []string {
	f := fields{mode: listing}
	v.members(&f)
	names := make([]string, len(f.listed))
	for i, m := range f.listed {
		names[i] = m.name
	}
	return names
}

// decode reads the next value into the value at p. As encoding/json (and
// wire.Ptr, wire.Slice, wire.Map) do: null sets a pointer, slice or map
// to nil and leaves a struct or scalar unchanged; a pointer's value is
// allocated when the pointer is nil; a slice is decoded into the elements
// it already has and then cut to the elements read (an empty array gives
// an empty non-nil slice); a map is made when nil and each member is read
// into a new zero value; unknown members of a struct are skipped.
func (c *erased) decode(r *wire.Reader, p unsafe.Pointer) {
	switch c.kind {
	case kValue:
		c.read(r, p)
	case kObj:
		if !r.Object() {
			return
		}
		f := fields{r: r}
		for r.Member() {
			f.key, f.found = r.Key(), false
			c.members(p, &f)
			if !f.found {
				r.Skip()
			}
		}
	case kPtr:
		pp := (*unsafe.Pointer)(p)
		if r.Null() {
			*pp = nil
			return
		}
		if *pp == nil {
			*pp = c.elem.alloc()
		}
		c.elem.decode(r, *pp)
	case kList:
		h := (*sliceHeader)(p)
		if r.Null() {
			*h = sliceHeader{}
			return
		}
		if !r.Array() {
			return
		}
		i := 0
		for r.Elem() {
			var e unsafe.Pointer
			*h, e = c.elem.at(*h, i)
			c.elem.decode(r, e)
			i++
		}
		if i < h.len {
			h.len = i
		}
		if i == 0 {
			*h = sliceHeader{data: unsafe.Pointer(&emptyArray)}
		}
	case kMap:
		if r.Null() {
			*(*unsafe.Pointer)(p) = nil
			return
		}
		if !r.Object() {
			return
		}
		c.maps.make(p)
		for r.Member() {
			k := string(r.Key())
			e := c.elem.alloc()
			c.elem.decode(r, e)
			c.maps.set(p, k, e)
		}
	}
}

// encode appends the value at p to f.dst.
func (c *erased) encode(f *fields, p unsafe.Pointer) {
	switch c.kind {
	case kValue:
		c.write(f, p)
	case kObj:
		f.dst = append(f.dst, '{')
		c.members(p, f)
		f.dst = append(f.dst, '}')
	case kPtr:
		if e := *(*unsafe.Pointer)(p); e != nil {
			c.elem.encode(f, e)
			return
		}
		f.dst = append(f.dst, "null"...)
	case kList:
		h := (*sliceHeader)(p)
		if h.data == nil {
			f.dst = append(f.dst, "null"...)
			return
		}
		f.dst = append(f.dst, '[')
		for i := range h.len {
			f.dst = wire.Comma(f.dst)
			c.elem.encode(f, unsafe.Add(h.data, uintptr(i)*c.elem.size))
		}
		f.dst = append(f.dst, ']')
	case kMap:
		keys := c.maps.keys(p)
		if keys == nil {
			f.dst = append(f.dst, "null"...)
			return
		}
		slices.Sort(keys)
		f.dst = append(f.dst, '{')
		for _, k := range keys {
			f.dst = wire.Comma(f.dst)
			f.dst = attr.AppendString(f.dst, k)
			f.dst = append(f.dst, ':')
			c.elem.encode(f, c.maps.get(p, k))
		}
		f.dst = append(f.dst, '}')
	}
}

// isEmpty reports whether the value at p is left out by o: omitEmpty
// leaves out empty strings, false, zero numbers, nil pointers and empty
// slices and maps; omitZero nil slices and maps.
func (c *erased) isEmpty(p unsafe.Pointer, o omit) bool {
	switch c.kind {
	case kPtr, kMap:
		if *(*unsafe.Pointer)(p) == nil {
			return true
		}
		return o == omitEmpty && c.kind == kMap && c.maps.len(p) == 0
	case kList:
		h := (*sliceHeader)(p)
		return h.data == nil || o == omitEmpty && h.len == 0
	case kValue:
		return c.empty(p)
	}
	return false
}

// alloc returns the address of a new zero value.
func (c *erased) alloc() unsafe.Pointer {
	_, e := c.at(sliceHeader{}, 0)
	return e
}

// sliceHeader is the layout of every slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// emptyArray is where the empty non-nil slices decode makes point.
var emptyArray [0]uint64

// growAt is the at function of a []T (see erased).
func growAt[T any](h sliceHeader, i int) (sliceHeader, unsafe.Pointer) {
	s := (*[]T)(unsafe.Pointer(&h))
	if i >= cap(*s) {
		*s = slices.Grow(*s, 1)
	}
	if i >= len(*s) {
		*s = (*s)[:i+1]
	}
	return h, unsafe.Pointer(&(*s)[i])
}

// ptrSize is the size of a pointer and of a map; sliceSize of a slice.
// Every pointer and map slice grows as a []unsafe.Pointer and every slice
// of slices as a [][]byte (same layouts), so their codecs share growAt.
const (
	ptrSize   = unsafe.Sizeof(unsafe.Pointer(nil))
	sliceSize = unsafe.Sizeof(sliceHeader{})
)

// mapOps are the typed operations on a map[string]T the erased code
// needs: keysOf, mapGet, mapMake, mapSet and mapLen of T.
type mapOps struct {
	keys func(p unsafe.Pointer) []string
	get  func(p unsafe.Pointer, k string) unsafe.Pointer
	make func(p unsafe.Pointer)
	set  func(p unsafe.Pointer, k string, e unsafe.Pointer)
	len  func(p unsafe.Pointer) int
}

// keysOf returns the keys of the map[string]T at p (in no order), nil
// for a nil map.
func keysOf[T any](p unsafe.Pointer) []string {
	m := *(*map[string]T)(p)
	if m == nil {
		return nil
	}
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// mapGet returns the address of a copy of the value under k.
func mapGet[T any](p unsafe.Pointer, k string) unsafe.Pointer {
	v := (*(*map[string]T)(p))[k]
	return unsafe.Pointer(&v)
}

// mapMake makes the map if it is nil.
func mapMake[T any](p unsafe.Pointer) {
	if m := (*map[string]T)(p); *m == nil {
		*m = make(map[string]T)
	}
}

// mapSet stores the T at e under k.
func mapSet[T any](p unsafe.Pointer, k string, e unsafe.Pointer) {
	(*(*map[string]T)(p))[k] = *(*T)(e)
}

func mapLen[T any](p unsafe.Pointer) int { return len(*(*map[string]T)(p)) }

// The codecs of the scalar and attribute-value types.
var (
	cString = codec[string]{erased{
		read:  func(r *wire.Reader, p unsafe.Pointer) { r.String((*string)(p)) },
		write: func(f *fields, p unsafe.Pointer) { f.dst = attr.AppendString(f.dst, *(*string)(p)) },
		empty: func(p unsafe.Pointer) bool { return *(*string)(p) == "" },
		size:  unsafe.Sizeof(""), at: growAt[string],
	}}
	cBool = codec[bool]{erased{
		read:  func(r *wire.Reader, p unsafe.Pointer) { r.Bool((*bool)(p)) },
		write: func(f *fields, p unsafe.Pointer) { f.dst = strconv.AppendBool(f.dst, *(*bool)(p)) },
		empty: func(p unsafe.Pointer) bool { return !*(*bool)(p) },
		size:  1, at: growAt[bool],
	}}
	cInt = codec[int]{erased{
		read:  func(r *wire.Reader, p unsafe.Pointer) { r.Int((*int)(p)) },
		write: func(f *fields, p unsafe.Pointer) { f.dst = strconv.AppendInt(f.dst, int64(*(*int)(p)), 10) },
		empty: func(p unsafe.Pointer) bool { return *(*int)(p) == 0 },
		size:  8, at: growAt[int],
	}}
	cInt64 = codec[int64]{erased{
		read:  func(r *wire.Reader, p unsafe.Pointer) { r.Int64((*int64)(p)) },
		write: func(f *fields, p unsafe.Pointer) { f.dst = strconv.AppendInt(f.dst, *(*int64)(p), 10) },
		empty: func(p unsafe.Pointer) bool { return *(*int64)(p) == 0 },
		size:  8, at: growAt[int64],
	}}
	cFloat = codec[float64]{erased{
		write: func(f *fields, p unsafe.Pointer) { f.dst = wire.AppendFloat(f.dst, *(*float64)(p)) },
		empty: func(p unsafe.Pointer) bool { return *(*float64)(p) == 0 },
		size:  8,
	}}
	// cEpoch writes plain decimal seconds, as EpochSeconds.MarshalJSON.
	cEpoch = codec[EpochSeconds]{erased{
		write: func(f *fields, p unsafe.Pointer) {
			f.dst = strconv.AppendFloat(f.dst, float64(*(*EpochSeconds)(p)), 'f', -1, 64)
		},
		empty: func(p unsafe.Pointer) bool { return *(*EpochSeconds)(p) == 0 },
		size:  8,
	}}
	cItem = codec[attr.Item]{erased{
		read: func(r *wire.Reader, p unsafe.Pointer) { r.Decode((*attr.Item)(p)) },
		write: func(f *fields, p unsafe.Pointer) {
			if it := *(*attr.Item)(p); it != nil {
				f.dst = attr.AppendItemJSON(f.dst, it)
				return
			}
			f.dst = append(f.dst, "null"...)
		},
		empty: func(p unsafe.Pointer) bool { return len(*(*attr.Item)(p)) == 0 },
		size:  ptrSize, at: growAt[unsafe.Pointer],
	}}
	cValue = codec[attr.Value]{erased{
		read: func(r *wire.Reader, p unsafe.Pointer) { r.Decode((*attr.Value)(p)) },
		size: unsafe.Sizeof(attr.Value{}), at: growAt[attr.Value],
	}}
	cValues = codec[ExpressionValues]{erased{
		read: func(r *wire.Reader, p unsafe.Pointer) { readExpressionValues(r, (*ExpressionValues)(p)) },
	}}

	cStringPtr = codec[*string]{erased{kind: kPtr, elem: &cString.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cBoolPtr   = codec[*bool]{erased{kind: kPtr, elem: &cBool.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cIntPtr    = codec[*int]{erased{kind: kPtr, elem: &cInt.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cInt64Ptr  = codec[*int64]{erased{kind: kPtr, elem: &cInt64.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cFloatPtr  = codec[*float64]{erased{kind: kPtr, elem: &cFloat.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cEpochPtr  = codec[*EpochSeconds]{erased{kind: kPtr, elem: &cEpoch.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cStrings   = codec[[]string]{erased{kind: kList, elem: &cString.x, size: sliceSize, at: growAt[[]byte]}}
	cFloats    = codec[[]float64]{erased{kind: kList, elem: &cFloat.x, size: sliceSize, at: growAt[[]byte]}}
	cItems     = codec[[]attr.Item]{erased{kind: kList, elem: &cItem.x, size: sliceSize, at: growAt[[]byte]}}
	cNames     = codec[map[string]string]{erased{kind: kMap, elem: &cString.x, size: ptrSize, at: growAt[unsafe.Pointer],
		maps: &mapOps{keys: keysOf[string], get: mapGet[string], make: mapMake[string], set: mapSet[string], len: mapLen[string]}}}
	cItemLists = codec[map[string][]attr.Item]{erased{kind: kMap, elem: &cItems.x, size: ptrSize, at: growAt[unsafe.Pointer],
		maps: &mapOps{keys: keysOf[[]attr.Item], get: mapGet[[]attr.Item], make: mapMake[[]attr.Item], set: mapSet[[]attr.Item], len: mapLen[[]attr.Item]}}}
	cValuePtr  = codec[*attr.Value]{erased{kind: kPtr, elem: &cValue.x, size: ptrSize, at: growAt[unsafe.Pointer]}}
	cValueList = codec[[]attr.Value]{erased{kind: kList, elem: &cValue.x, size: sliceSize, at: growAt[[]byte]}}
)

// itemOmitZero is cItem with omitZero's rule: only a nil item is left out.
var itemOmitZero = codec[attr.Item]{erased{read: cItem.x.read, write: cItem.x.write,
	empty: func(p unsafe.Pointer) bool { return *(*attr.Item)(p) == nil }}}

// The legacy condition parameters (Expected, KeyConditions, QueryFilter,
// ScanFilter, AttributeUpdates), whose types belong to package expr.
var (
	cExpectedValue = codec[expr.ExpectedValue]{erased{kind: kObj, size: unsafe.Sizeof(expr.ExpectedValue{}), at: growAt[expr.ExpectedValue],
		members: func(p unsafe.Pointer, f *fields) {
			e := (*expr.ExpectedValue)(p)
			member(f, "Value", &e.Value, &cValuePtr, omitEmpty)
			member(f, "Exists", &e.Exists, &cBoolPtr, omitEmpty)
			member(f, "ComparisonOperator", &e.ComparisonOperator, &cString, omitEmpty)
			member(f, "AttributeValueList", &e.AttributeValueList, &cValueList, omitEmpty)
		}}}
	cExpected = codec[map[string]expr.ExpectedValue]{erased{kind: kMap, elem: &cExpectedValue.x, size: ptrSize, at: growAt[unsafe.Pointer],
		maps: &mapOps{keys: keysOf[expr.ExpectedValue], get: mapGet[expr.ExpectedValue], make: mapMake[expr.ExpectedValue], set: mapSet[expr.ExpectedValue], len: mapLen[expr.ExpectedValue]}}}
	cAttributeUpdate = codec[expr.AttributeUpdate]{erased{kind: kObj, size: unsafe.Sizeof(expr.AttributeUpdate{}), at: growAt[expr.AttributeUpdate],
		members: func(p unsafe.Pointer, f *fields) {
			u := (*expr.AttributeUpdate)(p)
			member(f, "Action", &u.Action, &cString, omitEmpty)
			member(f, "Value", &u.Value, &cValuePtr, omitEmpty)
		}}}
	cAttributeUpdates = codec[map[string]expr.AttributeUpdate]{erased{kind: kMap, elem: &cAttributeUpdate.x, size: ptrSize, at: growAt[unsafe.Pointer],
		maps: &mapOps{keys: keysOf[expr.AttributeUpdate], get: mapGet[expr.AttributeUpdate], make: mapMake[expr.AttributeUpdate], set: mapSet[expr.AttributeUpdate], len: mapLen[expr.AttributeUpdate]}}}
)

// readExpressionValues decodes ExpressionAttributeValues as its former
// UnmarshalJSON did: a value that breaks a rule is "ExpressionAttributeValues
// contains invalid value: <reason> for key :v" for the first such key in
// sorted order, unless another value (in that order) has a shape error,
// which wins; the parameter's shape errors stop the decoding at once.
func readExpressionValues(r *wire.Reader, m *ExpressionValues) {
	switch k := r.Kind(); k {
	case wire.Null:
		r.Null()
		*m = nil
		return
	case wire.Object, wire.Invalid:
	default:
		r.Fail(&wire.TypeError{Value: k, Target: wire.ToMap})
		return
	}
	if !r.Object() {
		return
	}
	type member struct {
		key string
		raw []byte
	}
	var members []member
	for r.Member() {
		k := string(r.Key())
		members = append(members, member{k, r.Raw()})
	}
	if r.Failed() {
		return
	}
	// Sort by key, the last of duplicated keys first (it wins).
	slices.Reverse(members)
	slices.SortStableFunc(members, func(a, b member) int { return cmp.Compare(a.key, b.key) })
	members = slices.CompactFunc(members, func(a, b member) bool { return a.key == b.key })
	out := make(ExpressionValues, len(members))
	var invalid error
	for _, e := range members {
		var v attr.Value
		if err := v.UnmarshalJSON(e.raw); err != nil {
			de, ok := errors.AsType[*ddberr.Error](err)
			if !ok || de.Type != ddberr.TypeValidation {
				r.Fail(err)
				return
			}
			if invalid == nil {
				invalid = validationf(msgInvalidExprValueFmt, de.Message, e.key)
			}
			continue
		}
		out[e.key] = v
	}
	if invalid != nil {
		r.Fail(invalid)
		return
	}
	*m = out
}

// itemHint estimates the length of the JSON of an item and of a
// ConsumedCapacity, to grow a buffer once instead of many times.
func itemHint(it attr.Item, cc *ConsumedCapacity) int {
	n := 16
	if it != nil {
		n += 32 + attr.ItemSize(it)*5/4
	}
	if cc != nil {
		n += 128 + 64*(len(cc.GlobalSecondaryIndexes)+len(cc.LocalSecondaryIndexes))
	}
	return n
}

// growTable grows dst once for the JSON of an output holding t: about
// 1 KB for a table, 400 bytes an index.
func growTable(dst []byte, t *TableDescription) []byte {
	if t == nil {
		return dst
	}
	return slices.Grow(dst, 640+64*len(t.AttributeDefinitions)+400*(len(t.LocalSecondaryIndexes)+len(t.GlobalSecondaryIndexes)))
}

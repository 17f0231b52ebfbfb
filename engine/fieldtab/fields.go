package fieldtab

import (
	"slices"
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/validate"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Fields is what a members method is called with: it decodes, encodes or
// lists, member by member.
type Fields struct {
	mode fieldMode
	// decoding: the reader and the key of the member being read; found is
	// set once a member of that name has read it.
	r     *wire.Reader
	key   []byte
	found bool
	// encoding: the JSON written so far.
	dst []byte
	// listing: the members.
	listed []Listed
}

// Listed is a member as a field table declares it: its name, the address
// of its Go field, its codec and its omit rule.
type Listed struct {
	Name  string
	P     unsafe.Pointer
	Codec *Erased
	Omit  Omit
}

// fieldMode is what Fields does.
type fieldMode uint8

const (
	decoding fieldMode = iota
	encoding
	listing
)

// Omit is when a member is left out of a response.
type Omit uint8

const (
	// OmitEmpty leaves out an empty string, a false bool, a zero number,
	// a nil pointer and an empty slice or map (encoding/json's omitempty).
	OmitEmpty Omit = 1 + iota
	// OmitZero leaves out a nil slice or map only (encoding/json's
	// omitzero).
	OmitZero
)

// Codec reads and writes one Go type T as DynamoDB's JSON. It is typed
// for the declarations (Member cannot pair a field with another type's
// codec) and erased inside: the loops over members, lists, pointers and
// maps are compiled once for every type, not once per type, which keeps
// the browser's module small. Per type there is only its field table, the
// growth of its slices (GrowAt) and a map type's operations (MapOps).
//
// Codecs are declared as composite literals, never made by calls, so
// that the linker lays them out as data: constructor functions cost the
// browser's module 200 KB (init code and one instantiation per type):
//
//	cTag = fieldtab.Codec[Tag]{fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Tag{}), At: fieldtab.GrowAt[Tag],
//		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {…}}}
//	cTagList = fieldtab.Codec[[]Tag]{fieldtab.Erased{Kind: fieldtab.KList, Elem: &cTag.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
//
// The engine's TestFieldTables_MatchTypes checks every codec against its
// Go type, as this package's tests check its own.
type Codec[T any] struct{ X Erased }

// Erased returns c without its type.
func (c *Codec[T]) Erased() *Erased { return &c.X }

// Append appends the JSON of *v to dst.
func (c *Codec[T]) Append(dst []byte, v *T) []byte {
	f := Fields{mode: encoding, dst: dst}
	c.X.encode(&f, unsafe.Pointer(v))
	return f.dst
}

// Erased is a Codec without its type: what a codec literal sets.
type Erased struct {
	Kind Kind
	// KValue: the value's functions, on a pointer to it. Read is nil for
	// response-only types, which are never read, Write for request-only
	// types; Empty is OmitEmpty's test.
	Read  func(r *wire.Reader, p unsafe.Pointer)
	Write func(dst []byte, p unsafe.Pointer) []byte
	Empty func(p unsafe.Pointer) bool
	// KObj: the field table, on a pointer to the struct.
	Members func(p unsafe.Pointer, f *Fields)
	// KPtr, KList, KMap: the codec of the element; KMap: the map's
	// operations.
	Elem *Erased
	Maps *MapOps
	// Size is the size of a value; At (set for the elements of lists,
	// maps and pointers that are decoded: GrowAt of the element type, of
	// unsafe.Pointer for pointers and maps, of []byte for slices), given a
	// []T, extends it to i+1 elements when it is shorter (within its
	// capacity, else growing it as append does) and returns it with the
	// address of element i.
	Size uintptr
	At   func(s SliceHeader, i int) (SliceHeader, unsafe.Pointer)
}

// Kind is the kind of an Erased codec.
type Kind uint8

const (
	KValue Kind = iota // a value with its own functions
	KObj               // a struct with a field table
	KPtr               // *T: null for nil
	KList              // []T: a JSON array, null for nil
	KMap               // map[string]T: a JSON object, null for nil
)

// Member declares one member: its JSON name, the Go field holding it, its
// codec and when it is left out of a response.
func Member[T any](f *Fields, name string, p *T, c *Codec[T], o Omit) {
	Field(f, name, unsafe.Pointer(p), &c.X, o)
}

// Field is Member, erased.
func Field(f *Fields, name string, p unsafe.Pointer, c *Erased, o Omit) {
	switch f.mode {
	case decoding:
		if !f.found && string(f.key) == name {
			f.found = true
			if name == "TableName" && c.Kind == KValue && c.Size == unsafe.Sizeof("") && c != &StringAsGiven.X {
				c = &tableName.X
			}
			c.decode(f.r, p)
		}
	case encoding:
		if o != 0 && c.isEmpty(p, o) {
			return
		}
		f.dst = wire.Name(f.dst, name)
		c.encode(f, p)
	case listing:
		f.listed = append(f.listed, Listed{name, p, c, o})
	}
}

// Decode reads an object from r into the type whose field table members
// is, with f (reused across calls to spare an allocation). Null leaves
// the value unchanged; another kind of value is a type mismatch (r fails).
func Decode(f *Fields, r *wire.Reader, members func(*Fields)) {
	*f = Fields{r: r}
	if !r.Object() {
		return
	}
	for r.Member() {
		f.key, f.found = r.Key(), false
		members(f)
		if !f.found {
			r.Skip()
		}
	}
}

// Encode appends the JSON object written by the field table members to
// dst.
func Encode(dst []byte, members func(*Fields)) []byte {
	f := Fields{mode: encoding, dst: append(dst, '{')}
	members(&f)
	return append(f.dst, '}')
}

// Members returns the members of a field table, in order.
func Members(members func(*Fields)) []Listed {
	f := Fields{mode: listing}
	members(&f)
	return f.listed
}

// Names returns the member names of a field table, in order.
func Names(members func(*Fields)) []string {
	f := Fields{mode: listing}
	members(&f)
	names := make([]string, len(f.listed))
	for i, m := range f.listed {
		names[i] = m.Name
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
func (c *Erased) decode(r *wire.Reader, p unsafe.Pointer) {
	switch c.Kind {
	case KValue:
		c.Read(r, p)
	case KObj:
		if !r.Object() {
			return
		}
		f := Fields{r: r}
		for r.Member() {
			f.key, f.found = r.Key(), false
			c.Members(p, &f)
			if !f.found {
				r.Skip()
			}
		}
	case KPtr:
		pp := (*unsafe.Pointer)(p)
		if r.Null() {
			*pp = nil
			return
		}
		if *pp == nil {
			*pp = c.Elem.alloc()
		}
		c.Elem.decode(r, *pp)
	case KList:
		h := (*SliceHeader)(p)
		if r.Null() {
			*h = SliceHeader{}
			return
		}
		if !r.Array() {
			return
		}
		i := 0
		for r.Elem() {
			var e unsafe.Pointer
			*h, e = c.Elem.At(*h, i)
			c.Elem.decode(r, e)
			i++
		}
		if i < h.len {
			h.len = i
		}
		if i == 0 {
			*h = SliceHeader{data: unsafe.Pointer(&emptyArray)}
		}
	case KMap:
		if r.Null() {
			*(*unsafe.Pointer)(p) = nil
			return
		}
		if !r.Object() {
			return
		}
		c.Maps.Make(p)
		for r.Member() {
			k := string(r.Key())
			e := c.Elem.alloc()
			c.Elem.decode(r, e)
			c.Maps.Set(p, k, e)
		}
	}
}

// encode appends the value at p to f.dst.
func (c *Erased) encode(f *Fields, p unsafe.Pointer) {
	switch c.Kind {
	case KValue:
		f.dst = c.Write(f.dst, p)
	case KObj:
		f.dst = append(f.dst, '{')
		c.Members(p, f)
		f.dst = append(f.dst, '}')
	case KPtr:
		if e := *(*unsafe.Pointer)(p); e != nil {
			c.Elem.encode(f, e)
			return
		}
		f.dst = append(f.dst, "null"...)
	case KList:
		h := (*SliceHeader)(p)
		if h.data == nil {
			f.dst = append(f.dst, "null"...)
			return
		}
		f.dst = append(f.dst, '[')
		for i := range h.len {
			f.dst = wire.Comma(f.dst)
			c.Elem.encode(f, unsafe.Add(h.data, uintptr(i)*c.Elem.Size))
		}
		f.dst = append(f.dst, ']')
	case KMap:
		keys := c.Maps.Keys(p)
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
			c.Elem.encode(f, c.Maps.Get(p, k))
		}
		f.dst = append(f.dst, '}')
	}
}

// isEmpty reports whether the value at p is left out by o: OmitEmpty
// leaves out empty strings, false, zero numbers, nil pointers and empty
// slices and maps; OmitZero nil slices and maps.
func (c *Erased) isEmpty(p unsafe.Pointer, o Omit) bool {
	switch c.Kind {
	case KPtr, KMap:
		if *(*unsafe.Pointer)(p) == nil {
			return true
		}
		return o == OmitEmpty && c.Kind == KMap && c.Maps.Len(p) == 0
	case KList:
		h := (*SliceHeader)(p)
		return h.data == nil || o == OmitEmpty && h.len == 0
	case KValue:
		return c.Empty(p)
	}
	return false
}

// alloc returns the address of a new zero value.
func (c *Erased) alloc() unsafe.Pointer {
	_, e := c.At(SliceHeader{}, 0)
	return e
}

// SliceHeader is the layout of every slice.
type SliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// emptyArray is where the empty non-nil slices decode makes point.
var emptyArray [0]uint64

// GrowAt is the At function of a []T (see Erased).
func GrowAt[T any](h SliceHeader, i int) (SliceHeader, unsafe.Pointer) {
	s := (*[]T)(unsafe.Pointer(&h))
	if i >= cap(*s) {
		*s = slices.Grow(*s, 1)
	}
	if i >= len(*s) {
		*s = (*s)[:i+1]
	}
	return h, unsafe.Pointer(&(*s)[i])
}

// PtrSize is the size of a pointer and of a map; SliceSize of a slice.
// Every pointer and map slice grows as a []unsafe.Pointer and every slice
// of slices as a [][]byte (same layouts), so their codecs share GrowAt.
const (
	PtrSize   = unsafe.Sizeof(unsafe.Pointer(nil))
	SliceSize = unsafe.Sizeof(SliceHeader{})
)

// MapOps are the typed operations on a map[string]T the Erased code
// needs: KeysOf, MapGet, MapMake, MapSet and MapLen of T.
type MapOps struct {
	Keys func(p unsafe.Pointer) []string
	Get  func(p unsafe.Pointer, k string) unsafe.Pointer
	Make func(p unsafe.Pointer)
	Set  func(p unsafe.Pointer, k string, e unsafe.Pointer)
	Len  func(p unsafe.Pointer) int
}

// KeysOf returns the keys of the map[string]T at p (in no order), nil
// for a nil map.
func KeysOf[T any](p unsafe.Pointer) []string {
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

// MapGet returns the address of a copy of the value under k.
func MapGet[T any](p unsafe.Pointer, k string) unsafe.Pointer {
	v := (*(*map[string]T)(p))[k]
	return unsafe.Pointer(&v)
}

// MapMake makes the map if it is nil.
func MapMake[T any](p unsafe.Pointer) {
	if m := (*map[string]T)(p); *m == nil {
		*m = make(map[string]T)
	}
}

// MapSet stores the T at e under k.
func MapSet[T any](p unsafe.Pointer, k string, e unsafe.Pointer) {
	(*(*map[string]T)(p))[k] = *(*T)(e)
}

func MapLen[T any](p unsafe.Pointer) int { return len(*(*map[string]T)(p)) }

// tableName reads every TableName member (Field swaps it in for the
// string codec and its copies, in any package's field table): the empty string given as the name becomes
// validate.EmptyName, so that it is refused for its length and told apart
// from a name left out or null, which is refused as null.
var tableName = Codec[string]{X: Erased{
	Read: func(r *wire.Reader, p unsafe.Pointer) {
		s := (*string)(p)
		null := r.Kind() == wire.Null
		r.String(s)
		if *s == "" && !null {
			*s = validate.EmptyName
		}
	},
}}

// The codecs of the scalar and attribute-value types, and of the
// pointers, lists and maps of them the requests and responses hold.
var (
	String = Codec[string]{X: Erased{Read: readString, Write: writeString, Empty: emptyString,
		Size: unsafe.Sizeof(""), At: GrowAt[string]}}
	Bool = Codec[bool]{X: Erased{
		Read:  func(r *wire.Reader, p unsafe.Pointer) { r.Bool((*bool)(p)) },
		Write: func(dst []byte, p unsafe.Pointer) []byte { return strconv.AppendBool(dst, *(*bool)(p)) },
		Empty: func(p unsafe.Pointer) bool { return !*(*bool)(p) },
		Size:  1, At: GrowAt[bool],
	}}
	Int = Codec[int]{X: Erased{
		Read:  func(r *wire.Reader, p unsafe.Pointer) { r.Int((*int)(p)) },
		Write: func(dst []byte, p unsafe.Pointer) []byte { return strconv.AppendInt(dst, int64(*(*int)(p)), 10) },
		Empty: func(p unsafe.Pointer) bool { return *(*int)(p) == 0 },
		Size:  8, At: GrowAt[int],
	}}
	Int64 = Codec[int64]{X: Erased{
		Read:  func(r *wire.Reader, p unsafe.Pointer) { r.Int64((*int64)(p)) },
		Write: func(dst []byte, p unsafe.Pointer) []byte { return strconv.AppendInt(dst, *(*int64)(p), 10) },
		Empty: func(p unsafe.Pointer) bool { return *(*int64)(p) == 0 },
		Size:  8, At: GrowAt[int64],
	}}
	Float = Codec[float64]{X: Erased{
		Write: func(dst []byte, p unsafe.Pointer) []byte { return wire.AppendFloat(dst, *(*float64)(p)) },
		Empty: func(p unsafe.Pointer) bool { return *(*float64)(p) == 0 },
		Size:  8,
	}}
	Item = Codec[attr.Item]{X: Erased{
		Read: func(r *wire.Reader, p unsafe.Pointer) { r.Decode((*attr.Item)(p)) },
		Write: func(dst []byte, p unsafe.Pointer) []byte {
			if it := *(*attr.Item)(p); it != nil {
				return attr.AppendItemJSON(dst, it)
			}
			return append(dst, "null"...)
		},
		Empty: func(p unsafe.Pointer) bool { return len(*(*attr.Item)(p)) == 0 },
		Size:  PtrSize, At: GrowAt[unsafe.Pointer],
	}}
	AttrValue = Codec[attr.Value]{X: Erased{
		Read: func(r *wire.Reader, p unsafe.Pointer) { r.Decode((*attr.Value)(p)) },
		Size: unsafe.Sizeof(attr.Value{}), At: GrowAt[attr.Value],
	}}

	// StringAsGiven is String for a TableName member where an empty name
	// means none (the Streams API's ListStreams): Field reads it as given,
	// not with its TableName codec.
	StringAsGiven = Codec[string]{X: Erased{Read: readString, Write: writeString, Empty: emptyString,
		Size: unsafe.Sizeof(""), At: GrowAt[string]}}

	StringPtr = Codec[*string]{X: Erased{Kind: KPtr, Elem: &String.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	BoolPtr   = Codec[*bool]{X: Erased{Kind: KPtr, Elem: &Bool.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	IntPtr    = Codec[*int]{X: Erased{Kind: KPtr, Elem: &Int.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	Int64Ptr  = Codec[*int64]{X: Erased{Kind: KPtr, Elem: &Int64.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	FloatPtr  = Codec[*float64]{X: Erased{Kind: KPtr, Elem: &Float.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	Strings   = Codec[[]string]{X: Erased{Kind: KList, Elem: &String.X, Size: SliceSize, At: GrowAt[[]byte]}}
	Floats    = Codec[[]float64]{X: Erased{Kind: KList, Elem: &Float.X, Size: SliceSize, At: GrowAt[[]byte]}}
	Items     = Codec[[]attr.Item]{X: Erased{Kind: KList, Elem: &Item.X, Size: SliceSize, At: GrowAt[[]byte]}}
	StringMap = Codec[map[string]string]{X: Erased{Kind: KMap, Elem: &String.X, Size: PtrSize, At: GrowAt[unsafe.Pointer],
		Maps: &MapOps{Keys: KeysOf[string], Get: MapGet[string], Make: MapMake[string], Set: MapSet[string], Len: MapLen[string]}}}
	ItemLists = Codec[map[string][]attr.Item]{X: Erased{Kind: KMap, Elem: &Items.X, Size: PtrSize, At: GrowAt[unsafe.Pointer],
		Maps: &MapOps{Keys: KeysOf[[]attr.Item], Get: MapGet[[]attr.Item], Make: MapMake[[]attr.Item], Set: MapSet[[]attr.Item], Len: MapLen[[]attr.Item]}}}
	AttrValuePtr  = Codec[*attr.Value]{X: Erased{Kind: KPtr, Elem: &AttrValue.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	AttrValueList = Codec[[]attr.Value]{X: Erased{Kind: KList, Elem: &AttrValue.X, Size: SliceSize, At: GrowAt[[]byte]}}
)

// The functions of String and StringAsGiven.
func readString(r *wire.Reader, p unsafe.Pointer) { r.String((*string)(p)) }

func writeString(dst []byte, p unsafe.Pointer) []byte { return attr.AppendString(dst, *(*string)(p)) }

func emptyString(p unsafe.Pointer) bool { return *(*string)(p) == "" }

// ItemOmitZero is Item with OmitZero's rule: only a nil item is left out.
var ItemOmitZero = Codec[attr.Item]{X: Erased{Read: Item.X.Read, Write: Item.X.Write,
	Empty: func(p unsafe.Pointer) bool { return *(*attr.Item)(p) == nil }}}

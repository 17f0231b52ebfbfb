package engine

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// valueCodecs are the codecs of kind kValue and the Go type each is for.
var valueCodecs = map[*erased]reflect.Type{
	&cString.x:      reflect.TypeFor[string](),
	&cBool.x:        reflect.TypeFor[bool](),
	&cInt.x:         reflect.TypeFor[int](),
	&cInt64.x:       reflect.TypeFor[int64](),
	&cFloat.x:       reflect.TypeFor[float64](),
	&cEpoch.x:       reflect.TypeFor[EpochSeconds](),
	&cItem.x:        reflect.TypeFor[attr.Item](),
	&itemOmitZero.x: reflect.TypeFor[attr.Item](),
	&cValue.x:       reflect.TypeFor[attr.Value](),
	&cValues.x:      reflect.TypeFor[ExpressionValues](),
	&cItemList.x:    reflect.TypeFor[ItemList](),
}

// tableTypes returns every type with a field table: the requests and
// responses of the registered operations.
func tableTypes() []any {
	var out []any
	for _, op := range Operations() {
		out = append(out, opInputs[op]())
	}
	for _, o := range encodedOutputs {
		out = append(out, o)
	}
	return append(out, &QueryOutput{}, &ScanOutput{})
}

// TestFieldTables_MatchTypes checks every field table, nested ones
// included, against its Go type by reflection (which the tables
// themselves never use): one member per exported field, in field order,
// named and omitted as the field's json tag says, pointing at that field,
// with a codec for the field's type (the codecs are erased inside, so a
// mismatch would read or write the wrong memory).
func TestFieldTables_MatchTypes(t *testing.T) {
	seen := map[reflect.Type]bool{}
	for _, v := range tableTypes() {
		if v, ok := v.(requestDecoder); ok {
			rv := reflect.ValueOf(v)
			f := fields{mode: listing}
			v.members(&f)
			checkTable(t, rv.Type().Elem(), unsafe.Pointer(rv.Pointer()), f.listed, seen)
		}
	}
}

func checkTable(t *testing.T, typ reflect.Type, base unsafe.Pointer, listed []listedMember, seen map[reflect.Type]bool) {
	t.Helper()
	if seen[typ] {
		return
	}
	seen[typ] = true
	var want []reflect.StructField
	for sf := range typ.Fields() {
		if sf.IsExported() {
			want = append(want, sf)
		}
	}
	if len(listed) != len(want) {
		t.Errorf("%v: field table has %d members, the type %d exported fields", typ, len(listed), len(want))
		return
	}
	for i, sf := range want {
		m := listed[i]
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" {
			name = sf.Name
		}
		o := omit(0)
		switch {
		case strings.Contains(opts, "omitempty"):
			o = omitEmpty
		case strings.Contains(opts, "omitzero"):
			o = omitZero
		}
		if m.name != name || uintptr(m.p)-uintptr(base) != sf.Offset {
			t.Errorf("%v member %d: %q at offset %d, want %q (field %s at offset %d)", typ, i, m.name, uintptr(m.p)-uintptr(base), name, sf.Name, sf.Offset)
		}
		if m.o != o && !(m.c == &itemOmitZero.x && o == omitZero) {
			t.Errorf("%v.%s: omit %d, the json tag says %d", typ, sf.Name, m.o, o)
		}
		checkCodec(t, typ.String()+"."+sf.Name, sf.Type, m.c, seen)
	}
}

// checkCodec checks that c is a codec for values of type typ.
func checkCodec(t *testing.T, where string, typ reflect.Type, c *erased, seen map[reflect.Type]bool) {
	t.Helper()
	if c.size != 0 && c.size != typ.Size() {
		t.Errorf("%s: codec size %d, type %v has %d", where, c.size, typ, typ.Size())
	}
	switch c.kind {
	case kValue:
		if want, ok := valueCodecs[c]; !ok || want != typ {
			t.Errorf("%s: value codec for %v, the field is %v", where, want, typ)
		}
	case kObj:
		if typ.Kind() != reflect.Struct {
			t.Errorf("%s: struct codec for a %v", where, typ)
			return
		}
		v := reflect.New(typ)
		f := fields{mode: listing}
		c.members(unsafe.Pointer(v.Pointer()), &f)
		checkTable(t, typ, unsafe.Pointer(v.Pointer()), f.listed, seen)
	case kPtr, kList:
		want := map[kind]reflect.Kind{kPtr: reflect.Pointer, kList: reflect.Slice}[c.kind]
		if typ.Kind() != want {
			t.Errorf("%s: %v codec for a %v", where, want, typ)
			return
		}
		checkElem(t, where, typ.Elem(), c.elem, seen)
	case kMap:
		if typ.Kind() != reflect.Map || typ.Key().Kind() != reflect.String {
			t.Errorf("%s: map codec for a %v", where, typ)
			return
		}
		checkElem(t, where, typ.Elem(), c.elem, seen)
	}
}

// checkElem checks the element codec of a pointer, slice or map: its
// codec, and its growth (at) when it has one, which must give a zero
// value of the element's size.
func checkElem(t *testing.T, where string, typ reflect.Type, c *erased, seen map[reflect.Type]bool) {
	t.Helper()
	checkCodec(t, where+"[elem]", typ, c, seen)
	if c.at == nil {
		return
	}
	sp := reflect.New(reflect.SliceOf(typ))
	h := (*sliceHeader)(unsafe.Pointer(sp.Pointer()))
	var e2 unsafe.Pointer
	for i := range 3 { // as decoding calls it: element after element
		*h, e2 = c.at(*h, i)
	}
	got := sp.Elem()
	if got.Len() != 3 || got.Index(2).Addr().UnsafePointer() != e2 {
		t.Errorf("%s: at grew a []%v to %d elements, element 2 at %p", where, typ, got.Len(), e2)
	}
}

// TestFieldTables_LegacyTypes checks the tables of package expr's types.
func TestFieldTables_LegacyTypes(t *testing.T) {
	seen := map[reflect.Type]bool{}
	checkCodec(t, "Expected", reflect.TypeFor[map[string]expr.ExpectedValue](), &cExpected.x, seen)
	checkCodec(t, "AttributeUpdates", reflect.TypeFor[map[string]expr.AttributeUpdate](), &cAttributeUpdates.x, seen)
}

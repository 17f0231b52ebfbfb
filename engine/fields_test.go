package engine

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/schema"
)

// valueCodecs are the codecs of kind KValue and the Go type each is for:
// the engine's short names (codecs.go) are copies of package fieldtab's
// codecs, whose own addresses the pointer, list and map codecs hold.
var valueCodecs = map[*fieldtab.Erased]reflect.Type{
	cString.Erased():            reflect.TypeFor[string](),
	fieldtab.String.Erased():    reflect.TypeFor[string](),
	cBool.Erased():              reflect.TypeFor[bool](),
	fieldtab.Bool.Erased():      reflect.TypeFor[bool](),
	cInt.Erased():               reflect.TypeFor[int](),
	fieldtab.Int.Erased():       reflect.TypeFor[int](),
	cInt64.Erased():             reflect.TypeFor[int64](),
	fieldtab.Int64.Erased():     reflect.TypeFor[int64](),
	cFloat.Erased():             reflect.TypeFor[float64](),
	fieldtab.Float.Erased():     reflect.TypeFor[float64](),
	schema.CodecEpoch.Erased():  reflect.TypeFor[EpochSeconds](),
	cItem.Erased():              reflect.TypeFor[attr.Item](),
	fieldtab.Item.Erased():      reflect.TypeFor[attr.Item](),
	itemOmitZero.Erased():       reflect.TypeFor[attr.Item](),
	cValue.Erased():             reflect.TypeFor[attr.Value](),
	fieldtab.AttrValue.Erased(): reflect.TypeFor[attr.Value](),
	cValues.Erased():            reflect.TypeFor[ExpressionValues](),
	fieldtab.Values.Erased():    reflect.TypeFor[ExpressionValues](),
	cItemList.Erased():          reflect.TypeFor[ItemList](),
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
		if m := membersOf(v); m != nil {
			rv := reflect.ValueOf(v)
			checkTable(t, rv.Type().Elem(), unsafe.Pointer(rv.Pointer()), fieldtab.Members(m), seen)
		}
	}
}

func checkTable(t *testing.T, typ reflect.Type, base unsafe.Pointer, listed []fieldtab.Listed, seen map[reflect.Type]bool) {
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
		if m.Name != name || uintptr(m.P)-uintptr(base) != sf.Offset {
			t.Errorf("%v member %d: %q at offset %d, want %q (field %s at offset %d)", typ, i, m.Name, uintptr(m.P)-uintptr(base), name, sf.Name, sf.Offset)
		}
		if m.Omit != o && !(m.Codec == itemOmitZero.Erased() && o == omitZero) {
			t.Errorf("%v.%s: omit %d, the json tag says %d", typ, sf.Name, m.Omit, o)
		}
		checkCodec(t, typ.String()+"."+sf.Name, sf.Type, m.Codec, seen)
	}
}

// checkCodec checks that c is a codec for values of type typ.
func checkCodec(t *testing.T, where string, typ reflect.Type, c *fieldtab.Erased, seen map[reflect.Type]bool) {
	t.Helper()
	if c.Size != 0 && c.Size != typ.Size() {
		t.Errorf("%s: codec size %d, type %v has %d", where, c.Size, typ, typ.Size())
	}
	switch c.Kind {
	case fieldtab.KValue:
		if want, ok := valueCodecs[c]; !ok || want != typ {
			t.Errorf("%s: value codec for %v, the field is %v", where, want, typ)
		}
	case fieldtab.KObj:
		if typ.Kind() != reflect.Struct {
			t.Errorf("%s: struct codec for a %v", where, typ)
			return
		}
		v := reflect.New(typ)
		checkTable(t, typ, unsafe.Pointer(v.Pointer()), fieldtab.Members(func(f *fields) { c.Members(unsafe.Pointer(v.Pointer()), f) }), seen)
	case fieldtab.KPtr, fieldtab.KList:
		want := map[fieldtab.Kind]reflect.Kind{fieldtab.KPtr: reflect.Pointer, fieldtab.KList: reflect.Slice}[c.Kind]
		if typ.Kind() != want {
			t.Errorf("%s: %v codec for a %v", where, want, typ)
			return
		}
		checkElem(t, where, typ.Elem(), c.Elem, seen)
	case fieldtab.KMap:
		if typ.Kind() != reflect.Map || typ.Key().Kind() != reflect.String {
			t.Errorf("%s: map codec for a %v", where, typ)
			return
		}
		checkElem(t, where, typ.Elem(), c.Elem, seen)
	}
}

// checkElem checks the element codec of a pointer, slice or map: its
// codec, and its growth (at) when it has one, which must give a zero
// value of the element's size.
func checkElem(t *testing.T, where string, typ reflect.Type, c *fieldtab.Erased, seen map[reflect.Type]bool) {
	t.Helper()
	checkCodec(t, where+"[elem]", typ, c, seen)
	if c.At == nil {
		return
	}
	sp := reflect.New(reflect.SliceOf(typ))
	h := (*fieldtab.SliceHeader)(sp.UnsafePointer())
	var e2 unsafe.Pointer
	for i := range 3 { // as decoding calls it: element after element
		*h, e2 = c.At(*h, i)
	}
	got := sp.Elem()
	if got.Len() != 3 || got.Index(2).Addr().UnsafePointer() != e2 {
		t.Errorf("%s: at grew a []%v to %d elements, element 2 at %p", where, typ, got.Len(), e2)
	}
}

// TestFieldTables_LegacyTypes checks the tables of package expr's types.
func TestFieldTables_LegacyTypes(t *testing.T) {
	seen := map[reflect.Type]bool{}
	checkCodec(t, "Expected", reflect.TypeFor[map[string]expr.ExpectedValue](), cExpected.Erased(), seen)
	checkCodec(t, "AttributeUpdates", reflect.TypeFor[map[string]expr.AttributeUpdate](), cAttributeUpdates.Erased(), seen)
}

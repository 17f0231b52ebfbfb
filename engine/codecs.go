package engine

import (
	"slices"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// The engine's short names for package fieldtab (the field tables),
// which every members method and codec declaration uses:
// member(f, "Name", &in.Name, &cString, omitEmpty).

type (
	fields         = fieldtab.Fields
	codec[T any]   = fieldtab.Codec[T]
	erased         = fieldtab.Erased
	mapOps         = fieldtab.MapOps
	omit           = fieldtab.Omit
	requestDecoder interface{ members(f *fields) }
)

const (
	omitEmpty = fieldtab.OmitEmpty
	omitZero  = fieldtab.OmitZero
	kValue    = fieldtab.KValue
	kObj      = fieldtab.KObj
	kPtr      = fieldtab.KPtr
	kList     = fieldtab.KList
	kMap      = fieldtab.KMap
	ptrSize   = fieldtab.PtrSize
	sliceSize = fieldtab.SliceSize
)

// member declares one member (fieldtab.Member). A TableName member of
// type string reads "" as validate.EmptyName (cTableName), so that an
// empty name is told apart from a missing one.
func member[T any](f *fields, name string, p *T, c *codec[T], o omit) {
	x := &c.X
	if name == "TableName" && x == &cString.X {
		x = &cTableName.X
	}
	fieldtab.Field(f, name, unsafe.Pointer(p), x, o)
}

// cTableName is cString for TableName members: it reads the empty string
// as validate.EmptyName (and writes names as cString does).
var cTableName = codec[string]{X: erased{
	Read: func(r *wire.Reader, p unsafe.Pointer) {
		s := (*string)(p)
		null := r.Kind() == wire.Null
		r.String(s)
		if *s == "" && !null {
			*s = validate.EmptyName
		}
	},
	Write: cString.X.Write, Empty: cString.X.Empty, Size: cString.X.Size, At: cString.X.At,
}}

// decodeMembers reads an object from r into v by its field table, with f.
func decodeMembers(f *fields, r *wire.Reader, v requestDecoder) { fieldtab.Decode(f, r, v.members) }

// encodeMembers appends v's JSON object, written by its field table, to dst.
func encodeMembers(dst []byte, v requestDecoder) []byte { return fieldtab.Encode(dst, v.members) }

// paramNames returns the member names of v's field table, in order.
func paramNames(v requestDecoder) []string { return fieldtab.Names(v.members) }

// The codecs of package fieldtab, and of the engine's own value types.
var (
	cString      = fieldtab.String
	cBool        = fieldtab.Bool
	cInt         = fieldtab.Int
	cInt64       = fieldtab.Int64
	cFloat       = fieldtab.Float
	cItem        = fieldtab.Item
	itemOmitZero = fieldtab.ItemOmitZero
	cValue       = fieldtab.AttrValue
	cStringPtr   = fieldtab.StringPtr
	cBoolPtr     = fieldtab.BoolPtr
	cIntPtr      = fieldtab.IntPtr
	cInt64Ptr    = fieldtab.Int64Ptr
	cFloatPtr    = fieldtab.FloatPtr
	cStrings     = fieldtab.Strings
	cFloats      = fieldtab.Floats
	cItems       = fieldtab.Items
	cNames       = fieldtab.StringMap
	cItemLists   = fieldtab.ItemLists
	cValuePtr    = fieldtab.AttrValuePtr
	cValueList   = fieldtab.AttrValueList

	// cItemList writes an ItemList (Items of Query and Scan) straight
	// from the stored records; omitted when zero.
	cItemList = codec[ItemList]{X: erased{
		Write: func(dst []byte, p unsafe.Pointer) []byte { return (*ItemList)(p).AppendJSON(dst) },
		Empty: func(p unsafe.Pointer) bool { return (*ItemList)(p).IsZero() },
	}}
	cValues = codec[ExpressionValues]{X: erased{
		Read: func(r *wire.Reader, p unsafe.Pointer) { fieldtab.ReadValues(r, (*map[string]attr.Value)(p)) },
	}}
)

// The legacy condition parameters (Expected, KeyConditions, QueryFilter,
// ScanFilter, AttributeUpdates), whose types belong to package expr.
var (
	cExpectedValue = codec[expr.ExpectedValue]{X: erased{Kind: kObj, Size: unsafe.Sizeof(expr.ExpectedValue{}), At: fieldtab.GrowAt[expr.ExpectedValue],
		Members: func(p unsafe.Pointer, f *fields) {
			e := (*expr.ExpectedValue)(p)
			member(f, "Value", &e.Value, &cValuePtr, omitEmpty)
			member(f, "Exists", &e.Exists, &cBoolPtr, omitEmpty)
			member(f, "ComparisonOperator", &e.ComparisonOperator, &cString, omitEmpty)
			member(f, "AttributeValueList", &e.AttributeValueList, &cValueList, omitEmpty)
		}}}
	cExpected = codec[map[string]expr.ExpectedValue]{X: erased{Kind: kMap, Elem: &cExpectedValue.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &mapOps{Keys: fieldtab.KeysOf[expr.ExpectedValue], Get: fieldtab.MapGet[expr.ExpectedValue], Make: fieldtab.MapMake[expr.ExpectedValue], Set: fieldtab.MapSet[expr.ExpectedValue], Len: fieldtab.MapLen[expr.ExpectedValue]}}}
	cAttributeUpdate = codec[expr.AttributeUpdate]{X: erased{Kind: kObj, Size: unsafe.Sizeof(expr.AttributeUpdate{}), At: fieldtab.GrowAt[expr.AttributeUpdate],
		Members: func(p unsafe.Pointer, f *fields) {
			u := (*expr.AttributeUpdate)(p)
			member(f, "Action", &u.Action, &cString, omitEmpty)
			member(f, "Value", &u.Value, &cValuePtr, omitEmpty)
		}}}
	cAttributeUpdates = codec[map[string]expr.AttributeUpdate]{X: erased{Kind: kMap, Elem: &cAttributeUpdate.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &mapOps{Keys: fieldtab.KeysOf[expr.AttributeUpdate], Get: fieldtab.MapGet[expr.AttributeUpdate], Make: fieldtab.MapMake[expr.AttributeUpdate], Set: fieldtab.MapSet[expr.AttributeUpdate], Len: fieldtab.MapLen[expr.AttributeUpdate]}}}
)

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

package engine

import (
	"slices"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The engine's short names for package fieldtab (the field tables),
// which every members method and codec declaration uses:
// member(f, "Name", &in.Name, &cString, omitEmpty).

type (
	fields       = fieldtab.Fields
	codec[T any] = fieldtab.Codec[T]
	erased       = fieldtab.Erased
	mapOps       = fieldtab.MapOps
	omit         = fieldtab.Omit
	message      interface{ members(f *fields) }
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

// member declares one member (fieldtab.Member).
func member[T any](f *fields, name string, p *T, c *codec[T], o omit) {
	fieldtab.Field(f, name, unsafe.Pointer(p), &c.X, o)
}

// encodeMembers appends v's JSON object, written by its field table, to dst.
func encodeMembers(dst []byte, v message) []byte { return fieldtab.Encode(dst, v.members) }

// paramNames returns the member names of v's field table, in order.
func paramNames(v any) []string { return fieldtab.Names(membersOf(v)) }

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
	cStrings     = fieldtab.Strings
	cNames       = fieldtab.StringMap
	cValuePtr    = fieldtab.AttrValuePtr
	cValueList   = fieldtab.AttrValueList
	cValues      = fieldtab.Values

	// cItemList writes an ItemList (Items of Query and Scan) straight
	// from the stored records; omitted when zero.
	cItemList = codec[ItemList]{X: erased{
		Write: func(dst []byte, p unsafe.Pointer) []byte { return (*ItemList)(p).AppendJSON(dst) },
		Empty: func(p unsafe.Pointer) bool { return (*ItemList)(p).IsZero() },
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

// itemHint estimates the length of the JSON of an item (of size size,
// or computed when 0) and of a ConsumedCapacity, to grow a buffer once
// instead of many times.
func itemHint(it attr.Item, size int, cc *ConsumedCapacity) int {
	n := 16
	if it != nil {
		if size == 0 {
			size = attr.ItemSize(it)
		}
		n += 32 + size*5/4
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

package batch

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The item lists of the operations on several items at once, with their
// field tables; the engine aliases them (engine.WriteRequest is
// WriteRequest).

// KeysAndAttributes is one table's part of a BatchGetItem request (and of
// its UnprocessedKeys).
type KeysAndAttributes struct {
	Keys                     []attr.Item       `json:"Keys"`
	AttributesToGet          []string          `json:"AttributesToGet,omitempty"`
	ConsistentRead           *bool             `json:"ConsistentRead,omitempty"`
	ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames,omitempty"`
	ProjectionExpression     *string           `json:"ProjectionExpression,omitempty"`
}

// WriteRequest is one put or delete of a BatchWriteItem: exactly one of
// its members is set.
type WriteRequest struct {
	PutRequest    *PutRequest    `json:"PutRequest,omitempty"`
	DeleteRequest *DeleteRequest `json:"DeleteRequest,omitempty"`
}

// PutRequest stores Item whole.
type PutRequest struct {
	Item attr.Item `json:"Item"`
}

// DeleteRequest deletes the item with Key.
type DeleteRequest struct {
	Key attr.Item `json:"Key"`
}

// TransactGetItem is one read of a TransactGetItems.
type TransactGetItem struct {
	Get *TransactGet `json:"Get"`
}

// TransactGet reads one item, optionally projected.
type TransactGet struct {
	TableName                string            `json:"TableName"`
	Key                      attr.Item         `json:"Key"`
	ProjectionExpression     *string           `json:"ProjectionExpression,omitempty"`
	ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames,omitempty"`
}

// ItemResponse is one entry of TransactGetItems' Responses: Item is left
// out when the item does not exist.
type ItemResponse struct {
	Item attr.Item `json:"Item,omitempty"`
}

var (
	CodecKeysAndAttributes = fieldtab.Codec[KeysAndAttributes]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(KeysAndAttributes{}), At: fieldtab.GrowAt[KeysAndAttributes],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			k := (*KeysAndAttributes)(p)
			fieldtab.Member(f, "Keys", &k.Keys, &fieldtab.Items, 0)
			fieldtab.Member(f, "AttributesToGet", &k.AttributesToGet, &fieldtab.Strings, fieldtab.OmitEmpty)
			fieldtab.Member(f, "ConsistentRead", &k.ConsistentRead, &fieldtab.BoolPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "ExpressionAttributeNames", &k.ExpressionAttributeNames, &fieldtab.StringMap, fieldtab.OmitEmpty)
			fieldtab.Member(f, "ProjectionExpression", &k.ProjectionExpression, &fieldtab.StringPtr, fieldtab.OmitEmpty)
		}}}
	CodecKeysAndAttributesPtr    = fieldtab.Codec[*KeysAndAttributes]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecKeysAndAttributes.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	CodecKeysAndAttributesPtrMap = fieldtab.Codec[map[string]*KeysAndAttributes]{X: fieldtab.Erased{Kind: fieldtab.KMap, Elem: &CodecKeysAndAttributesPtr.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &fieldtab.MapOps{Keys: fieldtab.KeysOf[*KeysAndAttributes], Get: fieldtab.MapGet[*KeysAndAttributes], Make: fieldtab.MapMake[*KeysAndAttributes], Set: fieldtab.MapSet[*KeysAndAttributes], Len: fieldtab.MapLen[*KeysAndAttributes]}}}
)

var (
	CodecWriteRequest = fieldtab.Codec[WriteRequest]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(WriteRequest{}), At: fieldtab.GrowAt[WriteRequest],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			w := (*WriteRequest)(p)
			fieldtab.Member(f, "PutRequest", &w.PutRequest, &CodecPutRequestPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "DeleteRequest", &w.DeleteRequest, &CodecDeleteRequestPtr, fieldtab.OmitEmpty)
		}}}
	CodecWriteRequestList    = fieldtab.Codec[[]WriteRequest]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecWriteRequest.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
	CodecWriteRequestListMap = fieldtab.Codec[map[string][]WriteRequest]{X: fieldtab.Erased{Kind: fieldtab.KMap, Elem: &CodecWriteRequestList.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &fieldtab.MapOps{Keys: fieldtab.KeysOf[[]WriteRequest], Get: fieldtab.MapGet[[]WriteRequest], Make: fieldtab.MapMake[[]WriteRequest], Set: fieldtab.MapSet[[]WriteRequest], Len: fieldtab.MapLen[[]WriteRequest]}}}
)

var (
	CodecPutRequest = fieldtab.Codec[PutRequest]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(PutRequest{}), At: fieldtab.GrowAt[PutRequest],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*PutRequest)(ptr)
			fieldtab.Member(f, "Item", &p.Item, &fieldtab.Item, 0)
		}}}
	CodecPutRequestPtr = fieldtab.Codec[*PutRequest]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecPutRequest.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecDeleteRequest = fieldtab.Codec[DeleteRequest]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(DeleteRequest{}), At: fieldtab.GrowAt[DeleteRequest],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			d := (*DeleteRequest)(p)
			fieldtab.Member(f, "Key", &d.Key, &fieldtab.Item, 0)
		}}}
	CodecDeleteRequestPtr = fieldtab.Codec[*DeleteRequest]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecDeleteRequest.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecTransactGetItem = fieldtab.Codec[TransactGetItem]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactGetItem{}), At: fieldtab.GrowAt[TransactGetItem],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactGetItem)(p)
			fieldtab.Member(f, "Get", &t.Get, &CodecTransactGetPtr, 0)
		}}}
	CodecTransactGetItemList = fieldtab.Codec[[]TransactGetItem]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecTransactGetItem.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecTransactGet = fieldtab.Codec[TransactGet]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TransactGet{}), At: fieldtab.GrowAt[TransactGet],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TransactGet)(p)
			fieldtab.Member(f, "TableName", &t.TableName, &fieldtab.String, 0)
			fieldtab.Member(f, "Key", &t.Key, &fieldtab.Item, 0)
			fieldtab.Member(f, "ProjectionExpression", &t.ProjectionExpression, &fieldtab.StringPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "ExpressionAttributeNames", &t.ExpressionAttributeNames, &fieldtab.StringMap, fieldtab.OmitEmpty)
		}}}
	CodecTransactGetPtr = fieldtab.Codec[*TransactGet]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecTransactGet.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecItemResponse = fieldtab.Codec[ItemResponse]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ItemResponse{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			i := (*ItemResponse)(p)
			fieldtab.Member(f, "Item", &i.Item, &fieldtab.Item, fieldtab.OmitEmpty)
		}}}
	CodecItemResponseList = fieldtab.Codec[[]ItemResponse]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecItemResponse.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

package batch

import (
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// The requests of BatchGetItem, BatchWriteItem and TransactGetItems (and
// the responses that need nothing of the engine), with their field
// tables and the checks of their shapes, made before any table is read.

// The limits of the batches.
const (
	MaxBatchGetKeys       = 100
	MaxBatchGetBytes      = 16 << 20
	MaxBatchWriteRequests = 25
)

// BatchGetItemInput is the BatchGetItem request.
type BatchGetItemInput struct {
	RequestItems           map[string]*KeysAndAttributes `json:"RequestItems"`
	ReturnConsumedCapacity string                        `json:"ReturnConsumedCapacity,omitempty"`
}

// Members declares the request's field table.
func (in *BatchGetItemInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "RequestItems", unsafe.Pointer(&in.RequestItems), &CodecKeysAndAttributesPtrMap.X, 0)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// Check checks the request's members and its count of keys, and returns
// the names of its tables, sorted.
func (in *BatchGetItemInput) Check() ([]string, error) {
	var v validate.Violations
	names := validate.RequestTables(&v, in.RequestItems)
	total := 0
	for _, name := range names {
		ka := in.RequestItems[name]
		v.TableName("requestItems."+name+".member.tableName", name)
		switch {
		case ka == nil || ka.Keys == nil:
			v.Add("null", "requestItems."+name+".member.keys", validate.NotNull)
		case len(ka.Keys) == 0:
			v.Add("'[]'", "requestItems."+name+".member.keys", ddberr.Sprintf(validate.MinLenFmt, 1))
		case len(ka.Keys) > MaxBatchGetKeys:
			v.Add(validate.Quote(strconv.Itoa(len(ka.Keys))+" keys"), "requestItems."+name+".member.keys", ddberr.Sprintf(validate.MaxLenFmt, MaxBatchGetKeys))
		}
		if ka != nil {
			total += len(ka.Keys)
		}
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if total > MaxBatchGetKeys {
		return nil, ddberr.Validation(MsgBatchGetTooMany)
	}
	return names, nil
}

// BatchGetItemOutput is the BatchGetItem response: the items found, by
// table (every requested table is present, possibly with an empty list),
// and the keys left unread because the response reached 16 MB.
type BatchGetItemOutput struct {
	Responses        map[string][]attr.Item        `json:"Responses"`
	UnprocessedKeys  map[string]*KeysAndAttributes `json:"UnprocessedKeys"`
	ConsumedCapacity []*consumed.ConsumedCapacity  `json:"ConsumedCapacity,omitempty"`
}

// Members declares the response's field table.
func (o *BatchGetItemOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Responses", unsafe.Pointer(&o.Responses), &fieldtab.ItemLists.X, 0)
	fieldtab.Field(f, "UnprocessedKeys", unsafe.Pointer(&o.UnprocessedKeys), &CodecKeysAndAttributesPtrMap.X, 0)
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtrList.X, fieldtab.OmitEmpty)
}

// BatchWriteItemInput is the BatchWriteItem request.
type BatchWriteItemInput struct {
	RequestItems                map[string][]WriteRequest `json:"RequestItems"`
	ReturnConsumedCapacity      string                    `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics string                    `json:"ReturnItemCollectionMetrics,omitempty"`
}

// Members declares the request's field table.
func (in *BatchWriteItemInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "RequestItems", unsafe.Pointer(&in.RequestItems), &CodecWriteRequestListMap.X, 0)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnItemCollectionMetrics", unsafe.Pointer(&in.ReturnItemCollectionMetrics), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// Check checks the request's members, its count of requests and that
// each is a put or a delete, and returns the names of its tables, sorted.
func (in *BatchWriteItemInput) Check() ([]string, error) {
	var v validate.Violations
	names := validate.RequestTables(&v, in.RequestItems)
	total := 0
	for _, name := range names {
		v.TableName("requestItems."+name+".member.tableName", name)
		if n := len(in.RequestItems[name]); n == 0 || n > MaxBatchWriteRequests {
			// DynamoDB checks each table's list as a map value, naming the map.
			v.Add(validate.Quote("{"+name+"=["+strconv.Itoa(n)+" write requests]}"), "requestItems", ddberr.Sprintf(validate.MapValueFmt, MaxBatchWriteRequests))
		}
		total += len(in.RequestItems[name])
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	v.ReturnItemCollectionMetrics(in.ReturnItemCollectionMetrics)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if total > MaxBatchWriteRequests {
		return nil, ddberr.Validation(MsgBatchWriteTooMany)
	}
	for _, name := range names {
		for _, wr := range in.RequestItems[name] {
			if (wr.PutRequest == nil) == (wr.DeleteRequest == nil) {
				return nil, ddberr.Validation(MsgWriteRequestShape)
			}
		}
	}
	return names, nil
}

// BatchWriteItemOutput is the BatchWriteItem response. UnprocessedItems is
// always present; it is empty unless a limit of the engine was hit.
type BatchWriteItemOutput struct {
	UnprocessedItems      map[string][]WriteRequest                    `json:"UnprocessedItems"`
	ItemCollectionMetrics map[string][]*consumed.ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
	ConsumedCapacity      []*consumed.ConsumedCapacity                 `json:"ConsumedCapacity,omitempty"`
}

// Members declares the response's field table.
func (o *BatchWriteItemOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "UnprocessedItems", unsafe.Pointer(&o.UnprocessedItems), &CodecWriteRequestListMap.X, 0)
	fieldtab.Field(f, "ItemCollectionMetrics", unsafe.Pointer(&o.ItemCollectionMetrics), &consumed.CodecItemCollectionMetricsPtrListMap.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtrList.X, fieldtab.OmitEmpty)
}

// Key returns the item of a put (which holds the key) or the key of a
// delete.
func (wr *WriteRequest) Key() attr.Item {
	if wr.PutRequest != nil {
		return wr.PutRequest.Item
	}
	return wr.DeleteRequest.Key
}

// TransactGetItemsInput is the TransactGetItems request.
type TransactGetItemsInput struct {
	TransactItems          []TransactGetItem `json:"TransactItems"`
	ReturnConsumedCapacity string            `json:"ReturnConsumedCapacity,omitempty"`
}

// Members declares the request's field table.
func (in *TransactGetItemsInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TransactItems", unsafe.Pointer(&in.TransactItems), &CodecTransactGetItemList.X, 0)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// Check checks the request's members.
func (in *TransactGetItemsInput) Check() error {
	var v validate.Violations
	checkTransactItems(&v, len(in.TransactItems), in.TransactItems == nil)
	for i, ti := range in.TransactItems {
		member := ddberr.Sprintf("transactItems.%d.member.get", i+1)
		if ti.Get == nil {
			v.Add("null", member, validate.NotNull)
			continue
		}
		v.TableName(member+".tableName", ti.Get.TableName)
		if ti.Get.Key == nil {
			v.Add("null", member+".key", validate.NotNull)
		}
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	return v.Err()
}

// TransactGetItemsOutput is the TransactGetItems response: one response
// per Get, in request order.
type TransactGetItemsOutput struct {
	Responses        []ItemResponse               `json:"Responses"`
	ConsumedCapacity []*consumed.ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// Members declares the response's field table.
func (o *TransactGetItemsOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Responses", unsafe.Pointer(&o.Responses), &CodecItemResponseList.X, 0)
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtrList.X, fieldtab.OmitEmpty)
}

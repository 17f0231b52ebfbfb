package engine

import (
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// The response encoders: every operation's output (but QueryOutput and
// ScanOutput, in itemlist.go) and every type nested in one writes its JSON
// by hand, byte for byte what encoding/json (without HTML escaping) writes
// for it: members in field order, omitempty and omitzero members left out
// by encoding/json's rules, nil pointers, slices and maps as null, map
// members in ascending order of their names. encode_outputs_test.go checks
// this against encoding/json on random values of every type.
//
// Outputs have appendJSON(dst) ([]byte, error), as Handle's jsonAppender
// wants (they never fail); nested types have appendJSON(dst) []byte, and a
// nil pointer writes null.

// appendArray appends s as a JSON array of elem's encodings (null for a
// nil s).
func appendArray[T any](dst []byte, s []T, elem func(T, []byte) []byte) []byte {
	if s == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for _, e := range s {
		dst = wire.Comma(dst)
		dst = elem(e, dst)
	}
	return append(dst, ']')
}

// appendObject appends m as a JSON object of val's encodings, names in
// ascending order (null for a nil m).
func appendObject[V any](dst []byte, m map[string]V, val func(V, []byte) []byte) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	dst = append(dst, '{')
	for _, k := range names {
		dst = wire.Comma(dst)
		dst = attr.AppendString(dst, k)
		dst = append(dst, ':')
		dst = val(m[k], dst)
	}
	return append(dst, '}')
}

// Element encoders in appendArray's and appendObject's argument order.

func stringJSON(s string, dst []byte) []byte    { return attr.AppendString(dst, s) }
func floatJSON(f float64, dst []byte) []byte    { return wire.AppendFloat(dst, f) }
func stringsJSON(s []string, dst []byte) []byte { return appendArray(dst, s, stringJSON) }

// itemJSON appends it as encoding/json writes an attr.Item: null when nil.
func itemJSON(it attr.Item, dst []byte) []byte {
	if it == nil {
		return append(dst, "null"...)
	}
	return attr.AppendItemJSON(dst, it)
}

func itemsJSON(its []attr.Item, dst []byte) []byte { return appendArray(dst, its, itemJSON) }

// appendStringPtr appends *p as a JSON string, or null.
func appendStringPtr(dst []byte, p *string) []byte {
	if p == nil {
		return append(dst, "null"...)
	}
	return attr.AppendString(dst, *p)
}

// appendItemMember appends the member name: it, left out when it is empty
// (omitempty).
func appendItemMember(dst []byte, name string, it attr.Item) []byte {
	if len(it) == 0 {
		return dst
	}
	dst = wire.Name(dst, name)
	return attr.AppendItemJSON(dst, it)
}

// appendCapacities appends the omitempty member ConsumedCapacity of a
// multi-table output.
func appendCapacities(dst []byte, ccs []*ConsumedCapacity) []byte {
	if len(ccs) == 0 {
		return dst
	}
	dst = wire.Name(dst, "ConsumedCapacity")
	return appendArray(dst, ccs, (*ConsumedCapacity).appendJSON)
}

// appendCollectionMetrics appends the omitempty member
// ItemCollectionMetrics of a multi-table output.
func appendCollectionMetrics(dst []byte, m map[string][]*ItemCollectionMetrics) []byte {
	if len(m) == 0 {
		return dst
	}
	dst = wire.Name(dst, "ItemCollectionMetrics")
	return appendObject(dst, m, func(s []*ItemCollectionMetrics, dst []byte) []byte {
		return appendArray(dst, s, (*ItemCollectionMetrics).appendJSON)
	})
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

// appendWriteOutput appends the members of PutItem's, UpdateItem's and
// DeleteItem's outputs.
func appendWriteOutput(dst []byte, attrs attr.Item, cc *ConsumedCapacity, icm *ItemCollectionMetrics) []byte {
	dst = slices.Grow(dst, itemHint(attrs, cc))
	dst = append(dst, '{')
	dst = appendItemMember(dst, "Attributes", attrs)
	if cc != nil {
		dst = wire.Name(dst, "ConsumedCapacity")
		dst = cc.appendJSON(dst)
	}
	if icm != nil {
		dst = wire.Name(dst, "ItemCollectionMetrics")
		dst = icm.appendJSON(dst)
	}
	return append(dst, '}')
}

func (c *Capacity) appendJSON(dst []byte) []byte {
	if c == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, "CapacityUnits")
	dst = wire.AppendFloat(dst, c.CapacityUnits)
	dst = appendUnits(dst, c.ReadCapacityUnits, c.WriteCapacityUnits)
	return append(dst, '}')
}

// appendUnits appends the omitempty members ReadCapacityUnits and
// WriteCapacityUnits.
func appendUnits(dst []byte, read, write *float64) []byte {
	if read != nil {
		dst = wire.Name(dst, "ReadCapacityUnits")
		dst = wire.AppendFloat(dst, *read)
	}
	if write != nil {
		dst = wire.Name(dst, "WriteCapacityUnits")
		dst = wire.AppendFloat(dst, *write)
	}
	return dst
}

func (c *ConsumedCapacity) appendJSON(dst []byte) []byte {
	if c == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, "TableName")
	dst = attr.AppendString(dst, c.TableName)
	dst = wire.Name(dst, "CapacityUnits")
	dst = wire.AppendFloat(dst, c.CapacityUnits)
	dst = appendUnits(dst, c.ReadCapacityUnits, c.WriteCapacityUnits)
	if c.Table != nil {
		dst = wire.Name(dst, "Table")
		dst = c.Table.appendJSON(dst)
	}
	if len(c.GlobalSecondaryIndexes) > 0 {
		dst = wire.Name(dst, "GlobalSecondaryIndexes")
		dst = appendObject(dst, c.GlobalSecondaryIndexes, (*Capacity).appendJSON)
	}
	if len(c.LocalSecondaryIndexes) > 0 {
		dst = wire.Name(dst, "LocalSecondaryIndexes")
		dst = appendObject(dst, c.LocalSecondaryIndexes, (*Capacity).appendJSON)
	}
	return append(dst, '}')
}

func (m *ItemCollectionMetrics) appendJSON(dst []byte) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, "ItemCollectionKey")
	dst = itemJSON(m.ItemCollectionKey, dst)
	dst = wire.Name(dst, "SizeEstimateRangeGB")
	dst = appendArray(dst, m.SizeEstimateRangeGB, floatJSON)
	return append(dst, '}')
}

func (o *GetItemOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = slices.Grow(dst, itemHint(o.Item, o.ConsumedCapacity))
	dst = append(dst, '{')
	if o.Item != nil { // omitzero
		dst = wire.Name(dst, "Item")
		dst = attr.AppendItemJSON(dst, o.Item)
	}
	if o.ConsumedCapacity != nil {
		dst = wire.Name(dst, "ConsumedCapacity")
		dst = o.ConsumedCapacity.appendJSON(dst)
	}
	return append(dst, '}'), nil
}

func (o *PutItemOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendWriteOutput(dst, o.Attributes, o.ConsumedCapacity, o.ItemCollectionMetrics), nil
}

func (o *UpdateItemOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendWriteOutput(dst, o.Attributes, o.ConsumedCapacity, o.ItemCollectionMetrics), nil
}

func (o *DeleteItemOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendWriteOutput(dst, o.Attributes, o.ConsumedCapacity, o.ItemCollectionMetrics), nil
}

func (k *KeysAndAttributes) appendJSON(dst []byte) []byte {
	if k == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	dst = wire.Name(dst, "Keys")
	dst = itemsJSON(k.Keys, dst)
	if len(k.AttributesToGet) > 0 {
		dst = wire.Name(dst, "AttributesToGet")
		dst = stringsJSON(k.AttributesToGet, dst)
	}
	if k.ConsistentRead != nil {
		dst = wire.Name(dst, "ConsistentRead")
		dst = strconv.AppendBool(dst, *k.ConsistentRead)
	}
	if len(k.ExpressionAttributeNames) > 0 {
		dst = wire.Name(dst, "ExpressionAttributeNames")
		dst = appendObject(dst, k.ExpressionAttributeNames, stringJSON)
	}
	if k.ProjectionExpression != nil {
		dst = wire.Name(dst, "ProjectionExpression")
		dst = attr.AppendString(dst, *k.ProjectionExpression)
	}
	return append(dst, '}')
}

func (o *BatchGetItemOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Responses")
	dst = appendObject(dst, o.Responses, itemsJSON)
	dst = wire.Name(dst, "UnprocessedKeys")
	dst = appendObject(dst, o.UnprocessedKeys, (*KeysAndAttributes).appendJSON)
	dst = appendCapacities(dst, o.ConsumedCapacity)
	return append(dst, '}'), nil
}

func (r WriteRequest) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if r.PutRequest != nil {
		dst = wire.Name(dst, "PutRequest")
		dst = append(dst, '{')
		dst = wire.Name(dst, "Item")
		dst = itemJSON(r.PutRequest.Item, dst)
		dst = append(dst, '}')
	}
	if r.DeleteRequest != nil {
		dst = wire.Name(dst, "DeleteRequest")
		dst = append(dst, '{')
		dst = wire.Name(dst, "Key")
		dst = itemJSON(r.DeleteRequest.Key, dst)
		dst = append(dst, '}')
	}
	return append(dst, '}')
}

func (o *BatchWriteItemOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "UnprocessedItems")
	dst = appendObject(dst, o.UnprocessedItems, func(s []WriteRequest, dst []byte) []byte {
		return appendArray(dst, s, WriteRequest.appendJSON)
	})
	dst = appendCollectionMetrics(dst, o.ItemCollectionMetrics)
	dst = appendCapacities(dst, o.ConsumedCapacity)
	return append(dst, '}'), nil
}

func (r ItemResponse) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = appendItemMember(dst, "Item", r.Item)
	return append(dst, '}')
}

func (o *TransactGetItemsOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Responses")
	dst = appendArray(dst, o.Responses, ItemResponse.appendJSON)
	dst = appendCapacities(dst, o.ConsumedCapacity)
	return append(dst, '}'), nil
}

func (o *TransactWriteItemsOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = appendCapacities(dst, o.ConsumedCapacity)
	dst = appendCollectionMetrics(dst, o.ItemCollectionMetrics)
	return append(dst, '}'), nil
}

func (r CancellationReason) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Code")
	dst = attr.AppendString(dst, r.Code)
	if r.Message != "" {
		dst = wire.Name(dst, "Message")
		dst = attr.AppendString(dst, r.Message)
	}
	dst = appendItemMember(dst, "Item", r.Item)
	return append(dst, '}')
}

// MarshalJSON writes the reasons as a JSON array (null when nil). It never
// fails.
func (rs CancellationReasons) MarshalJSON() ([]byte, error) {
	return appendArray(nil, rs, CancellationReason.appendJSON), nil
}

func (o *ListTablesOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "TableNames")
	dst = stringsJSON(o.TableNames, dst)
	if o.LastEvaluatedTableName != "" {
		dst = wire.Name(dst, "LastEvaluatedTableName")
		dst = attr.AppendString(dst, o.LastEvaluatedTableName)
	}
	return append(dst, '}'), nil
}

func (o *DescribeLimitsOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "AccountMaxReadCapacityUnits")
	dst = strconv.AppendInt(dst, o.AccountMaxReadCapacityUnits, 10)
	dst = wire.Name(dst, "AccountMaxWriteCapacityUnits")
	dst = strconv.AppendInt(dst, o.AccountMaxWriteCapacityUnits, 10)
	dst = wire.Name(dst, "TableMaxReadCapacityUnits")
	dst = strconv.AppendInt(dst, o.TableMaxReadCapacityUnits, 10)
	dst = wire.Name(dst, "TableMaxWriteCapacityUnits")
	dst = strconv.AppendInt(dst, o.TableMaxWriteCapacityUnits, 10)
	return append(dst, '}'), nil
}

func (e Endpoint) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Address")
	dst = attr.AppendString(dst, e.Address)
	dst = wire.Name(dst, "CachePeriodInMinutes")
	dst = strconv.AppendInt(dst, e.CachePeriodInMinutes, 10)
	return append(dst, '}')
}

func (o *DescribeEndpointsOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Endpoints")
	dst = appendArray(dst, o.Endpoints, Endpoint.appendJSON)
	return append(dst, '}'), nil
}

func (t Tag) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Key")
	dst = appendStringPtr(dst, t.Key)
	dst = wire.Name(dst, "Value")
	dst = appendStringPtr(dst, t.Value)
	return append(dst, '}')
}

func (o *TagResourceOutput) appendJSON(dst []byte) ([]byte, error) {
	return append(dst, "{}"...), nil
}

func (o *UntagResourceOutput) appendJSON(dst []byte) ([]byte, error) {
	return append(dst, "{}"...), nil
}

func (o *ListTagsOfResourceOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Tags")
	dst = appendArray(dst, o.Tags, Tag.appendJSON)
	if o.NextToken != nil {
		dst = wire.Name(dst, "NextToken")
		dst = attr.AppendString(dst, *o.NextToken)
	}
	return append(dst, '}'), nil
}

func (s *TimeToLiveSpecification) appendJSON(dst []byte) []byte {
	if s == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	if s.AttributeName != nil {
		dst = wire.Name(dst, "AttributeName")
		dst = attr.AppendString(dst, *s.AttributeName)
	}
	if s.Enabled != nil {
		dst = wire.Name(dst, "Enabled")
		dst = strconv.AppendBool(dst, *s.Enabled)
	}
	return append(dst, '}')
}

func (o *UpdateTimeToLiveOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	if o.TimeToLiveSpecification != nil {
		dst = wire.Name(dst, "TimeToLiveSpecification")
		dst = o.TimeToLiveSpecification.appendJSON(dst)
	}
	return append(dst, '}'), nil
}

func (d *TimeToLiveDescription) appendJSON(dst []byte) []byte {
	if d == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	if d.AttributeName != "" {
		dst = wire.Name(dst, "AttributeName")
		dst = attr.AppendString(dst, d.AttributeName)
	}
	dst = wire.Name(dst, "TimeToLiveStatus")
	dst = attr.AppendString(dst, d.TimeToLiveStatus)
	return append(dst, '}')
}

func (o *DescribeTimeToLiveOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "TimeToLiveDescription")
	dst = o.TimeToLiveDescription.appendJSON(dst)
	return append(dst, '}'), nil
}

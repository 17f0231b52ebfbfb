package engine

import (
	"cmp"
	"errors"
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// The request decoders: one decodeJSON method per operation input and one
// reader per nested type, each a switch on the member names (matched
// exactly, as DynamoDB does; unknown members are skipped). They decode as
// encoding/json did into the same types (decode_oracle_test.go keeps that
// path and compares the two): see package wire for the rules.

// requestDecoder is an operation input that decodes its own JSON.
type requestDecoder interface {
	decodeJSON(r *wire.Reader)
}

// obj adapts a struct's decodeJSON method to wire.Slice, wire.Map and
// wire.Ptr.
func obj[T any, P interface {
	*T
	requestDecoder
}](r *wire.Reader, v *T) {
	P(v).decodeJSON(r)
}

func readItem(r *wire.Reader, it *attr.Item)  { r.Unmarshal(it) }
func readValue(r *wire.Reader, v *attr.Value) { r.Unmarshal(v) }
func readStrings(r *wire.Reader, s *[]string) { wire.Slice(r, s, (*wire.Reader).String) }
func readNames(r *wire.Reader, m *map[string]string) {
	wire.Map(r, m, (*wire.Reader).String)
}
func readExpected(r *wire.Reader, m *map[string]expr.ExpectedValue) {
	wire.Map(r, m, readExpectedValue)
}

func readExpectedValue(r *wire.Reader, e *expr.ExpectedValue) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Value":
			wire.Ptr(r, &e.Value, readValue)
		case "Exists":
			r.BoolPtr(&e.Exists)
		case "ComparisonOperator":
			r.String(&e.ComparisonOperator)
		case "AttributeValueList":
			wire.Slice(r, &e.AttributeValueList, readValue)
		default:
			r.Skip()
		}
	}
}

func readAttributeUpdate(r *wire.Reader, u *expr.AttributeUpdate) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Action":
			r.String(&u.Action)
		case "Value":
			wire.Ptr(r, &u.Value, readValue)
		default:
			r.Skip()
		}
	}
}

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
			var de *ddberr.Error
			if !errors.As(err, &de) || de.Type != ddberr.TypeValidation {
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

func (in *GetItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ConsistentRead":
			r.BoolPtr(&in.ConsistentRead)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "AttributesToGet":
			readStrings(r, &in.AttributesToGet)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *PutItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Item":
			r.Unmarshal(&in.Item)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "Expected":
			readExpected(r, &in.Expected)
		case "ConditionalOperator":
			r.String(&in.ConditionalOperator)
		case "ReturnValues":
			r.String(&in.ReturnValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *DeleteItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "Expected":
			readExpected(r, &in.Expected)
		case "ConditionalOperator":
			r.String(&in.ConditionalOperator)
		case "ReturnValues":
			r.String(&in.ReturnValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *UpdateItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "UpdateExpression":
			r.StringPtr(&in.UpdateExpression)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "AttributeUpdates":
			wire.Map(r, &in.AttributeUpdates, readAttributeUpdate)
		case "Expected":
			readExpected(r, &in.Expected)
		case "ConditionalOperator":
			r.String(&in.ConditionalOperator)
		case "ReturnValues":
			r.String(&in.ReturnValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *QueryInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "IndexName":
			r.StringPtr(&in.IndexName)
		case "KeyConditionExpression":
			r.StringPtr(&in.KeyConditionExpression)
		case "KeyConditions":
			readExpected(r, &in.KeyConditions)
		case "FilterExpression":
			r.StringPtr(&in.FilterExpression)
		case "QueryFilter":
			readExpected(r, &in.QueryFilter)
		case "ConditionalOperator":
			r.String(&in.ConditionalOperator)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		case "AttributesToGet":
			readStrings(r, &in.AttributesToGet)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "Select":
			r.String(&in.Select)
		case "ScanIndexForward":
			r.BoolPtr(&in.ScanIndexForward)
		case "Limit":
			r.IntPtr(&in.Limit)
		case "ExclusiveStartKey":
			r.Unmarshal(&in.ExclusiveStartKey)
		case "ConsistentRead":
			r.Bool(&in.ConsistentRead)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *ScanInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "IndexName":
			r.StringPtr(&in.IndexName)
		case "FilterExpression":
			r.StringPtr(&in.FilterExpression)
		case "ScanFilter":
			readExpected(r, &in.ScanFilter)
		case "ConditionalOperator":
			r.String(&in.ConditionalOperator)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		case "AttributesToGet":
			readStrings(r, &in.AttributesToGet)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "Select":
			r.String(&in.Select)
		case "Limit":
			r.IntPtr(&in.Limit)
		case "ExclusiveStartKey":
			r.Unmarshal(&in.ExclusiveStartKey)
		case "ConsistentRead":
			r.Bool(&in.ConsistentRead)
		case "Segment":
			r.IntPtr(&in.Segment)
		case "TotalSegments":
			r.IntPtr(&in.TotalSegments)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *KeysAndAttributes) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Keys":
			wire.Slice(r, &in.Keys, readItem)
		case "AttributesToGet":
			readStrings(r, &in.AttributesToGet)
		case "ConsistentRead":
			r.BoolPtr(&in.ConsistentRead)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		default:
			r.Skip()
		}
	}
}

func (in *BatchGetItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "RequestItems":
			wire.Map(r, &in.RequestItems, func(r *wire.Reader, p **KeysAndAttributes) {
				wire.Ptr(r, p, obj[KeysAndAttributes])
			})
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *WriteRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "PutRequest":
			wire.Ptr(r, &in.PutRequest, obj[PutRequest])
		case "DeleteRequest":
			wire.Ptr(r, &in.DeleteRequest, obj[DeleteRequest])
		default:
			r.Skip()
		}
	}
}

func (in *PutRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Item":
			r.Unmarshal(&in.Item)
		default:
			r.Skip()
		}
	}
}

func (in *DeleteRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Key":
			r.Unmarshal(&in.Key)
		default:
			r.Skip()
		}
	}
}

func (in *BatchWriteItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "RequestItems":
			wire.Map(r, &in.RequestItems, func(r *wire.Reader, s *[]WriteRequest) {
				wire.Slice(r, s, obj[WriteRequest])
			})
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *TransactGetItemsInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TransactItems":
			wire.Slice(r, &in.TransactItems, obj[TransactGetItem])
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *TransactGetItem) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Get":
			wire.Ptr(r, &in.Get, obj[TransactGet])
		default:
			r.Skip()
		}
	}
}

func (in *TransactGet) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		default:
			r.Skip()
		}
	}
}

func (in *TransactWriteItemsInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TransactItems":
			wire.Slice(r, &in.TransactItems, obj[TransactWriteItem])
		case "ClientRequestToken":
			r.StringPtr(&in.ClientRequestToken)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *TransactWriteItem) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ConditionCheck":
			wire.Ptr(r, &in.ConditionCheck, obj[TransactConditionCheck])
		case "Put":
			wire.Ptr(r, &in.Put, obj[TransactPut])
		case "Update":
			wire.Ptr(r, &in.Update, obj[TransactUpdate])
		case "Delete":
			wire.Ptr(r, &in.Delete, obj[TransactDelete])
		default:
			r.Skip()
		}
	}
}

func (in *TransactConditionCheck) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *TransactPut) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Item":
			r.Unmarshal(&in.Item)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *TransactUpdate) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "UpdateExpression":
			r.StringPtr(&in.UpdateExpression)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *TransactDelete) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

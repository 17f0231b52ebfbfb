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
// reader per nested type (the item requests here, the table ones in
// decode_tables.go, the batch and transaction ones in decode_batches.go),
// each a switch on the member names, matched exactly as DynamoDB does
// (unknown members are skipped). They decode as encoding/json did into
// the same types (decode_oracle_test.go keeps that path and compares the
// two): see package wire for the rules.

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

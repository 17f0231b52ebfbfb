package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// DeleteItemInput is the DeleteItem request.
type DeleteItemInput struct {
	TableName                           string                        `json:"TableName"`
	Key                                 attr.Item                     `json:"Key"`
	ConditionExpression                 *string                       `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string             `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           ExpressionValues              `json:"ExpressionAttributeValues,omitempty"`
	Expected                            map[string]expr.ExpectedValue `json:"Expected,omitempty"`
	ConditionalOperator                 string                        `json:"ConditionalOperator,omitempty"`
	ReturnValues                        string                        `json:"ReturnValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string                        `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
	ReturnConsumedCapacity              string                        `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics         string                        `json:"ReturnItemCollectionMetrics,omitempty"`
}

func (in *DeleteItemInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "Key", &in.Key, &cItem, 0)
	member(f, "ConditionExpression", &in.ConditionExpression, &cStringPtr, omitEmpty)
	member(f, "ExpressionAttributeNames", &in.ExpressionAttributeNames, &cNames, omitEmpty)
	member(f, "ExpressionAttributeValues", &in.ExpressionAttributeValues, &cValues, omitEmpty)
	member(f, "Expected", &in.Expected, &cExpected, omitEmpty)
	member(f, "ConditionalOperator", &in.ConditionalOperator, &cString, omitEmpty)
	member(f, "ReturnValues", &in.ReturnValues, &cString, omitEmpty)
	member(f, "ReturnValuesOnConditionCheckFailure", &in.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
	member(f, "ReturnItemCollectionMetrics", &in.ReturnItemCollectionMetrics, &cString, omitEmpty)
}

// DeleteItemOutput is the DeleteItem response.
type DeleteItemOutput struct {
	Attributes            attr.Item              `json:"Attributes,omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
}

func (o *DeleteItemOutput) members(f *fields) {
	member(f, "Attributes", &o.Attributes, &cItem, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
	member(f, "ItemCollectionMetrics", &o.ItemCollectionMetrics, &cItemCollectionMetricsPtr, omitEmpty)
}

func (o *DeleteItemOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, itemHint(o.Attributes, 0, o.ConsumedCapacity)), o), nil
}

func init() { register("DeleteItem", (*DB).DeleteItem) }

// DeleteItem deletes the item with the given primary key, if any (deleting
// a missing item succeeds and still consumes one write unit). A condition
// is evaluated against the current item, or against no item.
func (db *DB) DeleteItem(in *DeleteItemInput) (*DeleteItemOutput, error) {
	w := singleWrite{tableName: in.TableName, keyMember: "key", key: in.Key,
		returnValues: in.ReturnValues, onFailure: in.ReturnValuesOnConditionCheckFailure,
		returnCapacity: in.ReturnConsumedCapacity, returnMetrics: in.ReturnItemCollectionMetrics,
		conditionalOperator: in.ConditionalOperator}
	if err := w.check(rvNone, rvAllOld); err != nil {
		return nil, err
	}
	cond, err := writeCondition(in.ConditionExpression, in.Expected, in.ConditionalOperator,
		in.ExpressionAttributeNames, in.ExpressionAttributeValues)
	if err != nil {
		return nil, err
	}
	c, cc, m, err := w.run(db, func(t *table) (change, error) {
		if err := t.checkKey(in.Key); err != nil {
			return change{}, err
		}
		return t.apply(&write{cond: cond, onFailure: w.onFailure}, in.Key, nil, 0, nil)
	})
	if err != nil {
		return nil, err
	}
	out := &DeleteItemOutput{ConsumedCapacity: cc, ItemCollectionMetrics: m}
	if in.ReturnValues == rvAllOld {
		out.Attributes = c.old
	}
	return out, nil
}

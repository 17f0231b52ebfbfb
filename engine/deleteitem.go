package engine

import (
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

// DeleteItemOutput is the DeleteItem response.
type DeleteItemOutput struct {
	Attributes            attr.Item              `json:"Attributes,omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
}

func init() { register("DeleteItem", (*DB).DeleteItem) }

// DeleteItem deletes the item with the given primary key, if any (deleting
// a missing item succeeds and still consumes one write unit). A condition
// is evaluated against the current item, or against no item.
func (db *DB) DeleteItem(in *DeleteItemInput) (*DeleteItemOutput, error) {
	var v violations
	v.tableName("tableName", in.TableName)
	if in.Key == nil {
		v.add("null", "key", cNotNull)
	}
	v.returnValues(in.ReturnValues)
	v.returnValuesOnFailure(in.ReturnValuesOnConditionCheckFailure)
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	v.returnItemCollectionMetrics(in.ReturnItemCollectionMetrics)
	v.enum("conditionalOperator", in.ConditionalOperator, "AND", "OR")
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkReturnValues(in.ReturnValues, rvNone, rvAllOld); err != nil {
		return nil, err
	}
	cond, err := writeCondition(in.ConditionExpression, in.Expected, in.ConditionalOperator,
		in.ExpressionAttributeNames, in.ExpressionAttributeValues)
	if err != nil {
		return nil, err
	}

	db.mu.Lock()
	defer db.mu.Unlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, err
	}
	if err := t.checkKey(in.Key); err != nil {
		return nil, err
	}
	w := write{cond: cond, onFailure: in.ReturnValuesOnConditionCheckFailure}
	old, _, err := t.apply(&w, in.Key, nil, nil)
	if err != nil {
		return nil, err
	}
	if c, ok := change(old, nil); ok {
		db.recordChanges(t, c)
	}
	out := &DeleteItemOutput{}
	if in.ReturnValues == rvAllOld {
		out.Attributes = old
	}
	cc := newConsumption(in.ReturnConsumedCapacity, t.name, false)
	cc.addWrite(t, old, nil, false)
	out.ConsumedCapacity = cc.result()
	out.ItemCollectionMetrics = t.collectionMetrics(in.ReturnItemCollectionMetrics, in.Key)
	return out, nil
}

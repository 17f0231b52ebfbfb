package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/streams"
)

// PutItemInput is the PutItem request.
type PutItemInput struct {
	TableName                           string                        `json:"TableName"`
	Item                                attr.Item                     `json:"Item"`
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

// PutItemOutput is the PutItem response.
type PutItemOutput struct {
	Attributes            attr.Item              `json:"Attributes,omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
}

func init() { register("PutItem", (*DB).PutItem) }

// PutItem creates or replaces an item. The request is validated completely
// (parameters, expressions, key and index-key types, item size) before the
// table is read; a failed condition writes nothing and returns
// ConditionalCheckFailedException.
//
// The item is stored as given, not copied: the caller must not modify
// in.Item afterwards. Items in the output are shared with the table and
// must not be modified either.
func (db *DB) PutItem(in *PutItemInput) (*PutItemOutput, error) {
	var v violations
	v.tableName("tableName", in.TableName)
	if in.Item == nil {
		v.add("null", "item", cNotNull)
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
	if err := t.checkPutItem(in.Item); err != nil {
		return nil, err
	}
	w := write{cond: cond, onFailure: in.ReturnValuesOnConditionCheckFailure}
	old, _, err := t.apply(&w, in.Item, in.Item, nil)
	if err != nil {
		return nil, err
	}
	db.recordChanges(t, streams.Change{Old: old, New: in.Item})
	out := &PutItemOutput{}
	if in.ReturnValues == rvAllOld {
		out.Attributes = old
	}
	cc := newConsumption(in.ReturnConsumedCapacity, t.name, false)
	cc.addWrite(t, old, in.Item, false)
	out.ConsumedCapacity = cc.result()
	out.ItemCollectionMetrics = t.collectionMetrics(in.ReturnItemCollectionMetrics, in.Item)
	return out, nil
}

// writeCondition checks the expression parameters of a conditional write
// (PutItem, DeleteItem) and returns its condition (nil for none), with
// every name and value used.
func writeCondition(src *string, expected map[string]expr.ExpectedValue, op string,
	names map[string]string, values map[string]attr.Value) (*expr.Condition, error) {
	if src == nil && expected == nil && op == "" && names == nil && values == nil {
		return nil, nil
	}
	p := exprParams{names: names, values: values, valuesNull: valuesNullCondition}
	p.useLegacy("Expected", expected != nil)
	p.useLegacy("ConditionalOperator", op != "")
	p.useExpr("ConditionExpression", src)
	r, err := p.resolver()
	if err != nil {
		return nil, err
	}
	cond, err := condition(r, src, expected, op)
	if err != nil {
		return nil, err
	}
	if err := r.CheckUnused(); err != nil {
		return nil, err
	}
	return cond, nil
}

// checkPutItem checks an item to be stored whole: its key, index keys and size.
func (t *table) checkPutItem(item attr.Item) error {
	if err := t.checkItemKey(item); err != nil {
		return err
	}
	if err := t.checkIndexKeys(item); err != nil {
		return err
	}
	_, err := checkItemSize(item, msgItemTooLarge)
	return err
}

package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
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

func (in *PutItemInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "Item", &in.Item, &cItem, 0)
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

// PutItemOutput is the PutItem response.
type PutItemOutput struct {
	Attributes            attr.Item              `json:"Attributes,omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
}

func (o *PutItemOutput) members(f *fields) {
	member(f, "Attributes", &o.Attributes, &cItem, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
	member(f, "ItemCollectionMetrics", &o.ItemCollectionMetrics, &cItemCollectionMetricsPtr, omitEmpty)
}

func (o *PutItemOutput) appendJSON(dst []byte) ([]byte, error) {
	if o.Attributes == nil && o.ConsumedCapacity == nil && o.ItemCollectionMetrics == nil {
		return append(dst, "{}"...), nil // the commonest answer: what encodeMembers writes
	}
	return encodeMembers(slices.Grow(dst, itemHint(o.Attributes, 0, o.ConsumedCapacity)), o), nil
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
	w := singleWrite{tableName: in.TableName, keyMember: "item", key: in.Item,
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
		size, err := t.checkPutItem(in.Item)
		if err != nil {
			return change{}, err
		}
		noOld := in.ReturnValues != rvAllOld && newConsumption(in.ReturnConsumedCapacity, "", false) == nil
		return t.apply(&write{cond: cond, onFailure: w.onFailure, noOld: noOld}, in.Item, in.Item, size, nil)
	})
	if err != nil {
		return nil, err
	}
	out := &PutItemOutput{ConsumedCapacity: cc, ItemCollectionMetrics: m}
	if in.ReturnValues == rvAllOld {
		out.Attributes = c.old
	}
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
	p := expr.Params{Names: names, Values: values, ValuesNull: valuesNullCondition}
	p.UseLegacy("Expected", expected != nil)
	p.UseLegacy("ConditionalOperator", op != "")
	p.UseExpr("ConditionExpression", src)
	r, err := p.Resolver()
	if err != nil {
		return nil, err
	}
	cond, err := expr.ConditionParam(r, src, expected, op)
	if err != nil {
		return nil, err
	}
	if err := r.CheckUnused(); err != nil {
		return nil, err
	}
	return cond, nil
}

// checkPutItem checks an item to be stored whole: its attribute names (not
// empty), key, index keys and size, which it returns (attr.ItemSize).
func (t *table) checkPutItem(item attr.Item) (int, error) {
	if _, ok := item[""]; ok {
		return 0, expr.EmptyAttrName()
	}
	if err := t.checkItemKey(item); err != nil {
		return 0, err
	}
	if err := t.checkIndexKeys(item); err != nil {
		return 0, err
	}
	return checkItemSize(item, msgItemTooLarge)
}

package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// UpdateItemInput is the UpdateItem request.
type UpdateItemInput struct {
	TableName                           string                          `json:"TableName"`
	Key                                 attr.Item                       `json:"Key"`
	UpdateExpression                    *string                         `json:"UpdateExpression,omitempty"`
	ConditionExpression                 *string                         `json:"ConditionExpression,omitempty"`
	ExpressionAttributeNames            map[string]string               `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues           ExpressionValues                `json:"ExpressionAttributeValues,omitempty"`
	AttributeUpdates                    map[string]expr.AttributeUpdate `json:"AttributeUpdates,omitempty"`
	Expected                            map[string]expr.ExpectedValue   `json:"Expected,omitempty"`
	ConditionalOperator                 string                          `json:"ConditionalOperator,omitempty"`
	ReturnValues                        string                          `json:"ReturnValues,omitempty"`
	ReturnValuesOnConditionCheckFailure string                          `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
	ReturnConsumedCapacity              string                          `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics         string                          `json:"ReturnItemCollectionMetrics,omitempty"`
}

func (in *UpdateItemInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "Key", &in.Key, &cItem, 0)
	member(f, "UpdateExpression", &in.UpdateExpression, &cStringPtr, omitEmpty)
	member(f, "ConditionExpression", &in.ConditionExpression, &cStringPtr, omitEmpty)
	member(f, "ExpressionAttributeNames", &in.ExpressionAttributeNames, &cNames, omitEmpty)
	member(f, "ExpressionAttributeValues", &in.ExpressionAttributeValues, &cValues, omitEmpty)
	member(f, "AttributeUpdates", &in.AttributeUpdates, &cAttributeUpdates, omitEmpty)
	member(f, "Expected", &in.Expected, &cExpected, omitEmpty)
	member(f, "ConditionalOperator", &in.ConditionalOperator, &cString, omitEmpty)
	member(f, "ReturnValues", &in.ReturnValues, &cString, omitEmpty)
	member(f, "ReturnValuesOnConditionCheckFailure", &in.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
	member(f, "ReturnItemCollectionMetrics", &in.ReturnItemCollectionMetrics, &cString, omitEmpty)
}

// UpdateItemOutput is the UpdateItem response.
type UpdateItemOutput struct {
	Attributes            attr.Item              `json:"Attributes,omitempty"`
	ConsumedCapacity      *ConsumedCapacity      `json:"ConsumedCapacity,omitempty"`
	ItemCollectionMetrics *ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`

	size int // attr.ItemSize(Attributes) when the write computed it (ALL_NEW), else 0
}

func (o *UpdateItemOutput) members(f *fields) {
	member(f, "Attributes", &o.Attributes, &cItem, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
	member(f, "ItemCollectionMetrics", &o.ItemCollectionMetrics, &cItemCollectionMetricsPtr, omitEmpty)
}

func (o *UpdateItemOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, itemHint(o.Attributes, o.size, o.ConsumedCapacity)), o), nil
}

func init() { register("UpdateItem", (*DB).UpdateItem) }

// UpdateItem edits an item's attributes with UpdateExpression (or legacy
// AttributeUpdates), creating the item from its key when it does not exist.
// Expressions are parsed and resolved, and key attributes checked, before
// the item is read; errors found while applying the update to the item
// (missing paths, wrong operand types, item too large) write nothing.
// Items in the output are shared with the table: callers must not modify them.
func (db *DB) UpdateItem(in *UpdateItemInput) (*UpdateItemOutput, error) {
	w := singleWrite{tableName: in.TableName, keyMember: "key", key: in.Key,
		returnValues: in.ReturnValues, onFailure: in.ReturnValuesOnConditionCheckFailure,
		returnCapacity: in.ReturnConsumedCapacity, returnMetrics: in.ReturnItemCollectionMetrics,
		conditionalOperator: in.ConditionalOperator}
	if err := w.check(); err != nil {
		return nil, err
	}
	upd, cond, err := parseUpdateRequest(in)
	if err != nil {
		return nil, err
	}
	c, cc, m, err := w.run(db, func(t *table) (change, error) {
		if err := t.checkKey(in.Key); err != nil {
			return change{}, err
		}
		if err := t.checkUpdateKeys(upd); err != nil {
			return change{}, err
		}
		return t.apply(&write{cond: cond, onFailure: w.onFailure}, in.Key, nil, 0, func(old attr.Item) (attr.Item, int, error) {
			return t.updated(old, in.Key, upd)
		})
	})
	if err != nil {
		return nil, err
	}
	out := &UpdateItemOutput{ConsumedCapacity: cc, ItemCollectionMetrics: m}
	var paths []expr.Path
	if upd != nil {
		paths = upd.Paths()
	}
	switch in.ReturnValues {
	case rvAllOld:
		out.Attributes = c.old
	case rvAllNew:
		out.Attributes, out.size = c.new, c.size
	case rvUpdatedOld:
		out.Attributes = projectPaths(c.old, paths)
	case rvUpdatedNew:
		out.Attributes = projectPaths(c.new, paths)
	}
	return out, nil
}

// parseUpdateRequest checks how UpdateItem's expression parameters combine
// and returns its update (nil when there is none) and condition (nil when
// there is none), every name and value having been used.
func parseUpdateRequest(in *UpdateItemInput) (*expr.Update, *expr.Condition, error) {
	p := expr.Params{
		Names:      in.ExpressionAttributeNames,
		Values:     in.ExpressionAttributeValues,
		ValuesNull: valuesNullUpdate,
	}
	p.UseLegacy("AttributeUpdates", in.AttributeUpdates != nil)
	p.UseLegacy("Expected", in.Expected != nil)
	p.UseLegacy("ConditionalOperator", in.ConditionalOperator != "")
	p.UseExpr("UpdateExpression", in.UpdateExpression)
	p.UseExpr("ConditionExpression", in.ConditionExpression)
	r, err := p.Resolver()
	if err != nil {
		return nil, nil, err
	}
	var upd *expr.Update
	switch {
	case in.UpdateExpression != nil:
		pu, err := expr.ParseUpdate(*in.UpdateExpression)
		if err != nil {
			return nil, nil, err
		}
		if upd, err = r.Update(pu); err != nil {
			return nil, nil, err
		}
	case in.AttributeUpdates != nil:
		if upd, err = expr.FromAttributeUpdates(in.AttributeUpdates); err != nil {
			return nil, nil, err
		}
	}
	cond, err := expr.ConditionParam(r, in.ConditionExpression, in.Expected, in.ConditionalOperator)
	if err != nil {
		return nil, nil, err
	}
	if err := r.CheckUnused(); err != nil {
		return nil, nil, err
	}
	return upd, cond, nil
}

// checkUpdateKeys rejects an update (nil: none) that writes or removes a
// key attribute of the table.
func (t *table) checkUpdateKeys(upd *expr.Update) error {
	if upd == nil {
		return nil
	}
	for _, p := range upd.Paths() {
		if t.isKeyAttr(p.Name) {
			return validationf(msgKeyUpdateFmt, p.Name)
		}
	}
	return nil
}

// updated returns the item that update makes of old (nil: the item does
// not exist yet and is created from key), checked for index-key types and
// size, and its size; an update of a key attribute is rejected. old is not
// modified.
func (t *table) updated(old, key attr.Item, upd *expr.Update) (attr.Item, int, error) {
	if err := t.checkUpdateKeys(upd); err != nil {
		return nil, 0, err
	}
	base := old
	if base == nil {
		base = t.keyOf(key)
	}
	item := base
	if upd != nil {
		var err error
		if item, err = upd.Apply(base); err != nil {
			return nil, 0, err
		}
	}
	if old == nil && upd != nil && len(item) == len(base) && onlyKey(item, base) {
		// An update that leaves a missing item with nothing but its key
		// (REMOVE or DELETE alone) does not create it, as in DynamoDB.
		return nil, 0, nil
	}
	if err := t.checkIndexKeys(item); err != nil {
		return nil, 0, err
	}
	size, err := checkItemSize(item, msgTxnItemTooLarge)
	if err != nil {
		return nil, 0, err
	}
	return item, size, nil
}

// onlyKey reports whether item holds exactly the attributes of key.
func onlyKey(item, key attr.Item) bool {
	for name := range item {
		if _, ok := key[name]; !ok {
			return false
		}
	}
	return true
}

package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/read"
)

// GetItemInput is the GetItem request.
type GetItemInput struct {
	TableName                string            `json:"TableName"`
	Key                      attr.Item         `json:"Key"`
	ConsistentRead           *bool             `json:"ConsistentRead,omitempty"`
	ProjectionExpression     *string           `json:"ProjectionExpression,omitempty"`
	ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames,omitempty"`
	AttributesToGet          []string          `json:"AttributesToGet,omitempty"`
	ReturnConsumedCapacity   string            `json:"ReturnConsumedCapacity,omitempty"`
}

func (in *GetItemInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "Key", &in.Key, &cItem, 0)
	member(f, "ConsistentRead", &in.ConsistentRead, &cBoolPtr, omitEmpty)
	member(f, "ProjectionExpression", &in.ProjectionExpression, &cStringPtr, omitEmpty)
	member(f, "ExpressionAttributeNames", &in.ExpressionAttributeNames, &cNames, omitEmpty)
	member(f, "AttributesToGet", &in.AttributesToGet, &cStrings, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

// GetItemOutput is the GetItem response. Item is nil (absent from the JSON)
// when no item has the key; it is empty, not nil, when the item exists but
// the projection selects none of its attributes.
type GetItemOutput struct {
	Item             attr.Item         `json:"Item,omitzero"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

func (o *GetItemOutput) members(f *fields) {
	member(f, "Item", &o.Item, &itemOmitZero, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
}

func (o *GetItemOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, itemHint(o.Item, o.ConsumedCapacity)), o), nil
}

func init() { register("GetItem", (*DB).GetItem) }

// GetItem returns the item with the given primary key, projected by
// ProjectionExpression or AttributesToGet. It consumes read capacity for
// the whole item's size (4 KB units, halved unless ConsistentRead), even
// when nothing is found. The returned Item may be shared with the table:
// callers must not modify it.
func (db *DB) GetItem(in *GetItemInput) (*GetItemOutput, error) {
	var v violations
	v.tableName("tableName", in.TableName)
	if in.Key == nil {
		v.add("null", "key", cNotNull)
	}
	if in.AttributesToGet != nil && len(in.AttributesToGet) == 0 {
		v.add("'[]'", "attributesToGet", ddberr.Sprintf(cMinLenFmt, 1))
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.err(); err != nil {
		return nil, err
	}
	var proj *expr.Projection
	if in.ProjectionExpression != nil || in.AttributesToGet != nil || in.ExpressionAttributeNames != nil {
		p := exprParams{names: in.ExpressionAttributeNames}
		p.useLegacy("AttributesToGet", in.AttributesToGet != nil)
		p.useExpr("ProjectionExpression", in.ProjectionExpression)
		r, err := p.resolver()
		if err != nil {
			return nil, err
		}
		pr, err := projection(r, in.ProjectionExpression, in.AttributesToGet)
		if err != nil {
			return nil, err
		}
		if err := r.CheckUnused(); err != nil {
			return nil, err
		}
		proj = pr
	}
	consistent := in.ConsistentRead != nil && *in.ConsistentRead

	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, err
	}
	if err := t.checkKey(in.Key); err != nil {
		return nil, err
	}
	rec, found := t.readData(consistent, false).GetRecord(in.Key)
	out := &GetItemOutput{}
	size := int64(0)
	if found {
		size = rec.Size()
		var item attr.Item
		if proj != nil {
			// A projection reads only the top-level attributes it names.
			if item = proj.Apply(rec.Attrs(read.PathNames(proj.Paths())...)); item == nil {
				item = attr.Item{}
			}
		} else {
			item = rec.Item()
		}
		out.Item = item
	}
	if err := t.admitRead(nil, in.Key[t.key.Hash], readUnits(size, consistent)); err != nil {
		return nil, err
	}
	cc := newConsumption(in.ReturnConsumedCapacity, t.name, true)
	cc.addTable(readUnits(size, consistent))
	out.ConsumedCapacity = cc.result()
	return out, nil
}

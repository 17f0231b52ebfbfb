package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/validate"
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
	// rec, when hasRec, is the whole item as stored, in place of Item:
	// Handle's GetItem writes it straight from the record (appendJSON).
	rec    storage.Record
	hasRec bool
}

func (o *GetItemOutput) members(f *fields) {
	member(f, "Item", &o.Item, &itemOmitZero, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
}

func (o *GetItemOutput) appendJSON(dst []byte) ([]byte, error) {
	if !o.hasRec {
		if o.Item == nil && o.ConsumedCapacity == nil {
			return append(dst, "{}"...), nil // no item: what encodeMembers writes
		}
		return encodeMembers(slices.Grow(dst, itemHint(o.Item, 0, o.ConsumedCapacity)), o), nil
	}
	// {"Item":<the record's JSON>, then the other members: encodeMembers
	// writes them as {...} (Item left out), whose "{" becomes "," (or
	// which is dropped for "}" when there are none).
	dst = append(dst, `{"Item":`...)
	dst = o.rec.AppendJSON(dst, nil)
	if o.ConsumedCapacity == nil {
		return append(dst, '}'), nil // the commonest answer, without encodeMembers
	}
	mark := len(dst)
	o.hasRec = false // Item is nil: left out
	dst = encodeMembers(dst, o)
	o.hasRec = true
	if len(dst)-mark == len("{}") {
		return append(dst[:mark], '}'), nil
	}
	dst[mark] = ','
	return dst, nil
}

func init() {
	register("GetItem", func(db *DB, in *GetItemInput) (*GetItemOutput, error) { return db.getItem(in, true) })
}

// GetItem returns the item with the given primary key, projected by
// ProjectionExpression or AttributesToGet. It consumes read capacity for
// the whole item's size (4 KB units, halved unless ConsistentRead), even
// when nothing is found. The returned Item may be shared with the table:
// callers must not modify it.
func (db *DB) GetItem(in *GetItemInput) (*GetItemOutput, error) { return db.getItem(in, false) }

// getItem is GetItem; with raw, an item read whole is left as its record
// (GetItemOutput.rec) for Handle to write, not decoded into Item.
func (db *DB) getItem(in *GetItemInput, raw bool) (*GetItemOutput, error) {
	var v violations
	v.TableName("tableName", in.TableName)
	if in.Key == nil {
		v.Add("null", "key", validate.NotNull)
	}
	if in.AttributesToGet != nil && len(in.AttributesToGet) == 0 {
		v.Add("'[]'", "attributesToGet", ddberr.Sprintf(validate.MinLenFmt, 1))
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var proj *expr.Projection
	if in.ProjectionExpression != nil || in.AttributesToGet != nil || in.ExpressionAttributeNames != nil {
		var err error
		if proj, err = expr.ReadProjection(in.ExpressionAttributeNames, in.ProjectionExpression, in.AttributesToGet); err != nil {
			return nil, err
		}
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
			out.Item = item
		} else if raw {
			out.rec, out.hasRec = rec, true
		} else {
			out.Item = rec.Item()
		}
	}
	if t.enforced() { // (admitRead's own test, without the key's lookup)
		if err := t.admitRead(nil, in.Key[t.key.Hash], readUnits(size, consistent)); err != nil {
			return nil, err
		}
	}
	cc := newConsumption(in.ReturnConsumedCapacity, t.name, true)
	cc.AddTable(readUnits(size, consistent))
	out.ConsumedCapacity = consumed.Of(cc)
	return out, nil
}

package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

func init() { registerPkg("TransactGetItems", (*DB).TransactGetItems) }

// The TransactGetItems types are package batch's.
type (
	TransactGetItem        = batch.TransactGetItem
	TransactGet            = batch.TransactGet
	ItemResponse           = batch.ItemResponse
	TransactGetItemsInput  = batch.TransactGetItemsInput
	TransactGetItemsOutput = batch.TransactGetItemsOutput
)

// TransactGetItems reads up to 100 items, from one consistent snapshot
// (all reads happen under one read lock, so no write lands between them).
// Each read is transactional: twice the capacity of a strongly consistent
// read of the item (4 KB units, one unit for a missing item).
func (db *DB) TransactGetItems(in *TransactGetItemsInput) (*TransactGetItemsOutput, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	projs := make([]*expr.Projection, len(in.TransactItems))
	for i, ti := range in.TransactItems {
		var err error
		if projs[i], err = expr.ReadProjection(ti.Get.ExpressionAttributeNames, ti.Get.ProjectionExpression, nil); err != nil {
			return nil, err
		}
	}

	db.mu.RLock()
	defer db.mu.RUnlock()
	tables := make([]*table, len(in.TransactItems))
	seen := map[string]bool{}
	for i, ti := range in.TransactItems {
		t, err := db.table(ti.Get.TableName)
		if err != nil {
			return nil, err
		}
		if err := t.checkKey(ti.Get.Key); err != nil {
			return nil, err
		}
		k := t.name + "\x00" + t.keyString(ti.Get.Key)
		if seen[k] {
			return nil, validationf(msgTxnMultipleOps)
		}
		seen[k] = true
		tables[i] = t
	}
	out := &TransactGetItemsOutput{Responses: make([]ItemResponse, len(tables))}
	caps := map[*table]*consumption{}
	var order []*table
	var charges []capacity.Charge
	for i, t := range tables {
		cc, ok := caps[t]
		if !ok {
			cc = newConsumption(in.ReturnConsumedCapacity, t.name, true)
			caps[t] = cc
			order = append(order, t)
		}
		key := in.TransactItems[i].Get.Key
		item, found := t.data.Get(key)
		size := int64(0)
		if found {
			size = int64(attr.ItemSize(item))
		}
		if t.enforced() {
			charges = append(charges, capacity.Charge{R: t.cap, Op: capacity.Read,
				Hash: storage.PartitionHash(key[t.key.Hash]), Units: txnReadUnits(size)})
		}
		if !found {
			cc.AddTable(txnReadUnits(0))
			continue
		}
		cc.AddTable(txnReadUnits(size))
		if projs[i] != nil {
			item = projs[i].Apply(item)
		}
		out.Responses[i].Item = item
	}
	if charges != nil {
		// The transaction's reads are admitted as a whole.
		if err := tables[0].admit(charges); err != nil {
			return nil, err
		}
	}
	for _, t := range order {
		if c := consumed.Of(caps[t]); c != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, c)
		}
	}
	return out, nil
}

package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/expr"
)

func init() { registerPkg("BatchGetItem", (*DB).BatchGetItem) }

// The BatchGetItem types are package batch's.
type (
	KeysAndAttributes  = batch.KeysAndAttributes
	BatchGetItemInput  = batch.BatchGetItemInput
	BatchGetItemOutput = batch.BatchGetItemOutput
)

// batchGetTable is one validated table of a BatchGetItem.
type batchGetTable struct {
	name       string
	req        *KeysAndAttributes
	proj       *expr.Projection
	consistent bool
}

// BatchGetItem reads up to 100 items from one or more tables under one
// read lock. Tables are processed in name order, keys in request order;
// once the items read reach 16 MB the remaining keys are returned in
// UnprocessedKeys. Each item is charged on its own size (4 KB units, at
// least one unit for a missing item).
func (db *DB) BatchGetItem(in *BatchGetItemInput) (*BatchGetItemOutput, error) {
	names, err := in.Check()
	if err != nil {
		return nil, err
	}
	tables := make([]batchGetTable, 0, len(names))
	for _, name := range names {
		ka := in.RequestItems[name]
		proj, err := expr.ReadProjection(ka.ExpressionAttributeNames, ka.ProjectionExpression, ka.AttributesToGet)
		if err != nil {
			return nil, err
		}
		tables = append(tables, batchGetTable{name: name, req: ka, proj: proj,
			consistent: ka.ConsistentRead != nil && *ka.ConsistentRead})
	}

	db.mu.RLock()
	defer db.mu.RUnlock()
	resolved := make([]*table, len(tables))
	for i, bt := range tables {
		t, err := db.table(bt.name)
		if err != nil {
			return nil, err
		}
		resolved[i] = t
		seen := make(map[string]bool, len(bt.req.Keys))
		for _, key := range bt.req.Keys {
			if err := t.checkKey(key); err != nil {
				return nil, err
			}
			k := t.keyString(key)
			if seen[k] {
				return nil, validationf(msgDuplicateKeys)
			}
			seen[k] = true
		}
	}

	out := &BatchGetItemOutput{
		Responses:       make(map[string][]attr.Item, len(tables)),
		UnprocessedKeys: map[string]*KeysAndAttributes{},
	}
	var size int64
	processed, throttled := 0, error(nil)
	for i, bt := range tables {
		t := resolved[i]
		cc := newConsumption(in.ReturnConsumedCapacity, t.name, true)
		items := []attr.Item{}
		var unprocessed []attr.Item // throttled keys
		for j, key := range bt.req.Keys {
			if size >= batch.MaxBatchGetBytes {
				unprocessed = append(unprocessed, bt.req.Keys[j:]...)
				break
			}
			item, ok := t.readData(bt.consistent, false).Get(key)
			n := int64(0)
			if ok {
				n = int64(attr.ItemSize(item))
			}
			if err := t.admitRead(nil, key[t.key.Hash], readUnits(n, bt.consistent)); err != nil {
				unprocessed, throttled = append(unprocessed, key), err
				continue
			}
			processed++
			cc.AddTable(readUnits(n, bt.consistent))
			if !ok {
				continue
			}
			size += n
			if bt.proj != nil {
				item = bt.proj.Apply(item)
			}
			items = append(items, item)
		}
		if unprocessed != nil {
			rest := *bt.req
			rest.Keys = unprocessed
			out.UnprocessedKeys[bt.name] = &rest
		}
		out.Responses[bt.name] = items
		if c := consumed.Of(cc); c != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, c)
		}
	}
	if processed == 0 && throttled != nil {
		// Every key was throttled: the whole request fails.
		return nil, throttled
	}
	return out, nil
}

// keyString returns an encoding of the primary key of item (which holds
// valid key attributes) that is equal for equal keys and different for
// different ones: for duplicate detection.
func (t *table) keyString(item attr.Item) string {
	b := attr.AppendKey(nil, item[t.key.Hash])
	if t.key.Range != "" {
		b = attr.AppendKey(b, item[t.key.Range])
	}
	return string(b)
}

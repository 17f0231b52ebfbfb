package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/consumed"
)

func init() { registerPkg("BatchWriteItem", (*DB).BatchWriteItem) }

// The BatchWriteItem types are package batch's.
type (
	WriteRequest         = batch.WriteRequest
	PutRequest           = batch.PutRequest
	DeleteRequest        = batch.DeleteRequest
	BatchWriteItemInput  = batch.BatchWriteItemInput
	BatchWriteItemOutput = batch.BatchWriteItemOutput
)

// BatchWriteItem puts and deletes up to 25 items across tables. The whole
// request is validated (shapes, tables, keys, item sizes, duplicates)
// before anything is written, so a rejected batch writes nothing; the
// writes then happen under one write lock, so no reader ever sees part of
// a batch. After validation, only the item-collection size limit of a
// table with a local secondary index can still reject a write: when the
// batch touches such a table, every touched table is written on a
// copy-on-write clone (txn.protect) and put back if any write fails, so a
// batch is all or nothing; otherwise the tables are written in place.
func (db *DB) BatchWriteItem(in *BatchWriteItemInput) (*BatchWriteItemOutput, error) {
	names, err := in.Check()
	if err != nil {
		return nil, err
	}
	out := &BatchWriteItemOutput{UnprocessedItems: map[string][]WriteRequest{}}
	err = db.update(func(tx *txn) error {
		tables := make([]*table, len(names))
		sizes := make([][]int, len(names)) // each put's item size
		canFail := false
		for i, name := range names {
			t, err := tx.table(name)
			if err != nil {
				return err
			}
			tables[i] = t
			canFail = canFail || t.collectionLimit > 0
			sizes[i] = make([]int, len(in.RequestItems[name]))
			seen := make(map[string]bool, len(in.RequestItems[name]))
			for j, wr := range in.RequestItems[name] {
				key := wr.Key()
				if wr.PutRequest != nil {
					if sizes[i][j], err = t.checkPutItem(key); err != nil {
						return err
					}
				} else if err := t.checkKey(key); err != nil {
					return err
				}
				k := t.keyString(key)
				if seen[k] {
					return validationf(msgDuplicateKeys)
				}
				seen[k] = true
			}
		}
		// Only the item-collection size limit can fail a write now: protect
		// the tables when it applies, else write in place.
		for _, t := range tables {
			if canFail {
				tx.protect(t)
			}
		}
		processed, throttled := 0, error(nil)
		for i, t := range tables {
			n, thr, err := writeBatch(out, tx, t, in, names[i], sizes[i])
			if err != nil {
				return err
			}
			processed += n
			if thr != nil {
				throttled = thr
			}
		}
		if processed == 0 && throttled != nil {
			// Every request was throttled: the whole batch fails.
			return throttled
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// writeBatch performs the requests of in on table t (called name), whose
// puts' item sizes are sizes, and adds its capacity and metrics to out. A
// request throttled by the table's capacity is handed back in
// UnprocessedItems; writeBatch returns how many requests it performed and
// the last throttling error.
func writeBatch(out *BatchWriteItemOutput, tx *txn, t *table, in *BatchWriteItemInput, name string, sizes []int) (processed int, throttled, err error) {
	cc := newConsumption(in.ReturnConsumedCapacity, t.name, false)
	var collections []attr.Item // one key per item collection written
	seenColl := map[string]bool{}
	for j, wr := range in.RequestItems[name] {
		key, item := wr.Key(), attr.Item(nil)
		if wr.PutRequest != nil {
			item = wr.PutRequest.Item
		}
		c, err := t.apply(&write{batch: true}, key, item, sizes[j], nil)
		if isThrottle(err) {
			out.UnprocessedItems[name] = append(out.UnprocessedItems[name], wr)
			throttled = err
			continue
		}
		if err != nil {
			return 0, nil, err
		}
		processed++
		tx.record(t, c, false)
		addWrite(cc, t, c, false)
		if h := string(attr.AppendKey(nil, key[t.key.Hash])); !seenColl[h] {
			seenColl[h] = true
			collections = append(collections, key)
		}
	}
	t.replicate()
	var metrics []*ItemCollectionMetrics
	for _, key := range collections {
		if m := t.collectionMetrics(in.ReturnItemCollectionMetrics, key); m != nil {
			metrics = append(metrics, m)
		}
	}
	if c := consumed.Of(cc); c != nil {
		out.ConsumedCapacity = append(out.ConsumedCapacity, c)
	}
	if len(metrics) > 0 {
		if out.ItemCollectionMetrics == nil {
			out.ItemCollectionMetrics = map[string][]*ItemCollectionMetrics{}
		}
		out.ItemCollectionMetrics[t.name] = metrics
	}
	return processed, throttled, nil
}

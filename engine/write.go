package engine

import (
	"math"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// defaultCollectionLimit is DynamoDB's item-collection size limit on
// tables with local secondary indexes: 10 GB.
const defaultCollectionLimit = 10 << 30

// write is the validated condition of a single-item write, ready to run
// under the write lock.
type write struct {
	cond      *expr.Condition // nil: unconditional
	onFailure string          // ReturnValuesOnConditionCheckFailure
	// txn marks an action of a transaction, which admits its capacity
	// and replicates as a whole (transactwriteitems.go); batch marks a
	// request of a batch, admitted one by one but replicated as a whole.
	txn, batch bool
}

// apply runs one single-item write on t; the caller holds the write lock
// and has validated the request. It reads the item with key's primary key
// (key may be a whole item), checks the condition, computes the new item —
// newItem, or update(old) when update is not nil — and stores it; a nil
// result deletes the item. Item collections of tables with LSIs may not
// grow past the limit. With throughput enforced, a write beyond the
// table's capacity is throttled (admitWrite). Nothing is written when an
// error is returned.
func (t *table) apply(w *write, key, newItem attr.Item, update func(old attr.Item) (attr.Item, error)) (old, result attr.Item, err error) {
	// read: old was read here, so storage need not decode it again.
	var found, read bool
	if w.cond != nil || update != nil || newItem == nil || t.collectionLimit > 0 || t.enforced() {
		read = true
		old, found = t.data.Get(key)
		if !found {
			old = nil
		}
		if w.cond != nil && !w.cond.Eval(old) {
			return nil, nil, conditionFailed(old, w.onFailure)
		}
	}
	result = newItem
	if update != nil {
		if result, err = update(old); err != nil {
			return nil, nil, err
		}
	}
	if !w.txn {
		if err := t.admitWrite(old, result); err != nil {
			return nil, nil, err
		}
		if !w.batch {
			defer func() {
				if err == nil {
					t.replicate()
				}
			}()
		}
	}
	if result == nil {
		if found {
			t.data.DeleteAfterGet(key, old)
		}
		return old, nil, nil
	}
	if t.collectionLimit > 0 {
		delta := t.collectionBytes(result) - t.collectionBytes(old)
		if delta > 0 && t.data.CollectionSize(result[t.key.Hash])+delta > t.collectionLimit {
			return nil, nil, ddberr.New(ddberr.TypeItemCollectionSizeLimitExceeded, msgCollectionTooLarge)
		}
	}
	if read {
		t.data.PutAfterGet(result, old)
	} else {
		old, _ = t.data.Put(result)
	}
	return old, result, nil
}

// collectionBytes is the size item adds to its item collection: its own
// size plus its local-secondary-index entries. Zero for nil.
func (t *table) collectionBytes(item attr.Item) int64 {
	if item == nil {
		return 0
	}
	n := int64(attr.ItemSize(item))
	for _, ix := range t.indexes {
		if ix.def.Local {
			if e := t.indexEntry(ix, item); e != nil {
				n += int64(attr.ItemSize(e))
			}
		}
	}
	return n
}

// ItemCollectionMetrics reports the size of an item collection of a table
// with local secondary indexes.
type ItemCollectionMetrics struct {
	ItemCollectionKey   attr.Item `json:"ItemCollectionKey"`
	SizeEstimateRangeGB []float64 `json:"SizeEstimateRangeGB"`
}

// collectionMetrics returns the ItemCollectionMetrics for the collection of
// item (any item holding the partition key) when mode is SIZE and t has a
// local secondary index; otherwise nil. The estimate is the 1 GB range
// holding the collection's current size.
func (t *table) collectionMetrics(mode string, item attr.Item) *ItemCollectionMetrics {
	if mode != "SIZE" || !t.hasLSI() || item == nil {
		return nil
	}
	h := item[t.key.Hash]
	gb := math.Floor(float64(t.data.CollectionSize(h)) / (1 << 30))
	return &ItemCollectionMetrics{
		ItemCollectionKey:   attr.Item{t.key.Hash: h},
		SizeEstimateRangeGB: []float64{gb, gb + 1},
	}
}

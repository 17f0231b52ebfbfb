package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/streams"
)

func init() { register("BatchWriteItem", (*DB).BatchWriteItem) }

// WriteRequest is one put or delete of a BatchWriteItem: exactly one of
// its members is set.
type WriteRequest struct {
	PutRequest    *PutRequest    `json:"PutRequest,omitempty"`
	DeleteRequest *DeleteRequest `json:"DeleteRequest,omitempty"`
}

// PutRequest stores Item whole.
type PutRequest struct {
	Item attr.Item `json:"Item"`
}

// DeleteRequest deletes the item with Key.
type DeleteRequest struct {
	Key attr.Item `json:"Key"`
}

// BatchWriteItemInput is the BatchWriteItem request.
type BatchWriteItemInput struct {
	RequestItems                map[string][]WriteRequest `json:"RequestItems"`
	ReturnConsumedCapacity      string                    `json:"ReturnConsumedCapacity,omitempty"`
	ReturnItemCollectionMetrics string                    `json:"ReturnItemCollectionMetrics,omitempty"`
}

// BatchWriteItemOutput is the BatchWriteItem response. UnprocessedItems is
// always present; it is empty unless a limit of the engine was hit.
type BatchWriteItemOutput struct {
	UnprocessedItems      map[string][]WriteRequest           `json:"UnprocessedItems"`
	ItemCollectionMetrics map[string][]*ItemCollectionMetrics `json:"ItemCollectionMetrics,omitempty"`
	ConsumedCapacity      []*ConsumedCapacity                 `json:"ConsumedCapacity,omitempty"`
}

// BatchWriteItem puts and deletes up to 25 items across tables. The whole
// request is validated (shapes, tables, keys, item sizes, duplicates)
// before anything is written, so a rejected batch writes nothing; the
// writes then happen under one write lock, so no reader ever sees part of
// a batch. After validation, only the item-collection size limit of a
// table with a local secondary index can still reject a write: when the
// batch touches such a table, every touched table is written on a
// copy-on-write clone and put back if any write fails, so a batch is all
// or nothing; otherwise the tables are written in place.
func (db *DB) BatchWriteItem(in *BatchWriteItemInput) (*BatchWriteItemOutput, error) {
	var v violations
	names := requestTables(&v, in.RequestItems)
	total := 0
	for _, name := range names {
		v.tableName("requestItems."+name+".member.tableName", name)
		if len(in.RequestItems[name]) == 0 {
			v.add("'[]'", "requestItems."+name+".member", ddberr.Sprintf(cMinLenFmt, 1))
		}
		total += len(in.RequestItems[name])
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	v.returnItemCollectionMetrics(in.ReturnItemCollectionMetrics)
	if err := v.err(); err != nil {
		return nil, err
	}
	if total > maxBatchWriteRequests {
		return nil, validationf(msgBatchWriteTooMany)
	}
	for _, name := range names {
		for _, wr := range in.RequestItems[name] {
			if (wr.PutRequest == nil) == (wr.DeleteRequest == nil) {
				return nil, validationf(msgWriteRequestShape)
			}
		}
	}

	db.mu.Lock()
	defer db.mu.Unlock()
	tables := make([]*table, len(names))
	for i, name := range names {
		t, err := db.table(name)
		if err != nil {
			return nil, err
		}
		tables[i] = t
		seen := make(map[string]bool, len(in.RequestItems[name]))
		for _, wr := range in.RequestItems[name] {
			key := wr.putOrDeleteKey()
			if wr.PutRequest != nil {
				if err := t.checkPutItem(key); err != nil {
					return nil, err
				}
			} else if err := t.checkKey(key); err != nil {
				return nil, err
			}
			k := t.keyString(key)
			if seen[k] {
				return nil, validationf(msgDuplicateKeys)
			}
			seen[k] = true
		}
	}

	out := &BatchWriteItemOutput{UnprocessedItems: map[string][]WriteRequest{}}
	canFail := false
	for _, t := range tables {
		canFail = canFail || t.collectionLimit > 0
	}
	originals := make([]*storage.Table, len(tables))
	for i, t := range tables {
		originals[i] = t.data
		if canFail {
			t.data = t.data.Clone()
		}
	}
	changes := make([][]streams.Change, len(tables))
	for i, t := range tables {
		cc := newConsumption(in.ReturnConsumedCapacity, t.name, false)
		var collections []attr.Item // one key per item collection written
		seenColl := map[string]bool{}
		for _, wr := range in.RequestItems[names[i]] {
			key, item := wr.putOrDeleteKey(), attr.Item(nil)
			if wr.PutRequest != nil {
				item = wr.PutRequest.Item
			}
			old, result, err := t.apply(&write{}, key, item, nil)
			if err != nil {
				for j, tt := range tables {
					tt.data = originals[j]
				}
				return nil, err
			}
			if c, ok := change(old, result); ok {
				changes[i] = append(changes[i], c)
			}
			cc.addWrite(t, old, result, false)
			if h := string(attr.AppendKey(nil, key[t.key.Hash])); !seenColl[h] {
				seenColl[h] = true
				collections = append(collections, key)
			}
		}
		var metrics []*ItemCollectionMetrics
		for _, key := range collections {
			if m := t.collectionMetrics(in.ReturnItemCollectionMetrics, key); m != nil {
				metrics = append(metrics, m)
			}
		}
		if c := cc.result(); c != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, c)
		}
		if len(metrics) > 0 {
			if out.ItemCollectionMetrics == nil {
				out.ItemCollectionMetrics = map[string][]*ItemCollectionMetrics{}
			}
			out.ItemCollectionMetrics[t.name] = metrics
		}
	}
	for i, t := range tables {
		db.recordChanges(t, changes[i]...)
	}
	return out, nil
}

// putOrDeleteKey returns the item of a put (which holds the key) or the
// key of a delete.
func (wr *WriteRequest) putOrDeleteKey() attr.Item {
	if wr.PutRequest != nil {
		return wr.PutRequest.Item
	}
	return wr.DeleteRequest.Key
}

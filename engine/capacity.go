package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/consumed"
)

// Capacity is consumed.Capacity.
type Capacity = consumed.Capacity

// ConsumedCapacity is consumed.ConsumedCapacity.
type ConsumedCapacity = consumed.ConsumedCapacity

// ItemCollectionMetrics is consumed.ItemCollectionMetrics.
type ItemCollectionMetrics = consumed.ItemCollectionMetrics

var (
	cConsumedCapacityPtr      = consumed.CodecConsumedCapacityPtr
	cItemCollectionMetricsPtr = consumed.CodecItemCollectionMetricsPtr
)

// The consumed-capacity arithmetic is package capacity's (the single
// source of truth for what a request costs, reported and metered alike).
func readUnits(size int64, consistent bool) float64 { return capacity.ReadUnits(size, consistent) }

func txnReadUnits(size int64) float64 { return capacity.TxnReadUnits(size) }

func writeUnits(size int64, transactional bool) float64 {
	return capacity.WriteUnits(size, transactional)
}

// consumption is what a request consumed on one table (its TableName),
// rendered by consumed.Of as DynamoDB's ConsumedCapacity. A nil
// *consumption (mode NONE or unset) ignores every call and renders nil,
// so callers never test the mode.
type consumption = capacity.Consumption

// newConsumption returns an accumulator for the table called name, or nil
// when mode is "" or NONE. read selects ReadCapacityUnits or
// WriteCapacityUnits in the rendering.
func newConsumption(mode, name string, read bool) *consumption {
	c := capacity.NewConsumption(mode, read)
	if c != nil {
		c.TableName = name
	}
	return c
}

// addWrite charges to c a write w that turns w.old into w.new (either may
// be nil) on table t, as writeCosts counts it.
func addWrite(c *consumption, t *table, w change, transactional bool) {
	if c == nil {
		return
	}
	writeCosts(t, w, transactional, func(ix *index, _ attr.Item, u float64) {
		if ix == nil {
			c.AddTable(u)
		} else {
			c.AddIndex(ix.def.Name, ix.def.Local, u)
		}
	})
}

// writeCosts is the write capacity of a write w that turns w.old into
// w.new (either may be nil) on table t, the one place it is counted: it
// calls charge once for the table (ix nil), for the larger of the two
// item sizes, and once per index entry the write touches — one write for
// an entry added, removed or rewritten in place, a delete and a put when
// the entry's index key changes. entry is the item or index entry charged
// (its partition key places the charge in a partition).
func writeCosts(t *table, w change, transactional bool, charge func(ix *index, entry attr.Item, u float64)) {
	old, new := w.old, w.new
	size, item := int64(w.size), new
	if old != nil {
		size = max(size, int64(attr.ItemSize(old)))
		if new == nil {
			item = old
		}
	}
	charge(nil, item, writeUnits(size, transactional))
	for _, ix := range t.indexes {
		var oe, ne attr.Item
		if old != nil {
			oe = t.indexEntry(ix, old)
		}
		if new != nil {
			ne = t.indexEntry(ix, new)
		}
		switch {
		case oe == nil && ne == nil:
			continue
		case oe == nil:
			charge(ix, ne, writeUnits(int64(attr.ItemSize(ne)), transactional))
		case ne == nil:
			charge(ix, oe, writeUnits(int64(attr.ItemSize(oe)), transactional))
		case !sameIndexKey(ix, oe, ne):
			charge(ix, oe, writeUnits(int64(attr.ItemSize(oe)), transactional))
			charge(ix, ne, writeUnits(int64(attr.ItemSize(ne)), transactional))
		default:
			if !attr.Equal(attr.M(oe), attr.M(ne)) {
				s := max(attr.ItemSize(oe), attr.ItemSize(ne))
				charge(ix, ne, writeUnits(int64(s), transactional))
			}
		}
	}
}

// sameIndexKey reports whether two entries of ix have the same index key.
func sameIndexKey(ix *index, a, b attr.Item) bool {
	if !attr.Equal(a[ix.def.Key.Hash], b[ix.def.Key.Hash]) {
		return false
	}
	return ix.def.Key.Range == "" || attr.Equal(a[ix.def.Key.Range], b[ix.def.Key.Range])
}

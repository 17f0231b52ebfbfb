package storage

import (
	"strings"

	"github.com/google/btree"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// collEntry is the running item-collection total of one partition: the
// partition prefix hash8(pk) ‖ enc(pk), the number of items and their
// size plus the projected size of their local-secondary-index entries.
type collEntry struct {
	part  string
	items int
	size  int64
}

func lessColl(a, b collEntry) bool { return a.part < b.part }

// CollectionSize returns the item-collection size for a partition key value:
// the sizes of the table's items with that partition key plus the projected
// sizes of their local-secondary-index entries (for the 10 GB LSI limit and
// ItemCollectionMetrics). While the table has a local secondary index this
// is a lookup of a running total; otherwise it walks the partition.
func (t *Table) CollectionSize(hash attr.Value) int64 {
	if !hash.Type().IsScalarKey() {
		return 0
	}
	p := string(appendPartition(nil, hash))
	if t.coll != nil {
		e, _ := t.coll.Get(collEntry{part: p})
		return e.size
	}
	var n int64
	t.tree.AscendGreaterOrEqual(pivot(p), func(e entry) bool {
		if !strings.HasPrefix(e.key, p) {
			return false
		}
		n += recordSize(e.rec)
		return true
	})
	return n
}

// addCollection adds delta to the collection of partition prefix part,
// counting one more item if added.
func (t *Table) addCollection(part string, delta int64, added bool) {
	c := collEntry{part: part}
	if e, ok := t.coll.Get(c); ok {
		c = e
	}
	c.size += delta
	if added {
		c.items++
	}
	t.coll.ReplaceOrInsert(c)
}

// removeFromCollection adds delta (negative) to the collection of
// partition prefix part and counts one item less, forgetting the
// collection when empty.
func (t *Table) removeFromCollection(part string, delta int64) {
	c, ok := t.coll.Get(collEntry{part: part})
	if !ok {
		return
	}
	c.size += delta
	c.items--
	if c.items <= 0 {
		t.coll.Delete(c)
		return
	}
	t.coll.ReplaceOrInsert(c)
}

// rebuildCollections recomputes every collection total from scratch, or
// drops them when the table has no local secondary index.
func (t *Table) rebuildCollections() {
	hasLocal := false
	for _, x := range t.indexes {
		hasLocal = hasLocal || x.def.Local
	}
	if !hasLocal {
		t.coll = nil
		return
	}
	t.coll = btree.NewG(degree, lessColl)
	// Only the primary key and the local indexes' attributes are decoded.
	names := []string{t.key.Hash, t.key.Range}
	for _, x := range t.indexes {
		if x.def.Local {
			names = append(names, x.entryAttrs...)
		}
	}
	var cur collEntry
	t.tree.Ascend(func(e entry) bool {
		it := Record{e.rec}.Attrs(names...)
		_, partEnd, _ := appendKey(nil, t.key, it)
		p := e.key[:partEnd]
		if p != cur.part {
			if cur.items > 0 {
				t.coll.ReplaceOrInsert(cur)
			}
			cur = collEntry{part: p}
		}
		cur.items++
		cur.size += recordSize(e.rec)
		for _, x := range t.indexes {
			if _, in := x.key(it); in && x.def.Local {
				cur.size += x.recordEntrySize(it, e.rec)
			}
		}
		return true
	})
	if cur.items > 0 {
		t.coll.ReplaceOrInsert(cur)
	}
}

package storage

import (
	"github.com/google/btree"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// index is one secondary index: a tree of entries keyed
// hash8(ipk) ‖ enc(ipk) ‖ enc(isk) ‖ enc(pk) ‖ enc(sk) (without the second
// enc(pk) when ipk is the table's partition key, as in an LSI) that share
// the table's items, and the running total of their projected sizes.
type index struct {
	def   IndexDef
	table KeySchema
	tree  *btree.BTreeG[entry]
	size  int64
	// stats counts the entries under ranges of partition-key hashes.
	stats hashStats
	// keys lists the distinct key attribute names of the index and the
	// table; nonKey the INCLUDE attributes that are not keys.
	keys   []string
	nonKey []string
	// entryAttrs is keys followed by nonKey.
	entryAttrs []string
}

func newIndex(table KeySchema, def IndexDef) *index {
	x := &index{def: def.clone(), table: table, tree: newTree()}
	for _, n := range []string{table.Hash, table.Range, def.Key.Hash, def.Key.Range} {
		if n != "" && !contains(x.keys, n) {
			x.keys = append(x.keys, n)
		}
	}
	if def.ProjectionType == ProjectInclude {
		for _, n := range def.NonKey {
			if !contains(x.keys, n) && !contains(x.nonKey, n) {
				x.nonKey = append(x.nonKey, n)
			}
		}
	}
	x.entryAttrs = append(append([]string(nil), x.keys...), x.nonKey...)
	return x
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (x *index) clone() *index {
	c := *x
	c.tree = x.tree.Clone()
	c.stats = x.stats.clone()
	return &c
}

// key returns the index composite key of it, or false if it lacks an
// index (or table) key attribute and so is not in the index.
func (x *index) key(it attr.Item) (string, bool) {
	var buf [128]byte
	b, _, ok := appendKey(buf[:0], x.def.Key, it)
	if !ok {
		return "", false
	}
	pk, ok := keyValue(it, x.table.Hash, x.table.HashType)
	if !ok {
		return "", false
	}
	if x.def.Key.Hash != x.table.Hash {
		b = attr.AppendKey(b, pk) // an LSI's key starts with it already
	}
	if x.table.Range != "" {
		sk, ok := keyValue(it, x.table.Range, x.table.RangeType)
		if !ok {
			return "", false
		}
		b = attr.AppendKey(b, sk)
	}
	return string(b), true
}

// projectedSize returns the size of the index entry of it: the sizes of
// its projected attributes (names and values).
func (x *index) projectedSize(it attr.Item) int64 {
	if x.def.ProjectionType == ProjectAll {
		return int64(attr.ItemSize(it))
	}
	var n int
	for _, list := range [2][]string{x.keys, x.nonKey} {
		for _, name := range list {
			if v, ok := it[name]; ok {
				n += len(name) + attr.Size(v)
			}
		}
	}
	return int64(n)
}

// recordEntrySize is projectedSize for the item whose record is rec, of
// which it holds at least the attributes entryAttrs names.
func (x *index) recordEntrySize(it attr.Item, rec string) int64 {
	if x.def.ProjectionType == ProjectAll {
		return recordSize(rec)
	}
	return x.projectedSize(it)
}

// insertRecord is insert for the item whose record is rec, decoding only
// the attributes the index needs.
func (x *index) insertRecord(rec string) {
	it := Record{rec}.Attrs(x.entryAttrs...)
	k, ok := x.key(it)
	if !ok {
		return
	}
	n := x.recordEntrySize(it, rec)
	if old, replaced := x.tree.ReplaceOrInsert(newEntry(k, rec)); replaced {
		n -= x.recordEntrySize(Record{old.rec}.Attrs(x.entryAttrs...), old.rec)
	}
	x.size += n
}

// insert adds it, whose record is rec, to the index if it has the index
// keys, and returns the projected size added. Callers remove the old
// version of the item first.
func (x *index) insert(it attr.Item, rec string) int64 {
	k, ok := x.key(it)
	if !ok {
		return 0
	}
	n := x.projectedSize(it)
	e := newEntry(k, rec)
	if old, replaced := x.tree.ReplaceOrInsert(e); replaced {
		n -= x.recordEntrySize(Record{old.rec}.Attrs(x.entryAttrs...), old.rec)
		x.stats.add(e.head, 0, n, 0)
	} else {
		var c int64
		if lone(x.tree, e.head, e.key) {
			c = 1
		}
		x.stats.add(e.head, 1, n, c)
	}
	x.size += n
	return n
}

// replace moves the index entry of old to new, whose record is rec (the
// entry is removed if new lacks the index keys, added if old did), and
// returns the change of the projected size.
func (x *index) replace(old, new attr.Item, rec string) int64 {
	ko, inOld := x.key(old)
	kn, inNew := x.key(new)
	if !inOld || !inNew || ko != kn {
		return x.insert(new, rec) - x.remove(old)
	}
	d := x.projectedSize(new) - x.projectedSize(old)
	e := newEntry(kn, rec)
	x.tree.ReplaceOrInsert(e)
	x.size += d
	x.stats.add(e.head, 0, d, 0)
	return d
}

// remove deletes it from the index if it is there, and returns the
// projected size removed.
func (x *index) remove(it attr.Item) int64 {
	k, ok := x.key(it)
	if !ok {
		return 0
	}
	e, ok := x.tree.Delete(pivot(k))
	if !ok {
		return 0
	}
	n := x.projectedSize(it)
	x.size -= n
	var gone int64
	if lone(x.tree, e.head, "") {
		gone = 1
	}
	x.stats.add(e.head, -1, -n, -gone)
	return n
}

// findIndex returns the index called name, or nil.
func (t *Table) findIndex(name string) *index {
	for _, x := range t.indexes {
		if x.def.Name == name {
			return x
		}
	}
	return nil
}

// Indexes returns the definitions of the table's secondary indexes, in the
// order they were added. The result is a fresh copy.
func (t *Table) Indexes() []IndexDef {
	defs := make([]IndexDef, len(t.indexes))
	for i, x := range t.indexes {
		defs[i] = x.def.clone()
	}
	return defs
}

// AddIndex adds a secondary index and fills it from the existing items
// before returning. An index of the same name is replaced.
func (t *Table) AddIndex(def IndexDef) {
	t.dropIndex(def.Name)
	x := newIndex(t.key, def)
	t.tree.Ascend(func(e entry) bool {
		x.insertRecord(e.rec)
		return true
	})
	// One range: every entry and the projected size insertRecord counted.
	all := walkStats(x.tree, nil, 0, 0, true)
	x.stats.n = []RangeStats{{Items: int64(x.tree.Len()), Bytes: x.size, Collections: all.Collections}}
	t.indexes = append(t.indexes, x)
	t.rebuildCollections()
}

// DropIndex removes a secondary index; an unknown name is ignored.
func (t *Table) DropIndex(name string) {
	if t.dropIndex(name) {
		t.rebuildCollections()
	}
}

func (t *Table) dropIndex(name string) bool {
	for i, x := range t.indexes {
		if x.def.Name == name {
			t.indexes = append(t.indexes[:i:i], t.indexes[i+1:]...)
			return true
		}
	}
	return false
}

// IndexLen returns the number of entries of an index (0 for an unknown
// name); IndexSizeBytes their total size counted on the projected
// attributes (DynamoDB's IndexSizeBytes).
func (t *Table) IndexLen(name string) int {
	if x := t.findIndex(name); x != nil {
		return x.tree.Len()
	}
	return 0
}

// IndexSizeBytes returns the total size of an index's entries, each
// counted as the names and values of its projected attributes: the table
// and index key attributes, plus NonKey for INCLUDE, or the whole item for
// ALL (0 for an unknown name).
func (t *Table) IndexSizeBytes(name string) int64 {
	if x := t.findIndex(name); x != nil {
		return x.size
	}
	return 0
}

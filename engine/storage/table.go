package storage

import (
	"encoding/binary"

	"github.com/google/btree"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// degree is the google/btree degree of every tree (nodes hold up to
// 2·degree−1 entries).
const degree = 32

// entry is one element of a table or index tree: its composite key (see
// key.go) and the item's record (see record.go). A table entry's key and
// record are two parts of one string; index entries share the table
// entry's record. head holds the key's first 8 bytes (its hash), so that
// most comparisons need not load the key from memory.
type entry struct {
	head uint64
	key  string
	rec  string
}

func newEntry(key, rec string) entry { return entry{head: keyHead(key), key: key, rec: rec} }

// pivot returns an entry with key key, to search for.
func pivot(key string) entry { return entry{head: keyHead(key), key: key} }

// keyHead returns the first 8 bytes of key as a big-endian number, padded
// with zero bytes if key is shorter, so that comparing (head, key) pairs
// orders like comparing keys.
func keyHead(key string) uint64 {
	if len(key) >= hashLen {
		return binary.BigEndian.Uint64([]byte(key[:hashLen]))
	}
	var b [hashLen]byte
	copy(b[:], key)
	return binary.BigEndian.Uint64(b[:])
}

func lessEntry(a, b entry) bool {
	if a.head != b.head {
		return a.head < b.head
	}
	return a.key < b.key
}

func newTree() *btree.BTreeG[entry] { return btree.NewG(degree, lessEntry) }

// Table holds one table's items and indexes. Items are held in a compact
// encoding: Put copies the item passed in, and each item handed out by
// Get, Put, Delete, Query and Scan is decoded afresh (its S values and
// attribute names share the table's memory, which is immutable). Items
// handed out must still not be modified, so that a later version may share
// them.
//
// A Table is not safe for concurrent use: callers must not run a write
// (Put, Delete, AddIndex, DropIndex, Clone) concurrently with any other
// method; there is no locking inside.
// Concurrent reads are safe. Clone gives a snapshot that can then be used
// independently of t (each under the same rule).
type Table struct {
	key     KeySchema
	tree    *btree.BTreeG[entry]
	size    int64    // total attr.ItemSize of the items
	indexes []*index // in the order they were added
	scratch []byte   // Put's buffer for encoding an entry
	records recordWriter
	// coll maps each partition to its item-collection size; kept only
	// while the table has a local secondary index (nil otherwise).
	coll *btree.BTreeG[collEntry]
	// stats counts the items under ranges of partition-key hashes.
	stats hashStats
}

// NewTable returns an empty table with primary key key and the given
// secondary indexes.
func NewTable(key KeySchema, indexes []IndexDef) *Table {
	t := &Table{key: key, tree: newTree()}
	for _, d := range indexes {
		t.indexes = append(t.indexes, newIndex(key, d))
	}
	t.rebuildCollections()
	return t
}

// Clone returns an O(1) copy-on-write snapshot: later writes to either
// table are not seen by the other, and the two may be used concurrently
// (each under the rule above). Clone itself counts as a write to t. Its
// cost grows with the number of indexes, not of items; both tables pay
// for copying a tree node on their first write to it.
func (t *Table) Clone() *Table {
	c := &Table{key: t.key, tree: t.tree.Clone(), size: t.size, stats: t.stats.clone()}
	c.indexes = make([]*index, len(t.indexes))
	for i, x := range t.indexes {
		c.indexes[i] = x.clone()
	}
	if t.coll != nil {
		c.coll = t.coll.Clone()
	}
	return c
}

// KeySchema returns the table's primary key.
func (t *Table) KeySchema() KeySchema { return t.key }

// tableKey returns the composite key of it's primary key and the length of
// its partition prefix.
func (t *Table) tableKey(it attr.Item) (k string, partEnd int, ok bool) {
	var buf [64]byte
	b, partEnd, ok := appendKey(buf[:0], t.key, it)
	return string(b), partEnd, ok
}

// Get returns the item whose primary key equals the key attributes of key
// (other attributes of key are ignored). It returns nil, false if there is
// no such item or key lacks a key attribute.
func (t *Table) Get(key attr.Item) (attr.Item, bool) {
	k, _, ok := t.tableKey(key)
	if !ok {
		return nil, false
	}
	e, ok := t.tree.Get(pivot(k))
	if !ok {
		return nil, false
	}
	return decodeRecord(e.rec), true
}

// GetRecord is Get handing out the item still encoded, for callers that
// need only its size or some of its attributes. It returns false if there
// is no such item or key lacks a key attribute.
func (t *Table) GetRecord(key attr.Item) (Record, bool) {
	k, _, ok := t.tableKey(key)
	if !ok {
		return Record{}, false
	}
	e, ok := t.tree.Get(pivot(k))
	if !ok {
		return Record{}, false
	}
	return Record{e.rec}, true
}

// Put inserts or replaces item (which holds valid key attributes) and
// updates every index: an item lacking an index key attribute is not in
// that index; a changed index key moves the entry. It returns the item it
// replaced. Put panics if item lacks a primary key attribute or holds one
// that is not S, N or B (the engine validates keys first).
func (t *Table) Put(item attr.Item) (old attr.Item, existed bool) {
	old, existed, _ = t.put(item, nil, false, attr.ItemSize(item), nil, false)
	return old, existed
}

// PutAdmit is Put for a caller that has computed attr.ItemSize(item) (as
// size), asking admit first, with the size of the item it
// replaces (0 for none), whether the write may go ahead: when admit
// returns an error, nothing is written and PutAdmit returns it. It finds
// the item's place once, so a caller needing the old size (to meter a
// write) does not look the item up twice. A nil admit admits every
// write.
func (t *Table) PutAdmit(item attr.Item, size int, admit func(oldSize int64) error) (old attr.Item, existed bool, err error) {
	return t.put(item, nil, false, size, admit, false)
}

// PutAdmitNoOld is PutAdmit for a caller that needs no old item: the item
// it replaces is decoded only when an index needs it. It reports whether
// there was one.
func (t *Table) PutAdmitNoOld(item attr.Item, size int, admit func(oldSize int64) error) (existed bool, err error) {
	_, existed, err = t.put(item, nil, false, size, admit, true)
	return existed, err
}

// PutAfterGet is Put for a caller that has just read the stored item with
// item's primary key: old is what Get returned for it (nil if Get found
// nothing), with no write to t in between. It does the same as Put but
// does not decode the replaced item again. It panics if old is nil and an
// item is stored, or the other way round.
func (t *Table) PutAfterGet(item, old attr.Item) {
	t.put(item, old, true, attr.ItemSize(item), nil, false)
}

// PutAfterGetSized is PutAfterGet with size = attr.ItemSize(item) known.
func (t *Table) PutAfterGetSized(item, old attr.Item, size int) {
	t.put(item, old, true, size, nil, false)
}

// put is Put; when known is set, old is the stored item (nil for none) as
// the caller read it, and is not decoded again. size is attr.ItemSize(item).
// admit, when not nil, may refuse the write (see PutAdmit): the tree is
// then put back as it was. With noOld, the replaced item is decoded only
// for the indexes, and not returned.
func (t *Table) put(item, old attr.Item, known bool, size int, admit func(int64) error, noOld bool) (attr.Item, bool, error) {
	buf, partEnd, ok := appendKey(t.scratch[:0], t.key, item)
	if !ok {
		panic("storage: Put of an item without valid primary key attributes")
	}
	klen := len(buf)
	buf = t.records.appendRecord(buf, item, size)
	t.scratch = buf
	s := string(buf)
	e := newEntry(s[:klen], s[klen:])

	prev, existed := t.tree.ReplaceOrInsert(e)
	if known && existed != (old != nil) {
		panic("storage: PutAfterGet with an old item that is not the stored one")
	}
	var oldSize int64
	if existed {
		oldSize = recordSize(prev.rec)
	}
	if admit != nil {
		if err := admit(oldSize); err != nil {
			if existed {
				t.tree.ReplaceOrInsert(prev)
			} else {
				t.tree.Delete(e)
			}
			return nil, false, err
		}
	}
	t.size += int64(size) - oldSize
	delta := int64(size) - oldSize
	if existed {
		if !known && (!noOld || len(t.indexes) > 0) {
			old = decodeRecord(prev.rec)
		}
		t.stats.add(e.head, 0, delta, 0)
	} else {
		t.stats.add(e.head, 1, delta, t.newCollection(e))
	}
	for _, x := range t.indexes {
		var n int64
		if existed {
			n = x.replace(old, item, e.rec)
		} else {
			n = x.insert(item, e.rec)
		}
		if x.def.Local {
			delta += n
		}
	}
	if t.coll != nil {
		t.addCollection(e.key[:partEnd], delta, !existed)
	}
	if noOld {
		return nil, existed, nil
	}
	return old, existed, nil
}

// newCollection returns 1 if e, just inserted, is the only item with its
// partition-key hash (it starts an item collection), else 0.
func (t *Table) newCollection(e entry) int64 {
	if t.key.Range == "" || lone(t.tree, e.head, e.key) {
		return 1
	}
	return 0
}

// Delete removes the item with key's primary key, from the table and every
// index, and returns it. It returns nil, false if there is no such item.
func (t *Table) Delete(key attr.Item) (old attr.Item, existed bool) {
	return t.delete(key, nil, false)
}

// DeleteAfterGet is Delete for a caller that has just read the stored item
// with key's primary key: old is what Get returned for it, with no write
// to t in between. It does the same as Delete but does not decode the
// removed item again. It panics if no item is stored under key.
func (t *Table) DeleteAfterGet(key, old attr.Item) {
	if old == nil {
		panic("storage: DeleteAfterGet without an old item")
	}
	if _, existed := t.delete(key, old, true); !existed {
		panic("storage: DeleteAfterGet of an item that is not stored")
	}
}

// delete is Delete; when known is set, old is the stored item as the
// caller read it, and is not decoded again.
func (t *Table) delete(key, old attr.Item, known bool) (attr.Item, bool) {
	k, partEnd, ok := t.tableKey(key)
	if !ok {
		return nil, false
	}
	prev, existed := t.tree.Delete(pivot(k))
	if !existed {
		return nil, false
	}
	if !known {
		old = decodeRecord(prev.rec)
	}
	size := recordSize(prev.rec)
	t.size -= size
	var gone int64 = 1
	if t.key.Range != "" && !lone(t.tree, prev.head, "") {
		gone = 0
	}
	t.stats.add(prev.head, -1, -size, -gone)
	delta := -size
	for _, x := range t.indexes {
		if n := x.remove(old); x.def.Local {
			delta -= n
		}
	}
	if t.coll != nil {
		t.removeFromCollection(k[:partEnd], delta)
	}
	return old, true
}

// Len returns the number of items.
func (t *Table) Len() int { return t.tree.Len() }

// SizeBytes returns the total attr.ItemSize of the table's items.
func (t *Table) SizeBytes() int64 { return t.size }

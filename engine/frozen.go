package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// FrozenItems is the items of a table as they were at one instant
// (DB.FreezeItems), handed out in Scan order, a page at a time, while the
// DB goes on serving: writes made after the instant are not seen, and a
// table deleted since is still read as it was. engine/snapshot writes a
// saved state in slices with it.
type FrozenItems struct {
	key   storage.KeySchema
	data  *storage.Table // a copy-on-write clone nothing writes to
	start attr.Item      // the key of the last item handed out; nil at first
	n     int            // items handed out by AppendJSON
	done  bool
}

// FreezeItems returns the items of the table called name as they are now,
// or ResourceNotFoundException. It costs a copy-on-write clone of the
// table's storage (O(indexes), not O(items)); the table then pays for
// copying a tree node on its first later write to it, as after any clone.
// It holds the write lock for the clone.
func (db *DB) FreezeItems(name string) (*FrozenItems, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	t, err := db.controlTable(name) // a CREATING table too
	if err != nil {
		return nil, err
	}
	return &FrozenItems{key: t.key, data: t.data.Clone()}, nil
}

// Next returns the next items, at most limit (and at most 1 MB of them,
// as a Scan page reads), as a Scan would list them; an empty list once
// every item has been handed out. It reads only the frozen copy: it takes
// no lock and may run concurrently with any operation of the DB (not with
// another Next of f).
func (f *FrozenItems) Next(limit int) ItemList {
	if f.done {
		return read.NewItemList()
	}
	p := read.Plan{Table: f.key, Limit: max(limit, 1)}
	pg := p.Run(func(fn func(storage.Record) bool) { f.data.ScanRecords("", 0, 1, f.start, fn) })
	f.start = pg.Last
	f.done = pg.Last == nil
	return pg.Items
}

// AppendJSON appends the next items to dst as attr.AppendItemJSON writes
// them, each after sep (the very first after first), until dst has grown
// by at least limit bytes or every item is written, and returns dst. It
// writes at least one item while any is left, builds no list (one key
// decoded per call, to go on from), and, like Next, reads only the frozen
// copy.
func (f *FrozenItems) AppendJSON(dst []byte, limit int, first, sep string) []byte {
	if f.done {
		return dst
	}
	start := len(dst)
	var last storage.Record
	stopped := false
	f.data.ScanRecords("", 0, 1, f.start, func(r storage.Record) bool {
		if f.n == 0 {
			dst = append(dst, first...)
		} else {
			dst = append(dst, sep...)
		}
		f.n++
		dst = r.AppendJSON(dst, nil)
		if len(dst)-start >= limit {
			last, stopped = r, true
			return false
		}
		return true
	})
	if !stopped {
		f.done = true
		return dst
	}
	if f.key.Range == "" {
		f.start = last.Attrs(f.key.Hash)
	} else {
		f.start = last.Attrs(f.key.Hash, f.key.Range)
	}
	return dst
}

// Done reports whether Next (or AppendJSON) has handed out every item.
func (f *FrozenItems) Done() bool { return f.done }

package read

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// MaxPageBytes is the data a Query or Scan reads for one page (1 MB),
// measured on the items read before any filter.
const MaxPageBytes = 1 << 20

// Plan is a validated Query or Scan page: what is read and how, ready to
// run over the stored records.
type Plan struct {
	// Table is the table's primary key; Index the index read (nil when
	// the table itself is read).
	Table storage.KeySchema
	Index *storage.IndexDef

	Filter *expr.Condition  // nil: no filter
	Proj   *expr.Projection // nil: every attribute visible
	Count  bool             // Select COUNT: no items returned
	// Fetch is set for a local-secondary-index read that needs attributes
	// the index does not project (for Select ALL_ATTRIBUTES, the
	// projection or the filter): the table item is read as well, and the
	// filter and projection see it whole.
	Fetch bool
	// Whole returns the table item rather than the index entry (a
	// local-index read with Select ALL_ATTRIBUTES).
	Whole bool
	Limit int // 0: no limit
}

// Page is the result of one Query or Scan call.
type Page struct {
	Items   ItemList
	Count   int
	Scanned int
	Last    attr.Item // LastEvaluatedKey; nil when the read is complete
	Size    int64     // bytes read, for capacity
}

// Keys returns the key schema of what p reads: the index's or the table's.
func (p *Plan) Keys() storage.KeySchema {
	if p.Index != nil {
		return p.Index.Key
	}
	return p.Table
}

// StartKeyNames returns the attributes an exclusive start key of p holds:
// the index keys (for an index read) and the table's primary key.
func (p *Plan) StartKeyNames() []string {
	var names []string
	add := func(n string) {
		if n == "" {
			return
		}
		for _, m := range names {
			if m == n {
				return
			}
		}
		names = append(names, n)
	}
	if p.Index != nil {
		add(p.Index.Key.Hash)
		add(p.Index.Key.Range)
	}
	add(p.Table.Hash)
	add(p.Table.Range)
	return names
}

// KeyOf returns the exclusive start key that resumes after item.
func (p *Plan) KeyOf(item attr.Item) attr.Item {
	names := p.StartKeyNames()
	k := make(attr.Item, len(names))
	for _, n := range names {
		if v, ok := item[n]; ok {
			k[n] = v
		}
	}
	return k
}

// Run reads one page through walk, which calls fn for each stored record
// after the exclusive start key in read order until fn returns false. It
// applies the index projection, the filter, Select and the projection,
// stopping after Limit
// items or once 1 MB has been read (the item that reaches the limit is
// the page's last). The caller charges capacity on Page.Size.
//
// A read of the table (or of an index projecting ALL) decodes only what
// it uses of each record: nothing for a Count without filter, the
// filter's attributes for the filter, the projection's attributes for a
// projected item, the key attributes for LastEvaluatedKey. Both only read
// top-level attributes by name, so they see the same as on the whole
// item. An item returned whole stays a record in the page's ItemList, and
// so does the entry of a KEYS_ONLY or INCLUDE index read without filter,
// projection or fetch; the other index reads decode the index entry, or
// the whole item when they fetch it.
func (p *Plan) Run(walk func(fn func(storage.Record) bool)) Page {
	var pg Page
	if !p.Count {
		pg.Items = NewItemList()
	}
	names := p.entryNames()
	switch {
	case names != nil && !p.Fetch && p.Filter == nil && p.Proj == nil:
		// The index entry is all that is read and is returned as it is:
		// a record with the index's attributes, nothing decoded.
		pg.Items.names = names
		start := p.StartKeyNames()
		walk(func(r storage.Record) bool { return p.visitEntry(&pg, r, names, start) })
	case names != nil && !p.Fetch:
		// The index entry is all that is read: decode only its attributes.
		walk(func(r storage.Record) bool {
			entry := r.Attrs(names...)
			return p.visitIndexed(&pg, entry, entry)
		})
	case p.Fetch:
		walk(func(r storage.Record) bool {
			full := r.Item()
			return p.visitIndexed(&pg, full, Project(p.Table, p.Index, full))
		})
	default:
		// The table, or an index projecting ALL, whose entries are the
		// table's items.
		v := tableVisit{filterNames: PathNames(p.Filter.Paths()), scratch: attr.Item{}}
		if p.Proj != nil {
			v.projNames = PathNames(p.Proj.Paths())
		}
		walk(func(r storage.Record) bool { return p.visitTable(&pg, r, &v) })
	}
	return pg
}

// PathNames returns the distinct top-level attribute names of paths.
func PathNames(paths []expr.Path) []string {
	var names []string
	for _, path := range paths {
		if !slices.Contains(names, path.Name) {
			names = append(names, path.Name)
		}
	}
	return names
}

// tableVisit is what visitTable keeps across the records of one page.
type tableVisit struct {
	// filterNames and projNames are the attributes the filter and the
	// projection read.
	filterNames, projNames []string
	// scratch holds the attributes of one record that the filter or the
	// projection reads; neither keeps the map, so it is reused.
	scratch attr.Item
}

// visitTable adds record r of a table read to pg and reports whether the
// page goes on.
func (p *Plan) visitTable(pg *Page, r storage.Record, v *tableVisit) bool {
	pg.Size += r.Size()
	pg.Scanned++
	pass := true
	if p.Filter != nil {
		r.AttrsTo(v.scratch, v.filterNames...)
		pass = p.Filter.Eval(v.scratch)
	}
	if pass {
		pg.Count++
		if !p.Count {
			if p.Proj != nil {
				r.AttrsTo(v.scratch, v.projNames...)
				pg.Items.addItem(p.Proj.Apply(v.scratch))
			} else {
				pg.Items.addRecord(r)
			}
		}
	}
	if (p.Limit > 0 && pg.Scanned >= p.Limit) || pg.Size >= MaxPageBytes {
		pg.Last = r.Attrs(p.StartKeyNames()...)
		return false
	}
	return true
}

// visitEntry adds record r of a read of index p.Index without fetch, filter
// or projection to pg, as the entry of the attributes names the index
// projects, and reports whether the page goes on. start is
// p.StartKeyNames().
func (p *Plan) visitEntry(pg *Page, r storage.Record, names, start []string) bool {
	pg.Size += r.AttrsSize(names...)
	pg.Scanned++
	pg.Count++
	if !p.Count {
		pg.Items.addRecord(r)
	}
	if (p.Limit > 0 && pg.Scanned >= p.Limit) || pg.Size >= MaxPageBytes {
		pg.Last = r.Attrs(start...)
		return false
	}
	return true
}

// entryNames returns the attributes index p.Index projects (the table's and
// the index's keys, and INCLUDE's NonKey), or nil when p reads the table
// or the index projects ALL.
func (p *Plan) entryNames() []string {
	if p.Index == nil || p.Index.ProjectionType == storage.ProjectAll {
		return nil
	}
	var names []string
	for _, n := range [4]string{p.Table.Hash, p.Table.Range, p.Index.Key.Hash, p.Index.Key.Range} {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if p.Index.ProjectionType == storage.ProjectInclude {
		for _, n := range p.Index.NonKey {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return names
}

// visitIndexed adds an item read through index p.Index to pg and reports
// whether the page goes on. entry is the item's index entry; full is the
// whole item when p.Fetch is set, and otherwise at least holds the key
// attributes of the table and the index (entry itself will do).
func (p *Plan) visitIndexed(pg *Page, full, entry attr.Item) bool {
	size := int64(attr.ItemSize(entry))
	view, out := entry, entry
	if p.Fetch {
		size += int64(attr.ItemSize(full))
		view = full
	}
	if p.Whole {
		out = full
	}
	pg.Size += size
	pg.Scanned++
	if p.Filter == nil || p.Filter.Eval(view) {
		pg.Count++
		if !p.Count {
			if p.Proj != nil {
				out = p.Proj.Apply(view)
			}
			pg.Items.addItem(out)
		}
	}
	if (p.Limit > 0 && pg.Scanned >= p.Limit) || pg.Size >= MaxPageBytes {
		pg.Last = p.KeyOf(full)
		return false
	}
	return true
}

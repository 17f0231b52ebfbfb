package engine

import (
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// Read limits.
const (
	// maxPageBytes is the data a Query or Scan reads for one page (1 MB),
	// measured on the items read before any filter.
	maxPageBytes = 1 << 20
	// maxSegments is the largest TotalSegments.
	maxSegments = 1000000
)

// Select values.
const (
	selectAll          = "ALL_ATTRIBUTES"
	selectAllProjected = "ALL_PROJECTED_ATTRIBUTES"
	selectSpecific     = "SPECIFIC_ATTRIBUTES"
	selectCount        = "COUNT"
)

// readSpec holds the parameters Query and Scan share, as the request gave them.
type readSpec struct {
	op                  string // "Query" or "Scan"
	tableName           string
	indexName           *string
	filterExpr          *string
	legacyFilter        map[string]expr.ExpectedValue
	legacyFilterName    string // "QueryFilter" or "ScanFilter"
	conditionalOperator string
	projExpr            *string
	attributesToGet     []string
	sel                 string
	limit               *int
	consistent          bool
	returnCapacity      string
}

// checkConstraints records the request-level constraint failures the
// shared parameters can have.
func (s *readSpec) checkConstraints(v *violations) {
	v.tableName("tableName", s.tableName)
	if s.indexName != nil {
		v.name("indexName", *s.indexName, 3, 255)
	}
	if s.limit != nil && *s.limit < 1 {
		v.add(quote(strconv.Itoa(*s.limit)), "limit", ddberr.Sprintf(cMinValFmt, 1))
	}
	v.enum("select", s.sel, selectSpecific, selectCount, selectAll, selectAllProjected)
	v.returnConsumedCapacity(s.returnCapacity)
}

// readPlan is a validated Query or Scan, ready to run against storage.
type readPlan struct {
	t  *table
	ix *index // nil when the table itself is read
	// keys is the key schema of what is read: the table's or the index's.
	keys storage.KeySchema

	filter *expr.Condition  // nil: no filter
	proj   *expr.Projection // nil: every attribute visible
	count  bool             // Select COUNT: no items returned
	// fetch is set for a local-secondary-index read that needs attributes
	// the index does not project (for Select ALL_ATTRIBUTES, the
	// projection or the filter): the table item is read as well, and the
	// filter and projection see it whole.
	fetch bool
	// whole returns the table item rather than the index entry (a
	// local-index read with Select ALL_ATTRIBUTES).
	whole      bool
	limit      int // 0: no limit
	consistent bool
	cap        *consumption
}

// page is the result of one Query or Scan call.
type page struct {
	items   ItemList
	count   int
	scanned int
	last    attr.Item
	size    int64 // bytes read, for capacity
}

// parseFilter parses and resolves a FilterExpression or translates a legacy
// QueryFilter / ScanFilter; nil when the request has neither.
func (s *readSpec) parseFilter(r *expr.Resolver) (*expr.Condition, error) {
	if s.filterExpr != nil {
		p, err := expr.ParseCondition(expr.KindFilter, *s.filterExpr)
		if err != nil {
			return nil, err
		}
		return r.Condition(expr.KindFilter, p)
	}
	if s.legacyFilter != nil {
		return expr.FromExpected(s.legacyFilterName, s.legacyFilter, s.conditionalOperator)
	}
	return nil, nil
}

// projectionParam names the projection parameter the request used.
func (s *readSpec) projectionParam() string {
	if s.projExpr != nil {
		return "ProjectionExpression"
	}
	return "AttributesToGet"
}

// checkSelect applies the rules on Select that do not need the table.
func (s *readSpec) checkSelect() error {
	hasProj := s.projExpr != nil || s.attributesToGet != nil
	switch s.sel {
	case selectCount:
		if hasProj {
			return validationf(msgSelectCountProjFmt, s.projectionParam())
		}
	case selectAll, selectAllProjected:
		if hasProj {
			return validationf(msgSelectAllProjFmt, s.projectionParam(), s.sel)
		}
	case selectSpecific:
		if !hasProj {
			return validationf(msgSpecificNeedsProj)
		}
	}
	if s.sel == selectAllProjected && s.indexName == nil {
		if s.op == "Scan" {
			return validationf(msgAllProjectedScan)
		}
		return validationf(msgAllProjectedNoIndex)
	}
	return nil
}

// bind completes plan p for table t: index lookup, the index rules of
// Select and ConsistentRead, and whether a local-index read must fetch the
// table item. The caller holds db.mu.
func (s *readSpec) bind(p *readPlan, t *table) error {
	p.t = t
	p.keys = t.key
	p.limit = 0
	if s.limit != nil {
		p.limit = *s.limit
	}
	p.consistent = s.consistent
	p.count = s.sel == selectCount
	if s.indexName != nil {
		ix, err := t.indexNamed(*s.indexName)
		if err != nil {
			return err
		}
		p.ix = ix
		p.keys = ix.def.Key
		if !ix.local() && s.consistent {
			return validationf(msgConsistentOnGSI)
		}
		all := ix.def.ProjectionType == storage.ProjectAll
		if s.sel == selectAll && !all {
			if !ix.local() {
				return validationf(msgSelectAllOnGSIFmt, ix.name())
			}
			p.fetch, p.whole = true, true
		}
		if ix.local() && !all {
			var paths []expr.Path
			if p.proj != nil {
				paths = p.proj.Paths()
			}
			for _, path := range append(paths, p.filter.Paths()...) {
				if !t.projects(ix, path.Name) {
					p.fetch = true
				}
			}
		}
	}
	p.cap = newConsumption(s.returnCapacity, t.name, true)
	return nil
}

// checkFilterKeys rejects a Query filter naming a key attribute of the
// table or index queried.
func (s *readSpec) checkFilterKeys(p *readPlan) error {
	if p.filter == nil {
		return nil
	}
	for _, k := range [2]string{p.keys.Hash, p.keys.Range} {
		if k == "" {
			continue
		}
		if s.legacyFilter != nil {
			if _, ok := s.legacyFilter[k]; ok {
				return validationf(msgLegacyFilterKeyFmt, s.legacyFilterName, k)
			}
			continue
		}
		for _, path := range p.filter.Paths() {
			if path.Name == k {
				return validationf(msgFilterOnKeyFmt, k)
			}
		}
	}
	return nil
}

// startKeyNames returns the attributes an exclusive start key of p holds:
// the index keys (for an index read) and the table's primary key.
func (p *readPlan) startKeyNames() []string {
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
	if p.ix != nil {
		add(p.ix.def.Key.Hash)
		add(p.ix.def.Key.Range)
	}
	add(p.t.key.Hash)
	add(p.t.key.Range)
	return names
}

// checkStart validates an ExclusiveStartKey: exactly the key attributes
// of what is read, with the declared types, non-empty.
func (p *readPlan) checkStart(start attr.Item) error {
	if start == nil {
		return nil
	}
	invalid := func(msg string) error { return validationf(msgStartKeyInvalidFmt, msg) }
	names := p.startKeyNames()
	if len(start) != len(names) {
		return invalid(msgKeySchemaMismatch)
	}
	for _, n := range names {
		v, ok := start[n]
		if !ok || v.Type() != p.t.attrType(n) {
			return invalid(msgKeySchemaMismatch)
		}
		hash := n == p.t.key.Hash || (p.ix != nil && n == p.ix.def.Key.Hash)
		if err := checkKeyValue(n, v, hash); err != nil {
			return invalid(ddberr.As(err).Message)
		}
	}
	return nil
}

// keyOfRead returns the exclusive start key that resumes after item.
func (p *readPlan) keyOfRead(item attr.Item) attr.Item {
	names := p.startKeyNames()
	k := make(attr.Item, len(names))
	for _, n := range names {
		if v, ok := item[n]; ok {
			k[n] = v
		}
	}
	return k
}

// run reads one page through walk, which calls fn for each stored record
// after the exclusive start key in read order until fn returns false. It
// applies the index projection, the filter, Select and the projection,
// stopping after Limit
// items or once 1 MB has been read (the item that reaches the limit is
// the page's last), and charges capacity on the total size read.
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
func (p *readPlan) run(walk func(fn func(storage.Record) bool)) page {
	var pg page
	if !p.count {
		pg.items = newItemList()
	}
	names := p.entryNames()
	switch {
	case names != nil && !p.fetch && p.filter == nil && p.proj == nil:
		// The index entry is all that is read and is returned as it is:
		// a record with the index's attributes, nothing decoded.
		pg.items.names = names
		start := p.startKeyNames()
		walk(func(r storage.Record) bool { return p.visitEntry(&pg, r, names, start) })
	case names != nil && !p.fetch:
		// The index entry is all that is read: decode only its attributes.
		walk(func(r storage.Record) bool {
			entry := r.Attrs(names...)
			return p.visitIndexed(&pg, entry, entry)
		})
	case p.fetch:
		walk(func(r storage.Record) bool {
			full := r.Item()
			return p.visitIndexed(&pg, full, p.t.projectIndex(p.ix, full))
		})
	default:
		// The table, or an index projecting ALL, whose entries are the
		// table's items.
		v := tableVisit{filterNames: pathNames(p.filter.Paths()), scratch: attr.Item{}}
		if p.proj != nil {
			v.projNames = pathNames(p.proj.Paths())
		}
		walk(func(r storage.Record) bool { return p.visitTable(&pg, r, &v) })
	}
	u := readUnits(pg.size, p.consistent)
	if p.ix != nil {
		p.cap.addIndex(p.ix, u)
	} else {
		p.cap.addTable(u)
	}
	return pg
}

// pathNames returns the distinct top-level attribute names of paths.
func pathNames(paths []expr.Path) []string {
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
func (p *readPlan) visitTable(pg *page, r storage.Record, v *tableVisit) bool {
	pg.size += r.Size()
	pg.scanned++
	pass := true
	if p.filter != nil {
		r.AttrsTo(v.scratch, v.filterNames...)
		pass = p.filter.Eval(v.scratch)
	}
	if pass {
		pg.count++
		if !p.count {
			if p.proj != nil {
				r.AttrsTo(v.scratch, v.projNames...)
				pg.items.addItem(p.proj.Apply(v.scratch))
			} else {
				pg.items.addRecord(r)
			}
		}
	}
	if (p.limit > 0 && pg.scanned >= p.limit) || pg.size >= maxPageBytes {
		pg.last = r.Attrs(p.startKeyNames()...)
		return false
	}
	return true
}

// visitEntry adds record r of a read of index p.ix without fetch, filter
// or projection to pg, as the entry of the attributes names the index
// projects, and reports whether the page goes on. start is
// p.startKeyNames().
func (p *readPlan) visitEntry(pg *page, r storage.Record, names, start []string) bool {
	pg.size += r.AttrsSize(names...)
	pg.scanned++
	pg.count++
	if !p.count {
		pg.items.addRecord(r)
	}
	if (p.limit > 0 && pg.scanned >= p.limit) || pg.size >= maxPageBytes {
		pg.last = r.Attrs(start...)
		return false
	}
	return true
}

// entryNames returns the attributes index p.ix projects (the table's and
// the index's keys, and INCLUDE's NonKey), or nil when p reads the table
// or the index projects ALL.
func (p *readPlan) entryNames() []string {
	if p.ix == nil || p.ix.def.ProjectionType == storage.ProjectAll {
		return nil
	}
	var names []string
	for _, n := range [4]string{p.t.key.Hash, p.t.key.Range, p.ix.def.Key.Hash, p.ix.def.Key.Range} {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if p.ix.def.ProjectionType == storage.ProjectInclude {
		for _, n := range p.ix.def.NonKey {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	return names
}

// visitIndexed adds an item read through index p.ix to pg and reports
// whether the page goes on. entry is the item's index entry; full is the
// whole item when p.fetch is set, and otherwise at least holds the key
// attributes of the table and the index (entry itself will do).
func (p *readPlan) visitIndexed(pg *page, full, entry attr.Item) bool {
	size := int64(attr.ItemSize(entry))
	view, out := entry, entry
	if p.fetch {
		size += int64(attr.ItemSize(full))
		view = full
	}
	if p.whole {
		out = full
	}
	pg.size += size
	pg.scanned++
	if p.filter == nil || p.filter.Eval(view) {
		pg.count++
		if !p.count {
			if p.proj != nil {
				out = p.proj.Apply(view)
			}
			pg.items.addItem(out)
		}
	}
	if (p.limit > 0 && pg.scanned >= p.limit) || pg.size >= maxPageBytes {
		pg.last = p.keyOfRead(full)
		return false
	}
	return true
}

// indexName returns the storage name of what p reads: "" for the table.
func (p *readPlan) indexName() string {
	if p.ix == nil {
		return ""
	}
	return p.ix.name()
}

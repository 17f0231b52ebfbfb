package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// ItemList is the Items of a Query or Scan output (read.ItemList).
type ItemList = read.ItemList

// readPlan is a validated Query or Scan, ready to run against storage:
// the page read (read.Plan) with the table and index it reads, and its
// capacity accounting.
type readPlan struct {
	read.Plan
	t  *table
	ix *index // nil when the table itself is read
	// keys is the key schema of what is read: the table's or the index's.
	keys storage.KeySchema

	consistent bool
	cap        *consumption
}

// bind completes plan p for table t, from the checked s: index lookup, the index rules of
// Select and ConsistentRead, and whether a local-index read must fetch the
// table item. The caller holds db.mu.
func bind(s *read.Spec, p *readPlan, t *table) error {
	p.t = t
	p.keys = t.key
	p.Table = t.key
	p.Limit = 0
	if s.Limit != nil {
		p.Limit = *s.Limit
	}
	p.consistent = s.Consistent
	p.Count = s.Select == read.SelectCount
	if s.IndexName != nil {
		ix, err := t.indexNamed(*s.IndexName)
		if err != nil {
			return err
		}
		p.ix = ix
		p.Index = &ix.def
		p.keys = ix.def.Key
		if !ix.local() && s.Consistent {
			return validationf(msgConsistentOnGSI)
		}
		if t.thr.clk.Now() < ix.readyAt {
			return validationf(msgBackfillingFmt, ix.name())
		}
		all := ix.def.ProjectionType == storage.ProjectAll
		if s.Select == read.SelectAll && !all {
			if !ix.local() {
				return validationf(msgSelectAllOnGSIFmt, ix.name())
			}
			p.Fetch, p.Whole = true, true
		}
		if ix.local() && !all {
			var paths []expr.Path
			if p.Proj != nil {
				paths = p.Proj.Paths()
			}
			for _, path := range append(paths, p.Filter.Paths()...) {
				if !read.Projects(t.key, &ix.def, path.Name) {
					p.Fetch = true
				}
			}
		}
	}
	p.cap = newConsumption(s.ReturnCapacity, t.name, true)
	return nil
}

// checkStart validates an ExclusiveStartKey: exactly the key attributes
// of what is read, with the declared types, non-empty.
func (p *readPlan) checkStart(start attr.Item) error {
	if start == nil {
		return nil
	}
	invalid := func(msg string) error { return validationf(msgStartKeyInvalidFmt, msg) }
	names := p.StartKeyNames()
	if len(start) != len(names) {
		return invalid(msgKeySchemaMismatch)
	}
	for _, n := range names {
		v, ok := start[n]
		if !ok || v.Type() != p.t.attrType(n) {
			return invalid(msgKeySchemaMismatch)
		}
		hash := n == p.t.key.Hash || (p.ix != nil && n == p.ix.def.Key.Hash)
		if err := schema.CheckKeyValue(n, v, hash); err != nil {
			return invalid(ddberr.As(err).Message)
		}
	}
	return nil
}

// run reads one page through walk (read.Plan.Run) and charges its
// capacity on the total size read.
func (p *readPlan) run(walk func(fn func(storage.Record) bool)) read.Page {
	pg := p.Plan.Run(walk)
	u := readUnits(pg.Size, p.consistent)
	if p.ix != nil {
		p.cap.AddIndex(p.ix.def.Name, p.ix.def.Local, u)
	} else {
		p.cap.AddTable(u)
	}
	return pg
}

// indexName returns the storage name of what p reads: "" for the table.
func (p *readPlan) indexName() string {
	if p.ix == nil {
		return ""
	}
	return p.ix.name()
}

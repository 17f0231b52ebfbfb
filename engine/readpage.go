package engine

import (
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// ItemList is the Items of a Query or Scan output (read.ItemList).
type ItemList = read.ItemList

// maxSegments is the largest TotalSegments.
const maxSegments = 1000000

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
	v.TableName("tableName", s.tableName)
	if s.indexName != nil {
		v.Name("indexName", *s.indexName, 3, 255)
	}
	if s.limit != nil && *s.limit < 1 {
		v.Add(validate.Quote(strconv.Itoa(*s.limit)), "limit", ddberr.Sprintf(validate.MinValFmt, 1))
	}
	v.Enum("select", s.sel, selectSpecific, selectCount, selectAll, selectAllProjected)
	v.returnConsumedCapacity(s.returnCapacity)
}

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
	p.Table = t.key
	p.Limit = 0
	if s.limit != nil {
		p.Limit = *s.limit
	}
	p.consistent = s.consistent
	p.Count = s.sel == selectCount
	if s.indexName != nil {
		ix, err := t.indexNamed(*s.indexName)
		if err != nil {
			return err
		}
		p.ix = ix
		p.Index = &ix.def
		p.keys = ix.def.Key
		if !ix.local() && s.consistent {
			return validationf(msgConsistentOnGSI)
		}
		if t.thr.clk.Now() < ix.readyAt {
			return validationf(msgBackfillingFmt, ix.name())
		}
		all := ix.def.ProjectionType == storage.ProjectAll
		if s.sel == selectAll && !all {
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
	p.cap = newConsumption(s.returnCapacity, t.name, true)
	return nil
}

// checkFilterKeys rejects a Query filter naming a key attribute of the
// table or index queried.
func (s *readSpec) checkFilterKeys(p *readPlan) error {
	if p.Filter == nil {
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
		for _, path := range p.Filter.Paths() {
			if path.Name == k {
				return validationf(msgFilterOnKeyFmt, k)
			}
		}
	}
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
		if err := checkKeyValue(n, v, hash); err != nil {
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
		p.cap.addIndex(p.ix, u)
	} else {
		p.cap.addTable(u)
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

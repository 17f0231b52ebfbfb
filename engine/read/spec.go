package read

import (
	"strconv"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// MaxSegments is the largest TotalSegments of a parallel Scan.
const MaxSegments = 1000000

// Select values.
const (
	SelectAll          = "ALL_ATTRIBUTES"
	SelectAllProjected = "ALL_PROJECTED_ATTRIBUTES"
	SelectSpecific     = "SPECIFIC_ATTRIBUTES"
	SelectCount        = "COUNT"
)

// Spec holds the parameters Query and Scan share, as the request gave
// them, and checks the rules on them that need no table; the engine binds
// a checked Spec to a table.
type Spec struct {
	Op                  string // "Query" or "Scan"
	TableName           string
	IndexName           *string
	FilterExpr          *string
	LegacyFilter        map[string]expr.ExpectedValue
	LegacyFilterName    string // "QueryFilter" or "ScanFilter"
	ConditionalOperator string
	ProjExpr            *string
	AttributesToGet     []string
	Select              string
	Limit               *int
	Consistent          bool
	ReturnCapacity      string
}

// CheckConstraints records the request-level constraint failures the
// shared parameters can have.
func (s *Spec) CheckConstraints(v *validate.Violations) {
	v.TableName("tableName", s.TableName)
	if s.IndexName != nil {
		v.Name("indexName", *s.IndexName, 3, 255)
	}
	if s.Limit != nil && *s.Limit < 1 {
		v.Add(validate.Quote(strconv.Itoa(*s.Limit)), "limit", ddberr.Sprintf(validate.MinValFmt, 1))
	}
	v.Enum("select", s.Select, SelectSpecific, SelectCount, SelectAll, SelectAllProjected)
	v.ReturnConsumedCapacity(s.ReturnCapacity)
}

// ParseFilter parses and resolves a FilterExpression or translates a
// legacy QueryFilter / ScanFilter; nil when the request has neither.
func (s *Spec) ParseFilter(r *expr.Resolver) (*expr.Condition, error) {
	if s.FilterExpr != nil {
		p, err := expr.ParseCondition(expr.KindFilter, *s.FilterExpr)
		if err != nil {
			return nil, err
		}
		return r.Condition(expr.KindFilter, p)
	}
	if s.LegacyFilter != nil {
		return expr.FromExpected(s.LegacyFilterName, s.LegacyFilter, s.ConditionalOperator)
	}
	return nil, nil
}

// projectionParam names the projection parameter the request used.
func (s *Spec) projectionParam() string {
	if s.ProjExpr != nil {
		return "ProjectionExpression"
	}
	return "AttributesToGet"
}

// CheckSelect applies the rules on Select that do not need the table.
func (s *Spec) CheckSelect() error {
	hasProj := s.ProjExpr != nil || s.AttributesToGet != nil
	switch s.Select {
	case SelectCount:
		if hasProj {
			return ddberr.Validation(msgSelectCountProjFmt, s.projectionParam())
		}
	case SelectAll, SelectAllProjected:
		if hasProj {
			return ddberr.Validation(msgSelectAllProjFmt, s.projectionParam(), s.Select)
		}
	case SelectSpecific:
		if !hasProj {
			return ddberr.Validation(MsgSpecificNeedsProj)
		}
	}
	if s.Select == SelectAllProjected && s.IndexName == nil {
		if s.Op == "Scan" {
			return ddberr.Validation(msgAllProjectedScan)
		}
		return ddberr.Validation(msgAllProjectedNoIndex)
	}
	return nil
}

// CheckFilterKeys rejects a Query filter naming a key attribute of what
// is queried (keys: the table's or the index's key schema).
func (s *Spec) CheckFilterKeys(keys storage.KeySchema, filter *expr.Condition) error {
	if filter == nil {
		return nil
	}
	for _, k := range [2]string{keys.Hash, keys.Range} {
		if k == "" {
			continue
		}
		if s.LegacyFilter != nil {
			if _, ok := s.LegacyFilter[k]; ok {
				return ddberr.Validation(msgLegacyFilterKeyFmt, s.LegacyFilterName, k)
			}
			continue
		}
		for _, path := range filter.Paths() {
			if path.Name == k {
				return ddberr.Validation(msgFilterOnKeyFmt, k)
			}
		}
	}
	return nil
}

// CheckSegmentConstraints records the constraint failures of a parallel
// Scan's Segment and TotalSegments (nil when absent).
func CheckSegmentConstraints(v *validate.Violations, segment, total *int) {
	checkRange(v, "segment", segment, 0, MaxSegments-1)
	checkRange(v, "totalSegments", total, 1, MaxSegments)
}

// checkRange records a failure when *n (if given) is outside lo..hi.
func checkRange(v *validate.Violations, member string, n *int, lo, hi int) {
	switch {
	case n == nil:
	case *n < lo:
		v.Add(validate.Quote(strconv.Itoa(*n)), member, ddberr.Sprintf(validate.MinValFmt, lo))
	case *n > hi:
		v.Add(validate.Quote(strconv.Itoa(*n)), member, ddberr.Sprintf(validate.MaxValFmt, hi))
	}
}

// Segments returns the segment a Scan reads and the number of segments
// (0 and 1 for a whole Scan), after CheckSegmentConstraints: one of the
// two without the other, or a segment past the last, is refused.
func Segments(segment, total *int) (int, int, error) {
	switch {
	case segment != nil && total == nil:
		return 0, 0, ddberr.Validation(MsgSegmentNoTotal)
	case segment == nil && total != nil:
		return 0, 0, ddberr.Validation(MsgTotalNoSegment)
	case segment != nil:
		if *segment >= *total {
			return 0, 0, ddberr.Validation(msgSegmentOutOfFmt, *segment, *total)
		}
		return *segment, *total, nil
	}
	return 0, 1, nil
}

package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/storage"
)

func init() { register("Scan", (*DB).Scan) }

// ScanInput is the Scan request.
type ScanInput struct {
	TableName                 string                        `json:"TableName"`
	IndexName                 *string                       `json:"IndexName,omitempty"`
	FilterExpression          *string                       `json:"FilterExpression,omitempty"`
	ScanFilter                map[string]expr.ExpectedValue `json:"ScanFilter,omitempty"`
	ConditionalOperator       string                        `json:"ConditionalOperator,omitempty"`
	ProjectionExpression      *string                       `json:"ProjectionExpression,omitempty"`
	AttributesToGet           []string                      `json:"AttributesToGet,omitempty"`
	ExpressionAttributeNames  map[string]string             `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues ExpressionValues              `json:"ExpressionAttributeValues,omitempty"`
	Select                    string                        `json:"Select,omitempty"`
	Limit                     *int                          `json:"Limit,omitempty"`
	ExclusiveStartKey         attr.Item                     `json:"ExclusiveStartKey,omitempty"`
	ConsistentRead            bool                          `json:"ConsistentRead,omitempty"`
	Segment                   *int                          `json:"Segment,omitempty"`
	TotalSegments             *int                          `json:"TotalSegments,omitempty"`
	ReturnConsumedCapacity    string                        `json:"ReturnConsumedCapacity,omitempty"`
}

func (in *ScanInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "IndexName", &in.IndexName, &cStringPtr, omitEmpty)
	member(f, "FilterExpression", &in.FilterExpression, &cStringPtr, omitEmpty)
	member(f, "ScanFilter", &in.ScanFilter, &cExpected, omitEmpty)
	member(f, "ConditionalOperator", &in.ConditionalOperator, &cString, omitEmpty)
	member(f, "ProjectionExpression", &in.ProjectionExpression, &cStringPtr, omitEmpty)
	member(f, "AttributesToGet", &in.AttributesToGet, &cStrings, omitEmpty)
	member(f, "ExpressionAttributeNames", &in.ExpressionAttributeNames, &cNames, omitEmpty)
	member(f, "ExpressionAttributeValues", &in.ExpressionAttributeValues, &cValues, omitEmpty)
	member(f, "Select", &in.Select, &cString, omitEmpty)
	member(f, "Limit", &in.Limit, &cIntPtr, omitEmpty)
	member(f, "ExclusiveStartKey", &in.ExclusiveStartKey, &cItem, omitEmpty)
	member(f, "ConsistentRead", &in.ConsistentRead, &cBool, omitEmpty)
	member(f, "Segment", &in.Segment, &cIntPtr, omitEmpty)
	member(f, "TotalSegments", &in.TotalSegments, &cIntPtr, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

// ScanOutput is the Scan response. Items is the zero ItemList (left
// out) for Select COUNT and an empty list when nothing matched.
type ScanOutput struct {
	Items            ItemList          `json:"Items,omitzero"`
	Count            int               `json:"Count"`
	ScannedCount     int               `json:"ScannedCount"`
	LastEvaluatedKey attr.Item         `json:"LastEvaluatedKey,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

func (o *ScanOutput) members(f *fields) {
	member(f, "Items", &o.Items, &cItemList, omitZero)
	member(f, "Count", &o.Count, &cInt, 0)
	member(f, "ScannedCount", &o.ScannedCount, &cInt, 0)
	member(f, "LastEvaluatedKey", &o.LastEvaluatedKey, &cItem, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
}

func (o *ScanOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, o.Items.SizeHint()+64), o), nil
}

// spec returns the parameters Scan shares with Query.
func (in *ScanInput) spec() *read.Spec {
	return &read.Spec{Op: "Scan", TableName: in.TableName, IndexName: in.IndexName,
		FilterExpr: in.FilterExpression, LegacyFilter: in.ScanFilter, LegacyFilterName: "ScanFilter",
		ConditionalOperator: in.ConditionalOperator, ProjExpr: in.ProjectionExpression,
		AttributesToGet: in.AttributesToGet, Select: in.Select, Limit: in.Limit,
		Consistent: in.ConsistentRead, ReturnCapacity: in.ReturnConsumedCapacity}
}

// Scan reads every item of a table or secondary index (or of one
// parallel-scan segment), in hash order, one page (Limit items or 1 MB
// read) at a time. It holds the read lock.
func (db *DB) Scan(in *ScanInput) (*ScanOutput, error) {
	s := in.spec()
	var v violations
	s.CheckConstraints(&v.Violations)
	read.CheckSegmentConstraints(&v.Violations, in.Segment, in.TotalSegments)
	if err := v.Err(); err != nil {
		return nil, err
	}
	segment, total, err := read.Segments(in.Segment, in.TotalSegments)
	if err != nil {
		return nil, err
	}
	ep := expr.Params{Names: in.ExpressionAttributeNames, Values: in.ExpressionAttributeValues,
		ValuesNull: valuesNullFilter}
	ep.UseLegacy("AttributesToGet", in.AttributesToGet != nil)
	ep.UseLegacy("ScanFilter", in.ScanFilter != nil)
	ep.UseLegacy("ConditionalOperator", in.ConditionalOperator != "")
	ep.UseExpr("FilterExpression", in.FilterExpression)
	ep.UseExpr("ProjectionExpression", in.ProjectionExpression)
	r, err := ep.Resolver()
	if err != nil {
		return nil, err
	}
	if err := s.CheckSelect(); err != nil {
		return nil, err
	}
	p := &readPlan{}
	if p.Filter, err = s.ParseFilter(r); err != nil {
		return nil, err
	}
	if p.Proj, err = expr.ProjectionParam(r, in.ProjectionExpression, in.AttributesToGet); err != nil {
		return nil, err
	}
	if err := r.CheckUnused(); err != nil {
		return nil, err
	}

	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.table(in.TableName)
	if err != nil {
		return nil, err
	}
	if err := bind(s, p, t); err != nil {
		return nil, err
	}
	if err := p.checkStart(in.ExclusiveStartKey); err != nil {
		return nil, err
	}
	data := t.readData(p.consistent, p.ix != nil && !p.ix.local())
	if in.ExclusiveStartKey != nil && !data.InSegment(p.indexName(), segment, total, in.ExclusiveStartKey) {
		return nil, validationf(msgStartKeyInvalidFmt, ddberr.Sprintf(msgStartKeySegmentFmt, total, segment))
	}
	pg := p.run(func(fn func(storage.Record) bool) {
		data.ScanRecords(p.indexName(), segment, total, in.ExclusiveStartKey, fn)
	})
	// A page is charged to the partition it starts in.
	if err := t.admitScan(p, segment, total, in.ExclusiveStartKey, readUnits(pg.Size, p.consistent)); err != nil {
		return nil, err
	}
	return &ScanOutput{
		Items:            pg.Items,
		Count:            pg.Count,
		ScannedCount:     pg.Scanned,
		LastEvaluatedKey: pg.Last,
		ConsumedCapacity: consumed.Of(p.cap),
	}, nil
}

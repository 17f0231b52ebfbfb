package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/storage"
)

func init() { register("Query", (*DB).Query) }

// QueryInput is the Query request.
type QueryInput struct {
	TableName                 string                        `json:"TableName"`
	IndexName                 *string                       `json:"IndexName,omitempty"`
	KeyConditionExpression    *string                       `json:"KeyConditionExpression,omitempty"`
	KeyConditions             map[string]expr.ExpectedValue `json:"KeyConditions,omitempty"`
	FilterExpression          *string                       `json:"FilterExpression,omitempty"`
	QueryFilter               map[string]expr.ExpectedValue `json:"QueryFilter,omitempty"`
	ConditionalOperator       string                        `json:"ConditionalOperator,omitempty"`
	ProjectionExpression      *string                       `json:"ProjectionExpression,omitempty"`
	AttributesToGet           []string                      `json:"AttributesToGet,omitempty"`
	ExpressionAttributeNames  map[string]string             `json:"ExpressionAttributeNames,omitempty"`
	ExpressionAttributeValues ExpressionValues              `json:"ExpressionAttributeValues,omitempty"`
	Select                    string                        `json:"Select,omitempty"`
	ScanIndexForward          *bool                         `json:"ScanIndexForward,omitempty"`
	Limit                     *int                          `json:"Limit,omitempty"`
	ExclusiveStartKey         attr.Item                     `json:"ExclusiveStartKey,omitempty"`
	ConsistentRead            bool                          `json:"ConsistentRead,omitempty"`
	ReturnConsumedCapacity    string                        `json:"ReturnConsumedCapacity,omitempty"`
}

func (in *QueryInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "IndexName", &in.IndexName, &cStringPtr, omitEmpty)
	member(f, "KeyConditionExpression", &in.KeyConditionExpression, &cStringPtr, omitEmpty)
	member(f, "KeyConditions", &in.KeyConditions, &cExpected, omitEmpty)
	member(f, "FilterExpression", &in.FilterExpression, &cStringPtr, omitEmpty)
	member(f, "QueryFilter", &in.QueryFilter, &cExpected, omitEmpty)
	member(f, "ConditionalOperator", &in.ConditionalOperator, &cString, omitEmpty)
	member(f, "ProjectionExpression", &in.ProjectionExpression, &cStringPtr, omitEmpty)
	member(f, "AttributesToGet", &in.AttributesToGet, &cStrings, omitEmpty)
	member(f, "ExpressionAttributeNames", &in.ExpressionAttributeNames, &cNames, omitEmpty)
	member(f, "ExpressionAttributeValues", &in.ExpressionAttributeValues, &cValues, omitEmpty)
	member(f, "Select", &in.Select, &cString, omitEmpty)
	member(f, "ScanIndexForward", &in.ScanIndexForward, &cBoolPtr, omitEmpty)
	member(f, "Limit", &in.Limit, &cIntPtr, omitEmpty)
	member(f, "ExclusiveStartKey", &in.ExclusiveStartKey, &cItem, omitEmpty)
	member(f, "ConsistentRead", &in.ConsistentRead, &cBool, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

// QueryOutput is the Query response. Items is the zero ItemList (left
// out) for Select COUNT and an empty list when nothing matched.
type QueryOutput struct {
	Items            ItemList          `json:"Items,omitzero"`
	Count            int               `json:"Count"`
	ScannedCount     int               `json:"ScannedCount"`
	LastEvaluatedKey attr.Item         `json:"LastEvaluatedKey,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

func (o *QueryOutput) members(f *fields) {
	member(f, "Items", &o.Items, &cItemList, omitZero)
	member(f, "Count", &o.Count, &cInt, 0)
	member(f, "ScannedCount", &o.ScannedCount, &cInt, 0)
	member(f, "LastEvaluatedKey", &o.LastEvaluatedKey, &cItem, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
}

func (o *QueryOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, o.Items.SizeHint()+64), o), nil
}

// spec returns the parameters Query shares with Scan.
func (in *QueryInput) spec() *read.Spec {
	return &read.Spec{Op: "Query", TableName: in.TableName, IndexName: in.IndexName,
		FilterExpr: in.FilterExpression, LegacyFilter: in.QueryFilter, LegacyFilterName: "QueryFilter",
		ConditionalOperator: in.ConditionalOperator, ProjExpr: in.ProjectionExpression,
		AttributesToGet: in.AttributesToGet, Select: in.Select, Limit: in.Limit,
		Consistent: in.ConsistentRead, ReturnCapacity: in.ReturnConsumedCapacity}
}

// Query reads the items of one partition of a table or secondary index, in
// sort-key order, one page (Limit items or 1 MB read) at a time. It holds
// the read lock.
func (db *DB) Query(in *QueryInput) (*QueryOutput, error) {
	s := in.spec()
	var v violations
	s.CheckConstraints(&v.Violations)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if in.KeyConditionExpression == nil && in.KeyConditions == nil {
		return nil, validationf(msgNoKeyCondition)
	}
	ep := expr.Params{Names: in.ExpressionAttributeNames, Values: in.ExpressionAttributeValues,
		ValuesNull: valuesNullKeyCondition}
	ep.UseLegacy("AttributesToGet", in.AttributesToGet != nil)
	ep.UseLegacy("KeyConditions", in.KeyConditions != nil)
	ep.UseLegacy("QueryFilter", in.QueryFilter != nil)
	ep.UseLegacy("ConditionalOperator", in.ConditionalOperator != "")
	ep.UseExpr("KeyConditionExpression", in.KeyConditionExpression)
	ep.UseExpr("FilterExpression", in.FilterExpression)
	ep.UseExpr("ProjectionExpression", in.ProjectionExpression)
	r, err := ep.Resolver()
	if err != nil {
		return nil, err
	}
	if err := s.CheckSelect(); err != nil {
		return nil, err
	}
	var keyCond *expr.Condition
	if in.KeyConditionExpression != nil {
		pc, err := expr.ParseCondition(expr.KindKeyCondition, *in.KeyConditionExpression)
		if err != nil {
			return nil, err
		}
		if keyCond, err = r.Condition(expr.KindKeyCondition, pc); err != nil {
			return nil, err
		}
	} else if keyCond, err = expr.FromExpected("KeyConditions", in.KeyConditions, ""); err != nil {
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
	kc, err := expr.SplitKeyCondition(keyCond, p.keys.Hash, p.keys.Range)
	if err != nil {
		return nil, err
	}
	rc, err := p.checkKeyCondition(kc)
	if err != nil {
		return nil, err
	}
	if err := s.CheckFilterKeys(p.keys, p.Filter); err != nil {
		return nil, err
	}
	if err := p.checkStart(in.ExclusiveStartKey); err != nil {
		return nil, err
	}
	if err := p.checkQueryStart(in.ExclusiveStartKey, kc, rc); err != nil {
		return nil, err
	}
	forward := in.ScanIndexForward == nil || *in.ScanIndexForward
	data := t.readData(p.consistent, p.ix != nil && !p.ix.local())
	pg := p.run(func(fn func(storage.Record) bool) {
		data.QueryRecords(p.indexName(), kc.Hash, rc, forward, in.ExclusiveStartKey, fn)
	})
	if err := t.admitRead(p.ix, kc.Hash, readUnits(pg.Size, p.consistent)); err != nil {
		return nil, err
	}
	return &QueryOutput{
		Items:            pg.Items,
		Count:            pg.Count,
		ScannedCount:     pg.Scanned,
		LastEvaluatedKey: pg.Last,
		ConsumedCapacity: consumed.Of(p.cap),
	}, nil
}

// checkKeyCondition checks the types of a split key condition against the
// key schema read and returns the sort-key restriction for storage.
func (p *readPlan) checkKeyCondition(kc *expr.KeyCond) (storage.RangeCond, error) {
	hashType, rangeType := p.t.hashType, p.t.rangeType
	if p.ix != nil {
		hashType, rangeType = p.ix.hashType, p.ix.rangeType
	}
	if kc.Hash.Type() != hashType {
		return storage.RangeCond{}, validationf(msgKeyCondSchemaType)
	}
	if err := schema.CheckKeyValue(kc.HashName, kc.Hash, true); err != nil {
		return storage.RangeCond{}, err
	}
	if kc.RangeName == "" {
		return storage.RangeCond{}, nil
	}
	if kc.RangeA.Type() != rangeType || (kc.RangeOp == storage.OpBetween && kc.RangeB.Type() != rangeType) {
		return storage.RangeCond{}, validationf(msgKeyCondSchemaType)
	}
	if kc.RangeOp == storage.OpBeginsWith && rangeType == attr.TypeN {
		return storage.RangeCond{}, validationf(msgKeyCondBeginsWithN)
	}
	return storage.RangeCond{Op: kc.RangeOp, A: kc.RangeA, B: kc.RangeB}, nil
}

// checkQueryStart checks that an ExclusiveStartKey lies in the queried
// partition and satisfies the sort-key condition.
func (p *readPlan) checkQueryStart(start attr.Item, kc *expr.KeyCond, rc storage.RangeCond) error {
	if start == nil {
		return nil
	}
	if !attr.Equal(start[p.keys.Hash], kc.Hash) {
		return validationf(msgStartKeyOutside)
	}
	if rc.Op == storage.OpNone {
		return nil
	}
	if rc.Op == storage.OpEq && p.ix == nil {
		return validationf(msgStartKeyOneRow)
	}
	if !rangeMatches(start[p.keys.Range], rc) {
		return validationf(msgStartKeyRange)
	}
	return nil
}

// rangeMatches reports whether the sort-key value v satisfies rc.
func rangeMatches(v attr.Value, rc storage.RangeCond) bool {
	c, ok := attr.Compare(v, rc.A)
	if !ok {
		return false
	}
	switch rc.Op {
	case storage.OpEq:
		return c == 0
	case storage.OpLt:
		return c < 0
	case storage.OpLe:
		return c <= 0
	case storage.OpGt:
		return c > 0
	case storage.OpGe:
		return c >= 0
	case storage.OpBetween:
		d, ok := attr.Compare(v, rc.B)
		return ok && c >= 0 && d <= 0
	case storage.OpBeginsWith:
		switch v.Type() {
		case attr.TypeS:
			s, pre := v.Str(), rc.A.Str()
			return len(s) >= len(pre) && s[:len(pre)] == pre
		case attr.TypeB:
			s, pre := string(v.Bytes()), string(rc.A.Bytes())
			return len(s) >= len(pre) && s[:len(pre)] == pre
		}
	}
	return false
}

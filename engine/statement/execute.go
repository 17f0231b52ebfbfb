package statement

import (
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// ExecuteStatementInput is the ExecuteStatement request.
type ExecuteStatementInput struct {
	Statement                           *string      `json:"Statement,omitempty"`
	Parameters                          []attr.Value `json:"Parameters,omitempty"`
	ConsistentRead                      bool         `json:"ConsistentRead,omitempty"`
	NextToken                           *string      `json:"NextToken,omitempty"`
	Limit                               *int         `json:"Limit,omitempty"`
	ReturnConsumedCapacity              string       `json:"ReturnConsumedCapacity,omitempty"`
	ReturnValuesOnConditionCheckFailure string       `json:"ReturnValuesOnConditionCheckFailure,omitempty"`
}

// Members declares the request's field table.
func (in *ExecuteStatementInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Statement", unsafe.Pointer(&in.Statement), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "Parameters", unsafe.Pointer(&in.Parameters), &fieldtab.AttrValueList.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ConsistentRead", unsafe.Pointer(&in.ConsistentRead), &fieldtab.Bool.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "NextToken", unsafe.Pointer(&in.NextToken), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "Limit", unsafe.Pointer(&in.Limit), &fieldtab.IntPtr.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnValuesOnConditionCheckFailure", unsafe.Pointer(&in.ReturnValuesOnConditionCheckFailure), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// ExecuteStatementOutput is the ExecuteStatement response: the items a
// SELECT read, or the item a RETURNING clause asked for (none otherwise).
type ExecuteStatementOutput struct {
	Items            []attr.Item                `json:"Items"`
	NextToken        string                     `json:"NextToken,omitempty"`
	LastEvaluatedKey attr.Item                  `json:"LastEvaluatedKey,omitempty"`
	ConsumedCapacity *consumed.ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// Members declares the response's field table.
func (o *ExecuteStatementOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Items", unsafe.Pointer(&o.Items), &fieldtab.Items.X, 0)
	fieldtab.Field(f, "NextToken", unsafe.Pointer(&o.NextToken), &fieldtab.String.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "LastEvaluatedKey", unsafe.Pointer(&o.LastEvaluatedKey), &fieldtab.Item.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtr.X, fieldtab.OmitEmpty)
}

// ExecuteStatement runs one PartiQL statement. A SELECT runs as a Query
// when its WHERE clause fixes the partition key with = or IN (one Query per
// value), otherwise as a Scan, one page (Limit items, or 1 MB) at a time
// with NextToken to go on; INSERT, UPDATE and DELETE run as PutItem,
// UpdateItem and DeleteItem, an INSERT of an existing key failing with
// DuplicateItemException, an UPDATE of a missing item with
// ConditionalCheckFailedException. EXISTS is refused outside
// ExecuteTransaction.
func ExecuteStatement(e Engine, in *ExecuteStatementInput) (*ExecuteStatementOutput, error) {
	var v validate.Violations
	partiql.CheckStatement(&v, "statement", in.Statement, in.Parameters, "parameters")
	if in.Limit != nil && *in.Limit < 1 {
		v.Add(validate.Quote(strconv.Itoa(*in.Limit)), "limit", ddberr.Sprintf(validate.MinValFmt, 1))
	}
	if in.NextToken != nil && (len(*in.NextToken) < 1 || len(*in.NextToken) > 32768) {
		v.Add(validate.Quote(*in.NextToken), "nextToken", ddberr.Sprintf(validate.MinLenFmt, 1))
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	v.ReturnValuesOnFailure(in.ReturnValuesOnConditionCheckFailure)
	if err := v.Err(); err != nil {
		return nil, err
	}
	p, err := e.Plan(*in.Statement, in.Parameters)
	if err != nil {
		return nil, err
	}
	out := &ExecuteStatementOutput{Items: []attr.Item{}}
	if p.Kind != partiql.KindSelect {
		item, cc, err := write(e, p, in.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity)
		if err != nil {
			return nil, err
		}
		if item != nil {
			out.Items = append(out.Items, item)
		}
		out.ConsumedCapacity = cc
		return out, nil
	}
	return runSelect(e, p, in, out)
}

// write runs an INSERT, UPDATE or DELETE plan (Engine.Write). A failed
// INSERT condition is DuplicateItemException; EXISTS is refused.
func write(e Engine, p *partiql.Plan, onFailure, capacity string) (attr.Item, *consumed.ConsumedCapacity, error) {
	if p.Kind == partiql.KindExists {
		return nil, nil, ddberr.Validation(msgExistsOutsideTxn)
	}
	item, cc, err := e.Write(p, onFailure, capacity)
	if err != nil && p.Kind == partiql.KindInsert && ddberr.As(err).Type == ddberr.TypeConditionalCheckFailed {
		return nil, nil, ddberr.New(ddberr.TypeDuplicateItem, msgDuplicateItem)
	}
	return item, cc, err
}

// runSelect reads one page of a SELECT plan.
func runSelect(e Engine, p *partiql.Plan, in *ExecuteStatementInput, out *ExecuteStatementOutput) (*ExecuteStatementOutput, error) {
	var start partiql.NextToken
	if in.NextToken != nil {
		t, ok := partiql.ParseNextToken(*in.NextToken)
		if !ok {
			return nil, ddberr.Validation(msgBadNextToken)
		}
		start = t
	}
	r := Read{Start: start.Key, Limit: in.Limit, Consistent: in.ConsistentRead, Capacity: in.ReturnConsumedCapacity}
	if !p.Query {
		pg, err := e.Read(p, 0, r)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, pg.Items...)
		out.ConsumedCapacity = pg.Capacity
		if pg.LastKey != nil {
			out.LastEvaluatedKey = pg.LastKey
			out.NextToken = partiql.NextToken{Key: pg.LastKey}.String()
		}
		return out, nil
	}
	if start.Hash >= len(p.HashValues) {
		return nil, ddberr.Validation(msgBadNextToken)
	}
	remaining := -1
	if in.Limit != nil {
		remaining = *in.Limit
	}
	for i := start.Hash; i < len(p.HashValues); i++ {
		if i != start.Hash {
			r.Start = nil
		}
		if remaining >= 0 {
			n := remaining
			r.Limit = &n
		}
		pg, err := e.Read(p, i, r)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, pg.Items...)
		consumed.Add(&out.ConsumedCapacity, pg.Capacity)
		if pg.LastKey != nil {
			out.LastEvaluatedKey = pg.LastKey
			out.NextToken = partiql.NextToken{Hash: i, Key: pg.LastKey}.String()
			return out, nil
		}
		if remaining >= 0 {
			remaining -= pg.Scanned
			if remaining <= 0 && i+1 < len(p.HashValues) {
				// The page is full: go on with the next value. Its key is
				// not known, so the token names the value with no start key.
				out.NextToken = partiql.NextToken{Hash: i + 1}.String()
				return out, nil
			}
		}
	}
	return out, nil
}

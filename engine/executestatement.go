package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/validate"
)

func init() { register("ExecuteStatement", (*DB).ExecuteStatement) }

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

// ExecuteStatementOutput is the ExecuteStatement response: the items a
// SELECT read, or the item a RETURNING clause asked for (none otherwise).
type ExecuteStatementOutput struct {
	Items            []attr.Item       `json:"Items"`
	NextToken        string            `json:"NextToken,omitempty"`
	LastEvaluatedKey attr.Item         `json:"LastEvaluatedKey,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// ExecuteStatement runs one PartiQL statement. A SELECT runs as a Query
// when its WHERE clause fixes the partition key with = or IN (one Query per
// value), otherwise as a Scan, one page (Limit items, or 1 MB) at a time
// with NextToken to go on; INSERT, UPDATE and DELETE run as PutItem,
// UpdateItem and DeleteItem, an INSERT of an existing key failing with
// DuplicateItemException, an UPDATE of a missing item with
// ConditionalCheckFailedException. EXISTS is refused outside
// ExecuteTransaction.
func (db *DB) ExecuteStatement(in *ExecuteStatementInput) (*ExecuteStatementOutput, error) {
	var v violations
	partiql.CheckStatement(&v.Violations, "statement", in.Statement, in.Parameters, "parameters")
	if in.Limit != nil && *in.Limit < 1 {
		v.Add(validate.Quote(itoa(*in.Limit)), "limit", ddberr.Sprintf(validate.MinValFmt, 1))
	}
	if in.NextToken != nil && (len(*in.NextToken) < 1 || len(*in.NextToken) > 32768) {
		v.Add(validate.Quote(*in.NextToken), "nextToken", ddberr.Sprintf(validate.MinLenFmt, 1))
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	v.returnValuesOnFailure(in.ReturnValuesOnConditionCheckFailure)
	if err := v.Err(); err != nil {
		return nil, err
	}
	p, err := db.planStatement(*in.Statement, in.Parameters)
	if err != nil {
		return nil, err
	}
	out := &ExecuteStatementOutput{Items: []attr.Item{}}
	if p.Kind != partiql.KindSelect {
		item, cc, err := db.runWrite(p, in.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity)
		if err != nil {
			return nil, err
		}
		if item != nil {
			out.Items = append(out.Items, item)
		}
		out.ConsumedCapacity = cc
		return out, nil
	}
	return db.runSelect(p, in, out)
}

func itoa(n int) string { return ddberr.Sprintf("%d", n) }

// runSelect reads one page of a SELECT plan.
func (db *DB) runSelect(p *partiql.Plan, in *ExecuteStatementInput, out *ExecuteStatementOutput) (*ExecuteStatementOutput, error) {
	var start partiql.NextToken
	if in.NextToken != nil {
		t, ok := partiql.ParseNextToken(*in.NextToken)
		if !ok {
			return nil, validationf(msgBadNextToken)
		}
		start = t
	}
	if !p.Query {
		sin := &ScanInput{TableName: p.Table, IndexName: optional(p.Index), FilterExpression: optional(p.Filter),
			ProjectionExpression: optional(p.Projection), ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: planValues(p),
			Limit: in.Limit, ExclusiveStartKey: start.Key, ConsistentRead: in.ConsistentRead, ReturnConsumedCapacity: in.ReturnConsumedCapacity}
		res, err := db.Scan(sin)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, res.Items.Items()...)
		out.ConsumedCapacity = res.ConsumedCapacity
		if res.LastEvaluatedKey != nil {
			out.LastEvaluatedKey = res.LastEvaluatedKey
			out.NextToken = partiql.NextToken{Key: res.LastEvaluatedKey}.String()
		}
		return out, nil
	}
	if start.Hash >= len(p.HashValues) {
		return nil, validationf(msgBadNextToken)
	}
	remaining := -1
	if in.Limit != nil {
		remaining = *in.Limit
	}
	for i := start.Hash; i < len(p.HashValues); i++ {
		values := ExpressionValues{partiql.HashPlaceholder: p.HashValues[i]}
		for k, v := range p.Values {
			values[k] = v
		}
		qin := &QueryInput{TableName: p.Table, IndexName: optional(p.Index), KeyConditionExpression: &p.KeyCondition,
			FilterExpression: optional(p.Filter), ProjectionExpression: optional(p.Projection),
			ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: values, ScanIndexForward: &p.Forward,
			ConsistentRead: in.ConsistentRead, ReturnConsumedCapacity: in.ReturnConsumedCapacity}
		if i == start.Hash {
			qin.ExclusiveStartKey = start.Key
		}
		if remaining >= 0 {
			n := remaining
			qin.Limit = &n
		}
		res, err := db.Query(qin)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, res.Items.Items()...)
		consumed.Add(&out.ConsumedCapacity, res.ConsumedCapacity)
		if res.LastEvaluatedKey != nil {
			out.LastEvaluatedKey = res.LastEvaluatedKey
			out.NextToken = partiql.NextToken{Hash: i, Key: res.LastEvaluatedKey}.String()
			return out, nil
		}
		if remaining >= 0 {
			remaining -= res.ScannedCount
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

package engine

import (
	"errors"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/validate"
)

func init() { register("BatchExecuteStatement", (*DB).BatchExecuteStatement) }

// maxBatchStatements is BatchExecuteStatement's limit.
const maxBatchStatements = 25

// BatchStatementRequest is partiql.BatchStatementRequest.
type BatchStatementRequest = partiql.BatchStatementRequest

// BatchStatementError is partiql.BatchStatementError.
type BatchStatementError = partiql.BatchStatementError

// BatchStatementResponse is partiql.BatchStatementResponse.
type BatchStatementResponse = partiql.BatchStatementResponse

// BatchExecuteStatementInput is the BatchExecuteStatement request.
type BatchExecuteStatementInput struct {
	Statements             []BatchStatementRequest `json:"Statements"`
	ReturnConsumedCapacity string                  `json:"ReturnConsumedCapacity,omitempty"`
}

// BatchExecuteStatementOutput is the BatchExecuteStatement response: one
// response per statement, in request order.
type BatchExecuteStatementOutput struct {
	Responses        []BatchStatementResponse `json:"Responses"`
	ConsumedCapacity []*ConsumedCapacity      `json:"ConsumedCapacity,omitempty"`
}

// BatchExecuteStatement runs up to 25 statements, all reads (each a SELECT
// of one item by its whole primary key, run as GetItem) or all writes
// (INSERT, UPDATE, DELETE), each on its own: a statement that fails has an
// Error in its response and the others still run.
func (db *DB) BatchExecuteStatement(in *BatchExecuteStatementInput) (*BatchExecuteStatementOutput, error) {
	var v violations
	switch {
	case in.Statements == nil:
		v.Add("null", "statements", validate.NotNull)
	case len(in.Statements) < 1:
		v.Add("'[]'", "statements", ddberr.Sprintf(validate.MinLenFmt, 1))
	case len(in.Statements) > maxBatchStatements:
		v.Add(validate.Quote(partiql.StatementsValue(in.Statements)), "statements", ddberr.Sprintf(validate.MaxLenFmt, maxBatchStatements))
	}
	for i, s := range in.Statements {
		member := ddberr.Sprintf("statements.%d.member", i+1)
		partiql.CheckStatement(&v.Violations, member+".statement", s.Statement, s.Parameters, member+".parameters")
		v.returnValuesOnFailure(s.ReturnValuesOnConditionCheckFailure)
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.Err(); err != nil {
		return nil, err
	}
	// Statements that do not parse fail alone; the kinds of those that do
	// must not mix reads and writes.
	plans := make([]*partiql.Plan, len(in.Statements))
	errs := make([]error, len(in.Statements))
	reads, writes := 0, 0
	for i, s := range in.Statements {
		plans[i], errs[i] = db.planStatement(*s.Statement, s.Parameters)
		if plans[i] == nil {
			continue
		}
		if plans[i].Kind.IsRead() {
			reads++
		} else {
			writes++
		}
	}
	if reads > 0 && writes > 0 {
		return nil, validationf(msgBatchMixed)
	}
	out := &BatchExecuteStatementOutput{Responses: make([]BatchStatementResponse, len(in.Statements))}
	caps := map[string]*ConsumedCapacity{}
	var order []string
	for i, s := range in.Statements {
		p, err := plans[i], errs[i]
		resp := &out.Responses[i]
		var cc *ConsumedCapacity
		if err == nil {
			resp.TableName = p.Table
			switch {
			case p.Kind == partiql.KindExists:
				err = validationf(msgExistsOutsideTxn)
			case p.Kind == partiql.KindSelect && (p.Key == nil || p.Index != ""):
				err = validationf(msgBatchGetKey)
			case p.Kind == partiql.KindSelect:
				var res *GetItemOutput
				res, err = db.GetItem(&GetItemInput{TableName: p.Table, Key: p.Key, ProjectionExpression: optional(p.Projection),
					ExpressionAttributeNames: p.ProjectionNames(), ConsistentRead: &s.ConsistentRead, ReturnConsumedCapacity: in.ReturnConsumedCapacity})
				if err == nil {
					resp.Item, cc = res.Item, res.ConsumedCapacity
				}
			default:
				var item attr.Item
				item, cc, err = db.runWrite(p, s.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity)
				resp.Item = item
			}
		}
		if err != nil {
			resp.Error = batchError(err)
			continue
		}
		if cc != nil {
			if _, ok := caps[cc.TableName]; !ok {
				order = append(order, cc.TableName)
			}
			sum := caps[cc.TableName]
			consumed.Add(&sum, cc)
			caps[cc.TableName] = sum
		}
	}
	for _, name := range order {
		out.ConsumedCapacity = append(out.ConsumedCapacity, caps[name])
	}
	return out, nil
}

// batchError words a statement's failure as BatchExecuteStatement does:
// the exception's name without "Exception" (ValidationError for a
// ValidationException), its message, and the item a failed condition
// returned.
func batchError(err error) *BatchStatementError {
	e := ddberr.As(err)
	be := &BatchStatementError{Code: strings.TrimSuffix(e.Type, "Exception"), Message: e.Message}
	switch {
	case errors.Is(e, ddberr.ErrValidation):
		be.Code = reasonValidation
	case errors.Is(e, ddberr.ErrConditionalCheckFailed):
		if it, ok := e.Fields["Item"].(attr.Item); ok {
			be.Item = it
		}
	}
	return be
}

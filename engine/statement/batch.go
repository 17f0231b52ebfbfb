package statement

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// maxBatchStatements is BatchExecuteStatement's limit.
const maxBatchStatements = 25

// BatchExecuteStatementInput is the BatchExecuteStatement request.
type BatchExecuteStatementInput struct {
	Statements             []partiql.BatchStatementRequest `json:"Statements"`
	ReturnConsumedCapacity string                          `json:"ReturnConsumedCapacity,omitempty"`
}

// Members declares the request's field table.
func (in *BatchExecuteStatementInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Statements", unsafe.Pointer(&in.Statements), &partiql.CodecBatchStatementRequestList.X, 0)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// BatchExecuteStatementOutput is the BatchExecuteStatement response: one
// response per statement, in request order.
type BatchExecuteStatementOutput struct {
	Responses        []partiql.BatchStatementResponse `json:"Responses"`
	ConsumedCapacity []*consumed.ConsumedCapacity     `json:"ConsumedCapacity,omitempty"`
}

// Members declares the response's field table.
func (o *BatchExecuteStatementOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Responses", unsafe.Pointer(&o.Responses), &partiql.CodecBatchStatementResponseList.X, 0)
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtrList.X, fieldtab.OmitEmpty)
}

// BatchExecuteStatement runs up to 25 statements, all reads (each a SELECT
// of one item by its whole primary key, run as GetItem) or all writes
// (INSERT, UPDATE, DELETE), each on its own: a statement that fails has an
// Error in its response and the others still run.
func BatchExecuteStatement(e Engine, in *BatchExecuteStatementInput) (*BatchExecuteStatementOutput, error) {
	var v validate.Violations
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
		partiql.CheckStatement(&v, member+".statement", s.Statement, s.Parameters, member+".parameters")
		v.ReturnValuesOnFailure(s.ReturnValuesOnConditionCheckFailure)
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.Err(); err != nil {
		return nil, err
	}
	// Statements that do not parse fail alone; the kinds of those that do
	// must not mix reads and writes.
	plans := make([]*partiql.Plan, len(in.Statements))
	errs := make([]error, len(in.Statements))
	reads, writes := 0, 0
	for i, s := range in.Statements {
		plans[i], errs[i] = e.Plan(*s.Statement, s.Parameters)
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
		return nil, ddberr.Validation(msgBatchMixed)
	}
	out := &BatchExecuteStatementOutput{Responses: make([]partiql.BatchStatementResponse, len(in.Statements))}
	caps := map[string]*consumed.ConsumedCapacity{}
	var order []string
	for i, s := range in.Statements {
		p, err := plans[i], errs[i]
		resp := &out.Responses[i]
		var cc *consumed.ConsumedCapacity
		if err == nil {
			resp.TableName = p.Table
			switch {
			case p.Kind == partiql.KindExists:
				err = ddberr.Validation(msgExistsOutsideTxn)
			case p.Kind == partiql.KindSelect && (p.Key == nil || p.Index != ""):
				err = ddberr.Validation(msgBatchGetKey)
			case p.Kind == partiql.KindSelect:
				resp.Item, cc, err = e.GetItem(p, s.ConsistentRead, in.ReturnConsumedCapacity)
			default:
				resp.Item, cc, err = write(e, p, s.ReturnValuesOnConditionCheckFailure, in.ReturnConsumedCapacity)
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

// batchError words a statement's failure as BatchExecuteStatement does,
// as a transaction's cancellation reason (batch.ReasonFor).
func batchError(err error) *partiql.BatchStatementError {
	r := batch.ReasonFor(err)
	return &partiql.BatchStatementError{Code: r.Code, Message: r.Message, Item: r.Item}
}

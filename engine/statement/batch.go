package statement

import (
	"strings"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
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
	checkStatements(&v, "statements", in.Statements == nil, len(in.Statements), maxBatchStatements, "BatchStatementRequest", func(i int) (*string, []attr.Value, string) {
		s := &in.Statements[i]
		return s.Statement, s.Parameters, s.ReturnValuesOnConditionCheckFailure
	})
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

// checkStatements records the violations of a list of n statements at
// member ("statements", "transactStatements"): null, empty or more than
// max (the list then rendered as DynamoDB does, each entry a kind, e.g.
// "BatchStatementRequest(statement=…)"), and each statement's members;
// each(i) returns statement i's text, parameters and
// ReturnValuesOnConditionCheckFailure.
func checkStatements(v *validate.Violations, member string, null bool, n, max int, kind string, each func(i int) (*string, []attr.Value, string)) {
	switch {
	case null:
		v.Add("null", member, validate.NotNull)
	case n < 1:
		v.Add("'[]'", member, ddberr.Sprintf(validate.MinLenFmt, 1))
	case n > max:
		parts := make([]string, n)
		for i := range n {
			text := "null"
			if s, _, _ := each(i); s != nil {
				text = *s
			}
			parts[i] = kind + "(statement=" + text + ")"
		}
		v.Add(validate.Quote("["+strings.Join(parts, ", ")+"]"), member, ddberr.Sprintf(validate.MaxLenFmt, max))
	}
	for i := range n {
		s, params, onFailure := each(i)
		m := ddberr.Sprintf("%s.%d.member", member, i+1)
		partiql.CheckStatement(v, m+".statement", s, params, m+".parameters")
		v.ReturnValuesOnFailure(onFailure)
	}
}

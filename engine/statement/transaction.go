package statement

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// ExecuteTransactionInput is the ExecuteTransaction request.
type ExecuteTransactionInput struct {
	TransactStatements     []partiql.ParameterizedStatement `json:"TransactStatements"`
	ClientRequestToken     *string                          `json:"ClientRequestToken,omitempty"`
	ReturnConsumedCapacity string                           `json:"ReturnConsumedCapacity,omitempty"`
}

// Members declares the request's field table.
func (in *ExecuteTransactionInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TransactStatements", unsafe.Pointer(&in.TransactStatements), &partiql.CodecParameterizedStatementList.X, 0)
	fieldtab.Field(f, "ClientRequestToken", unsafe.Pointer(&in.ClientRequestToken), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ReturnConsumedCapacity", unsafe.Pointer(&in.ReturnConsumedCapacity), &fieldtab.String.X, fieldtab.OmitEmpty)
}

// ExecuteTransactionOutput is the ExecuteTransaction response: for a
// transaction of SELECTs, one response per statement.
type ExecuteTransactionOutput struct {
	Responses        []batch.ItemResponse         `json:"Responses,omitempty"`
	ConsumedCapacity []*consumed.ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// Members declares the response's field table.
func (o *ExecuteTransactionOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Responses", unsafe.Pointer(&o.Responses), &batch.CodecItemResponseList.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "ConsumedCapacity", unsafe.Pointer(&o.ConsumedCapacity), &consumed.CodecConsumedCapacityPtrList.X, fieldtab.OmitEmpty)
}

// ExecuteTransaction runs up to 100 statements all or nothing: all SELECTs
// of one item by its whole primary key (run as TransactGetItems), or all
// writes and EXISTS checks (run as TransactWriteItems, with its
// ClientRequestToken). A failed INSERT's reason is DuplicateItem.
func ExecuteTransaction(e Engine, in *ExecuteTransactionInput) (*ExecuteTransactionOutput, error) {
	var v validate.Violations
	checkStatements(&v, "transactStatements", in.TransactStatements == nil, len(in.TransactStatements), batch.MaxTxnItems, "ParameterizedStatement", func(i int) (*string, []attr.Value, string) {
		s := &in.TransactStatements[i]
		return s.Statement, s.Parameters, s.ReturnValuesOnConditionCheckFailure
	})
	if in.ClientRequestToken != nil && (len(*in.ClientRequestToken) < 1 || len(*in.ClientRequestToken) > batch.MaxTokenLen) {
		c := ddberr.Sprintf(validate.MaxLenFmt, batch.MaxTokenLen)
		if len(*in.ClientRequestToken) < 1 {
			c = ddberr.Sprintf(validate.MinLenFmt, 1)
		}
		v.Add(validate.Quote(*in.ClientRequestToken), "clientRequestToken", c)
	}
	v.ReturnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.Err(); err != nil {
		return nil, err
	}
	plans := make([]*partiql.Plan, len(in.TransactStatements))
	reads := 0
	for i, s := range in.TransactStatements {
		p, err := e.Plan(*s.Statement, s.Parameters)
		if err != nil {
			return nil, err
		}
		plans[i] = p
		if p.Kind == partiql.KindSelect {
			reads++
		}
	}
	if reads > 0 && reads < len(plans) {
		return nil, ddberr.Validation(msgTxnMixed)
	}
	if reads > 0 {
		for _, p := range plans {
			if p.Key == nil || p.Index != "" {
				return nil, ddberr.Validation(msgTxnSelectKey)
			}
		}
		responses, cc, err := e.TransactGet(plans, in.ReturnConsumedCapacity)
		if err != nil {
			return nil, err
		}
		return &ExecuteTransactionOutput{Responses: responses, ConsumedCapacity: cc}, nil
	}
	onFailure := make([]string, len(plans))
	for i, s := range in.TransactStatements {
		onFailure[i] = s.ReturnValuesOnConditionCheckFailure
	}
	cc, err := e.TransactWrite(plans, onFailure, in.ClientRequestToken, in.ReturnConsumedCapacity)
	if err != nil {
		return nil, duplicateReasons(err, plans)
	}
	return &ExecuteTransactionOutput{ConsumedCapacity: cc}, nil
}

// duplicateReasons rewords a cancelled transaction's failed INSERTs as
// DynamoDB does: reason DuplicateItem, "Duplicate primary key exists in
// table".
func duplicateReasons(err error, plans []*partiql.Plan) error {
	e := ddberr.As(err)
	reasons, ok := e.Fields["CancellationReasons"].(batch.CancellationReasons)
	if !ok || e.Type != ddberr.TypeTransactionCanceled {
		return err
	}
	changed := make(batch.CancellationReasons, len(reasons))
	copy(changed, reasons)
	for i := range changed {
		if i < len(plans) && plans[i].Kind == partiql.KindInsert && changed[i].Code == batch.ReasonConditionCheck {
			changed[i] = batch.CancellationReason{Code: batch.ReasonDuplicateItem, Message: msgDuplicateItem}
		}
	}
	return batch.Canceled(changed)
}

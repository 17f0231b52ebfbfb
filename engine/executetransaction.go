package engine

import (
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/validate"
)

func init() { register("ExecuteTransaction", (*DB).ExecuteTransaction) }

// ParameterizedStatement is partiql.ParameterizedStatement.
type ParameterizedStatement = partiql.ParameterizedStatement

// ExecuteTransactionInput is the ExecuteTransaction request.
type ExecuteTransactionInput struct {
	TransactStatements     []ParameterizedStatement `json:"TransactStatements"`
	ClientRequestToken     *string                  `json:"ClientRequestToken,omitempty"`
	ReturnConsumedCapacity string                   `json:"ReturnConsumedCapacity,omitempty"`
}

// ExecuteTransactionOutput is the ExecuteTransaction response: for a
// transaction of SELECTs, one response per statement.
type ExecuteTransactionOutput struct {
	Responses        []ItemResponse      `json:"Responses,omitempty"`
	ConsumedCapacity []*ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// ExecuteTransaction runs up to 100 statements all or nothing: all SELECTs
// of one item by its whole primary key (run as TransactGetItems), or all
// writes and EXISTS checks (run as TransactWriteItems, with its
// ClientRequestToken). A failed INSERT's reason is DuplicateItem.
func (db *DB) ExecuteTransaction(in *ExecuteTransactionInput) (*ExecuteTransactionOutput, error) {
	var v violations
	switch {
	case in.TransactStatements == nil:
		v.Add("null", "transactStatements", validate.NotNull)
	case len(in.TransactStatements) < 1:
		v.Add("'[]'", "transactStatements", ddberr.Sprintf(validate.MinLenFmt, 1))
	case len(in.TransactStatements) > maxTxnItems:
		v.Add(validate.Quote(transactStatementsValue(in.TransactStatements)), "transactStatements", ddberr.Sprintf(validate.MaxLenFmt, maxTxnItems))
	}
	for i, s := range in.TransactStatements {
		member := ddberr.Sprintf("transactStatements.%d.member", i+1)
		partiql.CheckStatement(&v.Violations, member+".statement", s.Statement, s.Parameters, member+".parameters")
		v.returnValuesOnFailure(s.ReturnValuesOnConditionCheckFailure)
	}
	if in.ClientRequestToken != nil && (len(*in.ClientRequestToken) < 1 || len(*in.ClientRequestToken) > maxTokenLen) {
		c := ddberr.Sprintf(validate.MaxLenFmt, maxTokenLen)
		if len(*in.ClientRequestToken) < 1 {
			c = ddberr.Sprintf(validate.MinLenFmt, 1)
		}
		v.Add(validate.Quote(*in.ClientRequestToken), "clientRequestToken", c)
	}
	v.returnConsumedCapacity(in.ReturnConsumedCapacity)
	if err := v.Err(); err != nil {
		return nil, err
	}
	plans := make([]*partiql.Plan, len(in.TransactStatements))
	reads := 0
	for i, s := range in.TransactStatements {
		p, err := db.planStatement(*s.Statement, s.Parameters)
		if err != nil {
			return nil, err
		}
		plans[i] = p
		if p.Kind == partiql.KindSelect {
			reads++
		}
	}
	if reads > 0 && reads < len(plans) {
		return nil, validationf(msgTxnMixed)
	}
	if reads > 0 {
		return db.transactSelects(plans, in.ReturnConsumedCapacity)
	}
	items := make([]TransactWriteItem, len(plans))
	for i, p := range plans {
		onFailure := in.TransactStatements[i].ReturnValuesOnConditionCheckFailure
		names, values, cond := planNames(p), planValues(p), optional(p.Condition)
		switch p.Kind {
		case partiql.KindInsert:
			items[i].Put = &TransactPut{TableName: p.Table, Item: p.Item, ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure}
		case partiql.KindUpdate:
			items[i].Update = &TransactUpdate{TableName: p.Table, Key: p.Key, UpdateExpression: optional(p.Update), ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure}
		case partiql.KindDelete:
			items[i].Delete = &TransactDelete{TableName: p.Table, Key: p.Key, ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure}
		case partiql.KindExists:
			items[i].ConditionCheck = &TransactConditionCheck{TableName: p.Table, Key: p.Key, ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure}
		}
	}
	res, err := db.TransactWriteItems(&TransactWriteItemsInput{TransactItems: items, ClientRequestToken: in.ClientRequestToken,
		ReturnConsumedCapacity: in.ReturnConsumedCapacity})
	if err != nil {
		return nil, duplicateReasons(err, plans)
	}
	return &ExecuteTransactionOutput{ConsumedCapacity: res.ConsumedCapacity}, nil
}

// transactSelects runs a transaction of SELECTs as TransactGetItems.
func (db *DB) transactSelects(plans []*partiql.Plan, capacity string) (*ExecuteTransactionOutput, error) {
	gets := make([]TransactGetItem, len(plans))
	for i, p := range plans {
		if p.Key == nil || p.Index != "" {
			return nil, validationf(msgTxnSelectKey)
		}
		gets[i].Get = &TransactGet{TableName: p.Table, Key: p.Key, ProjectionExpression: optional(p.Projection),
			ExpressionAttributeNames: p.ProjectionNames()}
	}
	res, err := db.TransactGetItems(&TransactGetItemsInput{TransactItems: gets, ReturnConsumedCapacity: capacity})
	if err != nil {
		return nil, err
	}
	return &ExecuteTransactionOutput{Responses: res.Responses, ConsumedCapacity: res.ConsumedCapacity}, nil
}

// duplicateReasons rewords a cancelled transaction's failed INSERTs as
// DynamoDB does: reason DuplicateItem, "Duplicate primary key exists in
// table".
func duplicateReasons(err error, plans []*partiql.Plan) error {
	e := ddberr.As(err)
	reasons, ok := e.Fields["CancellationReasons"].(CancellationReasons)
	if !ok || e.Type != ddberr.TypeTransactionCanceled {
		return err
	}
	changed := make(CancellationReasons, len(reasons))
	copy(changed, reasons)
	codes := make([]string, len(changed))
	for i := range changed {
		if i < len(plans) && plans[i].Kind == partiql.KindInsert && changed[i].Code == reasonConditionCheck {
			changed[i] = CancellationReason{Code: reasonDuplicateItem, Message: msgDuplicateItem}
		}
		codes[i] = changed[i].Code
	}
	return ddberr.New(ddberr.TypeTransactionCanceled, ddberr.Sprintf(msgTxnCanceledFmt, strings.Join(codes, ", "))).
		With("CancellationReasons", changed)
}

// transactStatementsValue renders a list of statements for a violation message.
func transactStatementsValue(s []ParameterizedStatement) string {
	parts := make([]string, len(s))
	for i, st := range s {
		text := "null"
		if st.Statement != nil {
			text = *st.Statement
		}
		parts[i] = "ParameterizedStatement(statement=" + text + ")"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/partiql"
	"github.com/ddbplay/ddbplay/engine/statement"
)

// PartiQL: ExecuteStatement, BatchExecuteStatement and ExecuteTransaction
// are package statement's. A statement is parsed and planned by package
// partiql with the tables' key schemas, and its plan runs through the
// typed operations here (catalog implements statement.Engine), so that
// validation, conditions, capacity and the stream records of a write are
// exactly theirs.

func init() {
	registerPkg("ExecuteStatement", (*DB).ExecuteStatement)
	registerPkg("BatchExecuteStatement", (*DB).BatchExecuteStatement)
	registerPkg("ExecuteTransaction", (*DB).ExecuteTransaction)
}

// The PartiQL types are package statement's and partiql's.
type (
	ExecuteStatementInput       = statement.ExecuteStatementInput
	ExecuteStatementOutput      = statement.ExecuteStatementOutput
	BatchExecuteStatementInput  = statement.BatchExecuteStatementInput
	BatchExecuteStatementOutput = statement.BatchExecuteStatementOutput
	ExecuteTransactionInput     = statement.ExecuteTransactionInput
	ExecuteTransactionOutput    = statement.ExecuteTransactionOutput
	BatchStatementRequest       = partiql.BatchStatementRequest
	BatchStatementError         = partiql.BatchStatementError
	BatchStatementResponse      = partiql.BatchStatementResponse
	ParameterizedStatement      = partiql.ParameterizedStatement
)

// ExecuteStatement is statement.ExecuteStatement.
func (db *DB) ExecuteStatement(in *ExecuteStatementInput) (*ExecuteStatementOutput, error) {
	return statement.ExecuteStatement((*catalog)(db), in)
}

// BatchExecuteStatement is statement.BatchExecuteStatement.
func (db *DB) BatchExecuteStatement(in *BatchExecuteStatementInput) (*BatchExecuteStatementOutput, error) {
	return statement.BatchExecuteStatement((*catalog)(db), in)
}

// ExecuteTransaction is statement.ExecuteTransaction.
func (db *DB) ExecuteTransaction(in *ExecuteTransactionInput) (*ExecuteTransactionOutput, error) {
	return statement.ExecuteTransaction((*catalog)(db), in)
}

// Plan implements statement.Engine: the statement is parsed, then
// planned under the read lock.
func (c *catalog) Plan(src string, params []attr.Value) (*partiql.Plan, error) {
	st, err := partiql.Parse(src)
	if err != nil {
		return nil, err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return st.Plan(params, func(table, index string) (partiql.KeySchema, error) {
		t, err := (*DB)(c).table(table)
		if err != nil {
			return partiql.KeySchema{}, err
		}
		if index == "" {
			return partiql.KeySchema{Hash: t.key.Hash, Range: t.key.Range}, nil
		}
		ix, err := t.indexNamed(index)
		if err != nil {
			return partiql.KeySchema{}, err
		}
		return partiql.KeySchema{Hash: ix.def.Key.Hash, Range: ix.def.Key.Range}, nil
	})
}

// GetItem implements statement.Engine.
func (c *catalog) GetItem(p *partiql.Plan, consistent bool, capacity string) (attr.Item, *ConsumedCapacity, error) {
	out, err := (*DB)(c).GetItem(&GetItemInput{TableName: p.Table, Key: p.Key, ProjectionExpression: optional(p.Projection),
		ExpressionAttributeNames: p.ProjectionNames(), ConsistentRead: &consistent, ReturnConsumedCapacity: capacity})
	if err != nil {
		return nil, nil, err
	}
	return out.Item, out.ConsumedCapacity, nil
}

// Write implements statement.Engine.
func (c *catalog) Write(p *partiql.Plan, onFailure, capacity string) (attr.Item, *ConsumedCapacity, error) {
	db, names, values, cond := (*DB)(c), planNames(p), planValues(p), optional(p.Condition)
	switch p.Kind {
	case partiql.KindInsert:
		out, err := db.PutItem(&PutItemInput{TableName: p.Table, Item: p.Item, ConditionExpression: cond,
			ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnConsumedCapacity: capacity})
		if err != nil {
			return nil, nil, err
		}
		return nil, out.ConsumedCapacity, nil
	case partiql.KindUpdate:
		out, err := db.UpdateItem(&UpdateItemInput{TableName: p.Table, Key: p.Key, UpdateExpression: optional(p.Update),
			ConditionExpression: cond, ExpressionAttributeNames: names, ExpressionAttributeValues: values,
			ReturnValues: p.ReturnValues, ReturnValuesOnConditionCheckFailure: onFailure, ReturnConsumedCapacity: capacity})
		if err != nil {
			return nil, nil, err
		}
		return out.Attributes, out.ConsumedCapacity, nil
	}
	out, err := db.DeleteItem(&DeleteItemInput{TableName: p.Table, Key: p.Key, ConditionExpression: cond,
		ExpressionAttributeNames: names, ExpressionAttributeValues: values,
		ReturnValues: p.ReturnValues, ReturnValuesOnConditionCheckFailure: onFailure, ReturnConsumedCapacity: capacity})
	if err != nil {
		return nil, nil, err
	}
	return out.Attributes, out.ConsumedCapacity, nil
}

// Read implements statement.Engine.
func (c *catalog) Read(p *partiql.Plan, hash int, r statement.Read) (statement.Page, error) {
	db := (*DB)(c)
	if !p.Query {
		out, err := db.Scan(&ScanInput{TableName: p.Table, IndexName: optional(p.Index), FilterExpression: optional(p.Filter),
			ProjectionExpression: optional(p.Projection), ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: planValues(p),
			Limit: r.Limit, ExclusiveStartKey: r.Start, ConsistentRead: r.Consistent, ReturnConsumedCapacity: r.Capacity})
		if err != nil {
			return statement.Page{}, err
		}
		return statement.Page{Items: out.Items.Items(), LastKey: out.LastEvaluatedKey, Scanned: out.ScannedCount, Capacity: out.ConsumedCapacity}, nil
	}
	values := ExpressionValues{partiql.HashPlaceholder: p.HashValues[hash]}
	for k, v := range p.Values {
		values[k] = v
	}
	out, err := db.Query(&QueryInput{TableName: p.Table, IndexName: optional(p.Index), KeyConditionExpression: &p.KeyCondition,
		FilterExpression: optional(p.Filter), ProjectionExpression: optional(p.Projection),
		ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: values, ScanIndexForward: &p.Forward,
		Limit: r.Limit, ExclusiveStartKey: r.Start, ConsistentRead: r.Consistent, ReturnConsumedCapacity: r.Capacity})
	if err != nil {
		return statement.Page{}, err
	}
	return statement.Page{Items: out.Items.Items(), LastKey: out.LastEvaluatedKey, Scanned: out.ScannedCount, Capacity: out.ConsumedCapacity}, nil
}

// TransactGet implements statement.Engine.
func (c *catalog) TransactGet(plans []*partiql.Plan, capacity string) ([]batch.ItemResponse, []*ConsumedCapacity, error) {
	gets := make([]TransactGetItem, len(plans))
	for i, p := range plans {
		gets[i].Get = &TransactGet{TableName: p.Table, Key: p.Key, ProjectionExpression: optional(p.Projection),
			ExpressionAttributeNames: p.ProjectionNames()}
	}
	out, err := (*DB)(c).TransactGetItems(&TransactGetItemsInput{TransactItems: gets, ReturnConsumedCapacity: capacity})
	if err != nil {
		return nil, nil, err
	}
	return out.Responses, out.ConsumedCapacity, nil
}

// TransactWrite implements statement.Engine.
func (c *catalog) TransactWrite(plans []*partiql.Plan, onFailure []string, token *string, capacity string) ([]*ConsumedCapacity, error) {
	items := make([]TransactWriteItem, len(plans))
	for i, p := range plans {
		names, values, cond := planNames(p), planValues(p), optional(p.Condition)
		switch p.Kind {
		case partiql.KindInsert:
			items[i].Put = &TransactPut{TableName: p.Table, Item: p.Item, ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure[i]}
		case partiql.KindUpdate:
			items[i].Update = &TransactUpdate{TableName: p.Table, Key: p.Key, UpdateExpression: optional(p.Update), ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure[i]}
		case partiql.KindDelete:
			items[i].Delete = &TransactDelete{TableName: p.Table, Key: p.Key, ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure[i]}
		case partiql.KindExists:
			items[i].ConditionCheck = &TransactConditionCheck{TableName: p.Table, Key: p.Key, ConditionExpression: cond,
				ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFailure[i]}
		}
	}
	out, err := (*DB)(c).TransactWriteItems(&TransactWriteItemsInput{TransactItems: items, ClientRequestToken: token,
		ReturnConsumedCapacity: capacity})
	if err != nil {
		return nil, err
	}
	return out.ConsumedCapacity, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func planNames(p *partiql.Plan) map[string]string {
	if len(p.Names) == 0 {
		return nil
	}
	return p.Names
}

func planValues(p *partiql.Plan) ExpressionValues {
	if len(p.Values) == 0 {
		return nil
	}
	return ExpressionValues(p.Values)
}

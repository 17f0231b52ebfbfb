package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/partiql"
)

// PartiQL: the three operations (executestatement.go,
// batchexecutestatement.go, executetransaction.go) parse and plan a
// statement with package partiql, then run the plan through the typed
// operations (Query, Scan, GetItem, PutItem, UpdateItem, DeleteItem,
// TransactGetItems, TransactWriteItems), so that validation, conditions,
// capacity and the stream records of a write are exactly theirs.

// partiqlSchema returns the key schema of a table or index for
// partiql.Plan. The caller holds db.mu.
func (db *DB) partiqlSchema(table, index string) (partiql.KeySchema, error) {
	t, err := db.table(table)
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
}

// planStatement parses and plans one statement, reading the catalog under
// the read lock.
func (db *DB) planStatement(src string, params []attr.Value) (*partiql.Plan, error) {
	st, err := partiql.Parse(src)
	if err != nil {
		return nil, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	return st.Plan(params, db.partiqlSchema)
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

// runWrite runs an INSERT, UPDATE or DELETE plan as PutItem, UpdateItem
// or DeleteItem and returns the item RETURNING asks for (nil for none).
// A failed INSERT condition is DuplicateItemException.
func (db *DB) runWrite(p *partiql.Plan, onFailure, capacity string) (attr.Item, *ConsumedCapacity, error) {
	switch p.Kind {
	case partiql.KindInsert:
		out, err := db.PutItem(&PutItemInput{TableName: p.Table, Item: p.Item, ConditionExpression: optional(p.Condition),
			ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: planValues(p), ReturnConsumedCapacity: capacity})
		if err != nil {
			if ddberr.As(err).Type == ddberr.TypeConditionalCheckFailed {
				return nil, nil, ddberr.New(ddberr.TypeDuplicateItem, msgDuplicateItem)
			}
			return nil, nil, err
		}
		return nil, out.ConsumedCapacity, nil
	case partiql.KindUpdate:
		out, err := db.UpdateItem(&UpdateItemInput{TableName: p.Table, Key: p.Key, UpdateExpression: optional(p.Update),
			ConditionExpression: optional(p.Condition), ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: planValues(p),
			ReturnValues: p.ReturnValues, ReturnValuesOnConditionCheckFailure: onFailure, ReturnConsumedCapacity: capacity})
		if err != nil {
			return nil, nil, err
		}
		return out.Attributes, out.ConsumedCapacity, nil
	case partiql.KindDelete:
		out, err := db.DeleteItem(&DeleteItemInput{TableName: p.Table, Key: p.Key, ConditionExpression: optional(p.Condition),
			ExpressionAttributeNames: planNames(p), ExpressionAttributeValues: planValues(p),
			ReturnValues: p.ReturnValues, ReturnValuesOnConditionCheckFailure: onFailure, ReturnConsumedCapacity: capacity})
		if err != nil {
			return nil, nil, err
		}
		return out.Attributes, out.ConsumedCapacity, nil
	}
	return nil, nil, validationf(msgExistsOutsideTxn)
}

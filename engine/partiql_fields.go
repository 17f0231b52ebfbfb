package engine

import (
	"github.com/ddbplay/ddbplay/engine/batch"

	"github.com/ddbplay/ddbplay/engine/partiql"
)

// The field tables of the PartiQL operations' requests and responses
// (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction).

func (in *ExecuteStatementInput) members(f *fields) {
	member(f, "Statement", &in.Statement, &cStringPtr, omitEmpty)
	member(f, "Parameters", &in.Parameters, &cValueList, omitEmpty)
	member(f, "ConsistentRead", &in.ConsistentRead, &cBool, omitEmpty)
	member(f, "NextToken", &in.NextToken, &cStringPtr, omitEmpty)
	member(f, "Limit", &in.Limit, &cIntPtr, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
	member(f, "ReturnValuesOnConditionCheckFailure", &in.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
}

func (o *ExecuteStatementOutput) members(f *fields) {
	member(f, "Items", &o.Items, &cItems, 0)
	member(f, "NextToken", &o.NextToken, &cString, omitEmpty)
	member(f, "LastEvaluatedKey", &o.LastEvaluatedKey, &cItem, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtr, omitEmpty)
}

func (in *BatchExecuteStatementInput) members(f *fields) {
	member(f, "Statements", &in.Statements, &partiql.CodecBatchStatementRequestList, 0)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

func (o *BatchExecuteStatementOutput) members(f *fields) {
	member(f, "Responses", &o.Responses, &partiql.CodecBatchStatementResponseList, 0)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtrList, omitEmpty)
}

func (in *ExecuteTransactionInput) members(f *fields) {
	member(f, "TransactStatements", &in.TransactStatements, &partiql.CodecParameterizedStatementList, 0)
	member(f, "ClientRequestToken", &in.ClientRequestToken, &cStringPtr, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

func (o *ExecuteTransactionOutput) members(f *fields) {
	member(f, "Responses", &o.Responses, &batch.CodecItemResponseList, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtrList, omitEmpty)
}

package engine

import (
	"slices"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
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

func (o *ExecuteStatementOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, 64), o), nil
}

var (
	cBatchStatementRequest = codec[BatchStatementRequest]{X: erased{Kind: kObj, Size: unsafe.Sizeof(BatchStatementRequest{}), At: fieldtab.GrowAt[BatchStatementRequest],
		Members: func(p unsafe.Pointer, f *fields) {
			s := (*BatchStatementRequest)(p)
			member(f, "Statement", &s.Statement, &cStringPtr, omitEmpty)
			member(f, "Parameters", &s.Parameters, &cValueList, omitEmpty)
			member(f, "ConsistentRead", &s.ConsistentRead, &cBool, omitEmpty)
			member(f, "ReturnValuesOnConditionCheckFailure", &s.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
		}}}
	cBatchStatementRequestList = codec[[]BatchStatementRequest]{X: erased{Kind: kList, Elem: &cBatchStatementRequest.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}

	cBatchStatementError = codec[BatchStatementError]{X: erased{Kind: kObj, Size: unsafe.Sizeof(BatchStatementError{}), At: fieldtab.GrowAt[BatchStatementError],
		Members: func(p unsafe.Pointer, f *fields) {
			e := (*BatchStatementError)(p)
			member(f, "Code", &e.Code, &cString, omitEmpty)
			member(f, "Message", &e.Message, &cString, omitEmpty)
			member(f, "Item", &e.Item, &cItem, omitEmpty)
		}}}
	cBatchStatementErrorPtr = codec[*BatchStatementError]{X: erased{Kind: kPtr, Elem: &cBatchStatementError.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}

	cBatchStatementResponse = codec[BatchStatementResponse]{X: erased{Kind: kObj, Size: unsafe.Sizeof(BatchStatementResponse{}), At: fieldtab.GrowAt[BatchStatementResponse],
		Members: func(p unsafe.Pointer, f *fields) {
			r := (*BatchStatementResponse)(p)
			member(f, "Error", &r.Error, &cBatchStatementErrorPtr, omitEmpty)
			member(f, "TableName", &r.TableName, &cString, omitEmpty)
			member(f, "Item", &r.Item, &cItem, omitEmpty)
		}}}
	cBatchStatementResponseList = codec[[]BatchStatementResponse]{X: erased{Kind: kList, Elem: &cBatchStatementResponse.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

func (in *BatchExecuteStatementInput) members(f *fields) {
	member(f, "Statements", &in.Statements, &cBatchStatementRequestList, 0)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

func (o *BatchExecuteStatementOutput) members(f *fields) {
	member(f, "Responses", &o.Responses, &cBatchStatementResponseList, 0)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtrList, omitEmpty)
}

func (o *BatchExecuteStatementOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

var (
	cParameterizedStatement = codec[ParameterizedStatement]{X: erased{Kind: kObj, Size: unsafe.Sizeof(ParameterizedStatement{}), At: fieldtab.GrowAt[ParameterizedStatement],
		Members: func(p unsafe.Pointer, f *fields) {
			s := (*ParameterizedStatement)(p)
			member(f, "Statement", &s.Statement, &cStringPtr, omitEmpty)
			member(f, "Parameters", &s.Parameters, &cValueList, omitEmpty)
			member(f, "ReturnValuesOnConditionCheckFailure", &s.ReturnValuesOnConditionCheckFailure, &cString, omitEmpty)
		}}}
	cParameterizedStatementList = codec[[]ParameterizedStatement]{X: erased{Kind: kList, Elem: &cParameterizedStatement.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

func (in *ExecuteTransactionInput) members(f *fields) {
	member(f, "TransactStatements", &in.TransactStatements, &cParameterizedStatementList, 0)
	member(f, "ClientRequestToken", &in.ClientRequestToken, &cStringPtr, omitEmpty)
	member(f, "ReturnConsumedCapacity", &in.ReturnConsumedCapacity, &cString, omitEmpty)
}

func (o *ExecuteTransactionOutput) members(f *fields) {
	member(f, "Responses", &o.Responses, &cItemResponseList, omitEmpty)
	member(f, "ConsumedCapacity", &o.ConsumedCapacity, &cConsumedCapacityPtrList, omitEmpty)
}

func (o *ExecuteTransactionOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

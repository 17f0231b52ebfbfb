package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// The PartiQL operations' request decoders (see decode_inputs.go).

func readValues(r *wire.Reader, s *[]attr.Value) { wire.Slice(r, s, readValue) }

func (in *ExecuteStatementInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Statement":
			r.StringPtr(&in.Statement)
		case "Parameters":
			readValues(r, &in.Parameters)
		case "ConsistentRead":
			r.Bool(&in.ConsistentRead)
		case "NextToken":
			r.StringPtr(&in.NextToken)
		case "Limit":
			r.IntPtr(&in.Limit)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *BatchExecuteStatementInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Statements":
			wire.Slice(r, &in.Statements, obj[BatchStatementRequest])
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *BatchStatementRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Statement":
			r.StringPtr(&in.Statement)
		case "Parameters":
			readValues(r, &in.Parameters)
		case "ConsistentRead":
			r.Bool(&in.ConsistentRead)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *ExecuteTransactionInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TransactStatements":
			wire.Slice(r, &in.TransactStatements, obj[ParameterizedStatement])
		case "ClientRequestToken":
			r.StringPtr(&in.ClientRequestToken)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *ParameterizedStatement) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Statement":
			r.StringPtr(&in.Statement)
		case "Parameters":
			readValues(r, &in.Parameters)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

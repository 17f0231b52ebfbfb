package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// The PartiQL operations' response encoders (see encode_outputs.go).

func (o *ExecuteStatementOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Items")
	dst = appendArray(dst, o.Items, itemJSON)
	if o.NextToken != "" {
		dst = wire.Name(dst, "NextToken")
		dst = attr.AppendString(dst, o.NextToken)
	}
	dst = appendItemMember(dst, "LastEvaluatedKey", o.LastEvaluatedKey)
	if o.ConsumedCapacity != nil {
		dst = wire.Name(dst, "ConsumedCapacity")
		dst = o.ConsumedCapacity.appendJSON(dst)
	}
	return append(dst, '}'), nil
}

func (e *BatchStatementError) appendJSON(dst []byte) []byte {
	if e == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '{')
	if e.Code != "" {
		dst = wire.Name(dst, "Code")
		dst = attr.AppendString(dst, e.Code)
	}
	if e.Message != "" {
		dst = wire.Name(dst, "Message")
		dst = attr.AppendString(dst, e.Message)
	}
	dst = appendItemMember(dst, "Item", e.Item)
	return append(dst, '}')
}

func (r BatchStatementResponse) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if r.Error != nil {
		dst = wire.Name(dst, "Error")
		dst = r.Error.appendJSON(dst)
	}
	if r.TableName != "" {
		dst = wire.Name(dst, "TableName")
		dst = attr.AppendString(dst, r.TableName)
	}
	dst = appendItemMember(dst, "Item", r.Item)
	return append(dst, '}')
}

func (o *BatchExecuteStatementOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	dst = wire.Name(dst, "Responses")
	dst = appendArray(dst, o.Responses, BatchStatementResponse.appendJSON)
	dst = appendCapacities(dst, o.ConsumedCapacity)
	return append(dst, '}'), nil
}

func (o *ExecuteTransactionOutput) appendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	if len(o.Responses) > 0 {
		dst = wire.Name(dst, "Responses")
		dst = appendArray(dst, o.Responses, ItemResponse.appendJSON)
	}
	dst = appendCapacities(dst, o.ConsumedCapacity)
	return append(dst, '}'), nil
}

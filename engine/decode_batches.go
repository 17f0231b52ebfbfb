package engine

import "github.com/ddbplay/ddbplay/engine/wire"

// The decoders of the batch and transaction requests (see
// decode_inputs.go).

func (in *KeysAndAttributes) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Keys":
			wire.Slice(r, &in.Keys, readItem)
		case "AttributesToGet":
			readStrings(r, &in.AttributesToGet)
		case "ConsistentRead":
			r.BoolPtr(&in.ConsistentRead)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		default:
			r.Skip()
		}
	}
}

func (in *BatchGetItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "RequestItems":
			wire.Map(r, &in.RequestItems, func(r *wire.Reader, p **KeysAndAttributes) {
				wire.Ptr(r, p, obj[KeysAndAttributes])
			})
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *WriteRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "PutRequest":
			wire.Ptr(r, &in.PutRequest, obj[PutRequest])
		case "DeleteRequest":
			wire.Ptr(r, &in.DeleteRequest, obj[DeleteRequest])
		default:
			r.Skip()
		}
	}
}

func (in *PutRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Item":
			r.Unmarshal(&in.Item)
		default:
			r.Skip()
		}
	}
}

func (in *DeleteRequest) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Key":
			r.Unmarshal(&in.Key)
		default:
			r.Skip()
		}
	}
}

func (in *BatchWriteItemInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "RequestItems":
			wire.Map(r, &in.RequestItems, func(r *wire.Reader, s *[]WriteRequest) {
				wire.Slice(r, s, obj[WriteRequest])
			})
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *TransactGetItemsInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TransactItems":
			wire.Slice(r, &in.TransactItems, obj[TransactGetItem])
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		default:
			r.Skip()
		}
	}
}

func (in *TransactGetItem) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "Get":
			wire.Ptr(r, &in.Get, obj[TransactGet])
		default:
			r.Skip()
		}
	}
}

func (in *TransactGet) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ProjectionExpression":
			r.StringPtr(&in.ProjectionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		default:
			r.Skip()
		}
	}
}

func (in *TransactWriteItemsInput) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TransactItems":
			wire.Slice(r, &in.TransactItems, obj[TransactWriteItem])
		case "ClientRequestToken":
			r.StringPtr(&in.ClientRequestToken)
		case "ReturnConsumedCapacity":
			r.String(&in.ReturnConsumedCapacity)
		case "ReturnItemCollectionMetrics":
			r.String(&in.ReturnItemCollectionMetrics)
		default:
			r.Skip()
		}
	}
}

func (in *TransactWriteItem) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "ConditionCheck":
			wire.Ptr(r, &in.ConditionCheck, obj[TransactConditionCheck])
		case "Put":
			wire.Ptr(r, &in.Put, obj[TransactPut])
		case "Update":
			wire.Ptr(r, &in.Update, obj[TransactUpdate])
		case "Delete":
			wire.Ptr(r, &in.Delete, obj[TransactDelete])
		default:
			r.Skip()
		}
	}
}

func (in *TransactConditionCheck) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *TransactPut) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Item":
			r.Unmarshal(&in.Item)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *TransactUpdate) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "UpdateExpression":
			r.StringPtr(&in.UpdateExpression)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

func (in *TransactDelete) decodeJSON(r *wire.Reader) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "TableName":
			r.String(&in.TableName)
		case "Key":
			r.Unmarshal(&in.Key)
		case "ConditionExpression":
			r.StringPtr(&in.ConditionExpression)
		case "ExpressionAttributeNames":
			readNames(r, &in.ExpressionAttributeNames)
		case "ExpressionAttributeValues":
			readExpressionValues(r, &in.ExpressionAttributeValues)
		case "ReturnValuesOnConditionCheckFailure":
			r.String(&in.ReturnValuesOnConditionCheckFailure)
		default:
			r.Skip()
		}
	}
}

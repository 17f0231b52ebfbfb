package batch

// The texts package batch sends, in DynamoDB's wording.
const (
	msgTxnCanceledFmt    = "Transaction cancelled, please refer cancellation reasons for specific reasons [%s]"
	MsgBatchGetTooMany   = "Too many items requested for the BatchGetItem call"
	MsgBatchWriteTooMany = "Too many items requested for the BatchWriteItem call"
	MsgWriteRequestShape = "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest"
	msgTxnOneOf          = "TransactItems can only contain one of Check, Put, Update or Delete"
)

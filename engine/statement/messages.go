package statement

// The texts package statement sends, in DynamoDB's wording (README:
// PartiQL says which wordings are ours).
const (
	msgDuplicateItem    = "Duplicate primary key exists in table"
	msgBadNextToken     = "Invalid NextToken"
	msgExistsOutsideTxn = "EXISTS function is only supported in ExecuteTransaction"
	msgBatchGetKey      = "Select statements within BatchExecuteStatement must specify the equality condition on all key attributes"
	msgBatchMixed       = "Batch must consist of either all read statements or all write statements"
	msgTxnMixed         = "Transaction must consist of either all read statements or all write statements"
	msgTxnSelectKey     = "Select statements within ExecuteTransaction must specify the equality condition on all key attributes"
)

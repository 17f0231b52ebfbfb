package batch

// The texts package batch sends, in DynamoDB's wording.
const (
	msgTxnCanceledFmt = "Transaction cancelled, please refer cancellation reasons for specific reasons [%s]"
)

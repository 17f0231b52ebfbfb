package fieldtab

// InvalidValueFmt is DynamoDB's message for an invalid value in
// ExpressionAttributeValues: the reason, then the key.
const InvalidValueFmt = "ExpressionAttributeValues contains invalid value: %s for key %s"

// The SerializationException messages of a request body that is not
// JSON, or not of its field table's shape (DecodeRequest).
const (
	MsgSerializationMalformed      = "Unexpected character or end of input found while parsing the request body"
	MsgSerializationUnexpectedMap  = "Start of structure or map found where not expected."
	MsgSerializationUnexpectedList = "Start of list found where not expected"
	MsgSerializationExpectedMap    = "Unexpected value type in payload; expected a structure or map"
	MsgSerializationExpectedList   = "Unexpected value type in payload; expected a list"
)

package fieldtab

// InvalidValueFmt is DynamoDB's message for an invalid value in
// ExpressionAttributeValues: the reason, then the key.
const InvalidValueFmt = "ExpressionAttributeValues contains invalid value: %s for key %s"

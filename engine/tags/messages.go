package tags

// Messages of the tagging operations, in DynamoDB's wording (the
// "Atleast" and "ResourcArn" spellings are DynamoDB's).
const (
	msgTagsEmpty       = "Atleast one Tag needs to be provided as Input."
	msgTagKeysEmpty    = "Atleast one Tag Key needs to be provided as Input."
	msgInvalidArnFmt   = "Invalid TableArn: Invalid ResourceArn provided as input %s"
	msgArnNotFoundFmt  = "Requested resource not found: ResourcArn: %s not found"
	msgInvalidTokenFmt = "Invalid NextToken: %s"
)

// Messages for the Developer Guide's tagging restrictions. DynamoDB's own
// wording for them is not documented; these are ddbplay's (README, Known
// differences).
const (
	msgTagReservedFmt = "One or more parameter values were invalid: Tag key %s uses the prefix aws:, which is reserved for AWS"
	msgTagCharsFmt    = "One or more parameter values were invalid: Tag %s %s may only contain letters, numbers, white space and + - = . _ : /"
	msgTagLimitFmt    = "One or more parameter values were invalid: A resource can have at most %d tags; this request would give it %d"
)

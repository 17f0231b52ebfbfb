package ttl

// Messages of the TTL operations, in DynamoDB's wording.
const (
	msgAlreadyEnabled    = "TimeToLive is already enabled"
	msgAlreadyDisabled   = "TimeToLive is already disabled"
	msgOtherAttributeFmt = "TimeToLive is active on a different AttributeName: current AttributeName is %s"
)

package expr

// Kind names the request parameter an expression came from; it selects the
// prefix of error messages ("Invalid ConditionExpression: …") and which
// constructs are allowed.
type Kind int

const (
	KindCondition    Kind = iota + 1 // ConditionExpression
	KindFilter                       // FilterExpression
	KindKeyCondition                 // KeyConditionExpression
	KindProjection                   // ProjectionExpression
	KindUpdate                       // UpdateExpression
)

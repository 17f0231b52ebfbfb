package streams

// Every message text a user can see from this package lives here, in
// DynamoDB's wording where it is known; the README says where it is ours.
const (
	msgAlreadyEnabledFmt = "Table already has an enabled stream: TableName: %s"
	msgNotEnabledFmt     = "Table does not have an enabled stream: TableName: %s"
	msgViewRequired      = "One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true"
	msgStreamNotFound    = "Requested resource not found: Stream: %s not found"
	msgShardNotFound     = "Requested resource not found: Shard: %s in Stream: %s not found"
	msgIteratorInvalid   = "Invalid ShardIterator"
	msgIteratorExpired   = "Iterator expired. The iterator was created at time %s while right now it is %s which is further in the future than the tolerated delay of 900000 milliseconds."
	msgTrimmed           = "The operation attempted to read past the oldest stream record in a shard. Records older than 24 hours are trimmed."
	msgSeqRequired       = "Invalid Request: Sequence number must be specified when ShardIteratorType is AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER"
	msgSeqNotAllowed     = "Invalid Request: Sequence number must not be specified when ShardIteratorType is TRIM_HORIZON or LATEST"
	msgSeqInvalid        = "Invalid SequenceNumber: %s"
	msgSeqOutOfShard     = "Invalid Request: Sequence number %s is not in the range of shard %s"
	msgRequired          = "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null"
	msgIteratorTypeEnum  = "1 validation error detected: Value '%s' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST]"
	msgLimitMin          = "1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
	msgLimitMax          = "1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value less than or equal to %d"
	msgLengthMin         = "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length greater than or equal to %d"
	msgLengthMax         = "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d"
	msgUnknownOperation  = "An unknown operation was requested."
	msgSerialization     = "Start of structure or map found where not expected."
	msgMalformed         = "Malformed JSON body"
	msgUnexpectedType    = "Unexpected value type in payload"
)

// Error types of DynamoDB Streams beyond ddberr's.
const (
	TypeExpiredIterator   = "ExpiredIteratorException"
	TypeTrimmedDataAccess = "TrimmedDataAccessException"
)

package schema

// Messages of the schema rules, in DynamoDB's wording.
const (
	msgOnDemandThroughputProvisioned = "One or more parameter values were invalid: OnDemandThroughput can only be specified when BillingMode is PAY_PER_REQUEST"
	msgOnDemandThroughputValue       = "One or more parameter values were invalid: MaxReadRequestUnits and MaxWriteRequestUnits must be at least 1, or -1 to remove the maximum"
	msgFirstKeyNotHash               = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
	msgSecondKeyNotRange             = "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
	msgHashRangeSameName             = "Both the Hash Key and the Range Key element in the KeySchema have the same name"
	msgProjectionTypeNull            = "One or more parameter values were invalid: Unknown ProjectionType: null"
	msgIncludeNeedsAttrs             = "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified"
	msgDuplicateNonKeyFmt            = "One or more parameter values were invalid: Duplicate attribute in NonKeyAttributes: %s"
	msgNonKeyNotAllowedFmt           = "One or more parameter values were invalid: ProjectionType is %s, but NonKeyAttributes is specified"
)

// Messages of the key and item checks, in DynamoDB's wording.
const (
	// MsgKeySchemaMismatch is DynamoDB's message for a Key that does not
	// match the key schema.
	MsgKeySchemaMismatch = "The provided key element does not match the schema"

	msgMissingKeyFmt       = "One or more parameter values were invalid: Missing the key %s in the item"
	msgKeyTypeMismatchFmt  = "One or more parameter values were invalid: Type mismatch for key %s expected: %s actual: %s"
	msgEmptyStringKeyFmt   = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s"
	msgEmptyBinaryKeyFmt   = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: %s"
	msgHashKeyTooLargeFmt  = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of%d bytes"
	msgRangeKeyTooLargeFmt = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of %d bytes"
	msgIndexKeyTypeFmt     = "One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s"
	msgEmptyIndexKeyFmt    = "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s"
)

// Messages of UpdateTable's GlobalSecondaryIndexUpdates, in DynamoDB's
// wording.
const (
	msgGSIUpdateOneOf       = "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"
	msgOneUpdatePerIndexFmt = "One or more parameter values were invalid: Only one global secondary index update per index is allowed simultaneously. Index: %s"
	msgOneIndexAtATime      = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
)

package engine

import (
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Every message text the engine's core operations send, in DynamoDB's
// wording. Formats take their arguments in the order of their verbs.
const (
	// msgCreationBefore1970 is ddbplay's own (SetCreationDateTime has no
	// DynamoDB counterpart).
	msgCreationBefore1970 = "CreationDateTime must not be before 1970"

	msgUnknownOperation            = ""
	msgSerializationMalformed      = "Unexpected character or end of input found while parsing the request body"
	msgSerializationUnexpectedMap  = "Start of structure or map found where not expected."
	msgSerializationUnexpectedList = "Start of list found where not expected"
	msgSerializationExpectedMap    = "Unexpected value type in payload; expected a structure or map"
	msgSerializationExpectedList   = "Unexpected value type in payload; expected a list"

	msgResourceNotFound         = "Requested resource not found"
	msgResourceNotFoundTableFmt = "Requested resource not found: Table: %s not found"
	msgTableExistsFmt           = "Table already exists: %s"
	msgIndexNotFoundFmt         = "The table does not have the specified index: %s"
)

func errResourceNotFound() error {
	return ddberr.New(ddberr.TypeResourceNotFound, msgResourceNotFound)
}

const msgDeletionProtected = "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."

// Messages shared with readpage.go (Query, Scan, batches, transactions)
// live there: msgMixedParamsFmt, msgNamesWithoutExpr, msgNamesEmpty,
// msgValuesEmpty, msgItemTooLarge, msgTxnItemTooLarge (UpdateItem's size
// message), msgCollectionTooLarge, msgConditionFailed, msgKeyUpdateFmt.
const (
	msgReturnValuesInvalid      = "Return values set to invalid value"
	msgInvalidExprValueFmt      = "ExpressionAttributeValues contains invalid value: %s for key %s"
	msgValuesWithoutExprFmt     = "ExpressionAttributeValues can only be specified when using expressions: %s"
	msgConditionalOperatorAlone = "ConditionalOperator can only be used when Expected has two or more elements"
)

// UpdateTable messages.
const (
	msgUpdateTableNothing     = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required"
	msgGSIUpdateOneOf         = "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"
	msgOneUpdatePerIndexFmt   = "One or more parameter values were invalid: Only one global secondary index update per index is allowed simultaneously. Index: %s"
	msgOneIndexAtATime        = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
	msgIndexExists            = "Attempting to create an index which already exists"
	msgIndexNotFoundUpdateFmt = "Requested resource not found: Index: %s not found"
	msgAttrDefConflictFmt     = "One or more parameter values were invalid: Cannot change the type of attribute %s in AttributeDefinitions"
	msgThroughputUnchangedFmt = "The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: %d. Requested ReadCapacityUnits: %d. Current WriteCapacityUnits provisioned for the table: %d. Requested WriteCapacityUnits: %d. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
)

// Key, item and table-definition messages.
const (
	msgOneViolationFmt            = "1 validation error detected: %s"
	msgViolationsFmt              = "%d validation errors detected: %s"
	msgMissingKeyFmt              = "One or more parameter values were invalid: Missing the key %s in the item"
	msgKeyTypeMismatchFmt         = "One or more parameter values were invalid: Type mismatch for key %s expected: %s actual: %s"
	msgEmptyStringKeyFmt          = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: %s"
	msgEmptyBinaryKeyFmt          = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: %s"
	msgHashKeyTooLargeFmt         = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of%d bytes"
	msgRangeKeyTooLargeFmt        = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of %d bytes"
	msgIndexKeyTypeFmt            = "One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s"
	msgEmptyIndexKeyFmt           = "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s"
	msgFirstKeyNotHash            = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
	msgSecondKeyNotRange          = "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
	msgHashRangeSameName          = "Both the Hash Key and the Range Key element in the KeySchema have the same name"
	msgDuplicateAttrDef           = "Cannot have two attributes with the same name"
	msgTableKeyUndefined          = "Invalid KeySchema: Some index key attribute have no definition"
	msgUndefinedKeyAttrsFmt       = "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [%s], AttributeDefinitions: [%s]"
	msgLSINeedsTableRange         = "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"
	msgTooManyLSIsFmt             = "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of %d"
	msgTooManyGSIsFmt             = "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of %d"
	msgLSIHashFmt                 = "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: %s. index hash key: %s, table hash key: %s"
	msgLSINeedsRangeFmt           = "One or more parameter values were invalid: Index KeySchema does not have a range key for index: %s"
	msgTooManyProjectedFmt        = "One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of %d, number of projected attributes:%d"
	msgUnusedAttrDefs             = "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
	msgDuplicateIndexFmt          = "One or more parameter values were invalid: Duplicate index name: %s"
	msgProjectionTypeNull         = "One or more parameter values were invalid: Unknown ProjectionType: null"
	msgIncludeNeedsAttrs          = "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified"
	msgDuplicateNonKeyFmt         = "One or more parameter values were invalid: Duplicate attribute in NonKeyAttributes: %s"
	msgNonKeyNotAllowedFmt        = "One or more parameter values were invalid: ProjectionType is %s, but NonKeyAttributes is specified"
	msgOnDemandThroughput         = "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
	msgProvisionedNeedsThroughput = "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
	msgOnDemandIndexThroughputFmt = "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST"
	msgIndexNeedsThroughputFmt    = "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: %s"
	msgSwitchNeedsThroughput      = "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED"
)

// Constraint violations: msgViolationFmt takes the rendered value, the
// member path and one of the constraint texts.
const (
	msgViolationFmt = "Value %s at '%s' failed to satisfy constraint: %s"

	cNotNull     = "Member must not be null"
	cTableNameRe = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
	cEnumFmt     = "Member must satisfy enum value set: [%s]"
	cMinLenFmt   = "Member must have length greater than or equal to %d"
	cMaxLenFmt   = "Member must have length less than or equal to %d"
	cMinValFmt   = "Member must have value greater than or equal to %d"
	cMaxValFmt   = "Member must have value less than or equal to %d"
)

// msgKeySchemaMismatch is DynamoDB's message for a Key that does not match
// the key schema.
const msgKeySchemaMismatch = "The provided key element does not match the schema"

// Endings of msgValuesWithoutExprFmt per operation.
const (
	valuesNullCondition = "ConditionExpression is null"
	valuesNullUpdate    = "UpdateExpression and ConditionExpression are null"
)

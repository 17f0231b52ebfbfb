package engine

import (
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/schema"
)

// Every message text the engine's core operations send, in DynamoDB's
// wording. Formats take their arguments in the order of their verbs.
const (
	// msgCreationBefore1970 is ddbplay's own (SetCreationDateTime has no
	// DynamoDB counterpart).
	msgCreationBefore1970 = "CreationDateTime must not be before 1970"

	msgUnknownOperation = ""
	msgInternal         = "Internal server error"

	msgResourceNotFound         = "Requested resource not found"
	msgResourceNotFoundTableFmt = "Requested resource not found: Table: %s not found"
	msgPartitionKeyType         = "A partition key value must be of type S, N or B"
	// OnDemandThroughput rules are documented; these words are ddbplay's.
	msgTableExistsFmt = "Table already exists: %s"
	// msgTableBeingCreatedFmt is DynamoDB's answer to CreateTable,
	// UpdateTable and DeleteTable on a table still CREATING.
	msgTableBeingCreatedFmt = "Attempt to change a resource which is still in use: Table is being created: %s"
	msgIndexNotFoundFmt     = "The table does not have the specified index: %s"
	msgBackfillingFmt       = "Cannot read from backfilling global secondary index: %s"
)

func errResourceNotFound() error {
	return ddberr.New(ddberr.TypeResourceNotFound, msgResourceNotFound)
}

const msgDeletionProtected = "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."

// Messages of the single-item writes.
const (
	msgReturnValuesInvalid = "Return values set to invalid value"
	msgInvalidExprValueFmt = fieldtab.InvalidValueFmt
)

// UpdateTable messages.
const (
	msgUpdateTableNothing     = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required"
	msgIndexExists            = "Attempting to create an index which already exists"
	msgIndexNotFoundUpdateFmt = "Requested resource not found: Index: %s not found"
	msgAttrDefConflictFmt     = "One or more parameter values were invalid: Cannot change the type of attribute %s in AttributeDefinitions"
	// msgIndexesBusy is DynamoDB's answer to DeleteTable while a GSI is
	// being created or deleted (reported from its answers; AWS documents
	// only the ResourceInUseException).
	msgIndexesBusy            = "Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted."
	msgThroughputUnchangedFmt = "The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: %d. Requested ReadCapacityUnits: %d. Current WriteCapacityUnits provisioned for the table: %d. Requested WriteCapacityUnits: %d. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
)

// Key, item and table-definition messages.
const (
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
	msgOnDemandThroughput         = "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
	msgProvisionedNeedsThroughput = "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
	msgOnDemandIndexThroughputFmt = "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: %s when BillingMode is PAY_PER_REQUEST"
	msgIndexNeedsThroughputFmt    = "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: %s"
	msgSwitchNeedsThroughput      = "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED"
)

// msgKeySchemaMismatch is DynamoDB's message for a Key that does not match
// the key schema.
const msgKeySchemaMismatch = schema.MsgKeySchemaMismatch

// Endings of "ExpressionAttributeValues can only be specified when using
// expressions: …" per operation (expr.Params.ValuesNull).
const (
	valuesNullCondition    = "ConditionExpression is null"
	valuesNullUpdate       = "UpdateExpression and ConditionExpression are null"
	valuesNullFilter       = "FilterExpression is null"
	valuesNullKeyCondition = "KeyConditionExpression is null"
)

// Messages of Query, Scan, the batch and the transaction operations, in
// DynamoDB's wording.
const (
	msgNoKeyCondition     = "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
	msgSelectAllOnGSIFmt  = "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index %s because its projection type is not ALL"
	msgConsistentOnGSI    = "Consistent reads are not supported on global secondary indexes"
	msgStartKeyInvalidFmt = "The provided starting key is invalid: %s"
	msgStartKeySegmentFmt = "Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: %d Segment: %d"
	msgStartKeyOutside    = "The provided starting key is outside query range"
	msgStartKeyRange      = "The provided starting key does not match the range key predicate"
	msgStartKeyOneRow     = "The query can return at most one row and cannot be restarted"
	msgKeyCondSchemaType  = "One or more parameter values were invalid: Condition parameter type does not match schema type"
	msgKeyCondBeginsWithN = "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"

	msgDuplicateKeys      = "Provided list of item keys contains duplicates"
	msgItemTooLarge       = "Item size has exceeded the maximum allowed size"
	msgTxnItemTooLarge    = "Item size to update has exceeded the maximum allowed size"
	msgCollectionTooLarge = "Item collection size limit exceeded."

	msgTxnMultipleOps     = "Transaction request cannot include multiple operations on one item"
	msgTxnOneOf           = "TransactItems can only contain one of Check, Put, Update or Delete"
	msgTxnTooLarge        = "Transaction request size exceeds the maximum allowed size of 4 MB"
	msgConditionFailed    = "The conditional request failed"
	msgIdempotentMismatch = "Request parameters do not match the previous request with the same client token"
	msgKeyUpdateFmt       = "One or more parameter values were invalid: Cannot update attribute %s. This attribute is part of the key"
)

// msgUnsupportedFmt is the message of an unsupported operation. DynamoDB
// has no wording for it (it supports them all).
const msgUnsupportedFmt = "ddbplay does not support the DynamoDB operation %s"

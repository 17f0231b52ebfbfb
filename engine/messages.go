package engine

import (
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Every message text the engine's core operations send, in DynamoDB's
// wording. Formats take their arguments in the order of their verbs.
const (
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
	msgValuesWithoutExprFmt     = "ExpressionAttributeValues can only be specified when using expressions: %s"
	msgConditionalOperatorAlone = "ConditionalOperator can only be used when Expected has two or more elements"
)

// UpdateTable messages.
const (
	msgUpdateTableNothing     = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required"
	msgGSIUpdateOneOf         = "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null"
	msgOneIndexAtATime        = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
	msgIndexExists            = "Attempting to create an index which already exists"
	msgIndexNotFoundUpdateFmt = "Requested resource not found: Index: %s not found"
	msgAttrDefConflictFmt     = "One or more parameter values were invalid: Cannot change the type of attribute %s in AttributeDefinitions"
	msgThroughputUnchangedFmt = "The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: %d. Requested ReadCapacityUnits: %d. Current WriteCapacityUnits provisioned for the table: %d. Requested WriteCapacityUnits: %d. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
)

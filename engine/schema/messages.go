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

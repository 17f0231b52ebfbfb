package capacity

// Every message text this package sends, in DynamoDB's wording where it is
// known. Formats take their arguments in the order of their verbs.

// Throttling messages (Developer Guide, "Error handling with DynamoDB":
// error messages and codes; "Troubleshooting throttling").
//
// ProvisionedThroughputExceededException: the Developer Guide describes
// it as "You exceeded your maximum allowed provisioned throughput for a
// table or for one or more global secondary indexes…"; DynamoDB itself
// answers with the two sentences below (table, index), which are what
// a learner meets on AWS. RequestLimitExceeded and the
// ThrottlingException of an on-demand maximum carry the Developer
// Guide's messages; an on-demand table past its current capacity answers
// DynamoDB's own sentence about scaling and hot keys.
const (
	msgTableThrottled = "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."
	msgIndexThrottled = "The level of configured provisioned throughput for one or more global secondary indexes of the table was exceeded. Consider increasing your provisioning level for the under-provisioned global secondary indexes with the UpdateTable API"
	msgOnDemand       = "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html"
	msgAccount        = "Throughput exceeds the current throughput limit for your account. To request a limit increase, contact AWS Support at https://aws.amazon.com/support."
	msgRate           = "Rate of requests exceeds the allowed throughput."
)

// Changing capacity: DynamoDB's decrease message (FreeDecreases, the
// decreases today, the last one and when the next may be made, worded by
// longDate), and the switch message (OnDemandSwitches), which is
// ddbplay's: DynamoDB documents the rule, not the wording.
const (
	msgDecreaseLimitFmt = "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the first %d decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. Number of decreases today: %d. Last decrease at %s. Next decrease can be made at %s"
	msgSwitchLimitFmt   = "Subscriber limit exceeded: A table can be switched from provisioned to on-demand capacity mode at most %d times in a 24-hour rolling window."
)

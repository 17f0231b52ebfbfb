package snapshot

// Every message text of the package. Import failures read
// "Invalid snapshot: <detail>"; details naming a table or an item say which.
const (
	msgPrefix = "Invalid snapshot: "

	msgNotJSON          = "not valid JSON: %s"
	msgTrailingDataFmt  = "data after the snapshot object at byte %d"
	msgNoVersion        = "none"
	msgTooLarge         = "%d bytes is more than the limit of %d bytes"
	msgFormat           = `"format" must be "ddbplay-snapshot"`
	msgVersion          = `unsupported "version" %s (this playground reads version %d)`
	msgTables           = `"tables" must be a list of tables`
	msgTooManyTables    = "more than %d tables"
	msgNotObject        = "the snapshot must be a JSON object"
	msgUnknownTopMember = "unknown member %q"
	msgTableNotObject   = "table %d is not a JSON object"
	msgTableName        = "table %d has no TableName"
	msgDuplicateTable   = "table %q appears more than once"
	msgUnknownMember    = "table %q has an unknown member %q"
	msgItemsNotList     = `table %q: "items" must be a list of items`
	msgTTLNotObject     = `table %q: "TimeToLiveSpecification" must be an object`
	msgCreatedNotTime   = `table %q: "CreationDateTime" must be a number of seconds since 1970`
	msgTableRejected    = "table %q: %s: %s"
	msgTTLRejected      = "table %q, TimeToLiveSpecification: %s: %s"
	msgItemRejected     = "table %q, item %d: %s: %s"
	msgItemsRejected    = "table %q, items %d to %d: %s: %s"
	msgItemUnprocessed  = "table %q, items %d to %d: the engine left items unprocessed"

	msgExportFailed       = "snapshot export: %s %s: %s"
	msgNoTableDescription = "no table description"
)

// Package snapshot exports and imports the whole state of an engine.DB as
// one versioned JSON document, the format of ddbplay's saved playgrounds,
// exported files and share links.
//
// # Format, version 1
//
//	{
//	  "format": "ddbplay-snapshot",
//	  "version": 1,
//	  "tables": [
//	    {
//	      "TableName": "Music",
//	      "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"}, …],
//	      "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, …],
//	      "BillingMode": "PAY_PER_REQUEST",
//	      "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
//	      "GlobalSecondaryIndexes": [{"IndexName": "…", "KeySchema": […], "Projection": {…}}],
//	      "LocalSecondaryIndexes": [{"IndexName": "…", "KeySchema": […], "Projection": {…}}],
//	      "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
//	      "TableClass": "STANDARD",
//	      "DeletionProtectionEnabled": false,
//	      "Tags": [{"Key": "team", "Value": "music"}],
//	      "TimeToLiveSpecification": {"AttributeName": "expires", "Enabled": true},
//	      "CreationDateTime": 1733212345.678,
//	      "items": [{"Artist": {"S": "Arturus"}, "Song": {"S": "Dawn"}}, …]
//	    }
//	  ]
//	}
//
// Each element of "tables" is a CreateTable request (any member CreateTable
// accepts: TableName, AttributeDefinitions, KeySchema, BillingMode,
// ProvisionedThroughput, GlobalSecondaryIndexes, LocalSecondaryIndexes,
// StreamSpecification, SSESpecification, TableClass,
// DeletionProtectionEnabled, Tags, OnDemandThroughput, WarmThroughput,
// ResourcePolicy) plus three members of its own: "TimeToLiveSpecification",
// the body of an UpdateTimeToLive request without TableName, present only
// when TTL is enabled; "CreationDateTime", the table's creation time in
// seconds since 1970 as DescribeTable gives it, which the restored table
// keeps (DB.SetCreationDateTime; without it the table is stamped with the
// time of the import); and "items", the table's items in DynamoDB JSON
// (as PutItem's Item). Optional members may be left out. Any other member
// makes the snapshot invalid. Export writes tables in name order and items
// in Scan order; Import accepts any order.
//
// # Import is all or nothing
//
// Import builds a new DB through the engine's own operations: CreateTable
// and UpdateTimeToLive through DB.Handle, and items decoded by attr's
// DynamoDB JSON decoder and written with DB.BatchWriteItem (DB.PutItem to
// name the culprit when a batch fails). So every table definition and every
// item is validated exactly as a client request would be. The snapshot text
// is walked once by a validating JSON scanner (scan.go); item text is
// handed to the attribute decoder without being copied. It returns the
// new DB only if everything succeeded; the caller swaps it in. A snapshot
// that is not JSON, has another format or version, exceeds the size limits,
// names a table twice, or holds an invalid definition or item fails with a
// *ddberr.Error (ValidationException, message starting "Invalid snapshot: ")
// and leaves every existing DB untouched.
//
// Export reads through DB.Handle (ListTables, DescribeTable,
// DescribeTimeToLive, ListTagsOfResource) and DB.FreezeItems. An Exporter
// (Start, then Step) writes the same snapshot in steps: the state it
// writes is the one at Start, O(tables + indexes) to take, and the DB may
// serve requests between the steps (the browser's saves).
//
// snapshot uses only the engine's public API (engine.New, DB.Handle and the
// typed operations), attr's JSON codec and wire's lexical layer.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine, engine/attr, engine/ddberr, engine/wire
//	must not import: net/http, syscall/js, encoding/json, fmt, reflect
package snapshot

package engine

import "github.com/ddbplay/ddbplay/engine/ddberr"

// UnsupportedOperations are DynamoDB's operations (API version 2012-08-10)
// that ddbplay does not implement: backups and restores, global tables,
// imports and exports, streams and Kinesis destinations,
// contributor insights, resource policies, auto scaling, bulk operations and
// vector search. Each answers UnknownOperationException with
// msgUnsupportedFmt, so that a client learns the operation exists in
// DynamoDB but not here. The README lists them from here.
var UnsupportedOperations = []string{
	"CancelBulkOperation",
	"CreateBackup",
	"CreateGlobalTable",
	"DeleteBackup",
	"DeleteResourcePolicy",
	"DescribeBackup",
	"DescribeBulkOperation",
	"DescribeContinuousBackups",
	"DescribeContributorInsights",
	"DescribeExport",
	"DescribeGlobalTable",
	"DescribeGlobalTableSettings",
	"DescribeImport",
	"DescribeKinesisStreamingDestination",
	"DescribeTableReplicaAutoScaling",
	"DisableKinesisStreamingDestination",
	"EnableKinesisStreamingDestination",
	"ExportTableToPointInTime",
	"GetResourcePolicy",
	"ImportTable",
	"ListBackups",
	"ListBulkOperations",
	"ListContributorInsights",
	"ListExports",
	"ListGlobalTables",
	"ListImports",
	"PutResourcePolicy",
	"RestoreTableFromBackup",
	"RestoreTableToPointInTime",
	"SearchVectors",
	"StartBulkPutItems",
	"UpdateContinuousBackups",
	"UpdateContributorInsights",
	"UpdateGlobalTable",
	"UpdateGlobalTableSettings",
	"UpdateKinesisStreamingDestination",
	"UpdateTableReplicaAutoScaling",
}

// unsupportedInput accepts any request body that is a JSON object.
type unsupportedInput struct{}

func (*unsupportedInput) members(*fields) {}

// unsupportedOutput is never returned: an unsupported operation fails.
type unsupportedOutput struct{}

func (*unsupportedOutput) members(*fields) {}

// init registers the unsupported operations. It runs after the init of
// every operation file whose name sorts before "unsupported.go"; a name
// such a file registered is skipped, so implementing one of these
// operations only needs its own file (and removing the name here).
func init() {
	for _, name := range UnsupportedOperations {
		if _, done := ops[name]; done {
			continue
		}
		register(name, func(*DB, *unsupportedInput) (*unsupportedOutput, error) {
			return nil, ddberr.Newf(ddberr.TypeUnknownOperation, msgUnsupportedFmt, name)
		})
	}
}

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
	msgTableInUseFmt            = "Attempt to change a resource which is still in use: Table is being deleted: %s"
	msgIndexNotFoundFmt         = "The table does not have the specified index: %s"
)

func errResourceNotFound() error {
	return ddberr.New(ddberr.TypeResourceNotFound, msgResourceNotFound)
}

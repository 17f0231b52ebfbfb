package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
)

// ReturnValues and ReturnValuesOnConditionCheckFailure values.
const (
	rvNone       = "NONE"
	rvAllOld     = "ALL_OLD"
	rvUpdatedOld = "UPDATED_OLD"
	rvAllNew     = "ALL_NEW"
	rvUpdatedNew = "UPDATED_NEW"
)

// returnValues records a violation unless s is "" or one of DynamoDB's
// five ReturnValue names.
func (v *violations) returnValues(s string) {
	v.Enum("returnValues", s, rvAllNew, rvUpdatedOld, rvAllOld, rvNone, rvUpdatedNew)
}

// checkReturnValues rejects a ReturnValues value (already known to be one
// of the five names) that the operation does not support: DynamoDB's
// "Return values set to invalid value".
func checkReturnValues(s string, allowed ...string) error {
	if s == "" || slices.Contains(allowed, s) {
		return nil
	}
	return validationf(msgReturnValuesInvalid)
}

// conditionFailed returns DynamoDB's ConditionalCheckFailedException; with
// ReturnValuesOnConditionCheckFailure ALL_OLD and an existing item, the
// item rides along in the body as "Item".
func conditionFailed(old attr.Item, onFailure string) error {
	e := ddberr.New(ddberr.TypeConditionalCheckFailed, msgConditionFailed)
	if onFailure == rvAllOld && old != nil {
		return e.With("Item", old)
	}
	return e
}

// projectPaths returns the parts of item that the document paths select,
// as UPDATED_OLD and UPDATED_NEW report them: a nested path keeps the maps
// around it, list elements keep their order and close up (exactly what a
// projection of those paths selects). Paths missing from item are left
// out; nil when nothing is left. item is not modified.
func projectPaths(item attr.Item, paths []expr.Path) attr.Item {
	if item == nil || len(paths) == 0 {
		return nil
	}
	out := expr.NewProjection(paths).Apply(item)
	if len(out) == 0 {
		return nil
	}
	return out
}

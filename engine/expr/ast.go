package expr

import "github.com/ddbplay/ddbplay/engine/attr"

// The same node types serve the parsed trees (placeholders unresolved) and
// the resolved ones (Resolve copies a tree and fills rpath / val), so that
// evaluation, printing and the legacy translations share one shape.

// operandKind classifies an operand node.
type operandKind uint8

const (
	opPath  operandKind = iota + 1 // a document path
	opValue                        // a :value placeholder (or a literal after resolution)
	opFunc                         // size, if_not_exists, list_append
	opArith                        // a + b or a - b (update SET only)
)

// pathElem is one element of a parsed document path: an attribute name as
// written (identifier or #name) or a list index.
type pathElem struct {
	name  string // identifier or "#name"; "" for an index
	index int    // list index, or -1 for a name
}

// operand is a value-producing node.
type operand struct {
	kind  operandKind
	path  []pathElem // opPath, as parsed
	name  string     // ":value" for opValue, function name for opFunc, "+"/"-" for opArith
	args  []*operand // opFunc arguments; opArith's two sides
	rpath Path       // opPath after resolution
	val   attr.Value // opValue after resolution
}

// condOp classifies a condition node.
type condOp uint8

const (
	condAnd     condOp = iota + 1 // kids[0] AND kids[1] AND …
	condOr                        // kids[0] OR kids[1] OR …
	condNot                       // NOT kids[0]
	condCompare                   // args[0] <op> args[1]
	condBetween                   // args[0] BETWEEN args[1] AND args[2]
	condIn                        // args[0] IN (args[1:]…)
	condFunc                      // op(args…): attribute_exists, attribute_not_exists, attribute_type, begins_with, contains
)

// condNode is a boolean node of a condition tree.
type condNode struct {
	op   condOp
	name string // comparison operator for condCompare, function name for condFunc
	kids []*condNode
	args []*operand
}

// updAction is one action of an update: SET path = val, REMOVE path,
// ADD path val, DELETE path val.
type updAction struct {
	path *operand
	val  *operand // nil for REMOVE
}

// ParsedCondition is the syntax tree of a condition, filter or key-condition
// expression, before names and values are resolved. It is immutable and
// safe to share between goroutines (a cache may keep it).
type ParsedCondition struct {
	kind Kind
	root *condNode
}

// ParsedProjection is the syntax tree of a projection expression. It is
// immutable and safe to share.
type ParsedProjection struct {
	paths []*operand
}

// ParsedUpdate is the syntax tree of an update expression, its actions
// grouped by clause in the order SET, REMOVE, ADD, DELETE. It is immutable
// and safe to share.
type ParsedUpdate struct {
	set, remove, add, del []updAction
}

// Condition is a resolved condition, ready to evaluate. A nil *Condition
// (no condition given) is satisfied by every item.
type Condition struct {
	root *condNode
	// legacy marks a Condition built by FromExpected: SplitKeyCondition
	// then words its errors as DynamoDB does for KeyConditions.
	legacy bool
}

// Projection is a resolved list of document paths.
type Projection struct {
	paths []Path
	// roots is the selection tree of paths, by top-level name, built once
	// by NewProjection so that Apply does no per-item setup.
	roots map[string]*projNode
}

// Update is a resolved update expression (or AttributeUpdates), ready to
// apply.
type Update struct {
	set, remove, add, del []updAction
	// legacy marks AttributeUpdates: ADD of a list appends, and a type
	// mismatch is worded as DynamoDB words it for AttributeUpdates.
	legacy bool
}

package expr

import (
	"github.com/ddbplay/ddbplay/engine/lex"
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// ExpectedValue is one entry of the legacy Expected, KeyConditions,
// QueryFilter or ScanFilter parameters, as DynamoDB's JSON spells it.
type ExpectedValue struct {
	Value              *attr.Value  `json:"Value,omitempty"`
	Exists             *bool        `json:"Exists,omitempty"`
	ComparisonOperator string       `json:"ComparisonOperator,omitempty"`
	AttributeValueList []attr.Value `json:"AttributeValueList,omitempty"`
}

// AttributeUpdate is one entry of the legacy AttributeUpdates parameter.
type AttributeUpdate struct {
	Action string      `json:"Action,omitempty"` // PUT (default), ADD, DELETE
	Value  *attr.Value `json:"Value,omitempty"`
}

// legacyArgs is the number of AttributeValueList entries each
// ComparisonOperator takes; -1 means one or more.
var legacyArgs = map[string]int{
	"EQ": 1, "NE": 1, "LE": 1, "LT": 1, "GE": 1, "GT": 1,
	"NOT_NULL": 0, "NULL": 0, "CONTAINS": 1, "NOT_CONTAINS": 1,
	"BEGINS_WITH": 1, "IN": -1, "BETWEEN": 2,
}

// legacyCompare maps the ordering ComparisonOperators to expression operators.
var legacyCompare = map[string]string{"EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"}

// EmptyAttrName is the ValidationException for an attribute name that is
// "" (in an item, AttributesToGet, Expected, AttributeUpdates, …): names
// are at least one character long.
func EmptyAttrName() error { return ddberr.Validation(msgEmptyAttrName) }

// FromExpected translates a legacy Expected / QueryFilter / ScanFilter /
// KeyConditions map, joined by conditionalOperator ("AND" or "" for AND,
// "OR"), into a Condition, with DynamoDB's validation messages for
// malformed entries. param names the parameter in messages ("Expected",
// "QueryFilter", …). Entries are joined in attribute-name order. An empty
// map gives a nil Condition, which every item satisfies.
func FromExpected(param string, m map[string]ExpectedValue, conditionalOperator string) (*Condition, error) {
	join := condAnd
	switch conditionalOperator {
	case "", "AND":
	case "OR":
		join = condOr
	default:
		return nil, ddberr.Validation(msgLegacyCondOpEnum, conditionalOperator)
	}
	if len(m) == 0 {
		return nil, nil
	}
	if _, ok := m[""]; ok {
		return nil, ddberr.Validation(msgEmptyAttrName)
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	var kids []*condNode
	for _, name := range names {
		n, err := expectedNode(param, name, m[name])
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	if len(kids) == 1 {
		return &Condition{root: kids[0], legacy: true}, nil
	}
	return &Condition{root: &condNode{op: join, kids: kids}, legacy: true}, nil
}

func lit(v attr.Value) *operand { return &operand{kind: opValue, val: v} }

func expectedNode(param, name string, e ExpectedValue) (*condNode, error) {
	path := &operand{kind: opPath, path: []pathElem{{name: name, index: -1}}, rpath: Path{Name: name}}
	if e.ComparisonOperator == "" {
		switch {
		case len(e.AttributeValueList) > 0:
			return nil, ddberr.Validation(msgLegacyListWithoutOp, name)
		case e.Exists != nil && !*e.Exists:
			if e.Value != nil {
				return nil, ddberr.Validation(msgLegacyExistsFalse, name)
			}
			return &condNode{op: condFunc, name: "attribute_not_exists", args: []*operand{path}}, nil
		case e.Value == nil && e.Exists == nil:
			return nil, ddberr.Validation(msgLegacyExistsNull, name)
		case e.Value == nil:
			return nil, ddberr.Validation(msgLegacyExistsTrue, name)
		}
		return &condNode{op: condCompare, name: "=", args: []*operand{path, lit(*e.Value)}}, nil
	}
	op := e.ComparisonOperator
	want, ok := legacyArgs[op]
	if !ok {
		field := lex.ToLower(param[:1]) + param[1:]
		return nil, ddberr.Validation(msgLegacyOpEnum, op, field, name)
	}
	if e.Value != nil || e.Exists != nil {
		return nil, ddberr.Validation(msgLegacyValueWithOp, name)
	}
	list := e.AttributeValueList
	if (want >= 0 && len(list) != want) || (want < 0 && len(list) == 0) {
		return nil, ddberr.Validation(msgLegacyArgCount, op)
	}
	for _, v := range list {
		t := v.Type()
		bad := false
		switch op {
		case "LE", "LT", "GE", "GT", "BETWEEN", "CONTAINS", "NOT_CONTAINS", "IN":
			bad = !t.IsScalarKey()
		case "BEGINS_WITH":
			bad = t != attr.TypeS && t != attr.TypeB
		}
		if bad {
			return nil, ddberr.Validation(msgLegacyArgType, op, t)
		}
	}
	args := []*operand{path}
	for _, v := range list {
		args = append(args, lit(v))
	}
	switch op {
	case "NULL":
		return &condNode{op: condFunc, name: "attribute_not_exists", args: args}, nil
	case "NOT_NULL":
		return &condNode{op: condFunc, name: "attribute_exists", args: args}, nil
	case "CONTAINS":
		return &condNode{op: condFunc, name: "contains", args: args}, nil
	case "NOT_CONTAINS":
		return &condNode{op: condNot, kids: []*condNode{{op: condFunc, name: "contains", args: args}}}, nil
	case "BEGINS_WITH":
		return &condNode{op: condFunc, name: "begins_with", args: args}, nil
	case "IN":
		return &condNode{op: condIn, args: args}, nil
	case "BETWEEN":
		lo, hi := list[0], list[1]
		if lo.Type() != hi.Type() {
			return nil, ddberr.Validation(msgLegacyInSameType)
		}
		if c, ok := attr.Compare(lo, hi); ok && c > 0 {
			return nil, ddberr.Validation(msgLegacyBetween)
		}
		return &condNode{op: condBetween, args: args}, nil
	}
	return &condNode{op: condCompare, name: legacyCompare[op], args: args}, nil
}

// FromAttributeUpdates translates legacy AttributeUpdates into an Update:
// PUT (the default) sets the attribute; DELETE without a value removes it,
// with a set value removes those members; ADD adds a number, joins a set or
// appends to a list. Actions are applied in attribute-name order.
func FromAttributeUpdates(m map[string]AttributeUpdate) (*Update, error) {
	if _, ok := m[""]; ok {
		return nil, ddberr.Validation(msgEmptyAttrName)
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	u := &Update{legacy: true}
	for _, name := range names {
		a := m[name]
		path := &operand{kind: opPath, path: []pathElem{{name: name, index: -1}}, rpath: Path{Name: name}}
		switch a.Action {
		case "", "PUT":
			if a.Value == nil {
				return nil, ddberr.Validation(msgLegacyNoValue)
			}
			u.set = append(u.set, updAction{path: path, val: lit(*a.Value)})
		case "DELETE":
			if a.Value == nil {
				u.remove = append(u.remove, updAction{path: path})
				continue
			}
			if t := a.Value.Type(); !t.IsSet() {
				return nil, ddberr.Validation(msgLegacyDeleteType, t)
			}
			u.del = append(u.del, updAction{path: path, val: lit(*a.Value)})
		case "ADD":
			if a.Value == nil {
				return nil, ddberr.Validation(msgLegacyNoValue)
			}
			if t := a.Value.Type(); t != attr.TypeN && t != attr.TypeL && !t.IsSet() {
				return nil, ddberr.Validation(msgLegacyAddType, t)
			}
			u.add = append(u.add, updAction{path: path, val: lit(*a.Value)})
		default:
			return nil, ddberr.Validation(msgLegacyActionEnum, a.Action, name)
		}
	}
	return u, nil
}

// FromAttributesToGet turns legacy AttributesToGet into a Projection
// (an empty list or duplicates are DynamoDB's ValidationException).
func FromAttributesToGet(names []string) (*Projection, error) {
	if len(names) == 0 {
		return nil, ddberr.Validation(msgLegacyToGetEmpty)
	}
	paths := make([]Path, 0, len(names))
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" {
			return nil, ddberr.Validation(msgEmptyAttrName)
		}
		if seen[n] {
			return nil, ddberr.Validation(msgLegacyDuplicate, n)
		}
		seen[n] = true
		paths = append(paths, Path{Name: n})
	}
	return NewProjection(paths), nil
}

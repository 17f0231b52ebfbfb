package expr

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/lex"
)

// KeyCond is a key condition split into its parts.
type KeyCond struct {
	HashName  string
	Hash      attr.Value
	RangeName string     // "" when the condition has no sort-key part
	RangeOp   string     // "=", "<", "<=", ">", ">=", "BETWEEN", "BEGINS_WITH"
	RangeA    attr.Value // operand (the lower bound for BETWEEN)
	RangeB    attr.Value // upper bound for BETWEEN
}

// flipped gives the operator with its operands swapped (":v < k" is "k > :v").
var flipped = map[string]string{"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

// SplitKeyCondition checks a resolved key condition against a key schema
// (hash and range attribute names; rangeName "" when there is no sort key)
// and splits it, with DynamoDB's errors ("Query condition missed key schema
// element: pk" when no condition is on the partition key, even if others
// name non-key attributes; "Query key condition not supported", "KeyConditionExpressions
// must only contain one condition per key", "Invalid operator used in
// KeyConditionExpression: OR", …). A Condition built by FromExpected (the
// legacy KeyConditions) is accepted too; its unsupported operators are
// "Attempted conditional constraint is not an indexable operation". The
// value types are not checked against the schema here.
func SplitKeyCondition(c *Condition, hashName, rangeName string) (*KeyCond, error) {
	if c == nil || c.root == nil {
		return nil, ddberr.Validation(msgKeyMissed, hashName)
	}
	var conj []*condNode
	var flatten func(n *condNode) error
	flatten = func(n *condNode) error {
		switch n.op {
		case condAnd:
			for _, k := range n.kids {
				if err := flatten(k); err != nil {
					return err
				}
			}
			return nil
		case condOr:
			return keyOpError(c, "OR")
		case condNot:
			return keyOpError(c, "NOT")
		case condIn:
			return keyOpError(c, "IN")
		}
		conj = append(conj, n)
		return nil
	}
	if err := flatten(c.root); err != nil {
		return nil, err
	}
	kc := &KeyCond{HashName: hashName}
	haveHash := false
	other := false // a condition on a non-key attribute
	for _, n := range conj {
		name, op, a, b, err := keyPart(c, n)
		if err != nil {
			return nil, err
		}
		switch {
		case name == hashName:
			if haveHash {
				return nil, ddberr.Validation(msgKeyTwice)
			}
			if op != "=" {
				return nil, notSupported(c)
			}
			haveHash = true
			kc.Hash = a
		case rangeName != "" && name == rangeName:
			if kc.RangeName != "" {
				return nil, ddberr.Validation(msgKeyTwice)
			}
			kc.RangeName, kc.RangeOp, kc.RangeA, kc.RangeB = name, op, a, b
		default:
			other = true
		}
	}
	if !haveHash {
		return nil, ddberr.Validation(msgKeyMissed, hashName)
	}
	if other {
		return nil, notSupported(c)
	}
	return kc, nil
}

func keyOpError(c *Condition, op string) error {
	if c.legacy {
		return ddberr.Validation(msgKeyNotIndexable)
	}
	return ddberr.Validation(msgKeyOperator, op)
}

func notSupported(c *Condition) error {
	if c.legacy {
		return ddberr.Validation(msgKeyNotIndexable)
	}
	return ddberr.Validation(msgKeyNotSupported)
}

// keyAttr returns the top-level attribute name of a path operand.
func keyAttr(o *operand) (string, bool) {
	if o.kind != opPath || len(o.rpath.Steps) > 0 {
		return "", false
	}
	return o.rpath.Name, true
}

// keyPart decodes one conjunct of a key condition.
func keyPart(c *Condition, n *condNode) (name, op string, a, b attr.Value, err error) {
	switch n.op {
	case condCompare:
		if n.name == "<>" {
			return "", "", a, b, keyOpError(c, "<>")
		}
		l, r := n.args[0], n.args[1]
		op = n.name
		if l.kind == opValue && r.kind == opPath {
			l, r, op = r, l, flipped[op]
		}
		name, ok := keyAttr(l)
		if !ok || r.kind != opValue {
			return "", "", a, b, notSupported(c)
		}
		return name, op, r.val, b, nil
	case condBetween:
		name, ok := keyAttr(n.args[0])
		if !ok || n.args[1].kind != opValue || n.args[2].kind != opValue {
			return "", "", a, b, notSupported(c)
		}
		return name, "BETWEEN", n.args[1].val, n.args[2].val, nil
	case condFunc:
		if n.name != "begins_with" {
			return "", "", a, b, keyOpError(c, n.name)
		}
		name, ok := keyAttr(n.args[0])
		if !ok || n.args[1].kind != opValue {
			return "", "", a, b, notSupported(c)
		}
		return name, lex.ToUpper(n.name), n.args[1].val, b, nil
	}
	return "", "", a, b, notSupported(c)
}

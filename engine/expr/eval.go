package expr

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Eval reports whether item (nil for "no item") satisfies c. It never fails:
// comparisons of mismatched types or with missing attributes are false (and
// <> with a missing attribute is true), as in DynamoDB. A nil c is satisfied
// by every item. Eval is safe for concurrent use.
func (c *Condition) Eval(item attr.Item) bool {
	if c == nil || c.root == nil {
		return true
	}
	return evalCond(c.root, item)
}

func evalCond(n *condNode, item attr.Item) bool {
	switch n.op {
	case condAnd:
		for _, k := range n.kids {
			if !evalCond(k, item) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range n.kids {
			if evalCond(k, item) {
				return true
			}
		}
		return false
	case condNot:
		return !evalCond(n.kids[0], item)
	case condCompare:
		a, aok := evalOperand(n.args[0], item)
		b, bok := evalOperand(n.args[1], item)
		if n.name == "<>" {
			return !aok || !bok || !attr.Equal(a, b)
		}
		if !aok || !bok {
			return false
		}
		if n.name == "=" {
			return attr.Equal(a, b)
		}
		c, ok := attr.Compare(a, b)
		if !ok {
			return false
		}
		switch n.name {
		case "<":
			return c < 0
		case "<=":
			return c <= 0
		case ">":
			return c > 0
		}
		return c >= 0
	case condBetween:
		x, ok := evalOperand(n.args[0], item)
		lo, lok := evalOperand(n.args[1], item)
		hi, hok := evalOperand(n.args[2], item)
		if !ok || !lok || !hok {
			return false
		}
		c1, ok1 := attr.Compare(lo, x)
		c2, ok2 := attr.Compare(x, hi)
		return ok1 && ok2 && c1 <= 0 && c2 <= 0
	case condIn:
		x, ok := evalOperand(n.args[0], item)
		if !ok {
			return false
		}
		for _, o := range n.args[1:] {
			if v, ok := evalOperand(o, item); ok && attr.Equal(x, v) {
				return true
			}
		}
		return false
	case condFunc:
		return evalFunc(n, item)
	}
	return false
}

func evalFunc(n *condNode, item attr.Item) bool {
	a, aok := evalOperand(n.args[0], item)
	switch n.name {
	case "attribute_exists":
		return aok
	case "attribute_not_exists":
		return !aok
	}
	b, bok := evalOperand(n.args[1], item)
	if !aok || !bok {
		return false
	}
	switch n.name {
	case "attribute_type":
		return b.Type() == attr.TypeS && a.Type().String() == b.Str()
	case "begins_with":
		switch {
		case a.Type() == attr.TypeS && b.Type() == attr.TypeS:
			return strings.HasPrefix(a.Str(), b.Str())
		case a.Type() == attr.TypeB && b.Type() == attr.TypeB:
			return bytes.HasPrefix(a.Bytes(), b.Bytes())
		}
		return false
	case "contains":
		return contains(a, b)
	}
	return false
}

// contains is DynamoDB's contains(a, b): a substring of a string, a
// subsequence of a binary, a member of a set or an element of a list.
func contains(a, b attr.Value) bool {
	switch a.Type() {
	case attr.TypeS:
		return b.Type() == attr.TypeS && strings.Contains(a.Str(), b.Str())
	case attr.TypeB:
		return b.Type() == attr.TypeB && bytes.Contains(a.Bytes(), b.Bytes())
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		for _, m := range a.Members() {
			if attr.Equal(m, b) {
				return true
			}
		}
	case attr.TypeL:
		for _, e := range a.List() {
			if attr.Equal(e, b) {
				return true
			}
		}
	}
	return false
}

// evalOperand returns the value of o for item, and false when it has none
// (a missing attribute, or size of a type without a size).
func evalOperand(o *operand, item attr.Item) (attr.Value, bool) {
	switch o.kind {
	case opPath:
		return lookup(item, o.rpath)
	case opValue:
		return o.val, true
	case opFunc:
		if o.name == "size" {
			v, ok := evalOperand(o.args[0], item)
			if !ok {
				return attr.Value{}, false
			}
			n, ok := size(v)
			if !ok {
				return attr.Value{}, false
			}
			num, err := attr.N(strconv.Itoa(n))
			return num, err == nil
		}
	}
	return attr.Value{}, false
}

// size is DynamoDB's size(): UTF-8 length of a string, length of a
// binary, number of members of a set, list or map.
func size(v attr.Value) (int, bool) {
	switch v.Type() {
	case attr.TypeS:
		return len(v.Str()), true
	case attr.TypeB:
		return len(v.Bytes()), true
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		return len(v.Members()), true
	case attr.TypeL:
		return len(v.List()), true
	case attr.TypeM:
		return len(v.Map()), true
	}
	return 0, false
}

// lookup returns the value at p in item, and false when there is none.
func lookup(item attr.Item, p Path) (attr.Value, bool) {
	v, ok := item[p.Name]
	if !ok {
		return attr.Value{}, false
	}
	for _, s := range p.Steps {
		if s.Index >= 0 {
			l := v.List()
			if v.Type() != attr.TypeL || s.Index >= len(l) {
				return attr.Value{}, false
			}
			v = l[s.Index]
			continue
		}
		if v.Type() != attr.TypeM {
			return attr.Value{}, false
		}
		if v, ok = v.Map()[s.Key]; !ok {
			return attr.Value{}, false
		}
	}
	return v, true
}

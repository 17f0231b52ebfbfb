package partiql

import (
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// The planner's writers: statement nodes to DynamoDB expression text with
// placeholders, and literals to attribute values.

// projection writes the selected paths as a ProjectionExpression.
// A path that repeats another or lies inside another is dropped: the
// result holds it anyway, and ProjectionExpression refuses overlaps.
func (b *planner) projection(paths [][]elem) string {
	all := make([]string, len(paths))
	for i, path := range paths {
		all[i] = b.path(path)
	}
	var parts []string
	for i, p := range all {
		covered := false
		for j, q := range all {
			if (q == p && j < i) || strings.HasPrefix(p, q+".") || strings.HasPrefix(p, q+"[") {
				covered = true
			}
		}
		if !covered {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// path writes a document path with name placeholders.
func (b *planner) path(path []elem) string {
	var sb strings.Builder
	for i, e := range path {
		if e.index >= 0 {
			sb.WriteString("[" + strconv.Itoa(e.index) + "]")
			continue
		}
		if i > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(b.name(e.name))
	}
	return sb.String()
}

// operand writes a value node as an expression operand.
func (b *planner) operand(v *val) string {
	switch v.kind {
	case vPath:
		return b.path(v.path)
	case vFunc:
		args := make([]string, len(v.elems))
		for i, a := range v.elems {
			args[i] = b.operand(a)
		}
		return v.name + "(" + strings.Join(args, ", ") + ")"
	case vArith:
		return b.operand(v.elems[0]) + " " + v.name + " " + b.operand(v.elems[1])
	}
	if !isConst(v) {
		b.fail(validation(msgInsertLiteral))
	}
	return b.value(b.constant(v))
}

// condOperand writes an operand of a WHERE clause: arithmetic and the
// update functions are refused there, as in condition expressions.
func (b *planner) condOperand(v *val) string {
	switch {
	case v.kind == vArith:
		b.fail(validation(msgWhereOperand, v.name))
	case v.kind == vFunc && v.name != "size":
		b.fail(validation(msgWhereOperand, v.name))
	}
	return b.operand(v)
}

// cond writes a condition node as a condition expression.
func (b *planner) cond(c *cond) string {
	switch c.op {
	case cAnd, cOr:
		op := " AND "
		if c.op == cOr {
			op = " OR "
		}
		parts := make([]string, len(c.kids))
		for i, k := range c.kids {
			parts[i] = "(" + b.cond(k) + ")"
		}
		return strings.Join(parts, op)
	case cNot:
		return "NOT (" + b.cond(c.kids[0]) + ")"
	case cCompare:
		return b.condOperand(c.args[0]) + " " + c.name + " " + b.condOperand(c.args[1])
	case cBetween:
		s := b.condOperand(c.args[0]) + " BETWEEN " + b.condOperand(c.args[1]) + " AND " + b.condOperand(c.args[2])
		if c.neg {
			return "NOT (" + s + ")"
		}
		return s
	case cIn:
		args := make([]string, len(c.args)-1)
		for i, a := range c.args[1:] {
			args[i] = b.condOperand(a)
		}
		s := b.condOperand(c.args[0]) + " IN (" + strings.Join(args, ", ") + ")"
		if c.neg {
			return "NOT (" + s + ")"
		}
		return s
	case cIs:
		if c.args[0].kind != vPath {
			b.fail(validation(msgIsOperand))
		}
		path := b.path(c.args[0].path)
		var s string
		switch {
		case c.name == "MISSING" && !c.neg:
			return "attribute_not_exists(" + path + ")"
		case c.name == "MISSING":
			return "attribute_exists(" + path + ")"
		default:
			s = "attribute_type(" + path + ", " + b.value(attr.S("NULL")) + ")"
		}
		if c.neg {
			return "NOT (" + s + ")"
		}
		return s
	case cFunc:
		if c.args[0].kind != vPath {
			b.fail(validation(msgFuncPath, c.name))
		}
		return c.name + "(" + b.condOperand(c.args[0]) + ", " + b.condOperand(c.args[1]) + ")"
	}
	return ""
}

// constant builds the attribute value of a literal, parameters bound.
func (b *planner) constant(v *val) attr.Value {
	switch v.kind {
	case vConst:
		return v.c
	case vParam:
		return b.params[v.n]
	case vList:
		elems := make([]attr.Value, len(v.elems))
		for i, e := range v.elems {
			elems[i] = b.constant(e)
		}
		return attr.L(elems)
	case vMap:
		m := make(map[string]attr.Value, len(v.elems))
		for i, e := range v.elems {
			m[v.keys[i]] = b.constant(e)
		}
		return attr.M(m)
	case vSet:
		return b.set(v)
	}
	b.fail(validation(msgInsertLiteral))
	return attr.Value{}
}

// set builds a string, number or binary set from a set literal.
func (b *planner) set(v *val) attr.Value {
	members := make([]attr.Value, len(v.elems))
	var t attr.Type
	for i, e := range v.elems {
		members[i] = b.constant(e)
		mt := members[i].Type()
		if !mt.IsScalarKey() || (t != 0 && mt != t) {
			b.fail(validation(msgSetLiteral))
		}
		t = mt
	}
	var s attr.Value
	var err error
	switch t {
	case attr.TypeN:
		texts := make([]string, len(members))
		for i, m := range members {
			texts[i] = m.NumText()
		}
		s, err = attr.NS(texts)
	case attr.TypeB:
		data := make([][]byte, len(members))
		for i, m := range members {
			data[i] = m.Bytes()
		}
		s, err = attr.BS(data)
	default:
		texts := make([]string, len(members))
		for i, m := range members {
			texts[i] = m.Str()
		}
		s, err = attr.SS(texts)
	}
	if err != nil {
		b.fail(ddberr.As(err))
	}
	return s
}

package expr

import (
	"strconv"
	"strings"
)

// The printers emit a canonical form: single spaces, upper-case keywords,
// parentheses only where the tree needs them. Parsing the output gives the
// same tree back.

// String prints the condition in canonical form.
func (p *ParsedCondition) String() string {
	var b strings.Builder
	printCond(&b, p.root)
	return b.String()
}

// String prints the projection in canonical form: paths joined by ", ".
func (p *ParsedProjection) String() string {
	var b strings.Builder
	for i, o := range p.paths {
		if i > 0 {
			b.WriteString(", ")
		}
		printOperand(&b, o)
	}
	return b.String()
}

// String prints the update in canonical form, clauses in the order SET,
// REMOVE, ADD, DELETE.
func (p *ParsedUpdate) String() string {
	var b strings.Builder
	clause := func(kw string, list []updAction) {
		if len(list) == 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(kw)
		for i, a := range list {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte(' ')
			printOperand(&b, a.path)
			switch {
			case kw == "SET":
				b.WriteString(" = ")
				printOperand(&b, a.val)
			case a.val != nil:
				b.WriteByte(' ')
				printOperand(&b, a.val)
			}
		}
	}
	clause("SET", p.set)
	clause("REMOVE", p.remove)
	clause("ADD", p.add)
	clause("DELETE", p.del)
	return b.String()
}

// printCond writes n; a child is parenthesized when it binds more loosely
// than its parent (or as loosely, since the tree keeps explicit grouping).
func printCond(b *strings.Builder, n *condNode) {
	child := func(k *condNode, paren bool) {
		if paren {
			b.WriteByte('(')
			printCond(b, k)
			b.WriteByte(')')
		} else {
			printCond(b, k)
		}
	}
	switch n.op {
	case condOr, condAnd:
		sep := " OR "
		if n.op == condAnd {
			sep = " AND "
		}
		for i, k := range n.kids {
			if i > 0 {
				b.WriteString(sep)
			}
			child(k, k.op == condOr || (n.op == condAnd && k.op == condAnd))
		}
	case condNot:
		b.WriteString("NOT ")
		child(n.kids[0], n.kids[0].op == condOr || n.kids[0].op == condAnd)
	case condCompare:
		printOperand(b, n.args[0])
		b.WriteString(" " + n.name + " ")
		printOperand(b, n.args[1])
	case condBetween:
		printOperand(b, n.args[0])
		b.WriteString(" BETWEEN ")
		printOperand(b, n.args[1])
		b.WriteString(" AND ")
		printOperand(b, n.args[2])
	case condIn:
		printOperand(b, n.args[0])
		b.WriteString(" IN (")
		printArgs(b, n.args[1:])
		b.WriteByte(')')
	case condFunc:
		b.WriteString(n.name + "(")
		printArgs(b, n.args)
		b.WriteByte(')')
	}
}

func printArgs(b *strings.Builder, args []*operand) {
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		printOperand(b, a)
	}
}

func printOperand(b *strings.Builder, o *operand) {
	switch o.kind {
	case opPath:
		for i, e := range o.path {
			switch {
			case e.index >= 0:
				b.WriteString("[" + strconv.Itoa(e.index) + "]")
			case i > 0:
				b.WriteString("." + e.name)
			default:
				b.WriteString(e.name)
			}
		}
	case opValue:
		b.WriteString(o.name)
	case opFunc:
		b.WriteString(o.name + "(")
		printArgs(b, o.args)
		b.WriteByte(')')
	case opArith:
		printOperand(b, o.args[0])
		b.WriteString(" " + o.name + " ")
		printOperand(b, o.args[1])
	}
}

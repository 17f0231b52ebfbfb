package partiql

import (
	"github.com/ddbplay/ddbplay/engine/lex"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// MaxStatementSize is DynamoDB's limit on the length of a statement, in
// bytes.
const MaxStatementSize = 8192

// MaxNestingDepth bounds the nesting of parentheses, NOT, literals and
// function calls the parser accepts, so that no input can exhaust the stack.
const MaxNestingDepth = 256

// keywords cannot be unquoted attribute or table names; quote them
// ("value") to use them as names.
var keywords = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "AND": true, "OR": true, "NOT": true,
	"BETWEEN": true, "IN": true, "IS": true, "MISSING": true, "NULL": true, "TRUE": true,
	"FALSE": true, "INSERT": true, "INTO": true, "VALUE": true, "VALUES": true, "UPDATE": true,
	"SET": true, "REMOVE": true, "DELETE": true, "RETURNING": true, "ORDER": true, "BY": true,
	"EXISTS": true,
}

// parser is a recursive-descent parser over the tokens of one statement,
// with one method per rule of grammar.ebnf. Errors stop it at once
// (bailout).
type parser struct {
	src string
	lex.Cursor
	depth  int
	params int
}

// bailout carries an error out of the recursion.
type bailout struct{ err *ddberr.Error }

// Parse parses one statement. It checks syntax only: tables, keys and
// parameters are checked by Plan. Errors are ValidationException, e.g.
// "Statement wasn't well formed, can't be processed: Unexpected token: FROM".
func Parse(src string) (st *Statement, err error) {
	if len(src) == 0 {
		return nil, validation(msgEmpty)
	}
	if len(src) > MaxStatementSize {
		return nil, validation(msgTooLong)
	}
	p := &parser{src: src, Cursor: lex.Cursor{Toks: tokenize(src)}}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			st, err = nil, b.err
		}
	}()
	st = p.parseStatement()
	st.params = p.params
	return st, nil
}

func (p *parser) expectKeyword(kw string) {
	if !p.AcceptKeyword(kw) {
		p.unexpected()
	}
}

func (p *parser) acceptPunct(s string) bool {
	if p.IsPunct(s) {
		p.Next()
		return true
	}
	return false
}

func (p *parser) expectPunct(s string) {
	if !p.acceptPunct(s) {
		p.unexpected()
	}
}

// unexpected stops the parse at the current token.
func (p *parser) unexpected() {
	t := p.Peek()
	switch t.Kind {
	case tokEOF:
		p.fail(syntaxErr(msgUnexpectedEnd))
	case tokInvalid:
		if c := p.src[t.Start]; c == '\'' || c == '"' {
			p.fail(syntaxErr(msgUnterminated, p.src[t.Start:t.End]))
		}
		p.fail(syntaxErr(msgBadChar, t.Text))
	}
	p.fail(syntaxErr(msgUnexpected, p.src[t.Start:t.End]))
}

func (p *parser) fail(err *ddberr.Error) { panic(bailout{err}) }

func (p *parser) enter() {
	p.depth++
	if p.depth > MaxNestingDepth {
		p.fail(syntaxErr(msgTooDeep, MaxNestingDepth))
	}
}

func (p *parser) leave() { p.depth-- }

// parseStatement: statement = ( select | insert | update | delete | exists ) [ ";" ] .
func (p *parser) parseStatement() *Statement {
	var st *Statement
	switch {
	case p.IsKeyword("SELECT"):
		st = p.parseSelect()
	case p.IsKeyword("INSERT"):
		st = p.parseInsert()
	case p.IsKeyword("UPDATE"):
		st = p.parseUpdate()
	case p.IsKeyword("DELETE"):
		st = p.parseDelete()
	case p.IsKeyword("EXISTS"):
		p.Next()
		p.expectPunct("(")
		st = p.parseSelect()
		p.expectPunct(")")
		st.kind = KindExists
	default:
		p.unexpected()
	}
	p.acceptPunct(";")
	if p.Peek().Kind != tokEOF {
		p.unexpected()
	}
	return st
}

// parseSelect: select = "SELECT" projection "FROM" source [ "WHERE" condition ]
// [ "ORDER" "BY" order_key { "," order_key } ] .
func (p *parser) parseSelect() *Statement {
	p.expectKeyword("SELECT")
	st := &Statement{kind: KindSelect}
	if !p.acceptPunct("*") {
		for {
			st.proj = append(st.proj, p.parsePath())
			if !p.acceptPunct(",") {
				break
			}
		}
	}
	p.expectKeyword("FROM")
	st.table = p.parseName()
	if p.acceptPunct(".") {
		st.index = p.parseName()
	}
	if p.AcceptKeyword("WHERE") {
		st.where = p.parseOr()
	}
	if p.AcceptKeyword("ORDER") {
		p.expectKeyword("BY")
		for {
			k := orderKey{name: p.parseName()}
			if p.AcceptKeyword("DESC") {
				k.desc = true
			} else {
				p.AcceptKeyword("ASC")
			}
			st.order = append(st.order, k)
			if !p.acceptPunct(",") {
				break
			}
		}
	}
	return st
}

// parseInsert: insert = "INSERT" "INTO" name "VALUE" value .
func (p *parser) parseInsert() *Statement {
	p.expectKeyword("INSERT")
	p.expectKeyword("INTO")
	st := &Statement{kind: KindInsert, table: p.parseName()}
	if p.IsKeyword("VALUES") || p.IsPunct("<<") {
		p.fail(validation(msgInsertMany))
	}
	p.expectKeyword("VALUE")
	st.item = p.parseValue()
	if p.IsPunct(",") {
		p.fail(validation(msgInsertMany))
	}
	return st
}

// parseUpdate: update = "UPDATE" name action { action } "WHERE" condition [ returning ] .
// action = "SET" path "=" value { "," path "=" value } | "REMOVE" path { "," path } .
func (p *parser) parseUpdate() *Statement {
	p.expectKeyword("UPDATE")
	st := &Statement{kind: KindUpdate, table: p.parseName()}
	for {
		switch {
		case p.AcceptKeyword("SET"):
			for {
				path := p.parsePath()
				p.expectPunct("=")
				st.actions = append(st.actions, setAction{path: path, v: p.parseValue()})
				if !p.acceptPunct(",") {
					break
				}
			}
			continue
		case p.AcceptKeyword("REMOVE"):
			for {
				st.actions = append(st.actions, setAction{path: p.parsePath()})
				if !p.acceptPunct(",") {
					break
				}
			}
			continue
		}
		break
	}
	if len(st.actions) == 0 {
		p.unexpected()
	}
	p.expectKeyword("WHERE")
	st.where = p.parseOr()
	st.returning = p.parseReturning()
	return st
}

// parseDelete: delete = "DELETE" "FROM" name "WHERE" condition [ returning ] .
func (p *parser) parseDelete() *Statement {
	p.expectKeyword("DELETE")
	p.expectKeyword("FROM")
	st := &Statement{kind: KindDelete, table: p.parseName()}
	p.expectKeyword("WHERE")
	st.where = p.parseOr()
	st.returning = p.parseReturning()
	return st
}

// parseReturning: returning = "RETURNING" ( "ALL" | "MODIFIED" ) ( "OLD" | "NEW" ) "*" .
func (p *parser) parseReturning() string {
	if !p.AcceptKeyword("RETURNING") {
		return ""
	}
	all := p.AcceptKeyword("ALL")
	if !all {
		p.expectKeyword("MODIFIED")
	}
	old := p.AcceptKeyword("OLD")
	if !old {
		p.expectKeyword("NEW")
	}
	p.expectPunct("*")
	switch {
	case all && old:
		return "ALL_OLD"
	case all:
		return "ALL_NEW"
	case old:
		return "UPDATED_OLD"
	}
	return "UPDATED_NEW"
}

// parseName: name = identifier | quoted_identifier . An unquoted name may
// not be a keyword.
func (p *parser) parseName() string {
	t := p.Peek()
	switch {
	case t.Kind == tokQIdent:
		p.Next()
		return t.Text
	case t.Kind == tokIdent && !keywords[lex.ToUpper(t.Text)]:
		p.Next()
		return t.Text
	}
	p.unexpected()
	return ""
}

// parsePath: path = name { "." name | "[" number "]" } .
func (p *parser) parsePath() []elem {
	path := []elem{{name: p.parseName(), index: -1}}
	for {
		switch {
		case p.IsPunct(".") && (p.PeekAt(1).Kind == tokIdent || p.PeekAt(1).Kind == tokQIdent):
			p.Next()
			path = append(path, elem{name: p.parseName(), index: -1})
		case p.IsPunct("["):
			p.Next()
			t := p.Peek()
			if t.Kind != tokNumber {
				p.unexpected()
			}
			n, err := strconv.Atoi(t.Text)
			if err != nil || n < 0 {
				p.unexpected()
			}
			p.Next()
			p.expectPunct("]")
			path = append(path, elem{index: n})
		default:
			return path
		}
	}
}

// parseOr: condition = and_condition { "OR" and_condition } .
func (p *parser) parseOr() *cond {
	c := p.parseAnd()
	if !p.IsKeyword("OR") {
		return c
	}
	n := &cond{op: cOr, kids: []*cond{c}}
	for p.AcceptKeyword("OR") {
		n.kids = append(n.kids, p.parseAnd())
	}
	return n
}

// parseAnd: and_condition = not_condition { "AND" not_condition } .
func (p *parser) parseAnd() *cond {
	c := p.parseNot()
	if !p.IsKeyword("AND") {
		return c
	}
	n := &cond{op: cAnd, kids: []*cond{c}}
	for p.AcceptKeyword("AND") {
		n.kids = append(n.kids, p.parseNot())
	}
	return n
}

// parseNot: not_condition = "NOT" not_condition | predicate .
func (p *parser) parseNot() *cond {
	if p.AcceptKeyword("NOT") {
		p.enter()
		defer p.leave()
		return &cond{op: cNot, kids: []*cond{p.parseNot()}}
	}
	return p.parsePredicate()
}

// parsePredicate: predicate = "(" condition ")"
// | operand comparator operand
// | operand [ "NOT" ] "BETWEEN" operand "AND" operand
// | operand [ "NOT" ] "IN" ( "[" operands "]" | "(" operands ")" )
// | operand "IS" [ "NOT" ] ( "MISSING" | "NULL" )
// | function_call .
func (p *parser) parsePredicate() *cond {
	if p.acceptPunct("(") {
		p.enter()
		c := p.parseOr()
		p.expectPunct(")")
		p.leave()
		return c
	}
	left := p.parseValue()
	t := p.Peek()
	if t.Kind == tokPunct {
		switch t.Text {
		case "=", "<>", "!=", "<", "<=", ">", ">=":
			p.Next()
			op := t.Text
			if op == "!=" {
				op = "<>"
			}
			return &cond{op: cCompare, name: op, args: []*val{left, p.parseValue()}}
		}
	}
	neg := false
	if p.IsKeyword("NOT") && (lex.EqualFold(p.PeekAt(1).Text, "BETWEEN") || lex.EqualFold(p.PeekAt(1).Text, "IN")) {
		p.Next()
		neg = true
	}
	switch {
	case p.AcceptKeyword("BETWEEN"):
		lo := p.parseValue()
		p.expectKeyword("AND")
		return &cond{op: cBetween, neg: neg, args: []*val{left, lo, p.parseValue()}}
	case p.AcceptKeyword("IN"):
		closing := "]"
		if p.acceptPunct("(") {
			closing = ")"
		} else {
			p.expectPunct("[")
		}
		c := &cond{op: cIn, neg: neg, args: []*val{left}}
		for {
			c.args = append(c.args, p.parseValue())
			if !p.acceptPunct(",") {
				break
			}
		}
		p.expectPunct(closing)
		return c
	case p.AcceptKeyword("IS"):
		c := &cond{op: cIs, args: []*val{left}}
		c.neg = p.AcceptKeyword("NOT")
		switch {
		case p.AcceptKeyword("MISSING"):
			c.name = "MISSING"
		case p.AcceptKeyword("NULL"):
			c.name = "NULL"
		default:
			p.unexpected()
		}
		return c
	}
	if left.kind == vFunc && isCondFunc(left.name) {
		return &cond{op: cFunc, name: left.name, args: left.elems}
	}
	p.unexpected()
	return nil
}

// isCondFunc reports whether name is a function that is a condition.
func isCondFunc(name string) bool {
	return name == "begins_with" || name == "contains" || name == "attribute_type"
}

// knownFuncs are the functions DynamoDB's PartiQL supports, with their
// number of arguments.
var knownFuncs = map[string]int{
	"begins_with": 2, "contains": 2, "attribute_type": 2, "size": 1,
	"list_append": 2, "set_add": 2, "set_delete": 2, "if_not_exists": 2,
}

package partiql

import (
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
	src    string
	toks   []token
	pos    int
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
	p := &parser{src: src, toks: lex(src)}
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

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) peekAt(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == tokPunct && t.text == s
}

func (p *parser) isKeyword(kw string) bool {
	t := p.peek()
	return t.kind == tokIdent && equalFold(t.text, kw)
}

func (p *parser) acceptKeyword(kw string) bool {
	if p.isKeyword(kw) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectKeyword(kw string) {
	if !p.acceptKeyword(kw) {
		p.unexpected()
	}
}

func (p *parser) acceptPunct(s string) bool {
	if p.isPunct(s) {
		p.next()
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
	t := p.peek()
	switch t.kind {
	case tokEOF:
		p.fail(syntaxErr(msgUnexpectedEnd))
	case tokInvalid:
		if c := p.src[t.start]; c == '\'' || c == '"' {
			p.fail(syntaxErr(msgUnterminated, p.src[t.start:t.end]))
		}
		p.fail(syntaxErr(msgBadChar, t.text))
	}
	p.fail(syntaxErr(msgUnexpected, p.src[t.start:t.end]))
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
	case p.isKeyword("SELECT"):
		st = p.parseSelect()
	case p.isKeyword("INSERT"):
		st = p.parseInsert()
	case p.isKeyword("UPDATE"):
		st = p.parseUpdate()
	case p.isKeyword("DELETE"):
		st = p.parseDelete()
	case p.isKeyword("EXISTS"):
		p.next()
		p.expectPunct("(")
		st = p.parseSelect()
		p.expectPunct(")")
		st.kind = KindExists
	default:
		p.unexpected()
	}
	p.acceptPunct(";")
	if p.peek().kind != tokEOF {
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
	if p.acceptKeyword("WHERE") {
		st.where = p.parseOr()
	}
	if p.acceptKeyword("ORDER") {
		p.expectKeyword("BY")
		for {
			k := orderKey{name: p.parseName()}
			if p.acceptKeyword("DESC") {
				k.desc = true
			} else {
				p.acceptKeyword("ASC")
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
	if p.isKeyword("VALUES") || p.isPunct("<<") {
		p.fail(validation(msgInsertMany))
	}
	p.expectKeyword("VALUE")
	st.item = p.parseValue()
	if p.isPunct(",") {
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
		case p.acceptKeyword("SET"):
			for {
				path := p.parsePath()
				p.expectPunct("=")
				st.actions = append(st.actions, setAction{path: path, v: p.parseValue()})
				if !p.acceptPunct(",") {
					break
				}
			}
			continue
		case p.acceptKeyword("REMOVE"):
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
	if !p.acceptKeyword("RETURNING") {
		return ""
	}
	all := p.acceptKeyword("ALL")
	if !all {
		p.expectKeyword("MODIFIED")
	}
	old := p.acceptKeyword("OLD")
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
	t := p.peek()
	switch {
	case t.kind == tokQIdent:
		p.next()
		return t.text
	case t.kind == tokIdent && !keywords[toUpper(t.text)]:
		p.next()
		return t.text
	}
	p.unexpected()
	return ""
}

// parsePath: path = name { "." name | "[" number "]" } .
func (p *parser) parsePath() []elem {
	path := []elem{{name: p.parseName(), index: -1}}
	for {
		switch {
		case p.isPunct(".") && (p.peekAt(1).kind == tokIdent || p.peekAt(1).kind == tokQIdent):
			p.next()
			path = append(path, elem{name: p.parseName(), index: -1})
		case p.isPunct("["):
			p.next()
			t := p.peek()
			if t.kind != tokNumber {
				p.unexpected()
			}
			n, err := strconv.Atoi(t.text)
			if err != nil || n < 0 {
				p.unexpected()
			}
			p.next()
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
	if !p.isKeyword("OR") {
		return c
	}
	n := &cond{op: cOr, kids: []*cond{c}}
	for p.acceptKeyword("OR") {
		n.kids = append(n.kids, p.parseAnd())
	}
	return n
}

// parseAnd: and_condition = not_condition { "AND" not_condition } .
func (p *parser) parseAnd() *cond {
	c := p.parseNot()
	if !p.isKeyword("AND") {
		return c
	}
	n := &cond{op: cAnd, kids: []*cond{c}}
	for p.acceptKeyword("AND") {
		n.kids = append(n.kids, p.parseNot())
	}
	return n
}

// parseNot: not_condition = "NOT" not_condition | predicate .
func (p *parser) parseNot() *cond {
	if p.acceptKeyword("NOT") {
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
	t := p.peek()
	if t.kind == tokPunct {
		switch t.text {
		case "=", "<>", "!=", "<", "<=", ">", ">=":
			p.next()
			op := t.text
			if op == "!=" {
				op = "<>"
			}
			return &cond{op: cCompare, name: op, args: []*val{left, p.parseValue()}}
		}
	}
	neg := false
	if p.isKeyword("NOT") && (equalFold(p.peekAt(1).text, "BETWEEN") || equalFold(p.peekAt(1).text, "IN")) {
		p.next()
		neg = true
	}
	switch {
	case p.acceptKeyword("BETWEEN"):
		lo := p.parseValue()
		p.expectKeyword("AND")
		return &cond{op: cBetween, neg: neg, args: []*val{left, lo, p.parseValue()}}
	case p.acceptKeyword("IN"):
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
	case p.acceptKeyword("IS"):
		c := &cond{op: cIs, args: []*val{left}}
		c.neg = p.acceptKeyword("NOT")
		switch {
		case p.acceptKeyword("MISSING"):
			c.name = "MISSING"
		case p.acceptKeyword("NULL"):
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

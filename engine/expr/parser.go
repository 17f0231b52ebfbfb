package expr

import (
	"github.com/ddbplay/ddbplay/engine/lex"
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// MaxExpressionSize is DynamoDB's limit on the length of one expression, in
// bytes.
const MaxExpressionSize = 4096

// MaxNestingDepth bounds the nesting of parentheses, NOT and function calls
// a parser accepts, so that no input can exhaust the stack.
const MaxNestingDepth = 256

// MaxInOperands is DynamoDB's limit on the operands of IN.
const MaxInOperands = 100

// parser is a recursive-descent parser over the tokens of one expression,
// with one method per rule of grammar.ebnf. Syntax errors stop it at once
// (bailout); reserved-word and function-use errors are remembered and
// reported after a successful parse, syntax errors taking precedence.
type parser struct {
	kind Kind
	src  string
	lex.Cursor
	depth     int
	lastParen *condNode // node most recently closed by ")", for the redundant-parentheses check
	reserved  string    // first unescaped reserved word used as a name
	semErr    *ddberr.Error
}

// bailout carries a syntax error out of the recursion.
type bailout struct{ err *ddberr.Error }

// run calls parse and converts a bailout into an error; after a complete
// parse it reports a reserved word, then a remembered semantic error.
func (p *parser) run(parse func()) (err error) {
	src := p.src
	if strings.Trim(src, " \t\n\r") == "" {
		return p.kind.errorf(msgEmpty)
	}
	if len(src) > MaxExpressionSize {
		return p.kind.errorf(msgTooLong, len(src))
	}
	p.Toks = tokenize(src)
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	parse()
	if p.reserved != "" {
		return p.kind.errorf(msgReserved, p.reserved)
	}
	if p.semErr != nil {
		return p.semErr
	}
	return nil
}

func (p *parser) expectPunct(s string) {
	if !p.IsPunct(s) {
		p.syntaxError()
	}
	p.Next()
}

// syntaxError stops the parse at the current token. "near" quotes the
// source from the token before it through the token after it; at the end
// of input, the last two tokens.
func (p *parser) syntaxError() {
	i := p.Pos
	t := p.Toks[i]
	var near string
	if t.Kind == tokEOF {
		s := max(i-2, 0)
		near = p.src[p.Toks[s].Start:p.Toks[max(i-1, 0)].End]
	} else {
		s := max(i-1, 0)
		e := i
		if i+1 < len(p.Toks) && p.Toks[i+1].Kind != tokEOF {
			e = i + 1
		}
		near = p.src[p.Toks[s].Start:p.Toks[e].End]
	}
	panic(bailout{p.kind.errorf(msgSyntax, t.Text, near)})
}

// fail remembers the first semantic error.
func (p *parser) fail(format string, args ...any) {
	if p.semErr == nil {
		p.semErr = p.kind.errorf(format, args...)
	}
}

func (p *parser) enter() {
	p.depth++
	if p.depth > MaxNestingDepth {
		panic(bailout{p.kind.errorf(msgTooDeep, MaxNestingDepth)})
	}
}

func (p *parser) leave() { p.depth-- }

// keywords cannot start a document path.
var keywords = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "BETWEEN": true, "IN": true,
	"SET": true, "REMOVE": true, "ADD": true, "DELETE": true,
}

// ParseCondition parses a ConditionExpression, FilterExpression or
// KeyConditionExpression (kind says which). Errors are ValidationException
// with DynamoDB's wording, e.g. `Invalid ConditionExpression: Syntax error;
// token: "<EOF>", near: "a ="`, or the reserved-word error
// `Invalid ConditionExpression: Attribute name is a reserved keyword;
// reserved keyword: status`.
func ParseCondition(kind Kind, src string) (*ParsedCondition, error) {
	p := &parser{kind: kind, src: src}
	var root *condNode
	if err := p.run(func() {
		root = p.parseOr()
		if p.Peek().Kind != tokEOF {
			p.syntaxError()
		}
	}); err != nil {
		return nil, err
	}
	return &ParsedCondition{kind: kind, root: root}, nil
}

// ParseProjection parses a ProjectionExpression: document paths separated
// by commas.
func ParseProjection(src string) (*ParsedProjection, error) {
	p := &parser{kind: KindProjection, src: src}
	var paths []*operand
	if err := p.run(func() {
		for {
			paths = append(paths, p.parsePath())
			if !p.IsPunct(",") {
				break
			}
			p.Next()
		}
		if p.Peek().Kind != tokEOF {
			p.syntaxError()
		}
	}); err != nil {
		return nil, err
	}
	return &ParsedProjection{paths: paths}, nil
}

// ParseUpdate parses an UpdateExpression: SET, REMOVE, ADD and DELETE
// clauses in any order, each at most once.
func ParseUpdate(src string) (*ParsedUpdate, error) {
	p := &parser{kind: KindUpdate, src: src}
	u := &ParsedUpdate{}
	if err := p.run(func() { p.parseUpdate(u) }); err != nil {
		return nil, err
	}
	return u, nil
}

// parseOr: condition = and_condition { "OR" and_condition } .
func (p *parser) parseOr() *condNode {
	n := p.parseAnd()
	if !p.IsKeyword("OR") {
		return n
	}
	or := &condNode{op: condOr, kids: []*condNode{n}}
	for p.IsKeyword("OR") {
		p.Next()
		or.kids = append(or.kids, p.parseAnd())
	}
	return or
}

// parseAnd: and_condition = not_condition { "AND" not_condition } .
func (p *parser) parseAnd() *condNode {
	n := p.parseNot()
	if !p.IsKeyword("AND") {
		return n
	}
	and := &condNode{op: condAnd, kids: []*condNode{n}}
	for p.IsKeyword("AND") {
		p.Next()
		and.kids = append(and.kids, p.parseNot())
	}
	return and
}

// parseNot: not_condition = "NOT" not_condition | primary_condition .
func (p *parser) parseNot() *condNode {
	if !p.IsKeyword("NOT") {
		return p.parsePrimary()
	}
	p.Next()
	p.enter()
	n := &condNode{op: condNot, kids: []*condNode{p.parseNot()}}
	p.leave()
	return n
}

// comparators are the comparison operators.
var comparators = map[string]bool{"=": true, "<>": true, "<": true, "<=": true, ">": true, ">=": true}

// parsePrimary: primary_condition = "(" condition ")" | operand comparator
// operand | operand "BETWEEN" operand "AND" operand | operand "IN" "("
// operand { "," operand } ")" | function .
func (p *parser) parsePrimary() *condNode {
	if p.IsPunct("(") {
		p.Next()
		p.enter()
		n := p.parseOr()
		p.expectPunct(")")
		p.leave()
		if n == p.lastParen {
			p.fail(msgRedundantParens)
		}
		p.lastParen = n
		return n
	}
	left := p.parseOperand()
	t := p.Peek()
	switch {
	case t.Kind == tokPunct && comparators[t.Text]:
		p.Next()
		right := p.parseOperand()
		p.useOperand(left)
		p.useOperand(right)
		return &condNode{op: condCompare, name: t.Text, args: []*operand{left, right}}
	case p.IsKeyword("BETWEEN"):
		p.Next()
		lo := p.parseOperand()
		if !p.IsKeyword("AND") {
			p.syntaxError()
		}
		p.Next()
		hi := p.parseOperand()
		for _, o := range []*operand{left, lo, hi} {
			p.useOperand(o)
		}
		return &condNode{op: condBetween, args: []*operand{left, lo, hi}}
	case p.IsKeyword("IN"):
		p.Next()
		p.expectPunct("(")
		args := []*operand{left, p.parseOperand()}
		for p.IsPunct(",") {
			p.Next()
			args = append(args, p.parseOperand())
		}
		p.expectPunct(")")
		for _, o := range args {
			p.useOperand(o)
		}
		if len(args)-1 > MaxInOperands {
			p.fail(msgInTooMany, len(args)-1)
		}
		return &condNode{op: condIn, args: args}
	case left.kind == opFunc:
		return p.conditionFunction(left)
	}
	p.syntaxError()
	return nil
}

// condFuncArity lists the functions that are conditions, with their arity.
var condFuncArity = map[string]int{
	"attribute_exists": 1, "attribute_not_exists": 1, "attribute_type": 2,
	"begins_with": 2, "contains": 2,
}

// operandFuncArity lists the functions that are operands, per kind of
// expression, with their arity.
var (
	condOperandFuncArity   = map[string]int{"size": 1}
	updateOperandFuncArity = map[string]int{"if_not_exists": 2, "list_append": 2}
)

func isKnownFunction(name string) bool {
	_, c := condFuncArity[name]
	_, o := condOperandFuncArity[name]
	_, u := updateOperandFuncArity[name]
	return c || o || u
}

// conditionFunction turns a function call used as a condition into a node,
// checking that the function is a condition and its arguments.
func (p *parser) conditionFunction(f *operand) *condNode {
	arity, ok := condFuncArity[f.name]
	switch {
	case !isKnownFunction(f.name):
		p.fail(msgBadFunction, f.name)
	case !ok:
		p.fail(msgFuncMisuse, f.name)
	case len(f.args) != arity:
		p.fail(msgArity, f.name, len(f.args))
	case f.name != "begins_with" && f.name != "contains" && f.args[0].kind != opPath:
		p.fail(msgNeedPath, f.name)
	}
	for _, a := range f.args {
		p.useOperand(a)
	}
	return &condNode{op: condFunc, name: f.name, args: f.args}
}

// useOperand checks a function call used as a value: size in conditions,
// if_not_exists and list_append in updates.
func (p *parser) useOperand(o *operand) {
	if o.kind != opFunc {
		return
	}
	allowed := condOperandFuncArity
	if p.kind == KindUpdate {
		allowed = updateOperandFuncArity
	}
	arity, ok := allowed[o.name]
	switch {
	case !isKnownFunction(o.name):
		p.fail(msgBadFunction, o.name)
	case !ok && p.kind == KindUpdate:
		p.fail(msgFuncInUpdate, o.name)
	case !ok:
		p.fail(msgFuncMisuse, o.name)
	case len(o.args) != arity:
		p.fail(msgArity, o.name, len(o.args))
	case o.name == "if_not_exists" && o.args[0].kind != opPath:
		p.fail(msgNeedPath, o.name)
	}
	for _, a := range o.args {
		p.useOperand(a)
	}
}

// parseOperand: operand = path | value | function .
// function = identifier "(" [ operand { "," operand } ] ")" .
func (p *parser) parseOperand() *operand {
	t := p.Peek()
	switch {
	case t.Kind == tokValue:
		p.Next()
		return &operand{kind: opValue, name: t.Text}
	case t.Kind == tokIdent && p.PeekAt(1).Kind == tokPunct && p.PeekAt(1).Text == "(":
		p.Next()
		p.Next()
		p.enter()
		f := &operand{kind: opFunc, name: t.Text}
		if !p.IsPunct(")") {
			f.args = append(f.args, p.parseOperand())
			for p.IsPunct(",") {
				p.Next()
				f.args = append(f.args, p.parseOperand())
			}
		}
		p.expectPunct(")")
		p.leave()
		return f
	}
	return p.parsePath()
}

// parsePath: path = name { "." name | "[" digits "]" } ; name = identifier | "#" placeholder .
func (p *parser) parsePath() *operand {
	o := &operand{kind: opPath, path: []pathElem{p.parsePathName()}}
	for {
		switch {
		case p.IsPunct("."):
			p.Next()
			o.path = append(o.path, p.parsePathName())
		case p.IsPunct("["):
			p.Next()
			t := p.Peek()
			if t.Kind != tokNumber {
				p.syntaxError()
			}
			n, err := strconv.Atoi(t.Text)
			if err != nil || n > maxListIndex {
				p.syntaxError()
			}
			p.Next()
			p.expectPunct("]")
			o.path = append(o.path, pathElem{index: n})
		default:
			if n := len(o.path) - 1; n > MaxPathDepth {
				p.fail(msgPathTooDeep, n)
			}
			return o
		}
	}
}

// MaxPathDepth is DynamoDB's limit on the dereferences ("." and "[n]") of
// one document path.
const MaxPathDepth = 32

// maxListIndex bounds list indexes in paths; larger ones are syntax errors.
const maxListIndex = 1<<31 - 1

func (p *parser) parsePathName() pathElem {
	t := p.Peek()
	switch {
	case t.Kind == tokName:
	case t.Kind == tokIdent && !keywords[lex.ToUpper(t.Text)]:
		if p.reserved == "" && IsReserved(t.Text) {
			p.reserved = t.Text
		}
	default:
		p.syntaxError()
	}
	p.Next()
	return pathElem{name: t.Text, index: -1}
}

// parseUpdate: update = clause { clause } .
// clause = "SET" set_action { "," set_action } | "REMOVE" path { "," path }
// | "ADD" path value { "," path value } | "DELETE" path value { "," path value } .
func (p *parser) parseUpdate(u *ParsedUpdate) {
	seen := map[string]bool{}
	for {
		t := p.Peek()
		if t.Kind == tokEOF && len(seen) > 0 {
			return
		}
		if t.Kind != tokIdent {
			p.syntaxError()
		}
		kw := lex.ToUpper(t.Text)
		var list *[]updAction
		switch kw {
		case "SET":
			list = &u.set
		case "REMOVE":
			list = &u.remove
		case "ADD":
			list = &u.add
		case "DELETE":
			list = &u.del
		default:
			p.syntaxError()
		}
		if seen[kw] {
			panic(bailout{p.kind.errorf(msgSectionTwice, kw)})
		}
		seen[kw] = true
		p.Next()
		for {
			*list = append(*list, p.parseUpdateAction(kw))
			if !p.IsPunct(",") {
				break
			}
			p.Next()
		}
	}
}

// parseUpdateAction: set_action = path "=" set_value ;
// set_value = operand [ ( "+" | "-" ) operand ] ; add_action = path value .
func (p *parser) parseUpdateAction(clause string) updAction {
	a := updAction{path: p.parsePath()}
	switch clause {
	case "SET":
		p.expectPunct("=")
		v := p.parseOperand()
		p.useOperand(v)
		if p.IsPunct("+") || p.IsPunct("-") {
			op := p.Next().Text
			r := p.parseOperand()
			p.useOperand(r)
			v = &operand{kind: opArith, name: op, args: []*operand{v, r}}
		}
		a.val = v
	case "ADD", "DELETE":
		t := p.Peek()
		if t.Kind != tokValue {
			p.syntaxError()
		}
		p.Next()
		a.val = &operand{kind: opValue, name: t.Text}
	}
	return a
}

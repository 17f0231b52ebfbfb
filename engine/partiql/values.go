package partiql

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Values in a statement: literals, ? parameters, paths, function calls,
// lists, maps and tuples (grammar.ebnf: value, term, call and the lists
// and tuples they hold).

// parseValue: value = term { ( "+" | "-" ) term } .
func (p *parser) parseValue() *val {
	v := p.parseTerm()
	for p.isPunct("+") || p.isPunct("-") {
		op := p.next().text
		p.enter()
		v = &val{kind: vArith, name: op, elems: []*val{v, p.parseTerm()}}
	}
	return v
}

// parseTerm: term = path | literal | "?" | function_call | list | tuple | set .
// function_call = identifier "(" [ value { "," value } ] ")" .
func (p *parser) parseTerm() *val {
	p.enter()
	defer p.leave()
	t := p.peek()
	switch t.kind {
	case tokParam:
		p.next()
		p.params++
		return &val{kind: vParam, n: p.params - 1}
	case tokString:
		p.next()
		return &val{kind: vConst, c: attr.S(t.text)}
	case tokNumber:
		p.next()
		return p.number(t.text)
	case tokQIdent:
		return &val{kind: vPath, path: p.parsePath()}
	case tokIdent:
		up := toUpper(t.text)
		switch up {
		case "TRUE", "FALSE":
			p.next()
			return &val{kind: vConst, c: attr.Bool(up == "TRUE")}
		case "NULL":
			p.next()
			return &val{kind: vConst, c: attr.Null()}
		}
		if p.peekAt(1).kind == tokPunct && p.peekAt(1).text == "(" && !keywords[up] {
			return p.parseCall()
		}
		return &val{kind: vPath, path: p.parsePath()}
	case tokPunct:
		switch t.text {
		case "-":
			if n := p.peekAt(1); n.kind == tokNumber && n.start == t.end {
				p.next()
				p.next()
				return p.number("-" + n.text)
			}
		case "[":
			p.next()
			return &val{kind: vList, elems: p.parseElems("]")}
		case "<<":
			p.next()
			return &val{kind: vSet, elems: p.parseElems(">>")}
		case "{":
			p.next()
			return p.parseTuple()
		}
	}
	p.unexpected()
	return nil
}

// number returns the N literal text, or fails with DynamoDB's number error.
func (p *parser) number(text string) *val {
	n, err := attr.N(text)
	if err != nil {
		p.fail(ddberr.As(err))
	}
	return &val{kind: vConst, c: n}
}

// parseCall parses a function call; the name is case-insensitive.
func (p *parser) parseCall() *val {
	name := p.next().text
	lower := string(flipToLower(name))
	want, ok := knownFuncs[lower]
	if !ok {
		p.fail(validation(msgUnknownFunc, name))
	}
	p.expectPunct("(")
	var args []*val
	if !p.isPunct(")") {
		args = p.parseElems(")")
	} else {
		p.next()
	}
	if len(args) != want {
		p.fail(validation(msgArity, lower))
	}
	return &val{kind: vFunc, name: lower, elems: args}
}

func flipToLower(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return b
}

// parseElems: values = [ value { "," value } ] closing .
func (p *parser) parseElems(closing string) []*val {
	var elems []*val
	if p.acceptPunct(closing) {
		return elems
	}
	for {
		elems = append(elems, p.parseValue())
		if !p.acceptPunct(",") {
			break
		}
	}
	p.expectPunct(closing)
	return elems
}

// parseTuple: tuple = "{" [ key ":" value { "," key ":" value } ] "}" .
// key = string | quoted_identifier .
func (p *parser) parseTuple() *val {
	v := &val{kind: vMap}
	if p.acceptPunct("}") {
		return v
	}
	seen := map[string]bool{}
	for {
		t := p.peek()
		if t.kind != tokString && t.kind != tokQIdent {
			p.unexpected()
		}
		p.next()
		if seen[t.text] {
			p.fail(validation(msgDuplicateKey, t.text))
		}
		seen[t.text] = true
		p.expectPunct(":")
		v.keys = append(v.keys, t.text)
		v.elems = append(v.elems, p.parseValue())
		if !p.acceptPunct(",") {
			break
		}
	}
	p.expectPunct("}")
	return v
}

package partiql

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/lex"
)

// Values in a statement: literals, ? parameters, paths, function calls,
// lists, maps and tuples (grammar.ebnf: value, term, call and the lists
// and tuples they hold).

// parseValue: value = term { ( "+" | "-" ) term } .
func (p *parser) parseValue() *val {
	v := p.parseTerm()
	for p.IsPunct("+") || p.IsPunct("-") {
		op := p.Next().Text
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
	t := p.Peek()
	switch t.Kind {
	case tokParam:
		p.Next()
		p.params++
		return &val{kind: vParam, n: p.params - 1}
	case tokString:
		p.Next()
		return &val{kind: vConst, c: attr.S(t.Text)}
	case tokNumber:
		p.Next()
		return p.number(t.Text)
	case tokQIdent:
		return &val{kind: vPath, path: p.parsePath()}
	case tokIdent:
		up := lex.ToUpper(t.Text)
		switch up {
		case "TRUE", "FALSE":
			p.Next()
			return &val{kind: vConst, c: attr.Bool(up == "TRUE")}
		case "NULL":
			p.Next()
			return &val{kind: vConst, c: attr.Null()}
		}
		if p.PeekAt(1).Kind == tokPunct && p.PeekAt(1).Text == "(" && !keywords[up] {
			return p.parseCall()
		}
		return &val{kind: vPath, path: p.parsePath()}
	case tokPunct:
		switch t.Text {
		case "-":
			if n := p.PeekAt(1); n.Kind == tokNumber && n.Start == t.End {
				p.Next()
				p.Next()
				return p.number("-" + n.Text)
			}
		case "[":
			p.Next()
			return &val{kind: vList, elems: p.parseElems("]")}
		case "<<":
			p.Next()
			return &val{kind: vSet, elems: p.parseElems(">>")}
		case "{":
			p.Next()
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
	name := p.Next().Text
	lower := string(flipToLower(name))
	want, ok := knownFuncs[lower]
	if !ok {
		p.fail(validation(msgUnknownFunc, name))
	}
	p.expectPunct("(")
	var args []*val
	if !p.IsPunct(")") {
		args = p.parseElems(")")
	} else {
		p.Next()
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
		t := p.Peek()
		if t.Kind != tokString && t.Kind != tokQIdent {
			p.unexpected()
		}
		p.Next()
		if seen[t.Text] {
			p.fail(validation(msgDuplicateKey, t.Text))
		}
		seen[t.Text] = true
		p.expectPunct(":")
		v.keys = append(v.keys, t.Text)
		v.elems = append(v.elems, p.parseValue())
		if !p.acceptPunct(",") {
			break
		}
	}
	p.expectPunct("}")
	return v
}

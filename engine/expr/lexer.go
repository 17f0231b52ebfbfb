package expr

import "github.com/ddbplay/ddbplay/engine/lex"

// The tokens of expressions (package lex has the token, its kinds common
// to both languages, and the character classes).
type (
	token   = lex.Token
	tokKind = lex.Kind
)

const (
	tokEOF     = lex.EOF     // "<EOF>"
	tokIdent   = lex.Ident   // attribute name, keyword or function name: [A-Za-z_][A-Za-z0-9_]*
	tokPunct   = lex.Punct   // = <> < <= > >= ( ) [ ] , . + -
	tokInvalid = lex.Invalid // a character that starts no token
)

// Its own kinds.
const (
	tokName   tokKind = lex.Own + iota // #name placeholder
	tokValue                           // :value placeholder
	tokNumber                          // decimal digits (list index)
)

func isIdentChar(c byte) bool { return lex.IsIdentStart(c) || lex.IsDigit(c) }

// tokenize splits src into tokens, always ending with a tokEOF whose text is
// "<EOF>". It never fails: a stray character becomes a tokInvalid token
// that the parser reports as a syntax error.
func tokenize(src string) []token {
	var toks []token
	i := 0
	for {
		for i < len(src) && lex.IsSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			return append(toks, token{Kind: tokEOF, Text: "<EOF>", Start: len(src), End: len(src)})
		}
		start := i
		c := src[i]
		kind := tokPunct
		switch {
		case lex.IsIdentStart(c):
			kind = tokIdent
			for i++; i < len(src) && isIdentChar(src[i]); i++ {
			}
		case lex.IsDigit(c):
			kind = tokNumber
			for i++; i < len(src) && lex.IsDigit(src[i]); i++ {
			}
		case c == '#' || c == ':':
			kind = tokName
			if c == ':' {
				kind = tokValue
			}
			for i++; i < len(src) && isIdentChar(src[i]); i++ {
			}
			if i == start+1 {
				kind = tokInvalid
			}
		case c == '<':
			i++
			if i < len(src) && (src[i] == '=' || src[i] == '>') {
				i++
			}
		case c == '>':
			i++
			if i < len(src) && src[i] == '=' {
				i++
			}
		case c == '=' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == '.' || c == '+' || c == '-':
			i++
		default:
			kind = tokInvalid
			// One whole UTF-8 sequence, so the message quotes a real character.
			for i++; i < len(src) && src[i]&0xC0 == 0x80; i++ {
			}
		}
		toks = append(toks, token{Kind: kind, Text: src[start:i], Start: start, End: i})
	}
}

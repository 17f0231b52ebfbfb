package partiql

import "github.com/ddbplay/ddbplay/engine/lex"

// The tokens of PartiQL (package lex has the token, its kinds common to
// both languages, and the character classes).
type (
	token   = lex.Token
	tokKind = lex.Kind
)

const (
	tokEOF     = lex.EOF     // "<EOF>"
	tokIdent   = lex.Ident   // unquoted identifier or keyword: [A-Za-z_][A-Za-z0-9_]*
	tokPunct   = lex.Punct   // = <> != < <= > >= ( ) [ ] { } , . : * + - << >>
	tokInvalid = lex.Invalid // a character that starts no token, or an unterminated quote
)

// Its own kinds.
const (
	tokQIdent tokKind = lex.Own + iota // "quoted identifier", text unescaped
	tokString                          // 'string literal', text unescaped
	tokNumber                          // decimal number literal
	tokParam                           // ?
)

func isIdentChar(c byte) bool { return lex.IsIdentStart(c) || lex.IsDigit(c) || c == '$' }

// tokenize splits src into tokens, always ending with a tokEOF whose text is
// "<EOF>". It never fails: a stray character or an unterminated quote
// becomes a tokInvalid token that the parser reports. Comments (-- to the
// end of the line) are skipped.
func tokenize(src string) []token {
	var toks []token
	i := 0
	for {
		for i < len(src) {
			if lex.IsSpace(src[i]) {
				i++
				continue
			}
			if src[i] == '-' && i+1 < len(src) && src[i+1] == '-' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
				continue
			}
			break
		}
		if i >= len(src) {
			return append(toks, token{Kind: tokEOF, Text: "<EOF>", Start: len(src), End: len(src)})
		}
		start := i
		c := src[i]
		kind := tokPunct
		text := ""
		switch {
		case lex.IsIdentStart(c):
			kind = tokIdent
			for i++; i < len(src) && isIdentChar(src[i]); i++ {
			}
		case lex.IsDigit(c) || (c == '.' && i+1 < len(src) && lex.IsDigit(src[i+1]) && !afterPathPart(toks)):
			kind = tokNumber
			i = scanNumber(src, i)
		case c == '\'' || c == '"':
			kind = tokString
			if c == '"' {
				kind = tokQIdent
			}
			var ok bool
			text, i, ok = scanQuoted(src, i, c)
			if !ok {
				kind = tokInvalid
			}
		case c == '?':
			kind = tokParam
			i++
		case c == '<':
			i++
			if i < len(src) && (src[i] == '=' || src[i] == '>' || src[i] == '<') {
				i++
			}
		case c == '>':
			i++
			if i < len(src) && (src[i] == '=' || src[i] == '>') {
				i++
			}
		case c == '!':
			i++
			if i < len(src) && src[i] == '=' {
				i++
			} else {
				kind = tokInvalid
			}
		case c == '=' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
			c == ',' || c == '.' || c == ':' || c == '*' || c == '+' || c == '-' || c == ';':
			i++
		default:
			kind = tokInvalid
			for i++; i < len(src) && src[i]&0xC0 == 0x80; i++ {
			}
		}
		if kind != tokString && kind != tokQIdent {
			text = src[start:i]
		}
		toks = append(toks, token{Kind: kind, Text: text, Start: start, End: i})
	}
}

// afterPathPart reports whether the previous token ends a path step, so
// that ".5" after it is a dot and a number rather than the number 0.5.
func afterPathPart(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	return t.Kind == tokIdent || t.Kind == tokQIdent || (t.Kind == tokPunct && t.Text == "]")
}

// scanNumber returns the end of the number starting at i: digits, an
// optional fraction and an optional exponent.
func scanNumber(src string, i int) int {
	for i < len(src) && lex.IsDigit(src[i]) {
		i++
	}
	if i < len(src) && src[i] == '.' {
		i++
		for i < len(src) && lex.IsDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && lex.IsDigit(src[j]) {
			for i = j; i < len(src) && lex.IsDigit(src[i]); i++ {
			}
		}
	}
	return i
}

// scanQuoted reads the literal quoted by q starting at i, where a doubled
// quote stands for one; it returns the unescaped text, the end offset and
// whether the closing quote was found.
func scanQuoted(src string, i int, q byte) (string, int, bool) {
	var b []byte
	i++
	for i < len(src) {
		if src[i] == q {
			if i+1 < len(src) && src[i+1] == q {
				b = append(b, q)
				i += 2
				continue
			}
			return string(b), i + 1, true
		}
		b = append(b, src[i])
		i++
	}
	return string(b), i, false
}

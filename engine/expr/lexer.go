package expr

// tokKind classifies a token.
type tokKind uint8

const (
	tokEOF     tokKind = iota
	tokIdent           // attribute name, keyword or function name: [A-Za-z_][A-Za-z0-9_]*
	tokName            // #name placeholder
	tokValue           // :value placeholder
	tokNumber          // decimal digits (list index)
	tokPunct           // = <> < <= > >= ( ) [ ] , . + -
	tokInvalid         // a character that starts no token
)

// token is one lexeme with its byte offsets in the source.
type token struct {
	kind       tokKind
	text       string
	start, end int
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lex splits src into tokens, always ending with a tokEOF whose text is
// "<EOF>". It never fails: a stray character becomes a tokInvalid token
// that the parser reports as a syntax error.
func lex(src string) []token {
	var toks []token
	i := 0
	for {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			return append(toks, token{kind: tokEOF, text: "<EOF>", start: len(src), end: len(src)})
		}
		start := i
		c := src[i]
		kind := tokPunct
		switch {
		case isIdentStart(c):
			kind = tokIdent
			for i++; i < len(src) && isIdentChar(src[i]); i++ {
			}
		case isDigit(c):
			kind = tokNumber
			for i++; i < len(src) && isDigit(src[i]); i++ {
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
		toks = append(toks, token{kind: kind, text: src[start:i], start: start, end: i})
	}
}

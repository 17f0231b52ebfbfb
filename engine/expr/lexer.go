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

// Identifiers are ASCII (isIdentChar), and so are the keywords, function
// names and reserved words they are matched against. toUpper, toLower and
// equalFold therefore change ASCII letters only, which keeps Unicode's
// case tables out of the browser's WebAssembly module (~7 KB gzip).

// toUpper returns s with its ASCII letters in upper case.
func toUpper(s string) string { return flipCase(s, 'a', 'z') }

// toLower returns s with its ASCII letters in lower case.
func toLower(s string) string { return flipCase(s, 'A', 'Z') }

// flipCase returns s with the bytes in [lo, hi], ASCII letters of one
// case, changed to the other case.
func flipCase(s string, lo, hi byte) string {
	i := 0
	for i < len(s) && (s[i] < lo || s[i] > hi) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if lo <= b[i] && b[i] <= hi {
			b[i] ^= 'a' - 'A'
		}
	}
	return string(b)
}

// equalFold reports whether a and b are equal up to the case of ASCII
// letters.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if upperByte(a[i]) != upperByte(b[i]) {
			return false
		}
	}
	return true
}

func upperByte(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

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

package partiql

// tokKind classifies a token.
type tokKind uint8

const (
	tokEOF     tokKind = iota
	tokIdent           // unquoted identifier or keyword: [A-Za-z_][A-Za-z0-9_]*
	tokQIdent          // "quoted identifier", text unescaped
	tokString          // 'string literal', text unescaped
	tokNumber          // decimal number literal
	tokParam           // ?
	tokPunct           // = <> != < <= > >= ( ) [ ] { } , . : * + - << >>
	tokInvalid         // a character that starts no token, or an unterminated quote
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

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// equalFold reports whether a and b are equal up to the case of ASCII
// letters (keywords are ASCII; Unicode case tables stay out of the
// browser's module).
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

// toUpper returns s with its ASCII letters in upper case.
func toUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = upperByte(c)
	}
	return string(b)
}

// lex splits src into tokens, always ending with a tokEOF whose text is
// "<EOF>". It never fails: a stray character or an unterminated quote
// becomes a tokInvalid token that the parser reports. Comments (-- to the
// end of the line) are skipped.
func lex(src string) []token {
	var toks []token
	i := 0
	for {
		for i < len(src) {
			if isSpace(src[i]) {
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
			return append(toks, token{kind: tokEOF, text: "<EOF>", start: len(src), end: len(src)})
		}
		start := i
		c := src[i]
		kind := tokPunct
		text := ""
		switch {
		case isIdentStart(c):
			kind = tokIdent
			for i++; i < len(src) && isIdentChar(src[i]); i++ {
			}
		case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1]) && !afterPathPart(toks)):
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
		toks = append(toks, token{kind: kind, text: text, start: start, end: i})
	}
}

// afterPathPart reports whether the previous token ends a path step, so
// that ".5" after it is a dot and a number rather than the number 0.5.
func afterPathPart(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	return t.kind == tokIdent || t.kind == tokQIdent || (t.kind == tokPunct && t.text == "]")
}

// scanNumber returns the end of the number starting at i: digits, an
// optional fraction and an optional exponent.
func scanNumber(src string, i int) int {
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	if i < len(src) && src[i] == '.' {
		i++
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			for i = j; i < len(src) && isDigit(src[i]); i++ {
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

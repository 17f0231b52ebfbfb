package lex

// Kind classifies a token.
type Kind uint8

// The kinds both languages have; each numbers its own from Own.
const (
	EOF     Kind = iota // the end of the source, text "<EOF>"
	Ident               // unquoted identifier, keyword or function name: [A-Za-z_][A-Za-z0-9_]*
	Punct               // an operator or punctuation
	Invalid             // a character that starts no token
	Own                 // the first of a language's own kinds
)

// Token is one lexeme with its byte offsets in the source.
type Token struct {
	Kind       Kind
	Text       string
	Start, End int
}

// Cursor is a parser's position in a token list that ends with an EOF
// token.
type Cursor struct {
	Toks []Token
	Pos  int
}

// Peek returns the current token.
func (c *Cursor) Peek() Token { return c.Toks[c.Pos] }

// PeekAt returns the token n after the current one, or the EOF token.
func (c *Cursor) PeekAt(n int) Token {
	if c.Pos+n < len(c.Toks) {
		return c.Toks[c.Pos+n]
	}
	return c.Toks[len(c.Toks)-1]
}

// Next returns the current token and moves past it (never past EOF).
func (c *Cursor) Next() Token {
	t := c.Toks[c.Pos]
	if t.Kind != EOF {
		c.Pos++
	}
	return t
}

// IsPunct reports whether the current token is the punctuation s.
func (c *Cursor) IsPunct(s string) bool {
	t := c.Peek()
	return t.Kind == Punct && t.Text == s
}

// IsKeyword reports whether the current token is the identifier kw, in
// any case.
func (c *Cursor) IsKeyword(kw string) bool {
	t := c.Peek()
	return t.Kind == Ident && EqualFold(t.Text, kw)
}

// AcceptKeyword moves past the current token if it is the keyword kw,
// and says whether it did.
func (c *Cursor) AcceptKeyword(kw string) bool {
	if c.IsKeyword(kw) {
		c.Next()
		return true
	}
	return false
}

// IsIdentStart reports whether c may start an identifier.
func IsIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// IsDigit reports whether c is a decimal digit.
func IsDigit(c byte) bool { return c >= '0' && c <= '9' }

// IsSpace reports whether c is white space between tokens.
func IsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// ToUpper returns s with its ASCII letters in upper case.
func ToUpper(s string) string { return flipCase(s, 'a', 'z') }

// ToLower returns s with its ASCII letters in lower case.
func ToLower(s string) string { return flipCase(s, 'A', 'Z') }

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

// EqualFold reports whether a and b are equal up to the case of ASCII
// letters.
func EqualFold(a, b string) bool {
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

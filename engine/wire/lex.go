package wire

import (
	"unicode/utf16"
	"unicode/utf8"
)

// The lexical layer of Reader: whitespace, literals, numbers, strings
// (checked, and unquoted as encoding/json unquotes them) and skipped
// values.

func (r *Reader) space() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

func (r *Reader) literal(lit string) {
	if len(r.data)-r.pos >= len(lit) && string(r.data[r.pos:r.pos+len(lit)]) == lit {
		r.pos += len(lit)
		return
	}
	r.err = ErrSyntax
}

// skip consumes one value, whose enclosing containers number depth.
func (r *Reader) skip(depth int) {
	r.space()
	if r.pos >= len(r.data) {
		r.err = ErrSyntax
		return
	}
	switch c := r.data[r.pos]; {
	case c == '{' || c == '[':
		if depth >= MaxDepth {
			r.err = ErrSyntax
			return
		}
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		r.pos++
		r.space()
		if r.pos < len(r.data) && r.data[r.pos] == closer {
			r.pos++
			return
		}
		for {
			if c == '{' {
				r.space()
				if r.pos >= len(r.data) || r.data[r.pos] != '"' {
					r.err = ErrSyntax
					return
				}
				r.scanString()
				r.space()
				if r.err != nil || r.pos >= len(r.data) || r.data[r.pos] != ':' {
					r.err = ErrSyntax
					return
				}
				r.pos++
			}
			r.skip(depth + 1)
			if r.err != nil {
				return
			}
			r.space()
			if r.pos < len(r.data) && r.data[r.pos] == ',' {
				r.pos++
				continue
			}
			if r.pos < len(r.data) && r.data[r.pos] == closer {
				r.pos++
				return
			}
			r.err = ErrSyntax
			return
		}
	case c == '"':
		r.scanString()
	case c == 't':
		r.literal("true")
	case c == 'f':
		r.literal("false")
	case c == 'n':
		r.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		r.number()
	default:
		r.err = ErrSyntax
	}
}

// number consumes a JSON number.
func (r *Reader) number() {
	d := r.data
	i := r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(d) && d[i] == '0' {
		i++ // no leading zeros
	} else if digits() == 0 {
		r.err = ErrSyntax
		return
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			r.err = ErrSyntax
			return
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			r.err = ErrSyntax
			return
		}
	}
	r.pos = i
}

// scanString consumes the string at r.pos, checking its syntax, and
// reports whether its bytes between the quotes are its value (no escapes,
// valid UTF-8).
func (r *Reader) scanString() (plain bool) {
	d := r.data
	i := r.pos + 1
	ascii, escaped := true, false
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			plain = !escaped && (ascii || utf8.Valid(d[r.pos+1:i]))
			r.pos = i + 1
			return plain
		case c == '\\':
			escaped = true
			if i+1 >= len(d) {
				r.err = ErrSyntax
				return false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(d, i+2); !ok {
					r.err = ErrSyntax
					return false
				}
				i += 6
			default:
				r.err = ErrSyntax
				return false
			}
		case c < 0x20:
			r.err = ErrSyntax
			return false
		default:
			if c >= utf8.RuneSelf {
				ascii = false
			}
			i++
		}
	}
	r.err = ErrSyntax
	return false
}

// str consumes the string at r.pos and returns its value, unquoted as
// encoding/json does. The bytes are valid until the next call on r.
func (r *Reader) str() []byte {
	start := r.pos
	if r.scanString() {
		return r.data[start+1 : r.pos-1]
	}
	if r.err != nil {
		return nil
	}
	s := r.data[start+1 : r.pos-1]
	b := r.buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			e := s[i+1]
			i += 2
			switch e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				c1, _ := hex4(s, i)
				i += 4
				if utf16.IsSurrogate(c1) {
					c2 := rune(-1)
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						c2, _ = hex4(s, i+2)
					}
					if dec := utf16.DecodeRune(c1, c2); dec != utf8.RuneError {
						b = utf8.AppendRune(b, dec)
						i += 6
						continue
					}
					c1 = utf8.RuneError
				}
				b = utf8.AppendRune(b, c1)
			default: // '"', '\\', '/'
				b = append(b, e)
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			c, size := utf8.DecodeRune(s[i:])
			b = utf8.AppendRune(b, c)
			i += size
		}
	}
	r.buf = b
	return b
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

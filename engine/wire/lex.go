package wire

import "unicode/utf8"

// The lexical layer of Reader, over the shared one in scan.go:
// whitespace, literals, numbers, strings (checked, and unquoted as
// encoding/json unquotes them) and skipped values.

func (r *Reader) space() { r.pos = SkipSpace(r.data, r.pos) }

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
	end, ok := ScanNumber(r.data, r.pos)
	if !ok {
		r.err = ErrSyntax
		return
	}
	r.pos = end
}

// scanString consumes the string at r.pos, checking its syntax, and
// reports whether its bytes between the quotes are its value (no escapes,
// valid UTF-8).
func (r *Reader) scanString() (plain bool) {
	sc := ScanString(r.data, r.pos)
	if sc.Err != StringOK {
		r.err = ErrSyntax
		return false
	}
	plain = !sc.Escaped && (sc.ASCII || utf8.Valid(r.data[r.pos+1:sc.End-1]))
	r.pos = sc.End
	return plain
}

// str consumes the string at r.pos and returns its value, unquoted as
// encoding/json does (invalid UTF-8 becomes U+FFFD). The bytes are valid
// until the next call on r.
func (r *Reader) str() []byte {
	start := r.pos
	if r.scanString() {
		return r.data[start+1 : r.pos-1]
	}
	if r.err != nil {
		return nil
	}
	r.buf = Unescape(r.buf[:0], r.data[start+1:r.pos-1])
	return r.buf
}

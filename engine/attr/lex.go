package attr

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// The JSON lexical layer of the decoder: strings, skipped values, numbers.

// str decodes the JSON string at d.pos.
func (d *decoder) str() (string, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return "", d.syntaxError()
	}
	d.pos++
	start := d.pos
	// Fast path: printable ASCII without escapes, 8 bytes at a time while
	// they last.
	i := start
	for i+8 <= len(d.data) && wire.Plain8(d.data[i:i+8]) {
		i += 8
	}
	for ; i < len(d.data); i++ {
		c := d.data[i]
		if c == '"' {
			d.pos = i + 1
			return string(d.data[start:i]), nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	buf := make([]byte, 0, 32)
	i = start
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(buf), nil
		case c == '\\':
			if i+1 >= len(d.data) {
				d.pos = len(d.data)
				return "", d.syntaxError()
			}
			e := d.data[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(d.data, i)
				if !ok {
					d.pos = i
					return "", d.syntaxError()
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, ok := rune(-1), false
					if i+6 <= len(d.data) && d.data[i] == '\\' && d.data[i+1] == 'u' {
						r2, ok = hex4(d.data, i+2)
					}
					if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				buf = utf8.AppendRune(buf, r)
			default:
				d.pos = i - 1
				return "", d.syntaxError()
			}
		case c < 0x20:
			d.pos = i
			return "", d.syntaxError()
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				return "", serialization(msgJSONInvalidUTF8, i)
			}
			buf = append(buf, d.data[i:i+size]...)
			i += size
		}
	}
	d.pos = len(d.data)
	return "", d.syntaxError()
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

// skip consumes one JSON value of any kind, checking its syntax.
func (d *decoder) skip(depth int) error {
	if depth > maxSkipDepth {
		return serialization(msgJSONTooDeep)
	}
	d.skipSpace()
	if d.pos >= len(d.data) {
		return d.syntaxError()
	}
	switch c := d.data[d.pos]; {
	case c == '"':
		_, err := d.str()
		return err
	case c == '{', c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		d.pos++
		d.skipSpace()
		if d.pos < len(d.data) && d.data[d.pos] == closer {
			d.pos++
			return nil
		}
		for {
			if c == '{' {
				d.skipSpace()
				if _, err := d.str(); err != nil {
					return err
				}
				if err := d.expect(':'); err != nil {
					return err
				}
			}
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.skipSpace()
			if d.pos < len(d.data) && d.data[d.pos] == ',' {
				d.pos++
				continue
			}
			return d.expect(closer)
		}
	case d.literal("true"), d.literal("false"), d.literal("null"):
		return nil
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	}
	return d.syntaxError()
}

// number consumes a JSON number.
func (d *decoder) number() error {
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++ // no leading zeros
	} else if digits() == 0 {
		return d.syntaxError()
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return d.syntaxError()
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return d.syntaxError()
		}
	}
	return nil
}

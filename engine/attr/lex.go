package attr

import (
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// The JSON lexical layer of the decoder: strings, skipped values, numbers.

// str decodes the JSON string at d.pos. Unlike wire (and encoding/json),
// which replace invalid UTF-8 by U+FFFD, it rejects it as DynamoDB does:
// the first invalid byte before the end of the string, or before a syntax
// error in it, is the error.
func (d *decoder) str() (string, error) {
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return "", d.syntaxError()
	}
	start := d.pos + 1
	sc := wire.ScanString(d.data, d.pos)
	if !sc.ASCII {
		if i := invalidUTF8(d.data[start:sc.End]); i >= 0 {
			return "", serialization(msgJSONInvalidUTF8, start+i)
		}
	}
	d.pos = sc.End
	if sc.Err != wire.StringOK {
		return "", d.syntaxError()
	}
	body := d.data[start : sc.End-1]
	// Unescaped ASCII that scanned as a JSON string holds no '"', '\\'
	// or control character: a plain string.
	d.plain = sc.ASCII && !sc.Escaped
	if !sc.Escaped {
		return d.text(body), nil
	}
	var small [64]byte
	return string(wire.Unescape(small[:0], body)), nil
}

// text returns b as a string: a copy, or, when the decoder borrows
// (DecodeMembers), b's own bytes.
func (d *decoder) text(b []byte) string {
	if d.borrow && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// name is str for an attribute name: a short name written without
// escapes comes from names, so that the names every request repeats are
// not allocated again (unless the decoder borrows, when str lends it
// anyway). It sets d.plain as str does.
func (d *decoder) name() (string, error) {
	if d.pos < len(d.data) && d.data[d.pos] == '"' && !d.borrow {
		start := d.pos + 1
		sc := wire.ScanString(d.data, d.pos)
		if sc.Err == wire.StringOK && sc.ASCII && !sc.Escaped && sc.End-1-start <= maxInterned {
			d.pos = sc.End
			d.plain = true
			return names.intern(d.data[start : sc.End-1]), nil
		}
	}
	return d.str()
}

// maxInterned is the longest name the name cache keeps.
const maxInterned = 32

// nameCache is a fixed-size, lock-free cache of attribute names: a slot
// (chosen by a hash of the name) holds the last name that hashed there.
// It never holds more than len(slots) short strings.
type nameCache struct {
	slots [512]atomic.Pointer[string]
}

var names nameCache

// intern returns b as a string, from the cache when its slot holds it.
func (c *nameCache) intern(b []byte) string {
	h := uint32(2166136261) // FNV-1a
	for _, x := range b {
		h = (h ^ uint32(x)) * 16777619
	}
	slot := &c.slots[h%uint32(len(c.slots))]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}

// invalidUTF8 returns the offset of the first byte of invalid UTF-8 in s,
// or -1.
func invalidUTF8(s []byte) int {
	if utf8.Valid(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
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
	var ok bool
	if d.pos, ok = wire.ScanNumber(d.data, d.pos); !ok {
		return d.syntaxError()
	}
	return nil
}

package snapshot

import (
	"encoding/binary"
	"fmt"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// maxDepth bounds the nesting of the snapshot text (attribute values nest
// at most 32 levels; the document adds 4).
const maxDepth = 64

// scanner checks JSON syntax while walking the text once, handing out the
// extent of each value so that large values (the items) are never copied
// or scanned twice. It checks the JSON grammar (RFC 8259) but, like
// encoding/json, not the UTF-8 validity of strings.
type scanner struct {
	data []byte
	pos  int
}

// syntaxError reports a JSON syntax error at the current position.
func (s *scanner) syntaxError(what string) error {
	if s.pos >= len(s.data) {
		return invalid(msgNotJSON, "unexpected end of input")
	}
	return invalid(msgNotJSON, fmt.Sprintf("%s at byte %d", what, s.pos))
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// more skips spaces and reports whether any text is left.
func (s *scanner) more() bool {
	s.space()
	return s.pos < len(s.data)
}

// peek returns the next non-space byte, or 0 at the end (see more).
func (s *scanner) peek() byte {
	s.space()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// value skips one value and returns its extent.
func (s *scanner) value(depth int) ([]byte, error) {
	if depth > maxDepth {
		return nil, s.syntaxError("nesting too deep")
	}
	c := s.peek()
	start := s.pos
	var err error
	switch {
	case c == '{':
		err = s.object(depth, func(string) error {
			_, err := s.value(depth + 1)
			return err
		})
	case c == '[':
		err = s.array(depth, func(int) error {
			_, err := s.value(depth + 1)
			return err
		})
	case c == '"':
		_, err = s.str()
	case c == 't':
		err = s.literal("true")
	case c == 'f':
		err = s.literal("false")
	case c == 'n':
		err = s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		err = s.number()
	default:
		err = s.syntaxError(fmt.Sprintf("unexpected %q", c))
	}
	if err != nil {
		return nil, err
	}
	return s.data[start:s.pos], nil
}

// object walks an object; member is called with each key, positioned at
// its value, and must consume the value.
func (s *scanner) object(depth int, member func(key string) error) error {
	s.pos++ // '{'
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		if s.peek() != '"' {
			return s.syntaxError("expected a member name")
		}
		raw, err := s.str()
		if err != nil {
			return err
		}
		key, err := unquote(raw)
		if err != nil {
			return s.syntaxError("invalid member name")
		}
		if s.peek() != ':' {
			return s.syntaxError("expected ':'")
		}
		s.pos++
		s.space()
		if err := member(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.syntaxError("expected ',' or '}'")
		}
	}
}

// array walks an array; element is called with each index, positioned at
// the element, and must consume it.
func (s *scanner) array(depth int, element func(i int) error) error {
	s.pos++ // '['
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		s.space()
		if err := element(i); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return s.syntaxError("expected ',' or ']'")
		}
	}
}

// plain[c] is true for the bytes that stand for themselves in a string.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Bytes repeated in each byte of a 64-bit word, for skipping plain string
// bytes eight at a time.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainWord reports whether none of the eight bytes of w is '"', '\\' or a
// control character (< 0x20): the exact "has a zero byte" and "has a byte
// less than n" tests, (x-ones)&^x&highs.
func plainWord(w uint64) bool {
	q, b := w^(ones*'"'), w^(ones*'\\')
	return ((q-ones)&^q|(b-ones)&^b|(w-ones*0x20)&^w)&highs == 0
}

// str skips a string and returns it with its quotes.
func (s *scanner) str() ([]byte, error) {
	data, start := s.data, s.pos
	i := start + 1 // after '"'
	for {
		for i+8 <= len(data) && plainWord(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		for i < len(data) && plain[data[i]] {
			i++
		}
		if i >= len(data) {
			s.pos = i
			return nil, s.syntaxError("")
		}
		switch c := data[i]; {
		case c == '"':
			s.pos = i + 1
			return data[start:s.pos], nil
		case c == '\\':
			i++
			if i >= len(data) {
				s.pos = i
				return nil, s.syntaxError("")
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				i++
				for range 4 {
					if i >= len(data) || !isHex(data[i]) {
						s.pos = i
						return nil, s.syntaxError("invalid \\u escape")
					}
					i++
				}
			default:
				s.pos = i
				return nil, s.syntaxError("invalid escape")
			}
		default:
			s.pos = i
			return nil, s.syntaxError("control character in string")
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (s *scanner) literal(word string) error {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		return s.syntaxError("invalid literal")
	}
	s.pos += len(word)
	return nil
}

// number skips -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *scanner) number() error {
	if s.data[s.pos] == '-' {
		s.pos++
	}
	if s.pos < len(s.data) && s.data[s.pos] == '0' {
		s.pos++
	} else if !s.digits() {
		return s.syntaxError("invalid number")
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if !s.digits() {
			return s.syntaxError("invalid number")
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if !s.digits() {
			return s.syntaxError("invalid number")
		}
	}
	return nil
}

// digits skips one or more decimal digits.
func (s *scanner) digits() bool {
	start := s.pos
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		s.pos++
	}
	return s.pos > start
}

// unquote decodes a string with its quotes.
func unquote(raw []byte) (string, error) {
	plain := true
	for _, c := range raw[1 : len(raw)-1] {
		if c == '\\' {
			plain = false
			break
		}
	}
	if plain {
		return string(raw[1 : len(raw)-1]), nil
	}
	var r wire.Reader
	r.Reset(raw)
	var v string
	r.String(&v)
	return v, r.End()
}

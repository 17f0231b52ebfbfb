package snapshot

import (
	"github.com/ddbplay/ddbplay/engine/ddberr"
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
	return invalid(msgNotJSON, ddberr.Sprintf("%s at byte %d", what, s.pos))
}

func (s *scanner) space() { s.pos = wire.SkipSpace(s.data, s.pos) }

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
		err = s.syntaxError(ddberr.Sprintf("unexpected %q", rune(c)))
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

// str skips a string and returns it with its quotes.
func (s *scanner) str() ([]byte, error) {
	start := s.pos
	sc := wire.ScanString(s.data, start)
	s.pos = sc.End
	switch sc.Err {
	case wire.StringOK:
		return s.data[start:s.pos], nil
	case wire.StringBadHex:
		_, n := wire.Hex4(s.data, sc.End)
		s.pos += n // at the first byte that is not a hex digit
		return nil, s.syntaxError("invalid \\u escape")
	case wire.StringBadEscape:
		return nil, s.syntaxError("invalid escape")
	case wire.StringControl:
		return nil, s.syntaxError("control character in string")
	}
	return nil, s.syntaxError("")
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
	var ok bool
	if s.pos, ok = wire.ScanNumber(s.data, s.pos); !ok {
		return s.syntaxError("invalid number")
	}
	return nil
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

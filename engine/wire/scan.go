package wire

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// The lexical layer shared by every JSON reader of the engine: Reader,
// attr's DynamoDB JSON decoder and the snapshot's scanner. These functions
// work on positions in a byte slice and report where they stopped, so
// that each caller keeps its own errors (ErrSyntax here, DynamoDB's
// messages with offsets in attr, the snapshot's own messages).
//
// What a caller does with invalid UTF-8 in a string is its own choice,
// made explicit at the call: Reader and the snapshot replace it by U+FFFD
// as encoding/json does (Unescape), while attr rejects it with DynamoDB's
// SerializationException and so checks the bytes itself before
// unescaping.

// SkipSpace returns the position of the first byte of b at or after i
// that is not JSON white space (' ', '\t', '\n', '\r'), or len(b).
func SkipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// ScanNumber checks the JSON number that starts at b[i], which must be '-'
// or a digit: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. It returns
// the position after the number and true, or, when a digit is missing,
// the position where one was wanted and false.
func ScanNumber(b []byte, i int) (end int, ok bool) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++ // no leading zeros
	} else if i = digits(b, i); i < 0 {
		return -i - 1, false
	}
	if i < len(b) && b[i] == '.' {
		if i = digits(b, i+1); i < 0 {
			return -i - 1, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i = digits(b, i); i < 0 {
			return -i - 1, false
		}
	}
	return i, true
}

// digits skips one or more decimal digits from b[i] and returns the
// position after them, or -i-1 when there is none.
func digits(b []byte, i int) int {
	start := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == start {
		return -i - 1
	}
	return i
}

// Hex4 decodes the four hexadecimal digits (either case) at b[i:i+4], the
// XXXX of a \uXXXX escape. n is the number of digits read: 4 on success,
// otherwise b[i+n] is the first byte that is not a digit, or i+n is
// len(b).
func Hex4(b []byte, i int) (r rune, n int) {
	for ; n < 4 && i+n < len(b); n++ {
		c := b[i+n]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return r, n
		}
		r = r<<4 | rune(c)
	}
	return r, n
}

// StringError is what is wrong with a JSON string, for ScanString.
type StringError uint8

const (
	StringOK           StringError = iota
	StringUnterminated             // the text ends first (End is len(b))
	StringBadEscape                // '\\' then an invalid byte (End is that byte)
	StringBadHex                   // \u without four hex digits (End is after the u)
	StringControl                  // a raw byte below 0x20 (End is that byte)
)

// StringScan is what ScanString found.
type StringScan struct {
	// End is the position after the closing quote, or where the string
	// is wrong (see StringError).
	End int
	Err StringError
	// Escaped is true if an escape comes before End, ASCII if no raw byte
	// before End is 0x80 or above (escapes are ASCII).
	Escaped, ASCII bool
}

// ScanString checks the syntax of the JSON string whose opening quote is
// b[i]. It does not check UTF-8 (the caller decides, see ASCII).
func ScanString(b []byte, i int) StringScan {
	ascii, escaped := true, false
	i++
	for {
		// Skip plain bytes, 8 at a time while they last: ASCII while only
		// ASCII was seen, then any bytes but '"', '\\' and controls.
		if ascii {
			start := i
			for i+8 <= len(b) {
				if m := notPlainASCII(binary.LittleEndian.Uint64(b[i:])); m != 0 {
					// To the first byte that is not plain, at once.
					i += bits.TrailingZeros64(m) >> 3
					break
				}
				i += 8
				if i-start == longFrom {
					// A long string: to its closing quote at once, if
					// all of it is plain.
					if end := plainRun(b, i); end >= 0 {
						i = end
						break
					}
				}
			}
			for i < len(b) && byteClass[b[i]] == plainByte {
				i++
			}
		} else {
			for i+8 <= len(b) && plainAny(binary.LittleEndian.Uint64(b[i:])) {
				i += 8
			}
			for i < len(b) && byteClass[b[i]] != specialByte {
				i++
			}
		}
		if i >= len(b) {
			return StringScan{len(b), StringUnterminated, escaped, ascii}
		}
		switch c := b[i]; {
		case c == '"':
			return StringScan{i + 1, StringOK, escaped, ascii}
		case c == '\\':
			escaped = true
			if i+1 >= len(b) {
				return StringScan{len(b), StringUnterminated, escaped, ascii}
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, n := Hex4(b, i+2); n < 4 {
					return StringScan{i + 2, StringBadHex, escaped, ascii}
				}
				i += 6
			default:
				return StringScan{i + 1, StringBadEscape, escaped, ascii}
			}
		case c < 0x20:
			return StringScan{i, StringControl, escaped, ascii}
		default: // the first byte from 0x80 on
			ascii = false
			i++
		}
	}
}

// Classes of the bytes of a string, for ScanString.
const (
	plainByte   = iota // ASCII that stands for itself
	highByte           // 0x80 or above
	specialByte        // '"', '\\' or a control character
)

var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c < 0x20 || c == '"' || c == '\\':
			t[c] = specialByte
		case c >= utf8.RuneSelf:
			t[c] = highByte
		}
	}
	return t
}()

// plainAny reports whether none of the 8 bytes of x (little-endian) is
// '"', '\\' or below 0x20; unlike plainASCII, bytes from 0x80 on are plain
// here.
func plainAny(x uint64) bool {
	quote, backslash := x^('"'*ones), x^('\\'*ones)
	return ((quote-ones)&^quote|(backslash-ones)&^backslash|(x-0x20*ones)&^x)&highs == 0
}

// Unescape appends the value of a JSON string to dst, as encoding/json
// unquotes it, and returns the extended buffer. s is the string between
// its quotes and must be well formed (ScanString). Invalid UTF-8 and lone
// surrogate escapes become U+FFFD; a caller that must reject invalid
// UTF-8 checks s before.
func Unescape(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		j := bytes.IndexByte(s[i:], '\\')
		if j < 0 {
			return appendUTF8(dst, s[i:])
		}
		dst = appendUTF8(dst, s[i:i+j])
		i += j
		e := s[i+1]
		i += 2
		switch e {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			c1, _ := Hex4(s, i)
			i += 4
			if utf16.IsSurrogate(c1) {
				c2 := rune(-1)
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if r, n := Hex4(s, i+2); n == 4 {
						c2 = r
					}
				}
				if dec := utf16.DecodeRune(c1, c2); dec != utf8.RuneError {
					dst = utf8.AppendRune(dst, dec)
					i += 6
					continue
				}
				c1 = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, c1)
		default: // '"', '\\', '/'
			dst = append(dst, e)
		}
	}
	return dst
}

// appendUTF8 appends s with each byte of invalid UTF-8 replaced by U+FFFD.
func appendUTF8(dst, s []byte) []byte {
	if utf8.Valid(s) {
		return append(dst, s...)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		dst = utf8.AppendRune(dst, r)
		i += size
	}
	return dst
}

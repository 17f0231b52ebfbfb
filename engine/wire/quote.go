package wire

import "unicode/utf8"

// The string quoter of the writing half, shared by every writer of JSON in
// the engine (attr's values, ddberr's error bodies, the snapshot, the
// responses).

const hexDigits = "0123456789abcdef"

// needsEscape[c] is true for ASCII bytes that cannot appear raw in a JSON string.
var needsEscape = func() (t [utf8.RuneSelf]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'] = true
	t['\\'] = true
	return t
}()

// shortEscape[c] is the letter of the two-character escape of c, for the
// ASCII bytes that have one (0 for the others).
var shortEscape = [utf8.RuneSelf]byte{'"': '"', '\\': '\\', '\n': 'n', '\r': 'r', '\t': 't', '\b': 'b', '\f': 'f'}

// Bytes repeated in each byte of a 64-bit word, for testing 8 bytes of a
// string at a time.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainASCII reports whether the 8 bytes of x (little-endian, see load8)
// are ASCII that stands for itself in a JSON string: none below 0x20,
// none '"' or '\\', none 0x80 or above. (The word tricks: (x-n*ones)&^x&highs
// is non-zero iff some byte of x is below n, for n <= 0x80; with n = 1 on
// x^(c*ones), iff some byte of x is c.)
func plainASCII(x uint64) bool {
	quote, backslash := x^('"'*ones), x^('\\'*ones)
	return (x|(x-0x20*ones)&^x|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs == 0
}

// notPlainASCII is plainASCII's test as a mask: the high bit of each byte
// of x that is not plain ASCII is set, and no bit below the first such
// byte (a borrow only moves upward), so its trailing zeros count the plain
// bytes that start x (times 8). Zero when all 8 bytes are plain.
func notPlainASCII(x uint64) uint64 {
	quote, backslash := x^('"'*ones), x^('\\'*ones)
	return (x | (x-0x20*ones)&^x | (quote-ones)&^quote | (backslash-ones)&^backslash) & highs
}

// load8 returns s[i:i+8] as a little-endian word (binary.LittleEndian.Uint64
// for a string; the compiler makes it one load).
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// PlainString reports whether AppendString writes s as it is, between
// quotes: no byte of s needs escaping (no '"', '\\' or control
// character, no U+2028 or U+2029) and s is valid UTF-8. A writer that
// knows a string is plain can copy it instead of quoting it.
func PlainString(s string) bool {
	if len(s) >= longFrom && plainLong(s) {
		return true
	}
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plainASCII(load8(s, i)) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if needsEscape[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// AppendString appends s as a JSON string, as encoding/json writes it
// without HTML escaping (<, > and & stay as they are), and returns the
// extended buffer: '"' and '\\' are escaped, as are the control
// characters (\b \f \n \r \t, the others as \u00XX), U+2028 and U+2029;
// each byte of invalid UTF-8 becomes \ufffd.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Skip 8 plain ASCII bytes at a time.
		for i+8 <= len(s) && plainASCII(load8(s, i)) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if !needsEscape[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			if e := shortEscape[c]; e != 0 {
				dst = append(dst, '\\', e)
			} else {
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

package wire

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestPlainAny checks the eight-bytes-at-a-time test against the byte
// rule for every byte value at every position, among neighbours that
// stress borrows.
func TestPlainAny(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c != '"' && c != '\\' }
	for _, fill := range []byte{'a', ' ', 0x7f, 0x80, 0xff, '!', '#', '[', ']'} {
		t.Run(fmt.Sprintf("fill %#x", fill), func(t *testing.T) {
			for pos := range 8 {
				for v := range 256 {
					var w [8]byte
					for i := range w {
						w[i] = fill
					}
					w[pos] = byte(v)
					want := true
					for _, c := range w {
						want = want && plain(c)
					}
					if got := plainAny(binary.LittleEndian.Uint64(w[:])); got != want {
						t.Errorf("plainAny(% x) = %v, want %v", w, got, want)
					}
				}
			}
		})
	}
}

func TestSkipSpace(t *testing.T) {
	tests := []struct {
		in   string
		i    int
		want int
	}{
		{"", 0, 0},
		{"x", 0, 0},
		{" \t\r\nx", 0, 4},
		{"x  ", 1, 3},
		{"\v x", 0, 0}, // only JSON's four white space bytes
		{"\u00a0", 0, 0},
	}
	for _, tt := range tests {
		if got := SkipSpace([]byte(tt.in), tt.i); got != tt.want {
			t.Errorf("SkipSpace(%q, %d) = %d, want %d", tt.in, tt.i, got, tt.want)
		}
	}
}

func TestScanNumber(t *testing.T) {
	tests := []struct {
		in   string
		end  int
		want bool
	}{
		{"0", 1, true},
		{"-0", 2, true},
		{"123,", 3, true},
		{"01", 1, true}, // the number is 0; what follows is the caller's business
		{"-1.5e+10]", 8, true},
		{"2E-3", 4, true},
		{"1e5.5", 3, true},
		{"-", 1, false},
		{"-x", 1, false},
		{"1.", 2, false},
		{"1.e5", 2, false},
		{"1e", 2, false},
		{"1e+", 3, false},
		{"1.5e-x", 5, false},
	}
	for _, tt := range tests {
		end, ok := ScanNumber([]byte(tt.in), 0)
		if end != tt.end || ok != tt.want {
			t.Errorf("ScanNumber(%q) = %d, %v; want %d, %v", tt.in, end, ok, tt.end, tt.want)
		}
	}
}

func TestHex4(t *testing.T) {
	tests := []struct {
		in string
		r  rune
		n  int
	}{
		{"00e9", 0xe9, 4},
		{"FFfF", 0xffff, 4},
		{"d83dx", 0xd83d, 4},
		{"12", 0x12, 2},
		{"12g4", 0x12, 2},
		{"", 0, 0},
		{"x", 0, 0},
	}
	for _, tt := range tests {
		r, n := Hex4([]byte(tt.in), 0)
		if n != tt.n || (n == 4 && r != tt.r) {
			t.Errorf("Hex4(%q) = %#x, %d; want %#x, %d", tt.in, r, n, tt.r, tt.n)
		}
	}
}

// TestScanString checks what ScanString reports, with the special bytes at
// every offset around the eight-byte steps.
func TestScanString(t *testing.T) {
	tests := []struct {
		name, tail string
		err        StringError
		at         int // End - len(head), for errors
		escaped    bool
		ascii      bool
	}{
		{"quote", `"`, StringOK, 0, false, true},
		{"escape", `\"x"`, StringOK, 0, true, true},
		{"unicode escape", `\u00e9"`, StringOK, 0, true, true},
		{"non-ASCII", "é\"", StringOK, 0, false, false},
		{"non-ASCII then long", "é" + strings.Repeat("y", 20) + `\n"`, StringOK, 0, true, false},
		{"invalid UTF-8", "\xff\"", StringOK, 0, false, false},
		{"control", "\x01\"", StringControl, 0, false, true},
		{"bad escape", `\x"`, StringBadEscape, 1, true, true},
		{"bad hex", `\u12x4"`, StringBadHex, 2, true, true},
		{"short hex", `\u12`, StringBadHex, 2, true, true},
		{"backslash at end", `\`, StringUnterminated, 1, true, true},
		{"unterminated", ``, StringUnterminated, 0, false, true},
	}
	for _, tt := range tests {
		for n := range 20 {
			t.Run(fmt.Sprintf("%s after %d", tt.name, n), func(t *testing.T) {
				head := `"` + strings.Repeat("x", n)
				text := head + tt.tail
				data := []byte(text)
				if tt.err == StringOK {
					data = append(data, ',')
				}
				got := ScanString(data, 0)
				want := StringScan{End: len(text), Err: tt.err, Escaped: tt.escaped, ASCII: tt.ascii}
				if tt.err != StringOK {
					want.End = len(head) + tt.at
				}
				if got != want {
					t.Errorf("ScanString(%q) = %+v, want %+v", data, got, want)
				}
			})
		}
	}
}

// TestUnescape checks Unescape against encoding/json on well-formed
// strings, including invalid UTF-8 and lone surrogates.
func TestUnescape(t *testing.T) {
	for _, raw := range []string{`""`, `"plain"`, `"a\"b\\c\/d"`, `"\b\f\n\r\t"`, `"\u00e9\u4e2d"`,
		`"\ud83d\ude00"`, `"\ud83d"`, `"\ude00x"`, `"\ud83d\u0041"`, `"\ud83d\ud83d\ude00"`, `"é<>&"`,
		`"\u0000"`, "\"\xff\\n\xe2\x80\"", "\"\xe2\x80\\u0041\xed\xa0\x80\"", `"\u2028x\\"`} {
		var want string
		if err := json.Unmarshal([]byte(raw), &want); err != nil {
			t.Fatalf("encoding/json rejects %q: %v", raw, err)
		}
		if sc := ScanString([]byte(raw), 0); sc.Err != StringOK || sc.End != len(raw) {
			t.Fatalf("ScanString(%q) = %+v", raw, sc)
		}
		if got := string(Unescape([]byte("x"), []byte(raw[1:len(raw)-1]))); got != "x"+want {
			t.Errorf("Unescape(%q) = %q, want %q", raw, got, "x"+want)
		}
	}
}

// scanStringByBytes is ScanString one byte at a time, the reference for
// FuzzScanString.
func scanStringByBytes(b []byte, i int) StringScan {
	ascii, escaped := true, false
	for i++; i < len(b); {
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
		default:
			if c >= 0x80 {
				ascii = false
			}
			i++
		}
	}
	return StringScan{len(b), StringUnterminated, escaped, ascii}
}

// FuzzScanString checks ScanString, which skips plain bytes a word (and
// a long run) at a time, against scanStringByBytes.
func FuzzScanString(f *testing.F) {
	for _, s := range []string{`"user#12345", "x"`, `"a\"b"`, `"x` + strings.Repeat("y", 40) + `"z`,
		"\"caf\u00e9\x01\"", `"\u12x4"`, `"` + strings.Repeat("ab", 30) + `\n` + strings.Repeat("c", 20) + `"`,
		`"` + strings.Repeat("a", 33), "\"abcdefg\x7f\xff\"", `"abcdefgh\`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || data[0] != '"' {
			data = append([]byte{'"'}, data...)
		}
		if got, want := ScanString(data, 0), scanStringByBytes(data, 0); got != want {
			t.Fatalf("ScanString(%q) = %+v, want %+v", data, got, want)
		}
	})
}

package snapshot

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestPlainWord checks the eight-bytes-at-a-time test against plain for
// every byte value at every position, among neighbours that stress borrows.
func TestPlainWord(t *testing.T) {
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
						want = want && plain[c]
					}
					if got := plainWord(binary.LittleEndian.Uint64(w[:])); got != want {
						t.Errorf("plainWord(% x) = %v, want %v", w, got, want)
					}
				}
			}
		})
	}
}

// TestScanner_Str checks where a string ends, or fails, with the special
// byte at every offset around the eight-byte steps.
func TestScanner_Str(t *testing.T) {
	tests := []struct {
		name, tail string
		wantErr    bool
	}{
		{"quote", `"`, false},
		{"escape", `\"x"`, false},
		{"unicode escape", `\u00e9"`, false},
		{"non-ASCII", "é\"", false},
		{"control", "\x01\"", true},
		{"bad escape", `\x"`, true},
		{"unterminated", ``, true},
	}
	for _, tt := range tests {
		for n := range 20 {
			t.Run(fmt.Sprintf("%s after %d", tt.name, n), func(t *testing.T) {
				text := `"` + strings.Repeat("x", n) + tt.tail
				s := &scanner{data: []byte(text + ",")}
				got, err := s.str()
				if tt.wantErr {
					if err == nil {
						t.Fatalf("str(%q) = %q, want an error", text, got)
					}
					return
				}
				if err != nil || string(got) != text {
					t.Fatalf("str(%q) = %q, %v; want the whole text", text, got, err)
				}
			})
		}
	}
}

func TestUnquote_MatchesEncodingJSON(t *testing.T) {
	for _, raw := range []string{`""`, `"plain"`, `"a\"b\\c\/d"`, `"\b\f\n\r\t"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00"`,
		`"\ud83d"`, `"\ude00x"`, `"é<>&"`, `"\u0000"`, `"bad \x"`, `"\u12"`} {
		got, err := unquote([]byte(raw))
		var want string
		wantErr := json.Unmarshal([]byte(raw), &want)
		if (err == nil) != (wantErr == nil) || got != want {
			t.Errorf("unquote(%s) = %q, %v; encoding/json gives %q, %v", raw, got, err, want, wantErr)
		}
	}
}

package snapshot

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

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

// TestScanner_StrErrors pins the snapshot's own messages and offsets for
// the errors wire's shared string scanner finds.
func TestScanner_StrErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\"ab\x01\"", "control character in string at byte 3"},
		{`"ab\x"`, "invalid escape at byte 4"},
		{`"ab\u12x4"`, `invalid \u escape at byte 7`},
		{`"ab\u12`, "unexpected end of input"},
		{`"ab\`, "unexpected end of input"},
		{`"ab`, "unexpected end of input"},
	}
	for _, tt := range tests {
		s := &scanner{data: []byte(tt.in)}
		if _, err := s.str(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("str(%q) error %v, want one with %q", tt.in, err, tt.want)
		}
	}
}

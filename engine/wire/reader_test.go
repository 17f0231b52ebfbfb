package wire

import (
	"encoding/json"
	"strings"
	"testing"
)

var readerSeeds = []string{
	``, ` `, `null`, `{}`, `[]`, `{"a":1}`, `{"a":1,}`, `[1,]`, `{"a" 1}`, `01`, `-`, `1.`, `.5`, `1e`, `1e+5`,
	`-0.0E-0`, `tru`, `true `, `"\u00e9"`, `"\ud83d\ude00"`, `"\ud800"`, `"\udc00\ud800"`, `"\ud800\u0041"`,
	"\"\xff\xfe\"", "\"\xed\xa0\x80\"", `"\x"`, `"\u12"`, "\"\x01\"", `"a\/b"`, `{"a":[{"b":null}]}`, `{}{}`,
	"\f{}", `{"\u0061":"b"}`,
}

// TestValid compares Valid with encoding/json's.
func TestValid(t *testing.T) {
	for _, s := range append(readerSeeds, strings.Repeat("[", MaxDepth)+strings.Repeat("]", MaxDepth),
		strings.Repeat("[", MaxDepth+1)+strings.Repeat("]", MaxDepth+1)) {
		if got, want := Valid([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%.40q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzReader compares Valid, String and Int64 with encoding/json (the
// value only where both succeed: on an error the reader may have stored it).
func FuzzReader(f *testing.F) {
	for _, s := range readerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := Valid(b), json.Valid(b); got != want {
			t.Fatalf("Valid(%q) = %v, want %v", b, got, want)
		}
		var r Reader
		r.Reset(b)
		var s string
		r.String(&s)
		var ws string
		werr := json.Unmarshal(b, &ws)
		if err := r.End(); (err == nil) != (werr == nil) || err == nil && s != ws {
			t.Fatalf("String(%q) = %q, %v; want %q, %v", b, s, err, ws, werr)
		}
		r.Reset(b)
		var n int64
		r.Int64(&n)
		var wn int64
		werr = json.Unmarshal(b, &wn)
		if err := r.End(); (err == nil) != (werr == nil) || err == nil && n != wn {
			t.Fatalf("Int64(%q) = %d, %v; want %d, %v", b, n, err, wn, werr)
		}
	})
}

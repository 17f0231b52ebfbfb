package wire

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestAppendString_EveryRune checks the quoting of every byte and of
// every rune (alone and between other text) against encoding/json.
func TestAppendString_EveryRune(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.ReplaceAll(want, []byte(`\u003c`), []byte("<"))
		want = bytes.ReplaceAll(want, []byte(`\u003e`), []byte(">"))
		want = bytes.ReplaceAll(want, []byte(`\u0026`), []byte("&"))
		if got := AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	for b := range 256 {
		check(string([]byte{byte(b)}))
		check("ab" + string([]byte{byte(b)}) + "cd")
	}
	for c := rune(0); c <= utf8.MaxRune; c++ {
		if c&0xFF == 0 || c < 0x3000 {
			check(string(c))
			check("x" + string(c) + "\xe2\x80y")
		}
	}
}

// TestPlainASCII checks the word test AppendString skips plain ASCII with,
// against the byte rule, for every byte value at every position.
func TestPlainASCII(t *testing.T) {
	ok := func(c byte) bool { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' }
	for c := range 256 {
		for pos := range 8 {
			for _, fill := range []byte{'a', 0x7f, 0x20, 0x21, 0x23, 0x5b, 0x5d, '~'} {
				b := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				b[pos] = byte(c)
				if got, want := plainASCII(load8(string(b), 0)), ok(byte(c)); got != want {
					t.Fatalf("plainASCII(%q) = %v", b, got)
				}
			}
		}
	}
	for c1 := range 256 {
		for c2 := range 256 {
			b := []byte{'x', byte(c1), 'y', 'z', byte(c2), 'q', 'r', 's'}
			if got, want := plainASCII(load8(string(b), 0)), ok(byte(c1)) && ok(byte(c2)); got != want {
				t.Fatalf("plainASCII(%q) = %v", b, got)
			}
		}
	}
}

// plainOracle is PlainString by its definition: AppendString writes s
// unchanged between quotes.
func plainOracle(s string) bool { return string(AppendString(nil, s)) == `"`+s+`"` }

// TestPlainString checks PlainString against its definition for every
// byte and every rune, alone and in longer text (past the 8-byte words).
func TestPlainString(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := PlainString(s), plainOracle(s); got != want {
			t.Fatalf("PlainString(%q) = %v, want %v", s, got, want)
		}
	}
	check("")
	check("a plain string of some length, past two words")
	for b := range 256 {
		check(string([]byte{byte(b)}))
		check("abcdefghij" + string([]byte{byte(b)}) + "klmnopqrstuvwxyz")
	}
	for c := rune(0); c <= utf8.MaxRune; c++ {
		if c&0xFF == 0 || c < 0x3000 {
			check(string(c))
			check("0123456789" + string(c) + "abcdefgh")
			check("x" + string(c) + "\xe2\x80y")
		}
	}
}

func FuzzPlainString(f *testing.F) {
	for _, s := range []string{"", "plain", "with \"quote\"", "tab\there", "é\u2028", "\xff", strings.Repeat("long text ", 10)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := PlainString(s), plainOracle(s); got != want {
			t.Fatalf("PlainString(%q) = %v, want %v", s, got, want)
		}
	})
}

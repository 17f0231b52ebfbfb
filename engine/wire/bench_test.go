package wire

import (
	"strings"
	"testing"
)

// benchStrings are JSON strings (with their quotes) of the kinds the
// engine reads and writes most: short names and values, long plain text,
// text with escapes, and non-ASCII text.
var benchStrings = []struct{ name, text string }{
	{"short", `"user#12345"`},
	{"long", `"` + strings.Repeat("a short description ", 40) + `"`},
	{"escaped", `"` + strings.Repeat(`{\"S\":\"a short description\"}, `, 40) + `"`},
	{"unicode", `"` + strings.Repeat("a short déscription ", 40) + `"`},
}

func BenchmarkScanString(b *testing.B) {
	for _, bs := range benchStrings {
		b.Run(bs.name, func(b *testing.B) {
			data := []byte(bs.text)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if sc := ScanString(data, 0); sc.Err != StringOK {
					b.Fatal(sc)
				}
			}
		})
	}
}

func BenchmarkAppendString(b *testing.B) {
	for _, bs := range benchStrings {
		b.Run(bs.name, func(b *testing.B) {
			var s string
			if err := unquoteForBench(bs.text, &s); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(s)))
			var buf []byte
			for b.Loop() {
				buf = AppendString(buf[:0], s)
			}
		})
	}
}

// unquoteForBench unquotes text with a Reader.
func unquoteForBench(text string, s *string) error {
	var r Reader
	r.Reset([]byte(text))
	r.String(s)
	return r.End()
}

func BenchmarkPlainString(b *testing.B) {
	for _, bs := range benchStrings {
		b.Run(bs.name, func(b *testing.B) {
			var s string
			if err := unquoteForBench(bs.text, &s); err != nil {
				b.Fatal(err)
			}
			want := PlainString(s)
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				if PlainString(s) != want {
					b.Fatal("PlainString changed its answer")
				}
			}
		})
	}
}

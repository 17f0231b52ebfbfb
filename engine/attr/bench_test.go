package attr

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// item1KB is a typical item of about 1 KB in DynamoDB JSON.
var item1KB = func() []byte {
	var b strings.Builder
	b.WriteString(`{"pk":{"S":"user#12345"},"sk":{"S":"order#2024-01-01T00:00:00Z"},"total":{"N":"1234.56"},`)
	b.WriteString(`"paid":{"BOOL":true},"note":{"NULL":true},"tags":{"SS":["a","b","c","d"]},"qty":{"NS":["1","2","3"]},`)
	b.WriteString(`"blob":{"B":"AAECAwQFBgcICQoLDA0ODw=="},"lines":{"L":[`)
	for i := range 8 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"M":{"sku":{"S":"SKU-%04d"},"price":{"N":"%d.99"},"count":{"N":"%d"},"desc":{"S":"a short description of item %d"}}}`, i, i*7, i+1, i)
	}
	b.WriteString(`]}}`)
	return []byte(b.String())
}()

func BenchmarkItemJSON(b *testing.B) {
	var it Item
	if err := json.Unmarshal(item1KB, &it); err != nil {
		b.Fatal(err)
	}
	b.Run("Unmarshal", func(b *testing.B) {
		b.SetBytes(int64(len(item1KB)))
		for b.Loop() {
			var it Item
			if err := it.UnmarshalJSON(item1KB); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Marshal", func(b *testing.B) {
		b.SetBytes(int64(len(item1KB)))
		var buf []byte
		for b.Loop() {
			buf = AppendItemJSON(buf[:0], it)
		}
	})
	b.Run("MarshalEncodingJSON", func(b *testing.B) {
		b.SetBytes(int64(len(item1KB)))
		for b.Loop() {
			if _, err := json.Marshal(it); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAppendKey(b *testing.B) {
	for _, v := range []Value{S("user#12345"), B([]byte("\x00\x01binary-key")), mustN(b, "1234.56"), mustN(b, "-0.000123456789012345678901234567890123")} {
		b.Run(v.Type().String()+"/"+strings.Trim(v.String(), "{}"), func(b *testing.B) {
			var buf []byte
			for b.Loop() {
				buf = AppendKey(buf[:0], v)
			}
		})
	}
}

func BenchmarkCompareN(b *testing.B) {
	pairs := []struct{ name, a, b string }{
		{"small", "12", "13"},
		{"fraction", "1234.5678", "1234.5679"},
		{"signs", "-5", "5"},
		{"38 digits", "1234567890123456789012345678901234567.8", "1234567890123456789012345678901234567.9"},
	}
	for _, p := range pairs {
		x, y := mustN(b, p.a), mustN(b, p.b)
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				if c, _ := Compare(x, y); c == 0 {
					b.Fatal("equal")
				}
			}
		})
	}
}

func BenchmarkN(b *testing.B) {
	for _, s := range []string{"12", "1234.5600", "1.5e10", "-0.000000123"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				if _, err := N(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

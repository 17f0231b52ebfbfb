package attr

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// sign returns -1, 0 or +1 for c.
func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

func randomKeyValue(r *rand.Rand, t Type) Value {
	switch t {
	case TypeN:
		for {
			if v, err := N(randomNumberText(r)); err == nil {
				return v
			}
		}
	default:
		// Small alphabets with 0x00 and 0xFF make prefixes and escapes common.
		alphabet := []byte{0x00, 0x01, 'a', 'b', 0xFF}
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if t == TypeS {
			return S(string(b))
		}
		return B(b)
	}
}

func TestAppendKey_OrderMatchesCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, typ := range []Type{TypeS, TypeN, TypeB} {
		t.Run(typ.String(), func(t *testing.T) {
			for i := range 20000 {
				a, b := randomKeyValue(r, typ), randomKeyValue(r, typ)
				want, ok := Compare(a, b)
				if !ok {
					t.Fatalf("Compare(%v, %v) not ok", a, b)
				}
				if got := sign(bytes.Compare(AppendKey(nil, a), AppendKey(nil, b))); got != want {
					t.Fatalf("case %d: bytes order of %v, %v = %d, Compare = %d", i, a, b, got, want)
				}
			}
		})
	}
}

func TestAppendKey_Composite(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	types := []Type{TypeS, TypeN, TypeB}
	for i := range 20000 {
		ht, rt := types[r.IntN(3)], types[r.IntN(3)]
		a := [2]Value{randomKeyValue(r, ht), randomKeyValue(r, rt)}
		b := [2]Value{randomKeyValue(r, ht), randomKeyValue(r, rt)}
		if r.IntN(2) == 0 {
			b[0] = a[0] // equal first parts exercise the second
		}
		want, _ := Compare(a[0], b[0])
		if want == 0 {
			want, _ = Compare(a[1], b[1])
		}
		ka := AppendKey(AppendKey(nil, a[0]), a[1])
		kb := AppendKey(AppendKey(nil, b[0]), b[1])
		if got := sign(bytes.Compare(ka, kb)); got != want {
			t.Fatalf("case %d: (%v, %v) vs (%v, %v): bytes %d, want %d", i, a[0], a[1], b[0], b[1], got, want)
		}
	}
}

func TestAppendKey_Values(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want []byte
	}{
		{"S", S("ab"), []byte{'a', 'b', 0, 1}},
		{"S with zero byte", S("a\x00"), []byte{'a', 0, 0xFF, 0, 1}},
		{"S empty", S(""), []byte{0, 1}},
		{"B", B([]byte{0xFF, 0}), []byte{0xFF, 0, 0xFF, 0, 1}},
		{"N zero", mustN(t, "0"), []byte{keyNumZero}},
		{"N 1", mustN(t, "1"), []byte{keyNumPos, byte(1 - minExp), 11, 0}},
		{"N 12.5", mustN(t, "12.5"), []byte{keyNumPos, byte(2 - minExp), 13, 51, 0}},
		{"N -1", mustN(t, "-1"), []byte{keyNumNeg, ^byte(1 - minExp), ^byte(11), 0xFF}},
		{"N 1E-130", mustN(t, "1E-130"), []byte{keyNumPos, 0, 11, 0}},
		{"N max", mustN(t, "9E+125"), []byte{keyNumPos, 255, 91, 0}},
		{"not a key type", Bool(true), nil},
		{"zero Value", Value{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AppendKey([]byte("p"), tt.v)
			if want := append([]byte("p"), tt.want...); !bytes.Equal(got, want) {
				t.Errorf("AppendKey = %x, want %x", got, want)
			}
		})
	}
}

func ExampleAppendKey() {
	type entry struct {
		key  []byte
		text string
	}
	var entries []entry
	for _, text := range []string{"10", "-2.5", "9", "0", "0.001", "-10"} {
		n, _ := N(text)
		entries = append(entries, entry{AppendKey(nil, n), text})
	}
	// Ordering the encodings with bytes.Compare alone gives numeric order.
	slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.key, b.key) })
	for _, e := range entries {
		fmt.Printf("%-5s % x\n", e.text, e.key)
	}
	// Output:
	// -10   01 7c f4 ff
	// -2.5  01 7d e5 ff
	// 0     02
	// 0.001 03 7f 0b 00
	// 9     03 82 5b 00
	// 10    03 83 0b 00
}

func FuzzAppendKey(f *testing.F) {
	f.Add("1", "2", []byte("a"), []byte("a\x00"))
	f.Add("-0.5", "0", []byte{}, []byte{0xFF})
	f.Add("1E+125", "-1E-130", []byte{0, 0}, []byte{0})
	f.Add("12.5", "12.50001", []byte("ab"), []byte("b"))
	f.Fuzz(func(t *testing.T, n1, n2 string, b1, b2 []byte) {
		check := func(a, b Value) {
			want, ok := Compare(a, b)
			if !ok {
				t.Fatalf("Compare(%v, %v) not ok", a, b)
			}
			if got := sign(bytes.Compare(AppendKey(nil, a), AppendKey(nil, b))); got != want {
				t.Fatalf("bytes order of %v, %v = %d, Compare = %d", a, b, got, want)
			}
		}
		check(B(b1), B(b2))
		check(S(string(b1)), S(string(b2)))
		x, err1 := N(n1)
		y, err2 := N(n2)
		if err1 == nil && err2 == nil {
			check(x, y)
		}
	})
}

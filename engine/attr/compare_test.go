package attr

import (
	"fmt"
	"testing"
)

func TestEqual(t *testing.T) {
	bigA := make([]string, 40)
	bigB := make([]string, 40)
	for i := range bigA {
		bigA[i] = fmt.Sprint(i)
		bigB[len(bigB)-1-i] = fmt.Sprint(i)
	}
	bigC := append([]string{}, bigB...)
	bigC[0] = "x"
	tests := []struct {
		name string
		a, b Value
		want bool
	}{
		{"zero", Value{}, Value{}, true},
		{"zero vs NULL", Value{}, Null(), false},
		{"S", S("a"), S("a"), true},
		{"S differs", S("a"), S("b"), false},
		{"S vs B", S("a"), B([]byte("a")), false},
		{"N numeric", mustN(t, "1.0"), mustN(t, "1"), true},
		{"N exponent", mustN(t, "1e2"), mustN(t, "100"), true},
		{"N differs", mustN(t, "1"), mustN(t, "-1"), false},
		{"N vs S", mustN(t, "1"), S("1"), false},
		{"B", B([]byte{0, 1}), B([]byte{0, 1}), true},
		{"BOOL", Bool(true), Bool(true), true},
		{"BOOL differs", Bool(true), Bool(false), false},
		{"NULL", Null(), Null(), true},
		{"SS order ignored", mustSet(t, TypeSS, "a", "b"), mustSet(t, TypeSS, "b", "a"), true},
		{"SS differs", mustSet(t, TypeSS, "a", "b"), mustSet(t, TypeSS, "a", "c"), false},
		{"SS sizes", mustSet(t, TypeSS, "a", "b"), mustSet(t, TypeSS, "a"), false},
		{"large SS order ignored", mustSet(t, TypeSS, bigA...), mustSet(t, TypeSS, bigB...), true},
		{"large SS differs", mustSet(t, TypeSS, bigA...), mustSet(t, TypeSS, bigC...), false},
		{"NS numeric members", mustSet(t, TypeNS, "1.0", "2"), mustSet(t, TypeNS, "2", "1"), true},
		{"NS vs SS", mustSet(t, TypeNS, "1"), mustSet(t, TypeSS, "1"), false},
		{"BS", mustSet(t, TypeBS, "a", "b"), mustSet(t, TypeBS, "b", "a"), true},
		{"L", L([]Value{S("a"), mustN(t, "1")}), L([]Value{S("a"), mustN(t, "1.00")}), true},
		{"L order matters", L([]Value{S("a"), S("b")}), L([]Value{S("b"), S("a")}), false},
		{"L lengths", L([]Value{S("a")}), L(nil), false},
		{"M deep", M(map[string]Value{"x": L([]Value{M(nil)})}), M(map[string]Value{"x": L([]Value{M(map[string]Value{})})}), true},
		{"M differs", M(map[string]Value{"x": S("a")}), M(map[string]Value{"y": S("a")}), false},
		{"M value differs", M(map[string]Value{"x": S("a")}), M(map[string]Value{"x": S("b")}), false},
		{"M sizes", M(map[string]Value{"x": S("a")}), M(nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Equal(tt.a, tt.b); got != tt.want {
				t.Errorf("Equal(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := Equal(tt.b, tt.a); got != tt.want {
				t.Errorf("Equal(%v, %v) = %v, want %v", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name   string
		a, b   Value
		want   int
		wantOK bool
	}{
		{"S less", S("a"), S("b"), -1, true},
		{"S prefix", S("a"), S("ab"), -1, true},
		{"S equal", S("x"), S("x"), 0, true},
		{"S by UTF-8 bytes", S("\uffff"), S("\U00010000"), -1, true},
		{"S uppercase first", S("Z"), S("a"), -1, true},
		{"B unsigned", B([]byte{0x7f}), B([]byte{0x80}), -1, true},
		{"B empty first", B(nil), B([]byte{0}), -1, true},
		{"N numeric not text", mustN(t, "9"), mustN(t, "10"), -1, true},
		{"N negative", mustN(t, "-10"), mustN(t, "-9"), -1, true},
		{"N fractions", mustN(t, "0.25"), mustN(t, "0.5"), -1, true},
		{"N zero", mustN(t, "-0.5"), mustN(t, "0"), -1, true},
		{"N equal", mustN(t, "1.0"), mustN(t, "1"), 0, true},
		{"N greater", mustN(t, "100.5"), mustN(t, "100.25"), 1, true},
		{"types differ", S("1"), mustN(t, "1"), 0, false},
		{"BOOL", Bool(false), Bool(true), 0, false},
		{"sets", mustSet(t, TypeSS, "a"), mustSet(t, TypeSS, "b"), 0, false},
		{"zero", Value{}, Value{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Compare(tt.a, tt.b)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Compare(%v, %v) = %d, %v; want %d, %v", tt.a, tt.b, got, ok, tt.want, tt.wantOK)
			}
			if ok {
				if rev, _ := Compare(tt.b, tt.a); rev != -got {
					t.Errorf("Compare reversed = %d, want %d", rev, -got)
				}
			}
		})
	}
}

func TestType_Names(t *testing.T) {
	for typ := TypeS; typ <= TypeBS; typ++ {
		t.Run(typ.String(), func(t *testing.T) {
			got, ok := ParseType(typ.String())
			if !ok || got != typ {
				t.Errorf("ParseType(%q) = %v, %v; want %v", typ.String(), got, ok, typ)
			}
		})
	}
	for _, bad := range []string{"", "s", "STRING", "Bs"} {
		if got, ok := ParseType(bad); ok || got != 0 {
			t.Errorf("ParseType(%q) = %v, %v; want 0, false", bad, got, ok)
		}
	}
	if got := Type(0).String(); got != "" {
		t.Errorf("Type(0).String() = %q, want empty", got)
	}
}

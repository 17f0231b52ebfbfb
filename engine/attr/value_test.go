package attr

import "testing"

func TestAccessors(t *testing.T) {
	l := []Value{S("a")}
	m := map[string]Value{"k": Null()}
	ss := mustSet(t, TypeSS, "x")
	n := mustN(t, "1.5")
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"Str of S", S("a").Str(), "a"},
		{"Str of N", n.Str(), ""},
		{"NumText of N", n.NumText(), "1.5"},
		{"NumText of S", S("1").NumText(), ""},
		{"Bytes of B", string(B([]byte("b")).Bytes()), "b"},
		{"Bytes of S", S("b").Bytes() == nil, true},
		{"Bytes of empty B", B(nil).Bytes() != nil && len(B(nil).Bytes()) == 0, true},
		{"BoolValue true", Bool(true).BoolValue(), true},
		{"BoolValue false", Bool(false).BoolValue(), false},
		{"BoolValue of S", S("1").BoolValue(), false},
		{"List of L", len(L(l).List()), 1},
		{"List of nil L", L(nil).List() != nil, true},
		{"List of SS", ss.List() == nil, true},
		{"Map of M", len(M(m).Map()), 1},
		{"Map of nil M", M(nil).Map() != nil, true},
		{"Map of L", L(l).Map() == nil, true},
		{"Members of SS", len(ss.Members()), 1},
		{"Members of L", L(l).Members() == nil, true},
		{"IsScalarKey N", TypeN.IsScalarKey(), true},
		{"IsScalarKey BOOL", TypeBOOL.IsScalarKey(), false},
		{"IsSet NS", TypeNS.IsSet(), true},
		{"IsSet L", TypeL.IsSet(), false},
		{"zero IsZero", Value{}.IsZero(), true},
		{"NULL IsZero", Null().IsZero(), false},
		{"unknown Type name", Type(200).String(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}

func TestB_CopiesBytes(t *testing.T) {
	b := []byte("ab")
	v := B(b)
	b[0] = 'x'
	out := v.Bytes()
	out[1] = 'y'
	if got := string(v.Bytes()); got != "ab" {
		t.Errorf("B value changed through its input or output slice: got %q, want %q", got, "ab")
	}
}

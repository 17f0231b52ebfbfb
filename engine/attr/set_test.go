package attr

import (
	"fmt"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

func TestSets_Errors(t *testing.T) {
	dup := func(s string) string { return fmt.Sprintf(msgSetDuplicates, s) }
	tests := []struct {
		name string
		make func() (Value, error)
		want string
	}{
		{"SS empty", func() (Value, error) { return SS(nil) }, "One or more parameter values were invalid: An string set  may not be empty"},
		{"NS empty", func() (Value, error) { return NS([]string{}) }, "One or more parameter values were invalid: An number set  may not be empty"},
		{"BS empty", func() (Value, error) { return BS(nil) }, "One or more parameter values were invalid: An binary set  may not be empty"},
		{"SS duplicates", func() (Value, error) { return SS([]string{"a", "a"}) }, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{"SS duplicates apart", func() (Value, error) { return SS([]string{"a", "b", "c", "b"}) }, dup("[a, b, c, b]")},
		{"NS numeric duplicates", func() (Value, error) { return NS([]string{"1", "1.0"}) }, dup("[1, 1.0]")},
		{"NS exponent duplicates", func() (Value, error) { return NS([]string{"100", "2", "1e2"}) }, dup("[100, 2, 1e2]")},
		{"NS zero duplicates", func() (Value, error) { return NS([]string{"0", "-0"}) }, dup("[0, -0]")},
		{"NS invalid member", func() (Value, error) { return NS([]string{"1", "x"}) }, fmt.Sprintf(msgNumberInvalid, "x")},
		{"NS overflow member", func() (Value, error) { return NS([]string{"1E200"}) }, msgNumberOverflow},
		{"BS duplicates", func() (Value, error) { return BS([][]byte{[]byte("a"), []byte("a")}) }, dup("[YQ==, YQ==]")},
		{"SS many duplicates", func() (Value, error) {
			m := make([]string, 40)
			for i := range m {
				m[i] = fmt.Sprint(i % 39)
			}
			return SS(m)
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.make()
			if tt.want == "" {
				if err == nil || !isDDBError(err) {
					t.Fatalf("got %v, %v; want a duplicates error", v, err)
				}
				return
			}
			wantError(t, err, ddberr.TypeValidation, tt.want)
		})
	}
}

func TestSets_Valid(t *testing.T) {
	tests := []struct {
		name string
		make func() (Value, error)
		want string
	}{
		{"SS", func() (Value, error) { return SS([]string{"b", "a", ""}) }, `{"SS":["b","a",""]}`},
		{"NS canonical", func() (Value, error) { return NS([]string{"1.50", "1e2", "-0"}) }, `{"NS":["1.5","100","0"]}`},
		{"NS close numbers", func() (Value, error) { return NS([]string{"1", "1.0000000000000000000000000000000000001"}) }, `{"NS":["1","1.0000000000000000000000000000000000001"]}`},
		{"BS", func() (Value, error) { return BS([][]byte{{0}, {}, {0xff}}) }, `{"BS":["AA==","","/w=="]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBS_CopiesMembers(t *testing.T) {
	b := []byte("ab")
	v, err := BS([][]byte{b})
	if err != nil {
		t.Fatal(err)
	}
	b[0] = 'x'
	if got := string(v.Members()[0].Bytes()); got != "ab" {
		t.Errorf("member changed with its source: got %q, want %q", got, "ab")
	}
}

func TestSetOf(t *testing.T) {
	many := make([]Value, 0, 60)
	for i := range 60 {
		many = append(many, S(fmt.Sprint(i%30)))
	}
	tests := []struct {
		name    string
		typ     Type
		members []Value
		want    string
	}{
		{"SS", TypeSS, []Value{S("a"), S("b")}, `{"SS":["a","b"]}`},
		{"NS drops duplicates", TypeNS, []Value{mustN(t, "1"), mustN(t, "2"), mustN(t, "1.0")}, `{"NS":["1","2"]}`},
		{"BS", TypeBS, []Value{B([]byte("a"))}, `{"BS":["YQ=="]}`},
		{"empty is zero", TypeSS, nil, "null"},
		{"wrong member types ignored", TypeSS, []Value{S("a"), mustN(t, "1"), B(nil)}, `{"SS":["a"]}`},
		{"only wrong member types", TypeNS, []Value{S("a")}, "null"},
		{"not a set type", TypeL, []Value{S("a")}, "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SetOf(tt.typ, tt.members).String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	t.Run("many duplicates", func(t *testing.T) {
		v := SetOf(TypeSS, many)
		if got := len(v.Members()); got != 30 {
			t.Errorf("got %d members, want 30", got)
		}
	})
}

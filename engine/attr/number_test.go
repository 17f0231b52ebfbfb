package attr

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

func TestN_Canonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"+0", "0"},
		{"0.000", "0"},
		{"-0.0e10", "0"},
		{"0e999999999999999999", "0"},
		{"1", "1"},
		{"+5", "5"},
		{"-5", "-5"},
		{"1.50", "1.5"},
		{"1.0", "1"},
		{"01.10", "1.1"},
		{"1e2", "100"},
		{"1E2", "100"},
		{"1E+2", "100"},
		{"1.5e1", "15"},
		{"1.25e1", "12.5"},
		{"15e-1", "1.5"},
		{"1e-2", "0.01"},
		{"0.0001", "0.0001"},
		{".5", "0.5"},
		{"5.", "5"},
		{"-.5", "-0.5"},
		{"100", "100"},
		{"1200.00", "1200"},
		{"-1200.0010", "-1200.001"},
		{"0.00012300e3", "0.123"},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345678"},
		{"1234567890123456789012345678901234567800000", "1234567890123456789012345678901234567800000"},
		{"0.12345678901234567890123456789012345678", "0.12345678901234567890123456789012345678"},
		{"1E+125", "1" + strings.Repeat("0", 125)},
		{"9.9999999999999999999999999999999999999E+125", strings.Repeat("9", 38) + strings.Repeat("0", 88)},
		{"-9.9999999999999999999999999999999999999E+125", "-" + strings.Repeat("9", 38) + strings.Repeat("0", 88)},
		{"1E-130", "0." + strings.Repeat("0", 129) + "1"},
		{"-1E-130", "-0." + strings.Repeat("0", 129) + "1"},
		{"10E-131", "0." + strings.Repeat("0", 129) + "1"},
		{"0.001E128", "1" + strings.Repeat("0", 125)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := N(tt.in)
			if err != nil {
				t.Fatalf("N(%q): %v", tt.in, err)
			}
			if v.Type() != TypeN || v.NumText() != tt.want {
				t.Errorf("N(%q) = %v %q, want N %q", tt.in, v.Type(), v.NumText(), tt.want)
			}
			again, err := N(v.NumText())
			if err != nil || again.NumText() != tt.want {
				t.Errorf("N(canonical %q) = %q, %v; want itself", tt.want, again.NumText(), err)
			}
		})
	}
}

func TestN_Errors(t *testing.T) {
	invalid := func(s string) string { return fmt.Sprintf(msgNumberInvalid, s) }
	tests := []struct{ in, want string }{
		{"", invalid("")},
		{" 5", invalid(" 5")},
		{"5 ", invalid("5 ")},
		{"NaN", invalid("NaN")},
		{"Infinity", invalid("Infinity")},
		{"-Infinity", invalid("-Infinity")},
		{"0x10", invalid("0x10")},
		{"abc", invalid("abc")},
		{".", invalid(".")},
		{"-", invalid("-")},
		{"+", invalid("+")},
		{"--5", invalid("--5")},
		{"+-5", invalid("+-5")},
		{"1.2.3", invalid("1.2.3")},
		{"1e", invalid("1e")},
		{"1e+", invalid("1e+")},
		{"e5", invalid("e5")},
		{"1e5.5", invalid("1e5.5")},
		{"1,000", invalid("1,000")},
		{"1_000", invalid("1_000")},
		{"١", invalid("١")},
		{"1E126", msgNumberOverflow},
		{"-1E126", msgNumberOverflow},
		{"10E125", msgNumberOverflow},
		{"1e999999999999999999999", msgNumberOverflow},
		{"1E-131", msgNumberUnderflow},
		{"-0.1E-130", msgNumberUnderflow},
		{"1e-999999999999999999999", msgNumberUnderflow},
		{"123456789012345678901234567890123456789", msgNumberDigits},
		{"1.23456789012345678901234567890123456789", msgNumberDigits},
		{"1234567890123456789012345678901234567891E200", msgNumberDigits},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			v, err := N(tt.in)
			wantError(t, err, ddberr.TypeValidation, tt.want)
			if !v.IsZero() {
				t.Errorf("got value %v with the error, want zero Value", v)
			}
		})
	}
}

// apdOf parses a canonical number text with apd, the oracle for exactness.
func apdOf(t testing.TB, s string) *apd.Decimal {
	t.Helper()
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatalf("apd %q: %v", s, err)
	}
	return d
}

// randomNumberText returns a random valid number text in various spellings.
func randomNumberText(r *rand.Rand) string {
	if r.IntN(20) == 0 {
		return []string{"0", "-0", "0.0", "1", "-1", "1E+125", "1E-130", "-1E-130"}[r.IntN(8)]
	}
	n := 1 + r.IntN(MaxNumberDigits)
	if r.IntN(3) == 0 {
		n = 1 + r.IntN(4) // short numbers collide more, testing equality
	}
	var b strings.Builder
	if r.IntN(2) == 0 {
		b.WriteByte('-')
	}
	b.WriteByte(byte('1' + r.IntN(9)))
	for range n - 1 {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	// value = d.ddd × 10^e with e kept in range.
	e := r.IntN(maxExp-minExp-1) + minExp
	if r.IntN(2) == 0 {
		e = r.IntN(9) - 4
	}
	fmt.Fprintf(&b, "E%d", e-n)
	return b.String()
}

func TestCompare_NumbersAgainstApd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		as, bs := randomNumberText(r), randomNumberText(r)
		a, errA := N(as)
		b, errB := N(bs)
		if errA != nil || errB != nil {
			continue // out of range spellings are tested elsewhere
		}
		want := apdOf(t, a.NumText()).Cmp(apdOf(t, b.NumText()))
		if got, ok := Compare(a, b); !ok || got != want {
			t.Fatalf("case %d: Compare(%s, %s) = %d, %v; want %d", i, a.NumText(), b.NumText(), got, ok, want)
		}
		// The canonical text is numerically the input.
		if apdOf(t, as).Cmp(apdOf(t, a.NumText())) != 0 {
			t.Fatalf("N(%s) = %s, a different number", as, a.NumText())
		}
		if got := Equal(a, b); got != (want == 0) {
			t.Fatalf("Equal(%s, %s) = %v, want %v", a.NumText(), b.NumText(), got, want == 0)
		}
	}
}

func TestAddSub(t *testing.T) {
	big := "9.9999999999999999999999999999999999999E+125"
	tests := []struct {
		a, b    string
		sub     bool
		want    string
		wantErr string
	}{
		{a: "1", b: "2", want: "3"},
		{a: "0.1", b: "0.2", want: "0.3"},
		{a: "1.5", b: "-1.5", want: "0"},
		{a: "-1", b: "0.25", want: "-0.75"},
		{a: "99999999999999999999999999999999999999", b: "1", want: "100000000000000000000000000000000000000"},
		{a: "12345678901234567890123456789012345678", b: "0.1", wantErr: msgNumberDigits},
		{a: "1E+125", b: "1E-130", wantErr: msgNumberDigits},
		{a: big, b: "1E+88", wantErr: msgNumberOverflow},
		{a: "1E-130", b: "1E-130", want: "0." + strings.Repeat("0", 129) + "2"},
		{a: "1", b: "2", sub: true, want: "-1"},
		{a: "0.3", b: "0.1", sub: true, want: "0.2"},
		{a: "-" + big[0:0] + "1E+125", b: big, sub: true, wantErr: msgNumberOverflow},
		{a: "2E-130", b: "1.5E-130", sub: true, wantErr: msgNumberUnderflow},
		{a: "5", b: "5", sub: true, want: "0"},
	}
	for _, tt := range tests {
		name := tt.a + "+" + tt.b
		if tt.sub {
			name = tt.a + "-" + tt.b
		}
		t.Run(name, func(t *testing.T) {
			a, b := mustN(t, tt.a), mustN(t, tt.b)
			op := Add
			if tt.sub {
				op = Sub
			}
			got, err := op(a, b)
			if tt.wantErr != "" {
				wantError(t, err, ddberr.TypeValidation, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want %s", err, tt.want)
			}
			if got.NumText() != tt.want {
				t.Errorf("got %s, want %s", got.NumText(), tt.want)
			}
		})
	}
	t.Run("not numbers", func(t *testing.T) {
		_, err := Add(S("1"), mustN(t, "1"))
		wantError(t, err, ddberr.TypeValidation, msgArithTypes)
		_, err = Sub(mustN(t, "1"), Value{})
		wantError(t, err, ddberr.TypeValidation, msgArithTypes)
	})
}

// apdAddSub is the reference for Add and Sub: cockroachdb/apd at a
// precision wide enough to be exact, then DynamoDB's limits as N applies
// them (a result out of range reports the range before the digits).
func apdAddSub(t testing.TB, a, b string, sub bool) (string, error) {
	t.Helper()
	ctx := apd.BaseContext.WithPrecision(400)
	var want apd.Decimal
	var err error
	if sub {
		_, err = ctx.Sub(&want, apdOf(t, a), apdOf(t, b))
	} else {
		_, err = ctx.Add(&want, apdOf(t, a), apdOf(t, b))
	}
	if err != nil {
		t.Fatal(err)
	}
	want.Reduce(&want)
	if !want.IsZero() {
		// 0.d₁d₂… × 10^E: E = digits + exponent.
		e := int(want.NumDigits()) + int(want.Exponent)
		if e > maxExp {
			return "", ddberr.Validation(msgNumberOverflow)
		}
		if e < minExp {
			return "", ddberr.Validation(msgNumberUnderflow)
		}
	}
	v, err := N(want.Text('E'))
	if err != nil {
		return "", err
	}
	return v.NumText(), nil
}

// checkAddSub compares Add or Sub of a and b with apdAddSub.
func checkAddSub(t testing.TB, a, b Value, sub bool) {
	t.Helper()
	want, wantErr := apdAddSub(t, a.NumText(), b.NumText(), sub)
	op, sign := Add, "+"
	if sub {
		op, sign = Sub, "-"
	}
	got, err := op(a, b)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Fatalf("%s %s %s: error %v, want %v", a.NumText(), sign, b.NumText(), err, wantErr)
	case err != nil && err.Error() != wantErr.Error():
		t.Fatalf("%s %s %s: error %v, want %v", a.NumText(), sign, b.NumText(), err, wantErr)
	case err == nil && got.NumText() != want:
		t.Fatalf("%s %s %s = %s, want %s", a.NumText(), sign, b.NumText(), got.NumText(), want)
	}
}

func TestAddSub_AgainstApd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		a, errA := N(randomNumberText(r))
		b, errB := N(randomNumberText(r))
		if errA != nil || errB != nil {
			continue
		}
		checkAddSub(t, a, b, false)
		checkAddSub(t, a, b, true)
		checkAddSub(t, a, a, true)
	}
}

func FuzzAddSub(f *testing.F) {
	for _, s := range [][2]string{{"1", "2"}, {"0.1", "-0.3"}, {"99999999999999999999999999999999999999", "1"},
		{"9.9999999999999999999999999999999999999E+125", "1E+88"}, {"1E-130", "-1E-130"}, {"2E-130", "1.5E-130"},
		{"1E+125", "1E-130"}, {"-0", "5"}, {"123.456", "-123.455"}} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, as, bs string, sub bool) {
		a, errA := N(as)
		b, errB := N(bs)
		if errA != nil || errB != nil {
			return
		}
		checkAddSub(t, a, b, sub)
	})
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.50", "1e2", ".5", "5.", "+5", "0.0001", "1E+125", "1E-130",
		"9.9999999999999999999999999999999999999E+125", "1E126", "1E-131", "NaN", "Infinity", " 1",
		"123456789012345678901234567890123456789", "1e-999999999999999999", "-.e", "0x1F",
		"12345678901234567890123456789012345678", "-12345678901234567890123456789012345678", "-", "", "007", "-7", "10", "1-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := N(s)
		// N's short way for plain integers answers as the full parse.
		if full, ferr := parseN(s); full.Type() != v.Type() || full.NumText() != v.NumText() || fmt.Sprint(ferr) != fmt.Sprint(err) {
			t.Fatalf("N(%q) = %v, %v; parseN %v, %v", s, v, err, full, ferr)
		}
		if err != nil {
			if !isDDBError(err) {
				t.Fatalf("N(%q) error %T %v is not a *ddberr.Error", s, err, err)
			}
			return
		}
		again, err := N(v.NumText())
		if err != nil || again.NumText() != v.NumText() {
			t.Fatalf("N(%q) = %q re-parses to %q, %v", s, v.NumText(), again.NumText(), err)
		}
		if d, _, err := apd.NewFromString(s); err == nil {
			if d.Cmp(apdOf(t, v.NumText())) != 0 {
				t.Fatalf("N(%q) = %q, a different number", s, v.NumText())
			}
		}
	})
}

func ExampleN() {
	for _, text := range []string{"1.50", "1e2", "-0", "0.0001", "NaN"} {
		v, err := N(text)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(v)
	}
	// Output:
	// {"N":"1.5"}
	// {"N":"100"}
	// {"N":"0"}
	// {"N":"0.0001"}
	// ValidationException: The parameter cannot be converted to a numeric value: NaN
}

package wire

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAppendFloat_MatchesEncodingJSON(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 0.5, 1, 3, -3, 1.5, 1e-6, 9.99e-7, 1e-7, -1e-7, 1e-10, 1e-100,
		1e20, 1e21, -1e21, 1.5e21, 1e22, 1e100, 123456789, 0.1, 1.0 / 3, 2e-5, 5e-324,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 1 << 53, 1<<53 + 1}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		fs = append(fs, f)
	}
	for range 10000 {
		fs = append(fs, float64(r.IntN(1000))/2, float64(r.IntN(1000))*math.Pow(10, float64(r.IntN(50)-25)))
	}
	for _, f := range fs {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendFloat([]byte("x"), f); string(got[1:]) != string(want) || got[0] != 'x' {
			t.Fatalf("AppendFloat(%b) = %s, encoding/json %s", f, got[1:], want)
		}
	}
}

func TestAppendFloat_NotFinite(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := string(AppendFloat(nil, f)); got != "null" {
			t.Errorf("AppendFloat(%v) = %s, want null", f, got)
		}
	}
}

func TestNameAndComma(t *testing.T) {
	var b []byte
	b = append(b, '{')
	b = Name(b, "A")
	b = append(b, '[')
	b = Comma(b)
	b = append(b, '1')
	b = Comma(b)
	b = append(b, "{}"...)
	b = append(b, ']')
	b = Name(b, "B")
	b = append(b, '{')
	b = Name(b, "C")
	b = append(b, `""`...)
	b = append(b, '}', '}')
	if want := `{"A":[1,{}],"B":{"C":""}}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

package ddberr

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
)

// encodingJSON is the oracle: the error body as encoding/json without
// HTML escaping writes it (MarshalJSON's former implementation).
func encodingJSON(t *testing.T, e *Error) []byte {
	t.Helper()
	body := map[string]any{"__type": Namespace(e.Type) + e.Type, "message": e.Message}
	for k, v := range e.Fields {
		if _, ok := body[k]; !ok {
			body[k] = v
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// rawJSON is a field value with its own MarshalJSON.
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }

var pieces = []string{"", "a", "Z", "_", "名前", "😀", "é", "\x00", "\b", "\f", "\n", "\r", "\t", "\x1f", "\"", "\\", "/",
	"<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "\xc3", "\x7f", "\ufffd", "__type", "message", " "}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(6) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// randomField returns a random value of every kind Fields may hold.
func randomField(r *rand.Rand, depth int) any {
	k := r.IntN(10)
	if depth > 3 && k >= 7 {
		k = 0
	}
	switch k {
	case 0:
		return randomText(r)
	case 1:
		return nil
	case 2:
		return r.IntN(2) == 0
	case 3:
		return r.IntN(1000) - 500
	case 4:
		return int64(r.Uint64())
	case 5:
		return rawJSON([]string{`{"a":1}`, `[]`, `null`, `"x<y"`, `{"S":"\u2028"}`}[r.IntN(5)])
	case 7:
		if r.IntN(5) == 0 {
			return []any(nil)
		}
		l := make([]any, r.IntN(4))
		for i := range l {
			l[i] = randomField(r, depth+1)
		}
		return l
	case 6:
		if r.IntN(5) == 0 {
			return map[string]string(nil)
		}
		m := map[string]string{}
		for range r.IntN(4) {
			m[randomText(r)] = randomText(r)
		}
		return m
	default:
		if r.IntN(5) == 0 {
			return map[string]any(nil)
		}
		m := map[string]any{}
		for range r.IntN(4) {
			m[randomText(r)] = randomField(r, depth+1)
		}
		return m
	}
}

func TestError_MarshalJSON_MatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		e := New(randomText(r), randomText(r))
		for range r.IntN(4) {
			e = e.With(randomText(r), randomField(r, 0))
		}
		got, err := e.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, e); !bytes.Equal(got, want) {
			t.Fatalf("MarshalJSON wrote\n%s\nencoding/json\n%s", got, want)
		}
	}
}

func TestError_MarshalJSON_UnsupportedField(t *testing.T) {
	if _, err := New(TypeValidation, "m").With("F", 1.5).MarshalJSON(); err == nil {
		t.Error("MarshalJSON with a float64 field did not fail")
	}
}

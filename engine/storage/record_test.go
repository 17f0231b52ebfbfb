package storage

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestRecord_RoundTrip(t *testing.T) {
	tests := []struct {
		name string
		json string // a DynamoDB JSON map value
	}{
		{"empty", `{"M":{}}`},
		{"scalars", `{"M":{"s":{"S":"text"},"n":{"N":"-12.5e3"},"b":{"B":"AAEC/w=="},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true}}}`},
		{"empty string and binary", `{"M":{"s":{"S":""},"b":{"B":""}}}`},
		{"unicode names and values", `{"M":{"名前":{"S":"😀 é"},"":{"S":"empty name"}}}`},
		{"sets", `{"M":{"ss":{"SS":["b","a","c"]},"ns":{"NS":["3","-1","0.5","1e10"]},"bs":{"BS":["AQ==","AA=="]}}}`},
		{"big set", `{"M":{"ns":{"NS":["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20"]}}}`},
		{"nested", `{"M":{"l":{"L":[{"S":"x"},{"N":"1"},{"L":[]},{"M":{}},{"M":{"a":{"L":[{"NULL":true},{"BOOL":true},{"SS":["q"]}]}}}]},"m":{"M":{"inner":{"M":{"deep":{"N":"0"}}}}}}}`},
		{"long", `{"M":{"a":{"S":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := decodeItemJSON(t, tc.json)
			checkRoundTrip(t, it)
		})
	}
}

func decodeItemJSON(t testing.TB, src string) attr.Item {
	t.Helper()
	var v attr.Value
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		t.Fatalf("decoding %s: %v", src, err)
	}
	return attr.Item(v.Map())
}

func checkRoundTrip(t testing.TB, it attr.Item) {
	t.Helper()
	size := attr.ItemSize(it)
	rec := string(appendRecord([]byte("prefix"), it, size))[len("prefix"):]
	got := decodeRecord(rec)
	if !attr.Equal(attr.M(got), attr.M(it)) {
		t.Errorf("decoded %v, want %v", attr.M(got), attr.M(it))
	}
	// The decoded item's strings carry no attr.Value.KnownPlain hint, the
	// given one's may (decoded from JSON): the record is the same.
	if again := string(appendRecord(nil, got, size)); again != rec {
		t.Errorf("record of the decoded item differs:\n%q\n%q", again, rec)
	}
	if got, want := recordSize(rec), int64(size); got != want {
		t.Errorf("recordSize = %d, want %d", got, want)
	}
	r := Record{rec}
	if got, want := r.Size(), int64(size); got != want {
		t.Errorf("Record.Size() = %d, want %d", got, want)
	}
	var names []string
	for name, v := range it {
		names = append(names, name)
		// Each attribute alone: every other one is skipped.
		one := r.Attrs(name, "no such attribute")
		if len(one) != 1 || !attr.Equal(one[name], v) {
			t.Errorf("Attrs(%q) = %v, want %v", name, attr.M(one), v)
		}
	}
	if all := r.Attrs(names...); !attr.Equal(attr.M(all), attr.M(it)) {
		t.Errorf("Attrs(all names) = %v, want %v", attr.M(all), attr.M(it))
	}
	reused := attr.Item{"stale": attr.S("x")}
	for name, v := range it {
		r.AttrsTo(reused, name)
		if len(reused) != 1 || !attr.Equal(reused[name], v) {
			t.Errorf("AttrsTo(%q) left %v, want only %v", name, attr.M(reused), v)
		}
	}
	checkJSON(t, r, it, names)
	if n := len(r.AppendJSON(nil, nil)); n > r.JSONBound() {
		t.Errorf("AppendJSON wrote %d bytes, over JSONBound %d", n, r.JSONBound())
	}
	if none := r.Attrs(); len(none) != 0 {
		t.Errorf("Attrs() = %v, want no attributes", attr.M(none))
	}
	for name, v := range it {
		if ms := v.Members(); ms != nil {
			gms := got[name].Members()
			for i := range ms {
				if !attr.Equal(gms[i], ms[i]) {
					t.Errorf("%s: member %d = %v, want %v (set order changed)", name, i, gms[i], ms[i])
				}
			}
		}
	}
}

func FuzzRecord(f *testing.F) {
	f.Add(`{"M":{"s":{"S":"text"},"n":{"N":"-12.5e3"},"b":{"B":"AAEC/w=="}}}`)
	f.Add(`{"M":{"l":{"L":[{"M":{"a":{"SS":["x","y"]}}},{"NULL":true},{"BOOL":false}]}}}`)
	f.Add(`{"M":{"ns":{"NS":["1","-0.001"]},"bs":{"BS":["AQ=="]},"e":{"S":""}}}`)
	f.Fuzz(func(t *testing.T, src string) {
		var v attr.Value
		if json.Unmarshal([]byte(src), &v) != nil || v.Type() != attr.TypeM {
			return
		}
		checkRoundTrip(t, attr.Item(v.Map()))
	})
}

// checkJSON checks Record.AppendJSON and Record.AttrsSize of r, the record
// of it, against attr.AppendItemJSON and attr.ItemSize of the decoded
// item, whole and filtered by each of its names, by none, by all of them
// and by a few that it lacks.
func checkJSON(t testing.TB, r Record, it attr.Item, names []string) {
	t.Helper()
	check := func(filter []string) {
		t.Helper()
		want := it
		if filter != nil {
			want = r.Attrs(filter...)
		}
		wantJSON := string(attr.AppendItemJSON(nil, want))
		if got := string(r.AppendJSON([]byte("prefix"), filter))[len("prefix"):]; got != wantJSON {
			t.Errorf("AppendJSON(%q) =\n%s\nwant\n%s", filter, got, wantJSON)
		}
		if filter == nil {
			return
		}
		if got, want := r.AttrsSize(filter...), int64(attr.ItemSize(want)); got != want {
			t.Errorf("AttrsSize(%q) = %d, want %d", filter, got, want)
		}
	}
	check(nil)
	check([]string{})
	check([]string{"no such attribute"})
	check(names)
	for i, name := range names {
		check([]string{name, "no such attribute"})
		check([]string{name, name})
		if i > 0 {
			check([]string{name, names[i-1]})
		}
	}
}

// TestRecord_SortedNames checks that records list names in ascending
// order, top-level and in maps, so that equal items have equal records.
func TestRecord_SortedNames(t *testing.T) {
	it := decodeItemJSON(t, `{"M":{"b":{"S":"x"},"a":{"M":{"z":{"N":"1"},"y":{"NULL":true},"é":{"BOOL":true},"":{"S":""}}},"A":{"N":"2"},"aa":{"L":[{"M":{"q":{"S":"q"},"p":{"S":"p"}}}]}}}`)
	rec := string(appendRecord(nil, it, attr.ItemSize(it)))
	var want []string
	for range 20 {
		if again := string(appendRecord(nil, attr.CloneItem(it), attr.ItemSize(it))); again != rec {
			t.Fatalf("records of one item differ:\n%q\n%q", rec, again)
		}
	}
	d := decoder{s: rec}
	count := d.header()
	for range count {
		want = append(want, d.name())
		d.skip()
		d.end()
	}
	if got := join(want); got != "[A a aa b]" {
		t.Errorf("top-level names in record order: %s, want [A a aa b]", got)
	}
	if got, want := string(Record{rec}.AppendJSON(nil, nil)), string(attr.AppendItemJSON(nil, it)); got != want {
		t.Errorf("AppendJSON = %s, want %s", got, want)
	}
}

// TestRecord_JSONProperty checks AppendJSON and AttrsSize against attr on
// many random items holding every type, nested, with unicode, control
// characters, invalid UTF-8, empty strings and binaries.
func TestRecord_JSONProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		it := attr.Item{}
		for range r.IntN(20) {
			it[randText(r)] = randValue(t, r, 0)
		}
		checkRoundTrip(t, it)
		if t.Failed() {
			t.Fatalf("item %v", attr.M(it))
		}
	}
}

// randPieces are the bits random strings are made of.
var randPieces = []string{"", "a", "Z", "名前", "😀", "é", "\x00", "\n", "\t", "\x1f", "\"", "\\", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "\x7f", "/", "key", " "}

func randText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(5) {
		b.WriteString(randPieces[r.IntN(len(randPieces))])
	}
	return b.String()
}

func randNumber(t testing.TB, r *rand.Rand) attr.Value {
	texts := []string{"0", "1", "-1", "12.5", "-0.001", "1e10", "12345678901234567890123456789012345678", "9.9E-100", "100", "0.10", "-5E+3", "7.000"}
	v, err := attr.N(texts[r.IntN(len(texts))])
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func randValue(t testing.TB, r *rand.Rand, depth int) attr.Value {
	k := r.IntN(10)
	if depth >= 4 && k >= 5 && k <= 6 {
		k = 0
	}
	switch k {
	case 0:
		return attr.S(randText(r))
	case 1:
		return randNumber(t, r)
	case 2:
		return attr.B([]byte(randText(r)))
	case 3:
		return attr.Bool(r.IntN(2) == 0)
	case 4:
		return attr.Null()
	case 5:
		m := map[string]attr.Value{}
		for range r.IntN(20) {
			m[randText(r)] = randValue(t, r, depth+1)
		}
		return attr.M(m)
	case 6:
		l := make([]attr.Value, r.IntN(5))
		for i := range l {
			l[i] = randValue(t, r, depth+1)
		}
		return attr.L(l)
	case 7:
		var ms []string
		for range 1 + r.IntN(4) {
			s := randText(r)
			if !slices.Contains(ms, s) {
				ms = append(ms, s)
			}
		}
		v, err := attr.SS(ms)
		if err != nil {
			t.Fatal(err)
		}
		return v
	case 8:
		var ms []attr.Value
		for range 1 + r.IntN(4) {
			v := randNumber(t, r)
			if !slices.ContainsFunc(ms, func(m attr.Value) bool { return attr.Equal(m, v) }) {
				ms = append(ms, v)
			}
		}
		return attr.SetOf(attr.TypeNS, ms)
	default:
		var ms [][]byte
		for range 1 + r.IntN(4) {
			b := []byte(randText(r))
			if !slices.ContainsFunc(ms, func(m []byte) bool { return string(m) == string(b) }) {
				ms = append(ms, b)
			}
		}
		v, err := attr.BS(ms)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

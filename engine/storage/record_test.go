package storage

import (
	"encoding/json"
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

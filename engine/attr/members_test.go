package attr

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// FuzzDecodeMembers checks DecodeMembers against Item.DecodeJSONPrefix,
// the decoder it stands in for: on the same input, the same error (or
// none), the same bytes read, the same attributes (plain hints included)
// in name order without repeats, ItemSize of them as the size, and
// PlainNames set only when every name is a plain string.
func FuzzDecodeMembers(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"pk":{"S":"a"},"sk":{"N":"1"}}`, `{"b":{"S":"x"},"a":{"S":"y"},"b":{"N":"2"}}`,
		`{"pk":{"S":"partition"},"sk":{"S":"sk-050"},"name":{"S":"user 50"},"count":{"N":"350"},` +
			`"active":{"BOOL":true},"tags":{"SS":["red","green","blue"]},"payload":{"S":"` + strings.Repeat("x", 950) + `"}}`,
		`{"m":{"M":{"z":{"L":[{"S":"a"},{"NULL":true}]},"a":{"NS":["1","2"]}}}}`, `{"a":null}`, `{"a":{}}`,
		` { "a" : { "S" : "x" } , "b":{"B":"AAAA"} } `, `{"a":{"S":"x"}}trailing`, `null`, `[]`, `{"a":{"N":"1e500"}}`,
		`{"a":{"SS":["x","x"]}}`, `{"\u00e9":{"S":"caf\u00e9"}}`, `{"a":{"S":"x"},}`, `{"a"`, `{"":{"S":"x"}}`,
		`{"x":{"S":"1"},"a":{"S":"2"},"m":{"S":"3"},"a":{"S":"4"},"x":{"BOOL":false}}`,
		`{"partition":{"S":"1"},"part":{"S":"2"},"partitio":{"S":"3"},"partition":{"N":"4"},"p\u0000":{"S":"5"},"p":{"S":"6"}}`,
		`{"r":{"S":"1"},"q":{"S":"1"},"p":{"S":"1"},"o":{"S":"1"},"n":{"S":"1"},"m":{"S":"1"},"l":{"S":"1"},"k":{"S":"1"},` +
			`"j":{"S":"1"},"i":{"S":"1"},"h":{"S":"1"},"g":{"S":"1"},"f":{"S":"1"},"e":{"S":"1"},"d":{"S":"1"},"c":{"S":"1"},` +
			`"b":{"S":"1"},"a":{"S":"1"},"c":{"N":"2"}}`,
		// Names alike in their first bytes, with zero bytes and without,
		// repeats among them.
		`{"abcdefgZ":{"S":"1"},"abcdefgA":{"S":"2"},"abcdefg":{"S":"3"},"abcdef\u0000":{"S":"4"},"abcdef":{"S":"5"},` +
			`"abcdefgA":{"N":"6"},"abcdef\u0000\u0000":{"S":"7"},"abcdefgZ":{"BOOL":true}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var it Item
		n1, err1 := it.DecodeJSONPrefix(data)
		n2, m, err2 := DecodeMembers(data, make([]Member, 0, 2))
		ms, size := m.List, m.Size
		if isNull(data) {
			if err2 == nil {
				t.Fatalf("%q: DecodeMembers took null", data)
			}
			return
		}
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("%q: DecodeJSONPrefix %v, DecodeMembers %v", data, err1, err2)
		}
		if err1 != nil {
			return
		}
		if n1 != n2 {
			t.Fatalf("%q: read %d bytes, DecodeMembers %d", data, n1, n2)
		}
		if len(ms) != len(it) || !slices.IsSortedFunc(ms, func(a, b Member) int { return strings.Compare(a.Name, b.Name) }) {
			t.Fatalf("%q: members %v, item %v", data, ms, it)
		}
		for i, m := range ms {
			v, ok := it[m.Name]
			if !ok || !Equal(v, m.Value) || v.KnownPlain() != m.Value.KnownPlain() || i > 0 && ms[i-1].Name == m.Name {
				t.Fatalf("%q: member %q = %#v, item has %#v", data, m.Name, m.Value, v)
			}
		}
		if want := ItemSize(it); size != want {
			t.Fatalf("%q: size %d, ItemSize %d", data, size, want)
		}
		plain := true
		for k := range it {
			plain = plain && PlainString(k)
		}
		if m.PlainNames && !plain {
			t.Fatalf("%q: PlainNames set, but not every name is plain", data)
		}
	})
}

// isNull reports whether data starts, after white space, with the JSON
// null, which DecodeJSONPrefix takes as no item and DecodeMembers rejects.
func isNull(data []byte) bool {
	s := strings.TrimLeft(string(data), " \t\r\n")
	return strings.HasPrefix(s, "null")
}

// TestDecodeMembers_Null checks that null is a SerializationException,
// not an empty item.
func TestDecodeMembers_Null(t *testing.T) {
	_, _, err := DecodeMembers([]byte(`null`), nil)
	var e *ddberr.Error
	if !errors.As(err, &e) || e.Type != ddberr.TypeSerialization {
		t.Fatalf("DecodeMembers(null) = %v, want a SerializationException", err)
	}
}

// TestDecodeMembers_PlainNames checks that PlainNames is set for names
// read without escapes in ASCII, short (from the name cache) or long,
// and not when one needs escaping.
func TestDecodeMembers_PlainNames(t *testing.T) {
	for _, c := range []struct {
		json  string
		plain bool
	}{
		{`{}`, true},
		{`{"pk":{"S":"a"},"a name of more than thirty-two characters":{"S":"b"}}`, true},
		{`{"pk":{"S":"a"},"a\"b":{"S":"b"}}`, false},
		{`{"pk":{"S":"a"},"tab\u0009":{"S":"b"}}`, false},
	} {
		_, m, err := DecodeMembers([]byte(c.json), nil)
		if err != nil || m.PlainNames != c.plain {
			t.Errorf("%s: PlainNames %v (%v), want %v", c.json, m.PlainNames, err, c.plain)
		}
	}
}

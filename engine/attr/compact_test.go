package attr

import "testing"

// FuzzCompactScalar checks that the compact path of the decoder
// (compactScalar) returns what its general path (attrObject) returns for
// the same input: the same value (plain hint included), position, rule
// violation and error.
func FuzzCompactScalar(f *testing.F) {
	for _, s := range []string{
		`{"S":"text"}`, `{"S":""}`, `{"S":"a\"b"}`, `{"S":"caf` + "\u00e9" + `"}`, `{"S":"x"},`,
		`{"S":"x" }`, `{"S":"x","N":"1"}`, `{"N":"1.50"}`, `{"N":"-0"}`, `{"N":"1e500"}`,
		`{"N":"abc"}`, `{"N":""}`, `{"BOOL":true}`, `{"BOOL":false}`, `{"BOOL":true,"S":"x"}`,
		`{"BOOL":tru}`, `{"SS":["a"]}`, `{"S":"x\u0001"}`, `{"S":"unterminated`, `{"S":"x"}}`,
		`{"S":1}`, `{"N":"1"`, `{"s":"x"}`, `{"B":"AAAA"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast := decoder{data: data}
		v1, ok := fast.compactScalar()
		if !ok {
			if fast.pos != 0 {
				t.Fatalf("compactScalar declined %q but moved to %d", data, fast.pos)
			}
			return
		}
		general := decoder{data: data}
		v2, err := general.attrObject(0)
		if err != nil || general.verr != nil {
			t.Fatalf("compactScalar took %q, which the general path rejects: %v, %v", data, err, general.verr)
		}
		if !Equal(v1, v2) || v1.KnownPlain() != v2.KnownPlain() || fast.pos != general.pos {
			t.Fatalf("%q: compact %#v at %d, general %#v at %d", data, v1, fast.pos, v2, general.pos)
		}
	})
}

// TestCompactScalar_Declines checks that compactScalar leaves to the
// general path what it must (white space, escapes, non-ASCII, numbers to
// reject, other types), so that their errors and violations stay
// DynamoDB's.
func TestCompactScalar_Declines(t *testing.T) {
	for _, s := range []string{
		`{"S":"a\"b"}`, `{"S":"caf` + "\u00e9" + `"}`, `{"S":"x" }`, `{"S":"x","N":"1"}`,
		`{"N":"abc"}`, `{"N":""}`, `{"N":"1e500"}`, `{"BOOL":tru}`, `{"SS":["a"]}`, `{ "S":"x"}`,
	} {
		d := decoder{data: []byte(s)}
		if v, ok := d.compactScalar(); ok {
			t.Errorf("compactScalar(%s) = %#v, want it declined", s, v)
		}
	}
	d := decoder{data: []byte(`{"N":"abc"}`)}
	if _, err := d.attrValue(0); err != nil || d.verr == nil {
		t.Errorf(`{"N":"abc"}: err %v, violation %v; want the number's violation`, err, d.verr)
	}
}

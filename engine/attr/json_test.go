package attr

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// nested returns an L value nested depth levels deep around {"S":"x"}.
func nested(depth int) string {
	return strings.Repeat(`{"L":[`, depth) + `{"S":"x"}` + strings.Repeat(`]}`, depth)
}

func TestUnmarshalJSON_Valid(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"S", `{"S":"x"}`, `{"S":"x"}`},
		{"S empty", `{"S":""}`, `{"S":""}`},
		{"S escapes", `{"S":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}`, `{"S":"a\"\\/\b\f\n\r\t` + "é😀" + `"}`},
		{"S lone surrogate", `{"S":"\ud800x"}`, `{"S":"` + "\uFFFD" + `x"}`},
		{"S surrogate then escape", `{"S":"\uD800\u0041"}`, `{"S":"` + "\uFFFDA" + `"}`},
		{"S upper-case hex", `{"S":"\u00C9\u00e9"}`, `{"S":"Éé"}`},
		{"escaped type name", `{"\u0053":"x"}`, `{"S":"x"}`},
		{"S UTF-8", `{"S":"日本"}`, `{"S":"日本"}`},
		{"N canonical", `{"N":"1.50"}`, `{"N":"1.5"}`},
		{"N exponent", `{"N":"1e2"}`, `{"N":"100"}`},
		{"N minus zero", `{"N":"-0"}`, `{"N":"0"}`},
		{"B", `{"B":"YWJj"}`, `{"B":"YWJj"}`},
		{"B padded", `{"B":"YQ=="}`, `{"B":"YQ=="}`},
		{"B empty", `{"B":""}`, `{"B":""}`},
		{"BOOL true", `{"BOOL":true}`, `{"BOOL":true}`},
		{"BOOL false", `{"BOOL":false}`, `{"BOOL":false}`},
		{"NULL", `{"NULL":true}`, `{"NULL":true}`},
		{"M", `{"M":{"b":{"N":"2"},"a":{"S":"x"}}}`, `{"M":{"a":{"S":"x"},"b":{"N":"2"}}}`},
		{"M empty", `{"M":{}}`, `{"M":{}}`},
		{"L", `{"L":[{"S":"x"},{"NULL":true},{"L":[]}]}`, `{"L":[{"S":"x"},{"NULL":true},{"L":[]}]}`},
		{"SS", `{"SS":["b","a"]}`, `{"SS":["b","a"]}`},
		{"NS", `{"NS":["1.0","2e1"]}`, `{"NS":["1","20"]}`},
		{"BS", `{"BS":["YQ==","Yg=="]}`, `{"BS":["YQ==","Yg=="]}`},
		{"white space", " \t\n{ \"S\" : \"x\" , \"X\" : [1, {\"a\": null}] }\r\n", `{"S":"x"}`},
		{"unknown members ignored", `{"X":{"deep":[1,2.5e3,-0.1,true,false,null,"s"]},"N":"5"}`, `{"N":"5"}`},
		{"null member is absent", `{"S":null,"N":"5"}`, `{"N":"5"}`},
		{"repeated member replaces", `{"S":"a","S":"b"}`, `{"S":"b"}`},
		{"replaced member not validated", `{"N":"x","N":"1"}`, `{"N":"1"}`},
		{"null clears a member", `{"S":"a","S":null,"N":"1"}`, `{"N":"1"}`},
		{"nesting 32", nested(32), nested(32)},
		{"null", `null`, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Value
			if err := json.Unmarshal([]byte(tt.in), &v); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tt.in, err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestUnmarshalJSON_Errors(t *testing.T) {
	const (
		val = ddberr.TypeValidation
		ser = ddberr.TypeSerialization
	)
	tests := []struct {
		name, in, typ, want string
	}{
		{"empty", `{}`, val, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
		{"only unknown", `{"X":"a"}`, val, msgValueEmpty},
		{"only null", `{"S":null}`, val, msgValueEmpty},
		{"cleared by null", `{"S":"a","S":null}`, val, msgValueEmpty},
		{"invalid member replaces valid", `{"N":"1","N":"y"}`, val, fmt.Sprintf(msgNumberInvalid, "y")},
		{"two types", `{"S":"a","N":"1"}`, val, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
		{"two types before bad number", `{"N":"x","S":"a"}`, val, msgValueMultiple},
		{"NULL false", `{"NULL":false}`, val, "One or more parameter values were invalid: Null attribute value types must have the value of true"},
		{"N invalid", `{"N":"abc"}`, val, "The parameter cannot be converted to a numeric value: abc"},
		{"N empty", `{"N":""}`, val, "The parameter cannot be converted to a numeric value: "},
		{"N overflow", `{"N":"1E126"}`, val, msgNumberOverflow},
		{"N underflow", `{"N":"1E-131"}`, val, msgNumberUnderflow},
		{"N digits", `{"N":"1234567890123456789012345678901234567890"}`, val, msgNumberDigits},
		{"SS empty", `{"SS":[]}`, val, "One or more parameter values were invalid: An string set  may not be empty"},
		{"NS empty", `{"NS":[]}`, val, "One or more parameter values were invalid: An number set  may not be empty"},
		{"BS empty", `{"BS":[]}`, val, "One or more parameter values were invalid: An binary set  may not be empty"},
		{"SS duplicates", `{"SS":["a","a"]}`, val, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{"NS duplicates", `{"NS":["1","1.0"]}`, val, "One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates."},
		{"BS duplicates", `{"BS":["YQ==","YQ=="]}`, val, "One or more parameter values were invalid: Input collection [YQ==, YQ==] contains duplicates."},
		{"NS invalid member", `{"NS":["1","x"]}`, val, fmt.Sprintf(msgNumberInvalid, "x")},
		{"nesting 33", nested(33), val, "Nesting Levels have exceeded supported limits: Nesting levels has exceeded the maximum allowed"},
		{"nesting M 33", strings.Repeat(`{"M":{"a":`, 33) + `{"S":"x"}` + strings.Repeat(`}}`, 33), val, msgNestingTooDeep},
		{"M member null", `{"M":{"a":null}}`, val, msgValueEmpty},
		{"L element null", `{"L":[null]}`, val, msgValueEmpty},
		{"nested empty", `{"M":{"a":{}}}`, val, msgValueEmpty},
		{"first rule violation wins", `{"L":[{"N":"x"},{"SS":[]}]}`, val, fmt.Sprintf(msgNumberInvalid, "x")},

		{"S number", `{"S":5}`, ser, "NUMBER_VALUE cannot be converted to String"},
		{"S true", `{"S":true}`, ser, "TRUE_VALUE cannot be converted to String"},
		{"S false", `{"S":false}`, ser, "FALSE_VALUE cannot be converted to String"},
		{"S list", `{"S":["a"]}`, ser, "Unrecognized collection type class java.lang.String"},
		{"S map", `{"S":{}}`, ser, "Start of structure or map found where not expected."},
		{"N number", `{"N":5}`, ser, "NUMBER_VALUE cannot be converted to String"},
		{"BOOL string", `{"BOOL":"true"}`, ser, "STRING_VALUE cannot be converted to Boolean"},
		{"BOOL number", `{"BOOL":1}`, ser, "NUMBER_VALUE cannot be converted to Boolean"},
		{"NULL list", `{"NULL":[]}`, ser, "Unrecognized collection type class java.lang.Boolean"},
		{"B number", `{"B":5}`, ser, "only base-64-encoded strings are convertible to bytes"},
		{"B length", `{"B":"YWJ"}`, ser, "Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
		{"B bad char", `{"B":"YW*j"}`, ser, `Invalid Base64 character: '*'`},
		{"B newline", `{"B":"YW\nj"}`, ser, `Invalid Base64 character: '\n'`},
		{"B trailing bits", `{"B":"YR=="}`, ser, "Invalid last non-pad Base64 character dectected"},
		{"B list", `{"B":[]}`, ser, "Unrecognized collection type class java.nio.ByteBuffer"},
		{"L map", `{"L":{}}`, ser, msgUnexpectedMap},
		{"L string", `{"L":"a"}`, ser, "Unexpected field type"},
		{"M list", `{"M":[]}`, ser, "Start of list found where not expected"},
		{"M number", `{"M":1}`, ser, msgUnexpectedField},
		{"SS string", `{"SS":"a"}`, ser, msgUnexpectedField},
		{"SS number member", `{"SS":[1]}`, ser, "NUMBER_VALUE cannot be converted to String"},
		{"SS null member", `{"SS":[null]}`, ser, "NULL_VALUE cannot be converted to String"},
		{"BS bad member", `{"BS":["YQ="]}`, ser, fmt.Sprintf(msgBase64Length, 3)},
		{"value not object", `"x"`, ser, "Unexpected value type in payload"},
		{"value list", `[]`, ser, "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"},
		{"L element not object", `{"L":[1]}`, ser, msgUnexpectedValue},
		{"shape error beats rule violation", `{"L":[{"N":"x"},{"S":1}]}`, ser, fmt.Sprintf(msgConvert, "NUMBER_VALUE", "String")},
		{"shape error beats count", `{"S":"a","N":"1","BOOL":"x"}`, ser, fmt.Sprintf(msgConvert, "STRING_VALUE", "Boolean")},
		{"syntax", `{"S":"a"`, ser, fmt.Sprintf(msgJSONEnd, 8)},
		{"trailing comma", `{"S":"a",}`, ser, fmt.Sprintf(msgJSONSyntax, 9, `'}'`)},
		{"trailing data", `{"S":"a"} x`, ser, fmt.Sprintf(msgJSONTrailingData, 10)},
		{"bad escape", `{"S":"\x"}`, ser, fmt.Sprintf(msgJSONSyntax, 7, `'x'`)},
		{"control character", "{\"S\":\"\x01\"}", ser, fmt.Sprintf(msgJSONSyntax, 6, `'\x01'`)},
		{"invalid UTF-8", "{\"S\":\"\xff\"}", ser, fmt.Sprintf(msgJSONInvalidUTF8, 6)},
		{"deep unknown member", `{"X":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`, ser, msgJSONTooDeep},
		{"bad number in unknown member", `{"X":01}`, ser, fmt.Sprintf(msgJSONSyntax, 6, `'1'`)},
		{"empty input", ``, ser, fmt.Sprintf(msgJSONEnd, 0)},
		{"bad hex escape", `{"S":"\u12g4"}`, ser, fmt.Sprintf(msgJSONSyntax, 8, `'1'`)},
		{"short hex escape", `{"S":"\u12`, ser, fmt.Sprintf(msgJSONSyntax, 8, `'1'`)},
		{"bad literal in unknown member", `{"X":tru}`, ser, fmt.Sprintf(msgJSONSyntax, 5, `'t'`)},
		{"bad fraction in unknown member", `{"X":1.}`, ser, fmt.Sprintf(msgJSONSyntax, 7, `'}'`)},
		{"bad exponent in unknown member", `{"X":1e}`, ser, fmt.Sprintf(msgJSONSyntax, 7, `'}'`)},
		{"unknown member object", `{"X":{"a":1,"b":[]},"S":"x","Y":{1}}`, ser, fmt.Sprintf(msgJSONSyntax, 33, `'1'`)},
		{"missing colon", `{"S" "x"}`, ser, fmt.Sprintf(msgJSONSyntax, 5, `'"'`)},
		{"M missing colon", `{"M":{"a" {}}}`, ser, fmt.Sprintf(msgJSONSyntax, 10, `'{'`)},
		{"L unclosed", `{"L":[{"S":"x"}`, ser, fmt.Sprintf(msgJSONEnd, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Value
			err := v.UnmarshalJSON([]byte(tt.in))
			wantError(t, err, tt.typ, tt.want)
			if !v.IsZero() {
				t.Errorf("value set to %v despite the error", v)
			}
		})
	}
}

func TestItem_UnmarshalJSON(t *testing.T) {
	t.Run("valid", func(t *testing.T) {
		var it Item
		if err := json.Unmarshal([]byte(`{"id":{"S":"a"},"n":{"N":"01"}}`), &it); err != nil {
			t.Fatal(err)
		}
		want := Item{"id": S("a"), "n": mustN(t, "1")}
		if len(it) != len(want) || !Equal(M(it), M(want)) {
			t.Errorf("got %v, want %v", it, want)
		}
	})
	t.Run("replaces contents", func(t *testing.T) {
		it := Item{"old": S("x")}
		if err := it.UnmarshalJSON([]byte(`{"new":{"S":"y"}}`)); err != nil {
			t.Fatal(err)
		}
		if _, ok := it["old"]; ok || len(it) != 1 {
			t.Errorf("got %v, want only new", it)
		}
	})
	tests := []struct{ name, in, typ, want string }{
		{"null attribute", `{"a":null}`, ddberr.TypeValidation, msgValueEmpty},
		{"not an object", `[]`, ddberr.TypeSerialization, msgUnexpectedList},
		{"string", `"a"`, ddberr.TypeSerialization, msgUnexpectedField},
		{"bad attribute", `{"a":{"S":1}}`, ddberr.TypeSerialization, fmt.Sprintf(msgConvert, "NUMBER_VALUE", "String")},
		{"first violation of several", `{"a":{"NULL":false},"b":{}}`, ddberr.TypeValidation, msgNullNotTrue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var it Item
			wantError(t, it.UnmarshalJSON([]byte(tt.in)), tt.typ, tt.want)
		})
	}
}

// The error reaches callers of encoding/json unchanged, inside any struct.
func TestUnmarshalJSON_ThroughEncodingJSON(t *testing.T) {
	var req struct {
		Item       Item
		Key        map[string]Value
		Expression map[string]Value
	}
	tests := []struct{ name, in, want string }{
		{"Item", `{"Item":{"a":{"SS":[]}}}`, fmt.Sprintf(msgSetEmpty, "string")},
		{"map of values", `{"Key":{"a":{"S":"x","N":"1"}}}`, msgValueMultiple},
		{"value null in map", `{"Expression":{":v":{"NULL":false}}}`, msgNullNotTrue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantError(t, json.Unmarshal([]byte(tt.in), &req), ddberr.TypeValidation, tt.want)
		})
	}
}

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"zero", Value{}, `null`},
		{"S escapes", S("a\"\\\n\r\t\b\f\x01<>&\u2028\u2029é"), `{"S":"a\"\\\n\r\t\b\f\u0001<>&\u2028\u2029é"}`},
		{"S invalid UTF-8", S("a\xffb"), `{"S":"a\ufffdb"}`},
		{"N", mustN(t, "-1.5"), `{"N":"-1.5"}`},
		{"B", B([]byte{0, 0xff, 'a'}), `{"B":"AP9h"}`},
		{"BOOL", Bool(false), `{"BOOL":false}`},
		{"NULL", Null(), `{"NULL":true}`},
		{"L", L([]Value{S("a"), Bool(true)}), `{"L":[{"S":"a"},{"BOOL":true}]}`},
		{"L empty", L(nil), `{"L":[]}`},
		{"M sorted", M(map[string]Value{"b": S("2"), "a": S("1"), "\"q": Null()}), `{"M":{"\"q":{"NULL":true},"a":{"S":"1"},"b":{"S":"2"}}}`},
		{"M empty", M(nil), `{"M":{}}`},
		{"SS", mustSet(t, TypeSS, "x\n", "y"), `{"SS":["x\n","y"]}`},
		{"NS", mustSet(t, TypeNS, "1e2", "-0.5"), `{"NS":["100","-0.5"]}`},
		{"BS", mustSet(t, TypeBS, "a", "bc"), `{"BS":["YQ==","YmM="]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// json.Marshal would HTML-escape <, > and &; MarshalJSON does not.
			got, err := tt.v.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if tt.v.IsZero() {
				return
			}
			var back Value
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("decoding %s: %v", got, err)
			}
			if !Equal(back, tt.v) && tt.name != "S invalid UTF-8" {
				t.Errorf("round trip gave %v, want %v", back, tt.v)
			}
		})
	}
}

func TestItem_MarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		it   Item
		want string
	}{
		{"nil", nil, `null`},
		{"empty", Item{}, `{}`},
		{"one", Item{"id": S("a")}, `{"id":{"S":"a"}}`},
		{"sorted", Item{"b": mustN(t, "2"), "a": Null()}, `{"a":{"NULL":true},"b":{"N":"2"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.it)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCloneItem(t *testing.T) {
	if CloneItem(nil) != nil {
		t.Error("CloneItem(nil) is not nil")
	}
	it := Item{"a": S("x")}
	c := CloneItem(it)
	c["b"] = S("y")
	if _, ok := it["b"]; ok || len(c) != 2 || !Equal(c["a"], S("x")) {
		t.Errorf("clone %v shares or lost members of %v", c, it)
	}
}

func FuzzValueJSON(f *testing.F) {
	for _, s := range []string{
		`{"S":"x"}`, `{"N":"1.50"}`, `{"B":"YWJj"}`, `{"BOOL":true}`, `{"NULL":true}`, `{"NULL":false}`,
		`{"M":{"a":{"S":"b"},"c":{"L":[{"N":"1"},{"SS":["a","b"]}]}}}`, `{"L":[]}`, `{"SS":["a","a"]}`,
		`{"NS":["1","1.0"]}`, `{"BS":["YQ==","Yg=="]}`, `{}`, `{"S":"a","N":"1"}`, `{"S":5}`, `{"B":"YR=="}`,
		`{"S":"\ud83d\ude00\u0000"}`, `{"X":[1,{"y":null}],"N":"-0"}`, nested(33), `null`, `[`, `{"S":"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v Value
		if err := v.UnmarshalJSON(data); err != nil {
			if !isDDBError(err) {
				t.Fatalf("error %T %v is not a *ddberr.Error", err, err)
			}
			return
		}
		enc, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", v, err)
		}
		var back Value
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", enc, err)
		}
		if !Equal(v, back) {
			t.Fatalf("round trip of %s gave %s", enc, back)
		}
		if enc2, _ := json.Marshal(back); string(enc2) != string(enc) {
			t.Fatalf("second encoding %s differs from %s", enc2, enc)
		}
	})
}

func TestAppendBase64_MatchesEncodingBase64(t *testing.T) {
	for n := range 70 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*37 + n)
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			got := string(appendBase64([]byte("x"), string(b)))
			if want := "x" + base64.StdEncoding.EncodeToString(b); got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})
	}
}

// TestKnownPlain: a decoded S value is known plain exactly when its JSON
// had no escape and only ASCII; then PlainString agrees. Values made
// otherwise carry no hint, and the hint does not change equality.
func TestKnownPlain(t *testing.T) {
	tests := []struct {
		json  string
		known bool
	}{
		{`{"S":"plain text"}`, true},
		{`{"S":""}`, true},
		{`{"S":"del \u007f is escaped here"}`, false},
		{`{"S":"quote \" escaped"}`, false},
		{`{"S":"tab \t escaped"}`, false},
		{`{"S":"é not ASCII"}`, false},
		{`{"S":"` + strings.Repeat("long ", 40) + `"}`, true},
	}
	for _, tc := range tests {
		var v Value
		if err := v.UnmarshalJSON([]byte(tc.json)); err != nil {
			t.Fatalf("%s: %v", tc.json, err)
		}
		if got := v.KnownPlain(); got != tc.known {
			t.Errorf("%s: KnownPlain() = %v, want %v", tc.json, got, tc.known)
		}
		if v.KnownPlain() && !PlainString(v.Str()) {
			t.Errorf("%s: known plain, but PlainString(%q) is false", tc.json, v.Str())
		}
		if made := S(v.Str()); made.KnownPlain() || !Equal(made, v) {
			t.Errorf("%s: S(%q) has KnownPlain %v, Equal %v; want false, true", tc.json, v.Str(), made.KnownPlain(), Equal(made, v))
		}
	}
	var n Value
	if err := n.UnmarshalJSON([]byte(`{"N":"12"}`)); err != nil || n.KnownPlain() {
		t.Errorf(`{"N":"12"}: KnownPlain() = %v (%v), want false: only S values carry it`, n.KnownPlain(), err)
	}
}

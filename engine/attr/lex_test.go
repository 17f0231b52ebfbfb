package attr

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestStr_Errors pins how the decoder's strings, checked by wire's shared
// scanner, fail: invalid UTF-8 is DynamoDB's SerializationException (wire
// would replace it) and wins over a syntax error after it but not before
// it; syntax errors give the offset attr has always given.
func TestStr_Errors(t *testing.T) {
	tests := []struct {
		in, want, wantErr string
	}{
		{"{\"S\":\"a\xffb\x01\"}", "", "SerializationException: Invalid UTF-8 in string at offset 7"},
		{"{\"S\":\"a\x01\xff\"}", "", `SerializationException: Unexpected character at offset 7: '\x01'`},
		{`{"S":"\u12x4"}`, "", "SerializationException: Unexpected character at offset 8: '1'"},
		{`{"S":"é\q"}`, "", "SerializationException: Unexpected character at offset 9: 'q'"},
		{`{"S":"\`, "", "SerializationException: Unexpected end of input at offset 7"},
		{"{\"S\":\"x\xe2\x80\"}", "", "SerializationException: Invalid UTF-8 in string at offset 7"},
		{"{\"S\":\"\xe2\x80\\n\"}", "", "SerializationException: Invalid UTF-8 in string at offset 6"},
		{`{"S":"0123456789é\u00"}`, "", "SerializationException: Unexpected character at offset 20: '0'"},
		{"{\"S\":\"0123456789abcdef\xc3\"}", "", "SerializationException: Invalid UTF-8 in string at offset 22"},
		{`{"S":"é\n\ud83d\ude00"}`, `{"S":"é\n😀"}`, ""},
		{`{"S":"\ud800\u0041"}`, `{"S":"` + "\uFFFD" + `A"}`, ""},
		{`{"S":"0123456789é€😀"}`, `{"S":"0123456789é€😀"}`, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			var v Value
			err := v.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("UnmarshalJSON(%q) error %v, want %s", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || v.String() != tt.want {
				t.Fatalf("UnmarshalJSON(%q) = %s, %v; want %s", tt.in, v, err, tt.want)
			}
		})
	}
}

// TestDecode_NameCache decodes items with many names, some escaped or too
// long for the name cache, from several goroutines at once: every item
// keeps exactly its own names, however the cache's slots are shared.
func TestDecode_NameCache(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 3000 {
				n := (i*7 + g*1000) % 2000
				names := []string{fmt.Sprintf("attr%d", n), fmt.Sprintf("a\\u0074tr%d", n), strings.Repeat("long", 10) + strconv.Itoa(n), "pk"}
				want := []string{fmt.Sprintf("attr%d", n), fmt.Sprintf("attr%d", n+1), strings.Repeat("long", 10) + strconv.Itoa(n), "pk"}
				src := fmt.Sprintf(`{"%s":{"S":"1"},"attr%d":{"S":"2"},"%s":{"S":"3"},"%s":{"S":"4"}}`, names[0], n+1, names[2], names[3])
				var it Item
				if err := it.UnmarshalJSON([]byte(src)); err != nil {
					t.Error(err)
					return
				}
				for _, name := range want {
					if _, ok := it[name]; !ok || len(it) != len(want) {
						t.Errorf("%s: decoded %v, want the names %q", src, it, want)
						return
					}
				}
				var esc Item
				if err := esc.UnmarshalJSON([]byte(`{"` + names[1] + `":{"S":"x"}}`)); err != nil || esc[want[0]].Str() != "x" {
					t.Errorf("escaped name %s: %v %v", names[1], esc, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

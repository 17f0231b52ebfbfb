package attr

import (
	"fmt"
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

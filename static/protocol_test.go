package static

import (
	"strings"
	"testing"
)

// TestProtocol_DynamoDBValues checks protocol.js against DynamoDB's own
// protocol (the AWS SDKs send and read these exact values).
func TestProtocol_DynamoDBValues(t *testing.T) {
	want := ProtocolDetails{
		TargetPrefix:        "DynamoDB_20120810.",
		StreamsTargetPrefix: "DynamoDBStreams_20120810.",
		ContentType:         "application/x-amz-json-1.0",
		TargetHeader:        "X-Amz-Target",
		RequestIDHeader:     "x-amzn-RequestId",
		CRC32Header:         "x-amz-crc32",
		RequestIDAlphabet:   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		RequestIDLength:     52,
	}
	if Protocol != want {
		t.Errorf("Protocol = %+v,\nwant %+v", Protocol, want)
	}
}

// TestParseProtocol_Malformed: a protocol.js whose object is not JSON (or
// is missing, or names an unknown member) panics at start-up rather than
// sending wrong headers.
func TestParseProtocol_Malformed(t *testing.T) {
	for _, js := range []string{
		"",
		"export const protocol = {\n  targetPrefix: \"x\"\n};",
		strings.Replace(protocolJS, `"crc32Header"`, `"crc32"`, 1),
		strings.Replace(protocolJS, "\n};", "\n}", 1),
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("parseProtocol(%.60q…) did not panic", js)
				}
			}()
			parseProtocol(js)
		}()
	}
}

// Package static gives the Go side the front end's one declaration of
// DynamoDB's protocol details (protocol.js, which the page imports): the
// target prefixes, the content type, the header names and the request id's
// form. Package web writes its answers with them. The site as served is
// this directory without its Go files (make site removes them).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web, net/http, syscall/js
package static

import (
	_ "embed"
	"encoding/json"
	"strings"
)

//go:embed protocol.js
var protocolJS string

// Protocol is protocol.js's protocol object.
var Protocol = parseProtocol(protocolJS)

// ProtocolDetails are DynamoDB's protocol details as protocol.js declares
// them.
type ProtocolDetails struct {
	TargetPrefix        string `json:"targetPrefix"`        // X-Amz-Target of DynamoDB's operations: prefix + operation
	StreamsTargetPrefix string `json:"streamsTargetPrefix"` // X-Amz-Target of DynamoDB Streams' operations
	ContentType         string `json:"contentType"`         // of every request and answer
	TargetHeader        string `json:"targetHeader"`
	RequestIDHeader     string `json:"requestIdHeader"`
	CRC32Header         string `json:"crc32Header"` // the IEEE CRC-32 of the answer's body, in decimal
	RequestIDAlphabet   string `json:"requestIdAlphabet"`
	RequestIDLength     int    `json:"requestIdLength"`
}

// parseProtocol reads the object of "export const protocol = {…};" in js.
// A malformed file is a build mistake: it panics, and every test fails.
func parseProtocol(js string) ProtocolDetails {
	const open = "export const protocol = "
	_, rest, ok := strings.Cut(js, open)
	obj, _, closed := strings.Cut(rest, "\n};")
	var p ProtocolDetails
	dec := json.NewDecoder(strings.NewReader(obj + "\n}"))
	dec.DisallowUnknownFields()
	if !ok || !closed || dec.Decode(&p) != nil || p.TargetPrefix == "" || p.RequestIDLength <= 0 || p.RequestIDAlphabet == "" {
		panic("static: protocol.js does not declare the protocol object as JSON")
	}
	return p
}

package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// fakeHandler returns a protocol handler over a fake engine: op "Echo"
// answers the body, "Fail" a ValidationException with an extra field,
// "Angle" one whose message and field hold "<", ">" and "&",
// "Plain" a non-DynamoDB error; others are unknown. Errors are answered
// as engine.DB.Serve answers them (engine.ErrorBody); Serve's own policy
// (panics, TTL sweeps) is tested in package engine (serve_test.go).
func fakeHandler(t *testing.T) http.Handler {
	t.Helper()
	handle := func(op string, body []byte) ([]byte, error) {
		switch op {
		case "Echo":
			return body, nil
		case "Fail":
			return nil, ddberr.Validation("bad %s", "thing").With("Item", map[string]any{"pk": map[string]string{"S": "a"}})
		case "Plain":
			return nil, errors.New("disk on fire")
		case "Angle":
			return nil, ddberr.Validation("Syntax error; token: %q", "<EOF>").With("Item", map[string]any{"s": map[string]string{"S": "a<b>&c"}})
		case "Status0":
			return nil, &ddberr.Error{Type: "X", Message: "y"}
		}
		return nil, ddberr.New(ddberr.TypeUnknownOperation, "unknown "+op)
	}
	return &handler{serve: func(dst []byte, op string, body []byte) (int, []byte, bool) {
		out, err := handle(op, body)
		if err != nil {
			status, b := engine.ErrorBody(err)
			return status, append(dst, b...), false
		}
		return 200, append(dst, out...), false
	}}
}

func post(h http.Handler, target, body string) *httptest.ResponseRecorder {
	return postFrom(h, "", target, body)
}

// postFrom is post with an Origin header, as a browser sends (none if
// origin is "", as the SDKs and the CLI send).
func postFrom(h http.Handler, origin, target, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", contentTypeJSON)
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if target != "" {
		req.Header.Set(headerTarget, target)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkProtocolHeaders checks the headers every protocol answer carries,
// and the CORS headers, which only an answer to a request with an Origin
// header (cors) carries.
func checkProtocolHeaders(t *testing.T, rec *httptest.ResponseRecorder, cors bool) {
	t.Helper()
	hd := rec.Result().Header
	if got := hd.Get("Content-Type"); got != contentTypeJSON {
		t.Errorf("Content-Type = %q, want %q", got, contentTypeJSON)
	}
	if got := hd.Get(headerRequestID); len(got) != requestIDLen || strings.Trim(got, requestIDAlphabet) != "" {
		t.Errorf("%s = %q, want %d characters of A-Z0-9", headerRequestID, got, requestIDLen)
	}
	want := strconv.FormatUint(uint64(crc32.ChecksumIEEE(rec.Body.Bytes())), 10)
	if got := hd.Get(headerCRC32); got != want {
		t.Errorf("%s = %q, want %q", headerCRC32, got, want)
	}
	if got := hd.Get("Content-Length"); got != strconv.Itoa(rec.Body.Len()) {
		t.Errorf("Content-Length = %q, want %d", got, rec.Body.Len())
	}
	if !cors {
		if _, ok := hd["Access-Control-Allow-Origin"]; ok {
			t.Errorf("Access-Control-Allow-Origin = %q on the answer to a request without Origin, want none", hd.Get("Access-Control-Allow-Origin"))
		}
		if _, ok := hd["Access-Control-Expose-Headers"]; ok {
			t.Errorf("Access-Control-Expose-Headers = %q on the answer to a request without Origin, want none", hd.Get("Access-Control-Expose-Headers"))
		}
		return
	}
	if got := hd.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
	}
	if got := hd.Get("Access-Control-Expose-Headers"); !strings.Contains(got, headerRequestID) || !strings.Contains(got, headerCRC32) {
		t.Errorf("Access-Control-Expose-Headers = %q, want it to list %s and %s", got, headerRequestID, headerCRC32)
	}
}

// testOrigins are the Origin headers of the handler's tests: none (the
// SDKs, the CLI) and a browser's.
var testOrigins = []string{"", "https://play.example"}

func TestHandler_Success(t *testing.T) {
	h := fakeHandler(t)
	for _, origin := range testOrigins {
		rec := postFrom(h, origin, TargetPrefix+"Echo", `{"TableName":"t"}`)
		if rec.Code != http.StatusOK {
			t.Fatalf("status = %d, want 200", rec.Code)
		}
		if got, want := rec.Body.String(), `{"TableName":"t"}`; got != want {
			t.Errorf("body = %s, want %s", got, want)
		}
		checkProtocolHeaders(t, rec, origin != "")
	}
}

func TestHandler_RequestIDsDiffer(t *testing.T) {
	h := fakeHandler(t)
	seen := map[string]bool{}
	for range 50 {
		id := post(h, TargetPrefix+"Echo", `{}`).Result().Header.Get(headerRequestID)
		if seen[id] {
			t.Fatalf("request id %q repeated", id)
		}
		seen[id] = true
	}
}

func TestHandler_Errors(t *testing.T) {
	tests := []struct {
		name, target string
		wantStatus   int
		wantType     string
		wantMessage  string
	}{
		{"no target", "", 400, ddberr.TypeUnknownOperation, "unknown "},
		{"no prefix", "PutItem", 400, ddberr.TypeUnknownOperation, "unknown "},
		{"other service", "Kinesis_20131202.GetRecords", 400, ddberr.TypeUnknownOperation, "unknown "},
		{"streams", "DynamoDBStreams_20120810.GetRecords", 400, ddberr.TypeUnknownOperation, "unknown DynamoDBStreams_20120810.GetRecords"},
		{"streams prefix only", "DynamoDBStreams_20120810.", 400, ddberr.TypeUnknownOperation, "unknown "},
		{"prefix only", TargetPrefix, 400, ddberr.TypeUnknownOperation, "unknown "},
		{"engine unknown op", TargetPrefix + "Nope", 400, ddberr.TypeUnknownOperation, "unknown Nope"},
		{"engine error", TargetPrefix + "Fail", 400, ddberr.TypeValidation, "bad thing"},
		{"status zero", TargetPrefix + "Status0", 400, "X", "y"},
		{"plain error", TargetPrefix + "Plain", 500, ddberr.TypeInternalServerError, "disk on fire"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := fakeHandler(t)
			origin := testOrigins[i%2]
			rec := postFrom(h, origin, tt.target, `{}`)
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			checkProtocolHeaders(t, rec, origin != "")
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q is not JSON: %v", rec.Body, err)
			}
			if got, want := body["__type"], ddberr.Namespace(tt.wantType)+tt.wantType; got != want {
				t.Errorf("__type = %v, want %v", got, want)
			}
			if got := body["message"]; got != tt.wantMessage {
				t.Errorf("message = %v, want %v", got, tt.wantMessage)
			}
		})
	}
}

func TestHandler_ErrorFields(t *testing.T) {
	h := fakeHandler(t)
	rec := post(h, TargetPrefix+"Fail", `{}`)
	var body struct {
		Item map[string]map[string]string
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if got := body.Item["pk"]["S"]; got != "a" {
		t.Errorf("Item.pk.S = %q, want %q (body %s)", got, "a", rec.Body)
	}
}

// unsizedReader hides the length of a body so the request is chunked.
type unsizedReader struct{ r io.Reader }

func (u unsizedReader) Read(p []byte) (int, error) { return u.r.Read(p) }

func TestHandler_BodyLimit(t *testing.T) {
	big := strings.Repeat("x", MaxBodyBytes+1)
	tests := []struct {
		name       string
		body       io.Reader
		wantStatus int
	}{
		{"declared length over limit", strings.NewReader(big), 413},
		{"chunked over limit", unsizedReader{strings.NewReader(big)}, 413},
		{"at limit", strings.NewReader(big[:MaxBodyBytes]), 200},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := fakeHandler(t)
			req := httptest.NewRequest(http.MethodPost, "/", tt.body)
			req.Header.Set(headerTarget, TargetPrefix+"Echo")
			origin := testOrigins[i%2]
			if origin != "" {
				req.Header.Set("Origin", origin)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			checkProtocolHeaders(t, rec, origin != "")
			if tt.wantStatus != 413 {
				return
			}
			var body map[string]string
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if got, want := body["__type"], ddberr.Namespace(typeRequestEntityTooLarge)+typeRequestEntityTooLarge; got != want {
				t.Errorf("__type = %q, want %q", got, want)
			}
			if got := body["message"]; !strings.Contains(got, strconv.Itoa(MaxBodyBytes)) {
				t.Errorf("message = %q, want it to name the limit %d", got, MaxBodyBytes)
			}
		})
	}
}

func TestHandler_Preflight(t *testing.T) {
	h := fakeHandler(t)
	req := httptest.NewRequest(http.MethodOptions, "/", nil)
	req.Header.Set("Origin", "https://example.com")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-amz-target,authorization")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNoContent {
		t.Errorf("status = %d, want 204", rec.Code)
	}
	hd := rec.Result().Header
	if got := hd.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Allow-Origin = %q, want *", got)
	}
	if got := hd.Get("Access-Control-Allow-Methods"); !strings.Contains(got, "POST") {
		t.Errorf("Allow-Methods = %q, want POST in it", got)
	}
	allowed := strings.ToLower(hd.Get("Access-Control-Allow-Headers"))
	for _, want := range []string{"x-amz-target", "x-amz-user-agent", "authorization", "x-amz-date",
		"x-amz-security-token", "amz-sdk-invocation-id", "amz-sdk-request", "content-type"} {
		if !strings.Contains(allowed, want) {
			t.Errorf("Allow-Headers = %q, want %s in it", allowed, want)
		}
	}
}

func TestHandler_PreflightEchoesAskedHeaders(t *testing.T) {
	tests := []struct {
		asked   string
		want    string // in Access-Control-Allow-Headers
		wantNot string // not in it
	}{
		{"x-amz-checksum-crc32, x-new-header", "x-amz-checksum-crc32, x-new-header", ""},
		{"bad header\r\nx: y", "", "bad header"},
		{"a,,b", "", "a,,b"},
	}
	for _, tt := range tests {
		t.Run(tt.asked, func(t *testing.T) {
			h := fakeHandler(t)
			req := httptest.NewRequest(http.MethodOptions, "/", nil)
			req.Header["Access-Control-Request-Headers"] = []string{tt.asked}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			got := rec.Result().Header.Get("Access-Control-Allow-Headers")
			if !strings.Contains(got, "X-Amz-Target") || !strings.Contains(got, tt.want) {
				t.Errorf("Allow-Headers = %q, want the SDK headers and %q", got, tt.want)
			}
			if tt.wantNot != "" && strings.Contains(got, tt.wantNot) {
				t.Errorf("Allow-Headers = %q, want no %q", got, tt.wantNot)
			}
		})
	}
}

func TestHandler_GetAndMethods(t *testing.T) {
	tests := []struct {
		method     string
		wantStatus int
		wantBody   string
	}{
		{http.MethodGet, 200, healthText},
		{http.MethodHead, 200, ""},
		{http.MethodPut, 405, `"message":"` + msgMethod + `"`},
		{http.MethodDelete, 405, `"message":"` + msgMethod + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			h := fakeHandler(t)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, "/", nil))
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			if got := rec.Body.String(); !strings.Contains(got, tt.wantBody) || (tt.wantBody == "" && got != "") {
				t.Errorf("body = %q, want %q in it", got, tt.wantBody)
			}
		})
	}
}

func TestHandler_ErrorBodyKeepsAngleBrackets(t *testing.T) {
	h := fakeHandler(t)
	rec := post(h, TargetPrefix+"Angle", `{}`)
	checkProtocolHeaders(t, rec, false)
	body := rec.Body.String()
	for _, want := range []string{`"message":"Syntax error; token: \"<EOF>\""`, `"S":"a<b>&c"`} {
		if !strings.Contains(body, want) {
			t.Errorf("body %s does not contain %s", body, want)
		}
	}
	if strings.Contains(body, `\u00`) || strings.HasSuffix(body, "\n") {
		t.Errorf("body %q escapes HTML characters or ends in a newline", body)
	}
}

// TestHandler_ReusedBuffersKeepAnswersApart runs requests of very
// different sizes at once through the real engine: the handler reuses its
// request and answer buffers (engine.Host.ServeAppend), and no answer may
// show bytes of another.
func TestHandler_ReusedBuffersKeepAnswersApart(t *testing.T) {
	db := engine.New(engine.Options{})
	h := NewHandler(db)
	mustPost := func(op, body string) string {
		t.Helper()
		rec := post(h, TargetPrefix+op, body)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", op, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	mustPost("CreateTable", `{"TableName":"reuse","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	db.Advance(2 * time.Second) // the table is CREATING until then
	sizes := []int{1, 100, 5000, 200 << 10}
	want := map[int]string{}
	for _, n := range sizes {
		mustPost("PutItem", fmt.Sprintf(`{"TableName":"reuse","Item":{"pk":{"S":"k%d"},"v":{"S":"%s"}}}`, n, strings.Repeat("v", n)))
		want[n] = fmt.Sprintf(`{"Item":{"pk":{"S":"k%d"},"v":{"S":"%s"}}}`, n, strings.Repeat("v", n))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 40 {
				n := sizes[(g+i)%len(sizes)]
				rec := post(h, TargetPrefix+"GetItem", fmt.Sprintf(`{"TableName":"reuse","Key":{"pk":{"S":"k%d"}}}`, n))
				if got := rec.Body.String(); rec.Code != http.StatusOK || got != want[n] {
					t.Errorf("GetItem k%d: %d, %d bytes, want 200 and the item's %d bytes", n, rec.Code, len(got), len(want[n]))
					return
				}
				if got, want := rec.Header().Get(headerCRC32), strconv.FormatUint(uint64(crc32.ChecksumIEEE(rec.Body.Bytes())), 10); got != want {
					t.Errorf("GetItem k%d: %s = %s, want %s", n, headerCRC32, got, want)
				}
			}
		})
	}
	wg.Wait()
}

// TestAutoLength sends answers around autoLengthMax through a real
// net/http server: each must carry its Content-Length (left to the server
// up to autoLengthMax, set by the handler beyond), never chunks, and the
// protocol's other headers.
func TestAutoLength(t *testing.T) {
	srv := httptest.NewServer(fakeHandler(t))
	t.Cleanup(srv.Close)
	for i, n := range []int{0, 2, 100, autoLengthMax - 1, autoLengthMax, autoLengthMax + 1, 64 << 10} {
		body := strings.Repeat("x", n)
		req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(headerTarget, TargetPrefix+"Echo")
		origin := testOrigins[i%2]
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != http.StatusOK || string(got) != body {
			t.Fatalf("%d bytes: status %d, %d bytes back", n, res.StatusCode, len(got))
		}
		if cl := res.Header.Get("Content-Length"); cl != strconv.Itoa(n) || res.ContentLength != int64(n) || len(res.TransferEncoding) > 0 {
			t.Errorf("%d bytes: Content-Length %q (%d), Transfer-Encoding %q; want %d, none", n, cl, res.ContentLength, res.TransferEncoding, n)
		}
		want := strconv.FormatUint(uint64(crc32.ChecksumIEEE(got)), 10)
		if res.Header.Get(headerCRC32) != want || len(res.Header.Get(headerRequestID)) != requestIDLen ||
			res.Header.Get("Content-Type") != contentTypeJSON || (res.Header.Get("Access-Control-Allow-Origin") == "*") != (origin != "") {
			t.Errorf("%d bytes: headers %v", n, res.Header)
		}
	}
}

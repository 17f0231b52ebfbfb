package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
)

// BenchmarkHandler measures the protocol layer over the real engine,
// without a network: decode target and body, run, write headers and CRC.
func BenchmarkHandler(b *testing.B) {
	db := engine.New(engine.Options{})
	h := NewHandler(db)
	serve := func(b *testing.B, op, body string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set(headerTarget, TargetPrefix+op)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", op, rec.Code, rec.Body)
		}
	}
	serve(b, "CreateTable", `{"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	db.Advance(2 * time.Second) // the table is CREATING until then
	for i := range 1000 {
		serve(b, "PutItem", fmt.Sprintf(`{"TableName":"bench","Item":{"pk":{"S":"k%d"},"v":{"S":"%s"}}}`, i, strings.Repeat("x", 100)))
	}
	cases := []struct{ name, op, body string }{
		{"ListTables", "ListTables", `{}`},
		{"GetItem", "GetItem", `{"TableName":"bench","Key":{"pk":{"S":"k500"}}}`},
		{"PutItem", "PutItem", `{"TableName":"bench","Item":{"pk":{"S":"k1"},"v":{"S":"y"}}}`},
		{"Query", "Query", `{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"k7"}}}`},
	}
	// The items of cmd/ddbplay's BenchmarkNative: 1 KB, one partition of
	// 100 for Query100.
	serve(b, "CreateTable", `{"TableName":"q100","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}`)
	db.Advance(2 * time.Second)
	item := func(sk string, i int) string {
		return fmt.Sprintf(`{"pk":{"S":"partition"},"sk":{"S":%q},"name":{"S":"user %d"},"count":{"N":"%d"},`+
			`"active":{"BOOL":true},"tags":{"SS":["red","green","blue"]},"payload":{"S":"%s"}}`, sk, i, i*7, strings.Repeat("x", 950))
	}
	for i := range 100 {
		serve(b, "PutItem", `{"TableName":"q100","Item":`+item(fmt.Sprintf("sk-%03d", i), i)+`}`)
	}
	cases = append(cases,
		struct{ name, op, body string }{"GetItem1KB", "GetItem", `{"TableName":"q100","Key":{"pk":{"S":"partition"},"sk":{"S":"sk-050"}}}`},
		struct{ name, op, body string }{"PutItem1KB", "PutItem", `{"TableName":"q100","Item":` + item("sk-050", 50) + `}`},
		struct{ name, op, body string }{"Query100", "Query", `{"TableName":"q100","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"partition"}}}`},
	)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				serve(b, c.op, c.body)
			}
		})
	}
}

// BenchmarkHandlerDirect is BenchmarkHandler's 1 KB cases without
// httptest: one request reused, its body reread, and a ResponseWriter
// that keeps nothing but, as net/http's does, a fresh header map per
// request cloned at WriteHeader. What it counts is the handler's and the
// engine's own work (the figure to watch under cachegrind).
func BenchmarkHandlerDirect(b *testing.B) {
	db := engine.New(engine.Options{})
	h := NewHandler(db)
	var w directWriter
	serve := func(b *testing.B, req *http.Request, body *strings.Reader, text string) {
		body.Reset(text)
		req.ContentLength = int64(len(text))
		w.reset()
		h.ServeHTTP(&w, req)
		if w.status != http.StatusOK {
			b.Fatalf("%s: %d", req.Header.Get(headerTarget), w.status)
		}
	}
	newReq := func(op string) (*http.Request, *strings.Reader) {
		body := strings.NewReader("")
		req := httptest.NewRequest(http.MethodPost, "/", body)
		req.Header.Set(headerTarget, TargetPrefix+op)
		return req, body
	}
	create, cbody := newReq("CreateTable")
	serve(b, create, cbody, `{"TableName":"q100","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}`)
	db.Advance(2 * time.Second)
	item := func(sk string, i int) string {
		return fmt.Sprintf(`{"pk":{"S":"partition"},"sk":{"S":%q},"name":{"S":"user %d"},"count":{"N":"%d"},`+
			`"active":{"BOOL":true},"tags":{"SS":["red","green","blue"]},"payload":{"S":"%s"}}`, sk, i, i*7, strings.Repeat("x", 950))
	}
	put, pbody := newReq("PutItem")
	for i := range 100 {
		serve(b, put, pbody, `{"TableName":"q100","Item":`+item(fmt.Sprintf("sk-%03d", i), i)+`}`)
	}
	cases := []struct{ name, op, body string }{
		{"GetItem1KB", "GetItem", `{"TableName":"q100","Key":{"pk":{"S":"partition"},"sk":{"S":"sk-050"}}}`},
		{"PutItem1KB", "PutItem", `{"TableName":"q100","Item":` + item("sk-050", 50) + `}`},
		{"Query100", "Query", `{"TableName":"q100","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"partition"}}}`},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			req, body := newReq(c.op)
			b.ReportAllocs()
			for b.Loop() {
				serve(b, req, body, c.body)
			}
		})
	}
}

// directWriter is BenchmarkHandlerDirect's http.ResponseWriter.
type directWriter struct {
	header, sent http.Header
	status, n    int
}

func (w *directWriter) reset() { *w = directWriter{} }

func (w *directWriter) Header() http.Header {
	if w.header == nil {
		w.header = make(http.Header)
	}
	return w.header
}

func (w *directWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
		w.sent = w.header.Clone()
	}
}

func (w *directWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += len(p)
	return len(p), nil
}

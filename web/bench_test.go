package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
	for i := range 1000 {
		serve(b, "PutItem", fmt.Sprintf(`{"TableName":"bench","Item":{"pk":{"S":"k%d"},"v":{"S":"%s"}}}`, i, strings.Repeat("x", 100)))
	}
	cases := []struct{ name, op, body string }{
		{"ListTables", "ListTables", `{}`},
		{"GetItem", "GetItem", `{"TableName":"bench","Key":{"pk":{"S":"k500"}}}`},
		{"PutItem", "PutItem", `{"TableName":"bench","Item":{"pk":{"S":"k1"},"v":{"S":"y"}}}`},
		{"Query", "Query", `{"TableName":"bench","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"k7"}}}`},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				serve(b, c.op, c.body)
			}
		})
	}
}

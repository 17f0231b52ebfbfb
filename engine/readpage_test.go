package engine

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/ddbplay/ddbplay/engine/read"
)

// TestReadPage_PartialDecode checks the table reads that decode only part
// of each stored item (Count, filter, projection, LastEvaluatedKey, and
// GetItem's projection): each must answer as if the whole item were read.
func TestReadPage_PartialDecode(t *testing.T) {
	db := readDB(t)
	for _, it := range []string{
		`{"pk":{"S":"p"},"sk":{"N":"1"},"v":{"S":"one"},"m":{"M":{"a":{"N":"1"},"b":{"L":[{"S":"x"},{"NS":["1","2"]}]}}},"ss":{"SS":["a","b","c"]}}`,
		`{"pk":{"S":"p"},"sk":{"N":"2"},"v":{"S":"two"},"m":{"M":{"a":{"N":"2"}}},"li":{"L":[{"N":"10"},{"M":{"z":{"BOOL":true}}},{"B":"AQ=="}]}}`,
		`{"pk":{"S":"p"},"sk":{"N":"3"},"bs":{"BS":["AA==","AQ=="]},"n":{"NULL":true},"ss":{"SS":["q"]}}`,
		`{"pk":{"S":"p"},"sk":{"N":"4"},"v":{"S":"four"},"m":{"M":{"a":{"N":"1"}}},"ss":{"SS":["a","b"]}}`,
		`{"pk":{"S":"other"},"sk":{"N":"1"},"v":{"S":"elsewhere"}}`,
		`{"pk":{"S":"i"},"sk":{"N":"1"},"g":{"S":"G"},"l":{"S":"b"},"x":{"S":"x1"},"y":{"S":"y1"}}`,
		`{"pk":{"S":"i"},"sk":{"N":"2"},"g":{"S":"G"},"l":{"S":"a"},"x":{"L":[{"S":"x2"}]},"y":{"S":"y2"}}`,
	} {
		readCall(t, db, "PutItem", `{"TableName":"qqq","Item":`+it+`}`)
	}
	const query = `"TableName":"qqq","KeyConditionExpression":"pk = :p"`
	const p = `":p":{"S":"p"}`
	tests := []struct {
		name, op, body string
		want           string // the response without ConsumedCapacity
	}{
		{"count", "Query", `{` + query + `,"Select":"COUNT","ExpressionAttributeValues":{` + p + `}}`,
			`{"Count":4,"ScannedCount":4}`},
		{"count with filter on a nested path", "Query", `{` + query + `,"Select":"COUNT","FilterExpression":"m.a = :one","ExpressionAttributeValues":{` + p + `,":one":{"N":"1"}}}`,
			`{"Count":2,"ScannedCount":4}`},
		{"count with limit", "Query", `{` + query + `,"Select":"COUNT","Limit":2,"ExpressionAttributeValues":{` + p + `}}`,
			`{"Count":2,"ScannedCount":2,"LastEvaluatedKey":{"pk":{"S":"p"},"sk":{"N":"2"}}}`},
		{"filter with a function, whole items", "Query", `{` + query + `,"FilterExpression":"size(ss) >= :two OR attribute_type(n, :null)","ExpressionAttributeValues":{` + p + `,":two":{"N":"2"},":null":{"S":"NULL"}}}`,
			`{"Count":3,"ScannedCount":4,"Items":[
				{"pk":{"S":"p"},"sk":{"N":"1"},"v":{"S":"one"},"m":{"M":{"a":{"N":"1"},"b":{"L":[{"S":"x"},{"NS":["1","2"]}]}}},"ss":{"SS":["a","b","c"]}},
				{"pk":{"S":"p"},"sk":{"N":"3"},"bs":{"BS":["AA==","AQ=="]},"n":{"NULL":true},"ss":{"SS":["q"]}},
				{"pk":{"S":"p"},"sk":{"N":"4"},"v":{"S":"four"},"m":{"M":{"a":{"N":"1"}}},"ss":{"SS":["a","b"]}}]}`},
		{"filter and projection on other attributes", "Query", `{` + query + `,"FilterExpression":"contains(ss, :a)","ProjectionExpression":"v, m.b[1], li[1].z","ExpressionAttributeValues":{` + p + `,":a":{"S":"a"}}}`,
			`{"Count":2,"ScannedCount":4,"Items":[
				{"v":{"S":"one"},"m":{"M":{"b":{"L":[{"NS":["1","2"]}]}}}},
				{"v":{"S":"four"}}]}`},
		{"projection and limit", "Query", `{` + query + `,"ProjectionExpression":"li, bs","Limit":3,"ExpressionAttributeValues":{` + p + `}}`,
			`{"Count":3,"ScannedCount":3,"Items":[
				{},
				{"li":{"L":[{"N":"10"},{"M":{"z":{"BOOL":true}}},{"B":"AQ=="}]}},
				{"bs":{"BS":["AA==","AQ=="]}}],
			"LastEvaluatedKey":{"pk":{"S":"p"},"sk":{"N":"3"}}}`},
		{"keys-only index", "Query", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"Count":2,"ScannedCount":2,"Items":[
				{"pk":{"S":"i"},"sk":{"N":"1"},"g":{"S":"G"}},
				{"pk":{"S":"i"},"sk":{"N":"2"},"g":{"S":"G"}}]}`},
		{"keys-only index entries with limit", "Query", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","Limit":1,"ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"Count":1,"ScannedCount":1,"Items":[{"pk":{"S":"i"},"sk":{"N":"1"},"g":{"S":"G"}}],"LastEvaluatedKey":{"pk":{"S":"i"},"sk":{"N":"1"},"g":{"S":"G"}}}`},
		{"keys-only index count", "Query", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","Select":"COUNT","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"Count":2,"ScannedCount":2}`},
		{"keys-only index with limit", "Query", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","Limit":1,"ProjectionExpression":"sk","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"Count":1,"ScannedCount":1,"Items":[{"sk":{"N":"1"}}],"LastEvaluatedKey":{"pk":{"S":"i"},"sk":{"N":"1"},"g":{"S":"G"}}}`},
		{"include index with filter and limit", "Query", `{"TableName":"qqq","IndexName":"lInc","KeyConditionExpression":"pk = :i","FilterExpression":"attribute_type(x, :s)","Limit":1,"ExpressionAttributeValues":{":i":{"S":"i"},":s":{"S":"S"}}}`,
			`{"Count":0,"ScannedCount":1,"Items":[],"LastEvaluatedKey":{"pk":{"S":"i"},"sk":{"N":"2"},"l":{"S":"a"}}}`},
		{"include index", "Query", `{"TableName":"qqq","IndexName":"lInc","KeyConditionExpression":"pk = :i","ScanIndexForward":false,"ExpressionAttributeValues":{":i":{"S":"i"}}}`,
			`{"Count":2,"ScannedCount":2,"Items":[
				{"pk":{"S":"i"},"sk":{"N":"1"},"l":{"S":"b"},"x":{"S":"x1"}},
				{"pk":{"S":"i"},"sk":{"N":"2"},"l":{"S":"a"},"x":{"L":[{"S":"x2"}]}}]}`},
		{"include index fetching the table item", "Query", `{"TableName":"qqq","IndexName":"lInc","KeyConditionExpression":"pk = :i","ProjectionExpression":"y","Limit":1,"ExpressionAttributeValues":{":i":{"S":"i"}}}`,
			`{"Count":1,"ScannedCount":1,"Items":[{"y":{"S":"y2"}}],"LastEvaluatedKey":{"pk":{"S":"i"},"sk":{"N":"2"},"l":{"S":"a"}}}`},
		{"get item with a nested projection", "GetItem", `{"TableName":"qqq","Key":{"pk":{"S":"p"},"sk":{"N":"1"}},"ProjectionExpression":"m.b[1], ss, nope"}`,
			`{"Item":{"m":{"M":{"b":{"L":[{"NS":["1","2"]}]}}},"ss":{"SS":["a","b","c"]}}}`},
		{"get item whole", "GetItem", `{"TableName":"qqq","Key":{"pk":{"S":"p"},"sk":{"N":"4"}}}`,
			`{"Item":{"pk":{"S":"p"},"sk":{"N":"4"},"v":{"S":"four"},"m":{"M":{"a":{"N":"1"}}},"ss":{"SS":["a","b"]}}}`},
		{"scan with filter, projection and limit", "Scan", `{"TableName":"qqq","FilterExpression":"v = :v","ProjectionExpression":"sk","Limit":8,"ExpressionAttributeValues":{":v":{"S":"elsewhere"}}}`,
			`{"Count":1,"ScannedCount":7,"Items":[{"sk":{"N":"1"}}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := readCall(t, db, tc.op, tc.body)
			delete(got, "ConsumedCapacity")
			var want map[string]any
			if err := json.Unmarshal([]byte(tc.want), &want); err != nil {
				t.Fatalf("bad want %s: %v", tc.want, err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("%s response\ngot  %s\nwant %s", tc.op, g, w)
			}
		})
	}
}

// BenchmarkReadPage compares table reads that decode whole items with the
// same reads needing only part of each item (Select COUNT, a projection).
func BenchmarkReadPage(b *testing.B) {
	db := benchBigDB(b)
	str := func(s string) *string { return &s }
	scanAll := func(b *testing.B, in *ScanInput) {
		b.Helper()
		for b.Loop() {
			if total := scanCount(b, db, in); total != benchScanItems {
				b.Fatalf("counted %d items, want %d", total, benchScanItems)
			}
		}
	}
	b.Run("Scan 100k items whole", func(b *testing.B) {
		b.ReportAllocs()
		scanAll(b, &ScanInput{TableName: "scan"})
	})
	b.Run("Scan 100k items Select COUNT", func(b *testing.B) {
		b.ReportAllocs()
		scanAll(b, &ScanInput{TableName: "scan", Select: read.SelectCount})
	})
	b.Run("Scan 100k items projecting one attribute", func(b *testing.B) {
		b.ReportAllocs()
		scanAll(b, &ScanInput{TableName: "scan", ProjectionExpression: str("v")})
	})
}

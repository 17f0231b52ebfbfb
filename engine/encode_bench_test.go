package engine

import (
	"encoding/json"
	"testing"
)

// BenchmarkEncodeOutput compares encoding/json (as Handle encoded outputs
// before) with appendJSON on a GetItem output (an item of a dozen
// attributes of every type, with INDEXES consumed capacity) and on a
// DescribeTable output (a table with a GSI and an LSI).
func BenchmarkEncodeOutput(b *testing.B) {
	db := New(Options{})
	calls := []struct{ op, body string }{
		{"CreateTable", `{"TableName":"bench","BillingMode":"PAY_PER_REQUEST",
			"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"S"}],
			"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
			"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name","tags"]}}],
			"LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}`},
		{"PutItem", `{"TableName":"bench","Item":{"pk":{"S":"user#000042"},"sk":{"N":"42"},"g":{"S":"group-7"},"l":{"S":"2026-11-25T03:00:00Z"},
			"name":{"S":"Ada Lovelace <ada@example.com>"},"age":{"N":"36"},"score":{"N":"-12.75"},"active":{"BOOL":true},"nothing":{"NULL":true},
			"avatar":{"B":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"},"tags":{"SS":["admin","math","poetry"]},"lucky":{"NS":["3","7","42"]},
			"address":{"M":{"street":{"S":"12 St James's Square"},"city":{"S":"London"},"zip":{"S":"SW1Y 4JH"}}},
			"history":{"L":[{"S":"login"},{"N":"1732500000"},{"M":{"ip":{"S":"10.0.0.1"}}}]}}}`},
	}
	for _, c := range calls {
		if _, err := db.Handle(c.op, []byte(c.body)); err != nil {
			b.Fatal(err)
		}
		waitIfCreate(b, db, c.op, c.body)
	}
	var getIn GetItemInput
	if err := json.Unmarshal([]byte(`{"TableName":"bench","Key":{"pk":{"S":"user#000042"},"sk":{"N":"42"}},"ReturnConsumedCapacity":"INDEXES"}`), &getIn); err != nil {
		b.Fatal(err)
	}
	get, err := db.GetItem(&getIn)
	if err != nil {
		b.Fatal(err)
	}
	desc, err := db.DescribeTable(&DescribeTableInput{TableName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	for _, out := range []struct {
		name string
		out  jsonAppender
	}{{"GetItem", get}, {"DescribeTable", desc}} {
		b.Run(out.name+"/encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := encodingJSON(out.out); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(out.name+"/appendJSON", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := out.out.appendJSON(nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

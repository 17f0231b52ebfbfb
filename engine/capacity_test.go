package engine

import (
	"strings"
	"testing"
)

func TestCapacity_Units(t *testing.T) {
	cases := []struct {
		name string
		got  float64
		want float64
	}{
		{"read eventual small", readUnits(100, false), 0.5},
		{"read strong small", readUnits(100, true), 1},
		{"read nothing", readUnits(0, false), 0.5},
		{"read 4KB", readUnits(4096, true), 1},
		{"read 4KB+1", readUnits(4097, true), 2},
		{"read transactional", txnReadUnits(5000), 4},
		{"write 1KB", writeUnits(1024, false), 1},
		{"write 1KB+1", writeUnits(1025, false), 2},
		{"write transactional", writeUnits(1500, true), 4},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

// indexedDB has table "idx" (pk S, sk S) with GSI "gsi" on gk (KEYS_ONLY)
// and LSI "lsi" on lk (ALL).
func indexedDB(t *testing.T) *DB {
	t.Helper()
	db := emptyDB(t)
	coreCall(t, db, "CreateTable", `{"TableName":"idx","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"gk","AttributeType":"S"},{"AttributeName":"lk","AttributeType":"N"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
		"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"gk","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
		"LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"lk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`)
	return db
}

func TestCapacity_Operations(t *testing.T) {
	big := strings.Repeat("b", 1500)
	cases := []struct {
		name, op, body string
		want           string
	}{
		{"put total", "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"1"}},"ReturnConsumedCapacity":"TOTAL"}`,
			`{"CapacityUnits":1,"TableName":"idx","WriteCapacityUnits":1}`},
		{"put indexes", "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"1"},"gk":{"S":"g"},"lk":{"N":"1"},"big":{"S":"` + big + `"}},"ReturnConsumedCapacity":"INDEXES"}`,
			`{"CapacityUnits":5,"GlobalSecondaryIndexes":{"gsi":{"CapacityUnits":1,"WriteCapacityUnits":1}},"LocalSecondaryIndexes":{"lsi":{"CapacityUnits":2,"WriteCapacityUnits":2}},"Table":{"CapacityUnits":2,"WriteCapacityUnits":2},"TableName":"idx","WriteCapacityUnits":5}`},
		{"update moves gsi entry", "UpdateItem", `{"TableName":"idx","Key":{"pk":{"S":"x"},"sk":{"S":"1"}},"UpdateExpression":"SET gk = :g","ExpressionAttributeValues":{":g":{"S":"new"}},"ReturnConsumedCapacity":"INDEXES"}`,
			`{"CapacityUnits":3,"GlobalSecondaryIndexes":{"gsi":{"CapacityUnits":2,"WriteCapacityUnits":2}},"Table":{"CapacityUnits":1,"WriteCapacityUnits":1},"TableName":"idx","WriteCapacityUnits":3}`},
		{"get eventual", "GetItem", `{"TableName":"idx","Key":{"pk":{"S":"x"},"sk":{"S":"1"}},"ReturnConsumedCapacity":"TOTAL"}`,
			`{"CapacityUnits":0.5,"ReadCapacityUnits":0.5,"TableName":"idx"}`},
		{"get strong indexes", "GetItem", `{"TableName":"idx","Key":{"pk":{"S":"x"},"sk":{"S":"1"}},"ConsistentRead":true,"ReturnConsumedCapacity":"INDEXES"}`,
			`{"CapacityUnits":1,"ReadCapacityUnits":1,"Table":{"CapacityUnits":1,"ReadCapacityUnits":1},"TableName":"idx"}`},
		{"delete", "DeleteItem", `{"TableName":"idx","Key":{"pk":{"S":"x"},"sk":{"S":"1"}},"ReturnConsumedCapacity":"INDEXES"}`,
			`{"CapacityUnits":2,"GlobalSecondaryIndexes":{"gsi":{"CapacityUnits":1,"WriteCapacityUnits":1}},"Table":{"CapacityUnits":1,"WriteCapacityUnits":1},"TableName":"idx","WriteCapacityUnits":2}`},
		{"none", "DeleteItem", `{"TableName":"idx","Key":{"pk":{"S":"x"},"sk":{"S":"1"}},"ReturnConsumedCapacity":"NONE"}`, `null`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := indexedDB(t)
			coreCall(t, db, "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"x"},"sk":{"S":"1"},"gk":{"S":"old"}}}`)
			out := coreCall(t, db, c.op, c.body)
			if got := enc(t, out["ConsumedCapacity"]); got != c.want {
				t.Errorf("ConsumedCapacity =\n %s\nwant\n %s", got, c.want)
			}
		})
	}
}

func TestIndexKeys_Validation(t *testing.T) {
	runCoreCases(t, indexedDB, []coreCase{
		{"gsi key type", "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"1"},"gk":{"N":"1"}}}`, "ValidationException",
			"One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S Actual: N IndexName: gsi"},
		{"lsi key type via update", "UpdateItem", `{"TableName":"idx","Key":{"pk":{"S":"a"},"sk":{"S":"1"}},"UpdateExpression":"SET lk = :v","ExpressionAttributeValues":{":v":{"S":"x"}}}`, "ValidationException",
			"One or more parameter values were invalid: Type mismatch for Index Key lk Expected: N Actual: S IndexName: lsi"},
		{"gsi empty key", "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"1"},"gk":{"S":""}}}`, "ValidationException",
			"One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi, IndexKey: gk"},
	})
}

func TestItemCollection_MetricsAndLimit(t *testing.T) {
	db := indexedDB(t)
	out := coreCall(t, db, "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"1"},"lk":{"N":"1"}},"ReturnItemCollectionMetrics":"SIZE"}`)
	if got, want := enc(t, out["ItemCollectionMetrics"]), `{"ItemCollectionKey":{"pk":{"S":"a"}},"SizeEstimateRangeGB":[0,1]}`; got != want {
		t.Errorf("ItemCollectionMetrics = %s, want %s", got, want)
	}
	db.tables["idx"].collectionLimit = 200
	e := coreErr(t, db, "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"2"},"lk":{"N":"2"},"pad":{"S":"`+strings.Repeat("p", 150)+`"}}}`)
	if e.Type != "ItemCollectionSizeLimitExceededException" {
		t.Errorf("got %s: %s, want ItemCollectionSizeLimitExceededException", e.Type, e.Message)
	}
	coreCall(t, db, "PutItem", `{"TableName":"idx","Item":{"pk":{"S":"b"},"sk":{"S":"2"}}}`)
}

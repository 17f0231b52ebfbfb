package engine

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/batch"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/read"
)

// jsonEq reports whether got (decoded JSON) equals the JSON text want.
func jsonEq(t testing.TB, got any, want string) bool {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON %s: %v", want, err)
	}
	return reflect.DeepEqual(got, w)
}

// keysJSON renders n keys of table "hhh" (pk k0…) as a JSON list.
func keysJSON(from, n int) string {
	var ks []string
	for i := from; i < from+n; i++ {
		ks = append(ks, fmt.Sprintf(`{"pk":{"S":"k%d"}}`, i))
	}
	return "[" + strings.Join(ks, ",") + "]"
}

func TestBatchGetItem(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"k1"},"v":{"S":"one"},"w":{"N":"1"}}}`)
	out := readCall(t, db, "BatchGetItem", `{"RequestItems":{
		"hhh":{"Keys":[{"pk":{"S":"k1"}},{"pk":{"S":"k2"}}],"ProjectionExpression":"#v","ExpressionAttributeNames":{"#v":"v"},"ConsistentRead":true},
		"qqq":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"3"}}],"AttributesToGet":["sk","y"]}},
		"ReturnConsumedCapacity":"TOTAL"}`)
	if !jsonEq(t, out["Responses"], `{"hhh":[{"v":{"S":"one"}}],"qqq":[{"sk":{"N":"3"},"y":{"S":"y3"}}]}`) {
		t.Errorf("got Responses %v", out["Responses"])
	}
	if !jsonEq(t, out["UnprocessedKeys"], `{}`) {
		t.Errorf("got UnprocessedKeys %v, want {}", out["UnprocessedKeys"])
	}
	if !jsonEq(t, out["ConsumedCapacity"], `[{"TableName":"hhh","CapacityUnits":2,"ReadCapacityUnits":2},{"TableName":"qqq","CapacityUnits":0.5,"ReadCapacityUnits":0.5}]`) {
		t.Errorf("got ConsumedCapacity %v", out["ConsumedCapacity"])
	}
}

func TestBatchGetItem_UnprocessedKeysAt16MB(t *testing.T) {
	db := readDB(t)
	pad := attr.S(strings.Repeat("x", 399*1024))
	var keys []attr.Item
	for i := 0; i < 45; i++ {
		k := attr.S(fmt.Sprintf("k%02d", i))
		if _, err := db.PutItem(&PutItemInput{TableName: "hhh", Item: attr.Item{"pk": k, "p": pad}}); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, attr.Item{"pk": k})
	}
	proj := "pk"
	out, err := db.BatchGetItem(&BatchGetItemInput{RequestItems: map[string]*KeysAndAttributes{
		"hhh": {Keys: keys, ProjectionExpression: &proj}}})
	if err != nil {
		t.Fatal(err)
	}
	got, rest := len(out.Responses["hhh"]), 0
	if u := out.UnprocessedKeys["hhh"]; u != nil {
		rest = len(u.Keys)
		if u.ProjectionExpression == nil || *u.ProjectionExpression != proj {
			t.Errorf("UnprocessedKeys lost the ProjectionExpression")
		}
	}
	// 41 items of 399 KB stay under 16 MB, so a 42nd is read, reaching the
	// limit: the 3 keys after it are left unprocessed.
	if got != 42 || rest != 3 {
		t.Errorf("got %d items and %d unprocessed keys, want 42 and 3", got, rest)
	}
}

func TestBatchGetItem_Validation(t *testing.T) {
	db := readDB(t)
	v := ddberr.TypeValidation
	runReadErrCases(t, db, []readErrCase{
		{"no request items", "BatchGetItem", `{}`, v,
			"1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null"},
		{"empty request items", "BatchGetItem", `{"RequestItems":{}}`, v,
			"1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"too many keys", "BatchGetItem", `{"RequestItems":{"hhh":{"Keys":` + keysJSON(0, 60) + `},"qqq":{"Keys":` +
			strings.ReplaceAll(keysJSON(0, 41), `}}`, `},"sk":{"N":"1"}}`) + `}}}`, v, batch.MsgBatchGetTooMany},
		{"duplicate keys", "BatchGetItem", `{"RequestItems":{"hhh":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"a"}}]}}}`, v, msgDuplicateKeys},
		{"bad key", "BatchGetItem", `{"RequestItems":{"hhh":{"Keys":[{"pk":{"N":"1"}}]}}}`, v, msgKeySchemaMismatch},
		{"unknown table", "BatchGetItem", `{"RequestItems":{"nope":{"Keys":[{"pk":{"S":"a"}}]}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"mixed projection", "BatchGetItem", `{"RequestItems":{"hhh":{"Keys":[{"pk":{"S":"a"}}],"AttributesToGet":["a"],"ProjectionExpression":"a"}}}`, v,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
		{"unused name", "BatchGetItem", `{"RequestItems":{"hhh":{"Keys":[{"pk":{"S":"a"}}],"ProjectionExpression":"a","ExpressionAttributeNames":{"#b":"b"}}}}`, v,
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"},
	})
}

func TestBatchWriteItem(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	out := readCall(t, db, "BatchWriteItem", `{"RequestItems":{
		"hhh":[{"PutRequest":{"Item":{"pk":{"S":"n1"},"v":{"S":"x"}}}},{"PutRequest":{"Item":{"pk":{"S":"n2"}}}}],
		"qqq":[{"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"2"}}}},{"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"99"},"l":{"S":"L"}}}}]},
		"ReturnConsumedCapacity":"INDEXES","ReturnItemCollectionMetrics":"SIZE"}`)
	if !jsonEq(t, out["UnprocessedItems"], `{}`) {
		t.Errorf("got UnprocessedItems %v, want {}", out["UnprocessedItems"])
	}
	if !jsonEq(t, out["ConsumedCapacity"], `[
		{"TableName":"hhh","CapacityUnits":2,"WriteCapacityUnits":2,"Table":{"CapacityUnits":2,"WriteCapacityUnits":2}},
		{"TableName":"qqq","CapacityUnits":5,"WriteCapacityUnits":5,"Table":{"CapacityUnits":2,"WriteCapacityUnits":2},
			"GlobalSecondaryIndexes":{"gAll":{"CapacityUnits":1,"WriteCapacityUnits":1},"gKeys":{"CapacityUnits":1,"WriteCapacityUnits":1}},
			"LocalSecondaryIndexes":{"lInc":{"CapacityUnits":1,"WriteCapacityUnits":1}}}]`) {
		t.Errorf("got ConsumedCapacity %v", out["ConsumedCapacity"])
	}
	if !jsonEq(t, out["ItemCollectionMetrics"], `{"qqq":[{"ItemCollectionKey":{"pk":{"S":"a"}},"SizeEstimateRangeGB":[0,1]}]}`) {
		t.Errorf("got ItemCollectionMetrics %v", out["ItemCollectionMetrics"])
	}
	got := readCall(t, db, "Scan", `{"TableName":"hhh","Select":"COUNT"}`)
	if got["Count"] != 2.0 {
		t.Errorf("got %v items in hhh, want 2", got["Count"])
	}
	q := readCall(t, db, "Query", `{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`)
	if got, want := sks(t, q), "1,3,4,5,6,7,8,9,10,99"; got != want {
		t.Errorf("got sk %s, want %s", got, want)
	}
}

func TestBatchWriteItem_RejectedBatchWritesNothing(t *testing.T) {
	v := ddberr.TypeValidation
	var many []string
	for i := 0; i < 26; i++ {
		many = append(many, fmt.Sprintf(`{"PutRequest":{"Item":{"pk":{"S":"m%d"}}}}`, i))
	}
	cases := []readErrCase{
		{"duplicate put", "BatchWriteItem", `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"new"}}}},{"PutRequest":{"Item":{"pk":{"S":"new"},"v":{"N":"1"}}}}]}}`, v, msgDuplicateKeys},
		{"put and delete of one item", "BatchWriteItem", `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"new"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"new"}}}}]}}`, v, msgDuplicateKeys},
		{"too many in one table", "BatchWriteItem", `{"RequestItems":{"hhh":[` + strings.Join(many, ",") + `]}}`, v,
			"1 validation error detected: Value '{hhh=[26 write requests]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"},
		{"too many across tables", "BatchWriteItem", `{"RequestItems":{"hhh":[` + strings.Join(many[:13], ",") + `],"qqq":[` + strings.Join(many[13:], ",") + `]}}`, v, batch.MsgBatchWriteTooMany},
		{"bad item after good one", "BatchWriteItem", `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"new"}}}}],"qqq":[{"PutRequest":{"Item":{"pk":{"S":"new"}}}}]}}`, v,
			"One or more parameter values were invalid: Missing the key sk in the item"},
		{"unknown table", "BatchWriteItem", `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"new"}}}}],"zzz":[{"DeleteRequest":{"Key":{"pk":{"S":"x"}}}}]}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"empty write request", "BatchWriteItem", `{"RequestItems":{"hhh":[{}]}}`, v, batch.MsgWriteRequestShape},
		{"bad delete key", "BatchWriteItem", `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"new"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"x"},"v":{"S":"y"}}}}]}}`, v, msgKeySchemaMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := readDB(t)
			e := readErr(t, db, c.op, c.body)
			if e.Type != c.wantType || e.Message != c.wantMsg {
				t.Errorf("got %s: %q, want %s: %q", e.Type, e.Message, c.wantType, c.wantMsg)
			}
			for _, tbl := range []string{"hhh", "qqq"} {
				if out := readCall(t, db, "Scan", `{"TableName":"`+tbl+`","Select":"COUNT"}`); out["Count"] != 0.0 {
					t.Errorf("table %s holds %v items after a rejected batch, want 0", tbl, out["Count"])
				}
			}
		})
	}
}

// TestMultiItem_ConcurrentWritersAndReaders runs batch writes,
// transactions, queries and scans at once (run with -race): every read
// sees whole batches only, so the per-round item counts stay multiples
// of the batch size.
func TestMultiItem_ConcurrentWritersAndReaders(t *testing.T) {
	db := readDB(t)
	const rounds, batch = 20, 5
	var wg sync.WaitGroup
	errs := make(chan error, 4*rounds)
	wg.Add(3)
	go func() {
		defer wg.Done()
		for r := 0; r < rounds; r++ {
			var reqs []WriteRequest
			for i := 0; i < batch; i++ {
				reqs = append(reqs, WriteRequest{PutRequest: &PutRequest{Item: attr.Item{"pk": attr.S("w"), "sk": multiNum(r*batch + i)}}})
			}
			if _, err := db.BatchWriteItem(&BatchWriteItemInput{RequestItems: map[string][]WriteRequest{"qqq": reqs}}); err != nil {
				errs <- err
			}
		}
	}()
	go func() {
		defer wg.Done()
		for r := 0; r < rounds; r++ {
			var acts []TransactWriteItem
			for i := 0; i < batch; i++ {
				acts = append(acts, TransactWriteItem{Put: &TransactPut{TableName: "qqq", Item: attr.Item{"pk": attr.S("t"), "sk": multiNum(r*batch + i)}}})
			}
			if _, err := db.TransactWriteItems(&TransactWriteItemsInput{TransactItems: acts}); err != nil {
				errs <- err
			}
		}
	}()
	go func() {
		defer wg.Done()
		str := func(s string) *string { return &s }
		for r := 0; r < rounds; r++ {
			for _, pk := range []string{"w", "t"} {
				out, err := db.Query(&QueryInput{TableName: "qqq", KeyConditionExpression: str("pk = :p"),
					ExpressionAttributeValues: map[string]attr.Value{":p": attr.S(pk)}, Select: read.SelectCount})
				if err != nil {
					errs <- err
					continue
				}
				if out.Count%batch != 0 {
					errs <- fmt.Errorf("query of %s saw %d items, not a multiple of %d", pk, out.Count, batch)
				}
			}
			if _, err := db.Scan(&ScanInput{TableName: "qqq"}); err != nil {
				errs <- err
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := db.tables["qqq"].data.Len(); n != 2*rounds*batch {
		t.Errorf("got %d items, want %d", n, 2*rounds*batch)
	}
}

// multiNum returns the N value of i; safe to call from any goroutine.
func multiNum(i int) attr.Value {
	v, err := attr.N(fmt.Sprint(i))
	if err != nil {
		panic(err) // an int always parses
	}
	return v
}

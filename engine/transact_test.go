package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// txnDB is readDB on a clock the test moves.
func txnDB(t testing.TB) (*DB, *time.Time) {
	t.Helper()
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	return readDBWith(t, Options{Now: func() time.Time { return now }}), &now
}

// hhhItems returns the pk values and "v" attributes of table hhh, sorted.
func hhhItems(t testing.TB, db *DB) string {
	t.Helper()
	out := readCall(t, db, "Scan", `{"TableName":"hhh"}`)
	var s []string
	for _, it := range out["Items"].([]any) {
		m := it.(map[string]any)
		e := m["pk"].(map[string]any)["S"].(string)
		if v, ok := m["v"].(map[string]any); ok {
			e += "=" + fmt.Sprint(v["N"])
		}
		s = append(s, e)
	}
	slices.Sort(s)
	return strings.Join(s, " ")
}

func TestTransactWriteItems_Commit(t *testing.T) {
	db, _ := txnDB(t)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"v":{"N":"10"}}}`)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"b"},"v":{"N":"5"}}}`)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"gone"},"v":{"N":"1"}}}`)
	out := readCall(t, db, "TransactWriteItems", `{"TransactItems":[
		{"Update":{"TableName":"hhh","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET v = v - :n","ConditionExpression":"v >= :n","ExpressionAttributeValues":{":n":{"N":"3"}}}},
		{"Update":{"TableName":"hhh","Key":{"pk":{"S":"b"}},"UpdateExpression":"SET v = v + :n","ExpressionAttributeValues":{":n":{"N":"3"}}}},
		{"Put":{"TableName":"hhh","Item":{"pk":{"S":"c"},"v":{"N":"0"}},"ConditionExpression":"attribute_not_exists(pk)"}},
		{"Delete":{"TableName":"hhh","Key":{"pk":{"S":"gone"}}}},
		{"ConditionCheck":{"TableName":"qqq","Key":{"pk":{"S":"x"},"sk":{"N":"1"}},"ConditionExpression":"attribute_not_exists(pk)"}}],
		"ReturnConsumedCapacity":"TOTAL"}`)
	if got, want := hhhItems(t, db), "a=7 b=8 c=0"; got != want {
		t.Errorf("got items %q, want %q", got, want)
	}
	if !jsonEq(t, out["ConsumedCapacity"], `[{"TableName":"hhh","CapacityUnits":8,"WriteCapacityUnits":8},{"TableName":"qqq","CapacityUnits":2,"WriteCapacityUnits":2}]`) {
		t.Errorf("got ConsumedCapacity %v", out["ConsumedCapacity"])
	}
}

func TestTransactWriteItems_CancellationReasons(t *testing.T) {
	db, _ := txnDB(t)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"v":{"N":"1"}}}`)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"b"},"v":{"N":"2"}}}`)
	e := readErr(t, db, "TransactWriteItems", `{"TransactItems":[
		{"Put":{"TableName":"hhh","Item":{"pk":{"S":"new"},"v":{"N":"9"}}}},
		{"Update":{"TableName":"hhh","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET v = :n","ConditionExpression":"v > :n","ExpressionAttributeValues":{":n":{"N":"5"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},
		{"Delete":{"TableName":"hhh","Key":{"pk":{"S":"b"}}}},
		{"ConditionCheck":{"TableName":"hhh","Key":{"pk":{"S":"zz"}},"ConditionExpression":"attribute_exists(pk)"}},
		{"Update":{"TableName":"hhh","Key":{"pk":{"S":"y"}},"UpdateExpression":"SET v = v + :n","ExpressionAttributeValues":{":n":{"N":"1"}}}}]}`)
	if e.Type != ddberr.TypeTransactionCanceled {
		t.Fatalf("got %s: %s, want TransactionCanceledException", e.Type, e.Message)
	}
	wantMsg := "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ConditionalCheckFailed, ValidationError]"
	if e.Message != wantMsg {
		t.Errorf("got message %q, want %q", e.Message, wantMsg)
	}
	body, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	wantReasons := `[{"Code":"None"},` +
		`{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"a"},"v":{"N":"1"}}},` +
		`{"Code":"None"},` +
		`{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},` +
		`{"Code":"ValidationError","Message":"The provided expression refers to an attribute that does not exist in the item"}]`
	if !strings.Contains(string(body), `"CancellationReasons":`+wantReasons) {
		t.Errorf("got body %s, want CancellationReasons %s", body, wantReasons)
	}
	if got, want := hhhItems(t, db), "a=1 b=2"; got != want {
		t.Errorf("got items %q after a cancelled transaction, want %q", got, want)
	}
}

func TestTransactWriteItems_Validation(t *testing.T) {
	db, _ := txnDB(t)
	v := ddberr.TypeValidation
	put := func(pk string) string {
		return fmt.Sprintf(`{"Put":{"TableName":"hhh","Item":{"pk":{"S":%q}}}}`, pk)
	}
	var many []string
	for i := 0; i < 101; i++ {
		many = append(many, put(fmt.Sprint(i)))
	}
	runReadErrCases(t, db, []readErrCase{
		{"null items", "TransactWriteItems", `{}`, v,
			"1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null"},
		{"too many", "TransactWriteItems", `{"TransactItems":[` + strings.Join(many, ",") + `]}`, v,
			"1 validation error detected: Value '101 items' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"},
		{"two actions on one item", "TransactWriteItems", `{"TransactItems":[` + put("a") + `,{"Delete":{"TableName":"hhh","Key":{"pk":{"S":"a"}}}}]}`, v, msgTxnMultipleOps},
		{"two actions in one entry", "TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"hhh","Item":{"pk":{"S":"a"}}},"Delete":{"TableName":"hhh","Key":{"pk":{"S":"b"}}}}]}`, v, msgTxnOneOf},
		{"condition check needs condition", "TransactWriteItems", `{"TransactItems":[{"ConditionCheck":{"TableName":"hhh","Key":{"pk":{"S":"a"}}}}]}`, v,
			"1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null"},
		{"update of key", "TransactWriteItems", `{"TransactItems":[{"Update":{"TableName":"hhh","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"b"}}}}]}`, v,
			"One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"},
		{"bad key", "TransactWriteItems", `{"TransactItems":[{"Delete":{"TableName":"hhh","Key":{"pk":{"N":"1"}}}}]}`, v, msgKeySchemaMismatch},
		{"unknown table", "TransactWriteItems", `{"TransactItems":[{"Delete":{"TableName":"nope","Key":{"pk":{"S":"1"}}}}]}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"token too long", "TransactWriteItems", `{"ClientRequestToken":"` + strings.Repeat("t", 37) + `","TransactItems":[` + put("a") + `]}`, v,
			"1 validation error detected: Value '" + strings.Repeat("t", 37) + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36"},
	})
	if got := hhhItems(t, db); got != "" {
		t.Errorf("got items %q after rejected transactions, want none", got)
	}
}

func TestTransactWriteItems_Idempotency(t *testing.T) {
	db, now := txnDB(t)
	req := `{"ClientRequestToken":"tok-1","TransactItems":[{"Update":{"TableName":"hhh","Key":{"pk":{"S":"n"}},"UpdateExpression":"ADD v :one","ExpressionAttributeValues":{":one":{"N":"1"}}}}]}`
	readCall(t, db, "TransactWriteItems", req)
	readCall(t, db, "TransactWriteItems", req)
	if got, want := hhhItems(t, db), "n=1"; got != want {
		t.Errorf("after a retry: got %q, want %q", got, want)
	}
	e := readErr(t, db, "TransactWriteItems", strings.Replace(req, `"N":"1"`, `"N":"2"`, 1))
	if e.Type != ddberr.TypeIdempotentParameterMismatch || e.Message != msgIdempotentMismatch {
		t.Errorf("got %s: %s, want IdempotentParameterMismatchException", e.Type, e.Message)
	}
	*now = now.Add(9 * time.Minute)
	readCall(t, db, "TransactWriteItems", req)
	if got, want := hhhItems(t, db), "n=1"; got != want {
		t.Errorf("retry after 9 minutes: got %q, want %q", got, want)
	}
	*now = now.Add(2 * time.Minute)
	readCall(t, db, "TransactWriteItems", req)
	if got, want := hhhItems(t, db), "n=2"; got != want {
		t.Errorf("retry after 11 minutes: got %q, want %q", got, want)
	}
	// A cancelled transaction does not hold its token.
	fail := `{"ClientRequestToken":"tok-2","TransactItems":[{"ConditionCheck":{"TableName":"hhh","Key":{"pk":{"S":"n"}},"ConditionExpression":"v > :big","ExpressionAttributeValues":{":big":{"N":"100"}}}}]}`
	readErr(t, db, "TransactWriteItems", fail)
	if e := readErr(t, db, "TransactWriteItems", fail); e.Type != ddberr.TypeTransactionCanceled {
		t.Errorf("retry of a cancelled transaction: got %s, want TransactionCanceledException", e.Type)
	}
}

func TestTransactGetItems(t *testing.T) {
	db, _ := txnDB(t)
	readCall(t, db, "PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"v":{"N":"1"},"w":{"S":"x"}}}`)
	putQ(t, db)
	out := readCall(t, db, "TransactGetItems", `{"TransactItems":[
		{"Get":{"TableName":"hhh","Key":{"pk":{"S":"a"}},"ProjectionExpression":"#v","ExpressionAttributeNames":{"#v":"v"}}},
		{"Get":{"TableName":"hhh","Key":{"pk":{"S":"missing"}}}},
		{"Get":{"TableName":"qqq","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ProjectionExpression":"sk"}}],
		"ReturnConsumedCapacity":"TOTAL"}`)
	if !jsonEq(t, out["Responses"], `[{"Item":{"v":{"N":"1"}}},{},{"Item":{"sk":{"N":"1"}}}]`) {
		t.Errorf("got Responses %v", out["Responses"])
	}
	if !jsonEq(t, out["ConsumedCapacity"], `[{"TableName":"hhh","CapacityUnits":4,"ReadCapacityUnits":4},{"TableName":"qqq","CapacityUnits":2,"ReadCapacityUnits":2}]`) {
		t.Errorf("got ConsumedCapacity %v", out["ConsumedCapacity"])
	}
	v := ddberr.TypeValidation
	runReadErrCases(t, db, []readErrCase{
		{"same item twice", "TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"hhh","Key":{"pk":{"S":"a"}}}},{"Get":{"TableName":"hhh","Key":{"pk":{"S":"a"}}}}]}`, v, msgTxnMultipleOps},
		{"empty", "TransactGetItems", `{"TransactItems":[]}`, v,
			"1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"unknown table", "TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"nope","Key":{"pk":{"S":"a"}}}}]}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
	})
}

func TestTransactWriteItems_ItemCollections(t *testing.T) {
	db, _ := txnDB(t)
	db.tables["qqq"].collectionLimit = 2000
	out := readCall(t, db, "TransactWriteItems", `{"TransactItems":[
		{"Put":{"TableName":"qqq","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"l":{"S":"L"}}}},
		{"Put":{"TableName":"qqq","Item":{"pk":{"S":"a"},"sk":{"N":"2"}}}},
		{"Put":{"TableName":"hhh","Item":{"pk":{"S":"a"}}}}],
		"ReturnItemCollectionMetrics":"SIZE"}`)
	if !jsonEq(t, out["ItemCollectionMetrics"], `{"qqq":[{"ItemCollectionKey":{"pk":{"S":"a"}},"SizeEstimateRangeGB":[0,1]}]}`) {
		t.Errorf("got ItemCollectionMetrics %v", out["ItemCollectionMetrics"])
	}
	e := readErr(t, db, "TransactWriteItems", `{"TransactItems":[
		{"Put":{"TableName":"hhh","Item":{"pk":{"S":"b"}}}},
		{"Put":{"TableName":"qqq","Item":{"pk":{"S":"a"},"sk":{"N":"3"},"z":{"S":"`+strings.Repeat("z", 2000)+`"}}}}]}`)
	if e.Type != ddberr.TypeTransactionCanceled || !strings.HasSuffix(e.Message, "[None, ItemCollectionSizeLimitExceeded]") {
		t.Errorf("got %s: %s, want a cancellation for the item collection size", e.Type, e.Message)
	}
	if got, want := hhhItems(t, db), "a"; got != want {
		t.Errorf("got hhh items %q, want %q", got, want)
	}
	e = readErr(t, db, "BatchWriteItem", `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"b"}}}}],
		"qqq":[{"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"3"},"z":{"S":"`+strings.Repeat("z", 2000)+`"}}}}]}}`)
	if e.Type != ddberr.TypeItemCollectionSizeLimitExceeded {
		t.Errorf("BatchWriteItem: got %s: %s, want ItemCollectionSizeLimitExceededException", e.Type, e.Message)
	}
	if got, want := hhhItems(t, db), "a"; got != want {
		t.Errorf("after the rejected batch: got hhh items %q, want %q", got, want)
	}
}

func TestTransactWriteItems_FourMegabytes(t *testing.T) {
	db, _ := txnDB(t)
	pad := strings.Repeat("p", 399*1024)
	var puts []string
	for i := 0; i < 11; i++ {
		puts = append(puts, fmt.Sprintf(`{"Put":{"TableName":"hhh","Item":{"pk":{"S":"big%d"},"p":{"S":%q}}}}`, i, pad))
	}
	e := readErr(t, db, "TransactWriteItems", `{"TransactItems":[`+strings.Join(puts, ",")+`]}`)
	if e.Type != ddberr.TypeValidation || e.Message != msgTxnTooLarge {
		t.Errorf("got %s: %s, want ValidationException: %s", e.Type, e.Message, msgTxnTooLarge)
	}
	readCall(t, db, "TransactWriteItems", `{"TransactItems":[`+strings.Join(puts[:10], ",")+`]}`)
	if n := db.tables["hhh"].data.Len(); n != 10 {
		t.Errorf("got %d items after a 3.9 MB transaction, want 10", n)
	}
}

// FuzzWriteOps sends arbitrary bodies to BatchWriteItem and
// TransactWriteItems: no body may panic, every error must be a DynamoDB
// error, and a failed call must leave the tables as they were.
func FuzzWriteOps(f *testing.F) {
	ops := []string{"BatchWriteItem", "TransactWriteItems"}
	seeds := []struct {
		op   uint8
		body string
	}{
		{0, `{"RequestItems":{"qqq":[{"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"G"},"l":{"S":"L"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"2"}}}}],"hhh":[{"PutRequest":{"Item":{"pk":{"S":"x"}}}}]},"ReturnConsumedCapacity":"INDEXES","ReturnItemCollectionMetrics":"SIZE"}`},
		{0, `{"RequestItems":{"hhh":[{"PutRequest":{"Item":{"pk":{"S":"x"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"x"}}}}]}}`},
		{1, `{"TransactItems":[{"Update":{"TableName":"qqq","Key":{"pk":{"S":"a"},"sk":{"N":"3"}},"UpdateExpression":"SET g = :g ADD x :one","ConditionExpression":"attribute_exists(pk)","ExpressionAttributeValues":{":g":{"S":"H"},":one":{"N":"1"}}}},{"ConditionCheck":{"TableName":"hhh","Key":{"pk":{"S":"x"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}],"ClientRequestToken":"t1"}`},
		{1, `{"TransactItems":[{"Put":{"TableName":"qqq","Item":{"pk":{"S":"b"},"sk":{"N":"1"},"g":{"N":"1"}}}},{"Delete":{"TableName":"hhh","Key":{"pk":{"S":"y"}}}}]}`},
		{1, `{"TransactItems":[{"Update":{"TableName":"hhh","Key":{"pk":{"S":"z"}},"UpdateExpression":"SET v = v + :n","ExpressionAttributeValues":{":n":{"N":"1"}}}}]}`},
	}
	for _, s := range seeds {
		f.Add(s.op, s.body)
	}
	db, _ := txnDB(f)
	putQ(f, db)
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		before := [2]int{db.tables["qqq"].data.Len(), db.tables["hhh"].data.Len()}
		qqq, hhh := db.tables["qqq"].data, db.tables["hhh"].data
		_, err := db.Handle(ops[int(op)%len(ops)], []byte(body))
		if err == nil {
			return
		}
		var de *ddberr.Error
		if !errors.As(err, &de) || de.Type == "" || de.Message == "" {
			t.Errorf("error %T %v is not a complete DynamoDB error", err, err)
		}
		after := [2]int{db.tables["qqq"].data.Len(), db.tables["hhh"].data.Len()}
		if after != before || db.tables["qqq"].data != qqq || db.tables["hhh"].data != hhh {
			t.Errorf("a failed %s changed the tables: %v items, then %v", ops[int(op)%len(ops)], before, after)
		}
	})
}

func TestFingerprint(t *testing.T) {
	fingerprint := (*TransactWriteItemsInput).Fingerprint
	str := func(s string) *string { return &s }
	one, _ := attr.N("1")
	two, _ := attr.N("2.0")
	base := func() *TransactWriteItemsInput {
		return &TransactWriteItemsInput{
			ClientRequestToken: str("tok"),
			TransactItems: []TransactWriteItem{
				{Update: &TransactUpdate{TableName: "t", Key: attr.Item{"pk": attr.S("a"), "sk": one},
					UpdateExpression: str("SET #a = :v"), ExpressionAttributeNames: map[string]string{"#a": "a", "#b": "b"},
					ExpressionAttributeValues: ExpressionValues{":v": one, ":w": two}}},
				{Put: &TransactPut{TableName: "t", Item: attr.Item{"pk": attr.S("b")}}},
				{Delete: &TransactDelete{TableName: "t", Key: attr.Item{"pk": attr.S("c")}}},
				{ConditionCheck: &TransactConditionCheck{TableName: "t", Key: attr.Item{"pk": attr.S("d")}, ConditionExpression: str("attribute_exists(pk)")}},
			},
		}
	}
	want := fingerprint(base())
	for range 20 { // map order must not matter
		if got := fingerprint(base()); got != want {
			t.Fatalf("fingerprint differs for equal requests:\n%s\n%s", got, want)
		}
	}
	same := base()
	same.ClientRequestToken = str("other")
	if fingerprint(same) != want {
		t.Errorf("the token changed the fingerprint")
	}
	changes := map[string]func(in *TransactWriteItemsInput){
		"table":        func(in *TransactWriteItemsInput) { in.TransactItems[1].Put.TableName = "u" },
		"item":         func(in *TransactWriteItemsInput) { in.TransactItems[1].Put.Item["x"] = attr.S("") },
		"key value":    func(in *TransactWriteItemsInput) { in.TransactItems[0].Update.Key["sk"] = two },
		"update":       func(in *TransactWriteItemsInput) { in.TransactItems[0].Update.UpdateExpression = str("SET #a = :w") },
		"no condition": func(in *TransactWriteItemsInput) { in.TransactItems[3].ConditionCheck.ConditionExpression = nil },
		"empty cond":   func(in *TransactWriteItemsInput) { in.TransactItems[3].ConditionCheck.ConditionExpression = str("") },
		"names":        func(in *TransactWriteItemsInput) { in.TransactItems[0].Update.ExpressionAttributeNames["#b"] = "c" },
		"values":       func(in *TransactWriteItemsInput) { in.TransactItems[0].Update.ExpressionAttributeValues[":w"] = one },
		"kind": func(in *TransactWriteItemsInput) {
			in.TransactItems[2] = TransactWriteItem{Put: &TransactPut{TableName: "t", Item: attr.Item{"pk": attr.S("c")}}}
		},
		"order": func(in *TransactWriteItemsInput) {
			in.TransactItems[1], in.TransactItems[2] = in.TransactItems[2], in.TransactItems[1]
		},
		"rv": func(in *TransactWriteItemsInput) {
			in.TransactItems[1].Put.ReturnValuesOnConditionCheckFailure = "ALL_OLD"
		},
		"capacity": func(in *TransactWriteItemsInput) { in.ReturnConsumedCapacity = "TOTAL" },
		"metrics":  func(in *TransactWriteItemsInput) { in.ReturnItemCollectionMetrics = "SIZE" },
		"fewer":    func(in *TransactWriteItemsInput) { in.TransactItems = in.TransactItems[:3] },
	}
	for name, change := range changes {
		in := base()
		change(in)
		if fingerprint(in) == want {
			t.Errorf("%s: a different request has the same fingerprint", name)
		}
	}
}

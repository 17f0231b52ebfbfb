package engine_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Query reads one partition in sort-key order, a page at a time: with a
// Limit, LastEvaluatedKey is where the next page starts.
func ExampleDB_Query() {
	db := engine.New(engine.Options{})
	_, _ = db.Handle("CreateTable", []byte(`{"TableName":"Scores","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"game","AttributeType":"S"},{"AttributeName":"score","AttributeType":"N"}],
		"KeySchema":[{"AttributeName":"game","KeyType":"HASH"},{"AttributeName":"score","KeyType":"RANGE"}]}`))
	db.Advance(2 * time.Second) // the table is CREATING until then
	for _, s := range []string{"40", "7", "300", "12"} {
		_, _ = db.Handle("PutItem", []byte(`{"TableName":"Scores","Item":{"game":{"S":"chess"},"score":{"N":"`+s+`"}}}`))
	}
	str := func(s string) *string { return &s }
	limit := 3
	in := &engine.QueryInput{TableName: "Scores", KeyConditionExpression: str("game = :g"),
		ExpressionAttributeValues: map[string]attr.Value{":g": attr.S("chess")},
		ScanIndexForward:          new(bool), Limit: &limit}
	for {
		out, err := db.Query(in)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, it := range out.Items.All() {
			fmt.Print(it["score"].NumText(), " ")
		}
		fmt.Println("| Count", out.Count)
		if out.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	// Output:
	// 300 40 12 | Count 3
	// 7 | Count 1
}

// A transaction whose condition fails writes nothing; the error carries
// one cancellation reason per action, in order.
func ExampleDB_TransactWriteItems() {
	db := engine.New(engine.Options{})
	_, _ = db.Handle("CreateTable", []byte(`{"TableName":"Accounts","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`))
	db.Advance(2 * time.Second) // the table is CREATING until then
	_, _ = db.Handle("PutItem", []byte(`{"TableName":"Accounts","Item":{"id":{"S":"alice"},"balance":{"N":"5"}}}`))
	_, err := db.Handle("TransactWriteItems", []byte(`{"TransactItems":[
		{"Update":{"TableName":"Accounts","Key":{"id":{"S":"alice"}},"UpdateExpression":"SET balance = balance - :a",
			"ConditionExpression":"balance >= :a","ExpressionAttributeValues":{":a":{"N":"10"}}}},
		{"Update":{"TableName":"Accounts","Key":{"id":{"S":"bob"}},"UpdateExpression":"ADD balance :a",
			"ExpressionAttributeValues":{":a":{"N":"10"}}}}]}`))
	var e *ddberr.Error
	if errors.As(err, &e) {
		fmt.Println(e.Type)
		fmt.Println(e.Message)
		reasons, _ := json.Marshal(e.Fields["CancellationReasons"])
		fmt.Println(string(reasons))
	}
	out, _ := db.Handle("Scan", []byte(`{"TableName":"Accounts"}`))
	fmt.Println(string(out))
	// Output:
	// TransactionCanceledException
	// Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]
	// [{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},{"Code":"None"}]
	// {"Items":[{"balance":{"N":"5"},"id":{"S":"alice"}}],"Count":1,"ScannedCount":1}
}

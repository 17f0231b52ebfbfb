package engine_test

import (
	"fmt"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
)

// Handle speaks DynamoDB's JSON: the operation name and the request body
// in, the response body (or a *ddberr.Error) out. A new table is CREATING
// for 2 s of engine time, as DynamoDB's take a few seconds: wait (poll
// DescribeTable) or move the clock on before using it.
func ExampleDB_Handle() {
	db := engine.New(engine.Options{})
	_, err := db.Handle("CreateTable", []byte(`{"TableName":"Music","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = db.Handle("PutItem", []byte(`{"TableName":"Music","Item":{"Artist":{"S":"Arvo Pärt"},"Works":{"N":"3"}}}`))
	fmt.Println(err)
	db.Advance(2 * time.Second)
	_, _ = db.Handle("PutItem", []byte(`{"TableName":"Music","Item":{"Artist":{"S":"Arvo Pärt"},"Works":{"N":"3"}}}`))
	out, _ := db.Handle("GetItem", []byte(`{"TableName":"Music","Key":{"Artist":{"S":"Arvo Pärt"}},"ProjectionExpression":"Works"}`))
	fmt.Println(string(out))
	_, err = db.Handle("GetItem", []byte(`{"TableName":"Films","Key":{"Title":{"S":"x"}}}`))
	fmt.Println(err)
	// Output:
	// ResourceNotFoundException: Requested resource not found
	// {"Item":{"Works":{"N":"3"}}}
	// ResourceNotFoundException: Requested resource not found
}

// The typed methods skip JSON entirely.
func ExampleDB_UpdateItem() {
	db := engine.New(engine.Options{})
	_, _ = db.CreateTable(&engine.CreateTableInput{
		TableName:            "Counters",
		AttributeDefinitions: []engine.AttributeDefinition{{AttributeName: "id", AttributeType: "S"}},
		KeySchema:            []engine.KeySchemaElement{{AttributeName: "id", KeyType: "HASH"}},
		BillingMode:          "PAY_PER_REQUEST",
	})
	db.Advance(2 * time.Second) // the table is CREATING until then
	one, _ := attr.N("1")
	update := "ADD hits :one"
	for range 3 {
		out, err := db.UpdateItem(&engine.UpdateItemInput{
			TableName:                 "Counters",
			Key:                       attr.Item{"id": attr.S("home")},
			UpdateExpression:          &update,
			ExpressionAttributeValues: map[string]attr.Value{":one": one},
			ReturnValues:              "UPDATED_NEW",
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(out.Attributes["hits"].NumText())
	}
	// Output:
	// 1
	// 2
	// 3
}

// A Scan or Query returns its items as an ItemList: held as the table
// stores them, decoded by At (or All) only when asked, and written as
// DynamoDB JSON straight from storage.
func ExampleItemList() {
	db := engine.New(engine.Options{})
	_, _ = db.Handle("CreateTable", []byte(`{"TableName":"Notes","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`))
	db.Advance(2 * time.Second) // the table is CREATING until then
	_, _ = db.Handle("PutItem", []byte(`{"TableName":"Notes","Item":{"id":{"S":"a"},"text":{"S":"<b>hi</b>"}}}`))
	out, err := db.Scan(&engine.ScanInput{TableName: "Notes"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Items.Len(), out.Items.At(0)["text"].Str())
	fmt.Println(string(out.Items.AppendItemJSON(nil, 0)))
	count, _ := db.Scan(&engine.ScanInput{TableName: "Notes", Select: "COUNT"})
	fmt.Println(count.Items.IsZero(), count.Count)
	// Output:
	// 1 <b>hi</b>
	// {"id":{"S":"a"},"text":{"S":"<b>hi</b>"}}
	// true 1
}

package engine

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// FuzzControlPlane sends arbitrary CreateTable, UpdateTable and item
// requests to a DB holding a table with two indexes. Properties: nothing
// panics; every error is a *ddberr.Error with a known status; every
// success is a JSON object; DescribeTable keeps working afterwards.
func FuzzControlPlane(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `}`},
		{"CreateTable", `{"TableName":"abc",` + defsPKSK + `,` + ksPKSK + `,"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},"LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["a"]}}]}`},
		{"CreateTable", `{"TableName":"abc","KeySchema":[],"AttributeDefinitions":[]}`},
		{"CreateTable", `{"TableName":"abc","KeySchema":[{"AttributeName":"pk","KeyType":"RANGE"},{"AttributeName":"pk","KeyType":"HASH"},{}]}`},
		{"CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}]}`},
		{"UpdateTable", `{"TableName":"idx","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":2},"GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"gsi","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}}]}`},
		{"UpdateTable", `{"TableName":"idx","AttributeDefinitions":[{"AttributeName":"x","AttributeType":"B"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"gx","KeySchema":[{"AttributeName":"x","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}}]}`},
		{"UpdateTable", `{"TableName":"idx","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"gsi"}},{}]}`},
		{"UpdateTable", `{"TableName":"idx","GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"lsi"}}]}`},
		{"PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"b"},"gk":{"S":"g"},"lk":{"N":"1"}},"ReturnValues":"ALL_OLD","ReturnConsumedCapacity":"INDEXES","ReturnItemCollectionMetrics":"SIZE"}`},
		{"UpdateItem", `{"TableName":"idx","Key":{"pk":{"S":"a"},"sk":{"S":"b"}},"UpdateExpression":"SET gk = :v REMOVE lk","ExpressionAttributeValues":{":v":{"S":"h"}},"ReturnValues":"UPDATED_OLD"}`},
		{"DeleteItem", `{"TableName":"idx","Key":{"pk":{"S":"a"},"sk":{"S":"b"}},"Expected":{"gk":{"ComparisonOperator":"NOT_NULL"}},"ConditionalOperator":"OR"}`},
		{"GetItem", `{"TableName":"idx","Key":{"pk":{"S":"a"},"sk":{"S":"b"}},"AttributesToGet":[]}`},
		{"ListTables", `{"ExclusiveStartTableName":"a","Limit":-1}`},
		{"DeleteTable", `{"TableName":"idx"}`},
	}
	for _, s := range seeds {
		f.Add(s.op, s.body)
	}
	f.Fuzz(func(t *testing.T, op, body string) {
		db := indexedDB(t)
		out, err := db.Handle(op, []byte(body))
		if err != nil {
			var de *ddberr.Error
			if !errors.As(err, &de) || de.Type == "" || (de.Status != 400 && de.Status != 500) {
				t.Fatalf("%s %s: error %T %v is not a DynamoDB error", op, body, err, err)
			}
			if de.Status == 500 {
				t.Errorf("%s %s: internal error %v", op, body, de)
			}
		} else {
			var m map[string]any
			if json.Unmarshal(out, &m) != nil {
				t.Fatalf("%s %s: answer %s is not a JSON object", op, body, out)
			}
		}
		for _, name := range []string{"idx", "abc"} {
			if _, err := db.DescribeTable(&DescribeTableInput{TableName: name}); err != nil && !errors.Is(err, ddberr.ErrResourceNotFound) {
				t.Fatalf("DescribeTable %s after %s %s: %v", name, op, body, err)
			}
		}
	})
}

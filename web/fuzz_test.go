package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// fuzzSeeds are real requests: a table with a sort key and a GSI, items,
// reads, updates, conditions, batches, transactions, and some broken ones.
var fuzzSeeds = []struct{ op, body string }{
	{"CreateTable", `{"TableName":"fz","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"GlobalSecondaryIndexes":[{"IndexName":"gi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}],"BillingMode":"PAY_PER_REQUEST"}`},
	{"PutItem", `{"TableName":"fz","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"l":{"L":[{"N":"1"},{"SS":["a","b"]}]},"m":{"M":{"b":{"BOOL":true},"n":{"NULL":true}}}}}`},
	{"PutItem", `{"TableName":"fz","Item":{"pk":{"S":"a"},"sk":{"N":"2"},"bin":{"B":"AAE="}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValues":"ALL_OLD"}`},
	{"GetItem", `{"TableName":"fz","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ProjectionExpression":"#l[0], m.b","ExpressionAttributeNames":{"#l":"l"},"ConsistentRead":true}`},
	{"UpdateItem", `{"TableName":"fz","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET c = if_not_exists(c, :z) + :one REMOVE m.n ADD s :s","ExpressionAttributeValues":{":z":{"N":"0"},":one":{"N":"1"},":s":{"NS":["1","2"]}},"ReturnValues":"UPDATED_NEW"}`},
	{"Query", `{"TableName":"fz","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b","FilterExpression":"size(l) > :z","ExpressionAttributeValues":{":p":{"S":"a"},":a":{"N":"0"},":b":{"N":"9"},":z":{"N":"0"}},"ScanIndexForward":false,"Limit":1,"ReturnConsumedCapacity":"INDEXES"}`},
	{"Query", `{"TableName":"fz","IndexName":"gi","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}}`},
	{"Scan", `{"TableName":"fz","Segment":0,"TotalSegments":2,"Select":"COUNT"}`},
	{"DeleteItem", `{"TableName":"fz","Key":{"pk":{"S":"a"},"sk":{"N":"2"}},"ConditionExpression":"begins_with(pk, :p)","ExpressionAttributeValues":{":p":{"S":"a"}}}`},
	{"BatchWriteItem", `{"RequestItems":{"fz":[{"PutRequest":{"Item":{"pk":{"S":"b"},"sk":{"N":"1"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}}]}}`},
	{"BatchGetItem", `{"RequestItems":{"fz":{"Keys":[{"pk":{"S":"b"},"sk":{"N":"1"}}]}}}`},
	{"TransactWriteItems", `{"TransactItems":[{"ConditionCheck":{"TableName":"fz","Key":{"pk":{"S":"b"},"sk":{"N":"1"}},"ConditionExpression":"attribute_exists(pk)"}},{"Update":{"TableName":"fz","Key":{"pk":{"S":"c"},"sk":{"N":"1"}},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"S":"z"}}}}],"ClientRequestToken":"tok"}`},
	{"TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"fz","Key":{"pk":{"S":"c"},"sk":{"N":"1"}}}}]}`},
	{"UpdateTable", `{"TableName":"fz","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}`},
	{"UpdateTimeToLive", `{"TableName":"fz","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`},
	{"DescribeTimeToLive", `{"TableName":"fz"}`},
	{"TagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fz","Tags":[{"Key":"k","Value":"v"}]}`},
	{"ListTagsOfResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/fz"}`},
	{"DescribeTable", `{"TableName":"fz"}`},
	{"ListTables", `{"Limit":1}`},
	{"DescribeLimits", `{}`},
	{"DeleteTable", `{"TableName":"fz"}`},
	{"PutItem", `{"TableName":"fz","Item":{"pk":{"N":"1e999"}}}`},
	{"PutItem", `{"TableName":"fz","Item":{"pk":{"S":"a","N":"1"}}}`},
	{"Query", `{"TableName":"fz","KeyConditionExpression":"((((pk = :p"}`},
	{"Scan", `[1,2,3]`},
	{"GetItem", `{"TableName":"fz","Key":null}`},
	{"ListTables", ``},
	{"PutItem", `null`},
	{"DeleteTable", ` null `},
	{"CreateTable", `"x"`},
	{"", `{}`},
	{"Nope", `not json`},
	{"ExecuteStatement", `{"Statement":"SELECT * FROM fz"}`},
}

// FuzzHandler sends arbitrary operations and bodies to the real engine
// behind the protocol handler. Properties: nothing panics (a recovered
// engine panic fails the test); every answer is 200 with a JSON object
// body, or 4xx/5xx with a DynamoDB error body whose __type has the
// DynamoDB prefix; every answer carries the protocol headers (and the
// CORS headers when the request has an Origin: inputs of even length).
func FuzzHandler(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s.op, s.body)
	}
	var panicMsg string
	db := engine.New(engine.Options{OnPanic: func(op string, p any, stack []byte) {
		panicMsg = fmt.Sprintf("panic in %s: %v\n%s", op, p, stack)
	}})
	h := NewHandler(db)
	f.Fuzz(func(t *testing.T, op, body string) {
		panicMsg = ""
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set(headerTarget, TargetPrefix+op)
		cors := len(body)%2 == 0
		if cors {
			req.Header.Set("Origin", "https://play.example")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if panicMsg != "" {
			t.Fatalf("op %q body %q: %s", op, body, panicMsg)
		}
		checkProtocolHeaders(t, rec, cors)
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(rec.Body.Bytes(), &obj); err != nil {
			t.Fatalf("op %q body %q: answer %q is not a JSON object: %v", op, body, rec.Body, err)
		}
		switch {
		case rec.Code == http.StatusOK:
			if _, isErr := obj["__type"]; isErr {
				t.Errorf("op %q body %q: 200 with an error body %s", op, body, rec.Body)
			}
		case rec.Code >= 400 && rec.Code <= 599:
			var typ string
			err := json.Unmarshal(obj["__type"], &typ)
			ns, name, _ := strings.Cut(typ, "#")
			if err != nil || name == "" || ns+"#" != ddberr.Namespace(name) {
				t.Errorf("op %q body %q: status %d with __type %s, want <namespace>#<Type>", op, body, rec.Code, obj["__type"])
			}
			if _, ok := obj["message"]; !ok {
				t.Errorf("op %q body %q: error body %s has no message", op, body, rec.Body)
			}
		default:
			t.Errorf("op %q body %q: status %d, want 200 or 4xx/5xx", op, body, rec.Code)
		}
	})
}

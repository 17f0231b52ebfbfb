package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/read"
)

// readDB returns a DB with the tables the Query/Scan/batch/transaction
// tests share:
//
//   - "qqq": pk (S) / sk (N); GSI "gAll" g (S) / sk (N) projecting ALL; GSI
//     "gKeys" g (S) KEYS_ONLY; LSI "lInc" pk / l (S) projecting INCLUDE [x].
//   - "sss": pk (S) / sk (S).
//   - "hhh": pk (S) only.
func readDB(t testing.TB) *DB {
	t.Helper()
	return readDBWith(t, Options{})
}

// readDBWith is readDB with engine options.
func readDBWith(t testing.TB, opts Options) *DB {
	t.Helper()
	db := New(opts)
	readCall(t, db, "CreateTable", `{"TableName":"qqq","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
			{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
		"GlobalSecondaryIndexes":[
			{"IndexName":"gAll","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},
			{"IndexName":"gKeys","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
		"LocalSecondaryIndexes":[
			{"IndexName":"lInc","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}]}`)
	readCall(t, db, "CreateTable", `{"TableName":"sss","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}`)
	readCall(t, db, "CreateTable", `{"TableName":"hhh","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	return db
}

// readCall runs op through Handle, failing the test on error, and returns
// the decoded response.
func readCall(t testing.TB, db *DB, op, body string) map[string]any {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err != nil {
		t.Fatalf("%s %s: unexpected error %v", op, body, err)
	}
	waitIfCreate(t, db, op, body)
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("%s: response %s is not JSON: %v", op, out, err)
	}
	return m
}

// readErr runs op through Handle and returns its *ddberr.Error, failing
// the test if the call succeeds.
func readErr(t testing.TB, db *DB, op, body string) *ddberr.Error {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err == nil {
		t.Fatalf("%s %s: got response %s, want an error", op, body, out)
	}
	var de *ddberr.Error
	if !errors.As(err, &de) {
		t.Fatalf("%s: error %T %v is not a *ddberr.Error", op, err, err)
	}
	return de
}

// readErrCase is a request that must fail with the given type and message.
type readErrCase struct {
	name, op, body string
	wantType       string
	wantMsg        string
}

func runReadErrCases(t *testing.T, db *DB, cases []readErrCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := readErr(t, db, c.op, c.body)
			if e.Type != c.wantType || e.Message != c.wantMsg {
				t.Errorf("%s %s:\n got  %s: %q\n want %s: %q", c.op, c.body, e.Type, e.Message, c.wantType, c.wantMsg)
			}
		})
	}
}

// putQ stores items in table "qqq": partition a with sk 1..10 (g "G" on
// even sk, x on every item, l on odd sk) and partition b with sk 1..3.
func putQ(t testing.TB, db *DB) {
	t.Helper()
	for i := 1; i <= 10; i++ {
		extra := ""
		if i%2 == 0 {
			extra += `,"g":{"S":"G"}`
		} else {
			extra += fmt.Sprintf(`,"l":{"S":"l%02d"}`, i)
		}
		readCall(t, db, "PutItem", fmt.Sprintf(`{"TableName":"qqq","Item":{"pk":{"S":"a"},"sk":{"N":"%d"},"x":{"N":"%d"},"y":{"S":"y%d"}%s}}`, i, i, i, extra))
	}
	for i := 1; i <= 3; i++ {
		readCall(t, db, "PutItem", fmt.Sprintf(`{"TableName":"qqq","Item":{"pk":{"S":"b"},"sk":{"N":"%d"}}}`, i))
	}
}

// sks returns the sk numbers of the Items of a response, in order.
func sks(t testing.TB, out map[string]any) string {
	t.Helper()
	items, _ := out["Items"].([]any)
	var s []string
	for _, it := range items {
		m := it.(map[string]any)
		sk, _ := m["sk"].(map[string]any)
		switch {
		case sk["N"] != nil:
			s = append(s, sk["N"].(string))
		case sk["S"] != nil:
			s = append(s, sk["S"].(string))
		default:
			s = append(s, "?")
		}
	}
	return strings.Join(s, ",")
}

func TestQuery_KeyConditions(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	for _, sk := range []string{"apple", "apricot", "banana", "ap", "b"} {
		readCall(t, db, "PutItem", fmt.Sprintf(`{"TableName":"sss","Item":{"pk":{"S":"p"},"sk":{"S":"%s"}}}`, sk))
	}
	cases := []struct {
		name, table, cond, values string
		forward                   string
		want                      string
	}{
		{"hash only", "qqq", "pk = :a", `":a":{"S":"a"}`, "", "1,2,3,4,5,6,7,8,9,10"},
		{"other partition", "qqq", "pk = :a", `":a":{"S":"b"}`, "", "1,2,3"},
		{"missing partition", "qqq", "pk = :a", `":a":{"S":"zz"}`, "", ""},
		{"eq", "qqq", "pk = :a AND sk = :v", `":a":{"S":"a"},":v":{"N":"4"}`, "", "4"},
		{"lt", "qqq", "pk = :a AND sk < :v", `":a":{"S":"a"},":v":{"N":"4"}`, "", "1,2,3"},
		{"le", "qqq", "pk = :a AND sk <= :v", `":a":{"S":"a"},":v":{"N":"4"}`, "", "1,2,3,4"},
		{"gt", "qqq", "pk = :a AND sk > :v", `":a":{"S":"a"},":v":{"N":"8"}`, "", "9,10"},
		{"ge", "qqq", "pk = :a AND sk >= :v", `":a":{"S":"a"},":v":{"N":"8"}`, "", "8,9,10"},
		{"between", "qqq", "pk = :a AND sk BETWEEN :lo AND :hi", `":a":{"S":"a"},":lo":{"N":"3"},":hi":{"N":"5"}`, "", "3,4,5"},
		{"reversed", "qqq", "pk = :a AND sk BETWEEN :lo AND :hi", `":a":{"S":"a"},":lo":{"N":"3"},":hi":{"N":"5"}`, `,"ScanIndexForward":false`, "5,4,3"},
		{"sort key first", "qqq", "sk > :v AND pk = :a", `":a":{"S":"a"},":v":{"N":"8"}`, "", "9,10"},
		{"begins_with", "sss", "pk = :a AND begins_with(sk, :p)", `":a":{"S":"p"},":p":{"S":"ap"}`, "", "ap,apple,apricot"},
		{"string order", "sss", "pk = :a AND sk > :p", `":a":{"S":"p"},":p":{"S":"apricot"}`, "", "b,banana"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := readCall(t, db, "Query", fmt.Sprintf(`{"TableName":%q,"KeyConditionExpression":%q,"ExpressionAttributeValues":{%s}%s}`,
				c.table, c.cond, c.values, c.forward))
			if got := sks(t, out); got != c.want {
				t.Errorf("got sk %q, want %q", got, c.want)
			}
			n := len(strings.Split(c.want, ","))
			if c.want == "" {
				n = 0
			}
			if out["Count"] != float64(n) || out["ScannedCount"] != float64(n) {
				t.Errorf("got Count %v ScannedCount %v, want %d", out["Count"], out["ScannedCount"], n)
			}
		})
	}
}

func TestQuery_LegacyKeyConditionsAndQueryFilter(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	out := readCall(t, db, "Query", `{"TableName":"qqq","KeyConditions":{
		"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]},
		"sk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"2"},{"N":"6"}]}},
		"QueryFilter":{"x":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"3"}]}},
		"AttributesToGet":["sk","x"]}`)
	if got, want := sks(t, out), "4,5,6"; got != want {
		t.Errorf("got sk %q, want %q", got, want)
	}
	if out["Count"] != 3.0 || out["ScannedCount"] != 5.0 {
		t.Errorf("got Count %v ScannedCount %v, want 3 and 5", out["Count"], out["ScannedCount"])
	}
	first := out["Items"].([]any)[0].(map[string]any)
	if len(first) != 2 {
		t.Errorf("got item %v, want only sk and x", first)
	}
	out = readCall(t, db, "Query", `{"TableName":"qqq","KeyConditions":{
		"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},
		"QueryFilter":{"x":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"3"}]},"y":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"y9"}]}},
		"ConditionalOperator":"OR"}`)
	if got, want := sks(t, out), "1,2,9"; got != want {
		t.Errorf("QueryFilter with OR: got sk %q, want %q", got, want)
	}
}

func TestQuery_Pagination(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	cases := []struct {
		name  string
		extra string
		pages []string
	}{
		{"limit 3", `,"Limit":3`, []string{"1,2,3", "4,5,6", "7,8,9", "10"}},
		{"limit 5 ends on last item", `,"Limit":5`, []string{"1,2,3,4,5", "6,7,8,9,10", ""}},
		{"limit 4 reversed", `,"Limit":4,"ScanIndexForward":false`, []string{"10,9,8,7", "6,5,4,3", "2,1"}},
		{"filter keeps evens", `,"Limit":4,"FilterExpression":"attribute_exists(g)"`, []string{"2,4", "6,8", "10"}},
		{"index gAll", `,"Limit":2,"IndexName":"gAll"`, []string{"2,4", "6,8", "10"}},
		{"index lInc", `,"Limit":2,"IndexName":"lInc","Select":"ALL_ATTRIBUTES"`, []string{"1,3", "5,7", "9"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cond, vals := "pk = :a", `":a":{"S":"a"}`
			if strings.Contains(c.extra, "gAll") {
				cond, vals = "g = :a", `":a":{"S":"G"}`
			}
			var start string
			var got []string
			for i := 0; i < 10; i++ {
				out := readCall(t, db, "Query", fmt.Sprintf(`{"TableName":"qqq","KeyConditionExpression":%q,"ExpressionAttributeValues":{%s}%s%s}`,
					cond, vals, c.extra, start))
				got = append(got, sks(t, out))
				lek, ok := out["LastEvaluatedKey"]
				if !ok {
					break
				}
				b, _ := json.Marshal(lek)
				start = `,"ExclusiveStartKey":` + string(b)
			}
			if !reflect.DeepEqual(got, c.pages) {
				t.Errorf("got pages %q, want %q", got, c.pages)
			}
		})
	}
}

func TestQuery_LastEvaluatedKeyOfIndexHoldsTableKey(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	out := readCall(t, db, "Query", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}},"Limit":1}`)
	lek, _ := json.Marshal(out["LastEvaluatedKey"])
	if got, want := string(lek), `{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"2"}}`; got != want {
		t.Errorf("got LastEvaluatedKey %s, want %s", got, want)
	}
}

func TestQuery_IndexProjection(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	cases := []struct {
		name, body string
		wantFirst  string
	}{
		{"keys only", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"2"}}`},
		{"all", `{"TableName":"qqq","IndexName":"gAll","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"2"},"x":{"N":"2"},"y":{"S":"y2"}}`},
		{"lsi include", `{"TableName":"qqq","IndexName":"lInc","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`,
			`{"l":{"S":"l01"},"pk":{"S":"a"},"sk":{"N":"1"},"x":{"N":"1"}}`},
		{"lsi fetches all attributes", `{"TableName":"qqq","IndexName":"lInc","Select":"ALL_ATTRIBUTES","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`,
			`{"l":{"S":"l01"},"pk":{"S":"a"},"sk":{"N":"1"},"x":{"N":"1"},"y":{"S":"y1"}}`},
		{"lsi fetches projected path", `{"TableName":"qqq","IndexName":"lInc","ProjectionExpression":"y","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`,
			`{"y":{"S":"y1"}}`},
		{"lsi filter on unprojected attribute", `{"TableName":"qqq","IndexName":"lInc","FilterExpression":"y = :y","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"},":y":{"S":"y3"}}}`,
			`{"l":{"S":"l03"},"pk":{"S":"a"},"sk":{"N":"3"},"x":{"N":"3"}}`},
		{"gsi filter on unprojected attribute", `{"TableName":"qqq","IndexName":"gKeys","FilterExpression":"attribute_not_exists(y)","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"2"}}`},
		{"gsi projection of unprojected attribute", `{"TableName":"qqq","IndexName":"gKeys","ProjectionExpression":"y, pk","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"pk":{"S":"a"}}`},
		{"all projected", `{"TableName":"qqq","IndexName":"gKeys","Select":"ALL_PROJECTED_ATTRIBUTES","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}}}`,
			`{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"2"}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := readCall(t, db, "Query", c.body)
			items := out["Items"].([]any)
			if len(items) == 0 {
				t.Fatalf("got no items")
			}
			b, _ := json.Marshal(items[0])
			if string(b) != c.wantFirst {
				t.Errorf("got first item %s, want %s", b, c.wantFirst)
			}
		})
	}
}

func TestQuery_SelectCount(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	out := readCall(t, db, "Query", `{"TableName":"qqq","Select":"COUNT","KeyConditionExpression":"pk = :a","FilterExpression":"x > :n","ExpressionAttributeValues":{":a":{"S":"a"},":n":{"N":"7"}}}`)
	if _, ok := out["Items"]; ok {
		t.Errorf("got Items %v with Select COUNT, want none", out["Items"])
	}
	if out["Count"] != 3.0 || out["ScannedCount"] != 10.0 {
		t.Errorf("got Count %v ScannedCount %v, want 3 and 10", out["Count"], out["ScannedCount"])
	}
}

func TestQuery_EmptyResultHasItems(t *testing.T) {
	db := readDB(t)
	out, err := db.Handle("Query", []byte(`{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"none"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), `{"Items":[],"Count":0,"ScannedCount":0}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// bigItems puts n items of about 100 KB each in partition "big" of "qqq".
func bigItems(t testing.TB, db *DB, n int) {
	t.Helper()
	pad := strings.Repeat("z", 100*1024)
	for i := 1; i <= n; i++ {
		readCall(t, db, "PutItem", fmt.Sprintf(`{"TableName":"qqq","Item":{"pk":{"S":"big"},"sk":{"N":"%d"},"zz":{"S":%q}}}`, i, pad))
	}
}

func TestQuery_OneMegabytePage(t *testing.T) {
	db := readDB(t)
	bigItems(t, db, 14)
	q := `{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"big"}%s}%s}`
	out := readCall(t, db, "Query", fmt.Sprintf(q, "", `,"ProjectionExpression":"sk"`))
	if got, want := sks(t, out), "1,2,3,4,5,6,7,8,9,10,11"; got != want {
		t.Errorf("first page: got sk %q, want %q", got, want)
	}
	lek, _ := json.Marshal(out["LastEvaluatedKey"])
	if got, want := string(lek), `{"pk":{"S":"big"},"sk":{"N":"11"}}`; got != want {
		t.Errorf("got LastEvaluatedKey %s, want %s", got, want)
	}
	// A filter that matches nothing: the page is empty yet not the last.
	out = readCall(t, db, "Query", fmt.Sprintf(q, `,":no":{"S":"no"}`, `,"FilterExpression":"zz = :no"`))
	if out["Count"] != 0.0 || out["ScannedCount"] != 11.0 || out["LastEvaluatedKey"] == nil {
		t.Errorf("filtered page: got Count %v ScannedCount %v LastEvaluatedKey %v, want 0, 11 and a key",
			out["Count"], out["ScannedCount"], out["LastEvaluatedKey"])
	}
	lek, _ = json.Marshal(out["LastEvaluatedKey"])
	out = readCall(t, db, "Query", fmt.Sprintf(q, `,":no":{"S":"no"}`, `,"FilterExpression":"zz = :no","ExclusiveStartKey":`+string(lek)))
	if out["ScannedCount"] != 3.0 || out["LastEvaluatedKey"] != nil {
		t.Errorf("second page: got ScannedCount %v LastEvaluatedKey %v, want 3 and none", out["ScannedCount"], out["LastEvaluatedKey"])
	}
}

func TestQuery_Validation(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	kc := `"KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}`
	v := ddberr.TypeValidation
	runReadErrCases(t, db, []readErrCase{
		{"no key condition", "Query", `{"TableName":"qqq"}`, v, msgNoKeyCondition},
		{"limit zero", "Query", `{"TableName":"qqq",` + kc + `,"Limit":0}`, v,
			"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"bad select", "Query", `{"TableName":"qqq",` + kc + `,"Select":"SOME"}`, v,
			"1 validation error detected: Value 'SOME' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"},
		{"two violations", "Query", `{"TableName":"ab",` + kc + `,"Limit":-1}`, v,
			"2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"unknown table", "Query", `{"TableName":"nope",` + kc + `}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"unknown index", "Query", `{"TableName":"qqq","IndexName":"nope",` + kc + `}`, v, "The table does not have the specified index: nope"},
		{"mixed parameters", "Query", `{"TableName":"qqq",` + kc + `,"AttributesToGet":["x"]}`, v,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {KeyConditionExpression}"},
		{"count with projection", "Query", `{"TableName":"qqq",` + kc + `,"Select":"COUNT","ProjectionExpression":"x"}`, v,
			"Cannot specify the ProjectionExpression when choosing to get only the Count"},
		{"all attributes with projection", "Query", `{"TableName":"qqq","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"Select":"ALL_ATTRIBUTES","AttributesToGet":["x"]}`, v,
			"Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"},
		{"specific without projection", "Query", `{"TableName":"qqq",` + kc + `,"Select":"SPECIFIC_ATTRIBUTES"}`, v, read.MsgSpecificNeedsProj},
		{"all projected without index", "Query", `{"TableName":"qqq",` + kc + `,"Select":"ALL_PROJECTED_ATTRIBUTES"}`, v,
			"ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"},
		{"all attributes on keys-only gsi", "Query", `{"TableName":"qqq","IndexName":"gKeys","Select":"ALL_ATTRIBUTES","KeyConditionExpression":"g = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`, v,
			"One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index gKeys because its projection type is not ALL"},
		{"consistent read on gsi", "Query", `{"TableName":"qqq","IndexName":"gAll","ConsistentRead":true,"KeyConditionExpression":"g = :a","ExpressionAttributeValues":{":a":{"S":"a"}}}`, v,
			"Consistent reads are not supported on global secondary indexes"},
		{"filter on partition key", "Query", `{"TableName":"qqq",` + kc[:len(kc)-1] + `,":b":{"S":"b"}},"FilterExpression":"pk = :b"}`, v,
			"Filter Expression can only contain non-primary key attributes: Primary key attribute: pk"},
		{"filter on sort key in function", "Query", `{"TableName":"qqq",` + kc + `,"FilterExpression":"attribute_exists(sk)"}`, v,
			"Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"},
		{"filter on index key", "Query", `{"TableName":"qqq","IndexName":"gAll","KeyConditionExpression":"g = :a","ExpressionAttributeValues":{":a":{"S":"a"}},"FilterExpression":"attribute_exists(g)"}`, v,
			"Filter Expression can only contain non-primary key attributes: Primary key attribute: g"},
		{"legacy filter on key", "Query", `{"TableName":"qqq","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"QueryFilter":{"sk":{"ComparisonOperator":"NOT_NULL"}}}`, v,
			"QueryFilter can only contain non-primary key attributes: Primary key attribute: sk"},
		{"key type mismatch", "Query", `{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"N":"1"}}}`, v, msgKeyCondSchemaType},
		{"sort key type mismatch", "Query", `{"TableName":"qqq","KeyConditionExpression":"pk = :a AND sk > :b","ExpressionAttributeValues":{":a":{"S":"a"},":b":{"S":"1"}}}`, v, msgKeyCondSchemaType},
		{"missing partition key", "Query", `{"TableName":"qqq","KeyConditionExpression":"sk = :a","ExpressionAttributeValues":{":a":{"N":"1"}}}`, v,
			"Query condition missed key schema element: pk"},
		{"start key not in schema", "Query", `{"TableName":"qqq",` + kc + `,"ExclusiveStartKey":{"pk":{"S":"a"}}}`, v,
			"The provided starting key is invalid: The provided key element does not match the schema"},
		{"start key extra attribute", "Query", `{"TableName":"qqq",` + kc + `,"ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"1"},"x":{"N":"1"}}}`, v,
			"The provided starting key is invalid: The provided key element does not match the schema"},
		{"start key wrong type", "Query", `{"TableName":"qqq",` + kc + `,"ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"S":"1"}}}`, v,
			"The provided starting key is invalid: The provided key element does not match the schema"},
		{"start key empty string", "Query", `{"TableName":"qqq",` + kc + `,"ExclusiveStartKey":{"pk":{"S":""},"sk":{"N":"1"}}}`, v,
			"The provided starting key is invalid: One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"start key other partition", "Query", `{"TableName":"qqq",` + kc + `,"ExclusiveStartKey":{"pk":{"S":"b"},"sk":{"N":"1"}}}`, v, msgStartKeyOutside},
		{"start key outside range", "Query", `{"TableName":"qqq","KeyConditionExpression":"pk = :a AND sk > :n","ExpressionAttributeValues":{":a":{"S":"a"},":n":{"N":"5"}},"ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"1"}}}`, v, msgStartKeyRange},
		{"index start key without table key", "Query", `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :a","ExpressionAttributeValues":{":a":{"S":"G"}},"ExclusiveStartKey":{"g":{"S":"G"}}}`, v,
			"The provided starting key is invalid: The provided key element does not match the schema"},
		{"unused value", "Query", `{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"},":b":{"S":"b"}}}`, v,
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}"},
	})
}

func TestQuery_ConsumedCapacity(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	cases := []struct {
		name, extra string
		want        string
	}{
		{"total eventually consistent", `,"ReturnConsumedCapacity":"TOTAL"`,
			`{"TableName":"qqq","CapacityUnits":0.5,"ReadCapacityUnits":0.5}`},
		{"total consistent", `,"ReturnConsumedCapacity":"TOTAL","ConsistentRead":true`,
			`{"TableName":"qqq","CapacityUnits":1,"ReadCapacityUnits":1}`},
		{"indexes on gsi", `,"ReturnConsumedCapacity":"INDEXES","IndexName":"lInc"`,
			`{"TableName":"qqq","CapacityUnits":0.5,"ReadCapacityUnits":0.5,"Table":{"CapacityUnits":0,"ReadCapacityUnits":0},"LocalSecondaryIndexes":{"lInc":{"CapacityUnits":0.5,"ReadCapacityUnits":0.5}}}`},
		{"none", `,"ReturnConsumedCapacity":"NONE"`, `null`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := readCall(t, db, "Query", `{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExpressionAttributeValues":{":a":{"S":"a"}}`+c.extra+`}`)
			var want any
			if err := json.Unmarshal([]byte(c.want), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(out["ConsumedCapacity"], want) {
				t.Errorf("got %v, want %s", out["ConsumedCapacity"], c.want)
			}
		})
	}
}

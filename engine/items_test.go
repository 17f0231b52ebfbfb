package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// seededDB is coreDB with item {pk:"a", sk:1, n:5, s:"x"} in "tbl" and
// {pk:"a", n:5} in "hsh".
func seededDB(t *testing.T) *DB {
	t.Helper()
	db := coreDB(t)
	coreCall(t, db, "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"n":{"N":"5"},"s":{"S":"x"}}}`)
	coreCall(t, db, "PutItem", `{"TableName":"hsh","Item":{"pk":{"S":"a"},"n":{"N":"5"}}}`)
	return db
}

const keyA1 = `"Key":{"pk":{"S":"a"},"sk":{"N":"1"}}`

func TestItems_Validation(t *testing.T) {
	big := strings.Repeat("x", 400*1024)
	runCoreCases(t, seededDB, []coreCase{
		{"put missing key", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"}}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Missing the key sk in the item"},
		{"put key type", "PutItem", `{"TableName":"tbl","Item":{"pk":{"N":"1"},"sk":{"N":"1"}}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"},
		{"put empty key", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":""},"sk":{"N":"1"}}}`, ddberr.TypeValidation,
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"put hash key too long", "PutItem", `{"TableName":"hsh","Item":{"pk":{"S":"` + strings.Repeat("k", 2049) + `"}}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"put item too large", "PutItem", `{"TableName":"hsh","Item":{"pk":{"S":"a"},"big":{"S":"` + big + `"}}}`, ddberr.TypeValidation,
			"Item size has exceeded the maximum allowed size"},
		{"put no item", "PutItem", `{"TableName":"tbl"}`, ddberr.TypeValidation,
			"1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null"},
		{"put return values", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ReturnValues":"ALL_NEW"}`, ddberr.TypeValidation,
			"Return values set to invalid value"},
		{"put return values enum", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ReturnValues":"SOME"}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"},
		{"return consumed capacity enum", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ReturnConsumedCapacity":"ALL"}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"},
		{"names without expressions", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ExpressionAttributeNames":{"#a":"a"}}`, ddberr.TypeValidation,
			"ExpressionAttributeNames can only be specified when using expressions"},
		{"values without expressions", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ExpressionAttributeValues":{":a":{"S":"a"}}}`, ddberr.TypeValidation,
			"ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
		{"empty values", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ConditionExpression":"attribute_exists(pk)","ExpressionAttributeValues":{}}`, ddberr.TypeValidation,
			"ExpressionAttributeValues must not be empty"},
		{"mixed", "GetItem", `{"TableName":"tbl",` + keyA1 + `,"AttributesToGet":["n"],"ProjectionExpression":"n"}`, ddberr.TypeValidation,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
		{"mixed update", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"AttributeUpdates":{"n":{"Action":"PUT","Value":{"N":"1"}}},"ConditionExpression":"attribute_exists(n)"}`, ddberr.TypeValidation,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {ConditionExpression}"},
		{"mixed with conditional operator", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"Expected":{"n":{"Exists":false}},"ConditionalOperator":"OR","ConditionExpression":"attribute_exists(n)"}`, ddberr.TypeValidation,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected, ConditionalOperator} Expression parameters: {ConditionExpression}"},
		{"mixed update two expressions", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"ConditionalOperator":"AND","UpdateExpression":"REMOVE s","ConditionExpression":"attribute_exists(n)"}`, ddberr.TypeValidation,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ConditionalOperator} Expression parameters: {UpdateExpression, ConditionExpression}"},
		{"conditional operator alone", "DeleteItem", `{"TableName":"tbl",` + keyA1 + `,"ConditionalOperator":"OR"}`, ddberr.TypeValidation,
			"ConditionalOperator can only be used when Expected has two or more elements"},
		{"legacy update of key", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"AttributeUpdates":{"sk":{"Action":"PUT","Value":{"N":"2"}}}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key"},
		{"invalid expression value", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ConditionExpression":"n = :n","ExpressionAttributeValues":{":n":{"N":"x"},":z":{"SS":[]}}}`, ddberr.TypeValidation,
			"ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :n"},
		{"invalid expression value in Query", "Query", `{"TableName":"tbl","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"N":"x"}}}`, ddberr.TypeValidation,
			"ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :p"},
		{"invalid expression value in Scan", "Scan", `{"TableName":"tbl","FilterExpression":"n = :n","ExpressionAttributeValues":{":n":{"SS":[]}}}`, ddberr.TypeValidation,
			"ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :n"},
		{"invalid expression value in a transaction", "TransactWriteItems", `{"TransactItems":[{"ConditionCheck":{"TableName":"tbl",` + keyA1 + `,"ConditionExpression":"n = :n","ExpressionAttributeValues":{":n":{"N":"x"}}}}]}`, ddberr.TypeValidation,
			"ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :n"},
		{"invalid expression value shape", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET a = :n","ExpressionAttributeValues":{":n":{"N":1}}}`, ddberr.TypeSerialization,
			"NUMBER_VALUE cannot be converted to String"},
		{"get key mismatch", "GetItem", `{"TableName":"tbl","Key":{"pk":{"S":"a"}}}`, ddberr.TypeValidation,
			"The provided key element does not match the schema"},
		{"get key extra", "GetItem", `{"TableName":"hsh","Key":{"pk":{"S":"a"},"x":{"S":"b"}}}`, ddberr.TypeValidation,
			"The provided key element does not match the schema"},
		{"get key wrong type", "GetItem", `{"TableName":"tbl","Key":{"pk":{"S":"a"},"sk":{"S":"1"}}}`, ddberr.TypeValidation,
			"The provided key element does not match the schema"},
		{"get empty key", "GetItem", `{"TableName":"hsh","Key":{"pk":{"S":""}}}`, ddberr.TypeValidation,
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"update key attribute", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"b"}}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"},
		{"update return values enum", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"ReturnValues":"ALL"}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'ALL' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"},
		{"update values without expressions", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"ExpressionAttributeValues":{":v":{"S":"b"}}}`, ddberr.TypeValidation,
			"ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null"},
		{"delete return values", "DeleteItem", `{"TableName":"tbl",` + keyA1 + `,"ReturnValues":"UPDATED_NEW"}`, ddberr.TypeValidation,
			"Return values set to invalid value"},
		{"condition fails", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ConditionExpression":"attribute_not_exists(pk)"}`, ddberr.TypeConditionalCheckFailed,
			"The conditional request failed"},
		{"legacy expected fails", "DeleteItem", `{"TableName":"tbl",` + keyA1 + `,"Expected":{"n":{"Value":{"N":"6"}}}}`, ddberr.TypeConditionalCheckFailed,
			"The conditional request failed"},
		{"legacy expected holds", "DeleteItem", `{"TableName":"tbl",` + keyA1 + `,"Expected":{"n":{"Value":{"N":"5"}}}}`, "", ""},
	})
}

// decode re-encodes a Handle response value for comparison.
func enc(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestItems_RoundTrips(t *testing.T) {
	cases := []struct {
		name, op, body string
		field          string // response member to compare
		want           string // its JSON ("null": absent)
		thenGet        string // after the op, GetItem of keyA1 on tbl returns this Item JSON
	}{
		{"get", "GetItem", `{"TableName":"tbl",` + keyA1 + `}`, "Item",
			`{"n":{"N":"5"},"pk":{"S":"a"},"s":{"S":"x"},"sk":{"N":"1"}}`, ""},
		{"get missing", "GetItem", `{"TableName":"tbl","Key":{"pk":{"S":"b"},"sk":{"N":"1"}}}`, "Item", `null`, ""},
		{"get projection", "GetItem", `{"TableName":"tbl",` + keyA1 + `,"ProjectionExpression":"#n, s","ExpressionAttributeNames":{"#n":"n"}}`, "Item",
			`{"n":{"N":"5"},"s":{"S":"x"}}`, ""},
		{"get projection of nothing", "GetItem", `{"TableName":"tbl",` + keyA1 + `,"ProjectionExpression":"nope"}`, "Item", `{}`, ""},
		{"get attributes to get", "GetItem", `{"TableName":"tbl",` + keyA1 + `,"AttributesToGet":["s"]}`, "Item", `{"s":{"S":"x"}}`, ""},
		{"put all old", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"z":{"BOOL":true}},"ReturnValues":"ALL_OLD"}`, "Attributes",
			`{"n":{"N":"5"},"pk":{"S":"a"},"s":{"S":"x"},"sk":{"N":"1"}}`, `{"pk":{"S":"a"},"sk":{"N":"1"},"z":{"BOOL":true}}`},
		{"put new item all old", "PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"b"},"sk":{"N":"1"}},"ReturnValues":"ALL_OLD"}`, "Attributes", `null`, ""},
		{"update updated new", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET n = n + :one, m = :m REMOVE s","ExpressionAttributeValues":{":one":{"N":"1"},":m":{"M":{"x":{"L":[{"N":"1"},{"N":"2"}]}}}},"ReturnValues":"UPDATED_NEW"}`,
			"Attributes", `{"m":{"M":{"x":{"L":[{"N":"1"},{"N":"2"}]}}},"n":{"N":"6"}}`, ""},
		{"update updated old", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET n = n + :one REMOVE s","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_OLD"}`,
			"Attributes", `{"n":{"N":"5"},"s":{"S":"x"}}`, `{"n":{"N":"6"},"pk":{"S":"a"},"sk":{"N":"1"}}`},
		{"update all new", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"ALL_NEW"}`,
			"Attributes", `{"n":{"N":"6"},"pk":{"S":"a"},"s":{"S":"x"},"sk":{"N":"1"}}`, ""},
		{"update upsert", "UpdateItem", `{"TableName":"tbl","Key":{"pk":{"S":"new"},"sk":{"N":"2"}},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"S":"y"}},"ReturnValues":"ALL_NEW"}`,
			"Attributes", `{"pk":{"S":"new"},"sk":{"N":"2"},"v":{"S":"y"}}`, ""},
		{"update legacy", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"2"}},"s":{"Action":"DELETE"}},"ReturnValues":"ALL_NEW"}`,
			"Attributes", `{"n":{"N":"7"},"pk":{"S":"a"},"sk":{"N":"1"}}`, ""},
		{"delete all old", "DeleteItem", `{"TableName":"tbl",` + keyA1 + `,"ReturnValues":"ALL_OLD"}`, "Attributes",
			`{"n":{"N":"5"},"pk":{"S":"a"},"s":{"S":"x"},"sk":{"N":"1"}}`, `null`},
		{"delete with condition", "DeleteItem", `{"TableName":"tbl",` + keyA1 + `,"ConditionExpression":"n = :five","ExpressionAttributeValues":{":five":{"N":"5"}}}`, "Attributes", `null`, `null`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := seededDB(t)
			out := coreCall(t, db, c.op, c.body)
			if got := enc(t, out[c.field]); got != c.want {
				t.Errorf("%s = %s, want %s", c.field, got, c.want)
			}
			if c.thenGet != "" {
				got := enc(t, coreCall(t, db, "GetItem", `{"TableName":"tbl",`+keyA1+`}`)["Item"])
				if got != c.thenGet {
					t.Errorf("item afterwards = %s, want %s", got, c.thenGet)
				}
			}
		})
	}
}

func TestItems_FailedRequestWritesNothing(t *testing.T) {
	cases := []struct{ name, op, body, wantType string }{
		{"condition", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET s = :v","ConditionExpression":"n > :v","ExpressionAttributeValues":{":v":{"N":"9"}}}`, ddberr.TypeConditionalCheckFailed},
		{"apply error", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET s = :v, n = n + s","ExpressionAttributeValues":{":v":{"S":"q"}}}`, ddberr.TypeValidation},
		{"unused value", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET s = :v","ExpressionAttributeValues":{":v":{"S":"q"},":w":{"S":"q"}}}`, ddberr.TypeValidation},
		{"too large", "UpdateItem", `{"TableName":"tbl",` + keyA1 + `,"UpdateExpression":"SET s = :v","ExpressionAttributeValues":{":v":{"S":"` + strings.Repeat("q", 400*1024) + `"}}}`, ddberr.TypeValidation},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := seededDB(t)
			before := enc(t, coreCall(t, db, "GetItem", `{"TableName":"tbl",`+keyA1+`}`)["Item"])
			e := coreErr(t, db, c.op, c.body)
			if e.Type != c.wantType {
				t.Errorf("got %s: %s, want %s", e.Type, e.Message, c.wantType)
			}
			after := enc(t, coreCall(t, db, "GetItem", `{"TableName":"tbl",`+keyA1+`}`)["Item"])
			if after != before {
				t.Errorf("item changed by a failed request: %s → %s", before, after)
			}
		})
	}
}

func TestItems_ConditionFailureReturnsItem(t *testing.T) {
	db := seededDB(t)
	e := coreErr(t, db, "PutItem", `{"TableName":"hsh","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}`)
	b, _ := json.Marshal(e)
	var body map[string]any
	_ = json.Unmarshal(b, &body)
	if got, want := enc(t, body["Item"]), `{"n":{"N":"5"},"pk":{"S":"a"}}`; got != want {
		t.Errorf("Item in error body = %s, want %s", got, want)
	}
	if e.Message != "The conditional request failed" {
		t.Errorf("message %q", e.Message)
	}
}

func TestItems_UpdatedNestedPaths(t *testing.T) {
	db := seededDB(t)
	coreCall(t, db, "PutItem", `{"TableName":"hsh","Item":{"pk":{"S":"m"},"m":{"M":{"a":{"N":"1"},"b":{"N":"2"}}},"l":{"L":[{"S":"p"},{"S":"q"},{"S":"r"}]}}}`)
	cases := []struct{ rv, want string }{
		{"UPDATED_OLD", `{"l":{"L":[{"S":"q"}]},"m":{"M":{"a":{"N":"1"}}}}`},
		{"UPDATED_NEW", `{"l":{"L":[{"S":"z"}]},"m":{"M":{"a":{"N":"9"}}}}`},
	}
	for _, c := range cases {
		t.Run(c.rv, func(t *testing.T) {
			out := coreCall(t, db, "UpdateItem", `{"TableName":"hsh","Key":{"pk":{"S":"m"}},"UpdateExpression":"SET m.a = :n, l[1] = :z","ExpressionAttributeValues":{":n":{"N":"9"},":z":{"S":"z"}},"ReturnValues":"`+c.rv+`"}`)
			if got := enc(t, out["Attributes"]); got != c.want {
				t.Errorf("Attributes = %s, want %s", got, c.want)
			}
		})
	}
}

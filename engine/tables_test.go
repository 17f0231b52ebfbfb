package engine

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// emptyDB returns a DB without tables on the fixed test clock.
func emptyDB(t *testing.T) *DB {
	t.Helper()
	return New(Options{Now: func() time.Time { return coreClock }})
}

const (
	defsPK   = `"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}]`
	defsPKSK = `"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}]`
	ksPK     = `"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]`
	ksPKSK   = `"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]`
	ppr      = `"BillingMode":"PAY_PER_REQUEST"`
)

func TestCreateTable_Validation(t *testing.T) {
	gsi := func(name string) string {
		return fmt.Sprintf(`{"IndexName":%q,"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}`, name)
	}
	many := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = gsi(fmt.Sprintf("gsi%02d", i))
		}
		return strings.Join(parts, ",")
	}
	manyAttrs := make([]string, 101)
	for i := range manyAttrs {
		manyAttrs[i] = fmt.Sprintf("%q", fmt.Sprintf("a%d", i))
	}
	include := func(name string, attrs []string) string {
		return fmt.Sprintf(`{"IndexName":%q,"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":[%s]}}`, name, strings.Join(attrs, ","))
	}
	runCoreCases(t, emptyDB, []coreCase{
		{"ok", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `}`, "", ""},
		{"short name", "CreateTable", `{"TableName":"ab",` + defsPK + `,` + ksPK + `,` + ppr + `}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"bad name", "CreateTable", `{"TableName":"a b",` + defsPK + `,` + ksPK + `,` + ppr + `}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'a b' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"two violations", "CreateTable", `{"TableName":"a!",` + defsPK + `,` + ksPK + `,` + ppr + `}`, ddberr.TypeValidation,
			"2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"no key schema", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ppr + `}`, ddberr.TypeValidation,
			"1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null"},
		{"bad attribute type", "CreateTable", `{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"BOOL"}],` + ksPK + `,` + ppr + `}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'BOOL' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"},
		{"bad billing mode", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,"BillingMode":"FREE"}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]"},
		{"undefined key attribute", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPKSK + `,` + ppr + `}`, ddberr.TypeValidation,
			"Invalid KeySchema: Some index key attribute have no definition"},
		{"unused definition", "CreateTable", `{"TableName":"abc",` + defsPKSK + `,` + ksPK + `,` + ppr + `}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{"two hash keys", "CreateTable", `{"TableName":"abc",` + defsPKSK + `,"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"HASH"}],` + ppr + `}`, ddberr.TypeValidation,
			"Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"},
		{"range first", "CreateTable", `{"TableName":"abc",` + defsPK + `,"KeySchema":[{"AttributeName":"pk","KeyType":"RANGE"}],` + ppr + `}`, ddberr.TypeValidation,
			"Invalid KeySchema: The first KeySchemaElement is not a HASH key type"},
		{"same hash and range", "CreateTable", `{"TableName":"abc",` + defsPK + `,"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"pk","KeyType":"RANGE"}],` + ppr + `}`, ddberr.TypeValidation,
			"Both the Hash Key and the Range Key element in the KeySchema have the same name"},
		{"bad key type", "CreateTable", `{"TableName":"abc",` + defsPK + `,"KeySchema":[{"AttributeName":"pk","KeyType":"PRIMARY"}],` + ppr + `}`, ddberr.TypeValidation,
			"1 validation error detected: Value 'PRIMARY' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"},
		{"provisioned without throughput", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"on demand with throughput", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"zero throughput", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,"ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":1}}`, ddberr.TypeValidation,
			"1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"provisioned ok", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}`, "", ""},
		{"lsi without table range key", "CreateTable", `{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"x","AttributeType":"S"}],` + ksPK + `,` + ppr +
			`,"LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"x","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
		{"lsi other hash", "CreateTable", `{"TableName":"abc","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"x","AttributeType":"S"}],` + ksPKSK + `,` + ppr +
			`,"LocalSecondaryIndexes":[{"IndexName":"lsi","KeySchema":[{"AttributeName":"x","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: lsi. index hash key: x, table hash key: pk"},
		{"duplicate index names", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[` + gsi("gsi") + `,` + gsi("gsi") + `]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Duplicate index name: gsi"},
		{"21 gsis", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[` + many(21) + `]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20"},
		{"20 gsis", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[` + many(20) + `]}`, "", ""},
		{"gsi undefined key", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [g], AttributeDefinitions: [pk]"},
		{"include without attributes", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE"}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified"},
		{"all with attributes", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL","NonKeyAttributes":["a"]}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"},
		{"101 projected attributes", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[` +
			include("gi1", manyAttrs[:20]) + `,` + include("gi2", manyAttrs[20:40]) + `,` + include("gi3", manyAttrs[40:60]) + `,` +
			include("gi4", manyAttrs[60:80]) + `,` + include("gi5", manyAttrs[80:100]) + `,` + include("gi6", manyAttrs[100:]) + `]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of 100, number of projected attributes:101"},
		{"gsi throughput on demand", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,` + ppr + `,"GlobalSecondaryIndexes":[{"IndexName":"gsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: gsi when BillingMode is PAY_PER_REQUEST"},
		{"gsi throughput missing", "CreateTable", `{"TableName":"abc",` + defsPK + `,` + ksPK + `,"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},"GlobalSecondaryIndexes":[` + gsi("gsi") + `]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: ProvisionedThroughput must be specified for index: gsi"},
	})
}

func TestCreateTable_Exists(t *testing.T) {
	db := coreDB(t)
	e := coreErr(t, db, "CreateTable", `{"TableName":"tbl",`+defsPK+`,`+ksPK+`,`+ppr+`}`)
	if e.Type != ddberr.TypeResourceInUse || e.Message != "Table already exists: tbl" {
		t.Errorf("got %s: %q, want ResourceInUseException: Table already exists: tbl", e.Type, e.Message)
	}
}

func TestCreateTable_Description(t *testing.T) {
	db := emptyDB(t)
	out, err := db.CreateTable(&CreateTableInput{
		TableName:            "Music",
		AttributeDefinitions: []AttributeDefinition{{AttributeName: "Artist", AttributeType: "S"}, {AttributeName: "Song", AttributeType: "S"}, {AttributeName: "Year", AttributeType: "N"}},
		KeySchema:            []KeySchemaElement{{AttributeName: "Artist", KeyType: "HASH"}, {AttributeName: "Song", KeyType: "RANGE"}},
		BillingMode:          "PAY_PER_REQUEST",
		GlobalSecondaryIndexes: []GlobalSecondaryIndex{{IndexName: "ByYear",
			KeySchema:  []KeySchemaElement{{AttributeName: "Year", KeyType: "HASH"}},
			Projection: &Projection{ProjectionType: "INCLUDE", NonKeyAttributes: []string{"Album"}}}},
		LocalSecondaryIndexes: []LocalSecondaryIndex{{IndexName: "ByYearLocal",
			KeySchema:  []KeySchemaElement{{AttributeName: "Artist", KeyType: "HASH"}, {AttributeName: "Year", KeyType: "RANGE"}},
			Projection: &Projection{ProjectionType: "KEYS_ONLY"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := out.TableDescription
	if d.TableStatus != statusCreating || d.GlobalSecondaryIndexes[0].IndexStatus != statusCreating {
		t.Errorf("CreateTable statuses = %s/%s, want CREATING/CREATING", d.TableStatus, d.GlobalSecondaryIndexes[0].IndexStatus)
	}
	waitActive(t, db, "Music")
	desc, err := db.DescribeTable(&DescribeTableInput{TableName: "Music"})
	if err != nil {
		t.Fatal(err)
	}
	d = desc.Table
	checks := []struct{ name, got, want string }{
		{"TableStatus", d.TableStatus, "ACTIVE"},
		{"TableArn", d.TableArn, "arn:aws:dynamodb:us-east-1:000000000000:table/Music"},
		{"IndexArn", d.GlobalSecondaryIndexes[0].IndexArn, "arn:aws:dynamodb:us-east-1:000000000000:table/Music/index/ByYear"},
		{"LSI arn", d.LocalSecondaryIndexes[0].IndexArn, "arn:aws:dynamodb:us-east-1:000000000000:table/Music/index/ByYearLocal"},
		{"BillingMode", d.BillingModeSummary.BillingMode, "PAY_PER_REQUEST"},
		{"GSI status", d.GlobalSecondaryIndexes[0].IndexStatus, "ACTIVE"},
		{"TableId length", fmt.Sprint(len(d.TableId)), "36"},
		{"CreationDateTime", fmt.Sprint(EpochTime(d.CreationDateTime).Equal(coreClock)), "true"},
		{"throughput", fmt.Sprint(d.ProvisionedThroughput.ReadCapacityUnits, d.ProvisionedThroughput.WriteCapacityUnits), "0 0"},
		{"GSI projection", fmt.Sprint(d.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes), "[Album]"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	b, _ := json.Marshal(desc)
	if !strings.Contains(string(b), `"CreationDateTime":1767323045,`) {
		t.Errorf("DescribeTable JSON %s lacks CreationDateTime as epoch seconds", b)
	}
}

func TestDescribeTable_NotFound(t *testing.T) {
	runCoreCases(t, coreDB, []coreCase{
		{"missing", "DescribeTable", `{"TableName":"nope"}`, ddberr.TypeResourceNotFound, "Requested resource not found: Table: nope not found"},
		{"null name", "DescribeTable", `{}`, ddberr.TypeValidation, "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
		{"delete missing", "DeleteTable", `{"TableName":"nope"}`, ddberr.TypeResourceNotFound, "Requested resource not found: Table: nope not found"},
		{"data plane missing", "GetItem", `{"TableName":"nope","Key":{"pk":{"S":"a"}}}`, ddberr.TypeResourceNotFound, "Requested resource not found"},
	})
}

func TestListTables_Paging(t *testing.T) {
	db := emptyDB(t)
	for _, n := range []string{"ccc", "aaa", "bbb", "ddd"} {
		coreCall(t, db, "CreateTable", `{"TableName":"`+n+`",`+defsPK+`,`+ksPK+`,`+ppr+`}`)
	}
	cases := []struct {
		name, body string
		want       string
	}{
		{"all", `{}`, `{"TableNames":["aaa","bbb","ccc","ddd"]}`},
		{"limit", `{"Limit":2}`, `{"TableNames":["aaa","bbb"],"LastEvaluatedTableName":"bbb"}`},
		{"start", `{"Limit":2,"ExclusiveStartTableName":"bbb"}`, `{"TableNames":["ccc","ddd"]}`},
		{"start past end", `{"ExclusiveStartTableName":"zzz"}`, `{"TableNames":[]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := db.Handle("ListTables", []byte(c.body))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("got %s, want %s", out, c.want)
			}
		})
	}
	runCoreCases(t, emptyDB, []coreCase{
		{"limit 0", "ListTables", `{"Limit":0}`, ddberr.TypeValidation, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"limit 101", "ListTables", `{"Limit":101}`, ddberr.TypeValidation, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"},
	})
}

func TestDeleteTable(t *testing.T) {
	db := coreDB(t)
	out := coreCall(t, db, "DeleteTable", `{"TableName":"tbl"}`)
	if got := out["TableDescription"].(map[string]any)["TableStatus"]; got != "DELETING" {
		t.Errorf("TableStatus = %v, want DELETING", got)
	}
	if d := coreCall(t, db, "DescribeTable", `{"TableName":"tbl"}`); d["Table"].(map[string]any)["TableStatus"] != "DELETING" {
		t.Errorf("DescribeTable right after delete: %v, want DELETING", d)
	}
	db.Advance(tableDeleteTime)
	e := coreErr(t, db, "DescribeTable", `{"TableName":"tbl"}`)
	if e.Type != ddberr.TypeResourceNotFound {
		t.Errorf("DescribeTable after delete: got %s, want ResourceNotFoundException", e.Type)
	}
	coreCall(t, db, "CreateTable", `{"TableName":"pro",`+defsPK+`,`+ksPK+`,`+ppr+`,"DeletionProtectionEnabled":true}`)
	e = coreErr(t, db, "DeleteTable", `{"TableName":"pro"}`)
	if e.Message != msgDeletionProtected {
		t.Errorf("protected delete: got %q, want %q", e.Message, msgDeletionProtected)
	}
}

package engine

import (
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// provDB returns a DB with a provisioned table "prov" (pk S, 5/5) holding
// three items, two of which carry g (S).
func provDB(t *testing.T) *DB {
	t.Helper()
	db := emptyDB(t)
	createActive(t, db, `{"TableName":"prov",`+defsPK+`,`+ksPK+`,"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}`)
	for _, it := range []string{`{"pk":{"S":"1"},"g":{"S":"x"}}`, `{"pk":{"S":"2"},"g":{"S":"y"}}`, `{"pk":{"S":"3"}}`} {
		coreCall(t, db, "PutItem", `{"TableName":"prov","Item":`+it+`}`)
	}
	return db
}

const createG = `{"Create":{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}}`

func TestUpdateTable_Validation(t *testing.T) {
	runCoreCases(t, provDB, []coreCase{
		{"nothing", "UpdateTable", `{"TableName":"prov"}`, ddberr.TypeValidation, msgUpdateTableNothing},
		{"missing table", "UpdateTable", `{"TableName":"nope","BillingMode":"PAY_PER_REQUEST"}`, ddberr.TypeResourceNotFound, "Requested resource not found: Table: nope not found"},
		{"same throughput", "UpdateTable", `{"TableName":"prov","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}`, ddberr.TypeValidation,
			"The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."},
		{"undefined index key", "UpdateTable", `{"TableName":"prov","GlobalSecondaryIndexUpdates":[` + createG + `]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [g], AttributeDefinitions: []"},
		{"two creates", "UpdateTable", `{"TableName":"prov","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[` + createG + `,` + createG + `]}`, ddberr.TypeLimitExceeded,
			"Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"},
		{"two updates of one index", "UpdateTable", `{"TableName":"prov","GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"gsi","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}},{"Update":{"IndexName":"gsi","ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":2}}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Only one global secondary index update per index is allowed simultaneously. Index: gsi"},
		{"delete missing", "UpdateTable", `{"TableName":"prov","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"zzz"}}]}`, ddberr.TypeResourceNotFound,
			"Requested resource not found: Index: zzz not found"},
		{"gsi throughput missing", "UpdateTable", `{"TableName":"prov","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: ProvisionedThroughput must be specified for index: gsi"},
		{"on demand with throughput", "UpdateTable", `{"TableName":"prov","BillingMode":"PAY_PER_REQUEST","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}`, ddberr.TypeValidation,
			"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"to on demand", "UpdateTable", `{"TableName":"prov","BillingMode":"PAY_PER_REQUEST"}`, "", ""},
	})
}

func TestUpdateTable_CreateIndexLifecycle(t *testing.T) {
	db := provDB(t)
	out := coreCall(t, db, "UpdateTable", `{"TableName":"prov","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[`+createG+`]}`)
	gsi := func(m map[string]any, key string) map[string]any {
		return m[key].(map[string]any)["GlobalSecondaryIndexes"].([]any)[0].(map[string]any)
	}
	if s := gsi(out, "TableDescription")["IndexStatus"]; s != "CREATING" {
		t.Errorf("UpdateTable IndexStatus = %v, want CREATING", s)
	}
	// Three items: the backfill takes backfillTime(3) on the engine clock,
	// however often DescribeTable asks; reads are refused until it ends.
	const query = `{"TableName":"prov","IndexName":"gsi","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}}`
	steps := []struct {
		advance     time.Duration
		status      string
		backfilling any
		count       float64
	}{
		{0, "CREATING", true, 0}, {0, "CREATING", true, 0}, {backfillTime(3) - time.Nanosecond, "CREATING", true, 0},
		{time.Nanosecond, "ACTIVE", false, 2}, {time.Hour, "ACTIVE", false, 2},
	}
	for i, s := range steps {
		db.Advance(s.advance)
		g := gsi(coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`), "Table")
		if g["IndexStatus"] != s.status || g["Backfilling"] != s.backfilling || g["ItemCount"] != s.count {
			t.Errorf("DescribeTable #%d: status %v backfilling %v count %v, want %v %v %v", i+1, g["IndexStatus"], g["Backfilling"], g["ItemCount"], s.status, s.backfilling, s.count)
		}
		if s.status == "CREATING" {
			for op, body := range map[string]string{"Query": query, "Scan": `{"TableName":"prov","IndexName":"gsi"}`} {
				e := coreErr(t, db, op, body)
				if want := "Cannot read from backfilling global secondary index: gsi"; e.Type != ddberr.TypeValidation || e.Message != want {
					t.Errorf("DescribeTable #%d: %s on the backfilling index: %s %q, want ValidationException %q", i+1, op, e.Type, e.Message, want)
				}
			}
			continue
		}
		if n := coreCall(t, db, "Query", query)["Count"]; n != 1.0 {
			t.Errorf("DescribeTable #%d: Query on the ACTIVE index counted %v, want 1", i+1, n)
		}
	}
	defs := coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`)["Table"].(map[string]any)["AttributeDefinitions"]
	if got := enc(t, defs); got != `[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}]` {
		t.Errorf("AttributeDefinitions = %s", got)
	}
	e := coreErr(t, db, "UpdateTable", `{"TableName":"prov","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[`+createG+`]}`)
	if e.Message != msgIndexExists {
		t.Errorf("second create: %q, want %q", e.Message, msgIndexExists)
	}
	coreCall(t, db, "UpdateTable", `{"TableName":"prov","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"gsi"}}]}`)
	// The deleted index is DELETING (zero counts, unreadable) for
	// gsiDeleteTime, then gone.
	for _, step := range []time.Duration{0, gsiDeleteTime - time.Nanosecond} {
		db.Advance(step)
		g := gsi(coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`), "Table")
		if g["IndexStatus"] != "DELETING" || g["ItemCount"] != 0.0 || g["Backfilling"] != nil {
			t.Errorf("after delete +%v: status %v count %v backfilling %v, want DELETING 0 none", step, g["IndexStatus"], g["ItemCount"], g["Backfilling"])
		}
		if e := coreErr(t, db, "Query", query); e.Type != ddberr.TypeValidation || e.Message != "The table does not have the specified index: gsi" {
			t.Errorf("Query on the DELETING index: %s %q", e.Type, e.Message)
		}
	}
	db.Advance(time.Nanosecond)
	d := coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`)["Table"].(map[string]any)
	if d["GlobalSecondaryIndexes"] != nil || enc(t, d["AttributeDefinitions"]) != `[{"AttributeName":"pk","AttributeType":"S"}]` {
		t.Errorf("after delete: GSIs %v, AttributeDefinitions %s", d["GlobalSecondaryIndexes"], enc(t, d["AttributeDefinitions"]))
	}
}

func TestUpdateTable_Throughput(t *testing.T) {
	db := provDB(t)
	if d := coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`)["Table"].(map[string]any); d["BillingModeSummary"] != nil {
		t.Errorf("BillingModeSummary of a table created without BillingMode = %v, want none", d["BillingModeSummary"])
	}
	coreCall(t, db, "UpdateTable", `{"TableName":"prov","ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":7}}`)
	pt := coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`)["Table"].(map[string]any)["ProvisionedThroughput"].(map[string]any)
	if pt["ReadCapacityUnits"] != 3.0 || pt["WriteCapacityUnits"] != 7.0 || pt["NumberOfDecreasesToday"] != 1.0 {
		t.Errorf("ProvisionedThroughput = %v, want 3/7 with one decrease", pt)
	}
	db.Advance(24 * time.Hour)
	pt = coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`)["Table"].(map[string]any)["ProvisionedThroughput"].(map[string]any)
	if pt["NumberOfDecreasesToday"] != 0.0 {
		t.Errorf("NumberOfDecreasesToday the next day = %v, want 0", pt["NumberOfDecreasesToday"])
	}
	db.Advance(-24*time.Hour + tableUpdateTime) // the first change's UPDATING is over
	coreCall(t, db, "UpdateTable", `{"TableName":"prov","BillingMode":"PAY_PER_REQUEST"}`)
	d := coreCall(t, db, "DescribeTable", `{"TableName":"prov"}`)["Table"].(map[string]any)
	if got := enc(t, d["BillingModeSummary"]); got != `{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1767323047}` {
		t.Errorf("BillingModeSummary = %s", got)
	}
}

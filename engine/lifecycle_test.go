package engine

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// waitActive waits, as a DynamoDB user waits after CreateTable, until the
// table called name is ACTIVE: it calls DescribeTable and, while the table
// is still CREATING, moves the engine clock on by a second instead of
// sleeping (a new table is CREATING for tableCreateTime of engine time),
// so it works on paused and fixed clocks too.
func waitActive(t testing.TB, db *DB, name string) {
	t.Helper()
	for range 60 {
		out, err := db.DescribeTable(&DescribeTableInput{TableName: name})
		if err != nil {
			t.Fatalf("DescribeTable %s: %v", name, err)
		}
		if out.Table.TableStatus == statusActive {
			return
		}
		db.Advance(time.Second)
	}
	t.Fatalf("table %s still not ACTIVE after a minute of engine time", name)
}

// WaitActive is waitActive for the package's external tests (package
// engine_test).
var WaitActive = waitActive

// waitGone waits, stepping the engine clock a second at a time, until
// DescribeTable finds no table called name (a deleted table is DELETING
// for a while first).
func waitGone(t testing.TB, db *DB, name string) {
	t.Helper()
	for range 60 {
		_, err := db.DescribeTable(&DescribeTableInput{TableName: name})
		if e := ddberr.As(err); err != nil && e.Type == ddberr.TypeResourceNotFound {
			return
		} else if err != nil {
			t.Fatalf("DescribeTable %s: %v", name, err)
		}
		db.Advance(time.Second)
	}
	t.Fatalf("table %s still there after a minute of engine time", name)
}

// WaitGone is waitGone for the package's external tests.
var WaitGone = waitGone

// waitIfCreate waits after a CreateTable (op, with request body) until
// its table is ACTIVE (waitActive); after any other op it returns at once.
func waitIfCreate(t testing.TB, db *DB, op, body string) {
	t.Helper()
	if op != "CreateTable" {
		return
	}
	var in CreateTableInput
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatalf("CreateTable %s: %v", body, err)
	}
	waitActive(t, db, in.TableName)
}

// createActive creates a table from a CreateTable body, ACTIVE at once
// as if restored (SetRestoring), for tests of features that depend on the
// engine clock (capacity, burst, decreases): waiting for the table would
// move their clock before they start.
func createActive(t *testing.T, db *DB, body string) {
	t.Helper()
	db.SetRestoring(true)
	defer db.SetRestoring(false)
	coreCall(t, db, "CreateTable", body)
}

// A new table is CREATING for tableCreateTime of engine time, then
// ACTIVE: before that, data-plane calls find no table (DynamoDB's
// ResourceNotFoundException covers a table whose status is not ACTIVE),
// UpdateTable, DeleteTable and a second CreateTable are
// ResourceInUseException, and DescribeTable and ListTables show it.
func TestCreateTable_CreatingForAWhile(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	db := New(Options{Now: func() time.Time { return now }})
	create := `{"TableName":"TTT","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
		"GlobalSecondaryIndexes":[{"IndexName":"GGG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`
	if _, err := db.Handle("CreateTable", []byte(create)); err != nil {
		t.Fatal(err)
	}
	status := func() (table, index string) {
		t.Helper()
		out, err := db.DescribeTable(&DescribeTableInput{TableName: "TTT"})
		if err != nil {
			t.Fatal(err)
		}
		return out.Table.TableStatus, out.Table.GlobalSecondaryIndexes[0].IndexStatus
	}
	if tb, ix := status(); tb != statusCreating || ix != statusCreating {
		t.Fatalf("right after CreateTable: %s/%s, want CREATING/CREATING", tb, ix)
	}
	if l, _ := db.ListTables(&ListTablesInput{}); len(l.TableNames) != 1 || l.TableNames[0] != "TTT" {
		t.Errorf("ListTables while CREATING = %v, want [TTT]", l.TableNames)
	}
	inUse := "Attempt to change a resource which is still in use: Table is being created: TTT"
	for _, c := range []struct{ op, body, typ, msg string }{
		{"PutItem", `{"TableName":"TTT","Item":{"id":{"S":"a"}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"GetItem", `{"TableName":"TTT","Key":{"id":{"S":"a"}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"Scan", `{"TableName":"TTT"}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"Query", `{"TableName":"TTT","KeyConditionExpression":"id = :v","ExpressionAttributeValues":{":v":{"S":"a"}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"BatchWriteItem", `{"RequestItems":{"TTT":[{"PutRequest":{"Item":{"id":{"S":"a"}}}}]}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"ExecuteStatement", `{"Statement":"SELECT * FROM \"T\""}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"UpdateTable", `{"TableName":"TTT","DeletionProtectionEnabled":true}`, ddberr.TypeResourceInUse, inUse},
		{"DeleteTable", `{"TableName":"TTT"}`, ddberr.TypeResourceInUse, inUse},
		{"CreateTable", create, ddberr.TypeResourceInUse, inUse},
	} {
		_, err := db.Handle(c.op, []byte(c.body))
		if e := ddberr.As(err); err == nil || e.Type != c.typ || e.Message != c.msg {
			t.Errorf("%s while CREATING: %v, want %s %q", c.op, err, c.typ, c.msg)
		}
	}
	now = now.Add(tableCreateTime - time.Millisecond)
	if tb, _ := status(); tb != statusCreating {
		t.Errorf("1 ms before the end: %s, want CREATING", tb)
	}
	now = now.Add(time.Millisecond)
	if tb, ix := status(); tb != statusActive || ix != statusActive {
		t.Fatalf("after %v: %s/%s, want ACTIVE/ACTIVE", tableCreateTime, tb, ix)
	}
	mustHandle(t, db, "PutItem", `{"TableName":"TTT","Item":{"id":{"S":"a"}}}`)
	_, err := db.Handle("CreateTable", []byte(create))
	if e := ddberr.As(err); err == nil || e.Type != ddberr.TypeResourceInUse || e.Message != "Table already exists: TTT" {
		t.Errorf("CreateTable of an ACTIVE table: %v", err)
	}
	mustHandle(t, db, "DeleteTable", `{"TableName":"TTT"}`)
}

// While the DB restores (SetRestoring), a new table and a GSI added by
// UpdateTable are ACTIVE at once, though CreateTable still answers
// CREATING; afterwards tables take their time again.
func TestSetRestoring_TablesActiveAtOnce(t *testing.T) {
	db := emptyDB(t)
	db.SetRestoring(true)
	out := mustHandle(t, db, "CreateTable", `{"TableName":"RRR","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`)
	if !strings.Contains(string(out), `"TableStatus":"CREATING"`) {
		t.Errorf("CreateTable while restoring answered %s, want TableStatus CREATING", out)
	}
	mustHandle(t, db, "PutItem", `{"TableName":"RRR","Item":{"id":{"S":"a"},"g":{"S":"x"}}}`)
	mustHandle(t, db, "UpdateTable", `{"TableName":"RRR","AttributeDefinitions":[{"AttributeName":"g","AttributeType":"S"}],
		"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"GGG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}`)
	mustHandle(t, db, "Query", `{"TableName":"RRR","IndexName":"GGG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}}`)
	// No UPDATING and no DELETING either: the next change and a CreateTable
	// of the deleted name go through at once.
	mustHandle(t, db, "UpdateTable", `{"TableName":"RRR","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}}`)
	mustHandle(t, db, "DeleteTable", `{"TableName":"RRR"}`)
	if l, _ := db.ListTables(&ListTablesInput{}); len(l.TableNames) != 0 {
		t.Errorf("ListTables after DeleteTable while restoring = %v, want none", l.TableNames)
	}
	mustHandle(t, db, "CreateTable", `{"TableName":"RRR","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`)
	db.SetRestoring(false)
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"SSS","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Handle("GetItem", []byte(`{"TableName":"SSS","Key":{"id":{"S":"a"}}}`)); ddberr.As(err).Type != ddberr.TypeResourceNotFound {
		t.Errorf("GetItem on a new table after restoring: %v, want ResourceNotFoundException", err)
	}
}

// A deleted table is DELETING for tableDeleteTime of engine time, then
// gone: DescribeTable and ListTables show it meanwhile, data-plane calls
// find no table, UpdateTable is ResourceInUseException "…Table is being
// deleted", a second DeleteTable answers DELETING with no error (the API
// Reference: "If table is already in the DELETING state, no error is
// returned") and CreateTable of the name is "Table already exists".
func TestDeleteTable_DeletingForAWhile(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	db := New(Options{Now: func() time.Time { return now }})
	create := `{"TableName":"DDD","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
		"GlobalSecondaryIndexes":[{"IndexName":"GGG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`
	mustHandle(t, db, "CreateTable", create)
	now = now.Add(tableCreateTime)
	mustHandle(t, db, "PutItem", `{"TableName":"DDD","Item":{"id":{"S":"a"},"g":{"S":"x"}}}`)
	out := mustHandle(t, db, "DeleteTable", `{"TableName":"DDD"}`)
	if !strings.Contains(string(out), `"TableStatus":"DELETING"`) {
		t.Fatalf("DeleteTable answered %s, want DELETING", out)
	}
	d, err := db.DescribeTable(&DescribeTableInput{TableName: "DDD"})
	if err != nil || d.Table.TableStatus != statusDeleting || d.Table.GlobalSecondaryIndexes[0].IndexStatus != statusDeleting {
		t.Fatalf("DescribeTable while DELETING: %+v, %v; want DELETING/DELETING", d, err)
	}
	if l, _ := db.ListTables(&ListTablesInput{}); len(l.TableNames) != 1 || l.TableNames[0] != "DDD" {
		t.Errorf("ListTables while DELETING = %v, want [DDD]", l.TableNames)
	}
	if again := mustHandle(t, db, "DeleteTable", `{"TableName":"DDD"}`); !strings.Contains(string(again), `"TableStatus":"DELETING"`) {
		t.Errorf("a second DeleteTable answered %s, want DELETING", again)
	}
	for _, c := range []struct{ op, body, typ, msg string }{
		{"GetItem", `{"TableName":"DDD","Key":{"id":{"S":"a"}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"PutItem", `{"TableName":"DDD","Item":{"id":{"S":"b"}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"Query", `{"TableName":"DDD","IndexName":"GGG","KeyConditionExpression":"g = :v","ExpressionAttributeValues":{":v":{"S":"x"}}}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
		{"UpdateTable", `{"TableName":"DDD","DeletionProtectionEnabled":true}`, ddberr.TypeResourceInUse,
			"Attempt to change a resource which is still in use: Table is being deleted: DDD"},
		{"CreateTable", create, ddberr.TypeResourceInUse, "Table already exists: DDD"},
	} {
		_, err := db.Handle(c.op, []byte(c.body))
		if e := ddberr.As(err); err == nil || e.Type != c.typ || e.Message != c.msg {
			t.Errorf("%s while DELETING: %v, want %s %q", c.op, err, c.typ, c.msg)
		}
	}
	now = now.Add(tableDeleteTime - time.Millisecond)
	if d, err := db.DescribeTable(&DescribeTableInput{TableName: "DDD"}); err != nil || d.Table.TableStatus != statusDeleting {
		t.Errorf("1 ms before the end: %v, want DELETING", err)
	}
	now = now.Add(time.Millisecond)
	_, err = db.DescribeTable(&DescribeTableInput{TableName: "DDD"})
	if e := ddberr.As(err); err == nil || e.Message != "Requested resource not found: Table: DDD not found" {
		t.Errorf("DescribeTable after %v: %v, want ResourceNotFoundException", tableDeleteTime, err)
	}
	if l, _ := db.ListTables(&ListTablesInput{}); len(l.TableNames) != 0 {
		t.Errorf("ListTables once gone = %v, want none", l.TableNames)
	}
	_, err = db.Handle("DeleteTable", []byte(`{"TableName":"DDD"}`))
	if e := ddberr.As(err); err == nil || e.Type != ddberr.TypeResourceNotFound {
		t.Errorf("DeleteTable once gone: %v, want ResourceNotFoundException", err)
	}
	mustHandle(t, db, "CreateTable", create) // the name is free again
	now = now.Add(tableCreateTime)
	if out := mustHandle(t, db, "Scan", `{"TableName":"DDD"}`); !strings.Contains(string(out), `"Count":0`) {
		t.Errorf("the new table DDD holds the old items: %s", out)
	}
}

// UpdateTable changing billing, throughput, streams or indexes leaves the
// table UPDATING for tableUpdateTime of engine time: reads and writes go
// on, UpdateTable and DeleteTable are ResourceInUseException "…Table is
// being updated", CreateTable of the name is "Table already exists".
// Deletion protection alone changes at once.
func TestUpdateTable_UpdatingForAWhile(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	db := New(Options{Now: func() time.Time { return now }})
	create := `{"TableName":"UUU","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`
	mustHandle(t, db, "CreateTable", create)
	now = now.Add(tableCreateTime)
	status := func() string {
		t.Helper()
		d, err := db.DescribeTable(&DescribeTableInput{TableName: "UUU"})
		if err != nil {
			t.Fatal(err)
		}
		return d.Table.TableStatus
	}
	mustHandle(t, db, "UpdateTable", `{"TableName":"UUU","DeletionProtectionEnabled":false}`)
	if s := status(); s != statusActive {
		t.Fatalf("after a deletion-protection change: %s, want ACTIVE", s)
	}
	for _, change := range []string{
		`"ProvisionedThroughput":{"ReadCapacityUnits":6,"WriteCapacityUnits":5}`,
		`"BillingMode":"PAY_PER_REQUEST"`,
		`"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}`,
	} {
		out := mustHandle(t, db, "UpdateTable", `{"TableName":"UUU",`+change+`}`)
		if !strings.Contains(string(out), `"TableStatus":"UPDATING"`) || status() != statusUpdating {
			t.Fatalf("after UpdateTable %s: answered %s, now %s; want UPDATING", change, out, status())
		}
		mustHandle(t, db, "PutItem", `{"TableName":"UUU","Item":{"id":{"S":"a"}}}`)
		mustHandle(t, db, "GetItem", `{"TableName":"UUU","Key":{"id":{"S":"a"}}}`)
		inUse := "Attempt to change a resource which is still in use: Table is being updated: UUU"
		for _, c := range []struct{ op, body, typ, msg string }{
			{"UpdateTable", `{"TableName":"UUU","DeletionProtectionEnabled":true}`, ddberr.TypeResourceInUse, inUse},
			{"DeleteTable", `{"TableName":"UUU"}`, ddberr.TypeResourceInUse, inUse},
			{"CreateTable", create, ddberr.TypeResourceInUse, "Table already exists: UUU"},
		} {
			_, err := db.Handle(c.op, []byte(c.body))
			if e := ddberr.As(err); err == nil || e.Type != c.typ || e.Message != c.msg {
				t.Errorf("%s while UPDATING: %v, want %s %q", c.op, err, c.typ, c.msg)
			}
		}
		now = now.Add(tableUpdateTime - time.Millisecond)
		if s := status(); s != statusUpdating {
			t.Errorf("1 ms before the end: %s, want UPDATING", s)
		}
		now = now.Add(time.Millisecond)
		if s := status(); s != statusActive {
			t.Fatalf("after %v: %s, want ACTIVE", tableUpdateTime, s)
		}
	}
	mustHandle(t, db, "DeleteTable", `{"TableName":"UUU"}`)
}

// At most maxBusyTables tables may be CREATING, UPDATING or DELETING at
// once (API Reference, LimitExceededException: "up to 500 simultaneous
// table operations"), and maxBusyIndexedCreates tables with secondary
// indexes CREATING; the next CreateTable, UpdateTable or DeleteTable is
// LimitExceededException until one of them is done.
func TestTableOperations_ConcurrencyLimit(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	db := New(Options{Now: func() time.Time { return now }})
	create := func(name string, gsi bool) error {
		body := `{"TableName":"` + name + `","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],`
		if gsi {
			body += `"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],
				"GlobalSecondaryIndexes":[{"IndexName":"GGG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}`
		} else {
			body += `"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}`
		}
		_, err := db.Handle("CreateTable", []byte(body))
		return err
	}
	want := func(what string, err error, msg string) {
		t.Helper()
		if e := ddberr.As(err); err == nil || e.Type != ddberr.TypeLimitExceeded || e.Message != msg {
			t.Fatalf("%s: %v, want LimitExceededException %q", what, err, msg)
		}
	}
	mustHandle(t, db, "CreateTable", `{"TableName":"Old","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`)
	now = now.Add(tableCreateTime)
	for i := range maxBusyIndexedCreates {
		if err := create(fmt.Sprintf("G%03d", i), true); err != nil {
			t.Fatalf("CreateTable %d with an index: %v", i, err)
		}
	}
	want("one more table with an index", create("GMore", true),
		"Subscriber limit exceeded: Only 250 tables with secondary indexes can be created simultaneously")
	for i := maxBusyIndexedCreates; i < maxBusyTables; i++ {
		if err := create(fmt.Sprintf("T%03d", i), false); err != nil {
			t.Fatalf("CreateTable %d: %v", i, err)
		}
	}
	tooMany := "Subscriber limit exceeded: Only 500 tables can be created, updated, or deleted simultaneously"
	want("CreateTable 501", create("More", false), tooMany)
	_, err := db.Handle("UpdateTable", []byte(`{"TableName":"Old","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}}`))
	want("UpdateTable", err, tooMany)
	_, err = db.Handle("DeleteTable", []byte(`{"TableName":"Old"}`))
	want("DeleteTable", err, tooMany)
	mustHandle(t, db, "UpdateTable", `{"TableName":"Old","DeletionProtectionEnabled":true}`) // takes no time: no limit
	now = now.Add(tableCreateTime)
	if err := create("More", false); err != nil {
		t.Errorf("CreateTable once the others are ACTIVE: %v", err)
	}
}

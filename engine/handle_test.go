package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// coreClock is a fixed engine clock for tests.
var coreClock = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// coreDB returns a DB on a fixed clock with a table "tbl" keyed pk (S) / sk
// (N) and a table "hsh" keyed pk (S) only, both on demand.
func coreDB(t *testing.T) *DB {
	t.Helper()
	db := New(Options{Now: func() time.Time { return coreClock }})
	coreCall(t, db, "CreateTable", `{"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}`)
	coreCall(t, db, "CreateTable", `{"TableName":"hsh","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	return db
}

// coreCall runs op through Handle and fails the test on error; it returns
// the decoded response.
func coreCall(t *testing.T, db *DB, op, body string) map[string]any {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err != nil {
		t.Fatalf("%s: unexpected error %v", op, err)
	}
	waitIfCreate(t, db, op, body)
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("%s: response %s is not JSON: %v", op, out, err)
	}
	return m
}

// coreErr runs op through Handle and returns the error, failing the test
// when there is none or it is not a *ddberr.Error.
func coreErr(t *testing.T, db *DB, op, body string) *ddberr.Error {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err == nil {
		t.Fatalf("%s: got response %s, want an error", op, out)
	}
	var de *ddberr.Error
	if !errors.As(err, &de) {
		t.Fatalf("%s: error %T %v is not a *ddberr.Error", op, err, err)
	}
	return de
}

// coreCase is one request and the error it must produce ("" type: success).
type coreCase struct {
	name, op, body string
	wantType       string
	wantMsg        string
}

func runCoreCases(t *testing.T, db func(t *testing.T) *DB, cases []coreCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := db(t)
			if c.wantType == "" {
				coreCall(t, d, c.op, c.body)
				return
			}
			e := coreErr(t, d, c.op, c.body)
			if e.Type != c.wantType || e.Message != c.wantMsg {
				t.Errorf("%s:\n got  %s: %q\n want %s: %q", c.op, e.Type, e.Message, c.wantType, c.wantMsg)
			}
		})
	}
}

func TestHandle_Errors(t *testing.T) {
	runCoreCases(t, coreDB, []coreCase{
		{"unknown operation", "Frobnicate", `{}`, ddberr.TypeUnknownOperation, ""},
		{"malformed JSON", "GetItem", `{"TableName":`, ddberr.TypeSerialization, fieldtab.MsgSerializationMalformed},
		{"string expected", "GetItem", `{"TableName":12}`, ddberr.TypeSerialization, "NUMBER_VALUE cannot be converted to String"},
		{"map expected", "GetItem", `{"TableName":"tbl","Key":[1]}`, ddberr.TypeSerialization, fieldtab.MsgSerializationUnexpectedList},
		{"attribute value error passes through", "GetItem", `{"TableName":"tbl","Key":{"pk":{"N":"x"}}}`, ddberr.TypeValidation,
			coreAttrErr(`{"N":"x"}`)},
	})
}

// coreAttrErr returns the message attr.Value decoding gives for src.
func coreAttrErr(src string) string {
	var v attr.Value
	err := json.Unmarshal([]byte(src), &v)
	var de *ddberr.Error
	if errors.As(err, &de) {
		return de.Message
	}
	return "no ddberr from attr for " + src
}

func TestOperations_Registered(t *testing.T) {
	ops := Operations()
	for _, want := range []string{"CreateTable", "DeleteItem", "DeleteTable", "DescribeTable", "GetItem", "ListTables", "PutItem", "UpdateItem", "UpdateTable"} {
		found := false
		for _, o := range ops {
			found = found || o == want
		}
		if !found {
			t.Errorf("Operations() = %v, missing %s", ops, want)
		}
	}
}

func TestDB_ConcurrentOperations(t *testing.T) {
	db := coreDB(t)
	const workers, perWorker = 4, 100
	errs := make(chan error, workers*perWorker*3)
	done := make(chan struct{})
	for w := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range perWorker {
				n, _ := attr.N(fmt.Sprint(i))
				key := attr.Item{"pk": attr.S(fmt.Sprintf("w%d", w)), "sk": n}
				if _, err := db.PutItem(&PutItemInput{TableName: "tbl", Item: key}); err != nil {
					errs <- err
				}
				if out, err := db.GetItem(&GetItemInput{TableName: "tbl", Key: key}); err != nil || out.Item == nil {
					errs <- fmt.Errorf("GetItem after PutItem: %v, item %v", err, out)
				}
				if _, err := db.DescribeTable(&DescribeTableInput{TableName: "tbl"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	for range workers {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	d, err := db.DescribeTable(&DescribeTableInput{TableName: "tbl"})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Table.ItemCount; got != workers*perWorker {
		t.Errorf("ItemCount = %d, want %d", got, workers*perWorker)
	}
}

func TestHandle_ResponseKeepsHTMLCharacters(t *testing.T) {
	db := coreDB(t)
	coreCall(t, db, "PutItem", `{"TableName":"hsh","Item":{"pk":{"S":"k"},"s":{"S":"a<b>&c"}}}`)
	out, err := db.Handle("GetItem", []byte(`{"TableName":"hsh","Key":{"pk":{"S":"k"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), `{"Item":{"pk":{"S":"k"},"s":{"S":"a<b>&c"}}}`; got != want {
		t.Errorf("GetItem body %s, want %s", got, want)
	}
}

package engine

import (
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// TestGetItem_HandleWritesTheRecord checks Handle's GetItem, which writes
// an item read whole straight from its stored record, against the typed
// GetItem's output encoded by encoding/json (the oracle): items of every
// type and name order, with and without ConsumedCapacity, found or not.
func TestGetItem_HandleWritesTheRecord(t *testing.T) {
	db := New(Options{})
	mustHandle(t, db, "CreateTable", `{"TableName":"raw","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	items := []string{
		`{"pk":{"S":"only"}}`,
		`{"pk":{"S":"all"},"z":{"N":"-1.50"},"b":{"B":"AAEC/w=="},"bool":{"BOOL":false},"nul":{"NULL":true},` +
			`"ss":{"SS":["b","a\"q"]},"ns":{"NS":["2","10"]},"bs":{"BS":["AQ==","Ag=="]},` +
			`"l":{"L":[{"S":"x<y>&"},{"M":{"k":{"N":"7"}}}]},"m":{"M":{"zz":{"S":"é\u2028"},"aa":{"L":[]}}},` +
			`"Upper":{"S":"` + strings.Repeat("long text ", 100) + `"}}`,
	}
	for _, it := range items {
		mustHandle(t, db, "PutItem", `{"TableName":"raw","Item":`+it+`}`)
	}
	for _, key := range []string{"only", "all", "missing"} {
		for _, extra := range []string{``, `,"ReturnConsumedCapacity":"TOTAL"`, `,"ReturnConsumedCapacity":"INDEXES"`, `,"ConsistentRead":true`} {
			in := &GetItemInput{TableName: "raw", Key: attr.Item{"pk": attr.S(key)}}
			body := `{"TableName":"raw","Key":{"pk":{"S":"` + key + `"}}` + extra + `}`
			if err := decodeRequest([]byte(body), in); err != nil {
				t.Fatal(err)
			}
			typed, err := db.GetItem(in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := encodingJSON(typed)
			if err != nil {
				t.Fatal(err)
			}
			got := mustHandle(t, db, "GetItem", body)
			if string(got) != string(want) {
				t.Errorf("GetItem %s:\n got %s\nwant %s", body, got, want)
			}
		}
	}
}

// mustHandle calls op and fails the test on an error. After a
// CreateTable it waits until the table is ACTIVE (waitActive).
func mustHandle(t *testing.T, db *DB, op, body string) []byte {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err != nil {
		t.Fatalf("%s %s: %v", op, body, err)
	}
	waitIfCreate(t, db, op, body)
	return out
}

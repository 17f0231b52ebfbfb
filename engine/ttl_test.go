package engine_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// opResult runs op with the JSON body on db and returns the decoded
// answer, or the DynamoDB error.
func opResult(t *testing.T, db *engine.DB, op, body string) (map[string]any, *ddberr.Error) {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err != nil {
		var de *ddberr.Error
		if !errors.As(err, &de) {
			t.Fatalf("%s: error %v (%T) is not a *ddberr.Error", op, err, err)
		}
		return nil, de
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s: answer %q is not a JSON object: %v", op, out, err)
	}
	return v, nil
}

// opOK runs op and fails the test on an error.
func opOK(t *testing.T, db *engine.DB, op, body string) map[string]any {
	t.Helper()
	v, err := opResult(t, db, op, body)
	if err != nil {
		t.Fatalf("%s %s: %v", op, body, err)
	}
	if op == "CreateTable" {
		engine.WaitActive(t, db, v["TableDescription"].(map[string]any)["TableName"].(string))
	}
	return v
}

// opErrorCase is one request expected to fail.
type opErrorCase struct {
	name, op, body string
	wantType       string
	wantMessage    string
}

// runErrorCases runs each case on db and checks the error type and message.
func runErrorCases(t *testing.T, db *engine.DB, cases []opErrorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := opResult(t, db, tc.op, tc.body)
			if err == nil {
				t.Fatalf("%s %s succeeded, want %s", tc.op, tc.body, tc.wantType)
			}
			if err.Type != tc.wantType || err.Message != tc.wantMessage {
				t.Errorf("got %s %q\nwant %s %q", err.Type, err.Message, tc.wantType, tc.wantMessage)
			}
		})
	}
}

// ttlClock is a settable engine clock.
type ttlClock struct{ now time.Time }

func (c *ttlClock) Now() time.Time { return c.now }

// ttlEpoch is the starting time of TTL tests.
var ttlEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// newTTLTable returns a DB at ttlEpoch with table "ttl" (hash pk S, GSI
// "byG" on g) holding the given items.
func newTTLTable(t *testing.T, items ...string) *engine.DB {
	t.Helper()
	clock := &ttlClock{now: ttlEpoch}
	db := engine.New(engine.Options{Now: clock.Now})
	// Created ACTIVE at once (as restored), so that the clock still
	// stands at ttlEpoch when the test starts.
	db.SetRestoring(true)
	opOK(t, db, "CreateTable", `{"TableName":"ttl","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
		"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`)
	db.SetRestoring(false)
	for _, it := range items {
		opOK(t, db, "PutItem", `{"TableName":"ttl","Item":`+it+`}`)
	}
	return db
}

// epoch renders ttlEpoch+d as a DynamoDB N of epoch seconds.
func epoch(d time.Duration) string {
	return fmt.Sprintf(`{"N":"%d"}`, ttlEpoch.Add(d).Unix())
}

// remainingKeys returns the sorted pk values left in table "ttl", and those
// found through its index "byG" for g = "x".
func remainingKeys(t *testing.T, db *engine.DB) (table, index string) {
	t.Helper()
	pks := func(v map[string]any) string {
		var out []string
		for _, it := range v["Items"].([]any) {
			out = append(out, it.(map[string]any)["pk"].(map[string]any)["S"].(string))
		}
		slices.Sort(out)
		return strings.Join(out, ",")
	}
	table = pks(opOK(t, db, "Scan", `{"TableName":"ttl","ConsistentRead":true}`))
	index = pks(opOK(t, db, "Query", `{"TableName":"ttl","IndexName":"byG","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}}`))
	return table, index
}

func TestUpdateTimeToLive_Validation(t *testing.T) {
	db := newTTLTable(t)
	runErrorCases(t, db, []opErrorCase{
		{"empty request", "UpdateTimeToLive", `{}`, "ValidationException",
			"2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"},
		{"no attribute name", "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"Enabled":true}}`, "ValidationException",
			"1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null"},
		{"no enabled", "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"AttributeName":"exp"}}`, "ValidationException",
			"1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null"},
		{"empty attribute name", "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"AttributeName":"","Enabled":true}}`, "ValidationException",
			"1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"short table name", "UpdateTimeToLive", `{"TableName":"ab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`, "ValidationException",
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"missing table", "UpdateTimeToLive", `{"TableName":"nope","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`,
			"ResourceNotFoundException", "Requested resource not found: Table: nope not found"},
		{"enabled wrong type", "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":"yes"}}`,
			"SerializationException", "STRING_VALUE cannot be converted to Boolean"},
		{"describe missing table", "DescribeTimeToLive", `{"TableName":"nope"}`, "ResourceNotFoundException", "Requested resource not found: Table: nope not found"},
		{"describe no table name", "DescribeTimeToLive", `{}`, "ValidationException",
			"1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
	})
}

func TestUpdateTimeToLive_States(t *testing.T) {
	db := newTTLTable(t)
	steps := []struct {
		name, body   string
		wantErr      string
		wantDescribe string // DescribeTimeToLive's TimeToLiveDescription after the step
	}{
		{"disable while disabled", `{"AttributeName":"exp","Enabled":false}`, "TimeToLive is already disabled", `{"TimeToLiveStatus":"DISABLED"}`},
		{"enable", `{"AttributeName":"exp","Enabled":true}`, "", `{"AttributeName":"exp","TimeToLiveStatus":"ENABLED"}`},
		{"enable again", `{"AttributeName":"exp","Enabled":true}`, "TimeToLive is already enabled", `{"AttributeName":"exp","TimeToLiveStatus":"ENABLED"}`},
		{"enable another attribute", `{"AttributeName":"other","Enabled":true}`, "TimeToLive is already enabled", `{"AttributeName":"exp","TimeToLiveStatus":"ENABLED"}`},
		{"disable another attribute", `{"AttributeName":"other","Enabled":false}`,
			"TimeToLive is active on a different AttributeName: current AttributeName is exp", `{"AttributeName":"exp","TimeToLiveStatus":"ENABLED"}`},
		{"disable", `{"AttributeName":"exp","Enabled":false}`, "", `{"TimeToLiveStatus":"DISABLED"}`},
		{"enable a new attribute", `{"AttributeName":"other","Enabled":true}`, "", `{"AttributeName":"other","TimeToLiveStatus":"ENABLED"}`},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			out, err := db.Handle("UpdateTimeToLive", []byte(`{"TableName":"ttl","TimeToLiveSpecification":`+st.body+`}`))
			switch {
			case st.wantErr == "" && err != nil:
				t.Fatalf("got error %v, want success", err)
			case st.wantErr == "" && string(out) != `{"TimeToLiveSpecification":`+st.body+`}`:
				t.Errorf("answer %s, want {\"TimeToLiveSpecification\":%s}", out, st.body)
			case st.wantErr != "" && (err == nil || !errors.Is(err, ddberr.ErrValidation) || err.(*ddberr.Error).Message != st.wantErr):
				t.Errorf("got %s %v, want ValidationException %q", out, err, st.wantErr)
			}
			desc, err := db.Handle("DescribeTimeToLive", []byte(`{"TableName":"ttl"}`))
			if err != nil {
				t.Fatal(err)
			}
			if want := `{"TimeToLiveDescription":` + st.wantDescribe + `}`; string(desc) != want {
				t.Errorf("DescribeTimeToLive = %s, want %s", desc, want)
			}
		})
	}
}

func TestTTL_Expiry(t *testing.T) {
	db := newTTLTable(t,
		`{"pk":{"S":"past"},"g":{"S":"x"},"exp":`+epoch(-10*time.Second)+`}`,
		`{"pk":{"S":"now"},"g":{"S":"x"},"exp":`+epoch(0)+`}`,
		`{"pk":{"S":"soon"},"g":{"S":"x"},"exp":`+epoch(100*time.Second)+`}`,
		`{"pk":{"S":"fraction"},"g":{"S":"x"},"exp":{"N":"`+fmt.Sprint(ttlEpoch.Unix()+200)+`.5"}}`,
		`{"pk":{"S":"ancient"},"g":{"S":"x"},"exp":`+epoch(-6*365*24*time.Hour)+`}`,
		`{"pk":{"S":"text"},"g":{"S":"x"},"exp":{"S":"0"}}`,
		`{"pk":{"S":"none"},"g":{"S":"x"}}`,
	)
	steps := []struct {
		name        string
		do          func() int
		wantDeleted int
		wantLeft    string
	}{
		{"TTL disabled: nothing expires", db.ExpireItems, 0, "ancient,fraction,none,now,past,soon,text"},
		{"enabled: past and now expire", func() int {
			opOK(t, db, "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`)
			return db.ExpireItems()
		}, 2, "ancient,fraction,none,soon,text"},
		{"sweep again: nothing new", db.ExpireItems, 0, "ancient,fraction,none,soon,text"},
		{"advance 99s: not yet", func() int { return db.Advance(99 * time.Second) }, 0, "ancient,fraction,none,soon,text"},
		{"advance 1s: soon expires", func() int { return db.Advance(time.Second) }, 1, "ancient,fraction,none,text"},
		{"advance 100s: fraction not yet", func() int { return db.Advance(100 * time.Second) }, 0, "ancient,fraction,none,text"},
		{"advance 1s: fraction expires", func() int { return db.Advance(time.Second) }, 1, "ancient,none,text"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if got := st.do(); got != st.wantDeleted {
				t.Errorf("deleted %d items, want %d", got, st.wantDeleted)
			}
			table, index := remainingKeys(t, db)
			if table != st.wantLeft {
				t.Errorf("table holds %s, want %s", table, st.wantLeft)
			}
			if index != st.wantLeft {
				t.Errorf("index byG holds %s, want %s", index, st.wantLeft)
			}
		})
	}
}

func TestTTL_DisabledTableKeepsItems(t *testing.T) {
	db := newTTLTable(t, `{"pk":{"S":"a"},"g":{"S":"x"},"exp":`+epoch(time.Second)+`}`)
	opOK(t, db, "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`)
	opOK(t, db, "UpdateTimeToLive", `{"TableName":"ttl","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":false}}`)
	if got := db.Advance(time.Hour); got != 0 {
		t.Errorf("Advance deleted %d items with TTL disabled, want 0", got)
	}
	if table, _ := remainingKeys(t, db); table != "a" {
		t.Errorf("table holds %q, want a", table)
	}
}

func BenchmarkExpireItems(b *testing.B) {
	for _, n := range []int{0, 1000} {
		b.Run(fmt.Sprintf("ttl-items=%d", n), func(b *testing.B) {
			db := engine.New(engine.Options{})
			db.SetRestoring(true) // tables ACTIVE at once: no CREATING to wait out
			for i := range 5 {
				if _, err := db.Handle("CreateTable", fmt.Appendf(nil, `{"TableName":"table%d","BillingMode":"PAY_PER_REQUEST",
					"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`, i)); err != nil {
					b.Fatal(err)
				}
			}
			db.SetRestoring(false)
			if n > 0 {
				if _, err := db.Handle("UpdateTimeToLive", []byte(`{"TableName":"table0","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`)); err != nil {
					b.Fatal(err)
				}
			}
			future := time.Now().Add(time.Hour).Unix()
			for i := range n {
				if _, err := db.Handle("PutItem", fmt.Appendf(nil, `{"TableName":"table0","Item":{"pk":{"S":"k%d"},"exp":{"N":"%d"}}}`, i, future)); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				db.ExpireItems()
			}
		})
	}
}

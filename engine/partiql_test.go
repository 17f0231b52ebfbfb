package engine_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
)

// newMusic returns a DB with the Developer Guide's Music table (Artist,
// SongTitle; GSI BySong on SongTitle) holding three songs.
func newMusic(t *testing.T) *engine.DB {
	t.Helper()
	db := engine.New(engine.Options{})
	opOK(t, db, "CreateTable", `{"TableName":"Music","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"SongTitle","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"SongTitle","KeyType":"RANGE"}],
		"GlobalSecondaryIndexes":[{"IndexName":"BySong","KeySchema":[{"AttributeName":"SongTitle","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`)
	for _, s := range []string{
		`{'Artist':'Acme Band','SongTitle':'PartiQL Rocks','Plays':3}`,
		`{'Artist':'Acme Band','SongTitle':'Happy Day','Plays':10}`,
		`{'Artist':'No One You Know','SongTitle':'Call Me Today','Plays':1}`,
	} {
		opOK(t, db, "ExecuteStatement", statement(`INSERT INTO "Music" VALUE `+s))
	}
	return db
}

// statement returns an ExecuteStatement body.
func statement(s string, extra ...string) string {
	b, _ := json.Marshal(s)
	return `{"Statement":` + string(b) + strings.Join(extra, "") + `}`
}

func items(t *testing.T, out map[string]any) string {
	t.Helper()
	b, _ := json.Marshal(out["Items"])
	return string(b)
}

func TestExecuteStatement_SelectQueryScanAndPages(t *testing.T) {
	db := newMusic(t)
	tests := []struct{ stmt, extra, want string }{
		{`SELECT SongTitle FROM Music WHERE Artist = 'Acme Band'`, "", `[{"SongTitle":{"S":"Happy Day"}},{"SongTitle":{"S":"PartiQL Rocks"}}]`},
		{`SELECT SongTitle FROM Music WHERE Artist = 'Acme Band' ORDER BY SongTitle DESC`, "", `[{"SongTitle":{"S":"PartiQL Rocks"}},{"SongTitle":{"S":"Happy Day"}}]`},
		{`SELECT Plays FROM Music WHERE Artist = ? AND SongTitle = ?`, `,"Parameters":[{"S":"Acme Band"},{"S":"Happy Day"}]`, `[{"Plays":{"N":"10"}}]`},
		{`SELECT Artist FROM "Music"."BySong" WHERE SongTitle = 'Call Me Today'`, "", `[{"Artist":{"S":"No One You Know"}}]`},
		{`SELECT SongTitle FROM Music WHERE Plays > 2 AND begins_with(SongTitle, 'P')`, "", `[{"SongTitle":{"S":"PartiQL Rocks"}}]`},
		{`SELECT SongTitle FROM Music WHERE Artist IN ['No One You Know', 'Nobody'] AND Plays IS NOT MISSING`, "", `[{"SongTitle":{"S":"Call Me Today"}}]`},
		{`SELECT * FROM Music WHERE Artist = 'Nobody'`, "", `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.stmt, func(t *testing.T) {
			if got := items(t, opOK(t, db, "ExecuteStatement", statement(tt.stmt, tt.extra))); got != tt.want {
				t.Fatalf("Items = %s\nwant    %s", got, tt.want)
			}
		})
	}
	// Pages of one item across the partitions of an IN.
	var seen []string
	token := ""
	for range 10 {
		extra := `,"Limit":1`
		if token != "" {
			extra += `,"NextToken":"` + token + `"`
		}
		out := opOK(t, db, "ExecuteStatement", statement(`SELECT SongTitle FROM Music WHERE Artist IN ['Acme Band', 'No One You Know']`, extra))
		for _, it := range out["Items"].([]any) {
			seen = append(seen, it.(map[string]any)["SongTitle"].(map[string]any)["S"].(string))
		}
		token, _ = out["NextToken"].(string)
		if token == "" {
			break
		}
	}
	if strings.Join(seen, "|") != "Happy Day|PartiQL Rocks|Call Me Today" {
		t.Fatalf("pages read %v", seen)
	}
}

func TestExecuteStatement_Writes(t *testing.T) {
	db := newMusic(t)
	out := opOK(t, db, "ExecuteStatement", statement(`UPDATE Music SET Plays = Plays + 1 SET Tags = <<'x'>> WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' RETURNING MODIFIED NEW *`))
	if got := items(t, out); got != `[{"Plays":{"N":"11"},"Tags":{"SS":["x"]}}]` {
		t.Fatalf("UPDATE RETURNING = %s", got)
	}
	out = opOK(t, db, "ExecuteStatement", statement(`UPDATE Music SET Tags = set_add(Tags, <<'y'>>) REMOVE Plays WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`))
	if got := items(t, out); got != `[]` {
		t.Fatalf("UPDATE without RETURNING = %s", got)
	}
	out = opOK(t, db, "ExecuteStatement", statement(`DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' RETURNING ALL OLD *`))
	if got := items(t, out); got != `[{"Artist":{"S":"Acme Band"},"SongTitle":{"S":"Happy Day"},"Tags":{"SS":["x","y"]}}]` {
		t.Fatalf("DELETE RETURNING = %s", got)
	}
	// Deleting a missing item succeeds; one whose extra condition fails does not.
	opOK(t, db, "ExecuteStatement", statement(`DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' AND Plays > 100`))
	runErrorCases(t, db, []opErrorCase{
		{"insert duplicate", "ExecuteStatement", statement(`INSERT INTO Music VALUE {'Artist':'Acme Band','SongTitle':'PartiQL Rocks'}`),
			"DuplicateItemException", "Duplicate primary key exists in table"},
		{"update missing", "ExecuteStatement", statement(`UPDATE Music SET Plays = 1 WHERE Artist = 'Nobody' AND SongTitle = 'x'`),
			"ConditionalCheckFailedException", "The conditional request failed"},
		{"delete condition", "ExecuteStatement", statement(`DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks' AND Plays > 100`),
			"ConditionalCheckFailedException", "The conditional request failed"},
		{"update without key", "ExecuteStatement", statement(`UPDATE Music SET Plays = 1 WHERE Artist = 'Acme Band'`),
			"ValidationException", "Where clause does not contain a mandatory equality on all key attributes"},
		{"no table", "ExecuteStatement", statement(`SELECT * FROM Nope`), "ResourceNotFoundException", "Requested resource not found"},
		{"no index", "ExecuteStatement", statement(`SELECT * FROM Music."Nope"`), "ValidationException", "The table does not have the specified index: Nope"},
		{"syntax", "ExecuteStatement", statement(`SELEC * FROM Music`), "ValidationException", "Statement wasn't well formed, can't be processed: Unexpected token: SELEC"},
		{"parameters", "ExecuteStatement", statement(`SELECT * FROM Music WHERE Artist = ?`), "ValidationException", "Number of parameters in request and statement doesn't match."},
		{"exists", "ExecuteStatement", statement(`EXISTS(SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b')`), "ValidationException", "EXISTS function is only supported in ExecuteTransaction"},
		{"no statement", "ExecuteStatement", `{}`, "ValidationException", "1 validation error detected: Value null at 'statement' failed to satisfy constraint: Member must not be null"},
		{"empty parameters", "ExecuteStatement", statement(`SELECT * FROM Music`, `,"Parameters":[]`), "ValidationException", "1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"limit 0", "ExecuteStatement", statement(`SELECT * FROM Music`, `,"Limit":0`), "ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"bad token", "ExecuteStatement", statement(`SELECT * FROM Music`, `,"NextToken":"!!"`), "ValidationException", "Invalid NextToken"},
	})
	// A failed condition can return the item.
	_, err := opResult(t, db, "ExecuteStatement", statement(`UPDATE Music SET Plays = 1 WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks' AND Plays > 100`, `,"ReturnValuesOnConditionCheckFailure":"ALL_OLD"`))
	if err == nil || err.Fields["Item"] == nil {
		t.Fatalf("condition failure with ALL_OLD: %v", err)
	}
}

func TestBatchExecuteStatement(t *testing.T) {
	db := newMusic(t)
	out := opOK(t, db, "BatchExecuteStatement", `{"Statements":[
		{"Statement":"INSERT INTO Music VALUE {'Artist':'New','SongTitle':'One'}"},
		{"Statement":"INSERT INTO Music VALUE {'Artist':'Acme Band','SongTitle':'PartiQL Rocks'}"},
		{"Statement":"UPDATE Music SET Plays = 4 WHERE Artist = ? AND SongTitle = ?","Parameters":[{"S":"Acme Band"},{"S":"PartiQL Rocks"}]},
		{"Statement":"DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day' AND Plays = 0","ReturnValuesOnConditionCheckFailure":"ALL_OLD"},
		{"Statement":"SELEC"}],"ReturnConsumedCapacity":"TOTAL"}`)
	b, _ := json.Marshal(out["Responses"])
	want := `[{"TableName":"Music"},{"Error":{"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"},"TableName":"Music"},{"TableName":"Music"},` +
		`{"Error":{"Code":"ConditionalCheckFailed","Item":{"Artist":{"S":"Acme Band"},"Plays":{"N":"10"},"SongTitle":{"S":"Happy Day"}},"Message":"The conditional request failed"},"TableName":"Music"},` +
		`{"Error":{"Code":"ValidationError","Message":"Statement wasn't well formed, can't be processed: Unexpected token: SELEC"}}]`
	if string(b) != want {
		t.Fatalf("Responses = %s\nwant        %s", b, want)
	}
	cc, _ := json.Marshal(out["ConsumedCapacity"])
	if string(cc) != `[{"CapacityUnits":4,"TableName":"Music","WriteCapacityUnits":4}]` {
		t.Fatalf("ConsumedCapacity = %s", cc)
	}
	out = opOK(t, db, "BatchExecuteStatement", `{"Statements":[
		{"Statement":"SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'PartiQL Rocks'"},
		{"Statement":"SELECT * FROM Music WHERE Artist = 'Nobody' AND SongTitle = 'x'"},
		{"Statement":"SELECT * FROM Music WHERE Artist = 'Acme Band'"}]}`)
	b, _ = json.Marshal(out["Responses"])
	want = `[{"Item":{"Plays":{"N":"4"}},"TableName":"Music"},{"TableName":"Music"},{"Error":{"Code":"ValidationError","Message":"` + "Select statements within BatchExecuteStatement must specify the equality condition on all key attributes" + `"},"TableName":"Music"}]`
	if string(b) != want {
		t.Fatalf("read Responses = %s\nwant             %s", b, want)
	}
	many := make([]string, 26)
	for i := range many {
		many[i] = `{"Statement":"SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"}`
	}
	_, err := opResult(t, db, "BatchExecuteStatement", `{"Statements":[`+strings.Join(many, ",")+`]}`)
	if err == nil || err.Type != "ValidationException" || !strings.Contains(err.Message, "at 'statements' failed to satisfy constraint: Member must have length less than or equal to 25") {
		t.Fatalf("26 statements: %v", err)
	}
	runErrorCases(t, db, []opErrorCase{
		{"mixed", "BatchExecuteStatement", `{"Statements":[{"Statement":"SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"},{"Statement":"DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"}]}`,
			"ValidationException", "Batch must consist of either all read statements or all write statements"},
		{"empty", "BatchExecuteStatement", `{"Statements":[]}`, "ValidationException",
			"1 validation error detected: Value '[]' at 'statements' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"null statement", "BatchExecuteStatement", `{"Statements":[{}]}`, "ValidationException",
			"1 validation error detected: Value null at 'statements.1.member.statement' failed to satisfy constraint: Member must not be null"},
	})
}

func TestExecuteTransaction(t *testing.T) {
	db := newMusic(t)
	opOK(t, db, "ExecuteTransaction", `{"TransactStatements":[
		{"Statement":"INSERT INTO Music VALUE {'Artist':'T','SongTitle':'1'}"},
		{"Statement":"UPDATE Music SET Plays = Plays + 1 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"},
		{"Statement":"EXISTS(SELECT * FROM Music WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today' AND Plays = 1)"}],
		"ClientRequestToken":"tok-1"}`)
	out := opOK(t, db, "ExecuteTransaction", `{"TransactStatements":[
		{"Statement":"SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"},
		{"Statement":"SELECT * FROM Music WHERE Artist = 'T' AND SongTitle = '1'"},
		{"Statement":"SELECT * FROM Music WHERE Artist = 'Nobody' AND SongTitle = '1'"}]}`)
	b, _ := json.Marshal(out["Responses"])
	if string(b) != `[{"Item":{"Plays":{"N":"11"}}},{"Item":{"Artist":{"S":"T"},"SongTitle":{"S":"1"}}},{}]` {
		t.Fatalf("Responses = %s", b)
	}
	// All or nothing: a duplicate INSERT cancels the UPDATE beside it.
	_, err := opResult(t, db, "ExecuteTransaction", `{"TransactStatements":[
		{"Statement":"UPDATE Music SET Plays = 0 WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'"},
		{"Statement":"INSERT INTO Music VALUE {'Artist':'T','SongTitle':'1'}"}]}`)
	if err == nil || err.Type != "TransactionCanceledException" || err.Message != "Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem]" {
		t.Fatalf("duplicate in a transaction: %v", err)
	}
	reasons, _ := json.Marshal(err.Fields["CancellationReasons"])
	if string(reasons) != `[{"Code":"None"},{"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"}]` {
		t.Fatalf("CancellationReasons = %s", reasons)
	}
	got := items(t, opOK(t, db, "ExecuteStatement", statement(`SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Happy Day'`)))
	if got != `[{"Plays":{"N":"11"}}]` {
		t.Fatalf("after the cancelled transaction: %s", got)
	}
	runErrorCases(t, db, []opErrorCase{
		{"mixed", "ExecuteTransaction", `{"TransactStatements":[{"Statement":"SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"},{"Statement":"DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"}]}`,
			"ValidationException", "Transaction must consist of either all read statements or all write statements"},
		{"select by partition", "ExecuteTransaction", `{"TransactStatements":[{"Statement":"SELECT * FROM Music WHERE Artist = 'a'"}]}`,
			"ValidationException", "Select statements within ExecuteTransaction must specify the equality condition on all key attributes"},
		{"syntax", "ExecuteTransaction", `{"TransactStatements":[{"Statement":"DELETE Music"}]}`,
			"ValidationException", "Statement wasn't well formed, can't be processed: Unexpected token: Music"},
		{"none", "ExecuteTransaction", `{"TransactStatements":[]}`, "ValidationException",
			"1 validation error detected: Value '[]' at 'transactStatements' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"one item twice", "ExecuteTransaction", `{"TransactStatements":[{"Statement":"DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"},{"Statement":"DELETE FROM Music WHERE Artist = 'a' AND SongTitle = 'b'"}]}`,
			"ValidationException", "Transaction request cannot include multiple operations on one item"},
	})
}

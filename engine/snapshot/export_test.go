package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
)

// mustHandle runs op on db and fails the test on an error. After a
// CreateTable it waits until the table is ACTIVE (waitTable).
func mustHandle(t testing.TB, db *engine.DB, op, body string) string {
	t.Helper()
	out, err := db.Handle(op, []byte(body))
	if err != nil {
		t.Fatalf("%s %s: %v", op, body, err)
	}
	if op == "CreateTable" {
		var in engine.CreateTableInput
		if err := json.Unmarshal([]byte(body), &in); err != nil {
			t.Fatal(err)
		}
		waitTable(t, db, in.TableName)
	}
	return string(out)
}

// waitTable waits, as a DynamoDB user waits after CreateTable, until the
// table called name is ACTIVE: DescribeTable and, while it still says
// CREATING, the engine clock moved on by a second instead of a sleep.
func waitTable(t testing.TB, db *engine.DB, name string) {
	t.Helper()
	for range 60 {
		out, err := db.DescribeTable(&engine.DescribeTableInput{TableName: name})
		if err != nil {
			t.Fatalf("DescribeTable %s: %v", name, err)
		}
		if out.Table.TableStatus == "ACTIVE" {
			return
		}
		db.Advance(time.Second)
	}
	t.Fatalf("table %s still not ACTIVE after a minute of engine time", name)
}

// A snapshot restores every table ACTIVE, one taken while a table was
// still CREATING too: the restore writes its items straight away, and
// a table restored CREATING would refuse them.
func TestImport_TablesAreActive(t *testing.T) {
	db := engine.New(engine.Options{})
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"Young","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	snap, err := Export(db)
	if err != nil {
		t.Fatalf("Export with a CREATING table: %v", err)
	}
	restored, err := Import(snap, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out, err := restored.DescribeTable(&engine.DescribeTableInput{TableName: "Young"})
	if err != nil || out.Table.TableStatus != "ACTIVE" {
		t.Fatalf("restored table: %v %v, want ACTIVE", out, err)
	}
	mustHandle(t, restored, "PutItem", `{"TableName":"Young","Item":{"id":{"S":"a"}}}`)
	if _, err := restored.Handle("CreateTable", []byte(`{"TableName":"Later","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	if out, _ := restored.DescribeTable(&engine.DescribeTableInput{TableName: "Later"}); out.Table.TableStatus != "CREATING" {
		t.Errorf("a table created after the restore is %s, want CREATING", out.Table.TableStatus)
	}
}

// sampleDB returns a DB with two tables: Music (provisioned, a GSI, an
// LSI, TTL, tags, items of every attribute type) and Empty.
func sampleDB(t testing.TB) *engine.DB {
	t.Helper()
	db := engine.New(engine.Options{})
	mustHandle(t, db, "CreateTable", `{"TableName":"Music",
		"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"Song","AttributeType":"S"},
			{"AttributeName":"Year","AttributeType":"N"},{"AttributeName":"Label","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Song","KeyType":"RANGE"}],
		"BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":4},
		"GlobalSecondaryIndexes":[{"IndexName":"ByYear","KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],
			"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["Plays"]},
			"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":1}}],
		"LocalSecondaryIndexes":[{"IndexName":"ByLabel","KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},
			{"AttributeName":"Label","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
		"Tags":[{"Key":"team","Value":"music"}]}`)
	mustHandle(t, db, "UpdateTimeToLive", `{"TableName":"Music","TimeToLiveSpecification":{"AttributeName":"Expires","Enabled":true}}`)
	mustHandle(t, db, "CreateTable", `{"TableName":"Empty","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"B"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	for i := range 60 {
		mustHandle(t, db, "PutItem", fmt.Sprintf(`{"TableName":"Music","Item":{"Artist":{"S":"A%d"},"Song":{"S":"Song \"%d\" é"},
			"Year":{"N":"%d"},"Label":{"S":"L"},"Plays":{"N":"-1.50e3"},"Bin":{"B":"AAEC"},"On":{"BOOL":true},"Nil":{"NULL":true},
			"Tags":{"SS":["b","a"]},"Ns":{"NS":["2","10"]},"Bs":{"BS":["AQ==","Ag=="]},
			"L":{"L":[{"S":"x"},{"M":{"deep":{"L":[{"N":"1"}]}}}]},"M":{"M":{"k":{"S":"v"}}}}}`, i%3, i, 1990+i%7))
	}
	return db
}

func TestExport_RoundTrip(t *testing.T) {
	first, err := Export(sampleDB(t))
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	var doc struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		Tables  []struct {
			TableName               string
			BillingMode             string
			ProvisionedThroughput   map[string]int
			GlobalSecondaryIndexes  []map[string]any
			LocalSecondaryIndexes   []map[string]any
			Tags                    []map[string]string
			TimeToLiveSpecification *struct {
				AttributeName string
				Enabled       bool
			}
			Items []map[string]map[string]any `json:"items"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	if doc.Format != Format || doc.Version != Version || len(doc.Tables) != 2 {
		t.Fatalf("export: format %q version %d, %d tables; want %q %d, 2 tables", doc.Format, doc.Version, len(doc.Tables), Format, Version)
	}
	empty, music := doc.Tables[0], doc.Tables[1]
	if empty.TableName != "Empty" || empty.BillingMode != "PAY_PER_REQUEST" || len(empty.Items) != 0 || empty.ProvisionedThroughput != nil {
		t.Errorf("table 0: %+v, want Empty, PAY_PER_REQUEST, no throughput, no items", empty)
	}
	if music.TableName != "Music" || music.BillingMode != "PROVISIONED" || music.ProvisionedThroughput["WriteCapacityUnits"] != 4 {
		t.Errorf("table 1: %s %s %v, want Music PROVISIONED with 4 WCU", music.TableName, music.BillingMode, music.ProvisionedThroughput)
	}
	if len(music.GlobalSecondaryIndexes) != 1 || len(music.LocalSecondaryIndexes) != 1 || len(music.Items) != 60 {
		t.Errorf("Music: %d GSIs, %d LSIs, %d items; want 1, 1, 60",
			len(music.GlobalSecondaryIndexes), len(music.LocalSecondaryIndexes), len(music.Items))
	}
	if fmt.Sprint(music.Tags) != "[map[Key:team Value:music]]" {
		t.Errorf("Music tags %v, want [map[Key:team Value:music]]", music.Tags)
	}
	if tl := music.TimeToLiveSpecification; tl == nil || tl.AttributeName != "Expires" || !tl.Enabled {
		t.Errorf("Music TTL %+v, want Expires enabled", tl)
	}

	var progress []string
	db, err := Import(first, Options{Progress: func(done, total int) { progress = append(progress, fmt.Sprint(done, "/", total)) }})
	if err != nil {
		t.Fatalf("Import of the export: %v", err)
	}
	if got, want := strings.Join(progress, " "), "0/60 25/60 50/60 60/60"; got != want {
		t.Errorf("progress %q, want %q", got, want)
	}
	second, err := Export(db)
	if err != nil {
		t.Fatalf("second Export: %v", err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("export → import → export changed the snapshot:\n%s\n---\n%s", first, second)
	}
	got := mustHandle(t, db, "Query", `{"TableName":"Music","IndexName":"ByYear","KeyConditionExpression":"#y = :y",
		"ExpressionAttributeNames":{"#y":"Year"},"ExpressionAttributeValues":{":y":{"N":"1990"}},"Select":"COUNT"}`)
	if !strings.Contains(got, `"Count":9`) {
		t.Errorf("GSI query after import: %s, want Count 9", got)
	}
}

func TestExport_EmptyDB(t *testing.T) {
	got, err := Export(engine.New(engine.Options{}))
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	if want := "{\"format\":\"ddbplay-snapshot\",\"version\":1,\"tables\":[\n]}\n"; string(got) != want {
		t.Errorf("Export of an empty DB = %q, want %q", got, want)
	}
}

func ExampleExport() {
	db := engine.New(engine.Options{Now: func() time.Time { return time.UnixMilli(1700000000250) }})
	_, _ = db.Handle("CreateTable", []byte(`{"TableName":"Pets","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"name","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"name","KeyType":"HASH"}]}`))
	db.Advance(2 * time.Second) // the table is CREATING until then
	_, _ = db.Handle("PutItem", []byte(`{"TableName":"Pets","Item":{"name":{"S":"Rex"},"age":{"N":"3"}}}`))
	snap, _ := Export(db)
	fmt.Print(string(snap))
	// Output:
	// {"format":"ddbplay-snapshot","version":1,"tables":[
	// {"TableName":"Pets","AttributeDefinitions":[{"AttributeName":"name","AttributeType":"S"}],"KeySchema":[{"AttributeName":"name","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST","CreationDateTime":1700000000.25,"items":[
	// {"age":{"N":"3"},"name":{"S":"Rex"}}]}
	// ]}
}

func ExampleImport() {
	db, err := Import([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"Pets",
		"BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"name","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"name","KeyType":"HASH"}],"items":[{"name":{"S":"Rex"}}, {"name":{"N":"7"}}]}]}`), Options{})
	fmt.Println(db == nil, err)
	// Output:
	// true ValidationException: Invalid snapshot: table "Pets", item 1: ValidationException: One or more parameter values were invalid: Type mismatch for key name expected: S actual: N
}

// BenchmarkSnapshot measures Import and Export of tables of 1 KB items.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		var buf bytes.Buffer
		buf.WriteString(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"Load","BillingMode":"PAY_PER_REQUEST",` +
			`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"items":[`)
		pad := strings.Repeat("x", 990)
		for i := range n {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"pk":{"S":"item%06d"},"n":{"N":"%d"},"data":{"S":"%s"}}`, i, i, pad)
		}
		buf.WriteString(`]}]}`)
		data := buf.Bytes()
		b.Run(fmt.Sprintf("Import/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Import(data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		db, err := Import(data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("Export/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Export(db); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The browser's saves: Start, then steps of 128 KB, each taken.
		b.Run(fmt.Sprintf("Slices/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			steps := 0
			for b.Loop() {
				e, err := Start(db)
				if err != nil {
					b.Fatal(err)
				}
				for done := false; !done; steps++ {
					done = e.Step(128 << 10)
					e.Take()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(steps), "µs/step")
		})
	}
}

// TestImport_KeepsCreationDateTime: a table restored from a snapshot
// reports the CreationDateTime it was exported with, not the time of the
// import; a CreationDateTime that is no time makes the snapshot invalid.
func TestImport_KeepsCreationDateTime(t *testing.T) {
	created := time.UnixMilli(1600000000125)
	db := engine.New(engine.Options{Now: func() time.Time { return created }})
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"Pets","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"name","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"name","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	snap, err := Export(db)
	if err != nil {
		t.Fatal(err)
	}
	later := engine.Options{Now: func() time.Time { return created.Add(48 * time.Hour) }}
	restored, err := Import(snap, Options{Engine: later})
	if err != nil {
		t.Fatal(err)
	}
	out, err := restored.Handle("DescribeTable", []byte(`{"TableName":"Pets"}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := `"CreationDateTime":1600000000.125`; !strings.Contains(string(out), want) {
		t.Errorf("restored DescribeTable = %s, want %s", out, want)
	}
	for _, bad := range []string{`"x"`, `-5`, `1e300`, `{}`} {
		text := strings.Replace(string(snap), `"CreationDateTime":1600000000.125`, `"CreationDateTime":`+bad, 1)
		_, err := Import([]byte(text), Options{})
		if err == nil || !strings.Contains(err.Error(), `"CreationDateTime" must be a number`) {
			t.Errorf("CreationDateTime %s: err = %v, want the snapshot refused", bad, err)
		}
	}
}

func TestEpochMillis(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1700000000", 1700000000000, true},
		{"1700000000.25", 1700000000250, true},
		{"1700000000.123", 1700000000123, true},
		{"1.2345", 1235, true},
		{"1.9996", 2000, true},
		{"0", 0, true},
		{"99999999999.999", 99999999999999, true},
		{"100000000000", 0, false},
		{"-1", 0, false},
		{"1e5", 0, false},
		{"1.", 0, false},
		{".5", 0, false},
		{"", 0, false},
		{"1.2.3", 0, false},
	} {
		got, ok := epochMillis([]byte(c.in))
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("epochMillis(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestExporter_StepsWriteTheStateAtStart: an export written in steps of
// 7 bytes (so one item each), with writes, a new table and a deleted table in between,
// is byte for byte the export of the state at Start.
func TestExporter_StepsWriteTheStateAtStart(t *testing.T) {
	db := sampleDB(t)
	want, err := Export(db)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	e, err := Start(db)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	steps := 0
	for done := false; !done; steps++ {
		done = e.Step(7)
		switch steps {
		case 1:
			mustHandle(t, db, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A0"},"Song":{"S":"new"},"Year":{"N":"1"},"Label":{"S":"L"}}}`)
			mustHandle(t, db, "DeleteItem", `{"TableName":"Music","Key":{"Artist":{"S":"A1"},"Song":{"S":"Song \"1\" é"}}}`)
		case 2:
			mustHandle(t, db, "CreateTable", `{"TableName":"Later","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
				"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
			mustHandle(t, db, "DeleteTable", `{"TableName":"Empty"}`)
		}
	}
	if steps < 60 {
		t.Errorf("%d steps of 7 bytes wrote 60 items", steps)
	}
	if got := e.Take(); !bytes.Equal(got, want) {
		t.Errorf("the export in steps differs from the export at its start:\n got %s\nwant %s", got, want)
	}
	after, err := Export(db)
	if err != nil {
		t.Fatalf("Export after the writes: %v", err)
	}
	if bytes.Equal(after, want) || !bytes.Contains(after, []byte(`"Later"`)) || !bytes.Contains(after, []byte(`"new"`)) {
		t.Errorf("the export after the writes does not show them:\n%s", after)
	}
}

// TestExporter_ManyItems: steps of every size (in bytes: less than an
// item, a few items, more than the whole text) hand out each item of a
// table of several pages exactly once, in Scan order.
func TestExporter_ManyItems(t *testing.T) {
	db := engine.New(engine.Options{})
	mustHandle(t, db, "CreateTable", `{"TableName":"Many","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	for i := range 2500 {
		mustHandle(t, db, "PutItem", fmt.Sprintf(`{"TableName":"Many","Item":{"id":{"S":"%d"},"pad":{"S":"%s"}}}`, i, strings.Repeat("x", 600)))
	}
	want, err := Export(db)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	for _, n := range []int{1, 999, 1000, 1001, 64 << 10, 5 << 20} {
		e, err := Start(db)
		if err != nil {
			t.Fatalf("Start: %v", err)
		}
		// Take after every step, as the browser's saves do.
		var got []byte
		for done := false; !done; {
			done = e.Step(n)
			got = append(got, e.Take()...)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("steps of %d: the export differs from Export's", n)
		}
	}
	var doc struct {
		Tables []struct {
			Items []map[string]map[string]string `json:"items"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(want, &doc); err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	seen := map[string]bool{}
	for _, it := range doc.Tables[0].Items {
		seen[it["id"]["S"]] = true
	}
	if len(doc.Tables[0].Items) != 2500 || len(seen) != 2500 {
		t.Errorf("export holds %d items (%d distinct), want 2500", len(doc.Tables[0].Items), len(seen))
	}
}

// A GSI being deleted by UpdateTable (DELETING for a while, its key
// attribute already out of AttributeDefinitions) is left out of a
// snapshot, which imports as the table will be once it is gone.
func TestExport_LeavesOutDeletingIndex(t *testing.T) {
	db := engine.New(engine.Options{Now: func() time.Time { return time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC) }})
	mustHandle(t, db, "CreateTable", `{"TableName":"Tbl","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"a","AttributeType":"S"},{"AttributeName":"b","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
		"GlobalSecondaryIndexes":[{"IndexName":"ByA","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}},
			{"IndexName":"ByB","KeySchema":[{"AttributeName":"b","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}`)
	mustHandle(t, db, "UpdateTable", `{"TableName":"Tbl","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"ByA"}}]}`)
	if d := mustHandle(t, db, "DescribeTable", `{"TableName":"Tbl"}`); !strings.Contains(d, `"IndexStatus":"DELETING"`) {
		t.Fatalf("ByA is not DELETING: %s", d)
	}
	snap, err := Export(db)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	if strings.Contains(string(snap), "ByA") || !strings.Contains(string(snap), "ByB") {
		t.Errorf("the snapshot keeps the DELETING index or loses the other: %s", snap)
	}
	back, err := Import(snap, Options{})
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if d := mustHandle(t, back, "DescribeTable", `{"TableName":"Tbl"}`); strings.Contains(d, "ByA") || !strings.Contains(d, `"IndexName":"ByB"`) {
		t.Errorf("imported table: %s, want ByB only", d)
	}
}

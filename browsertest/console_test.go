package browsertest

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/internal/testtools"
	"github.com/ddbplay/ddbplay/web"
)

// The console a learner expects (issue 18): GetItem and UpdateItem forms,
// document paths in the query builder, expression mode, templates from the
// open table's keys, table settings, the operation log. Driven through the
// visible forms; screenshots at 1280 and 390 px land in build/screenshots/.

// uiShots saves the viewport at 1280 and at 390 px wide as
// build/screenshots/name-1280.png and name-390.png, then goes back to
// 1280 px.
func uiShots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, w := range []int64{390, 1280} {
		uiRun(t, ctx, "viewport", chromedp.EmulateViewport(w, 900))
		// Two animation frames: the layout at the new width is painted.
		evalAsync(t, ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, nil)
		uiScreenshot(t, ctx, name+"-"+map[int64]string{390: "390", 1280: "1280"}[w])
	}
	t.Logf("screenshots: %s", filepath.Join(repoRoot, "build", "screenshots", name+"-{1280,390}.png"))
}

// uiSend calls window.ddbplay.send(op, input) and returns the output.
func uiSend(t *testing.T, ctx context.Context, op, input string) map[string]any {
	t.Helper()
	var out map[string]any
	evalAsync(t, ctx, `window.ddbplay.send(`+jsString(op)+`, `+input+`)`, &out)
	return out
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// catalogSetup creates the table Catalog (keys ArtistId, Seq: not "pk")
// with three items holding nested maps and lists, then reloads the page
// so that it shows them.
func catalogSetup(t *testing.T, ctx context.Context, space string) {
	t.Helper()
	openUI(t, ctx, "/?space="+space)
	uiSend(t, ctx, "CreateTable", `{"TableName": "Catalog",
		"AttributeDefinitions": [{"AttributeName": "ArtistId", "AttributeType": "S"}, {"AttributeName": "Seq", "AttributeType": "N"}, {"AttributeName": "Genre", "AttributeType": "S"}],
		"KeySchema": [{"AttributeName": "ArtistId", "KeyType": "HASH"}, {"AttributeName": "Seq", "KeyType": "RANGE"}],
		"GlobalSecondaryIndexes": [{"IndexName": "byGenre", "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}],
		"BillingMode": "PAY_PER_REQUEST"}`)
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Catalog").then(() => true)`, nil)
	for _, it := range []string{
		`{"ArtistId": {"S": "a1"}, "Seq": {"N": "1"}, "Genre": {"S": "rock"}, "Title": {"S": "Dawn"}, "Details": {"M": {"Label": {"S": "EMI"}, "Tags": {"L": [{"S": "x"}, {"S": "y"}]}}}}`,
		`{"ArtistId": {"S": "a1"}, "Seq": {"N": "2"}, "Genre": {"S": "jazz"}, "Title": {"S": "Dusk"}, "Details": {"M": {"Label": {"S": "Sony"}}}}`,
		`{"ArtistId": {"S": "a2"}, "Seq": {"N": "1"}, "Genre": {"S": "rock"}, "Title": {"S": "Noon"}, "Details.Label": {"S": "EMI"}}`,
	} {
		uiSend(t, ctx, "PutItem", `{"TableName": "Catalog", "Item": `+it+`}`)
	}
	evalAsync(t, ctx, `window.ddbplay.flush()`, nil)
	openUI(t, ctx, "/?space="+space)
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Catalog"]`)
	uiClick(t, ctx, "#tab-items")
	uiWait(t, ctx, "the first scan", `document.querySelectorAll('[data-testid="item-row"]').length === 3`)
}

func TestUI_NestedPathsAndExpressionMode(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "paths")
	uiRun(t, ctx, "viewport", chromedp.EmulateViewport(1280, 900))

	// A filter on a nested attribute: Details.Label is a path, not the
	// attribute literally named "Details.Label" (which item a2 has).
	uiClick(t, ctx, "#q-add-filter")
	uiFill(t, ctx, "#q-f0-attr", "Details.Label")
	uiFill(t, ctx, "#q-f0-v1", "EMI")
	uiFill(t, ctx, "#q-projection", "Title, Details.Tags[1]")
	// A Query with a sort-key condition and two filters: a form taller
	// than the screen's first 900 px.
	uiFill(t, ctx, "#q-mode", "Query")
	uiFill(t, ctx, "#q-pk", "a1")
	uiFill(t, ctx, "#q-sk-op", "between")
	uiFill(t, ctx, "#q-sk-v1", "1")
	uiFill(t, ctx, "#q-sk-v2", "9")
	uiClick(t, ctx, "#q-add-filter")
	uiFill(t, ctx, "#q-f1-attr", "Title")
	uiFill(t, ctx, "#q-f1-op", "attribute_exists")
	// Enter in the partition key field, at the top of the page, runs it.
	uiExplorerRun(t, ctx, "query results", func() {
		evalAsync(t, ctx, `(window.scrollTo(0, 0), document.getElementById("q-pk").focus(), document.getElementById("q-form").requestSubmit(), true)`, nil)
	})
	uiWantCells(t, ctx, "Title", "Dawn")
	// At 1280×900 the results are in view after Run.
	var pos struct{ Top, Bottom, Height float64 }
	evalAsync(t, ctx, `(() => { const r = document.querySelector("#q-grid tbody tr").getBoundingClientRect(); return { Top: r.top, Bottom: r.bottom, Height: innerHeight }; })()`, &pos)
	if pos.Top < 0 || pos.Bottom > pos.Height {
		t.Errorf("after Run the first result row is at %v–%v px, outside the %v px window", pos.Top, pos.Bottom, pos.Height)
	}
	uiCheckLabels(t, ctx, "query builder")
	var req map[string]any
	evalAsync(t, ctx, `JSON.parse(document.querySelector('[data-testid="op-entry"] [data-testid="op-request"]')?.textContent || "null") || (() => { const e = document.querySelector('[data-testid="op-entry"]'); e.open = true; e.dispatchEvent(new Event("toggle")); return JSON.parse(e.querySelector('[data-testid="op-request"]').textContent); })()`, &req)
	if got := req["FilterExpression"]; got != "(#n2.#n3 = :v3) AND (attribute_exists(#n4))" {
		t.Errorf("FilterExpression = %v, want (#n2.#n3 = :v3) AND (attribute_exists(#n4)) (one placeholder per path segment)", got)
	}
	if got := req["ProjectionExpression"]; got != "#n4, #n2.#n5[1]" {
		t.Errorf("ProjectionExpression = %v, want #n4, #n2.#n5[1]", got)
	}
	// Back to a Scan with the one nested filter.
	evalAsync(t, ctx, `(document.querySelectorAll('[data-testid="filter-row"] button')[1].click(), true)`, nil)
	uiFill(t, ctx, "#q-mode", "Scan")
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Title", "Dawn")
	uiClick(t, ctx, "#q-json-toggle")
	if got := uiText(t, ctx, `[data-testid="q-json"]`); !strings.Contains(got, `"y"`) || strings.Contains(got, `"x"`) || strings.Contains(got, "EMI") {
		t.Errorf("projection of Details.Tags[1] returned %s", got)
	}
	uiClick(t, ctx, "#q-json-toggle")

	// Expression mode starts from the builder's expressions; a mistake
	// shows DynamoDB's own message and clears the old results.
	uiClick(t, ctx, "#q-expr-toggle")
	uiWait(t, ctx, "expression mode", `document.getElementById("q-expr-FilterExpression").value === "#n0.#n1 = :v0"`)
	uiCheckLabels(t, ctx, "expression mode")
	uiShots(t, ctx, "query-expression-mode")
	uiFill(t, ctx, "#q-expr-FilterExpression", "#n0.#missing = :v0")
	uiClick(t, ctx, "#q-run")
	uiWait(t, ctx, "the error", `document.getElementById("q-error").textContent !== ""`)
	uiWantText(t, ctx, "#q-error", "ValidationException: Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #missing")
	if n := len(uiGridColumn(t, ctx, "Title")); n != 0 {
		t.Errorf("after an error, %d old result rows are still on screen", n)
	}
	uiFill(t, ctx, "#q-expr-FilterExpression", "size(#n0.#n1) = :two OR begins_with(#n2, :d)")
	uiFill(t, ctx, "#q-expr-ProjectionExpression", "#n2")
	uiFill(t, ctx, "#q-expr-ExpressionAttributeNames", `{"#n0": "Details", "#n1": "Tags", "#n2": "Title"}`)
	uiFill(t, ctx, "#q-expr-ExpressionAttributeValues", `{":two": {"N": "2"}, ":d": {"S": "Du"}}`)
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Title", "Dawn", "Dusk")
	if got := uiText(t, ctx, "#q-error"); got != "" {
		t.Errorf("error after a good expression: %s", got)
	}

	// A key condition typed in expression mode.
	uiFill(t, ctx, "#q-mode", "Query")
	uiFill(t, ctx, "#q-expr-KeyConditionExpression", "#a = :a AND #s > :one")
	uiFill(t, ctx, "#q-expr-FilterExpression", "")
	uiFill(t, ctx, "#q-expr-ExpressionAttributeNames", `{"#a": "ArtistId", "#s": "Seq", "#n2": "Title"}`)
	uiFill(t, ctx, "#q-expr-ExpressionAttributeValues", `{":a": {"S": "a1"}, ":one": {"N": "1"}}`)
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Title", "Dusk")
}

func TestUI_GetItemAndUpdateItemForms(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "getupdate")

	// GetItem by key with a projection of a nested list element.
	uiClick(t, ctx, "#btn-get-item")
	uiFill(t, ctx, "#gi-key-0", "a1")
	uiFill(t, ctx, "#gi-key-1", "1")
	uiFill(t, ctx, "#gi-projection", "Details.Tags[0], Title")
	uiClick(t, ctx, "#gi-consistent")
	uiClick(t, ctx, "#gi-run")
	uiWait(t, ctx, "GetItem result", `!document.getElementById("gi-result").hidden`)
	var got map[string]any
	evalAsync(t, ctx, `JSON.parse(document.getElementById("gi-result").textContent)`, &got)
	want := `{"Details":{"M":{"Tags":{"L":[{"S":"x"}]}}},"Title":{"S":"Dawn"}}`
	if b, _ := json.Marshal(got); string(b) != want {
		t.Errorf("GetItem item = %s, want %s", b, want)
	}
	uiWantText(t, ctx, "#gi-summary", "Item found · 1 read capacity units")
	uiCheckLabels(t, ctx, "GetItem form")
	uiShots(t, ctx, "getitem-form")
	uiFill(t, ctx, "#gi-key-1", "9")
	uiClick(t, ctx, "#gi-run")
	uiWait(t, ctx, "GetItem miss", `document.getElementById("gi-summary").textContent.startsWith("No item has this key")`)
	uiClick(t, ctx, `dialog[data-testid="getitem-dialog"] [aria-label="Close dialog"]`)
	uiWaitDialogClosed(t, ctx, "getitem-dialog")

	// UpdateItem: SET a nested list element, ADD to a number, REMOVE a
	// nested attribute, under a condition on a nested path.
	uiClick(t, ctx, "#btn-update-item")
	uiFill(t, ctx, "#up-key-0", "a1")
	uiFill(t, ctx, "#up-key-1", "1")
	uiFill(t, ctx, "#up-a0-path", "Details.Tags[1]")
	uiFill(t, ctx, "#up-a0-value", "z")
	uiClick(t, ctx, "#up-a-add")
	uiFill(t, ctx, "#up-a1-action", "ADD")
	uiFill(t, ctx, "#up-a1-path", "Plays")
	uiFill(t, ctx, "#up-a1-type", "N")
	uiFill(t, ctx, "#up-a1-value", "5")
	uiClick(t, ctx, "#up-a-add")
	uiFill(t, ctx, "#up-a2-action", "REMOVE")
	uiFill(t, ctx, "#up-a2-path", "Details.Tags[0]")
	uiClick(t, ctx, "#up-c-add")
	uiFill(t, ctx, "#up-c0-attr", "Details.Label")
	uiFill(t, ctx, "#up-c0-v1", "EMI")
	uiCheckLabels(t, ctx, "UpdateItem form")
	uiShots(t, ctx, "updateitem-form")
	uiClick(t, ctx, "#up-run")
	uiWait(t, ctx, "UpdateItem result", `!document.getElementById("up-result").hidden || document.getElementById("up-error").textContent`)
	if e := uiText(t, ctx, "#up-error"); e != "" {
		t.Fatalf("UpdateItem failed: %s", e)
	}
	item := uiSend(t, ctx, "GetItem", `{"TableName": "Catalog", "Key": {"ArtistId": {"S": "a1"}, "Seq": {"N": "1"}}}`)["Item"]
	b, _ := json.Marshal(item)
	for _, w := range []string{`"Plays":{"N":"5"}`, `"Tags":{"L":[{"S":"z"}]}`, `"Label":{"S":"EMI"}`} {
		if !strings.Contains(string(b), w) {
			t.Errorf("item after UpdateItem = %s, want it to contain %s", b, w)
		}
	}

	// The condition fails: DynamoDB's error, nothing written.
	uiFill(t, ctx, "#up-c0-v1", "Sony")
	uiClick(t, ctx, "#up-run")
	uiWait(t, ctx, "the condition's failure", `document.getElementById("up-error").textContent !== ""`)
	uiWantText(t, ctx, "#up-error", "ConditionalCheckFailedException: The conditional request failed")
	item2 := uiSend(t, ctx, "GetItem", `{"TableName": "Catalog", "Key": {"ArtistId": {"S": "a1"}, "Seq": {"N": "1"}}}`)["Item"]
	if b2, _ := json.Marshal(item2); string(b2) != string(b) {
		t.Errorf("a failed condition changed the item:\n%s\n%s", b, b2)
	}

	// Expression mode: the builder's expressions, then one typed by hand
	// with an undefined value placeholder.
	uiClick(t, ctx, "#up-expr-toggle")
	uiWait(t, ctx, "update expression filled", `document.getElementById("up-expr-UpdateExpression").value.startsWith("SET #n0.#n1[1] = :v0 REMOVE #n0.#n1[0] ADD #n2 :v1")`)
	uiFill(t, ctx, "#up-expr-UpdateExpression", "SET #n2 = :nope")
	uiFill(t, ctx, "#up-expr-ConditionExpression", "")
	uiClick(t, ctx, "#up-run")
	uiWait(t, ctx, "DynamoDB's error", `document.getElementById("up-error").textContent.startsWith("ValidationException: ")`)
	if e := uiText(t, ctx, "#up-error"); !strings.Contains(e, ":nope") {
		t.Errorf("error for an undefined value = %q, want DynamoDB's message naming :nope", e)
	}
	uiClick(t, ctx, `dialog[data-testid="updateitem-dialog"] [aria-label="Close dialog"]`)
	uiWaitDialogClosed(t, ctx, "updateitem-dialog")

	// Editing an item offers "update changed attributes": only the changed
	// attribute is sent, with UpdateItem.
	uiSend(t, ctx, "UpdateItem", `{"TableName": "Catalog", "Key": {"ArtistId": {"S": "a1"}, "Seq": {"N": "2"}}, "UpdateExpression": "SET Mood = :o", "ExpressionAttributeValues": {":o": {"S": "kept"}}}`)
	uiRunQuery(t, ctx)
	evalAsync(t, ctx, `(() => { [...document.querySelectorAll('[data-testid="item-row"]')].find((r) => r.textContent.includes("Dusk")).querySelector("button").click(); return true; })()`, nil)
	uiWait(t, ctx, "the editor", `document.querySelector('dialog[data-testid="item-dialog"][open]')`)
	uiShots(t, ctx, "item-editor-edit")
	// Change Title (its row's value), remove nothing.
	evalAsync(t, ctx, `(() => {
		const row = [...document.querySelectorAll('[data-testid="attr-row"]')].find((r) => r.querySelector("input").value === "Title");
		const v = row.querySelector(".value input");
		v.value = "Evening"; v.dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`, nil)
	uiClick(t, ctx, "#ie-update")
	uiWaitDialogClosed(t, ctx, "item-dialog")
	item3 := uiSend(t, ctx, "GetItem", `{"TableName": "Catalog", "Key": {"ArtistId": {"S": "a1"}, "Seq": {"N": "2"}}}`)["Item"]
	b3, _ := json.Marshal(item3)
	if !strings.Contains(string(b3), `"Title":{"S":"Evening"}`) || !strings.Contains(string(b3), `"Mood":{"S":"kept"}`) {
		t.Errorf("after update changed attributes: %s", b3)
	}
	var last map[string]any
	evalAsync(t, ctx, `(() => { const e = [...document.querySelectorAll('[data-testid="op-entry"]')].find((x) => x.dataset.op === "UpdateItem"); e.open = true; e.dispatchEvent(new Event("toggle")); return JSON.parse(e.querySelector('[data-testid="op-request"]').textContent); })()`, &last)
	if last["UpdateExpression"] != "SET #u0 = :u0" {
		t.Errorf("update changed attributes sent %v, want SET #u0 = :u0", last["UpdateExpression"])
	}
}

func TestUI_TemplatesUseTheTablesKeys(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "templates")
	uiClick(t, ctx, "#tab-api")
	uiWait(t, ctx, "templates of Catalog", `document.querySelector("#api-op option[value=\"Query@byGenre\"]")`)
	for _, op := range []string{"GetItem", "UpdateItem", "PutItem", "DeleteItem", "Query", "Query@byGenre", "BatchWriteItem", "BatchGetItem",
		"TransactWriteItems", "TransactGetItems", "CreateTable", "DeleteTable", "DescribeTimeToLive", "TagResource", "ListTagsOfResource", "UntagResource"} {
		uiFill(t, ctx, "#api-op", op)
		evalAsync(t, ctx, `document.getElementById("api-status").textContent = ""`, nil)
		uiClick(t, ctx, "#api-send")
		uiWait(t, ctx, op+" sent", `document.getElementById("api-status").textContent !== ""`)
		if got := uiText(t, ctx, "#api-status"); got != "200 OK" {
			t.Errorf("template %s sent as is: %s\n%s", op, got, uiText(t, ctx, "#api-body"))
		}
		if op == "CreateTable" { // as on DynamoDB, the copy is CREATING for a while: wait before the DeleteTable template
			evalAsync(t, ctx, `window.ddbplay.waitForTable(JSON.parse(document.getElementById("api-body").value).TableName).then(() => true)`, nil)
		}
	}
	uiFill(t, ctx, "#api-op", "Query")
	var body map[string]any
	evalAsync(t, ctx, `JSON.parse(document.getElementById("api-body").value)`, &body)
	if b, _ := json.Marshal(body["ExpressionAttributeNames"]); string(b) != `{"#pk":"ArtistId"}` {
		t.Errorf("Query template names %s, want the table's partition key ArtistId", b)
	}
	uiShots(t, ctx, "api-templates")
}

// uiVisibleOps returns the operations of the visible log entries, newest
// first.
func uiVisibleOps(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var ops []string
	evalAsync(t, ctx, `[...document.querySelectorAll('[data-testid="op-entry"]')].filter((e) => e.getClientRects().length > 0).map((e) => e.dataset.op)`, &ops)
	return ops
}

func TestUI_OperationLogKeptAcrossReloadsAndExported(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "oplog")
	if ops := uiVisibleOps(t, ctx); len(ops) != 0 {
		t.Errorf("before any request of the learner the log shows %v; the page's own first Scan belongs under 'show the page's own requests'", ops)
	}
	uiClick(t, ctx, "#btn-update-item")
	uiFill(t, ctx, "#up-key-0", "a1")
	uiFill(t, ctx, "#up-key-1", "2")
	uiFill(t, ctx, "#up-a0-action", "ADD")
	uiFill(t, ctx, "#up-a0-path", "Plays")
	uiFill(t, ctx, "#up-a0-type", "N")
	uiFill(t, ctx, "#up-a0-value", "3")
	uiClick(t, ctx, "#up-run")
	uiWait(t, ctx, "the update", `!document.getElementById("up-result").hidden`)
	uiClick(t, ctx, `dialog[data-testid="updateitem-dialog"] [aria-label="Close dialog"]`)
	uiWait(t, ctx, "the refresh after the write", `[...document.querySelectorAll('[data-testid="op-entry"].auto')].length >= 2`)
	uiRunQuery(t, ctx)
	if got, want := strings.Join(uiVisibleOps(t, ctx), ","), "Scan,UpdateItem"; got != want {
		t.Errorf("log shows %s, want %s (the learner's requests only)", got, want)
	}
	uiClick(t, ctx, "#oplog-show-auto")
	if ops := uiVisibleOps(t, ctx); len(ops) < 4 {
		t.Errorf("with the page's own requests shown, the log has %v", ops)
	}
	uiShots(t, ctx, "operation-log-with-refreshes")
	uiClick(t, ctx, "#oplog-show-auto")

	// Created is stable across a reload; the log is kept.
	uiClick(t, ctx, "#tab-tables")
	created := uiCreated(t, ctx)
	evalAsync(t, ctx, `window.ddbplay.flush()`, nil)
	openUI(t, ctx, "/?space=oplog")
	if got, want := strings.Join(uiVisibleOps(t, ctx), ","), "Scan,UpdateItem"; got != want {
		t.Errorf("after a reload the log shows %s, want %s", got, want)
	}
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Catalog"]`)
	if got := uiCreated(t, ctx); got != created || created == "" {
		t.Errorf("Created was %q before the reload and %q after", created, got)
	}

	// Export the session as a Python script and run it against a native
	// server holding the same table.
	db := engine.New(engine.Options{})
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	if _, err := db.Handle("CreateTable", []byte(`{"TableName": "Catalog", "BillingMode": "PAY_PER_REQUEST",
		"AttributeDefinitions": [{"AttributeName": "ArtistId", "AttributeType": "S"}, {"AttributeName": "Seq", "AttributeType": "N"}],
		"KeySchema": [{"AttributeName": "ArtistId", "KeyType": "HASH"}, {"AttributeName": "Seq", "KeyType": "RANGE"}]}`)); err != nil {
		t.Fatal(err)
	}
	db.Advance(2 * time.Second) // past the table's CREATING
	uiFill(t, ctx, "#oplog-endpoint", srv.URL)
	evalAsync(t, ctx, `(window.addEventListener("ddbplay-download", (e) => { window.lastDownload = e.detail; }), true)`, nil)
	uiClick(t, ctx, "#oplog-export")
	uiFill(t, ctx, "#oplog-export-lang", "python")
	uiShots(t, ctx, "export-script")
	uiClick(t, ctx, "#oplog-export-download")
	var dl struct{ Filename, Text string }
	evalAsync(t, ctx, `window.lastDownload`, &dl)
	if dl.Filename != "ddbplay-session.py" || !strings.Contains(dl.Text, "client.update_item(") || !strings.Contains(dl.Text, "client.scan(") {
		t.Fatalf("exported %s:\n%s", dl.Filename, dl.Text)
	}
	out := runPython(t, dl.Text)
	got, err := db.Handle("GetItem", []byte(`{"TableName": "Catalog", "Key": {"ArtistId": {"S": "a1"}, "Seq": {"N": "2"}}}`))
	if err != nil || !strings.Contains(string(got), `"Plays":{"N":"3"}`) {
		t.Errorf("after the exported script: %s %v\noutput:\n%s", got, err, out)
	}

	// The same session as a bash script for the AWS CLI and as a
	// JavaScript module: each adds 3 again.
	aws, err := testtools.Path("aws")
	if err != nil {
		t.Fatalf("aws not found (%v)", err)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(repoRoot, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct{ lang, file, run string }{{"cli", "ddbplay-session.sh", "bash"}, {"javascript", "ddbplay-session.mjs", "node"}} {
		uiFill(t, ctx, "#oplog-export-lang", c.lang)
		uiClick(t, ctx, "#oplog-export-download")
		evalAsync(t, ctx, `window.lastDownload`, &dl)
		if dl.Filename != c.file {
			t.Fatalf("exported %s, want %s", dl.Filename, c.file)
		}
		file := filepath.Join(dir, c.file)
		if err := os.WriteFile(file, []byte(dl.Text), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(c.run, file)
		cmd.Env = testtools.PrependPath(noCredentialsEnv(t), filepath.Dir(aws))
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s script: %v\n--- code ---\n%s\n--- output ---\n%s", c.lang, err, dl.Text, out)
		}
		got, _ := db.Handle("GetItem", []byte(`{"TableName": "Catalog", "Key": {"ArtistId": {"S": "a1"}, "Seq": {"N": "2"}}}`))
		if want := `"Plays":{"N":"` + strconv.Itoa(3*(i+2)) + `"}`; !strings.Contains(string(got), want) {
			t.Errorf("after the %s script: %s, want %s", c.lang, got, want)
		}
	}
}

// uiCreated returns the "Created" fact of the open table's details.
func uiCreated(t *testing.T, ctx context.Context) string {
	t.Helper()
	uiWait(t, ctx, "table details", `document.querySelector('[data-testid="table-details"]')`)
	var s string
	evalAsync(t, ctx, `(() => { const dt = [...document.querySelectorAll('[data-testid="table-details"] dt')].find((x) => x.textContent === "Created"); return dt ? dt.nextElementSibling.textContent : ""; })()`, &s)
	return s
}

// runPython runs a Python program with no AWS credentials in its
// environment (the program must name its own) and returns its output.
func runPython(t *testing.T, code string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "script.py")
	if err := os.WriteFile(file, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", file)
	cmd.Env = noCredentialsEnv(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n--- code ---\n%s\n--- output ---\n%s", err, code, out)
	}
	return string(out)
}

// noCredentialsEnv is toolEnv without credentials: generated code must
// carry what it needs.
func noCredentialsEnv(t *testing.T) []string {
	var env []string
	for _, kv := range toolEnv(t) {
		if !strings.HasPrefix(kv, "AWS_ACCESS_KEY_ID=") && !strings.HasPrefix(kv, "AWS_SECRET_ACCESS_KEY=") {
			env = append(env, kv)
		}
	}
	return env
}

func TestUI_ShareLinkCarriesTheQuery(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "sharequery")
	uiFill(t, ctx, "#q-mode", "Query")
	uiFill(t, ctx, "#q-pk", "a1")
	uiFill(t, ctx, "#q-sk-op", ">=")
	uiFill(t, ctx, "#q-sk-v1", "1")
	uiClick(t, ctx, "#q-add-filter")
	uiFill(t, ctx, "#q-f0-attr", "Details.Label")
	uiFill(t, ctx, "#q-f0-v1", "Sony")
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Title", "Dusk")
	uiClick(t, ctx, "#btn-share")
	uiWait(t, ctx, "the link", `document.getElementById("share-url").value.includes("#share=")`)
	var link string
	evalAsync(t, ctx, `document.getElementById("share-url").value`, &link)
	other := newBrowser(t)
	openUI(t, other, strings.TrimPrefix(link, siteURL))
	uiWait(t, other, "the shared query's results", `document.querySelectorAll('[data-testid="item-row"]').length === 1 && document.getElementById("q-grid").textContent.includes("Dusk")`)
	for sel, want := range map[string]string{"#q-mode": "Query", "#q-pk": "a1", "#q-sk-op": ">=", "#q-sk-v1": "1", "#q-f0-attr": "Details.Label", "#q-f0-v1": "Sony"} {
		var got string
		evalAsync(t, other, `document.querySelector(`+jsString(sel)+`).value`, &got)
		if got != want {
			t.Errorf("shared %s = %q, want %q", sel, got, want)
		}
	}
}

func TestUI_TableSettingsForms(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "settings")
	uiClick(t, ctx, "#tab-tables")
	uiWait(t, ctx, "the settings", `document.getElementById("set-capacity")`)

	// Capacity, within the limits.
	uiFill(t, ctx, "#set-billing", "PROVISIONED")
	uiFill(t, ctx, "#set-rcu", "40001")
	uiClick(t, ctx, "#set-capacity-save")
	uiWait(t, ctx, "the limit's error", `document.getElementById("set-capacity-error").textContent !== ""`)
	uiWantText(t, ctx, "#set-capacity-error", "Error: ReadCapacityUnits must be a whole number from 1 to 40000.")
	uiFill(t, ctx, "#set-rcu", "7")
	uiFill(t, ctx, "#set-wcu", "3")
	uiClick(t, ctx, "#set-capacity-save")
	uiWait(t, ctx, "provisioned capacity shown", `[...document.querySelectorAll('[data-testid="table-details"] dd')].some((x) => x.textContent === "Provisioned: 7 RCU / 3 WCU")`)
	desc := uiSend(t, ctx, "DescribeTable", `{"TableName": "Catalog"}`)["Table"].(map[string]any)
	b, _ := json.Marshal(desc["GlobalSecondaryIndexes"])
	if !strings.Contains(string(b), `"ReadCapacityUnits":7`) {
		t.Errorf("the GSI of a table made provisioned: %s", b)
	}
	// As on DynamoDB, the table is UPDATING for a while after a capacity
	// change, and refuses the next change until ACTIVE; the details follow.
	if s := desc["TableStatus"]; s != "UPDATING" {
		t.Errorf("TableStatus right after the capacity change = %v, want UPDATING", s)
	}
	uiWait(t, ctx, "ACTIVE again in the details", `[...document.querySelectorAll('[data-testid="table-details"] dd')].some((x) => x.textContent === "ACTIVE")`)

	// Time to Live.
	uiFill(t, ctx, "#set-ttl-attr", "expiresAt")
	uiClick(t, ctx, "#set-ttl-on")
	uiClick(t, ctx, "#set-ttl-save")
	uiWait(t, ctx, "TTL saved", `document.getElementById("set-ttl-status").textContent === "Enabled on attribute expiresAt"`)
	ttl := uiSend(t, ctx, "DescribeTimeToLive", `{"TableName": "Catalog"}`)
	if b, _ := json.Marshal(ttl); !strings.Contains(string(b), `"AttributeName":"expiresAt"`) || !strings.Contains(string(b), `"TimeToLiveStatus":"ENABLED"`) {
		t.Errorf("DescribeTimeToLive after the form: %s", b)
	}

	// Tags: add two, remove one.
	for _, kv := range [][2]string{{"team", "music"}, {"env", "dev"}} {
		uiFill(t, ctx, "#set-tag-key", kv[0])
		uiFill(t, ctx, "#set-tag-value", kv[1])
		uiClick(t, ctx, "#set-tag-add")
		uiWait(t, ctx, "tag "+kv[0], `[...document.querySelectorAll('[data-testid="tag"]')].some((x) => x.textContent.startsWith(`+jsString(kv[0]+" = "+kv[1])+`))`)
	}
	uiClick(t, ctx, `[aria-label="Remove tag env"]`)
	uiWait(t, ctx, "tag env removed", `document.querySelectorAll('[data-testid="tag"]').length === 1`)
	arn := desc["TableArn"].(string)
	tags := uiSend(t, ctx, "ListTagsOfResource", `{"ResourceArn": `+jsString(arn)+`}`)
	if b, _ := json.Marshal(tags["Tags"]); string(b) != `[{"Key":"team","Value":"music"}]` {
		t.Errorf("tags after the form: %s", b)
	}

	// What someone is typing in the settings survives the page's refreshes:
	// a write through the door refreshes the list and the details, and the
	// forms keep their elements, their values and the focus.
	uiFill(t, ctx, "#set-tag-key", "half-typed")
	uiFill(t, ctx, "#set-rcu", "12")
	evalAsync(t, ctx, `(window.__facts = document.querySelector('[data-testid="table-details"] .details-facts'),
		window.__tagKey = document.getElementById("set-tag-key"), window.__tagKey.focus(), true)`, nil)
	uiSend(t, ctx, "PutItem", `{"TableName": "Catalog", "Item": {"ArtistId": {"S": "a3"}, "Seq": {"N": "1"}}}`)
	uiWait(t, ctx, "the details refreshed", `document.querySelector('[data-testid="table-details"] .details-facts') !== window.__facts`)
	var kept map[string]any
	evalAsync(t, ctx, `({same: document.getElementById("set-tag-key") === window.__tagKey,
		focused: document.activeElement === window.__tagKey,
		tag: document.getElementById("set-tag-key").value, rcu: document.getElementById("set-rcu").value})`, &kept)
	if kept["same"] != true || kept["focused"] != true || kept["tag"] != "half-typed" || kept["rcu"] != "12" {
		t.Errorf("the settings forms after a refresh: %v, want the same focused tag key holding %q and RCU %q", kept, "half-typed", "12")
	}
	uiFill(t, ctx, "#set-tag-key", "")
	uiFill(t, ctx, "#set-rcu", "7")

	// Stream: on with a view type, as DescribeTable then reports it; a
	// second view type while it is on gets DynamoDB's error in the form.
	uiFill(t, ctx, "#set-stream", "NEW_IMAGE")
	uiClick(t, ctx, "#set-stream-save")
	uiWait(t, ctx, "stream ARN shown", `document.querySelector('[data-testid="stream-arn"]') !== null`)
	if b, _ := json.Marshal(uiSend(t, ctx, "DescribeTable", `{"TableName": "Catalog"}`)["Table"].(map[string]any)["StreamSpecification"]); string(b) != `{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}` {
		t.Errorf("StreamSpecification after the form: %s", b)
	}
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Catalog").then(() => true)`, nil) // UPDATING after the stream change
	uiFill(t, ctx, "#set-stream", "KEYS_ONLY")
	uiClick(t, ctx, "#set-stream-save")
	uiWait(t, ctx, "stream change refused", `document.getElementById("set-stream-error").textContent.startsWith("ValidationException")`)
	evalAsync(t, ctx, `(document.getElementById("set-stream-form").scrollIntoView(), true)`, nil)
	uiShots(t, ctx, "table-settings-stream")

	// Deletion protection: on, then DeleteTable fails with DynamoDB's error.
	uiClick(t, ctx, "#set-protect")
	uiClick(t, ctx, "#set-protect-save")
	uiWait(t, ctx, "protection shown", `[...document.querySelectorAll('[data-testid="table-details"] dd')].some((x) => x.textContent === "on")`)
	uiCheckLabels(t, ctx, "table settings")
	evalAsync(t, ctx, `(document.getElementById("set-capacity").scrollIntoView(), true)`, nil)
	uiShots(t, ctx, "table-settings")
	uiClick(t, ctx, "#btn-delete-table")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "DeleteTable refused", `document.querySelector('[data-testid="table-details"] .error').textContent.startsWith("ValidationException")`)
	if _, ok := uiSend(t, ctx, "DescribeTable", `{"TableName": "Catalog"}`)["Table"]; !ok {
		t.Errorf("a protected table was deleted")
	}

	// The Indexes tab explains LSIs.
	uiClick(t, ctx, "#tab-indexes")
	if got := uiText(t, ctx, "#lsi-note"); !strings.Contains(got, "can only be defined when a table is created") {
		t.Errorf("the Indexes tab says %q about LSIs", got)
	}
	uiShots(t, ctx, "indexes-lsi-note")
}

// TestUI_GetItemAndUpdateItemByKeyboard: the new forms work from the
// keyboard alone: Enter on the button, typing, Tab, Enter to submit, and
// the expression-mode toggle reports its state to screen readers.
func TestUI_GetItemAndUpdateItemByKeyboard(t *testing.T) {
	ctx := newBrowser(t)
	catalogSetup(t, ctx, "keys18")
	focused := func() string {
		var id string
		evalAsync(t, ctx, `document.activeElement ? document.activeElement.id : ""`, &id)
		return id
	}
	uiRun(t, ctx, "focus Get item", chromedp.Focus(chromedp.CSS("#btn-get-item")))
	uiRun(t, ctx, "enter", chromedp.KeyEvent(kb.Enter))
	uiWait(t, ctx, "the GetItem form", `document.querySelector('dialog[data-testid="getitem-dialog"][open]')`)
	if got := focused(); got != "gi-key-0" {
		t.Errorf("GetItem opened with focus on %q, want gi-key-0", got)
	}
	uiRun(t, ctx, "type the key", chromedp.KeyEvent("a2"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("1"), chromedp.KeyEvent(kb.Enter))
	uiWait(t, ctx, "the item", `document.getElementById("gi-summary").textContent.startsWith("Item found")`)
	if got := uiText(t, ctx, "#gi-result"); !strings.Contains(got, "Noon") {
		t.Errorf("GetItem by keyboard returned %s", got)
	}
	uiRun(t, ctx, "escape", chromedp.KeyEvent(kb.Escape))
	uiWaitDialogClosed(t, ctx, "getitem-dialog")

	uiRun(t, ctx, "focus Update item", chromedp.Focus(chromedp.CSS("#btn-update-item")))
	uiRun(t, ctx, "enter", chromedp.KeyEvent(kb.Enter))
	uiWait(t, ctx, "the UpdateItem form", `document.querySelector('dialog[data-testid="updateitem-dialog"][open]')`)
	uiRun(t, ctx, "focus the toggle", chromedp.Focus(chromedp.CSS("#up-expr-toggle")))
	uiRun(t, ctx, "press it", chromedp.KeyEvent(" "))
	var pressed string
	evalAsync(t, ctx, `document.getElementById("up-expr-toggle").getAttribute("aria-pressed")`, &pressed)
	if pressed != "true" {
		t.Errorf("expression toggle aria-pressed = %q after Space, want true", pressed)
	}
	uiRun(t, ctx, "focus the key", chromedp.Focus(chromedp.CSS("#up-key-0")))
	uiRun(t, ctx, "type", chromedp.KeyEvent("a2"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("1"))
	uiRun(t, ctx, "focus the expression", chromedp.Focus(chromedp.CSS("#up-expr-UpdateExpression")))
	uiRun(t, ctx, "type it", chromedp.KeyEvent("SET #t = :t"))
	uiRun(t, ctx, "focus the names", chromedp.Focus(chromedp.CSS("#up-expr-ExpressionAttributeNames")))
	uiRun(t, ctx, "type them", chromedp.KeyEvent(`{"#t": "Title"}`))
	uiRun(t, ctx, "focus the values", chromedp.Focus(chromedp.CSS("#up-expr-ExpressionAttributeValues")))
	uiRun(t, ctx, "type them", chromedp.KeyEvent(`{":t": {"S": "Midday"}}`))
	uiRun(t, ctx, "focus the button", chromedp.Focus(chromedp.CSS("#up-run")))
	uiRun(t, ctx, "enter", chromedp.KeyEvent(kb.Enter))
	uiWait(t, ctx, "the update", `!document.getElementById("up-result").hidden || document.getElementById("up-error").textContent`)
	if e := uiText(t, ctx, "#up-error"); e != "" {
		t.Fatalf("UpdateItem by keyboard: %s", e)
	}
	if got := uiText(t, ctx, "#up-result"); !strings.Contains(got, "Midday") {
		t.Errorf("UpdateItem by keyboard returned %s", got)
	}
}

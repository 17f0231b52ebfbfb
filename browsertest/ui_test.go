package browsertest

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The playground page (static/index.html, static/app/) driven through its
// visible forms, as a person would: ids and data-testid attributes are the
// selectors. Screenshots of the main screens land in build/screenshots/.

// uiTimeout bounds each wait for the page.
const uiTimeout = 60 * time.Second

// openUI loads the playground at path (e.g. "/?space=x") in the tab of ctx
// and waits until it has started.
func openUI(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 900)); err != nil {
		t.Fatalf("viewport: %v", err)
	}
	navigate(t, ctx, path)
	waitUIReady(t, ctx)
}

// waitUIReady waits for body[data-ready] and fails if start-up failed.
func waitUIReady(t *testing.T, ctx context.Context) {
	t.Helper()
	var state string
	evalAsync(t, ctx, `new Promise((resolve) => {
		const tick = () => document.body && document.body.dataset.ready ? resolve(document.body.dataset.ready) : setTimeout(tick, 10);
		tick();
	})`, &state)
	if state != "true" {
		var msg string
		evalAsync(t, ctx, `document.getElementById("boot-status").textContent`, &msg)
		t.Fatalf("the playground did not start: %s", msg)
	}
}

// uiRun runs chromedp actions with a deadline, failing the test with what.
func uiRun(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, uiTimeout)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// uiClick clicks the visible element sel with the mouse. It finds the
// element, scrolls it into view if needed and reads its centre in one step
// in the page, then presses the mouse there, as a person clicks what is
// on the screen: a button the page drew again a moment before (a view's
// refresh replaces its nodes) is the one clicked, where a click by node
// would fail on the node that left the document in between.
func uiClick(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	find := uiFind(t, ctx, sel)
	var at struct{ X, Y float64 }
	evalAsync(t, ctx, `(() => {
		const el = `+find+`;
		el.scrollIntoViewIfNeeded(true);
		const r = el.getBoundingClientRect();
		return { X: r.left + r.width / 2, Y: r.top + r.height / 2 };
	})()`, &at)
	uiRun(t, ctx, "click "+sel, chromedp.MouseClickXY(at.X, at.Y))
}

// uiFind waits until the element sel is visible and returns a JavaScript
// expression that is that element as the page has it when the expression
// runs, throwing if it has gone.
func uiFind(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	selJSON, _ := json.Marshal(sel)
	q := `document.querySelector(` + string(selJSON) + `)`
	uiWait(t, ctx, sel+" visible", `((el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden")(`+q+`)`)
	return `((el) => { if (!el) throw new Error("no element " + ` + string(selJSON) + `); return el; })(` + q + `)`
}

// uiFill focuses the visible control sel, sets its value and fires input and
// change events, as typing or choosing an option does. It finds the control
// and fills it in one step in the page, as a person types into what is
// there: a control the page drew again a moment before is the one filled.
func uiFill(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	valJSON, _ := json.Marshal(value)
	find := uiFind(t, ctx, sel)
	evalAsync(t, ctx, `(() => {
		const el = `+find+`;
		el.focus();
		el.value = `+string(valJSON)+`;
		el.dispatchEvent(new Event("input", { bubbles: true }));
		el.dispatchEvent(new Event("change", { bubbles: true }));
		return el.value;
	})()`, nil)
}

// uiWait waits until the JavaScript expression cond is truthy.
func uiWait(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, uiTimeout)
	defer cancel()
	err := evalErr(c, `new Promise((resolve) => {
		const tick = () => { try { if (`+cond+`) return resolve(true); } catch (e) {} setTimeout(tick, 20); };
		tick();
	})`, nil)
	if err != nil {
		var text string
		_ = evalErr(ctx, `document.querySelector("main").innerText.slice(0, 2000)`, &text)
		t.Fatalf("waiting for %s: %v\npage text:\n%s", what, err, text)
	}
}

// uiWaitAcrossNavigation polls cond while the page navigates (evaluation
// fails while one document replaces another).
func uiWaitAcrossNavigation(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(uiTimeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		var ok bool
		if err := evalErr(ctx, cond, &ok); err == nil && ok {
			return
		}
		<-tick.C
	}
	t.Fatalf("waiting for %s: timed out", what)
}

// uiCheckLabels fails the test for each visible control without an
// accessible name (a <label>, aria-label or, for buttons, text).
func uiCheckLabels(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	var bad []string
	evalAsync(t, ctx, `[...document.querySelectorAll("input, select, textarea, button")]
		.filter((el) => el.getClientRects().length > 0)
		.filter((el) => el.tagName === "BUTTON"
			? !(el.textContent.trim() || el.getAttribute("aria-label"))
			: !((el.labels && el.labels.length) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")))
		.map((el) => el.id || el.outerHTML.slice(0, 100))`, &bad)
	for _, b := range bad {
		t.Errorf("%s: control without a label: %s", where, b)
	}
}

// uiText returns the textContent of sel ("" if absent).
func uiText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	selJSON, _ := json.Marshal(sel)
	var s string
	evalAsync(t, ctx, `(document.querySelector(`+string(selJSON)+`) || {}).textContent || ""`, &s)
	return s
}

// uiGridColumn returns the cells of column name in the results grid.
func uiGridColumn(t *testing.T, ctx context.Context, name string) []string {
	t.Helper()
	nameJSON, _ := json.Marshal(name)
	var out []string
	evalAsync(t, ctx, `(() => {
		const grid = document.getElementById("q-grid");
		if (!grid) return [];
		const heads = [...grid.querySelectorAll("thead th")].map((th) => th.textContent);
		const i = heads.indexOf(`+string(nameJSON)+`);
		if (i < 0) return [];
		return [...grid.querySelectorAll("tbody tr")].map((tr) => tr.children[i].textContent);
	})()`, &out)
	return out
}

// uiScreenshot saves the viewport of ctx as build/screenshots/name.png.
func uiScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, uiTimeout)
	defer cancel()
	buf, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join(repoRoot, "build", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// uiWaitDialogClosed waits until no dialog with testid is open.
func uiWaitDialogClosed(t *testing.T, ctx context.Context, testid string) {
	t.Helper()
	uiWait(t, ctx, testid+" closed", `!document.querySelector('dialog[data-testid="`+testid+`"][open]')`)
}

// uiCreateItem adds an item with the item editor: the two key values, then
// attributes as name, type, value triples.
func uiCreateItem(t *testing.T, ctx context.Context, pk, sk string, attrs ...[3]string) {
	t.Helper()
	uiClick(t, ctx, "#btn-create-item")
	uiFill(t, ctx, "#ie-key-0-value", pk)
	uiFill(t, ctx, "#ie-key-1-value", sk)
	for i, a := range attrs {
		uiClick(t, ctx, "#ie-add-attr")
		id := "#ie-attr-" + string(rune('0'+i))
		uiFill(t, ctx, id+"-name", a[0])
		uiFill(t, ctx, id+"-type", a[1])
		uiFill(t, ctx, id+"-value", a[2])
	}
	uiClick(t, ctx, "#ie-save")
	uiWaitDialogClosed(t, ctx, "item-dialog")
}

// uiRunQuery presses Run and waits for the results of that request.
func uiRunQuery(t *testing.T, ctx context.Context) {
	t.Helper()
	uiExplorerRun(t, ctx, "query results", func() { uiClick(t, ctx, "#q-run") })
	if e := uiText(t, ctx, "#q-error"); e != "" {
		t.Fatalf("the query failed: %s", e)
	}
}

// uiExplorerRun does act (a click on Run, a submit, "Load all pages"),
// which must begin a request of the items explorer, and waits until that
// request, or a later one, has finished. The explorer's summary counts
// the requests begun (data-started) and the last finished (data-seq): a
// refresh of the page's own that was under way and finishes meanwhile
// does not count as act's.
func uiExplorerRun(t *testing.T, ctx context.Context, what string, act func()) {
	t.Helper()
	const started = `Number(document.getElementById("q-summary").dataset.started || 0)`
	var before, after int
	evalAsync(t, ctx, started, &before)
	act()
	uiWait(t, ctx, what+": the request begun", started+" > "+strconv.Itoa(before))
	evalAsync(t, ctx, started, &after)
	uiWait(t, ctx, what, `Number(document.getElementById("q-summary").dataset.seq || 0) >= `+strconv.Itoa(after))
}

func uiWantText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	if got := uiText(t, ctx, sel); got != want {
		t.Errorf("%s = %q, want %q", sel, got, want)
	}
}

func uiWantCells(t *testing.T, ctx context.Context, column string, want ...string) {
	t.Helper()
	got := uiGridColumn(t, ctx, column)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("column %s = %q, want %q", column, got, want)
	}
}

func TestUI_TableItemsQueryIndexesShare(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-tour")

	// Create a table with a sort key and a GSI through the form.
	uiClick(t, ctx, "#btn-create-table")
	uiFill(t, ctx, "#ct-name", "Music")
	uiFill(t, ctx, "#ct-pk-name", "Artist")
	uiFill(t, ctx, "#ct-sk-name", "Song")
	uiClick(t, ctx, "#ct-add-gsi")
	uiFill(t, ctx, "#ct-gsi-0-name", "ByGenre")
	uiFill(t, ctx, "#ct-gsi-0-pk-name", "Genre")
	uiFill(t, ctx, "#ct-gsi-0-sk-name", "Year")
	uiFill(t, ctx, "#ct-gsi-0-sk-type", "N")
	uiScreenshot(t, ctx, "create-table")
	uiCheckLabels(t, ctx, "create table")
	uiClick(t, ctx, "#ct-submit")
	uiWaitDialogClosed(t, ctx, "create-table-dialog")
	uiWait(t, ctx, "the Music row", `document.querySelector('[data-testid="table-row"][data-table="Music"]')`)
	if got := uiText(t, ctx, `[data-testid="table-details"] h3`); got != "Music" {
		t.Errorf("details heading = %q, want Music", got)
	}

	// Three items with the item editor; "Year" is a reserved word.
	uiClick(t, ctx, "#tab-items")
	uiCreateItem(t, ctx, "Ann", "A1", [3]string{"Genre", "S", "Rock"}, [3]string{"Year", "N", "2001"})
	uiCreateItem(t, ctx, "Ann", "A2", [3]string{"Genre", "S", "Jazz"}, [3]string{"Year", "N", "2005"})
	uiCreateItem(t, ctx, "Ann", "B1", [3]string{"Genre", "S", "Rock"}, [3]string{"Year", "N", "2010"}, [3]string{"Live", "BOOL", "true"})

	// Query with a sort-key condition and a filter.
	uiFill(t, ctx, "#q-mode", "Query")
	uiFill(t, ctx, "#q-pk", "Ann")
	uiFill(t, ctx, "#q-sk-op", "begins_with")
	uiFill(t, ctx, "#q-sk-v1", "A")
	uiClick(t, ctx, "#q-add-filter")
	uiFill(t, ctx, "#q-f0-attr", "Genre")
	uiFill(t, ctx, "#q-f0-v1", "Rock")
	uiRunQuery(t, ctx)
	uiWantText(t, ctx, `[data-testid="q-count"]`, "Count: 1")
	uiWantText(t, ctx, `[data-testid="q-scanned"]`, "ScannedCount: 2")
	uiWantCells(t, ctx, "Song", "A1")
	if got := uiText(t, ctx, `[data-testid="q-capacity"]`); !strings.Contains(got, "Consumed capacity: ") || strings.Contains(got, "—") {
		t.Errorf("capacity = %q, want consumed capacity units", got)
	}
	uiScreenshot(t, ctx, "items-query")
	uiCheckLabels(t, ctx, "items explorer")

	// Page through all three, one per page, and back.
	uiClick(t, ctx, `[data-testid="filter-row"] button`)
	uiFill(t, ctx, "#q-sk-op", "")
	uiFill(t, ctx, "#q-limit", "1")
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Song", "A1")
	uiWantText(t, ctx, `[data-testid="q-page"]`, "Page 1")
	for _, want := range []string{"A2", "B1"} {
		uiClick(t, ctx, "#q-next")
		uiWait(t, ctx, "page with "+want, `document.querySelector("#q-grid tbody td:nth-child(3)")?.textContent === "`+want+`"`)
	}
	uiWantText(t, ctx, `[data-testid="q-page"]`, "Page 3")
	uiClick(t, ctx, "#q-prev")
	uiWait(t, ctx, "back to A2", `document.querySelector("#q-grid tbody td:nth-child(3)")?.textContent === "A2"`)
	uiWantText(t, ctx, `[data-testid="q-page"]`, "Page 2")

	// The JSON view shows the same page as DynamoDB JSON.
	uiClick(t, ctx, "#q-json-toggle")
	if got := uiText(t, ctx, `[data-testid="q-json"]`); !strings.Contains(got, `"S": "A2"`) {
		t.Errorf("JSON view = %q, want the A2 item", got)
	}
	uiClick(t, ctx, "#q-json-toggle")

	// The operation log holds the Query with its code.
	var logged struct{ Ops []string }
	evalAsync(t, ctx, `({ Ops: [...document.querySelectorAll('[data-testid="op-entry"]')].map((e) => e.dataset.op) })`, &logged)
	if len(logged.Ops) == 0 || logged.Ops[0] != "Query" {
		t.Errorf("newest log entries = %v, want Query first", logged.Ops)
	}
	uiClick(t, ctx, `[data-testid="op-entry"] summary`)
	uiWait(t, ctx, "the log entry's code", `document.querySelector('[data-testid="op-cli"]')?.textContent`)
	if got := uiText(t, ctx, `[data-testid="op-cli"]`); !strings.Contains(got, "\nAWS_ACCESS_KEY_ID=playground AWS_SECRET_ACCESS_KEY=playground aws dynamodb query") || !strings.Contains(got, "--key-condition-expression") {
		t.Errorf("CLI snippet = %q", got)
	}
	uiScreenshot(t, ctx, "operation-log")

	// A second GSI on the existing table, then query it. It backfills on
	// the engine clock, paused here: until the clock moves on, the index
	// is CREATING, its Query button and the explorer's Run are off, and
	// a note says why and offers to move the clock.
	uiClick(t, ctx, "#clock-pause")
	uiWait(t, ctx, "the clock paused", `document.getElementById("clock-mode").textContent === "paused"`)
	uiClick(t, ctx, "#tab-indexes")
	uiFill(t, ctx, "#gsi-name", "BySong")
	uiFill(t, ctx, "#gsi-pk-name", "Song")
	uiClick(t, ctx, "#gsi-submit")
	const bySongStatus = `document.querySelector('#view-indexes [data-testid="index-row"][data-index="BySong"] [data-testid="index-status"]')?.textContent`
	uiWait(t, ctx, "BySong backfilling", bySongStatus+` === "CREATING (backfilling)"`)
	if e := uiText(t, ctx, "#gsi-error"); e != "" {
		t.Fatalf("creating the index: %s", e)
	}
	uiWait(t, ctx, "the backfill note", `document.getElementById("ix-backfill-note")?.textContent.includes("clock is paused")`)
	var off struct{ Query, Run bool }
	evalAsync(t, ctx, `({ Query: document.querySelector('button[aria-label="Query index BySong"]').disabled })`, &off)
	if !off.Query {
		t.Errorf("the Query button of the backfilling index is enabled")
	}
	uiShots(t, ctx, "indexes-backfilling")
	uiClick(t, ctx, "#tab-items")
	uiFill(t, ctx, "#q-index", "BySong")
	uiWait(t, ctx, "the explorer's note on BySong", `document.getElementById("q-index-note")?.textContent.includes("CREATING")`)
	evalAsync(t, ctx, `({ Run: document.getElementById("q-run").disabled })`, &off)
	if !off.Run {
		t.Errorf("Run is enabled on the backfilling index")
	}
	uiFill(t, ctx, "#q-index", "")
	uiClick(t, ctx, "#tab-indexes")
	uiClick(t, ctx, "#ix-clock-step")
	uiWait(t, ctx, "BySong active", bySongStatus+` === "ACTIVE"`)
	uiWait(t, ctx, "the note gone", `!document.getElementById("ix-backfill-note")`)
	uiClick(t, ctx, "#clock-pause") // resume
	uiWait(t, ctx, "the clock running", `document.getElementById("clock-mode").textContent === "real time"`)
	uiScreenshot(t, ctx, "indexes")
	uiCheckLabels(t, ctx, "indexes")
	uiClick(t, ctx, `button[aria-label="Query index BySong"]`)
	uiWait(t, ctx, "explorer on BySong", `document.getElementById("q-index")?.value === "BySong"`)
	uiFill(t, ctx, "#q-mode", "Query")
	uiFill(t, ctx, "#q-pk", "B1")
	uiFill(t, ctx, "#q-limit", "25")
	uiFill(t, ctx, "#q-projection", "Artist, Song, Year") // YEAR is a reserved word
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Genre")
	uiWantText(t, ctx, `[data-testid="q-count"]`, "Count: 1")
	uiWantCells(t, ctx, "Artist", "Ann")
	uiWantCells(t, ctx, "Year", "2010")

	// Share link, opened in a fresh browser.
	uiClick(t, ctx, "#btn-share")
	uiWait(t, ctx, "the share link", `document.getElementById("share-url")?.value.includes("#share=") || document.getElementById("share-error")?.textContent`)
	if e := uiText(t, ctx, "#share-error"); e != "" {
		t.Fatalf("share: %s", e)
	}
	uiClick(t, ctx, "#share-copy")
	var link string
	evalAsync(t, ctx, `document.getElementById("share-url").value`, &link)
	uiScreenshot(t, ctx, "share")

	// The visitor already has a playground of their own.
	other := newBrowser(t)
	openUI(t, other, "/")
	evalAsync(t, other, `window.ddbplay.send("CreateTable", { TableName: "Mine", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] })
		.then(() => window.ddbplay.waitForTable("Mine")).then(() => window.ddbplay.flush())`, nil)
	navigate(t, other, "about:blank")
	openUI(t, other, strings.TrimPrefix(link, siteURL))
	if got := uiText(t, other, `[data-testid="banner-info"]`); !strings.Contains(got, "shared playground") {
		t.Errorf("banner = %q, want the shared-playground notice", got)
	}
	var space string
	evalAsync(t, other, `window.ddbplay.space`, &space)
	if !strings.HasPrefix(space, "share-") {
		t.Errorf("shared link opened in space %q, want its own share-… space", space)
	}
	uiWait(t, other, "the Music table in the sidebar", `[...document.querySelectorAll('[data-testid="sidebar-table"]')].some((b) => b.textContent === "Music")`)
	uiWait(t, other, "the items view", `!document.getElementById("view-items").hidden`)
	// The link carries the open query too.
	uiWait(t, other, "the shared query", `document.getElementById("q-index").value === "BySong" && document.getElementById("q-pk").value === "B1" && document.getElementById("q-projection").value === "Artist, Song, Year"`)
	uiFill(t, other, "#q-projection", "")
	uiFill(t, other, "#q-index", "")
	uiFill(t, other, "#q-mode", "Scan")
	uiFill(t, other, "#q-limit", "25")
	uiRunQuery(t, other)
	uiWantText(t, other, `[data-testid="q-count"]`, "Count: 3")
	uiWantCells(t, other, "Song", "A1", "A2", "B1")
	uiWantCells(t, other, "Live", "", "", "true")
	var indexes []string
	evalAsync(t, other, `window.ddbplay.send("DescribeTable", { TableName: "Music" }).then((r) => r.Table.GlobalSecondaryIndexes.map((x) => x.IndexName).sort())`, &indexes)
	if strings.Join(indexes, ",") != "ByGenre,BySong" {
		t.Errorf("indexes after sharing = %v, want ByGenre, BySong", indexes)
	}
	uiScreenshot(t, other, "shared-link-opened")

	// Their own playground is untouched.
	own := newTab(t, other, "/")
	waitUIReady(t, own)
	var ownTables []string
	evalAsync(t, own, `window.ddbplay.send("ListTables", {}).then((r) => r.TableNames)`, &ownTables)
	if strings.Join(ownTables, ",") != "Mine" {
		t.Errorf("the visitor's own playground holds %v after opening the link, want [Mine]", ownTables)
	}

	// The same page at 360 px still lays out.
	uiRun(t, other, "narrow viewport", chromedp.EmulateViewport(360, 780))
	for _, view := range []string{"tables", "indexes", "api", "items"} {
		uiClick(t, other, "#tab-"+view)
		var overflow bool
		evalAsync(t, other, `document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow)
		if overflow {
			t.Errorf("the %s view scrolls sideways at 360 px", view)
		}
	}
	uiScreenshot(t, other, "narrow-360")
	uiClick(t, other, `[data-testid="item-row"] button`)
	uiWait(t, other, "the item editor", `document.querySelector('dialog[data-testid="item-dialog"][open]')`)
	uiScreenshot(t, other, "narrow-360-item-editor")
	uiClick(t, other, `dialog[data-testid="item-dialog"] .dialog-head button`)
	uiWaitDialogClosed(t, other, "item-dialog")

	// Keeping the shared playground asks first, then replaces the
	// visitor's own (default) space with it.
	uiRun(t, other, "wide viewport", chromedp.EmulateViewport(1400, 900))
	uiClick(t, other, "#btn-adopt")
	uiClick(t, other, `[data-testid="confirm-ok"]`)
	uiWaitAcrossNavigation(t, other, "the default space", `!!window.ddbplay && window.ddbplay.space === "default" && document.body.dataset.ready === "true"`)
	var names []string
	evalAsync(t, other, `window.ddbplay.send("ListTables", {}).then((r) => r.TableNames)`, &names)
	if strings.Join(names, ",") != "Music" {
		t.Errorf("after keeping the shared playground, default space holds %v, want [Music]", names)
	}
}

// uiShareLink builds a share URL fragment the way static/app/share.js does:
// JSON, deflate-raw, base64url.
func uiShareLink(t *testing.T, payload any) string {
	t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	if _, err := w.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return "/#share=" + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestUI_ShareLinkPayloadsNeverExecute(t *testing.T) {
	payloads := []string{
		`<img src=x onerror="window.__pwned = 'img'">`,
		`<script>window.__pwned = 'script'</script>`,
		`"><svg onload="window.__pwned = 'svg'"></svg>`,
		`javascript:window.__pwned='href'`,
		`<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
	}
	item := map[string]any{"pk": map[string]string{"S": payloads[0]}}
	for i, p := range payloads {
		item["a"+string(rune('0'+i))] = map[string]string{"S": p}
		item[p] = map[string]any{"M": map[string]any{p: map[string]string{"S": p}}}
	}
	item["list"] = map[string]any{"L": []any{map[string]string{"S": payloads[1]}}}
	item["set"] = map[string]any{"SS": payloads}
	snapshot := map[string]any{
		"format": "ddbplay-snapshot", "version": 1,
		"tables": []any{map[string]any{
			"TableName":            "Evil",
			"AttributeDefinitions": []any{map[string]string{"AttributeName": "pk", "AttributeType": "S"}},
			"KeySchema":            []any{map[string]string{"AttributeName": "pk", "KeyType": "HASH"}},
			"BillingMode":          "PAY_PER_REQUEST",
			"items":                []any{item},
		}},
	}
	link := uiShareLink(t, map[string]any{
		"format": "ddbplay-share", "version": 1, "snapshot": snapshot,
		"ui": map[string]string{"table": payloads[0], "view": payloads[1]},
	})

	ctx := newBrowser(t)
	openUI(t, ctx, link)
	uiWait(t, ctx, "the Evil table", `[...document.querySelectorAll('[data-testid="sidebar-table"]')].some((b) => b.textContent === "Evil")`)
	uiClick(t, ctx, `[data-testid="sidebar-table"]`)
	uiClick(t, ctx, "#tab-items")
	uiRunQuery(t, ctx)
	uiWantText(t, ctx, `[data-testid="q-count"]`, "Count: 1")
	uiClick(t, ctx, "#q-json-toggle")
	uiClick(t, ctx, "#q-json-toggle")
	uiClick(t, ctx, `[data-testid="item-row"] button`)
	uiWait(t, ctx, "the item editor", `document.querySelector('dialog[data-testid="item-dialog"][open]')`)
	uiClick(t, ctx, "#ie-mode")
	uiClick(t, ctx, "#ie-mode")
	uiScreenshot(t, ctx, "hostile-item")
	uiCheckLabels(t, ctx, "item editor")
	evalAsync(t, ctx, `(() => { for (const d of document.querySelectorAll('[data-testid="op-entry"]')) d.open = true; return true; })()`, nil)
	evalAsync(t, ctx, `new Promise((r) => setTimeout(r, 200))`, nil)

	var got struct {
		Pwned    any
		Injected int
		Shown    bool
	}
	evalAsync(t, ctx, `({
		Pwned: window.__pwned ?? null,
		Injected: [...document.querySelectorAll("img, script:not([src]), svg, iframe")].filter((e) =>
			!(e.tagName === "IMG" && (`+servedAsJS+`)(new URL(e.src).pathname, "favicon.svg"))).length,
		Shown: document.body.innerText.includes("<img src=x onerror="),
	})`, &got)
	if got.Pwned != nil {
		t.Errorf("a payload ran: window.__pwned = %v", got.Pwned)
	}
	if got.Injected != 0 {
		t.Errorf("%d elements from item data were created in the page", got.Injected)
	}
	if !got.Shown {
		t.Errorf("the payload text is not shown as text")
	}
}

func TestUI_TamperedShareLinkChangesNothing(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/")
	evalAsync(t, ctx, `window.ddbplay.send("CreateTable", {TableName: "Mine", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}], KeySchema: [{AttributeName: "pk", KeyType: "HASH"}]})
		.then(() => window.ddbplay.waitForTable("Mine")).then(() => window.ddbplay.flush())`, nil)
	good := uiShareLink(t, map[string]any{"format": "ddbplay-share", "version": 1,
		"snapshot": map[string]any{"format": "ddbplay-snapshot", "version": 1, "tables": []any{}}})
	cases := []struct{ name, link, want string }{
		{"not base64url", "/#share=%%%***", "not valid base64url"},
		{"not deflate", "/#share=" + base64.RawURLEncoding.EncodeToString([]byte("hello, not compressed")), "does not decompress"},
		{"truncated", good[:len(good)-6], "damaged"},
		{"not a share", uiShareLink(t, map[string]any{"format": "something-else"}), "not a ddbplay share link"},
		{"bad snapshot", uiShareLink(t, map[string]any{"format": "ddbplay-share", "version": 1, "snapshot": map[string]any{"format": "ddbplay-snapshot", "version": 99}}), "cannot be opened"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A fragment-only change does not reload the page; go via about:blank.
			navigate(t, ctx, "about:blank")
			openUI(t, ctx, c.link)
			got := uiText(t, ctx, `[data-testid="banner-error"]`)
			if !strings.Contains(got, c.want) || !strings.Contains(got, "Nothing was changed") {
				t.Errorf("banner = %q, want it to say %q and that nothing changed", got, c.want)
			}
			var names []string
			evalAsync(t, ctx, `window.ddbplay.send("ListTables", {}).then((r) => r.TableNames)`, &names)
			var space string
			evalAsync(t, ctx, `window.ddbplay.space`, &space)
			if c.name != "bad snapshot" && (space != "default" || strings.Join(names, ",") != "Mine") {
				t.Errorf("after a bad link: space %q with tables %v, want default with [Mine]", space, names)
			}
		})
	}
	navigate(t, ctx, "about:blank")
	openUI(t, ctx, "/")
	var names []string
	evalAsync(t, ctx, `window.ddbplay.send("ListTables", {}).then((r) => r.TableNames)`, &names)
	if strings.Join(names, ",") != "Mine" {
		t.Errorf("the saved playground after bad links holds %v, want [Mine]", names)
	}
}

func TestUI_SamplesImportAndRawAPI(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-samples")

	// Both sample datasets load in one click each.
	for _, c := range []struct {
		button string
		tables map[string]int
	}{
		{"#sample-music", map[string]int{"Music": 36}},
		{"#sample-forum", map[string]int{"Forum": 3, "Thread": 9, "Reply": 27}},
	} {
		uiClick(t, ctx, "#btn-data")
		uiClick(t, ctx, c.button)
		for name, n := range c.tables {
			uiWait(t, ctx, name+" loaded", `document.querySelector('[data-testid="table-row"][data-table="`+name+`"] td:nth-of-type(3)')?.textContent === "`+strconv.Itoa(n)+`"`)
		}
	}
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Music"]`)
	uiClick(t, ctx, "#tab-tables")
	uiWait(t, ctx, "the TTL setting", `document.querySelector('[data-testid="table-ttl"]')?.textContent === "disabled"`)
	uiScreenshot(t, ctx, "table-details")
	uiClick(t, ctx, "#tab-items")
	uiWait(t, ctx, "the first page", `document.querySelectorAll('[data-testid="item-row"]').length === 25`)
	uiScreenshot(t, ctx, "items-scan")
	uiClick(t, ctx, "#btn-data")
	uiScreenshot(t, ctx, "data-dialog")
	uiCheckLabels(t, ctx, "data dialog")
	uiClick(t, ctx, `dialog[data-testid="data-dialog"] .dialog-head button`)
	var indexes []string
	evalAsync(t, ctx, `window.ddbplay.send("DescribeTable", { TableName: "Music" }).then((r) => [
		...r.Table.GlobalSecondaryIndexes.map((x) => x.IndexName), ...r.Table.LocalSecondaryIndexes.map((x) => x.IndexName)])`, &indexes)
	if strings.Join(indexes, ",") != "GenreYearIndex,AlbumIndex" {
		t.Errorf("Music indexes = %v, want GenreYearIndex, AlbumIndex", indexes)
	}

	// JSON lines into the open table (Music).
	dir := t.TempDir()
	file := filepath.Join(dir, "more.jsonl")
	lines := `{"Item": {"Artist": {"S": "Zed"}, "SongTitle": {"S": "One"}, "Year": {"N": "1999"}}}
{"Item": {"Artist": {"S": "Zed"}, "SongTitle": {"S": "Two"}, "Tags": {"SS": ["x", "y"]}}}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Music"]`)
	uiClick(t, ctx, "#btn-data")
	uiRun(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{file}))
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "Music with 38 items", `document.querySelector('[data-testid="table-row"][data-table="Music"] td:nth-of-type(3)')?.textContent === "38"`)

	// All pages at once: 38 items in pages of 25.
	uiClick(t, ctx, "#tab-items")
	uiExplorerRun(t, ctx, "all pages", func() { uiClick(t, ctx, "#q-all") })
	uiWantText(t, ctx, `[data-testid="q-count"]`, "Count: 38")
	uiWantText(t, ctx, `[data-testid="q-page"]`, "All pages (2)")
	var rows int
	evalAsync(t, ctx, `document.querySelectorAll('[data-testid="item-row"]').length`, &rows)
	if rows != 38 {
		t.Errorf("all pages show %d rows, want 38", rows)
	}

	// A raw API call, with DynamoDB's error shown for a bad one.
	uiClick(t, ctx, "#tab-api")
	uiFill(t, ctx, "#api-op", "GetItem")
	uiFill(t, ctx, "#api-body", `{"TableName": "Music", "Key": {"Artist": {"S": "Zed"}, "SongTitle": {"S": "Two"}}}`)
	uiClick(t, ctx, "#api-send")
	uiWait(t, ctx, "the response", `document.getElementById("api-response").textContent.includes("Tags")`)
	uiFill(t, ctx, "#api-body", `{"TableName": "NoSuchTable", "Key": {"Artist": {"S": "Zed"}}}`)
	uiClick(t, ctx, "#api-send")
	uiWait(t, ctx, "the error", `document.getElementById("api-status").textContent.startsWith("ResourceNotFoundException: ")`)
	if got := uiText(t, ctx, "#api-response"); !strings.Contains(got, `"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"`) {
		t.Errorf("raw error response = %s", got)
	}
	uiFill(t, ctx, "#api-body", `{"TableName": "ab", "Key": {"Artist": {"S": "Zed"}}}`)
	uiClick(t, ctx, "#api-send")
	uiWait(t, ctx, "the validation error", `document.getElementById("api-status").textContent.startsWith("ValidationException: ")`)
	if got := uiText(t, ctx, "#api-response"); !strings.Contains(got, `"__type": "com.amazon.coral.validate#ValidationException"`) {
		t.Errorf("raw validation error response = %s", got)
	}
	uiScreenshot(t, ctx, "raw-api")
	uiCheckLabels(t, ctx, "raw API")

	// The item editor reports DynamoDB's error next to the form.
	uiClick(t, ctx, "#tab-items")
	uiClick(t, ctx, "#btn-create-item")
	uiFill(t, ctx, "#ie-key-0-value", "Zed")
	uiFill(t, ctx, "#ie-key-1-value", "One")
	uiClick(t, ctx, "summary:has(+ .field #ie-condition), details.condition summary")
	uiFill(t, ctx, "#ie-condition", "attribute_not_exists(#a)")
	uiFill(t, ctx, "#ie-cond-names", `{"#a": "Artist"}`)
	uiClick(t, ctx, "#ie-save")
	uiWait(t, ctx, "the condition failure", `document.getElementById("ie-error").textContent !== ""`)
	if got := uiText(t, ctx, "#ie-error"); got != "ConditionalCheckFailedException: The conditional request failed" {
		t.Errorf("editor error = %q", got)
	}
	uiScreenshot(t, ctx, "item-editor-error")
}

func TestUI_ExportAndImportBack(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-export")
	// Two tables made through the door, then the page reloaded to list them.
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		for (const name of ["Alpha", "Beta"]) {
			await db.send("CreateTable", { TableName: name, BillingMode: "PAY_PER_REQUEST",
				AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }, { AttributeName: "g", AttributeType: "S" }],
				KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
				GlobalSecondaryIndexes: [{ IndexName: "byG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } }] }); await db.waitForTable(name);
			for (let i = 0; i < 30; i++) await db.send("PutItem", { TableName: name, Item: { id: { N: String(i) }, g: { S: "g" + (i % 3) } } });
		}
		await db.flush();
		return true;
	})()`, nil)
	navigate(t, ctx, "about:blank")
	openUI(t, ctx, "/?space=ui-export")
	evalAsync(t, ctx, `(() => { window.__downloads = []; window.addEventListener("ddbplay-download", (e) => window.__downloads.push(e.detail)); return true; })()`, nil)

	// Export the whole playground and one table.
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Beta"]`)
	uiClick(t, ctx, "#btn-data")
	uiClick(t, ctx, "#data-export-all")
	uiWait(t, ctx, "the first download", `window.__downloads.length === 1`)
	uiClick(t, ctx, "#btn-data")
	uiClick(t, ctx, "#data-export-table")
	uiWait(t, ctx, "two downloads", `window.__downloads.length === 2`)
	var downloads []struct{ Filename, Text string }
	evalAsync(t, ctx, `Promise.all(window.__downloads.map(async (d) => ({ Filename: d.filename, Text: d.text ?? await d.blob.text() })))`, &downloads)
	if downloads[0].Filename != "ddbplay-ui-export.json" || downloads[1].Filename != "Beta.json" {
		t.Fatalf("downloads = %s, %s; want ddbplay-ui-export.json, Beta.json", downloads[0].Filename, downloads[1].Filename)
	}
	dir := t.TempDir()
	all := filepath.Join(dir, "all.json")
	beta := filepath.Join(dir, "Beta.json")
	if err := os.WriteFile(all, []byte(downloads[0].Text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(beta, []byte(downloads[1].Text), 0o644); err != nil {
		t.Fatal(err)
	}
	uiClick(t, ctx, ".dialog-head button")

	// Reset, then import the whole playground back (replace).
	uiClick(t, ctx, "#btn-data")
	uiClick(t, ctx, "#data-reset")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "no tables", `document.querySelectorAll('[data-testid="table-row"]').length === 0`)
	uiClick(t, ctx, "#btn-data")
	uiRun(t, ctx, "choose the export", chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{all}))
	uiClick(t, ctx, `[data-testid="choose-replace"]`)
	uiWait(t, ctx, "Alpha and Beta back", `["Alpha", "Beta"].every((n) => document.querySelector('[data-testid="table-row"][data-table="' + n + '"] td:nth-of-type(3)')?.textContent === "30")`)

	// Delete Beta, then add it back from its one-table file.
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Beta"]`)
	uiClick(t, ctx, "#tab-tables")
	uiClick(t, ctx, "#btn-delete-table")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "Beta gone", `!document.querySelector('[data-testid="table-row"][data-table="Beta"]')`)
	uiClick(t, ctx, "#btn-data")
	uiRun(t, ctx, "choose the table file", chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{beta}))
	uiClick(t, ctx, `[data-testid="choose-add"]`)
	uiWait(t, ctx, "Beta back", `document.querySelector('[data-testid="table-row"][data-table="Beta"] td:nth-of-type(3)')?.textContent === "30"`)
	var gsi []string
	evalAsync(t, ctx, `window.ddbplay.send("DescribeTable", { TableName: "Beta" }).then((r) => r.Table.GlobalSecondaryIndexes.map((x) => x.IndexName + ":" + x.Projection.ProjectionType))`, &gsi)
	if strings.Join(gsi, ",") != "byG:KEYS_ONLY" {
		t.Errorf("Beta's indexes after import = %v, want byG:KEYS_ONLY", gsi)
	}
	var alpha int
	evalAsync(t, ctx, `window.ddbplay.send("Scan", { TableName: "Alpha", Select: "COUNT" }).then((r) => r.Count)`, &alpha)
	if alpha != 30 {
		t.Errorf("Alpha holds %d items, want 30", alpha)
	}

	// Delete Beta's index from the Indexes view. With the clock paused it
	// stays DELETING (its Query and Delete off, a note saying why) until
	// the clock is stepped.
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Beta"]`)
	uiClick(t, ctx, "#tab-indexes")
	uiClick(t, ctx, "#clock-pause")
	uiWait(t, ctx, "the clock paused", `document.getElementById("clock-mode").textContent === "paused"`)
	uiClick(t, ctx, `button[aria-label="Delete index byG"]`)
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "byG DELETING", `document.querySelector('#view-indexes [data-testid="index-row"][data-index="byG"] [data-testid="index-status"]')?.textContent === "DELETING"`)
	uiWait(t, ctx, "the deletion note", `document.getElementById("ix-deleting-note")?.textContent.includes("being deleted (DELETING)")`)
	uiWait(t, ctx, "byG DELETING in the Tables tab too", `document.querySelector('#view-tables [data-testid="index-row"][data-index="byG"] [data-testid="index-status"]')?.textContent === "DELETING"`)
	var offDel struct{ Query, Delete bool }
	evalAsync(t, ctx, `({ Query: document.querySelector('button[aria-label="Query index byG"]').disabled,
		Delete: document.querySelector('button[aria-label="Delete index byG"]').disabled })`, &offDel)
	if !offDel.Query || !offDel.Delete {
		t.Errorf("the DELETING index's buttons disabled: %+v, want both", offDel)
	}
	uiShots(t, ctx, "indexes-deleting")
	uiClick(t, ctx, "#ix-clock-step")
	uiWait(t, ctx, "byG gone", `!document.querySelector('#view-indexes [data-testid="index-row"][data-index="byG"]')`)
	uiClick(t, ctx, "#clock-pause") // resume
	uiWait(t, ctx, "the clock running", `document.getElementById("clock-mode").textContent === "real time"`)
	evalAsync(t, ctx, `window.ddbplay.send("DescribeTable", { TableName: "Beta" }).then((r) => (r.Table.GlobalSecondaryIndexes || []).map((x) => x.IndexName))`, &gsi)
	if len(gsi) != 0 {
		t.Errorf("Beta's indexes after deleting byG = %v, want none", gsi)
	}
}

func TestUI_ShareTooLargePointsToFileExport(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-big")
	// About 200 KB of random text: no compression brings it under the limit.
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await db.send("CreateTable", { TableName: "Big", BillingMode: "PAY_PER_REQUEST",
			AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }], KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] }); await db.waitForTable("Big");
		const rand = () => { const b = crypto.getRandomValues(new Uint8Array(750)); return btoa(String.fromCharCode(...b)); };
		for (let i = 0; i < 200; i += 25) {
			const reqs = [];
			for (let j = i; j < i + 25; j++) reqs.push({ PutRequest: { Item: { id: { N: String(j) }, blob: { S: rand() } } } });
			await db.send("BatchWriteItem", { RequestItems: { Big: reqs } });
		}
		return true;
	})()`, nil)
	uiClick(t, ctx, "#btn-share")
	uiWait(t, ctx, "the size verdict", `document.getElementById("share-error")?.textContent !== ""`)
	if got := uiText(t, ctx, "#share-error"); !strings.Contains(got, "too large for a link") || !strings.Contains(got, "Export playground") {
		t.Errorf("share error = %q, want it to point to file export", got)
	}
	var disabled bool
	var url string
	evalAsync(t, ctx, `document.getElementById("share-copy").disabled`, &disabled)
	evalAsync(t, ctx, `document.getElementById("share-url").value`, &url)
	if !disabled || url != "" {
		t.Errorf("copy enabled %v with link %q, want no link to copy", !disabled, abbreviate(url))
	}
	if got := uiText(t, ctx, "#share-size"); !strings.Contains(got, "over the 64.0 KB") {
		t.Errorf("size = %q", got)
	}
}

func TestUI_LongImportShowsProgressAndCancels(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-cancel")
	evalAsync(t, ctx, `window.ddbplay.send("CreateTable", { TableName: "Many", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }], KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] })
		.then(() => window.ddbplay.waitForTable("Many")).then(() => window.ddbplay.flush())`, nil)
	navigate(t, ctx, "about:blank")
	openUI(t, ctx, "/?space=ui-cancel")
	const n = 20000
	var lines strings.Builder
	for i := range n {
		lines.WriteString(`{"Item": {"id": {"N": "` + strconv.Itoa(i) + `"}, "v": {"S": "value"}}}` + "\n")
	}
	file := filepath.Join(t.TempDir(), "many.jsonl")
	if err := os.WriteFile(file, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Many"]`)
	uiClick(t, ctx, "#btn-data")
	uiRun(t, ctx, "choose the file", chromedp.SetUploadFiles(chromedp.CSS("#data-file"), []string{file}))
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "progress", `!document.getElementById("task").hidden && document.getElementById("task-progress").value > 0`)
	uiScreenshot(t, ctx, "import-progress")
	uiClick(t, ctx, "#task-cancel")
	uiWait(t, ctx, "the task to end", `document.getElementById("task").hidden`)
	if got := uiText(t, ctx, "#status"); !strings.Contains(got, "Import cancelled") {
		t.Errorf("status = %q, want the cancellation reported", got)
	}
	var count int
	evalAsync(t, ctx, `window.ddbplay.send("Scan", { TableName: "Many", Select: "COUNT" }).then((r) => r.Count)`, &count)
	if count == 0 || count >= n {
		t.Errorf("after cancelling, the table holds %d items, want some but fewer than %d", count, n)
	}
}

func TestUI_AppCodeHasNoHTMLSinks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "static", "app", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no app files found: %v", err)
	}
	sinks := []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setHTMLUnsafe", "srcdoc"}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sinks {
			if strings.Contains(string(src), s) {
				t.Errorf("%s uses %s: render data with textContent and DOM APIs only", filepath.Base(f), s)
			}
		}
	}
}

func TestUI_ItemEditorAllTypesDuplicateEditDelete(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-editor")
	evalAsync(t, ctx, `window.ddbplay.send("CreateTable", { TableName: "Things", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }] })
		.then(() => window.ddbplay.waitForTable("Things")).then(() => window.ddbplay.flush())`, nil)
	navigate(t, ctx, "about:blank")
	openUI(t, ctx, "/?space=ui-editor")
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Things"]`)
	uiClick(t, ctx, "#tab-items")

	// Every type through the typed editor.
	uiClick(t, ctx, "#btn-create-item")
	uiFill(t, ctx, "#ie-key-0-value", "k1")
	scalars := [][3]string{
		{"s", "S", "hello <b>"}, {"n", "N", "42.5"}, {"b", "B", "AAEC"}, {"t", "BOOL", "true"}, {"z", "NULL", ""},
		{"ss", "SS", "a\nb"}, {"ns", "NS", "1\n2"}, {"bs", "BS", "AA==\nAQ=="}, {"m", "M", ""}, {"l", "L", ""},
	}
	for i, a := range scalars {
		uiClick(t, ctx, "#ie-add-attr")
		id := "#ie-attr-" + strconv.Itoa(i)
		uiFill(t, ctx, id+"-name", a[0])
		uiFill(t, ctx, id+"-type", a[1])
		if a[1] != "NULL" && a[1] != "M" && a[1] != "L" {
			uiFill(t, ctx, id+"-value", a[2])
		}
	}
	uiClick(t, ctx, "#ie-attr-8-value > button")
	uiFill(t, ctx, "#ie-attr-8-value > div.attr-row:last-of-type > input", "inner")
	uiFill(t, ctx, "#ie-attr-8-value > div.attr-row:last-of-type .value input", "x")
	uiClick(t, ctx, "#ie-attr-9-value > button")
	uiFill(t, ctx, "#ie-attr-9-value > div.attr-row:last-of-type > select", "N")
	uiFill(t, ctx, "#ie-attr-9-value > div.attr-row:last-of-type .value input", "7")
	want := `{"pk": {"S": "k1"}, "s": {"S": "hello <b>"}, "n": {"N": "42.5"}, "b": {"B": "AAEC"}, "t": {"BOOL": true},
		"z": {"NULL": true}, "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AA==", "AQ=="]},
		"m": {"M": {"inner": {"S": "x"}}}, "l": {"L": [{"N": "7"}]}}`
	uiClick(t, ctx, "#ie-mode")
	var asJSON string
	evalAsync(t, ctx, `document.getElementById("ie-json").value`, &asJSON)
	if got, w := canonical(t, asJSON), canonical(t, want); !reflect.DeepEqual(got, w) {
		t.Errorf("the typed editor built\n%s\nwant %s", asJSON, want)
	}
	uiScreenshot(t, ctx, "item-editor-json")
	uiClick(t, ctx, "#ie-mode")
	uiClick(t, ctx, "#ie-save")
	uiWaitDialogClosed(t, ctx, "item-dialog")
	getItem := func(pk string) string {
		var item string
		evalAsync(t, ctx, `window.ddbplay.send("GetItem", { TableName: "Things", Key: { pk: { S: "`+pk+`" } } }).then((r) => JSON.stringify(r.Item ?? null))`, &item)
		return item
	}
	if got := getItem("k1"); !reflect.DeepEqual(canonical(t, got), canonical(t, want)) {
		t.Errorf("stored item\n%s\nwant %s", got, want)
	}

	// Duplicate under a new key.
	uiWait(t, ctx, "the new row", `document.querySelectorAll('[data-testid="item-row"]').length === 1`)
	uiClick(t, ctx, `[data-testid="item-row"] button`)
	uiClick(t, ctx, "#ie-duplicate")
	uiWait(t, ctx, "the duplicate dialog", `document.querySelector('dialog[data-testid="item-dialog"][open] h2')?.textContent === "Duplicate item"`)
	uiFill(t, ctx, "#ie-key-0-value", "k2")
	uiClick(t, ctx, "#ie-save")
	uiWaitDialogClosed(t, ctx, "item-dialog")
	if got, w := getItem("k2"), strings.Replace(want, `"k1"`, `"k2"`, 1); !reflect.DeepEqual(canonical(t, got), canonical(t, w)) {
		t.Errorf("duplicate\n%s\nwant %s", got, w)
	}

	// Edit one attribute of k2, then delete k1.
	uiWait(t, ctx, "two rows", `document.querySelectorAll('[data-testid="item-row"]').length === 2`)
	var rowK2 int
	evalAsync(t, ctx, `[...document.querySelectorAll('[data-testid="item-row"]')].findIndex((tr) => tr.children[1].textContent === "k2")`, &rowK2)
	uiClick(t, ctx, `[data-testid="item-row"]:nth-child(`+strconv.Itoa(rowK2+1)+`) button`)
	var sRow int
	evalAsync(t, ctx, `[...document.querySelectorAll('[id^="ie-attr-"][id$="-name"]')].findIndex((el) => el.value === "s")`, &sRow)
	uiFill(t, ctx, "#ie-attr-"+strconv.Itoa(sRow)+"-value", "changed")
	// The key cannot change on edit, even through the JSON text.
	uiClick(t, ctx, "#ie-mode")
	var text string
	evalAsync(t, ctx, `document.getElementById("ie-json").value`, &text)
	uiFill(t, ctx, "#ie-json", strings.Replace(text, `"k2"`, `"k9"`, 1))
	uiClick(t, ctx, "#ie-save")
	uiWait(t, ctx, "the key error", `document.getElementById("ie-error").textContent.includes("cannot change")`)
	uiFill(t, ctx, "#ie-json", text)
	uiClick(t, ctx, "#ie-save")
	uiWaitDialogClosed(t, ctx, "item-dialog")
	if got := getItem("k2"); !strings.Contains(got, `"s":{"S":"changed"}`) || !strings.Contains(got, `"inner":{"S":"x"}`) {
		t.Errorf("edited item = %s", got)
	}
	uiWait(t, ctx, "two rows", `document.querySelectorAll('[data-testid="item-row"]').length === 2`)
	var rowK1 int
	evalAsync(t, ctx, `[...document.querySelectorAll('[data-testid="item-row"]')].findIndex((tr) => tr.children[1].textContent === "k1")`, &rowK1)
	uiClick(t, ctx, `[data-testid="item-row"]:nth-child(`+strconv.Itoa(rowK1+1)+`) button`)
	uiClick(t, ctx, "#ie-delete")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWaitDialogClosed(t, ctx, "item-dialog")
	if got := getItem("k1"); got != "null" {
		t.Errorf("k1 after delete = %s, want no item", got)
	}
	uiWait(t, ctx, "one row", `document.querySelectorAll('[data-testid="item-row"]').length === 1`)
}

func TestUI_KeyboardOnly(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-keys")
	focused := func() string {
		var id string
		evalAsync(t, ctx, `document.activeElement ? document.activeElement.id : ""`, &id)
		return id
	}
	// Arrow keys move between the view tabs.
	uiRun(t, ctx, "focus the tabs", chromedp.Focus(chromedp.CSS("#tab-tables")))
	uiRun(t, ctx, "arrow right", chromedp.KeyEvent(kb.ArrowRight))
	if got := focused(); got != "tab-items" {
		t.Errorf("after ArrowRight focus is on %q, want tab-items", got)
	}
	var selected string
	evalAsync(t, ctx, `document.querySelector('[role="tab"][aria-selected="true"]').id`, &selected)
	if selected != "tab-items" {
		t.Errorf("selected tab = %q, want tab-items", selected)
	}
	uiRun(t, ctx, "end", chromedp.KeyEvent(kb.End))
	if got := focused(); got != "tab-lab" {
		t.Errorf("after End focus is on %q, want tab-lab (the last tab)", got)
	}
	// Create a table with the keyboard alone: Enter on the button, type,
	// Enter submits; Escape closes a dialog.
	uiRun(t, ctx, "focus create", chromedp.Focus(chromedp.CSS("#sidebar-create")))
	uiRun(t, ctx, "enter", chromedp.KeyEvent(kb.Enter))
	uiWait(t, ctx, "the create dialog", `document.querySelector('dialog[data-testid="create-table-dialog"][open]')`)
	if got := focused(); got != "ct-name" {
		t.Errorf("the dialog opened with focus on %q, want ct-name", got)
	}
	uiRun(t, ctx, "type the name", chromedp.KeyEvent("Keys"), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent("id"), chromedp.KeyEvent(kb.Enter))
	uiWaitDialogClosed(t, ctx, "create-table-dialog")
	uiWait(t, ctx, "the Keys table", `document.querySelector('[data-testid="table-row"][data-table="Keys"]')`)
	uiRun(t, ctx, "focus create", chromedp.Focus(chromedp.CSS("#sidebar-create")))
	uiRun(t, ctx, "enter", chromedp.KeyEvent(kb.Enter))
	uiWait(t, ctx, "the create dialog", `document.querySelector('dialog[data-testid="create-table-dialog"][open]')`)
	uiRun(t, ctx, "escape", chromedp.KeyEvent(kb.Escape))
	uiWaitDialogClosed(t, ctx, "create-table-dialog")
}

// TestUI_ClickReachesAButtonDrawnAgain: uiClick clicks a button that the
// page draws again and again, as a view's
// refresh does (a new node in the old one's place every few milliseconds):
// each press of the mouse reaches the button on the screen, none fails on a
// node that left the document between finding it and pressing. (A click
// whose press and release fall on two drawings of the button is no click,
// for a person too: the test counts the presses.)
func TestUI_ClickReachesAButtonDrawnAgain(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-redraw")
	evalAsync(t, ctx, `(() => {
		window.redrawPresses = 0;
		const draw = () => {
			const b = document.createElement("button");
			b.id = "redrawn";
			b.textContent = "Redrawn";
			b.style.cssText = "position: fixed; left: 40%; top: 40%; z-index: 1000";
			b.addEventListener("mousedown", () => window.redrawPresses++);
			const old = document.getElementById("redrawn");
			if (old) old.replaceWith(b); else document.body.append(b);
		};
		draw();
		window.redrawTimer = setInterval(draw, 2);
		return true;
	})()`, nil)
	const clicks = 40
	for range clicks {
		uiClick(t, ctx, "#redrawn")
	}
	var got int
	evalAsync(t, ctx, `(clearInterval(window.redrawTimer), window.redrawPresses)`, &got)
	if got != clicks {
		t.Errorf("the redrawn button got %d presses of the mouse, want %d", got, clicks)
	}
}

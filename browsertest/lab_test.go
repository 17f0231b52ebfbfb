package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The large-tables lab (static/app/lab/) driven through its visible
// controls only: a provisioned 5 RCU / 5 WCU table made with the create
// form throttles a one-hot-key write load, the chart, the partitions and
// the operation log show it, raising capacity with the lab's UpdateTable
// form makes the same load pass, and a replica lag shows a stale
// eventually consistent read next to a fresh strongly consistent one.

// labShot scrolls sel into view and saves the viewport as
// build/screenshots/name.png.
func labShot(t *testing.T, ctx context.Context, sel, name string) {
	t.Helper()
	uiRun(t, ctx, "scroll to "+sel, chromedp.ScrollIntoView(chromedp.CSS(sel)))
	uiScreenshot(t, ctx, name)
}

// labFullShot saves the whole page as build/screenshots/name.png.
func labFullShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, uiTimeout)
	defer cancel()
	buf, err := chromedp.Run(c, chromedp.FullScreenshot(100))
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

// labRunLoad fills the load generator's form and runs it to the end.
func labRunLoad(t *testing.T, ctx context.Context, rps, seconds, dist string) {
	t.Helper()
	uiFill(t, ctx, "#load-reads", "0")
	uiFill(t, ctx, "#load-rps", rps)
	uiFill(t, ctx, "#load-duration", seconds)
	uiFill(t, ctx, "#load-size", "1000")
	uiFill(t, ctx, "#load-dist", dist)
	uiEval(t, ctx, `document.getElementById("load-summary").replaceChildren()`)
	uiClick(t, ctx, "#load-run")
	c, cancel := context.WithTimeout(ctx, 3*uiTimeout)
	defer cancel()
	err := evalErr(c, `new Promise((resolve) => {
		const tick = () => document.querySelector('[data-testid="load-summary"]') && !document.getElementById("load-run").disabled ? resolve(true) : setTimeout(tick, 50);
		tick();
	})`, nil)
	if err != nil {
		t.Fatalf("waiting for the load's summary: %v; task: %q; error: %q", err, uiText(t, ctx, "#task-label"), uiText(t, ctx, "#load-error"))
	}
	t.Logf("load of %s/s for %s s: %s", rps, seconds, uiText(t, ctx, `[data-testid="load-summary"] h4`))
}

// uiEval evaluates a JavaScript expression for its effect.
func uiEval(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	evalAsync(t, ctx, js, nil)
}

func labNumber(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	text := uiText(t, ctx, sel)
	f := strings.Fields(strings.ReplaceAll(text, ",", ""))
	if len(f) == 0 {
		t.Fatalf("%s is empty", sel)
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		t.Fatalf("%s = %q: %v", sel, text, err)
	}
	return n
}

func TestUI_LargeTablesLab(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-lab")
	uiRun(t, ctx, "viewport 1280", chromedp.EmulateViewport(1280, 900))

	// A provisioned 5 RCU / 5 WCU table with a GSI, through the create form.
	uiClick(t, ctx, "#btn-create-table")
	uiFill(t, ctx, "#ct-name", "Hot")
	uiFill(t, ctx, "#ct-pk-name", "id")
	uiFill(t, ctx, "#ct-billing", "PROVISIONED")
	uiFill(t, ctx, "#ct-rcu", "5")
	uiFill(t, ctx, "#ct-wcu", "5")
	uiClick(t, ctx, "#ct-add-gsi")
	uiFill(t, ctx, "#ct-gsi-0-name", "ByG")
	uiFill(t, ctx, "#ct-gsi-0-pk-name", "g")
	uiFill(t, ctx, "#ct-gsi-0-rcu", "50")
	uiFill(t, ctx, "#ct-gsi-0-wcu", "50")
	uiClick(t, ctx, "#ct-submit")
	uiWaitDialogClosed(t, ctx, "create-table-dialog")

	// The lab, from the keyboard: focus the tabs, End goes to the last one, the lab.
	uiRun(t, ctx, "focus the API tab", chromedp.Focus(chromedp.CSS("#tab-api")))
	uiRun(t, ctx, "End to the lab", chromedp.KeyEvent(kb.End))
	uiWait(t, ctx, "the lab shows the Hot table", `!document.getElementById("view-lab").hidden && document.getElementById("lab-table").value === "Hot" && document.getElementById("lab-cap-facts")`)
	if got := uiText(t, ctx, "#lab-cap-facts"); !strings.Contains(got, "5 RCU · 5 WCU") || !strings.Contains(got, "index ByG") {
		t.Fatalf("capacity facts = %q, want the table's 5 RCU · 5 WCU and index ByG", got)
	}
	uiCheckLabels(t, ctx, "lab")
	labShot(t, ctx, "#lab-cap", "lab-capacity-1280")

	// A one-hot-key write load of 10 writes/s of 1 KB for 5 minutes: over 5
	// WCU. The clock is paused first (from its bar), so that the table's
	// capacity stays used up afterwards.
	uiClick(t, ctx, "#clock-pause")
	uiWait(t, ctx, "the clock paused", `document.getElementById("clock-mode").textContent === "paused"`)
	labRunLoad(t, ctx, "10", "300", "hot")
	throttled := labNumber(t, ctx, `[data-testid="load-throttled"]`)
	ok := labNumber(t, ctx, `[data-testid="load-ok"]`)
	if throttled == 0 || ok+throttled != 3000 {
		t.Fatalf("hot load: %d ok, %d throttled; want some throttled out of 3,000", ok, throttled)
	}
	if got := uiText(t, ctx, `[data-testid="load-hot-partition"]`); got != "#0" {
		t.Errorf("hottest partition = %q, want #0 (the table has one)", got)
	}
	if got := uiText(t, ctx, "#load-summary"); !strings.Contains(got, "WriteCapacityUnits") {
		t.Errorf("summary %q does not say to raise WriteCapacityUnits", got)
	}
	labShot(t, ctx, `[data-testid="load-summary"]`, "lab-load-throttled-1280")
	labShot(t, ctx, "#lab-chart", "lab-chart-throttled-1280")
	// The chart shows throttled writes: its table alternative lists them.
	uiClick(t, ctx, "#lab-chart-write summary")
	uiWait(t, ctx, "the write chart's table", `document.querySelector('[data-testid="lab-chart-write-table"] tbody tr')`)
	var chartThrottled float64
	evalAsync(t, ctx, `(() => {
		const table = document.querySelector('[data-testid="lab-chart-write-table"]');
		const col = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent === "throttled");
		return [...table.querySelectorAll("tbody tr")].reduce((n, tr) => n + Number(tr.children[col].textContent.replace(/,/g, "")), 0);
	})()`, &chartThrottled)
	if chartThrottled <= 0 {
		t.Errorf("the write chart's table shows %v throttled WCU, want > 0", chartThrottled)
	}
	if label := uiAttr(t, ctx, "#lab-chart-write svg", "aria-label"); !strings.Contains(label, "throttled: peak") || strings.Contains(label, "throttled: peak 0,") {
		t.Errorf("chart label %q does not report throttled writes", label)
	}
	// The chart's numbers are the engine's own series (capacity()): the
	// write chart's consumed WCU add up to the table's history, and the
	// requests chart counts every throttled request of the load.
	var sums struct{ Chart, Engine, Throttled float64 }
	uiClick(t, ctx, "#lab-chart-requests summary")
	uiWait(t, ctx, "the requests chart's table", `document.querySelector('[data-testid="lab-chart-requests-table"] tbody tr')`)
	evalAsync(t, ctx, `(async () => {
		const column = (id, name) => {
			const table = document.querySelector('[data-testid="' + id + '-table"]');
			const col = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent === name);
			return [...table.querySelectorAll("tbody tr")].reduce((n, tr) => n + Number(tr.children[col].textContent.replace(/,/g, "")), 0);
		};
		const cap = await window.ddbplay.capacity("Hot");
		return {
			Chart: column("lab-chart-write", "consumed"),
			Engine: cap.tables[0].resources[0].seconds.reduce((n, s) => n + (s.consumedWrite || 0), 0),
			Throttled: column("lab-chart-requests", "throttled"),
		};
	})()`, &sums)
	if sums.Chart != sums.Engine || sums.Chart <= 0 {
		t.Errorf("the write chart shows %v consumed WCU, the engine's history %v", sums.Chart, sums.Engine)
	}
	if int(sums.Throttled) != throttled {
		t.Errorf("the requests chart shows %v throttled requests, the load %d", sums.Throttled, throttled)
	}
	// A provisioned table's burst balance, per active second, as a table too.
	uiClick(t, ctx, "#lab-chart-burst summary")
	uiWait(t, ctx, "the burst chart's table", `document.querySelector('[data-testid="lab-chart-burst-table"] tbody tr')`)
	labShot(t, ctx, "#lab-chart", "lab-chart-tables-1280")
	uiClick(t, ctx, "#lab-chart-burst summary")
	uiClick(t, ctx, "#lab-chart-requests summary")
	// The partition picture marks partition #0 as throttled.
	uiWait(t, ctx, "a throttled partition", `document.querySelector('#lab-partitions .part.throttled')`)
	// The operation log: the first throttled request, with its receipt.
	uiWait(t, ctx, "a throttled entry in the log", `[...document.querySelectorAll('[data-testid="op-entry"]')].some((e) => e.textContent.includes("ProvisionedThroughputExceededException") && e.textContent.includes("partition touched: #0"))`)
	if got := uiText(t, ctx, `[data-testid="op-entry"] [data-testid="op-receipt"]`); !strings.Contains(got, "TableWriteProvisionedThroughputExceeded") {
		t.Errorf("receipt of the throttled request = %q, want its ThrottlingReasons", got)
	}
	uiClick(t, ctx, "#lab-chart-write summary") // closes the table again
	labShot(t, ctx, "#lab-parts", "lab-partitions-1280")

	// A throttling error in another form explains itself and leads to the
	// lab: with the clock still paused (no capacity comes back), a 3 KB
	// PutItem from the API tab.
	uiClick(t, ctx, "#tab-api")
	uiFill(t, ctx, "#api-op", "PutItem")
	// The template fills in (it may look up an item of the table first); then ours.
	uiWait(t, ctx, "the PutItem template", `document.getElementById("api-body").value.includes('"Item"')`)
	big := `{"TableName": "Hot", "Item": {"id": {"S": "k1"}, "data": {"S": "` + strings.Repeat("x", 3000) + `"}}}`
	uiFill(t, ctx, "#api-body", big)
	uiWait(t, ctx, "our request in the form", `document.getElementById("api-body").value.length > 3000`)
	// A token bucket with anything left admits one request into debt
	// ("burst capacity"), so the first PutItem may pass; the second one
	// finds the balance at or below zero and the clock paused: throttled.
	uiClick(t, ctx, "#api-send")
	uiWait(t, ctx, "the first answer", `document.getElementById("api-status").textContent !== ""`)
	uiEval(t, ctx, `document.getElementById("api-status").textContent = ""`)
	uiClick(t, ctx, "#api-send")
	uiWait(t, ctx, "the second answer", `document.getElementById("api-status").textContent !== ""`)
	if got := uiText(t, ctx, "#api-status"); !strings.HasPrefix(got, "ProvisionedThroughputExceededException") {
		t.Fatalf("the second 3 KB PutItem on a paused, used-up 5 WCU table answered %q", got)
	}
	uiWait(t, ctx, "the throttling banner", `document.querySelector('[data-testid="banner-throttled"]')`)
	if got := uiText(t, ctx, `[data-testid="banner-throttled"]`); !strings.Contains(got, "TableWriteProvisionedThroughputExceeded on table/Hot") {
		t.Errorf("throttling banner = %q, want the reason and the table", got)
	}
	uiScreenshot(t, ctx, "lab-throttle-banner-1280")
	uiClick(t, ctx, "#banner-open-lab")
	uiWait(t, ctx, "the lab open again", `!document.getElementById("view-lab").hidden && document.activeElement.id === "tab-lab"`)
	uiClick(t, ctx, "#clock-pause")
	uiWait(t, ctx, "the clock running", `document.getElementById("clock-mode").textContent === "real time"`)

	// Raise capacity with the lab's form; a decrease below 1 shows DynamoDB's error first.
	uiFill(t, ctx, "#lab-cap-wcu", "0")
	uiClick(t, ctx, "#lab-cap-apply")
	uiWait(t, ctx, "UpdateTable's error", `document.getElementById("lab-cap-error").textContent.includes("ValidationException")`)
	uiFill(t, ctx, "#lab-cap-wcu", "50")
	uiClick(t, ctx, "#lab-cap-apply")
	uiWait(t, ctx, "the new capacity", `document.getElementById("lab-cap-facts") && document.getElementById("lab-cap-facts").textContent.includes("5 RCU · 50 WCU")`)
	// The index gets 1,500 WCU: two partitions (a partition serves at most
	// 1,000 WCU), each with its own series to chart.
	uiWait(t, ctx, "the form shows 50 WCU", `document.getElementById("lab-cap-wcu").value === "50"`)
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Hot").then(() => true)`, nil) // UPDATING after a change, as on DynamoDB
	uiFill(t, ctx, "#lab-cap-gsi-0-wcu", "1500")
	uiClick(t, ctx, "#lab-cap-apply")
	uiWait(t, ctx, "the index's partitions", `[...document.getElementById("lab-chart-resource").options].some((o) => o.textContent === "index ByG, partition #2")`)
	uiFill(t, ctx, "#lab-chart-resource", "1:2")
	uiWait(t, ctx, "the index partition's charts", `document.querySelector("#lab-chart-requests figcaption").textContent.includes("index ByG, partition #2")`)
	labShot(t, ctx, "#lab-chart", "lab-chart-index-partition-1280")
	uiFill(t, ctx, "#lab-chart-resource", "0")

	// The same load no longer throttles.
	labRunLoad(t, ctx, "10", "300", "hot")
	if n := labNumber(t, ctx, `[data-testid="load-throttled"]`); n != 0 {
		t.Errorf("after raising to 50 WCU the same load had %d throttled requests, want 0", n)
	}
	if n := labNumber(t, ctx, `[data-testid="load-ok"]`); n != 3000 {
		t.Errorf("after raising: %d succeeded, want 3,000", n)
	}

	// A bad spec gets the engine's own message, and nothing runs.
	uiFill(t, ctx, "#load-rps", "0")
	uiClick(t, ctx, "#load-run")
	uiWait(t, ctx, "the load's error", `document.getElementById("load-error").textContent.includes("Requests per second must be between 1 and 100,000.") && !document.getElementById("load-run").disabled`)

	// A mixed load: half reads (half of them Query), half writes (half of
	// them UpdateItem), keys by Zipf's law; the summary counts each.
	uiFill(t, ctx, "#load-reads", "50")
	uiFill(t, ctx, "#load-queries", "50")
	uiFill(t, ctx, "#load-updates", "50")
	uiFill(t, ctx, "#load-keys", "100")
	uiFill(t, ctx, "#load-rps", "20")
	uiFill(t, ctx, "#load-duration", "60")
	uiFill(t, ctx, "#load-dist", "zipf")
	uiEval(t, ctx, `document.getElementById("load-summary").replaceChildren()`)
	uiClick(t, ctx, "#load-run")
	uiWait(t, ctx, "the mixed load's summary", `document.querySelector('[data-testid="load-summary"]') && !document.getElementById("load-run").disabled`)
	ops := uiText(t, ctx, `[data-testid="load-ops"]`)
	total := 0
	for _, part := range strings.Split(ops, " · ") {
		f := strings.Fields(strings.ReplaceAll(part, ",", ""))
		n, err := strconv.Atoi(f[0])
		if err != nil || len(f) != 2 || n == 0 {
			t.Errorf("mixed load: %q in %q, want a count above 0 of each operation", part, ops)
		}
		total += n
	}
	if total != 1200 || !strings.Contains(ops, "Query") || !strings.Contains(ops, "UpdateItem") {
		t.Errorf("mixed load sent %q, want 1,200 GetItem, Query, PutItem and UpdateItem requests", ops)
	}
	labShot(t, ctx, `[data-testid="load-summary"]`, "lab-load-mixed-1280")
	// Item collections: the partition table shows the engine's count when it has one.
	var colls struct {
		Engine []float64
		Shown  []string
		Header bool
	}
	evalAsync(t, ctx, `(async () => {
		const cap = await window.ddbplay.capacity("Hot");
		return {
			Engine: cap.tables[0].resources[0].partitions.filter((p) => "itemCollections" in p).map((p) => p.itemCollections),
			Shown: [...document.querySelectorAll('[data-testid="partitions-table"] [data-testid="partition-collections"]')].map((td) => td.textContent),
			Header: [...document.querySelectorAll('[data-testid="partitions-table"] thead th')].some((th) => th.textContent === "Item collections"),
		};
	})()`, &colls)
	if colls.Header != (len(colls.Engine) > 0) || len(colls.Shown) != len(colls.Engine) {
		t.Errorf("item collections: engine %v, shown %v (header %v)", colls.Engine, colls.Shown, colls.Header)
	}
	for i, n := range colls.Engine {
		if i < len(colls.Shown) && colls.Shown[i] != strconv.FormatFloat(n, 'f', -1, 64) {
			t.Errorf("partition %d shows %q item collections, the engine counts %v", i, colls.Shown[i], n)
		}
	}

	// Consistency: a 500 ms lag, then a write read both ways at once.
	uiFill(t, ctx, "#cons-lag", "500")
	uiClick(t, ctx, "#cons-lag-apply")
	uiWait(t, ctx, "the lag is set", `document.getElementById("cons-lag-now").textContent.includes("500 ms")`)
	uiClick(t, ctx, "#cons-run")
	uiWait(t, ctx, "the reads", `document.querySelector('[data-testid="cons-strong"]')`)
	if got := uiText(t, ctx, `[data-testid="cons-strong"]`); !strings.Contains(got, "Fresh") {
		t.Errorf("strongly consistent read = %q, want fresh", got)
	}
	var stale, fresh int
	evalAsync(t, ctx, `document.querySelectorAll('[data-testid="cons-eventual"] [data-testid="read-stale"]').length`, &stale)
	evalAsync(t, ctx, `document.querySelectorAll('[data-testid="cons-eventual"] [data-testid="read-fresh"]').length`, &fresh)
	if stale == 0 || stale+fresh != 6 {
		t.Errorf("eventually consistent reads: %d stale, %d fresh; want at least one stale of 6", stale, fresh)
	}
	if got := uiText(t, ctx, `[data-testid="cons-index"]`); !strings.Contains(got, "Stale") {
		t.Errorf("index query right after the write = %q, want stale", got)
	}
	labShot(t, ctx, "#lab-cons", "lab-consistency-1280")

	// Where does a key land?
	uiFill(t, ctx, "#lab-key-value", "k0")
	uiClick(t, ctx, "#lab-key-find")
	uiWait(t, ctx, "the key's partition", `document.getElementById("lab-key-result").textContent.includes("lands in partition #0")`)

	// The clock bar is there in every view.
	uiClick(t, ctx, "#tab-tables")
	uiWait(t, ctx, "the clock bar", `document.getElementById("clock-time").textContent.includes("UTC")`)

	// Narrow screens: 360 and 390 px, nothing wider than the viewport.
	uiClick(t, ctx, "#tab-lab")
	for _, w := range []int64{360, 390} {
		uiRun(t, ctx, "narrow viewport", chromedp.EmulateViewport(w, 800))
		uiWait(t, ctx, "the lab laid out", `document.getElementById("lab-cap-facts")`)
		var wide []string
		evalAsync(t, ctx, `[...document.querySelectorAll("#view-lab *, #clock *")].filter((el) => {
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.right > innerWidth + 1 && !el.closest(".scroll");
		}).map((el) => el.id || el.className || el.tagName).slice(0, 10)`, &wide)
		if len(wide) > 0 {
			t.Errorf("at %d px these overflow the viewport: %v", w, wide)
		}
		// The partition tables fit too: each row stands as a card.
		var overflow []float64
		evalAsync(t, ctx, `[...document.querySelectorAll("#lab-partitions .scroll")].map((b) => b.scrollWidth - b.clientWidth)`, &overflow)
		for _, o := range overflow {
			if o > 0 || len(overflow) != 2 {
				t.Errorf("at %d px the partition tables scroll sideways: %v px too wide", w, overflow)
				break
			}
		}
		n := strconv.FormatInt(w, 10)
		labShot(t, ctx, "#clock", "lab-clock-"+n)
		labShot(t, ctx, "#lab-cap", "lab-capacity-"+n)
		labShot(t, ctx, "#lab-load", "lab-load-"+n)
		labShot(t, ctx, "#lab-chart", "lab-chart-"+n)
		labShot(t, ctx, "#lab-parts", "lab-partitions-"+n)
		labShot(t, ctx, "#lab-cons", "lab-consistency-"+n)
	}
	uiRun(t, ctx, "viewport 1280", chromedp.EmulateViewport(1280, 900))
	labFullShot(t, ctx, "lab-full-1280")
}

// uiAttr returns attribute name of sel ("" if absent).
func uiAttr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	var s string
	evalAsync(t, ctx, `(document.querySelector(`+strconv.Quote(sel)+`) || { getAttribute: () => "" }).getAttribute(`+strconv.Quote(name)+`) || ""`, &s)
	return s
}

// TestHost_ExportIsNotARead: saving the playground (exportSnapshot) reads
// every item but is not a DynamoDB read, so with throughput enforced it is
// neither throttled nor charged to the table, however small its capacity.
func TestHost_ExportIsNotARead(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Chars    int
		Consumed float64
		Error    string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await db.clock("pause");
		const pad = "x".repeat(990);
		await db.importSnapshot({format: "ddbplay-snapshot", version: 1, tables: [{TableName: "Small",
			BillingMode: "PROVISIONED", ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1},
			AttributeDefinitions: [{AttributeName: "id", AttributeType: "S"}],
			KeySchema: [{AttributeName: "id", KeyType: "HASH"}],
			items: Array.from({length: 200}, (_, i) => ({id: {S: "k" + i}, data: {S: pad}}))}]});
		const r = {};
		try {
			r.Chars = (await db.exportSnapshotText()).length;
		} catch (e) {
			r.Error = e.name + ": " + e.message;
		}
		const cap = await db.capacity("Small");
		r.Consumed = cap.tables[0].resources[0].partitions.reduce((n, p) => n + p.seconds.reduce((m, s) => m + s.consumedRead, 0), 0);
		await db.clock("resume");
		return r;
	})()`, &got)
	if got.Error != "" || got.Chars < 200*990 {
		t.Fatalf("export of 200 KB from a 1-RCU table: %d chars, error %q", got.Chars, got.Error)
	}
	if got.Consumed != 0 {
		t.Errorf("the export consumed %v RCU of the table, want 0", got.Consumed)
	}
}

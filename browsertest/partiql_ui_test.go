package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestUI_PartiQLEditorAndStream runs PartiQL statements from the page's
// editor (parameters, results grid, errors) and reads the table's stream in
// the stream viewer, at 1280 px and 390 px.
func TestUI_PartiQLEditorAndStream(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-partiql")
	uiRun(t, ctx, "viewport", chromedp.EmulateViewport(1280, 900))
	evalAsync(t, ctx, `window.ddbplay.send("CreateTable", { TableName: "Music", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{ AttributeName: "Artist", AttributeType: "S" }, { AttributeName: "Song", AttributeType: "S" }],
		KeySchema: [{ AttributeName: "Artist", KeyType: "HASH" }, { AttributeName: "Song", KeyType: "RANGE" }] })
		.then(() => window.ddbplay.waitForTable("Music")).then(() => true)`, nil)
	uiClick(t, ctx, "#tab-partiql")
	uiCheckLabels(t, ctx, "PartiQL editor")

	// The table has no stream yet: turn one on from the viewer.
	evalAsync(t, ctx, `window.ddbplay.send("ListTables", {}).then(() => true)`, nil)
	uiFill(t, ctx, "#pq-statement", `INSERT INTO "Music" VALUE {'Artist': ?, 'Song': 'Happy Day', 'Plays': 3}`)
	uiFill(t, ctx, "#pq-params", `[{"S": "Acme Band"}]`)
	uiClick(t, ctx, "#pq-run")
	uiWait(t, ctx, "the INSERT", `document.getElementById("pq-status").textContent === "Done."`)

	uiFill(t, ctx, "#pq-statement", `SELECT Song, Plays FROM "Music" WHERE Artist = 'Acme Band'`)
	uiFill(t, ctx, "#pq-params", "")
	uiClick(t, ctx, "#pq-run")
	uiWait(t, ctx, "the SELECT's grid", `document.querySelector("#pq-grid tbody tr")`)
	if got := uiText(t, ctx, "#pq-grid tbody"); !strings.Contains(got, "Happy Day") || !strings.Contains(got, "3") {
		t.Errorf("results grid = %q", got)
	}

	uiFill(t, ctx, "#pq-statement", `INSERT INTO "Music" VALUE {'Artist': 'Acme Band', 'Song': 'Happy Day'}`)
	uiClick(t, ctx, "#pq-run")
	uiWait(t, ctx, "the duplicate's error", `document.getElementById("pq-status").classList.contains("error")`)
	if got := uiText(t, ctx, "#pq-status"); !strings.Contains(got, "Duplicate primary key exists in table") {
		t.Errorf("duplicate INSERT status = %q", got)
	}

	// The stream viewer: turn the stream on, write, read the records.
	evalAsync(t, ctx, `(async () => { await window.ddbplay.send("DescribeTable", { TableName: "Music" }); return true; })()`, nil)
	var open string
	evalAsync(t, ctx, `(async () => {
		// Open the table as the sidebar does, so the viewer follows it.
		const link = [...document.querySelectorAll("#table-list button, #table-list a")].find((b) => b.textContent.includes("Music"));
		if (link) link.click();
		return link ? "clicked" : "none";
	})()`, &open)
	uiClick(t, ctx, "#tab-partiql")
	// The viewer may draw itself again while the table's state settles, so
	// the button is found and clicked in one step (no stale node).
	uiWait(t, ctx, "the stream's button", `document.getElementById("stream-enable")`)
	evalAsync(t, ctx, `(document.getElementById("stream-enable").click(), true)`, nil)
	uiWait(t, ctx, "the stream", `document.getElementById("stream-read")`)
	uiFill(t, ctx, "#pq-statement", `UPDATE "Music" SET Plays = Plays + 1 WHERE Artist = 'Acme Band' AND Song = 'Happy Day'`)
	uiClick(t, ctx, "#pq-run")
	uiWait(t, ctx, "the UPDATE", `document.getElementById("pq-status").textContent === "Done."`)
	uiClick(t, ctx, "#stream-read")
	uiWait(t, ctx, "the stream record", `document.querySelector("#stream-grid tbody tr")`)
	var rows int
	evalAsync(t, ctx, `document.querySelectorAll("#stream-grid tbody tr").length`, &rows)
	if rows != 1 {
		t.Errorf("stream viewer shows %d records, want the one MODIFY", rows)
	}
	if got := uiText(t, ctx, "#stream-grid tbody"); !strings.Contains(got, "MODIFY") || !strings.Contains(got, `"Plays":{"N":"3"}`) || !strings.Contains(got, `"Plays":{"N":"4"}`) {
		t.Errorf("stream records = %q", got)
	}
	uiScreenshot(t, ctx, "partiql-1280")

	uiRun(t, ctx, "narrow viewport", chromedp.EmulateViewport(390, 844))
	var overflow bool
	evalAsync(t, ctx, `document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow)
	if overflow {
		t.Errorf("the PartiQL view scrolls sideways at 390 px")
	}
	uiScreenshot(t, ctx, "partiql-390")
}

package browsertest

import (
	"testing"
)

// bigStateJS writes table Big: n items of about 1 KB (BatchWriteItem),
// so that an export of it takes many slices.
const bigStateJS = `async (db, n) => {
	await db.send("CreateTable", {TableName: "Big", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{AttributeName: "id", AttributeType: "S"}], KeySchema: [{AttributeName: "id", KeyType: "HASH"}]});
	await db.waitForTable("Big");
	await db.settings({throttle: false});
	const pad = "p".repeat(1000);
	for (let i = 0; i < n; i += 25) {
		await db.send("BatchWriteItem", {RequestItems: {Big: Array.from({length: 25}, (_, j) =>
			({PutRequest: {Item: {id: {S: "i" + (i + j)}, pad: {S: pad}}}}))}});
	}
}`

// TestHost_ExportInSlices: exportSnapshotBlob writes a 5 MB state in
// slices, reporting its progress in bytes (after the first slice, then
// every 50 ms and at the end); it holds the state of the
// moment it was asked for (a write sent before it is in it, one sent after
// it is not); an abort stops it with an AbortError and leaves the host
// working (a write, a whole export after it).
func TestHost_ExportInSlices(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Items, Progress, Rising int
		Total, Done, Size       float64
		Before, After           bool
		Cancelled               string
		CancelProgress          int
		Again                   int
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await (`+bigStateJS+`)(db, 5000);
		const progress = [];
		const before = db.send("PutItem", {TableName: "Big", Item: {id: {S: "before"}}});
		const exported = db.exportSnapshotBlob({onProgress: (p) => progress.push(p)});
		const after = db.send("PutItem", {TableName: "Big", Item: {id: {S: "after"}}});
		const [blob] = await Promise.all([exported, before, after]);
		const snap = JSON.parse(await blob.text());
		const ids = new Set(snap.tables[0].items.map((it) => it.id.S));
		const last = progress.at(-1) ?? {};
		const r = {Items: snap.tables[0].items.length, Progress: progress.length, Size: blob.size,
			Rising: progress.filter((p, i) => i === 0 || p.done > progress[i - 1].done).length,
			Total: last.total, Done: last.done, Before: ids.has("before"), After: ids.has("after")};
		// Cancelled at its first progress report.
		const ac = new AbortController();
		let reports = 0;
		try {
			await db.exportSnapshotBlob({signal: ac.signal, onProgress: () => { reports++; ac.abort(); }});
			r.Cancelled = "finished";
		} catch (e) {
			r.Cancelled = e.name;
		}
		r.CancelProgress = reports;
		await db.send("PutItem", {TableName: "Big", Item: {id: {S: "later"}}});
		r.Again = (await db.exportSnapshot()).tables[0].items.length;
		return r;
	})()`, &got)
	if got.Items != 5001 || !got.Before || got.After {
		t.Errorf("the export holds %d items (the write sent before it: %v, after it: %v), want 5,001 with the one before only", got.Items, got.Before, got.After)
	}
	if got.Progress < 2 || got.Rising != got.Progress || got.Done != got.Size || got.Total != got.Size {
		t.Errorf("progress: %d reports (%d rising), the last %v of %v; want several, rising, ending at the snapshot's %v bytes",
			got.Progress, got.Rising, got.Done, got.Total, got.Size)
	}
	if got.Cancelled != "AbortError" || got.CancelProgress < 1 {
		t.Errorf("an export aborted at its first progress report (%d reports) ended with %q, want AbortError", got.CancelProgress, got.Cancelled)
	}
	if got.Again != 5003 {
		t.Errorf("after the cancelled export, an export holds %d items, want 5,003", got.Again)
	}
}

// TestUI_ExportShowsProgressAndCancels: Data → Export playground of a
// 10 MB state shows its progress in the task bar (in MB) and downloads
// the whole snapshot; pressing Cancel while it runs stops it, says so and
// downloads nothing.
func TestUI_ExportShowsProgressAndCancels(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-export-big")
	evalAsync(t, ctx, `(async () => {
		await (`+bigStateJS+`)(window.ddbplay, 10000);
		window.__downloads = [];
		window.addEventListener("ddbplay-download", (e) => window.__downloads.push(e.detail));
		// The task bar's labels as they show (the export is too quick to watch).
		window.__labels = [];
		window.__cancelAt = false;
		new MutationObserver(() => {
			const label = document.getElementById("task-label").textContent;
			if (!document.getElementById("task").hidden && label !== window.__labels.at(-1)) {
				window.__labels.push(label);
				if (window.__cancelAt && label.includes(" MB")) document.getElementById("task-cancel").click();
			}
		}).observe(document.getElementById("task"), {subtree: true, childList: true, characterData: true, attributes: true});
		return true;
	})()`, nil)
	uiClick(t, ctx, "#btn-data")
	uiClick(t, ctx, "#data-export-all")
	uiWait(t, ctx, "the download", `window.__downloads.length === 1`)
	var done struct {
		Labels []string
		Items  int
		Hidden bool
	}
	evalAsync(t, ctx, `(async () => ({Labels: window.__labels, Hidden: document.getElementById("task").hidden,
		Items: JSON.parse(await window.__downloads[0].blob.text()).tables.find((t) => t.TableName === "Big").items.length}))()`, &done)
	if done.Items != 10000 || !done.Hidden {
		t.Errorf("the download holds %d items of Big (the task bar hidden after: %v), want 10,000", done.Items, done.Hidden)
	}
	if len(done.Labels) < 2 || done.Labels[0] != "Exporting the playground" {
		t.Errorf("the task bar showed %q, want \"Exporting the playground\" and its progress", done.Labels)
	}
	progressed := false
	for _, l := range done.Labels {
		progressed = progressed || (len(l) > len("Exporting the playground — ") && l[len(l)-3:] == " MB")
	}
	if !progressed {
		t.Errorf("the task bar showed %q, want the MB written of about the whole", done.Labels)
	}

	// Again, pressing Cancel as soon as the progress shows.
	evalAsync(t, ctx, `(window.__labels = [], window.__cancelAt = true)`, nil)
	uiClick(t, ctx, "#btn-data")
	uiClick(t, ctx, "#data-export-all")
	uiWait(t, ctx, "the cancel's message", `document.getElementById("status").textContent.includes("Export cancelled")`)
	uiShots(t, ctx, "export-cancelled")
	var after struct{ Downloads int }
	evalAsync(t, ctx, `({Downloads: window.__downloads.length})`, &after)
	if after.Downloads != 1 {
		t.Errorf("a cancelled export downloaded: %d downloads, want the first one only", after.Downloads)
	}
}

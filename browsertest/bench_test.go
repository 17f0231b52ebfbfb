package browsertest

import (
	"context"
	"slices"
	"testing"
)

// median returns the median of xs (which it sorts).
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// load100kSetup turns throttling off and prepares table Load's definition
// (window.tableDef), 100,000 items of about 1 KB each (window.items) and
// their snapshot (window.snapshot).
const load100kSetup = `(async () => {
	const db = window.ddbplay;
	// How fast items load, not how an on-demand table throttles a burst of
	// 100 MB (the settings outlive reset and importSnapshot).
	await db.settings({throttle: false});
	window.tableDef = {TableName: "Load", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}],
		KeySchema: [{AttributeName: "pk", KeyType: "HASH"}]};
	const pad = "x".repeat(990);
	window.items = Array.from({length: 100000}, (_, i) =>
		({pk: {S: "item" + String(i).padStart(6, "0")}, n: {N: String(i)}, data: {S: pad}}));
	window.snapshot = JSON.stringify({format: "ddbplay-snapshot", version: 1,
		tables: [{...window.tableDef, items: window.items}]});
	return true;
})()`

// BenchmarkBrowserLoad100k reports the time to load 100,000 items of about
// 1 KB into a fresh table through the JS door: as 4,000 BatchWriteItem calls
// sent together, and as one importSnapshot. Aim: < 3 s.
func BenchmarkBrowserLoad100k(b *testing.B) {
	run := func(b *testing.B, js string) {
		ctx := openHost(b, "persist=0")
		evalAsync(b, ctx, load100kSetup, nil)
		var secs []float64
		b.ResetTimer()
		for range b.N {
			var s float64
			evalAsync(b, ctx, js, &s)
			secs = append(secs, s)
		}
		b.ReportMetric(median(secs), "s/100k-items")
		checkCount(b, ctx)
	}
	b.Run("BatchWriteItem", func(b *testing.B) {
		run(b, `(async () => {
			const db = window.ddbplay;
			await db.reset();
			await db.send("CreateTable", window.tableDef);
			await db.waitForTable(window.tableDef.TableName);
			const t0 = performance.now(), calls = [];
			for (let i = 0; i < window.items.length; i += 25) {
				calls.push(db.send("BatchWriteItem", {RequestItems: {Load:
					window.items.slice(i, i + 25).map((Item) => ({PutRequest: {Item}}))}}));
			}
			await Promise.all(calls);
			return (performance.now() - t0) / 1000;
		})()`)
	})
	b.Run("ImportSnapshot", func(b *testing.B) {
		run(b, `(async () => {
			const db = window.ddbplay;
			await db.reset();
			const t0 = performance.now();
			await db.importSnapshot(window.snapshot);
			return (performance.now() - t0) / 1000;
		})()`)
	})
}

// checkCount fails the benchmark unless table Load holds 100,000 items.
func checkCount(b *testing.B, ctx context.Context) {
	b.Helper()
	var n int
	evalAsync(b, ctx, `(async () => {
		await window.ddbplay.settings({throttle: false}); // a reloaded page throttles again
		let n = 0, start;
		do {
			const page = await window.ddbplay.send("Scan", {TableName: "Load", Select: "COUNT", ExclusiveStartKey: start});
			n += page.Count;
			start = page.LastEvaluatedKey;
		} while (start);
		return n;
	})()`, &n)
	if n != 100000 {
		b.Fatalf("table Load holds %d items after the load, want 100000", n)
	}
}

// BenchmarkBrowserPersist100k reports, for a space of 100,000 items of
// about 1 KB, the time to save it (export + IndexedDB write, as db.flush()
// waits for it), the export's share of it, and the time a reloaded page takes to restore it
// (openPlayground's readyMs).
func BenchmarkBrowserPersist100k(b *testing.B) {
	const url = "/test/host.html?space=bench-persist"
	ctx := openHost(b, "space=bench-persist")
	evalAsync(b, ctx, load100kSetup, nil)
	var save, export, restore []float64
	b.ResetTimer()
	for range b.N {
		var s struct{ Save, Export float64 }
		evalAsync(b, ctx, `(async () => {
			const db = window.ddbplay;
			// An import is saved before it answers; one write more makes the
			// space unsaved again, and the flush saves all of it.
			await db.importSnapshot(window.snapshot);
			await db.send("PutItem", {TableName: "Load", Item: window.items[0]});
			const saved = new Promise((resolve) => db.addEventListener("saved", (e) => resolve(e.detail), { once: true }));
			const t0 = performance.now();
			await db.flush();
			const t1 = performance.now();
			return { Save: (t1 - t0) / 1000, Export: (await saved).exportMs / 1000 };
		})()`, &s)
		save = append(save, s.Save)
		export = append(export, s.Export)
		navigate(b, ctx, url)
		readyHost(b, ctx)
		var r struct {
			Restored bool
			ReadyMs  float64
		}
		evalAsync(b, ctx, `({Restored: window.ddbplay.restored, ReadyMs: window.ddbplay.readyMs})`, &r)
		if !r.Restored {
			b.Fatal("the reloaded page did not restore the saved space")
		}
		restore = append(restore, r.ReadyMs/1000)
		checkCount(b, ctx)
		evalAsync(b, ctx, load100kSetup, nil)
	}
	b.ReportMetric(median(save), "s/save")
	b.ReportMetric(median(export), "s/save-export")
	b.ReportMetric(median(restore), "s/restore")
}

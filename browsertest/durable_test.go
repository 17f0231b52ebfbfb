package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// durableJS defines createKV(db) and putKV(db, i) in the page: a table
// and one item per round.
const durableJS = `
window.createKV = (db) => db.send("CreateTable", {TableName: "Rounds",
	AttributeDefinitions: [{AttributeName: "k", AttributeType: "S"}],
	KeySchema: [{AttributeName: "k", KeyType: "HASH"}], BillingMode: "PAY_PER_REQUEST"})
	.then(() => db.waitForTable("Rounds"));
window.putKV = (db, i) => db.send("PutItem", {TableName: "Rounds", Item: {k: {S: "round" + i}, n: {N: String(i)}}});
true`

// TestHost_AcknowledgedWriteSurvivesReloadAndClose: 50 rounds of "write an
// item, and as soon as send() resolves, reload the page (even rounds) or
// close the tab (odd rounds)". Snapshot saves are put off (saveDelay of 10
// minutes), so only the write log keeps the writes. After each round the
// space, reopened, holds every item written so far.
func TestHost_AcknowledgedWriteSurvivesReloadAndClose(t *testing.T) {
	const url = "/test/host.html?space=durable&saveDelay=600000"
	anchor := newPage(t, "/test/host.html?space=anchor&persist=0")
	waitPlayground(t, anchor)
	open := func() (context.Context, context.CancelFunc) {
		tab, cancel := chromedp.NewContext(anchor)
		t.Cleanup(cancel)
		if err := chromedp.Do(tab, chromedp.Navigate(siteURL+url)); err != nil {
			t.Fatal(err)
		}
		waitPlayground(t, tab)
		evalAsync(t, tab, durableJS, nil)
		return tab, cancel
	}
	tab, closeTab := open()
	var mode string
	evalAsync(t, tab, `window.ddbplay.durability`, &mode)
	if mode != "log" {
		t.Fatalf("durability %q in the worker, want log", mode)
	}
	evalAsync(t, tab, `createKV(window.ddbplay).then(() => true)`, nil)
	for i := range 50 {
		evalAsync(t, tab, fmt.Sprintf(`putKV(window.ddbplay, %d).then(() => true)`, i), nil)
		if i%2 == 0 {
			navigate(t, tab, url)
			waitPlayground(t, tab)
			evalAsync(t, tab, durableJS, nil)
		} else {
			closeTab()
			tab, closeTab = open()
		}
		var got struct {
			Count     int
			Recovered struct{ Writes, Failed int }
			Missing   []string
		}
		evalAsync(t, tab, fmt.Sprintf(`(async () => {
			const db = window.ddbplay;
			const r = await db.send("Scan", {TableName: "Rounds"});
			const have = new Set(r.Items.map((it) => it.k.S));
			const missing = [];
			for (let j = 0; j <= %d; j++) if (!have.has("round" + j)) missing.push("round" + j);
			return {Count: r.Count, Recovered: db.recovered, Missing: missing};
		})()`, i), &got)
		if len(got.Missing) > 0 || got.Count != i+1 {
			how := "reload"
			if i%2 == 1 {
				how = "closed tab"
			}
			t.Fatalf("round %d (%s right after the write): %d items, missing %v (recovered %+v)", i, how, got.Count, got.Missing, got.Recovered)
		}
		if got.Recovered.Writes < 1 || got.Recovered.Failed != 0 {
			t.Errorf("round %d: recovered %+v, want the write replayed from the log", i, got.Recovered)
		}
	}
}

// TestHost_DurabilityReported: the page's thread has no write log (writes
// are saved a moment later); persist=0 keeps nothing.
func TestHost_DurabilityReported(t *testing.T) {
	for _, c := range []struct{ query, want string }{
		{"space=d1&worker=0", "save"},
		{"space=d2&persist=0", "memory"},
	} {
		ctx := openHost(t, c.query)
		var got string
		evalAsync(t, ctx, `window.ddbplay.durability`, &got)
		if got != c.want {
			t.Errorf("%s: durability %q, want %q", c.query, got, c.want)
		}
	}
}

// TestHost_StorageFullKeepsWorking: with the origin's quota cut to a
// little more than it uses, writes soon no longer fit in the write log
// (which takes quota in 1 MB steps); the page hears "storage-full" once and
// every write still succeeds, in memory.
func TestHost_StorageFullKeepsWorking(t *testing.T) {
	ctx := openHost(t, "space=full&saveDelay=600000")
	evalAsync(t, ctx, durableJS, nil)
	evalAsync(t, ctx, `createKV(window.ddbplay).then(() => true)`, nil)
	var usage float64
	evalAsync(t, ctx, `navigator.storage.estimate().then((e) => e.usage)`, &usage)
	quota := usage + 64<<10
	var origin string
	evalAsync(t, ctx, `location.origin`, &origin)
	if _, err := chromedp.Call(ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: origin, QuotaSize: &quota}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = chromedp.Call(ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: origin})
	})
	var got struct {
		Full   []string
		Count  int
		Errors []string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		const errors = [];
		for (let i = 0; i < 400; i++) {
			await db.send("PutItem", {TableName: "Rounds", Item: {k: {S: "big" + i}, pad: {S: "x".repeat(8000)}}})
				.catch((e) => errors.push(String(e)));
		}
		let count = 0;
		let start;
		do {
			const r = await db.send("Scan", {TableName: "Rounds", Select: "COUNT", ExclusiveStartKey: start});
			count += r.Count;
			start = r.LastEvaluatedKey;
		} while (start);
		const full = window.ddbplayEvents.filter((e) => e.name === "storage-full").map((e) => e.detail.message);
		return {Full: full, Count: count, Errors: errors};
	})()`, &got)
	if len(got.Full) != 1 || !strings.Contains(got.Full[0], "storage for this site is full") {
		t.Errorf("storage-full events %q, want one saying the storage is full", got.Full)
	}
	if got.Count != 400 || len(got.Errors) > 0 {
		t.Errorf("%d items, errors %q; want all 400 writes to succeed in memory", got.Count, got.Errors)
	}
}

// TestUI_StorageFullBanner: the playground page says, in a banner, that the
// browser's storage is full and that changes stay in memory.
func TestUI_StorageFullBanner(t *testing.T) {
	ctx := newPage(t, "about:blank")
	openUI(t, ctx, "/?space=uifull")
	var origin string
	evalAsync(t, ctx, `location.origin`, &origin)
	var usage float64
	evalAsync(t, ctx, `navigator.storage.estimate().then((e) => e.usage)`, &usage)
	quota := usage + 64<<10
	if _, err := chromedp.Call(ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: origin, QuotaSize: &quota}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = chromedp.Call(ctx, storage.OverrideQuotaForOrigin, storage.OverrideQuotaForOriginParams{Origin: origin})
	})
	evalAsync(t, ctx, durableJS, nil)
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createKV(db);
		for (let i = 0; i < 400; i++) await db.send("PutItem", {TableName: "Rounds", Item: {k: {S: "big" + i}, pad: {S: "x".repeat(8000)}}});
		return true;
	})()`, nil)
	uiWait(t, ctx, "the storage-full banner", `document.querySelector('[data-testid="banner-error"]')?.textContent.includes("storage for this site is full")`)
	var banners int
	evalAsync(t, ctx, `document.querySelectorAll('[data-testid="banner-error"]').length`, &banners)
	if banners != 1 {
		t.Errorf("%d error banners, want 1", banners)
	}
	uiScreenshot(t, ctx, "storage-full-1280")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	uiScreenshot(t, ctx, "storage-full-390")
}

// TestHost_SaveInSlicesKeepsLaterWrites: a save of a state of a few MB
// writes its snapshot in slices while the page goes on writing. With
// writes going on, the save falls due at its deadline, 2 s after the first
// unsaved write; the page stops writing once it has heard of the save and
// closes the tab at once (the next save would come 2 s later). The
// writes made after the save took the state are in no snapshot: only the
// write log keeps them, so the save must not have dropped them from it.
// Reopened, the space holds every acknowledged write, the late ones
// replayed from the log.
func TestHost_SaveInSlicesKeepsLaterWrites(t *testing.T) {
	const url = "/test/host.html?space=slices&saveDelay=2000"
	anchor := newPage(t, "/test/host.html?space=anchor&persist=0")
	waitPlayground(t, anchor)
	tab, closeTab := chromedp.NewContext(anchor)
	if err := chromedp.Do(tab, chromedp.Navigate(siteURL+url)); err != nil {
		t.Fatal(err)
	}
	waitPlayground(t, tab)
	evalAsync(t, tab, durableJS, nil)
	var saved struct {
		Late, Bulk int
		Saved      struct {
			Slices        int
			HoldMs, Bytes float64
			Holds         map[string]float64
		}
	}
	evalAsync(t, tab, `(async () => {
		const db = window.ddbplay;
		await createKV(db);
		await db.settings({throttle: false}); // 4 MB as fast as the page can: not a throttling test
		const pad = "x".repeat(1000);
		let bulk = 0;
		for (let i = 0; i < 4000; i += 25) {
			await db.send("BatchWriteItem", {RequestItems: {Rounds: Array.from({length: 25}, (_, j) =>
				({PutRequest: {Item: {k: {S: "bulk" + (i + j)}, pad: {S: pad}}}}))}});
			bulk += 25;
		}
		await db.flush();
		let saved = null;
		db.addEventListener("saved", (e) => { saved = e.detail; }, {once: true});
		let late = 0;
		while (!saved) await putKV(db, late++);
		return {Late: late, Bulk: bulk, Saved: saved};
	})()`, &saved)
	closeTab()
	if saved.Saved.Slices < 2 || saved.Saved.Bytes < 4e6 {
		t.Fatalf("the save of a %.0f-byte state took %d slices, want several", saved.Saved.Bytes, saved.Saved.Slices)
	}
	t.Logf("the save of %.1f MB took %d slices (holding the engine %.1f ms at most: %v); %d writes",
		saved.Saved.Bytes/1e6, saved.Saved.Slices, saved.Saved.HoldMs, saved.Saved.Holds, saved.Late)
	tab2, cancel := chromedp.NewContext(anchor)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab2, chromedp.Navigate(siteURL+url)); err != nil {
		t.Fatal(err)
	}
	waitPlayground(t, tab2)
	var got struct {
		Bulk, Late int
		Missing    []string
		Recovered  struct{ Writes, Failed int }
	}
	evalAsync(t, tab2, fmt.Sprintf(`(async () => {
		const db = window.ddbplay;
		const have = new Set();
		let start;
		do {
			const r = await db.send("Scan", {TableName: "Rounds", ProjectionExpression: "k", ExclusiveStartKey: start});
			r.Items.forEach((it) => have.add(it.k.S));
			start = r.LastEvaluatedKey;
		} while (start);
		const missing = [];
		for (let i = 0; i < %d; i++) if (!have.has("bulk" + i)) missing.push("bulk" + i);
		for (let i = 0; i < %d; i++) if (!have.has("round" + i)) missing.push("round" + i);
		return {Bulk: [...have].filter((k) => k.startsWith("bulk")).length, Late: [...have].filter((k) => k.startsWith("round")).length,
			Missing: missing.slice(0, 10), Recovered: db.recovered};
	})()`, saved.Bulk, saved.Late), &got)
	if len(got.Missing) > 0 || got.Bulk != saved.Bulk || got.Late != saved.Late {
		t.Fatalf("reopened: %d bulk and %d late items, want %d and %d; missing %v (recovered %+v)",
			got.Bulk, got.Late, saved.Bulk, saved.Late, got.Missing, got.Recovered)
	}
	if got.Recovered.Writes < 1 || got.Recovered.Failed != 0 {
		t.Errorf("recovered %+v: want the writes made after the save took the state replayed from the log", got.Recovered)
	}
}

// TestHost_QueuedWritesSurviveReloadAndClose: writes sent together (six
// PutItems at once: the first through the shared lane, the others queued
// behind it and sent as one batch, whose records go to the write log with
// one write, group commit) survive a reload or a closed tab right after
// they all resolve, 10 rounds.
func TestHost_QueuedWritesSurviveReloadAndClose(t *testing.T) {
	const url = "/test/host.html?space=durable-queued&saveDelay=600000"
	anchor := newPage(t, "/test/host.html?space=anchor&persist=0")
	waitPlayground(t, anchor)
	open := func() (context.Context, context.CancelFunc) {
		tab, cancel := chromedp.NewContext(anchor)
		t.Cleanup(cancel)
		if err := chromedp.Do(tab, chromedp.Navigate(siteURL+url)); err != nil {
			t.Fatal(err)
		}
		waitPlayground(t, tab)
		evalAsync(t, tab, durableJS, nil)
		return tab, cancel
	}
	tab, closeTab := open()
	evalAsync(t, tab, `createKV(window.ddbplay).then(() => true)`, nil)
	const per = 6
	for i := range 10 {
		evalAsync(t, tab, fmt.Sprintf(`Promise.all(Array.from({length: %d}, (_, j) => putKV(window.ddbplay, %d * %d + j))).then(() => true)`, per, i, per), nil)
		if i%2 == 0 {
			navigate(t, tab, url)
			waitPlayground(t, tab)
			evalAsync(t, tab, durableJS, nil)
		} else {
			closeTab()
			tab, closeTab = open()
		}
		var got struct {
			Count     int
			Recovered struct{ Writes, Failed int }
			Missing   []string
		}
		evalAsync(t, tab, fmt.Sprintf(`(async () => {
			const db = window.ddbplay;
			const r = await db.send("Scan", {TableName: "Rounds"});
			const have = new Set(r.Items.map((it) => it.k.S));
			const missing = [];
			for (let j = 0; j < %d; j++) if (!have.has("round" + j)) missing.push("round" + j);
			return {Count: r.Count, Recovered: db.recovered, Missing: missing};
		})()`, (i+1)*per), &got)
		if len(got.Missing) > 0 || got.Count != (i+1)*per {
			t.Fatalf("round %d: %d items, missing %v (recovered %+v)", i, got.Count, got.Missing, got.Recovered)
		}
		if got.Recovered.Writes < per || got.Recovered.Failed != 0 {
			t.Errorf("round %d: recovered %+v, want the %d writes replayed from the log", i, got.Recovered, per)
		}
	}
}

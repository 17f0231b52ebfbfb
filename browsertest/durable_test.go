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
	KeySchema: [{AttributeName: "k", KeyType: "HASH"}], BillingMode: "PAY_PER_REQUEST"});
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

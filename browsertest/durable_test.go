package browsertest

import (
	"context"
	"fmt"
	"testing"

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

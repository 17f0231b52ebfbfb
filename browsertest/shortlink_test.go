package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ddbplay/ddbplay/internal/workerdtest"
)

// TestUI_ShortLink shares a playground too large for a fragment link (over
// 64 KB) through a short link, made with the Share dialog, and opens it in
// a fresh browser profile: the same tables and items, in a space of its
// own. It runs against the native server and against the Cloudflare Worker
// under workerd, both serving the same site.
func TestUI_ShortLink(t *testing.T) {
	t.Run("Native", func(t *testing.T) { testShortLink(t, siteURL) })
	t.Run("Worker", func(t *testing.T) {
		dir, err := workerdtest.BuildWorker(repoRoot, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		w, err := workerdtest.Start(repoRoot, dir, siteDir, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(w.Stop)
		testShortLink(t, w.URL)
		if lines := w.NetworkAttempts(); len(lines) > 0 {
			t.Errorf("wrangler tried the network:\n%s", lines)
		}
	})
}

// bigPlayground fills table Big with 200 items of ~1 KB of random text
// (random: no compression brings it under 64 KB) and an index, and returns
// every item as JSON, in key order.
const bigPlayground = `(async () => {
	const db = window.ddbplay;
	await db.send("CreateTable", { TableName: "Big", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{ AttributeName: "id", AttributeType: "N" }, { AttributeName: "kind", AttributeType: "S" }],
		KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
		GlobalSecondaryIndexes: [{ IndexName: "ByKind", KeySchema: [{ AttributeName: "kind", KeyType: "HASH" }], Projection: { ProjectionType: "KEYS_ONLY" } }] }); await db.waitForTable("Big");
	const rand = () => { const b = crypto.getRandomValues(new Uint8Array(750)); return btoa(String.fromCharCode(...b)); };
	for (let i = 0; i < 200; i += 25) {
		const reqs = [];
		for (let j = i; j < i + 25; j++) reqs.push({ PutRequest: { Item: { id: { N: String(j) }, kind: { S: "k" + (j % 3) }, blob: { S: rand() } } } });
		await db.send("BatchWriteItem", { RequestItems: { Big: reqs } });
	}
	return true;
})()`

// allItems is every item of Big as sorted JSON lines.
const allItems = `window.ddbplay.send("Scan", { TableName: "Big" }).then((r) =>
	r.Items.map((it) => JSON.stringify([it.id.N, it.kind.S, it.blob.S])).sort())`

func testShortLink(t *testing.T, base string) {
	ctx := newBrowser(t)
	openUI(t, ctx, base+"/?space=ui-short")
	evalAsync(t, ctx, bigPlayground, nil)
	var want []string
	evalAsync(t, ctx, allItems, &want)
	if len(want) != 200 {
		t.Fatalf("the playground holds %d items, want 200", len(want))
	}
	uiClick(t, ctx, "#btn-share")
	uiWait(t, ctx, "the size verdict", `document.getElementById("share-error")?.textContent !== ""`)
	if got := uiText(t, ctx, "#share-error"); !strings.Contains(got, "short link") {
		t.Errorf("share error = %q, want it to point to a short link", got)
	}
	uiCheckLabels(t, ctx, "share dialog")
	uiClick(t, ctx, "#short-create")
	uiWait(t, ctx, "the short link", `document.getElementById("short-url").value !== "" || document.getElementById("short-error").textContent !== ""`)
	if e := uiText(t, ctx, "#short-error"); e != "" {
		t.Fatalf("creating the short link: %s", e)
	}
	var link string
	evalAsync(t, ctx, `document.getElementById("short-url").value`, &link)
	if !strings.HasPrefix(link, base+"/s/") || len(link) != len(base+"/s/")+16 {
		t.Fatalf("short link %q, want %s/s/<16 characters>", link, base)
	}
	if base == siteURL {
		uiScreenshot(t, ctx, "short-link")
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
			t.Fatal(err)
		}
		uiScreenshot(t, ctx, "short-link-390")
	}

	// A fresh profile opens the link as a person would: /s/<id> → the page.
	other := newBrowser(t)
	if err := chromedp.Do(other, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	navigate(t, other, link)
	waitUIReady(t, other)
	if got := uiText(t, other, `[data-testid="banner-info"]`); !strings.Contains(got, "shared playground") {
		t.Errorf("banner = %q, want the shared-playground notice", got)
	}
	var space string
	evalAsync(t, other, `window.ddbplay.space`, &space)
	if !strings.HasPrefix(space, "share-") {
		t.Errorf("short link opened in space %q, want its own share-… space", space)
	}
	var got []string
	evalAsync(t, other, allItems, &got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the opened link holds %d items, not the %d shared ones (or they differ)", len(got), len(want))
	}
	var indexes []string
	evalAsync(t, other, `window.ddbplay.send("DescribeTable", { TableName: "Big" }).then((r) => r.Table.GlobalSecondaryIndexes.map((x) => x.IndexName))`, &indexes)
	if strings.Join(indexes, ",") != "ByKind" {
		t.Errorf("indexes after opening = %v, want ByKind", indexes)
	}
	uiWait(t, other, "the Big table in the sidebar", `[...document.querySelectorAll('[data-testid="sidebar-table"]')].some((b) => b.textContent === "Big")`)
	if base == siteURL {
		uiScreenshot(t, other, "short-link-opened")
	}

	// An unknown link says so and changes nothing.
	third := newBrowser(t)
	openUI(t, third, base+"/?s=AAAAAAAAAAAAAAAA")
	if got := uiText(t, third, `[data-testid="banner-error"]`); !strings.Contains(got, "does not exist") {
		t.Errorf("unknown short link: banner %q", got)
	}
	evalAsync(t, third, `window.ddbplay.space`, &space)
	if space != "default" {
		t.Errorf("unknown short link opened space %q, want default", space)
	}
}

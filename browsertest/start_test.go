package browsertest

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// TestHost_HeadStartsTheWorker checks the playground page's start-up: the
// engine's worker is started by the page's head (engine-start.js) and
// starts the engine as it loads, before the page's init message, from the
// module the head fetched and compiled (fetched once, compiled once); the
// page takes that worker instead of starting a second one, and the engine
// answers through it.
func TestHost_HeadStartsTheWorker(t *testing.T) {
	ctx := newPage(t, "/?space=early")
	waitPlayground(t, ctx)
	var got struct {
		Left, Mode string
		Workers    int
		Early      bool
		CompiledBy string
		Fetches    int
		Tables     []string
		Paths      []string
	}
	evalAsync(t, ctx, `(async () => {
		const servedAs = `+servedAsJS+`;
		const worker = performance.getEntriesByType("resource").filter((r) => servedAs(new URL(r.name).pathname, "engine-worker.js"));
		const wasm = performance.getEntriesByType("resource").filter((r) => servedAs(new URL(r.name).pathname, "ddbplay.wasm"));
		await window.ddbplay.send("CreateTable", {TableName: "Early", AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}],
			KeySchema: [{AttributeName: "pk", KeyType: "HASH"}], BillingMode: "PAY_PER_REQUEST"}); await window.ddbplay.waitForTable("Early");
		const tables = (await window.ddbplay.send("ListTables", {})).TableNames;
		return {Left: typeof globalThis.ddbplayEarlyWorker, Mode: window.ddbplay.mode, Workers: worker.length,
			Early: window.ddbplay.readyPhases.early, CompiledBy: window.ddbplay.readyPhases.compiledBy, Fetches: wasm.length, Tables: tables,
			Paths: [...worker, ...wasm].map((r) => new URL(r.name).pathname)};
	})()`, &got)
	if got.Left != "undefined" {
		t.Errorf("the head's worker was not taken by the page (globalThis.ddbplayEarlyWorker is %s)", got.Left)
	}
	if got.Mode != "worker" || got.Workers != 1 {
		t.Errorf("mode %q with %d fetches of engine-worker.js; want worker, 1 (the head's worker, no second one)", got.Mode, got.Workers)
	}
	if !got.Early {
		t.Error("readyPhases.early is false: the engine started on the page's init message, not as its worker loaded")
	}
	if got.CompiledBy != "page" || got.Fetches != 1 {
		t.Errorf("the engine's module was compiled by the %s after %d fetches by the page; want the page (the head, engine-start.js), 1: the worker takes it instead of fetching its own", got.CompiledBy, got.Fetches)
	}
	// The built site (internal/sitebuild) starts the content-named worker
	// bundle and module; the plain site its plain-named files.
	_, err := os.Stat(filepath.Join(siteDir, sitepolicy.HashedDir))
	for _, p := range got.Paths {
		if hashed := strings.HasPrefix(p, "/"+sitepolicy.HashedDir+"/"); hashed != (err == nil) {
			t.Errorf("the page fetched %s; the site has content-named files: %v", p, err == nil)
		}
	}
	if len(got.Tables) != 1 || got.Tables[0] != "Early" {
		t.Errorf("ListTables through the head's worker: %v, want [Early]", got.Tables)
	}
}

// TestHost_HeadCompileFailsWorkerCompiles checks the head's fallback: when
// the page cannot compile the engine's module (here compileStreaming
// throws in the page, as it does for a server without application/wasm),
// the head's worker fetches and compiles it itself and the engine answers.
func TestHost_HeadCompileFailsWorkerCompiles(t *testing.T) {
	ctx := newBrowser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `WebAssembly.compileStreaming = () => Promise.reject(new TypeError("no compileStreaming in this test"));`,
	}); err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, "/?space=fallback")
	waitPlayground(t, ctx)
	var got struct {
		Early      bool
		CompiledBy string
		Tables     []string
	}
	evalAsync(t, ctx, `(async () => {
		await window.ddbplay.send("CreateTable", {TableName: "Fallback", AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}],
			KeySchema: [{AttributeName: "pk", KeyType: "HASH"}], BillingMode: "PAY_PER_REQUEST"});
		return {Early: window.ddbplay.readyPhases.early, CompiledBy: window.ddbplay.readyPhases.compiledBy,
			Tables: (await window.ddbplay.send("ListTables", {})).TableNames};
	})()`, &got)
	if !got.Early || got.CompiledBy != "worker" {
		t.Errorf("early %v, compiled by %q; want the head's worker, compiling the module itself", got.Early, got.CompiledBy)
	}
	if len(got.Tables) != 1 || got.Tables[0] != "Fallback" {
		t.Errorf("ListTables: %v, want [Fallback]", got.Tables)
	}
}

// TestHost_CachedStartAsksOnlyForThePage checks the built site's
// content-named files (internal/sitebuild): a first visit to the
// playground fetches each once (a preload hint and the fetch it serves
// must match), and a reload until the page is ready asks the
// server for nothing else than the page itself (every script, style
// sheet, the worker and ddbplay.wasm come from the browser's cache
// without revalidation: served immutable).
func TestHost_CachedStartAsksOnlyForThePage(t *testing.T) {
	if _, err := os.Stat(filepath.Join(siteDir, sitepolicy.HashedDir)); err != nil {
		t.Skip("the site has no content-named files: DDBPLAY_SITE names none built by `make site` (`make test` does)")
	}
	var log wireLog
	srv := httptest.NewServer(log.handler(web.NewServer(engine.New(engine.Options{}), os.DirFS(siteDir)), ""))
	defer srv.Close()
	ready := func(ctx context.Context) {
		var state string
		evalAsync(t, ctx, `new Promise((resolve) => {
			const tick = () => document.body && document.body.dataset.ready ? resolve(document.body.dataset.ready) : setTimeout(tick, 10);
			tick();
		})`, &state)
		if state != "true" {
			t.Fatalf("the playground did not start: data-ready %q", state)
		}
	}
	paths := func() (all []string) {
		log.mu.Lock()
		defer log.mu.Unlock()
		for _, e := range log.sent {
			all = append(all, e.path)
		}
		log.sent = nil
		return all
	}
	ctx := newBrowser(t)
	navigate(t, ctx, srv.URL+"/?space=cached")
	ready(ctx)
	first := paths()
	for i, p := range first {
		if slices.Contains(first[:i], p) {
			t.Errorf("the first visit asked for %s twice: %q", p, first)
		}
	}
	for _, name := range []string{"ddbplay.wasm", "engine-worker.js", "wasm_exec.js"} {
		if !slices.ContainsFunc(first, func(p string) bool {
			return strings.HasPrefix(p, "/"+sitepolicy.HashedDir+"/") && servedAs(p, name)
		}) {
			t.Errorf("the first visit fetched no content-named %s: %q", name, first)
		}
	}
	navigate(t, ctx, srv.URL+"/?space=cached")
	ready(ctx)
	if again := paths(); len(again) != 1 || again[0] != "/" {
		t.Errorf("the reload asked the server for %q; want only the page, [/]", again)
	}
}

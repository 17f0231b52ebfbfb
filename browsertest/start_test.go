package browsertest

import "testing"

// TestHost_HeadStartsTheWorker checks the playground page's start-up: the
// engine's worker is started by the page's head (engine-start.js) and
// starts the engine as it loads, before the page's init message; the page
// takes that worker instead of starting a second one, and the engine
// answers through it.
func TestHost_HeadStartsTheWorker(t *testing.T) {
	ctx := newPage(t, "/?space=early")
	waitPlayground(t, ctx)
	var got struct {
		Left, Mode string
		Workers    int
		Early      bool
		Tables     []string
	}
	evalAsync(t, ctx, `(async () => {
		const worker = performance.getEntriesByType("resource").filter((r) => new URL(r.name).pathname === "/engine-worker.js");
		await window.ddbplay.send("CreateTable", {TableName: "Early", AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}],
			KeySchema: [{AttributeName: "pk", KeyType: "HASH"}], BillingMode: "PAY_PER_REQUEST"}); await window.ddbplay.waitForTable("Early");
		const tables = (await window.ddbplay.send("ListTables", {})).TableNames;
		return {Left: typeof globalThis.ddbplayEarlyWorker, Mode: window.ddbplay.mode, Workers: worker.length,
			Early: window.ddbplay.readyPhases.early, Tables: tables};
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
	if len(got.Tables) != 1 || got.Tables[0] != "Early" {
		t.Errorf("ListTables through the head's worker: %v, want [Early]", got.Tables)
	}
}

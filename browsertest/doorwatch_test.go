package browsertest

import "testing"

// TestUI_DoorCallsShowInThePage: what a learner does through
// window.ddbplay (the browser's console) shows in the page without a
// reload or a click, once the door is quiet (static/app/doorwatch.js): a
// table created there appears in the sidebar and the tables view, and
// follows to ACTIVE; items written there appear in the explorer's grid
// and the table's item count.
func TestUI_DoorCallsShowInThePage(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-door")
	if got := uiText(t, ctx, "#table-list"); got != "No tables yet" {
		t.Fatalf("a fresh space's sidebar says %q, want \"No tables yet\"", got)
	}
	uiSend(t, ctx, "CreateTable", `{TableName: "Door", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}], KeySchema: [{AttributeName: "pk", KeyType: "HASH"}]}`)
	uiWait(t, ctx, "table Door in the sidebar", `document.querySelector('[data-testid="sidebar-table"][data-table="Door"]')`)
	// Nobody waits for the table through the door: the page follows it
	// from CREATING to ACTIVE on its own.
	uiWait(t, ctx, "table Door ACTIVE in the tables view",
		`document.querySelector('[data-testid="table-row"][data-table="Door"] td:last-child')?.textContent === "ACTIVE"`)

	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Door"]`)
	uiClick(t, ctx, "#tab-items")
	uiWait(t, ctx, "the explorer's first page", `document.getElementById("q-summary")?.dataset.seq`)
	evalAsync(t, ctx, `(async () => {
		for (const [pk, name] of [["a", "Ada"], ["b", "Grace"]]) {
			await window.ddbplay.send("PutItem", {TableName: "Door", Item: {pk: {S: pk}, name: {S: name}}});
		}
		return true;
	})()`, nil)
	uiWait(t, ctx, "the two items in the explorer's grid", `document.querySelectorAll('#q-grid [data-testid="item-row"]').length === 2`)
	if got := uiGridColumn(t, ctx, "name"); len(got) != 2 || got[0]+got[1] != "AdaGrace" && got[0]+got[1] != "GraceAda" {
		t.Errorf("the explorer's name column shows %q, want Ada and Grace", got)
	}
	uiWait(t, ctx, "the item count in the tables view",
		`document.querySelector('[data-testid="table-row"][data-table="Door"] td.num')?.textContent === "2"`)
	uiShots(t, ctx, "door-refresh")
}

// TestUI_DoorCallsShowInThePageConnected: connected to an endpoint (the
// harness's server), the page follows its door (window.ddbplay, now the
// connection's) too: a table created there appears in the sidebar, and
// one deleted there leaves it once gone (DELETING for a moment).
func TestUI_DoorCallsShowInThePageConnected(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-door-conn&endpoint="+siteURL)
	uiSend(t, ctx, "CreateTable", `{TableName: "DoorConn", BillingMode: "PAY_PER_REQUEST",
		AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}], KeySchema: [{AttributeName: "pk", KeyType: "HASH"}]}`)
	uiWait(t, ctx, "table DoorConn in the sidebar", `document.querySelector('[data-testid="sidebar-table"][data-table="DoorConn"]')`)
	// A connection's door has no waitForTable: DescribeTable until ACTIVE.
	evalAsync(t, ctx, `(async () => {
		for (let i = 0; i < 600; i++) {
			if ((await window.ddbplay.send("DescribeTable", {TableName: "DoorConn"})).Table.TableStatus === "ACTIVE") return true;
			await new Promise((r) => setTimeout(r, 50));
		}
		throw new Error("table DoorConn is still not ACTIVE");
	})()`, nil)
	uiSend(t, ctx, "DeleteTable", `{TableName: "DoorConn"}`)
	uiWait(t, ctx, "table DoorConn gone from the sidebar", `!document.querySelector('[data-testid="sidebar-table"][data-table="DoorConn"]')`)
}

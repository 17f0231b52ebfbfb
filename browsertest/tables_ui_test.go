package browsertest

import "testing"

// holdDescribeJS wraps the door's send so that, once armed
// (window.__hold.allow = n), DescribeTable of the table called Shot gets
// n answers and then waits until window.__release(): the page's wait for
// a table's state stays at the state the test wants to see, however long
// the screenshots take.
const holdDescribeJS = `(() => {
  const db = window.ddbplay;
  const orig = db.send;
  const hold = { allow: Infinity, held: [] };
  window.__hold = hold;
  db.send = function (op, input, ...rest) {
    if (op === "DescribeTable" && input && input.TableName === "Shot" && hold.allow !== Infinity) {
      if (hold.allow > 0) hold.allow--;
      else return new Promise((res, rej) => hold.held.push(() => orig.call(db, op, input, ...rest).then(res, rej)));
    }
    return orig.call(db, op, input, ...rest);
  };
  window.__release = () => {
    hold.allow = Infinity;
    for (const f of hold.held.splice(0)) f();
    return true;
  };
  return true;
})()`

// TestUI_TableStatesInThePage: the Create table dialog says "Creating…"
// and the table's state while it is CREATING, and closes once ACTIVE; a
// deleted table is listed DELETING until it is gone. Screenshots of both
// states at 1280 and 390 px.
func TestUI_TableStatesInThePage(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=ui-states")
	uiEval(t, ctx, holdDescribeJS)

	uiClick(t, ctx, "#btn-create-table")
	uiFill(t, ctx, "#ct-name", "Shot")
	uiFill(t, ctx, "#ct-pk-name", "id")
	uiEval(t, ctx, `(window.__hold.allow = 1, true)`)
	uiClick(t, ctx, "#ct-submit")
	uiWait(t, ctx, "the dialog shows CREATING", `document.getElementById("ct-status").textContent === "Table Shot is CREATING."`)
	uiWantText(t, ctx, "#ct-submit", "Creating…")
	var disabled bool
	evalAsync(t, ctx, `document.getElementById("ct-submit").disabled`, &disabled)
	if !disabled {
		t.Errorf("the Create button can be pressed again while the table is CREATING")
	}
	uiShots(t, ctx, "create-table-creating")
	uiEval(t, ctx, `window.__release()`)
	uiWaitDialogClosed(t, ctx, "create-table-dialog")
	uiWait(t, ctx, "Shot listed ACTIVE", `document.querySelector('[data-testid="table-row"][data-table="Shot"] td:last-child')?.textContent === "ACTIVE"`)

	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Shot"]`)
	uiClick(t, ctx, "#tab-tables")
	uiEval(t, ctx, `(window.__hold.allow = 1, true)`)
	uiClick(t, ctx, "#btn-delete-table")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "Shot listed DELETING", `document.querySelector('[data-testid="table-row"][data-table="Shot"] td:last-child')?.textContent === "DELETING"`)
	uiShots(t, ctx, "table-deleting")
	uiEval(t, ctx, `window.__release()`)
	uiWait(t, ctx, "Shot gone", `!document.querySelector('[data-testid="table-row"][data-table="Shot"]') && !document.querySelector('[data-testid="sidebar-table"][data-table="Shot"]')`)
	var err map[string]any
	evalAsync(t, ctx, `window.ddbplay.send("DescribeTable", { TableName: "Shot" }).then(() => ({}), (e) => ({ name: e.name }))`, &err)
	if err["name"] != "ResourceNotFoundException" {
		t.Errorf("DescribeTable once the page shows Shot gone: %v, want ResourceNotFoundException", err)
	}
}

// indexes.js — secondary indexes of the open table: status and counts,
// create a GSI on the existing table (backfill status shown), delete one
// (DELETING shown until it is gone), and jump to querying any index that
// is ACTIVE. A new GSI backfills and a deleted one goes on the engine
// clock (DynamoDB reads neither); with the clock paused, a note offers to
// move it on.

import { h, button, field, select, replace, keepFocus, errorText } from "./dom.js";
import { call, describe } from "./api.js";
import { state, on, emit } from "./state.js";
import { tableCache, indexTable, projectionFields, keySchema, refreshTables } from "./tables.js";
import { confirmDialog, toast } from "./dialogs.js";
import { KEY_TYPES, TYPE_NAMES } from "./values.js";
import { exploreIndex } from "./items.js";
import { clockState, clockAction } from "./lab/clock.js";

let polling = null;
let again = false; // a change was made while a watch was running

// watch polls DescribeTable until no index is CREATING/DELETING or
// backfilling, re-rendering as status changes. Called while it runs, the
// running watch looks at least once more.
async function watch(table) {
  if (polling === table) {
    again = true;
    return;
  }
  polling = table;
  try {
    let seen = "";
    for (let i = 0; i < 240 && polling === table; i++) {
      again = false;
      const d = await describe(table, { log: false });
      tableCache.set(table, d);
      const now = JSON.stringify([d.TableStatus, (d.GlobalSecondaryIndexes || []).map((x) => [x.IndexName, x.IndexStatus, x.Backfilling, x.ItemCount])]);
      if (state.table === table && now !== seen) emit("tables"); // the Indexes and Items views follow
      seen = now;
      if (building(d).length === 0 && d.TableStatus === "ACTIVE" && !again) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch {
    // table deleted meanwhile
  } finally {
    if (polling === table) polling = null;
    await refreshTables();
  }
}

function createForm(d) {
  const err = h("p", { class: "error", role: "alert", id: "gsi-error" });
  const name = h("input", { type: "text", id: "gsi-name", autocomplete: "off" });
  const pkName = h("input", { type: "text", id: "gsi-pk-name", autocomplete: "off" });
  const pkType = select(KEY_TYPES.map((t) => [t, TYPE_NAMES[t]]), { id: "gsi-pk-type" });
  const skName = h("input", { type: "text", id: "gsi-sk-name", autocomplete: "off", placeholder: "optional" });
  const skType = select(KEY_TYPES.map((t) => [t, TYPE_NAMES[t]]), { id: "gsi-sk-type" });
  const proj = projectionFields("gsi");
  const provisioned = !(d.BillingModeSummary && d.BillingModeSummary.BillingMode === "PAY_PER_REQUEST");
  const rcu = h("input", { type: "number", id: "gsi-rcu", min: "1", value: "5" });
  const wcu = h("input", { type: "number", id: "gsi-wcu", min: "1", value: "5" });
  const submit = h("button", { type: "submit", class: "primary", id: "gsi-submit" }, "Create index");
  const form = h("form", { id: "gsi-form", novalidate: true },
    h("fieldset", {}, h("legend", { text: "Create a global secondary index" }),
      field("Index name", name),
      h("div", { class: "row" }, field("Partition key name", pkName), field("Partition key type", pkType)),
      h("div", { class: "row" }, field("Sort key name", skName), field("Sort key type", skType)),
      proj.el,
      provisioned ? h("div", { class: "row" }, field("Read capacity units", rcu), field("Write capacity units", wcu)) : null,
      err,
      h("div", { class: "actions left" }, submit)));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const defs = new Map();
    const create = {
      IndexName: name.value.trim(),
      KeySchema: keySchema(pkName.value.trim(), pkType.value, skName.value.trim(), skType.value, defs),
      Projection: proj.value(),
    };
    if (provisioned) create.ProvisionedThroughput = { ReadCapacityUnits: Number(rcu.value), WriteCapacityUnits: Number(wcu.value) };
    submit.disabled = true;
    try {
      const out = await call("UpdateTable", {
        TableName: d.TableName,
        AttributeDefinitions: [...defs].map(([n, t]) => ({ AttributeName: n, AttributeType: t })),
        GlobalSecondaryIndexUpdates: [{ Create: create }],
      });
      shown(out.TableDescription);
      toast("Creating index " + create.IndexName);
      name.value = "";
      pkName.value = "";
      skName.value = "";
      watch(d.TableName);
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

// shown renders a table's description as an UpdateTable answered it (the
// new index CREATING, the deleted one DELETING) before watch polls on, and
// has the table list (the Tables tab's rows too) described again.
function shown(desc) {
  if (!desc) return;
  tableCache.set(desc.TableName, desc);
  if (state.table === desc.TableName) emit("tables");
  refreshTables().catch(() => {});
}

// building lists the GSIs of d that are not ACTIVE yet.
function building(d) {
  return (d.GlobalSecondaryIndexes || []).filter((x) => x.IndexStatus !== "ACTIVE" || x.Backfilling);
}

// stateNote explains an index backfilling (CREATING) or being deleted
// (DELETING), and offers to move a paused engine clock on (both follow it).
function stateNote(d) {
  const named = (status) => building(d).filter((x) => x.IndexStatus === status).map((x) => x.IndexName).join(", ");
  const creating = named("CREATING"), deleting = named("DELETING");
  if (!creating && !deleting) return null;
  const paused = clockState().paused;
  return h("div", { class: "note", id: creating ? "ix-backfill-note" : "ix-deleting-note", role: "status" },
    creating ? h("p", { text: "Index " + creating + " is backfilling (CREATING): DynamoDB refuses Query and Scan on it until it is ACTIVE. " +
      "Here a backfill takes 2 seconds of the engine clock, plus 1 second per 10,000 items." }) : null,
    deleting ? h("p", { text: "Index " + deleting + " is being deleted (DELETING): it can no longer be read, and the table is UPDATING until it is gone. " +
      "Here a deletion takes 2 seconds of the engine clock." }) : null,
    paused ? h("p", { text: "The engine clock is paused, so the index waits for it: resume the clock or step it." }) : null,
    paused ? h("div", { class: "actions left" },
      button("Resume the clock", () => clockAction("resume").catch(() => {}), { class: "small", id: "ix-clock-resume" }),
      button("Step 10 s", () => clockAction("step", 10).catch(() => {}), { class: "small", id: "ix-clock-step" })) : null);
}

// lsiNote explains local secondary indexes, which this tab cannot add.
function lsiNote(d) {
  const n = (d.LocalSecondaryIndexes || []).length;
  return h("div", { class: "note", id: "lsi-note", role: "note" },
    h("h3", { text: "Local secondary indexes" }),
    h("p", { text: "A local secondary index (LSI) keeps the table's partition key and sorts each partition by another attribute, so one partition can be queried in a second order. It can read with strong consistency, shares the table's capacity, and limits each partition key value's items (with the index entries) to 10 GB." }),
    h("p", { text: "LSIs can only be defined when a table is created (Create table → Add local index; at most 5) and can never be added or removed later: to get one on this table, create a new table with it and copy the items. Global secondary indexes (above) can be added and deleted at any time." }),
    h("p", { class: "muted", text: "This table has " + (n === 0 ? "no local secondary index." : n + " local secondary index" + (n === 1 ? "" : "es") + ".") }));
}

function render() {
  const root = document.getElementById("view-indexes");
  const d = tableCache.get(state.table);
  if (!d) {
    replace(root, h("h2", { text: "Indexes" }), h("p", { class: "muted", text: "Select a table in the sidebar to see its indexes." }));
    return;
  }
  const keepForm = root.querySelector("#gsi-form");
  const err = h("p", { class: "error", role: "alert", id: "ix-error" });
  const actions = (kind, ix) => [
    button("Query", () => { emit("view", "items"); exploreIndex(ix.IndexName); }, { class: "small", "aria-label": "Query index " + ix.IndexName,
      disabled: (ix.IndexStatus || "ACTIVE") !== "ACTIVE",
      title: ix.IndexStatus === "DELETING" ? "Being deleted" : (ix.IndexStatus || "ACTIVE") !== "ACTIVE" ? "Readable once ACTIVE" : null }),
    kind === "GSI" ? button("Delete", async () => {
      const ok = await confirmDialog("Delete index", "Delete global secondary index " + ix.IndexName + " of " + d.TableName + "?", { confirmLabel: "Delete", danger: true });
      if (!ok) return;
      try {
        const out = await call("UpdateTable", { TableName: d.TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: ix.IndexName } }] });
        shown(out.TableDescription);
        toast("Deleting index " + ix.IndexName);
        watch(d.TableName);
      } catch (e) {
        err.textContent = errorText(e);
      }
    }, { class: "small danger", "aria-label": "Delete index " + ix.IndexName,
      disabled: ix.IndexStatus === "DELETING", title: ix.IndexStatus === "DELETING" ? "Being deleted" : null }) : null,
  ];
  keepFocus(() => replace(root,
    h("div", { class: "toolbar" }, h("h2", { text: "Indexes — " + d.TableName })),
    err,
    h("div", { id: "ix-list" }, indexTable(d, actions)),
    stateNote(d),
    lsiNote(d),
    keepForm && keepForm.dataset.table === d.TableName ? keepForm : createForm(d)));
  const f = root.querySelector("#gsi-form");
  f.dataset.table = d.TableName;
  if (building(d).length) watch(d.TableName);
}

/** initIndexes re-renders when the table or table list changes. */
export function initIndexes() {
  on("table", render);
  on("tables", render);
  on("clock", render);
  render();
}

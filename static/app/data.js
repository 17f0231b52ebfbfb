// data.js — data in and out: sample datasets, export of the playground or
// one table, import of a snapshot file (replace, or add its tables) and of
// DynamoDB JSON lines ({"Item": {...}} per line) into the open table.

import { h, button, errorText, download } from "./dom.js";
import { call, describe } from "./api.js";
import { state } from "./state.js";
import { modal, confirmDialog, toast } from "./dialogs.js";
import { runTask, Cancelled } from "./task.js";
import { refreshTables, tableCache, openTable, untilActive, untilGone } from "./tables.js";

/** The built-in sample datasets (files under samples/). */
export const SAMPLES = [
  { id: "music", file: "samples/music.json", title: "Music catalogue", text: "Artists, albums and songs in one table, with a global index by genre and year and a local index by album." },
  { id: "forum", file: "samples/forum.json", title: "Forum", text: "Forums, threads and replies in three tables, with indexes by author, by poster and by last post." },
];

const BATCH = 25;

// definition turns a DescribeTable result into a CreateTable request.
function definition(d) {
  const provisioned = !(d.BillingModeSummary && d.BillingModeSummary.BillingMode === "PAY_PER_REQUEST");
  const tp = (p) => ({ ReadCapacityUnits: p.ReadCapacityUnits, WriteCapacityUnits: p.WriteCapacityUnits });
  const def = {
    TableName: d.TableName,
    AttributeDefinitions: d.AttributeDefinitions,
    KeySchema: d.KeySchema,
    BillingMode: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST",
  };
  if (provisioned) def.ProvisionedThroughput = tp(d.ProvisionedThroughput || {});
  // An index being deleted (DELETING) is left out: its key attributes
  // are no longer in AttributeDefinitions.
  const gsis = (d.GlobalSecondaryIndexes || []).filter((x) => x.IndexStatus !== "DELETING");
  if (gsis.length) {
    def.GlobalSecondaryIndexes = gsis.map((x) => {
      const ix = { IndexName: x.IndexName, KeySchema: x.KeySchema, Projection: x.Projection };
      if (provisioned) ix.ProvisionedThroughput = tp(x.ProvisionedThroughput || {});
      return ix;
    });
  }
  if (d.LocalSecondaryIndexes) {
    def.LocalSecondaryIndexes = d.LocalSecondaryIndexes.map((x) => ({ IndexName: x.IndexName, KeySchema: x.KeySchema, Projection: x.Projection }));
  }
  return def;
}

/** megabytes writes a number of bytes in MB, with one decimal. */
const megabytes = (n) => (n / 1e6).toFixed(1) + " MB";

/** exportTable builds a one-table snapshot by DescribeTable + Scan. */
async function exportTable(name, task) {
  const d = await describe(name);
  const items = [];
  let start;
  do {
    task.check();
    const req = { TableName: name };
    if (start) req.ExclusiveStartKey = start;
    const out = await call("Scan", req, { log: false });
    items.push(...(out.Items || []));
    start = out.LastEvaluatedKey;
    task.progress(items.length, d.ItemCount || 0, items.length + " items");
  } while (start);
  return { format: "ddbplay-snapshot", version: 1, tables: [{ ...definition(d), items }] };
}

async function waitActive(name, task) {
  await untilActive(name, { check: () => task.check() });
}

/**
 * writeItems writes items to a table with BatchWriteItem (25 at a time,
 * retrying unprocessed items), reporting progress; cancellable between
 * batches. Resolves with the number written.
 */
export async function writeItems(table, items, task, offset = 0, total = items.length) {
  let done = 0;
  for (let i = 0; i < items.length; i += BATCH) {
    task.check();
    let pending = { [table]: items.slice(i, i + BATCH).map((Item) => ({ PutRequest: { Item } })) };
    for (let tries = 0; pending && Object.keys(pending).length && tries < 20; tries++) {
      const out = await call("BatchWriteItem", { RequestItems: pending }, { log: i === 0 && tries === 0 });
      pending = out.UnprocessedItems;
    }
    done += Math.min(BATCH, items.length - i);
    task.progress(offset + done, total, (offset + done) + " of " + total + " items");
  }
  return done;
}

/**
 * addTables creates each table of a snapshot-shaped object and writes its
 * items. Existing tables of the same name are replaced after asking.
 */
export async function addTables(snapshot, label) {
  const tables = Array.isArray(snapshot.tables) ? snapshot.tables : [];
  if (tables.length === 0) throw new Error("The file holds no tables.");
  const clash = tables.map((t) => t.TableName).filter((n) => tableCache.has(n));
  if (clash.length) {
    const ok = await confirmDialog("Replace tables", "These tables exist already and will be replaced: " + clash.join(", ") + ".", { confirmLabel: "Replace", danger: true });
    if (!ok) return false;
  }
  const total = tables.reduce((n, t) => n + (Array.isArray(t.items) ? t.items.length : 0), 0);
  await runTask(label, async (task) => {
    let offset = 0;
    for (const t of tables) {
      task.check();
      const { items = [], ...def } = t;
      const create = {};
      for (const k of ["TableName", "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification", "SSESpecification", "TableClass", "DeletionProtectionEnabled", "Tags"]) {
        if (def[k] !== undefined) create[k] = def[k];
      }
      if (clash.includes(create.TableName)) {
        await call("DeleteTable", { TableName: create.TableName });
        await untilGone(create.TableName, { check: () => task.check() }); // DELETING first
      }
      await call("CreateTable", create);
      await waitActive(create.TableName, task);
      if (def.TimeToLiveSpecification) {
        await call("UpdateTimeToLive", { TableName: create.TableName, TimeToLiveSpecification: def.TimeToLiveSpecification });
      }
      await writeItems(create.TableName, items, task, offset, total);
      offset += items.length;
    }
  });
  await refreshTables();
  return true;
}

async function loadSample(sample) {
  try {
    const res = await fetch(sample.file);
    if (!res.ok) throw new Error("Could not load " + sample.file + ": HTTP " + res.status);
    const snap = await res.json();
    if (await addTables(snap, "Loading " + sample.title)) {
      toast("Loaded sample: " + sample.title, "ok");
      openTable(snap.tables[0].TableName, "items");
    }
  } catch (e) {
    toast(e instanceof Cancelled ? "Loading cancelled (tables loaded so far are kept)" : errorText(e), "error");
    await refreshTables();
  }
}

/** parseJSONLines parses {"Item": {...}} lines; throws with the line number. */
export function parseJSONLines(text) {
  const items = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let v;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error("Line " + (i + 1) + " is not valid JSON: " + e.message);
    }
    if (!v || typeof v !== "object" || !v.Item || typeof v.Item !== "object" || Array.isArray(v.Item)) {
      throw new Error("Line " + (i + 1) + ' is not of the form {"Item": {...}}.');
    }
    items.push(v.Item);
  });
  return items;
}

function choose(title, message, choices) {
  return new Promise((resolve) => {
    let result = null;
    const m = modal(title, h("div", {}, h("p", { text: message }),
      h("div", { class: "actions" }, button("Cancel", () => m.close()),
        choices.map(([value, label, cls]) => button(label, () => { result = value; m.close(); }, { class: cls || "", "data-testid": "choose-" + value })))), { testid: "choose-dialog" });
    m.dialog.addEventListener("close", () => resolve(result));
  });
}

async function importFile(file) {
  const text = await file.text();
  let snap = null;
  if (text.trimStart().startsWith("{")) {
    try {
      const v = JSON.parse(text);
      if (v && v.format === "ddbplay-snapshot") snap = v;
    } catch {
      // not one JSON document: try JSON lines below
    }
  }
  if (snap) {
    const names = (snap.tables || []).map((t) => t.TableName).join(", ");
    const how = await choose("Import snapshot", "The file holds: " + (names || "no tables") + ". Replace the whole playground with it, or add its tables to the playground?",
      [["add", "Add tables"], ["replace", "Replace playground", "danger"]]);
    if (how === "replace") {
      await runTask("Importing " + file.name, async (task) => {
        await state.db.importSnapshot(snap, { onProgress: (p) => task.progress(p.done, p.total, "") });
      });
      toast("Imported " + file.name, "ok");
      await refreshTables();
    } else if (how === "add") {
      if (await addTables(snap, "Importing " + file.name)) toast("Imported " + file.name, "ok");
    }
    return;
  }
  const items = parseJSONLines(text);
  if (!state.table) throw new Error("Open a table first: JSON lines are imported into the open table.");
  const ok = await confirmDialog("Import items", "Write " + items.length + " items from " + file.name + " into " + state.table + "? Items with the same key are replaced.", { confirmLabel: "Import" });
  if (!ok) return;
  await runTask("Importing " + file.name, (task) => writeItems(state.table, items, task));
  toast("Imported " + items.length + " items into " + state.table, "ok");
  await refreshTables();
}

function openDataDialog() {
  const err = h("p", { class: "error", role: "alert", id: "data-error" });
  const fileInput = h("input", { type: "file", id: "data-file", accept: ".json,.jsonl,.ndjson,application/json" });
  const fail = (e) => { err.textContent = e instanceof Cancelled ? "Cancelled." : errorText(e); };
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (!file) return;
    err.textContent = "";
    m.close();
    try {
      await importFile(file);
    } catch (e) {
      toast(e instanceof Cancelled ? "Import cancelled (items written so far are kept)" : errorText(e), "error");
      await refreshTables();
    }
  });
  const m = modal("Data", h("div", {},
    h("h3", { text: "Sample datasets" }),
    h("ul", { class: "samples" }, SAMPLES.map((s) => h("li", {},
      button("Load " + s.title, () => { m.close(); loadSample(s); }, { id: "sample-" + s.id, class: "primary" }),
      h("span", { class: "muted", text: " " + s.text })))),
    h("h3", { text: "Export" }),
    h("div", { class: "actions left" },
      button("Export playground", async () => {
        m.close(); // the task bar shows the progress and Cancel
        try {
          const blob = await runTask("Exporting the playground", (task) => state.db.exportSnapshotBlob({
            signal: task.signal,
            onProgress: (p) => task.progress(p.done, p.total, p.total > 0 ? megabytes(p.done) + " of about " + megabytes(p.total) : p.done + " items"),
          }));
          download("ddbplay-" + state.space + ".json", blob);
        } catch (e) {
          if (e?.name === "AbortError") toast("Export cancelled");
          else fail(e);
        }
      }, { id: "data-export-all" }),
      state.table ? button("Export table " + state.table, async () => {
        try {
          const snap = await runTask("Exporting " + state.table, (task) => exportTable(state.table, task));
          download(state.table + ".json", JSON.stringify(snap));
        } catch (e) {
          fail(e);
        }
      }, { id: "data-export-table" }) : null),
    h("h3", { text: "Import" }),
    h("p", { class: "muted", text: "A ddbplay snapshot file (.json), or DynamoDB JSON lines ({\"Item\": {...}} per line) for the open table." }),
    h("div", { class: "field" }, h("label", { for: "data-file", text: "Choose a file to import" }), fileInput),
    h("h3", { text: "Reset" }),
    button("Delete every table", async () => {
      m.close();
      const where = state.connected ? "at " + state.connected : "in this playground (space " + state.space + ")";
      const ok = await confirmDialog("Reset playground", "Delete every table " + where + "?", { confirmLabel: "Delete everything", danger: true });
      if (!ok) return;
      await state.db.reset();
      state.table = "";
      toast("Playground reset");
      await refreshTables();
    }, { class: "danger", id: "data-reset" }),
    err), { testid: "data-dialog", wide: true });
}

/** initData wires the header's Data button. */
export function initData() {
  document.getElementById("btn-data").addEventListener("click", openDataDialog);
}


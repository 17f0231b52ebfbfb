// tables.js — the table list, table details, Create table and Delete.

import { h, button, field, select, replace, keepFocus, formatBytes, errorText } from "./dom.js";
import { call, listAllTables, describe } from "./api.js";
import { state, emit, on } from "./state.js";
import { modal, confirmDialog, toast } from "./dialogs.js";
import { KEY_TYPES, TYPE_NAMES } from "./values.js";
import { settingsSection, updateSettings } from "./settings.js";
import { clockState, clockAction } from "./lab/clock.js";

/** @type {Map<string, any>} table name → last DescribeTable result */
export const tableCache = new Map();

let refreshing = null;
let again = false;

/**
 * refreshTables reloads the list of tables and their descriptions. Calls
 * while one is running are folded into one more run after it; the cache
 * is swapped in whole, so views never see a half-filled list.
 */
export function refreshTables() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      do {
        again = false;
        await refreshOnce();
      } while (again);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function refreshOnce() {
  const names = await listAllTables({ log: false });
  const next = new Map();
  for (const name of names) {
    try {
      next.set(name, await describe(name, { log: false }));
    } catch {
      // deleted meanwhile: leave it out
    }
  }
  tableCache.clear();
  for (const [k, v] of next) tableCache.set(k, v);
  if (state.table && !tableCache.has(state.table)) state.table = "";
  renderSidebar();
  renderTablesView();
  emit("tables");
  // A table being created, updated or deleted changes state on the engine
  // clock: look again in a second, until every table is ACTIVE (not while
  // the clock is paused: nothing changes then).
  if (!followUp && [...next.values()].some((d) => d.TableStatus !== "ACTIVE") && !clockState()?.paused) {
    followUp = setTimeout(() => {
      followUp = null;
      refreshTables().catch(() => {});
    }, 1000);
  }
}

let followUp = null;

function keyLabel(desc, keyType) {
  const k = (desc.KeySchema || []).find((x) => x.KeyType === keyType);
  if (!k) return "—";
  const d = (desc.AttributeDefinitions || []).find((a) => a.AttributeName === k.AttributeName);
  return k.AttributeName + " (" + (d ? d.AttributeType : "?") + ")";
}

function renderSidebar() {
  const list = document.getElementById("table-list");
  replace(list, [...tableCache.keys()].map((name) => h("li", {},
    button(name, () => openTable(name, state.view === "tables" ? "tables" : state.view), {
      class: "table-link", "aria-current": name === state.table ? "true" : null, "data-testid": "sidebar-table", dataset: { table: name },
    }))));
  if (tableCache.size === 0) list.append(h("li", { class: "muted", text: "No tables yet" }));
}

/** openTable selects a table and switches to a view. */
export function openTable(name, view) {
  state.table = name;
  renderSidebar();
  emit("view", view || state.view);
  renderTablesView();
  emit("table", name);
}

// renderTablesView shows the table list and the selected table's details.
// It runs on every refresh (each second while a table changes state), so
// the details of the table already shown are updated in place: the forms
// someone is filling in, their focus and any error shown stay.
function renderTablesView() {
  const root = document.getElementById("view-tables");
  let list = root.querySelector(":scope > .tables-list");
  if (!list) {
    list = h("div", { class: "tables-list" });
    replace(root, list);
  }
  const rows = [...tableCache.values()].map((d) => h("tr", { "data-testid": "table-row", dataset: { table: d.TableName } },
    h("th", { scope: "row" }, button(d.TableName, () => openTable(d.TableName, "tables"), { class: "link" })),
    h("td", { text: keyLabel(d, "HASH") }),
    h("td", { text: keyLabel(d, "RANGE") }),
    h("td", { class: "num", text: String(d.ItemCount ?? 0) }),
    h("td", { class: "num", text: formatBytes(d.TableSizeBytes ?? 0) }),
    h("td", { class: "num", text: String((d.GlobalSecondaryIndexes || []).length + (d.LocalSecondaryIndexes || []).length) }),
    h("td", { text: d.TableStatus || "" })));
  keepFocus(() => {
    replace(list,
      h("div", { class: "toolbar" },
        h("h2", { text: "Tables" }),
        button("Create table", openCreateTable, { class: "primary", id: "btn-create-table" })),
      tableCache.size === 0
        ? h("p", { class: "muted", text: "No tables. Create one, or load a sample dataset from the Data menu." })
        : h("div", { class: "scroll" }, h("table", { class: "grid", id: "tables-grid" },
          h("caption", { class: "sr-only", text: "Tables" }),
          h("thead", {}, h("tr", {}, ["Name", "Partition key", "Sort key", "Items", "Size", "Indexes", "Status"].map((t) => h("th", { scope: "col", text: t })))),
          h("tbody", {}, rows))));
    const shown = root.querySelector(':scope > [data-testid="table-details"]');
    const d = state.table ? tableCache.get(state.table) : undefined;
    if (!d) shown?.remove();
    else if (shown && shown.dataset.table === d.TableName) updateDetails(shown, d);
    else if (shown) shown.replaceWith(details(d));
    else root.append(details(d));
  });
}

function dl(pairs, extra) {
  return h("dl", { class: "facts" }, pairs.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]), extra || null);
}

function capacity(d) {
  if (d.BillingModeSummary && d.BillingModeSummary.BillingMode === "PAY_PER_REQUEST") return "On-demand";
  const p = d.ProvisionedThroughput || {};
  return "Provisioned: " + (p.ReadCapacityUnits ?? 0) + " RCU / " + (p.WriteCapacityUnits ?? 0) + " WCU";
}

function indexKeys(ix) {
  return (ix.KeySchema || []).map((k) => k.AttributeName + (k.KeyType === "RANGE" ? " (sort)" : " (partition)")).join(", ");
}

function projection(ix) {
  const p = ix.Projection || {};
  return (p.ProjectionType || "") + (p.NonKeyAttributes ? " [" + p.NonKeyAttributes.join(", ") + "]" : "");
}

/** indexRows renders the indexes of a table description as table rows. */
export function indexRows(d, actions) {
  const all = [
    ...(d.GlobalSecondaryIndexes || []).map((x) => ["GSI", x]),
    ...(d.LocalSecondaryIndexes || []).map((x) => ["LSI", x]),
  ];
  return all.map(([kind, ix]) => h("tr", { "data-testid": "index-row", dataset: { index: ix.IndexName } },
    h("th", { scope: "row", text: ix.IndexName }),
    h("td", { text: kind }),
    h("td", { text: indexKeys(ix) }),
    h("td", { text: projection(ix) }),
    h("td", { "data-testid": "index-status", text: (ix.IndexStatus || "ACTIVE") + (ix.Backfilling ? " (backfilling)" : "") }),
    h("td", { class: "num", text: String(ix.ItemCount ?? 0) }),
    h("td", { class: "num", text: formatBytes(ix.IndexSizeBytes ?? 0) }),
    actions ? h("td", {}, actions(kind, ix)) : null));
}

/** indexTable wraps indexRows in a grid. */
export function indexTable(d, actions) {
  const rows = indexRows(d, actions);
  if (rows.length === 0) return h("p", { class: "muted", text: "No secondary indexes." });
  const heads = ["Name", "Type", "Keys", "Projection", "Status", "Items", "Size"];
  if (actions) heads.push("Actions");
  return h("div", { class: "scroll" }, h("table", { class: "grid" },
    h("thead", {}, h("tr", {}, heads.map((t) => h("th", { scope: "col", text: t })))),
    h("tbody", {}, rows)));
}

// ttlText fills el with the table's Time to Live setting.
async function ttlText(table, el) {
  try {
    const out = await call("DescribeTimeToLive", { TableName: table }, { log: false });
    const t = out.TimeToLiveDescription || {};
    el.textContent = t.TimeToLiveStatus === "ENABLED" || t.TimeToLiveStatus === "ENABLING"
      ? t.TimeToLiveStatus.toLowerCase() + " on attribute " + t.AttributeName
      : "disabled";
  } catch {
    el.textContent = "—";
  }
}

// facts are the parts of the details that only show d: built again on
// each refresh.
function facts(d) {
  const ttl = h("dd", { "data-testid": "table-ttl", text: "…" });
  ttlText(d.TableName, ttl);
  return h("div", { class: "details-facts" },
    dl([
      ["Status", d.TableStatus || ""],
      ["Partition key", keyLabel(d, "HASH")],
      ["Sort key", keyLabel(d, "RANGE")],
      ["Capacity", capacity(d)],
      ["Item count", String(d.ItemCount ?? 0)],
      ["Size", formatBytes(d.TableSizeBytes ?? 0)],
      ["Attribute definitions", (d.AttributeDefinitions || []).map((a) => a.AttributeName + ": " + a.AttributeType).join(", ")],
      ["ARN", d.TableArn || ""],
      ["Deletion protection", d.DeletionProtectionEnabled ? "on" : "off"],
      ["Created", d.CreationDateTime ? new Date(Number(d.CreationDateTime) * 1000).toISOString() : ""],
    ], [h("dt", { text: "Time to live" }), ttl]),
    h("h4", { text: "Indexes" }),
    indexTable(d));
}

// updateDetails brings el (from details, for the same table) up to date.
function updateDetails(el, d) {
  el.querySelector(":scope > .details-facts").replaceWith(facts(d));
  updateSettings(el.querySelector(":scope > .table-settings"), d);
}

function details(d) {
  const err = h("p", { class: "error", role: "alert" });
  return h("section", { class: "details", "aria-label": "Table details", "data-testid": "table-details", dataset: { table: d.TableName } },
    h("div", { class: "toolbar" },
      h("h3", { text: d.TableName }),
      button("Explore items", () => emit("view", "items"), { class: "primary" }),
      button("Indexes", () => emit("view", "indexes")),
      button("Delete table", async () => {
        const ok = await confirmDialog("Delete table", "Delete table " + d.TableName + " and all of its items? This cannot be undone.", { confirmLabel: "Delete", danger: true });
        if (!ok) return;
        try {
          await call("DeleteTable", { TableName: d.TableName });
          toast("Deleting table " + d.TableName + " (DELETING for a moment, as on DynamoDB)");
          state.table = "";
          await refreshTables();
          await untilGone(d.TableName);
          toast("Deleted table " + d.TableName);
          await refreshTables();
        } catch (e) {
          err.textContent = errorText(e);
        }
      }, { class: "danger", id: "btn-delete-table" })),
    err,
    facts(d),
    settingsSection(d));
}

// ---- Create table -------------------------------------------------------

function keyFields(prefix, labelPrefix, optional) {
  const name = h("input", { type: "text", id: prefix + "-name", autocomplete: "off", placeholder: optional ? "optional" : "" });
  const type = select(KEY_TYPES.map((t) => [t, TYPE_NAMES[t]]), { id: prefix + "-type" });
  return { name, type, el: h("div", { class: "row" }, field(labelPrefix + " name", name), field(labelPrefix + " type", type)) };
}

function capacityFields(prefix) {
  const rcu = h("input", { type: "number", min: "1", value: "5", id: prefix + "-rcu" });
  const wcu = h("input", { type: "number", min: "1", value: "5", id: prefix + "-wcu" });
  return { rcu, wcu, el: h("div", { class: "row provisioned-only" }, field("Read capacity units", rcu), field("Write capacity units", wcu)) };
}

/**
 * projectionFields builds projection type + INCLUDE attributes controls.
 */
export function projectionFields(prefix) {
  const type = select([["ALL", "All attributes"], ["KEYS_ONLY", "Keys only"], ["INCLUDE", "Include…"]], { id: prefix + "-proj" });
  const attrs = h("input", { type: "text", id: prefix + "-include", placeholder: "attr1, attr2" });
  const attrsField = field("Included attributes (comma separated)", attrs);
  attrsField.hidden = true;
  type.addEventListener("change", () => { attrsField.hidden = type.value !== "INCLUDE"; });
  return {
    el: h("div", { class: "row" }, field("Projection", type), attrsField),
    value() {
      const p = { ProjectionType: type.value };
      if (type.value === "INCLUDE") p.NonKeyAttributes = attrs.value.split(",").map((s) => s.trim()).filter(Boolean);
      return p;
    },
  };
}

/** splitList splits "a, b" into ["a","b"]. */
export function splitList(s) {
  return s.split(",").map((x) => x.trim()).filter(Boolean);
}

/** keySchema builds KeySchema and collects attribute definitions. */
export function keySchema(hashName, hashType, rangeName, rangeType, defs) {
  const ks = [{ AttributeName: hashName, KeyType: "HASH" }];
  defs.set(hashName, hashType);
  if (rangeName) {
    ks.push({ AttributeName: rangeName, KeyType: "RANGE" });
    defs.set(rangeName, rangeType);
  }
  return ks;
}

function openCreateTable() {
  const form = h("form", { id: "create-table-form", novalidate: true });
  const name = h("input", { type: "text", id: "ct-name", required: true, autocomplete: "off" });
  const pk = keyFields("ct-pk", "Partition key");
  const sk = keyFields("ct-sk", "Sort key", true);
  const billing = select([["PAY_PER_REQUEST", "On-demand"], ["PROVISIONED", "Provisioned"]], { id: "ct-billing" });
  const cap = capacityFields("ct");
  const gsiList = h("div", { class: "index-list", id: "ct-gsis" });
  const lsiList = h("div", { class: "index-list", id: "ct-lsis" });
  const gsis = [];
  const lsis = [];
  const err = h("p", { class: "error", role: "alert", id: "ct-error" });
  const status = h("p", { class: "muted", role: "status", id: "ct-status" });
  const syncBilling = () => {
    for (const el of form.querySelectorAll(".provisioned-only")) el.hidden = billing.value !== "PROVISIONED";
  };
  billing.addEventListener("change", syncBilling);

  let gsiSeq = 0;
  let lsiSeq = 0;
  const addGSI = () => {
    const p = "ct-gsi-" + gsiSeq++;
    const ixName = h("input", { type: "text", id: p + "-name", autocomplete: "off" });
    const ipk = keyFields(p + "-pk", "Partition key");
    const isk = keyFields(p + "-sk", "Sort key", true);
    const proj = projectionFields(p);
    const icap = capacityFields(p);
    const g = { ixName, ipk, isk, proj, icap };
    const box = h("fieldset", { class: "index-box", "data-testid": "ct-gsi" },
      h("legend", { text: "Global secondary index " + (gsis.length + 1) }),
      field("Index name", ixName), ipk.el, isk.el, proj.el, icap.el,
      button("Remove index", () => { gsis.splice(gsis.indexOf(g), 1); box.remove(); }, { class: "small" }));
    gsis.push(g);
    gsiList.append(box);
    syncBilling();
    ixName.focus();
  };
  const addLSI = () => {
    const p = "ct-lsi-" + lsiSeq++;
    const ixName = h("input", { type: "text", id: p + "-name", autocomplete: "off" });
    const isk = keyFields(p + "-sk", "Sort key");
    const proj = projectionFields(p);
    const l = { ixName, isk, proj };
    const box = h("fieldset", { class: "index-box", "data-testid": "ct-lsi" },
      h("legend", { text: "Local secondary index " + (lsis.length + 1) }),
      field("Index name", ixName), isk.el, proj.el,
      button("Remove index", () => { lsis.splice(lsis.indexOf(l), 1); box.remove(); }, { class: "small" }));
    lsis.push(l);
    lsiList.append(box);
    ixName.focus();
  };

  const build = () => {
    const defs = new Map();
    const req = {
      TableName: name.value.trim(),
      KeySchema: keySchema(pk.name.value.trim(), pk.type.value, sk.name.value.trim(), sk.type.value, defs),
      AttributeDefinitions: [],
      BillingMode: billing.value,
    };
    const provisioned = billing.value === "PROVISIONED";
    const tp = (c) => ({ ReadCapacityUnits: Number(c.rcu.value), WriteCapacityUnits: Number(c.wcu.value) });
    if (provisioned) req.ProvisionedThroughput = tp(cap);
    if (gsis.length) {
      req.GlobalSecondaryIndexes = gsis.map((g) => {
        const ix = {
          IndexName: g.ixName.value.trim(),
          KeySchema: keySchema(g.ipk.name.value.trim(), g.ipk.type.value, g.isk.name.value.trim(), g.isk.type.value, defs),
          Projection: g.proj.value(),
        };
        if (provisioned) ix.ProvisionedThroughput = tp(g.icap);
        return ix;
      });
    }
    if (lsis.length) {
      req.LocalSecondaryIndexes = lsis.map((l) => ({
        IndexName: l.ixName.value.trim(),
        KeySchema: keySchema(pk.name.value.trim(), pk.type.value, l.isk.name.value.trim(), l.isk.type.value, defs),
        Projection: l.proj.value(),
      }));
    }
    req.AttributeDefinitions = [...defs].map(([n, t]) => ({ AttributeName: n, AttributeType: t }));
    return req;
  };

  const submit = h("button", { type: "submit", class: "primary", id: "ct-submit" }, "Create table");
  form.append(
    field("Table name", name),
    h("fieldset", {}, h("legend", { text: "Primary key" }), pk.el, sk.el),
    h("fieldset", {}, h("legend", { text: "Capacity" }), field("Billing mode", billing), cap.el),
    h("fieldset", {}, h("legend", { text: "Global secondary indexes" }), gsiList, button("Add global index", addGSI, { id: "ct-add-gsi" })),
    h("fieldset", {}, h("legend", { text: "Local secondary indexes" }), lsiList, button("Add local index", addLSI, { id: "ct-add-lsi" })),
    err, status,
    h("div", { class: "actions" }, button("Cancel", () => m.close()), submit));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    submit.disabled = true;
    try {
      const req = build();
      await call("CreateTable", req);
      // CREATING for a moment, as on DynamoDB: the dialog waits, so that
      // nothing reads or writes the table before it is ACTIVE.
      submit.textContent = "Creating…";
      await untilActive(req.TableName, { onStatus: (s) => { status.textContent = "Table " + req.TableName + " is " + s + "."; } });
      // The page moves to the new table before the dialog closes: nothing
      // changes view under a click made as soon as it is gone.
      state.table = req.TableName;
      await refreshTables();
      openTable(req.TableName, "tables");
      m.close();
      toast("Created table " + req.TableName);
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      submit.disabled = false;
      submit.textContent = "Create table";
    }
  });
  const m = modal("Create table", form, { testid: "create-table-dialog", wide: true });
  syncBilling();
  name.focus();
}

/**
 * untilActive waits until the table called name is ACTIVE, as a DynamoDB
 * user waits after CreateTable (a new table is CREATING for 2 s of engine
 * time and refuses reads and writes until then) or an UpdateTable (UPDATING
 * for 2 s, refusing further changes): DescribeTable every
 * 250 ms; a paused engine clock is stepped a second at a time instead, so
 * that nothing waits for ever. onStatus(status) hears each TableStatus;
 * check() may throw to stop. Resolves the description.
 */
export async function untilActive(name, { onStatus, check } = {}) {
  for (let i = 0; i < 600; i++) {
    if (check) check();
    const d = await describe(name, { log: false });
    if (onStatus) onStatus(d.TableStatus);
    if (d.TableStatus === "ACTIVE") return d;
    const c = clockState();
    if (c && c.paused) await clockAction("step", 1).catch(() => {});
    else await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("Table " + name + " is still not ACTIVE.");
}

/**
 * untilGone waits until the table called name is gone, as a DynamoDB user
 * waits after DeleteTable (a deleted table is DELETING for 2 s of engine
 * time, and its name cannot be used again until then): DescribeTable
 * until ResourceNotFoundException, paced as untilActive. check() may
 * throw to stop.
 */
export async function untilGone(name, { check } = {}) {
  for (let i = 0; i < 600; i++) {
    if (check) check();
    try {
      await describe(name, { log: false });
    } catch (e) {
      if (e.name === "ResourceNotFoundException") return;
      throw e;
    }
    const c = clockState();
    if (c && c.paused) await clockAction("step", 1).catch(() => {});
    else await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("Table " + name + " is still DELETING.");
}

/** initTables wires the sidebar button. */
export function initTables() {
  document.getElementById("sidebar-create").addEventListener("click", openCreateTable);
  on("refresh", () => refreshTables().catch((e) => toast(errorText(e), "error")));
}

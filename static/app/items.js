// items.js — the items explorer: Scan or Query a table or index with a
// query builder, page through results, show them as a grid or JSON.

import { h, button, field, select, replace, errorText } from "./dom.js";
import { call } from "./api.js";
import { state, on, emit } from "./state.js";
import { tableCache, splitList } from "./tables.js";
import { Placeholders, SCALAR_TYPES, display, keyNames, attrType, scalar, keyOf } from "./values.js";
import { openItemEditor } from "./editor.js";
import { runTask, Cancelled } from "./task.js";

const SK_OPS = [["", "(any)"], ["=", "="], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="], ["between", "between"], ["begins_with", "begins with"]];
const FILTER_OPS = [["=", "="], ["<>", "≠"], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="], ["between", "between"], ["begins_with", "begins with"], ["contains", "contains"], ["attribute_exists", "exists"], ["attribute_not_exists", "not exists"], ["attribute_type", "is of type"]];

let ui = null; // the built explorer for state.table

/** keyCondition builds a KeyConditionExpression clause. */
export function condition(ph, attr, op, v1, v2) {
  const n = ph.name(attr);
  switch (op) {
    case "between": return n + " BETWEEN " + ph.value(v1) + " AND " + ph.value(v2);
    case "begins_with": return "begins_with(" + n + ", " + ph.value(v1) + ")";
    case "contains": return "contains(" + n + ", " + ph.value(v1) + ")";
    case "attribute_exists": return "attribute_exists(" + n + ")";
    case "attribute_not_exists": return "attribute_not_exists(" + n + ")";
    case "attribute_type": return "attribute_type(" + n + ", " + ph.value(v1) + ")";
    default: return n + " " + op + " " + ph.value(v1);
  }
}

function indexOptions(d) {
  return [["", "Table: " + d.TableName],
    ...(d.GlobalSecondaryIndexes || []).map((x) => [x.IndexName, "GSI: " + x.IndexName]),
    ...(d.LocalSecondaryIndexes || []).map((x) => [x.IndexName, "LSI: " + x.IndexName])];
}

function indexKeySchema(d, index) {
  if (!index) return d.KeySchema;
  const ix = [...(d.GlobalSecondaryIndexes || []), ...(d.LocalSecondaryIndexes || [])].find((x) => x.IndexName === index);
  return ix ? ix.KeySchema : d.KeySchema;
}

function filterRow(list, rows) {
  const i = rows.seq || 0; // ids stay unique after removals
  rows.seq = i + 1;
  const attr = h("input", { type: "text", id: "q-f" + i + "-attr", autocomplete: "off" });
  const type = select(SCALAR_TYPES, { id: "q-f" + i + "-type" });
  const op = select(FILTER_OPS, { id: "q-f" + i + "-op" });
  const v1 = h("input", { type: "text", id: "q-f" + i + "-v1", autocomplete: "off" });
  const v2 = h("input", { type: "text", id: "q-f" + i + "-v2", autocomplete: "off" });
  const v2f = field("and", v2);
  const v1f = field("Value", v1);
  const sync = () => {
    v2f.hidden = op.value !== "between";
    v1f.hidden = op.value === "attribute_exists" || op.value === "attribute_not_exists";
  };
  op.addEventListener("change", sync);
  sync();
  const row = { attr, type, op, v1, v2 };
  const el = h("div", { class: "row filter-row", "data-testid": "filter-row" },
    field("Attribute", attr), field("Type", type), field("Condition", op), v1f, v2f,
    button("Remove", () => { rows.splice(rows.indexOf(row), 1); el.remove(); }, { class: "small", "aria-label": "Remove filter " + (i + 1) }));
  rows.push(row);
  list.append(el);
  attr.focus();
}

function build() {
  const d = tableCache.get(state.table);
  const index = ui.index.value;
  const req = { TableName: d.TableName };
  if (index) req.IndexName = index;
  const ph = new Placeholders();
  if (ui.mode.value === "Query") {
    const [pk, sk] = keyNames(indexKeySchema(d, index));
    let kc = condition(ph, pk, "=", scalar(attrType(d, pk), ui.pk.value));
    if (sk && ui.skOp.value) {
      const t = attrType(d, sk);
      kc += " AND " + condition(ph, sk, ui.skOp.value, scalar(t, ui.sk1.value), scalar(t, ui.sk2.value));
    }
    req.KeyConditionExpression = kc;
  }
  const filters = ui.filters.filter((f) => f.attr.value.trim() !== "").map((f) => {
    const t = f.type.value;
    const v = f.op.value === "attribute_type" ? { S: f.v1.value.trim() } : scalar(t, f.v1.value);
    return "(" + condition(ph, f.attr.value.trim(), f.op.value, v, scalar(t, f.v2.value)) + ")";
  });
  if (filters.length) req.FilterExpression = filters.join(" " + ui.combine.value + " ");
  const proj = splitList(ui.projection.value);
  if (proj.length) req.ProjectionExpression = proj.map((n) => ph.name(n)).join(", ");
  ph.apply(req);
  if (ui.mode.value === "Query" && ui.order.value === "desc") req.ScanIndexForward = false;
  const limit = Number(ui.limit.value);
  if (limit > 0) req.Limit = limit;
  if (ui.consistent.checked) req.ConsistentRead = true;
  req.ReturnConsumedCapacity = "TOTAL";
  return req;
}

let runSeq = 0;

async function run(page) {
  const u = ui;
  const seq = ++runSeq;
  u.error.textContent = "";
  const req = { ...u.request };
  const start = u.starts[page];
  if (start) req.ExclusiveStartKey = start;
  u.run.disabled = true;
  try {
    const out = await call(req.KeyConditionExpression ? "Query" : "Scan", req);
    if (seq !== runSeq || u !== ui) return; // a newer request owns the results
    u.page = page;
    u.starts.length = page + 1;
    if (out.LastEvaluatedKey) u.starts[page + 1] = out.LastEvaluatedKey;
    u.result = out;
    renderResults();
  } catch (e) {
    if (seq !== runSeq || u !== ui) return;
    u.error.textContent = errorText(e);
  } finally {
    u.run.disabled = false;
    if (seq === runSeq) u.summary.dataset.seq = String(seq);
  }
}

/** Most items "Load all pages" collects. */
const ALL_PAGES_CAP = 10000;

// runAll fetches every page of the current request (as a cancellable task
// with progress) and shows them together.
async function runAll() {
  const u = ui;
  try {
    u.request = build();
  } catch (e) {
    u.error.textContent = errorText(e);
    return;
  }
  u.starts = [undefined];
  u.page = 0;
  const seq = ++runSeq;
  u.error.textContent = "";
  const op = u.request.KeyConditionExpression ? "Query" : "Scan";
  const all = { Items: [], Count: 0, ScannedCount: 0, ConsumedCapacity: { TableName: u.request.TableName, CapacityUnits: 0 }, pages: 0 };
  try {
    await runTask("Reading all pages of " + u.request.TableName, async (task) => {
      let start;
      do {
        task.check();
        const req = { ...u.request };
        if (start) req.ExclusiveStartKey = start;
        const out = await call(op, req);
        all.pages += 1;
        all.Items.push(...(out.Items || []));
        all.Count += out.Count || 0;
        all.ScannedCount += out.ScannedCount || 0;
        if (out.ConsumedCapacity) all.ConsumedCapacity.CapacityUnits += out.ConsumedCapacity.CapacityUnits || 0;
        start = out.LastEvaluatedKey;
        task.progress(0, 0, all.pages + " pages, " + all.Items.length + " items");
        if (all.Items.length >= ALL_PAGES_CAP) {
          all.truncated = true;
          all.Items.length = ALL_PAGES_CAP;
          break;
        }
      } while (start);
    });
  } catch (e) {
    if (seq !== runSeq || u !== ui) return;
    u.error.textContent = e instanceof Cancelled ? "Cancelled after " + all.pages + " pages; showing what was read." : errorText(e);
    if (!(e instanceof Cancelled)) {
      u.summary.dataset.seq = String(seq);
      return;
    }
  }
  if (seq !== runSeq || u !== ui) return;
  u.result = all;
  renderResults();
  u.summary.dataset.seq = String(seq);
}

function capacityText(cc) {
  if (!cc) return "—";
  const parts = [];
  if (cc.CapacityUnits !== undefined) parts.push(cc.CapacityUnits + " units");
  if (cc.ReadCapacityUnits !== undefined) parts.push(cc.ReadCapacityUnits + " RCU");
  if (cc.WriteCapacityUnits !== undefined) parts.push(cc.WriteCapacityUnits + " WCU");
  return parts.join(", ") || "—";
}

function columns(d, items) {
  const cols = [];
  const add = (n) => { if (n && !cols.includes(n)) cols.push(n); };
  for (const n of keyNames(d.KeySchema)) add(n);
  if (ui.request.IndexName) for (const n of keyNames(indexKeySchema(d, ui.request.IndexName))) add(n);
  for (const it of items) for (const n of Object.keys(it)) add(n);
  return cols.filter((c) => items.some((it) => it[c] !== undefined) || keyNames(d.KeySchema).includes(c));
}

function renderResults() {
  const d = tableCache.get(state.table);
  const out = ui.result;
  const items = out.Items || [];
  replace(ui.summary,
    h("span", { "data-testid": "q-count", text: "Count: " + (out.Count ?? items.length) }), " · ",
    h("span", { "data-testid": "q-scanned", text: "ScannedCount: " + (out.ScannedCount ?? "—") }), " · ",
    h("span", { "data-testid": "q-capacity", text: "Consumed capacity: " + capacityText(out.ConsumedCapacity) }), " · ",
    h("span", { "data-testid": "q-page", text: out.pages ? "All pages (" + out.pages + ")" + (out.truncated ? ", stopped at " + ALL_PAGES_CAP + " items" : "") : "Page " + (ui.page + 1) }));
  ui.prev.disabled = Boolean(out.pages) || ui.page === 0;
  ui.next.disabled = Boolean(out.pages) || !ui.starts[ui.page + 1];
  if (ui.asJSON.getAttribute("aria-pressed") === "true") {
    replace(ui.results, h("pre", { class: "json", tabindex: "0", "data-testid": "q-json", "aria-label": "Items as DynamoDB JSON", text: JSON.stringify(items, null, 2) }));
    return;
  }
  if (items.length === 0) {
    replace(ui.results, h("p", { class: "muted", text: "No items returned." }));
    return;
  }
  const cols = columns(d, items);
  replace(ui.results, h("div", { class: "scroll" }, h("table", { class: "grid items", id: "q-grid" },
    h("caption", { class: "sr-only", text: "Items" }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { class: "sr-only", text: "Actions" })), cols.map((c) => h("th", { scope: "col", text: c })))),
    h("tbody", {}, items.map((it, i) => h("tr", { "data-testid": "item-row" },
      h("td", {}, button("Open", () => openItem(it), { class: "small", "aria-label": "Open item " + (i + 1) })),
      cols.map((c) => h("td", { text: display(it[c]), title: it[c] ? Object.keys(it[c])[0] : "" }))))))));
}

// afterWrite re-runs the current page and refreshes table counts.
function afterWrite() {
  if (ui && ui.request) run(ui.page);
  emit("refresh");
}

async function openItem(it) {
  const d = tableCache.get(state.table);
  let item = it;
  if (ui.request.IndexName || ui.request.ProjectionExpression) {
    try {
      const out = await call("GetItem", { TableName: d.TableName, Key: keyOf(it, d.KeySchema), ReturnConsumedCapacity: "TOTAL" });
      if (out.Item) item = out.Item;
    } catch (e) {
      ui.error.textContent = errorText(e);
      return;
    }
  }
  openItemEditor({ desc: d, item, mode: "edit", onDone: afterWrite });
}

function syncMode() {
  const d = tableCache.get(state.table);
  const query = ui.mode.value === "Query";
  ui.queryBox.hidden = !query;
  const [pk, sk] = keyNames(indexKeySchema(d, ui.index.value));
  ui.pkLabel.textContent = "Partition key: " + pk + " (" + attrType(d, pk) + ")";
  ui.skBox.hidden = !sk;
  ui.skLabel.textContent = "Sort key: " + (sk || "") + (sk ? " (" + attrType(d, sk) + ")" : "");
  ui.sk2f.hidden = ui.skOp.value !== "between";
  ui.sk1f.hidden = ui.skOp.value === "";
}

// shape is what the explorer's form depends on: keys and indexes.
function shape(d) {
  const ix = (list) => (list || []).map((x) => [x.IndexName, x.KeySchema]);
  return JSON.stringify([d.KeySchema, d.AttributeDefinitions, ix(d.GlobalSecondaryIndexes), ix(d.LocalSecondaryIndexes)]);
}

function renderItemsView() {
  const root = document.getElementById("view-items");
  const d = tableCache.get(state.table);
  if (!d) {
    ui = null;
    replace(root, h("h2", { text: "Items" }), h("p", { class: "muted", text: "Select a table in the sidebar to explore its items." }));
    return;
  }
  if (ui && ui.table === d.TableName && ui.shape === shape(d) && root.contains(ui.form)) {
    ui.desc = d;
    return;
  }
  const keep = ui && ui.table === d.TableName ? ui : null;
  const form = h("form", { id: "q-form", class: "query-form", novalidate: true });
  const u = {
    table: d.TableName, desc: d, shape: shape(d), form, filters: [], starts: [undefined], page: 0, request: null, result: null,
    index: select(indexOptions(d), { id: "q-index" }),
    mode: select(["Scan", "Query"], { id: "q-mode" }),
    pk: h("input", { type: "text", id: "q-pk", autocomplete: "off" }),
    skOp: select(SK_OPS, { id: "q-sk-op" }),
    sk1: h("input", { type: "text", id: "q-sk-v1", autocomplete: "off" }),
    sk2: h("input", { type: "text", id: "q-sk-v2", autocomplete: "off" }),
    combine: select([["AND", "All conditions (AND)"], ["OR", "Any condition (OR)"]], { id: "q-combine" }),
    projection: h("input", { type: "text", id: "q-projection", placeholder: "all attributes", autocomplete: "off" }),
    order: select([["asc", "Ascending"], ["desc", "Descending"]], { id: "q-order" }),
    limit: h("input", { type: "number", id: "q-limit", min: "1", value: "25" }),
    consistent: h("input", { type: "checkbox", id: "q-consistent" }),
    run: h("button", { type: "submit", class: "primary", id: "q-run" }, "Run"),
    summary: h("p", { class: "summary", id: "q-summary", "aria-live": "polite" }),
    error: h("p", { class: "error", role: "alert", id: "q-error" }),
    results: h("div", { id: "q-results" }),
    filterList: h("div", { class: "filters" }),
  };
  ui = u;
  if (keep) {
    for (const k of ["index", "mode", "pk", "skOp", "sk1", "sk2", "combine", "projection", "order", "limit"]) {
      if ([...(u[k].options || [])].length === 0 || [...u[k].options].some((o) => o.value === keep[k].value)) u[k].value = keep[k].value;
    }
    u.consistent.checked = keep.consistent.checked;
  }
  const pkf = field("Partition key", u.pk);
  u.pkLabel = pkf.querySelector("label");
  const sk1f = field("Sort key", u.sk1);
  u.sk1f = sk1f;
  u.sk2f = field("and", u.sk2);
  const skOpf = field("Sort key condition", u.skOp);
  u.skLabel = sk1f.querySelector("label");
  u.skBox = h("div", { class: "row" }, skOpf, sk1f, u.sk2f);
  u.queryBox = h("div", { class: "query-only" }, h("div", { class: "row" }, pkf, field("Order", u.order)), u.skBox);
  u.prev = button("◀ Previous page", () => run(u.page - 1), { id: "q-prev", disabled: true });
  u.next = button("Next page ▶", () => run(u.page + 1), { id: "q-next", disabled: true });
  u.asJSON = button("JSON view", () => {
    u.asJSON.setAttribute("aria-pressed", u.asJSON.getAttribute("aria-pressed") === "true" ? "false" : "true");
    if (u.result) renderResults();
  }, { id: "q-json-toggle", "aria-pressed": "false" });
  form.append(
    h("div", { class: "row" }, field("Operation", u.mode), field("Table or index", u.index)),
    u.queryBox,
    h("fieldset", {}, h("legend", { text: "Filters" }), u.filterList,
      h("div", { class: "row" }, button("Add filter", () => filterRow(u.filterList, u.filters), { id: "q-add-filter" }), field("Combine", u.combine))),
    h("div", { class: "row" }, field("Projected attributes (comma separated)", u.projection), field("Page size", u.limit),
      h("div", { class: "field check" }, u.consistent, h("label", { for: "q-consistent", text: "Strongly consistent read" }))),
    h("div", { class: "actions left" }, u.run));
  u.mode.addEventListener("change", syncMode);
  u.index.addEventListener("change", syncMode);
  u.skOp.addEventListener("change", syncMode);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    try {
      u.request = build();
    } catch (e) {
      u.error.textContent = errorText(e);
      return;
    }
    u.starts = [undefined];
    run(0);
  });
  replace(root,
    h("div", { class: "toolbar" }, h("h2", { text: "Items — " + d.TableName }),
      button("Create item", () => openItemEditor({ desc: ui.desc, mode: "create", onDone: afterWrite }), { class: "primary", id: "btn-create-item" })),
    form,
    u.error,
    u.summary,
    h("div", { class: "toolbar results-bar" }, u.prev, u.next,
      button("Load all pages", () => runAll(), { id: "q-all", title: "Follow LastEvaluatedKey to the end (up to " + ALL_PAGES_CAP + " items)" }),
      h("div", { class: "spacer" }), u.asJSON),
    u.results);
  syncMode();
  if (!keep && state.view === "items") firstPage();
  if (keep && keep.request) {
    u.request = keep.request;
    u.starts = keep.starts;
    u.page = keep.page;
    if (keep.result) {
      u.result = keep.result;
      renderResults();
    }
  }
}

/** exploreIndex opens the explorer on a table (index "") or one of its indexes. */
export function exploreIndex(index) {
  renderItemsView();
  if (!ui) return;
  ui.index.value = index || "";
  syncMode();
}

// firstPage shows the first page of a Scan, like the console's "Explore
// items", the first time the explorer of a table is shown.
function firstPage() {
  if (!ui || ui.request || ui.table !== state.table) return;
  try {
    ui.request = build();
  } catch (e) {
    ui.error.textContent = errorText(e);
    return;
  }
  run(0);
}

/** initItems re-renders the explorer when the table changes. */
export function initItems() {
  on("view", (v) => { if (v === "items") firstPage(); });
  on("table", () => renderItemsView());
  on("tables", () => renderItemsView());
  renderItemsView();
}

// items.js — the items explorer: Scan or Query a table or index with a
// query builder, page through results, show them as a grid or JSON.

import { h, button, field, select, replace, errorText } from "./dom.js";
import { call } from "./api.js";
import { state, on, emit } from "./state.js";
import { tableCache, splitList } from "./tables.js";
import { Placeholders, display, keyNames, attrType, scalar, keyOf } from "./values.js";
import { condition, conditionBuilder, expressionEditor, modeToggle } from "./exprform.js";
import { openGetItem, openUpdateItem } from "./itemops.js";
import { openItemEditor } from "./editor.js";
import { runTask, Cancelled } from "./task.js";

const SK_OPS = [["", "(any)"], ["=", "="], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="], ["between", "between"], ["begins_with", "begins with"]];

let ui = null; // the built explorer for state.table

// gsiLabel names a GSI in the index list, with its state until ACTIVE.
const gsiLabel = (x) => "GSI: " + x.IndexName + ((x.IndexStatus || "ACTIVE") === "ACTIVE" ? "" :
  " (" + x.IndexStatus + (x.IndexStatus === "DELETING" ? ", no longer readable)" : ", not readable yet)"));

function indexOptions(d) {
  return [["", "Table: " + d.TableName],
    ...(d.GlobalSecondaryIndexes || []).map((x) => [x.IndexName, gsiLabel(x)]),
    ...(d.LocalSecondaryIndexes || []).map((x) => [x.IndexName, "LSI: " + x.IndexName])];
}

// syncIndexState labels the GSIs with their state and keeps Run disabled
// while the chosen one is not ACTIVE: DynamoDB refuses reads from an index
// that is backfilling ("Cannot read from backfilling global secondary
// index"). The Indexes view's polling brings the new state.
function syncIndexState(u) {
  const gsis = u.desc.GlobalSecondaryIndexes || [];
  for (const opt of u.index.options) {
    const x = gsis.find((g) => g.IndexName === opt.value);
    if (x) opt.textContent = gsiLabel(x);
  }
  const x = gsis.find((g) => g.IndexName === u.index.value);
  const waiting = !!x && (x.IndexStatus || "ACTIVE") !== "ACTIVE";
  u.run.disabled = waiting || u.busy === true;
  u.indexNote.hidden = !waiting;
  u.indexNote.textContent = !waiting ? "" : x.IndexStatus === "DELETING"
    ? "Index " + x.IndexName + " is being deleted (DELETING): DynamoDB no longer reads it. Choose another index or the table."
    : "Index " + x.IndexName + " is " + x.IndexStatus + (x.Backfilling ? " (backfilling)" : "") +
      ": DynamoDB refuses Query and Scan on it until it is ACTIVE. Run turns on when it is (the Indexes tab shows its progress).";
}

function indexKeySchema(d, index) {
  if (!index) return d.KeySchema;
  const ix = [...(d.GlobalSecondaryIndexes || []), ...(d.LocalSecondaryIndexes || [])].find((x) => x.IndexName === index);
  return ix ? ix.KeySchema : d.KeySchema;
}

// buildFromForm builds the request from the builder's fields.
function buildFromForm() {
  const d = tableCache.get(state.table);
  const index = ui.index.value;
  const req = { TableName: d.TableName };
  if (index) req.IndexName = index;
  const ph = new Placeholders();
  if (ui.mode.value === "Query") {
    const [pk, sk] = keyNames(indexKeySchema(d, index));
    let kc = condition(ph, pk, "=", scalar(attrType(d, pk), ui.pk.value), undefined, { key: true });
    if (sk && ui.skOp.value) {
      const t = attrType(d, sk);
      kc += " AND " + condition(ph, sk, ui.skOp.value, scalar(t, ui.sk1.value), scalar(t, ui.sk2.value), { key: true });
    }
    req.KeyConditionExpression = kc;
  }
  const filter = ui.filters.build(ph);
  if (filter) req.FilterExpression = filter;
  const proj = splitList(ui.projection.value);
  if (proj.length) req.ProjectionExpression = proj.map((n) => ph.path(n)).join(", ");
  ph.apply(req);
  return req;
}

// build returns the request to send: the builder's, or in expression
// mode the expressions as typed.
function build() {
  const req = buildFromForm();
  if (ui.exprOn) {
    ui.expr.apply(req);
    if (ui.mode.value === "Scan") delete req.KeyConditionExpression;
  }
  if (ui.mode.value === "Query" && ui.order.value === "desc") req.ScanIndexForward = false;
  const limit = Number(ui.limit.value);
  if (limit > 0) req.Limit = limit;
  if (ui.consistent.checked) req.ConsistentRead = true;
  req.ReturnConsumedCapacity = "TOTAL";
  return req;
}

// showError shows err in place of the results: the results of an earlier
// request never stay on screen under a new request's error.
function showError(u, err) {
  u.error.textContent = errorText(err);
  u.result = null;
  replace(u.summary);
  replace(u.results);
  u.prev.disabled = true;
  u.next.disabled = true;
}

// runSeq numbers the explorer's requests: the latest begun owns the
// results (an earlier one's answer is dropped). The summary's data-started
// and data-seq hold the numbers of the latest request begun and of the
// latest finished while it was the latest (the tests wait on them).
let runSeq = 0;

// run runs the explorer's request for page. Run is off while a request the
// person started is the latest under way (u.busy), but not for the page's
// own refreshes (auto): a click on Run during one starts the person's
// request, which takes over from it, instead of being lost on a disabled
// button.
async function run(page, { auto = false, reveal = false } = {}) {
  const u = ui;
  const seq = ++runSeq;
  u.summary.dataset.started = String(seq);
  u.error.textContent = "";
  const req = { ...u.request };
  const start = u.starts[page];
  if (start) req.ExclusiveStartKey = start;
  u.busy = !auto;
  syncIndexState(u);
  try {
    const out = await call(req.KeyConditionExpression ? "Query" : "Scan", req, auto ? { log: "auto" } : {});
    if (seq !== runSeq || u !== ui) return; // a newer request owns the results
    u.page = page;
    u.starts.length = page + 1;
    if (out.LastEvaluatedKey) u.starts[page + 1] = out.LastEvaluatedKey;
    u.result = out;
    renderResults();
    if (reveal) u.resultsTop.scrollIntoView({ block: "start", behavior: "instant" });
  } catch (e) {
    if (seq !== runSeq || u !== ui) return;
    showError(u, e);
    if (reveal) u.error.scrollIntoView({ block: "nearest", behavior: "instant" });
  } finally {
    if (seq === runSeq) {
      u.busy = false;
      u.summary.dataset.seq = String(seq);
    }
    syncIndexState(u);
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
    showError(u, e);
    return;
  }
  u.starts = [undefined];
  u.page = 0;
  const seq = ++runSeq;
  u.summary.dataset.started = String(seq);
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
    if (e instanceof Cancelled) u.error.textContent = "Cancelled after " + all.pages + " pages; showing what was read.";
    else showError(u, e);
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
// It is the page's own refresh: the log shows it only on demand.
export function afterWrite() {
  refreshPage();
  emit("refresh");
}

/** refreshPage re-runs the explorer's page, if one is shown (the page's own refresh). */
export function refreshPage() {
  if (ui && ui.request) run(ui.page, { auto: true });
}

async function openItem(it) {
  const d = tableCache.get(state.table);
  let item = it;
  if (ui.request.IndexName || ui.request.ProjectionExpression) {
    try {
      const out = await call("GetItem", { TableName: d.TableName, Key: keyOf(it, d.KeySchema), ReturnConsumedCapacity: "TOTAL" }, { log: "auto" });
      if (out.Item) item = out.Item;
    } catch (e) {
      ui.error.textContent = errorText(e);
      return;
    }
  }
  openItemEditor({ desc: d, item, mode: "edit", onDone: afterWrite });
}

// setExprMode switches between the builder and expression mode; turning
// it on copies the builder's expressions into the editor.
function setExprMode(u, on) {
  u.exprOn = on;
  u.exprToggle.setAttribute("aria-pressed", String(on));
  if (on) {
    try {
      u.expr.fill(buildFromForm());
    } catch {
      // an unfinished builder: the learner starts from what is there
    }
  }
  syncMode();
}

/** queryState returns the explorer's form as plain data (share links). */
export function queryState(u = ui) {
  if (!u) return null;
  const st = {};
  for (const k of ["index", "mode", "pk", "skOp", "sk1", "sk2", "projection", "order", "limit"]) st[k] = u[k].value;
  st.consistent = u.consistent.checked;
  st.filters = u.filters.state();
  st.exprOn = u.exprOn;
  if (u.exprOn) st.expr = u.expr.state();
  return st;
}

// restoreQuery fills the explorer's form from queryState's data; unknown
// or mistyped members are ignored.
function restoreQuery(st) {
  if (!ui || !st || typeof st !== "object") return;
  for (const k of ["index", "mode", "pk", "skOp", "sk1", "sk2", "projection", "order", "limit"]) {
    const v = st[k];
    if (typeof v !== "string") continue;
    const el = ui[k];
    if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === v)) continue;
    el.value = v;
  }
  ui.consistent.checked = st.consistent === true;
  ui.filters.restore(st.filters);
  if (st.exprOn === true) {
    ui.exprOn = true;
    ui.exprToggle.setAttribute("aria-pressed", "true");
    ui.expr.restore(st.expr);
  }
  syncMode();
}

/**
 * openQuery opens table's explorer with a query from a share link and
 * runs it.
 */
export function openQuery(st) {
  renderItemsView();
  if (!ui) return;
  restoreQuery(st);
  try {
    ui.request = build();
  } catch (e) {
    showError(ui, e);
    return;
  }
  ui.starts = [undefined];
  run(0);
}

function syncMode() {
  const d = tableCache.get(state.table);
  const query = ui.mode.value === "Query";
  ui.queryBox.hidden = !query;
  ui.keyBox.hidden = ui.exprOn;
  ui.filters.el.hidden = ui.exprOn;
  ui.projBox.hidden = ui.exprOn;
  ui.expr.el.hidden = !ui.exprOn;
  ui.expr.areas.KeyConditionExpression.closest(".field").hidden = !query;
  const [pk, sk] = keyNames(indexKeySchema(d, ui.index.value));
  ui.pkLabel.textContent = "Partition key: " + pk + " (" + attrType(d, pk) + ")";
  ui.skBox.hidden = !sk;
  ui.skLabel.textContent = "Sort key: " + (sk || "") + (sk ? " (" + attrType(d, sk) + ")" : "");
  ui.sk2f.hidden = ui.skOp.value !== "between";
  ui.sk1f.hidden = ui.skOp.value === "";
  syncIndexState(ui);
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
    syncIndexState(ui);
    return;
  }
  const keep = ui && ui.table === d.TableName ? ui : null;
  const form = h("form", { id: "q-form", class: "query-form", novalidate: true });
  const u = {
    table: d.TableName, desc: d, shape: shape(d), form, starts: [undefined], page: 0, request: null, result: null, exprOn: false,
    index: select(indexOptions(d), { id: "q-index" }),
    mode: select(["Scan", "Query"], { id: "q-mode" }),
    pk: h("input", { type: "text", id: "q-pk", autocomplete: "off" }),
    skOp: select(SK_OPS, { id: "q-sk-op" }),
    sk1: h("input", { type: "text", id: "q-sk-v1", autocomplete: "off" }),
    sk2: h("input", { type: "text", id: "q-sk-v2", autocomplete: "off" }),
    projection: h("input", { type: "text", id: "q-projection", placeholder: "all attributes, or paths: Title, Details.Label", autocomplete: "off" }),
    order: select([["asc", "Ascending"], ["desc", "Descending"]], { id: "q-order" }),
    limit: h("input", { type: "number", id: "q-limit", min: "1", value: "25" }),
    consistent: h("input", { type: "checkbox", id: "q-consistent" }),
    run: h("button", { type: "submit", class: "primary", id: "q-run" }, "Run"),
    summary: h("p", { class: "summary", id: "q-summary", "aria-live": "polite" }),
    error: h("p", { class: "error", role: "alert", id: "q-error" }),
    indexNote: h("p", { class: "note", role: "status", id: "q-index-note", hidden: true }),
    results: h("div", { id: "q-results" }),
    filters: conditionBuilder("q-f", { legend: "Filters", addLabel: "Add filter", addId: "q-add-filter", rowTestid: "filter-row",
      hint: "Filters apply after the read: they cut what is returned, not what is read (ScannedCount). Paths reach into maps and lists: Details.Label, tags[0]." }),
    expr: expressionEditor("q-expr", ["KeyConditionExpression", "FilterExpression", "ProjectionExpression"]),
  };
  ui = u;
  const pkf = field("Partition key", u.pk);
  u.pkLabel = pkf.querySelector("label");
  const sk1f = field("Sort key", u.sk1);
  u.sk1f = sk1f;
  u.sk2f = field("and", u.sk2);
  const skOpf = field("Sort key condition", u.skOp);
  u.skLabel = sk1f.querySelector("label");
  u.skBox = h("div", { class: "row" }, skOpf, sk1f, u.sk2f);
  u.keyBox = h("div", {}, h("div", { class: "row" }, pkf), u.skBox);
  u.queryBox = h("div", { class: "query-only" }, u.keyBox, h("div", { class: "row" }, field("Order", u.order)));
  u.projBox = field("Projected attributes (comma separated paths)", u.projection);
  u.expr.el.hidden = true;
  u.prev = button("◀ Previous page", () => run(u.page - 1), { id: "q-prev", disabled: true });
  u.next = button("Next page ▶", () => run(u.page + 1), { id: "q-next", disabled: true });
  u.asJSON = button("JSON view", () => {
    u.asJSON.setAttribute("aria-pressed", u.asJSON.getAttribute("aria-pressed") === "true" ? "false" : "true");
    if (u.result) renderResults();
  }, { id: "q-json-toggle", "aria-pressed": "false" });
  u.exprToggle = modeToggle("q-expr-toggle", (on) => setExprMode(u, on));
  form.append(
    h("div", { class: "row" }, field("Operation", u.mode), field("Table or index", u.index), h("div", { class: "spacer" }), u.exprToggle),
    u.queryBox,
    u.filters.el,
    u.expr.el,
    h("div", { class: "row" }, u.projBox, field("Page size", u.limit),
      h("div", { class: "field check" }, u.consistent, h("label", { for: "q-consistent", text: "Strongly consistent read" }))),
    u.indexNote,
    h("div", { class: "actions left" }, u.run));
  u.mode.addEventListener("change", syncMode);
  u.index.addEventListener("change", syncMode);
  u.skOp.addEventListener("change", syncMode);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    try {
      u.request = build();
    } catch (e) {
      showError(u, e);
      return;
    }
    u.starts = [undefined];
    run(0, { reveal: true });
  });
  u.resultsTop = h("div", { class: "results-top", tabindex: "-1" });
  replace(root,
    h("div", { class: "toolbar" }, h("h2", { text: "Items — " + d.TableName }),
      button("Create item", () => openItemEditor({ desc: ui.desc, mode: "create", onDone: afterWrite }), { class: "primary", id: "btn-create-item" }),
      button("Get item", () => openGetItem(ui.desc, { onEdit: (it) => openItemEditor({ desc: ui.desc, item: it, mode: "edit", onDone: afterWrite }) }), { id: "btn-get-item" }),
      button("Update item", () => openUpdateItem(ui.desc, { onDone: afterWrite }), { id: "btn-update-item" })),
    form,
    u.resultsTop,
    u.error,
    u.summary,
    h("div", { class: "toolbar results-bar" }, u.prev, u.next,
      button("Load all pages", () => runAll(), { id: "q-all", title: "Follow LastEvaluatedKey to the end (up to " + ALL_PAGES_CAP + " items)" }),
      h("div", { class: "spacer" }), u.asJSON),
    u.results);
  if (keep) restoreQuery(queryState(keep));
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
    showError(ui, e);
    return;
  }
  run(0, { auto: true });
}

/** initItems re-renders the explorer when the table changes. */
export function initItems() {
  on("view", (v) => { if (v === "items") firstPage(); });
  on("table", () => renderItemsView());
  on("tables", () => renderItemsView());
  renderItemsView();
}

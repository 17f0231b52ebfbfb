// partiql.js — the PartiQL editor, as in the DynamoDB console: a
// statement, its ? parameters, the results in a grid, and (in the
// operation log) the same ExecuteStatement call as code. Below it, the
// open table's stream: its records as they arrive, with their images.

import { h, button, field, replace, errorText } from "./dom.js";
import { call, describe } from "./api.js";
import { state, on, emit } from "./state.js";
import { display } from "./values.js";
import { protocol } from "../protocol.js";

const STREAMS = protocol.streamsTargetPrefix;

/** grid renders items as a table, one column per attribute name. */
function grid(items, id) {
  const cols = [];
  for (const it of items) for (const k of Object.keys(it)) if (!cols.includes(k)) cols.push(k);
  return h("div", { class: "scroll" }, h("table", { class: "grid", id },
    h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col", text: c })))),
    h("tbody", {}, items.map((it) => h("tr", {}, cols.map((c) => h("td", { text: c in it ? display(it[c]) : "", title: c in it ? display(it[c]) : "" })))))));
}

function renderEditor(root) {
  const t = state.table || "MyTable";
  const stmt = h("textarea", { id: "pq-statement", rows: "4", spellcheck: "false", class: "code" });
  stmt.value = `SELECT * FROM "${t}"`;
  const params = h("textarea", { id: "pq-params", rows: "2", spellcheck: "false", class: "code", placeholder: '[{"S": "value"}]' });
  const status = h("p", { class: "summary", id: "pq-status", role: "status" });
  const results = h("div", { id: "pq-results" });
  const run = h("button", { type: "submit", class: "primary", id: "pq-run" }, "Run");
  const more = button("Next page", () => exec(next), { id: "pq-more", hidden: true });
  let next;
  async function exec(token) {
    const input = { Statement: stmt.value };
    if (params.value.trim() !== "") {
      try {
        input.Parameters = JSON.parse(params.value);
      } catch (e) {
        status.className = "summary error";
        status.textContent = "The parameters are not valid JSON: " + e.message;
        return;
      }
      if (!Array.isArray(input.Parameters)) {
        status.className = "summary error";
        status.textContent = "The parameters must be a JSON list of attribute values, e.g. [{\"S\": \"a\"}].";
        return;
      }
    }
    if (token) input.NextToken = token;
    run.disabled = true;
    try {
      const out = await call("ExecuteStatement", input);
      next = out.NextToken;
      more.hidden = !next;
      status.className = "summary ok";
      const read = /^\s*select/i.test(stmt.value);
      status.textContent = !read && out.Items.length === 0 ? "Done." :
        `${out.Items.length} item${out.Items.length === 1 ? "" : "s"}` + (next ? " (more with Next page)" : "");
      replace(results, out.Items.length ? grid(out.Items, "pq-grid") : read ? h("p", { class: "muted", text: "No items returned." }) : null);
      if (!/^\s*select/i.test(stmt.value)) emit("refresh");
    } catch (e) {
      status.className = "summary error";
      status.textContent = errorText(e);
      replace(results);
      more.hidden = true;
    } finally {
      run.disabled = false;
    }
  }
  const form = h("form", { id: "pq-form", novalidate: true },
    field("Statement (PartiQL)", stmt, { hint: "SELECT, INSERT, UPDATE, DELETE; ? marks a parameter." }),
    field("Parameters (JSON list, optional)", params),
    h("div", { class: "actions left" }, run, more));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); exec(); });
  stmt.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); exec(); }
  });
  append(root, h("h2", { text: "PartiQL editor" }),
    h("p", { class: "muted", text: "Runs ExecuteStatement on the engine; the operation log shows the same call as code. Ctrl+Enter runs." }),
    form, status, results);
  on("table", () => { if (!stmt.dataset.edited) stmt.value = `SELECT * FROM "${state.table}"`; });
  stmt.addEventListener("input", () => { stmt.dataset.edited = "1"; });
}

function renderStream(root) {
  const box = h("div", { id: "stream-view" });
  append(root, h("h2", { text: "Stream" }), box);
  let iterators = []; // [shardId, iterator]
  let arn = "";
  let records = [];
  let chain = Promise.resolve();
  const seen = new Set();
  async function load() {
    const table = state.table;
    records = [];
    iterators = [];
    arn = "";
    seen.clear();
    if (!table) {
      replace(box, h("p", { class: "muted", text: "Open a table to see its stream." }));
      return;
    }
    let desc;
    try {
      desc = await describe(table, { log: false });
    } catch (e) {
      replace(box, h("p", { class: "error", text: errorText(e) }));
      return;
    }
    if (!desc.LatestStreamArn) {
      replace(box, h("p", { class: "muted", text: `${table} has no stream. Turn one on with UpdateTable: StreamSpecification {StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES"}.` }),
        button("Turn on a stream (NEW_AND_OLD_IMAGES)", async () => {
          try {
            await call("UpdateTable", { TableName: table, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } });
            await load();
          } catch (e) {
            replace(box, h("p", { class: "error", role: "alert", text: errorText(e) }));
          }
        }, { id: "stream-enable" }));
      return;
    }
    arn = desc.LatestStreamArn;
    await readNew();
  }
  // Reads run one after another (a refresh and a click may come
  // together), and a record is shown once.
  function readNew() {
    chain = chain.then(readOnce, readOnce);
    return chain;
  }
  async function readOnce() {
    const status = h("p", { class: "summary", id: "stream-status", role: "status" });
    try {
      if (iterators.length === 0) {
        const d = (await call(STREAMS + "DescribeStream", { StreamArn: arn }, { log: false })).StreamDescription;
        for (const s of d.Shards) {
          const it = await call(STREAMS + "GetShardIterator", { StreamArn: arn, ShardId: s.ShardId, ShardIteratorType: "TRIM_HORIZON" }, { log: false });
          iterators.push([s.ShardId, it.ShardIterator]);
        }
      }
      const kept = [];
      for (const [shard, it] of iterators) {
        const out = await call(STREAMS + "GetRecords", { ShardIterator: it }, { log: false });
        for (const r of out.Records) {
          if (seen.has(r.dynamodb.SequenceNumber)) continue;
          seen.add(r.dynamodb.SequenceNumber);
          records.push(r);
        }
        if (out.NextShardIterator) kept.push([shard, out.NextShardIterator]);
      }
      iterators = kept;
      status.className = "summary ok";
      status.textContent = `${records.length} record${records.length === 1 ? "" : "s"} from ${arn}`;
    } catch (e) {
      status.className = "summary error";
      status.textContent = errorText(e);
      iterators = []; // an expired or trimmed iterator: start again next time
    }
    const rows = records.slice().reverse().map((r) => h("tr", {},
      h("td", { text: r.dynamodb.SequenceNumber }),
      h("td", { text: r.eventName + (r.userIdentity ? " (TTL)" : "") }),
      h("td", { text: JSON.stringify(r.dynamodb.Keys) }),
      h("td", { text: r.dynamodb.OldImage ? JSON.stringify(r.dynamodb.OldImage) : "" }),
      h("td", { text: r.dynamodb.NewImage ? JSON.stringify(r.dynamodb.NewImage) : "" })));
    replace(box, h("div", { class: "actions left" }, button("Read new records", readNew, { id: "stream-read" })), status,
      h("div", { class: "scroll" }, h("table", { class: "grid", id: "stream-grid" },
        h("thead", {}, h("tr", {}, ["Sequence", "Event", "Keys", "Old image", "New image"].map((c) => h("th", { scope: "col", text: c })))),
        h("tbody", {}, rows))));
  }
  on("table", load);
  on("refresh", () => { if (arn && state.view === "partiql") readNew(); });
  on("view", (v) => { if (v === "partiql") load(); });
  load();
}

function append(el, ...children) {
  for (const c of children) el.append(c);
}

/** initPartiQL builds the PartiQL view: the editor and the stream viewer. */
export function initPartiQL() {
  const root = document.getElementById("view-partiql");
  renderEditor(root);
  renderStream(root);
}

// lab.js — the "Large tables" view: a table's capacity (with an
// UpdateTable form), its partitions as a picture, live charts of consumed
// versus provisioned capacity over the engine's virtual time, a load
// generator and a consistency lab. Everything it shows comes from
// DescribeTable and the door's capacity() (engine.DB.CapacityJSON).

import { h, button, select, field, replace, errorText, formatBytes } from "../dom.js";
import { state, on, emit } from "../state.js";
import { call, describe } from "../api.js";
import { tableCache } from "../tables.js";
import { chart, fmt } from "./charts.js";
import { initLoad } from "./load.js";
import { initConsistency } from "./consistency.js";
import { installReceipts } from "./oplogreceipt.js";
import { clockState } from "./clock.js";

const DOCS = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/";

// RULES are the documented rules the lab shows, one sentence each.
const RULES = [
  ["A read capacity unit (RCU) is one strongly consistent read per second of an item up to 4 KB, or two eventually consistent ones; a write capacity unit (WCU) is one write per second of up to 1 KB; transactions cost twice.", "read-write-operations.html"],
  ["Unused provisioned capacity is kept as burst capacity for up to 300 seconds and spent when a table goes over its rate.", "burst-adaptive-capacity.html"],
  ["One partition serves at most 3,000 RCU and 1,000 WCU per second, however much the table has: a hot partition key throttles on its own.", "bp-partition-key-design.html"],
  ["Adaptive capacity lets a busy partition use the table's unused capacity (up to those limits) and isolates frequently accessed items.", "burst-adaptive-capacity.html"],
  ["On demand, a table serves up to twice its previous peak at once (at first 4,000 WCU and 12,000 RCU), up to OnDemandThroughput maximums when set.", "on-demand-capacity-mode.html"],
  ["A global secondary index has its own capacity; an index short of write capacity throttles the table's writes.", "GSI.html#GSI.ThroughputConsiderations"],
  ["You can increase provisioned capacity at any time; decreases and billing-mode switches are limited per day.", "ServiceQuotas.html"],
  ["An eventually consistent read may come from a replica that has not yet received the latest write; a strongly consistent read never does.", "HowItWorks.ReadConsistency.html"],
];

/** lab is the view's shared state. */
export const lab = {
  table: "",
  desc: null,
  cap: null, // this table's entry of capacity().tables
  now: 0, // capacity()'s engine time, ms
  burst: new Map(), // resource arn → Map(second → [read, write])
  els: null,
};

let refreshing = null;
let again = false;

/** labRefresh reloads the table's description and capacity and redraws. */
export function labRefresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      do {
        again = false;
        await load();
        draw();
      } while (again);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function load() {
  if (!lab.table) {
    lab.desc = null;
    lab.cap = null;
    return;
  }
  const table = lab.table;
  try {
    const desc = await describe(table, { log: false });
    const all = await state.db.capacity(table);
    if (table !== lab.table) return; // another table was chosen meanwhile
    lab.desc = desc;
    lab.now = all.now;
    lab.settings = { throttle: all.throttle, replicaLagMs: all.replicaLagMs };
    lab.cap = all.tables[0] || null;
  } catch (e) {
    lab.desc = null;
    lab.cap = null;
    lab.error = errorText(e);
    return;
  }
  lab.error = "";
  for (const r of lab.cap.resources) {
    r.seconds = (r.seconds || []).map(fullSecond);
    for (const p of r.partitions) p.seconds = p.seconds.map(fullSecond);
  }
  const sec = Math.floor(lab.now / 1000);
  for (const r of lab.cap.resources) {
    if (!lab.burst.has(r.arn)) lab.burst.set(r.arn, new Map());
    const m = lab.burst.get(r.arn);
    m.set(sec, [r.burstRead, r.burstWrite]);
    for (const k of m.keys()) if (k < sec - 900 || k > sec) m.delete(k);
  }
}

// SECOND_KEYS are the members of a second of capacity(): it leaves out
// those that are zero.
const SECOND_KEYS = ["consumedRead", "consumedWrite", "throttledRead", "throttledWrite", "readRequests", "writeRequests",
  "throttledReadRequests", "throttledWriteRequests", "burstRead", "burstWrite"];

function fullSecond(s) {
  const out = { at: s.at };
  for (const k of SECOND_KEYS) out[k] = s[k] || 0;
  return out;
}

function resourceName(r) {
  return r.index ? "index " + r.arn.slice(r.arn.lastIndexOf("/") + 1) : "table " + lab.table;
}

// ---------------------------------------------------------------- capacity

function capacityFacts(r) {
  const provisioned = r.billingMode === "PROVISIONED";
  const rows = [
    ["Billing mode", provisioned ? "Provisioned" : "On-demand (PAY_PER_REQUEST)"],
  ];
  if (provisioned) {
    rows.push(["Provisioned", fmt(r.readCapacityUnits) + " RCU · " + fmt(r.writeCapacityUnits) + " WCU"]);
    rows.push(["Burst balance", fmt(r.burstRead) + " RCU · " + fmt(r.burstWrite) + " WCU (up to " + fmt(300 * r.readCapacityUnits) + " · " + fmt(300 * r.writeCapacityUnits) + ", 300 s of the rate)"]);
  } else {
    rows.push(["Serves at once", fmt(r.limitRead) + " RRU · " + fmt(r.limitWrite) + " WRU per second (twice the previous peak)"]);
    rows.push(["Maximums", (r.maxReadRequestUnits > 0 ? fmt(r.maxReadRequestUnits) : "none") + " read · " + (r.maxWriteRequestUnits > 0 ? fmt(r.maxWriteRequestUnits) : "none") + " write"]);
  }
  rows.push(["Partitions", String(r.partitions.length) + " (each serves at most 3,000 RCU and 1,000 WCU per second)"]);
  return h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })]));
}

function capacityForm() {
  const d = lab.desc;
  const provisioned = !(d.BillingModeSummary && d.BillingModeSummary.BillingMode === "PAY_PER_REQUEST");
  const pt = d.ProvisionedThroughput || {};
  const mode = select([["PROVISIONED", "Provisioned"], ["PAY_PER_REQUEST", "On-demand"]], { id: "lab-cap-mode", value: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST" });
  const num = (id, v) => h("input", { type: "number", id, min: "1", step: "1", value: String(v ?? ""), inputmode: "numeric" });
  const rcu = num("lab-cap-rcu", pt.ReadCapacityUnits || 5);
  const wcu = num("lab-cap-wcu", pt.WriteCapacityUnits || 5);
  const odt = d.OnDemandThroughput || {};
  const maxr = num("lab-cap-maxr", odt.MaxReadRequestUnits > 0 ? odt.MaxReadRequestUnits : "");
  const maxw = num("lab-cap-maxw", odt.MaxWriteRequestUnits > 0 ? odt.MaxWriteRequestUnits : "");
  maxr.min = "-1";
  maxw.min = "-1";
  const gsis = (d.GlobalSecondaryIndexes || []).map((g, i) => {
    const gp = g.ProvisionedThroughput || {};
    return { g, rcu: num(`lab-cap-gsi-${i}-rcu`, gp.ReadCapacityUnits || 5), wcu: num(`lab-cap-gsi-${i}-wcu`, gp.WriteCapacityUnits || 5) };
  });
  const err = h("p", { class: "error", role: "alert", id: "lab-cap-error" });
  const ok = h("p", { class: "summary ok", role: "status", id: "lab-cap-ok" });
  const provBox = h("div", {},
    h("div", { class: "row" }, field("Table read capacity (RCU)", rcu), field("Table write capacity (WCU)", wcu)),
    gsis.map((x) => h("div", { class: "row" },
      field("Index " + x.g.IndexName + " RCU", x.rcu), field("Index " + x.g.IndexName + " WCU", x.wcu))));
  const odBox = h("div", { class: "row" },
    field("Maximum read request units", maxr, { hint: "empty or -1: no maximum" }),
    field("Maximum write request units", maxw, { hint: "empty or -1: no maximum" }));
  const sync = () => {
    provBox.hidden = mode.value !== "PROVISIONED";
    odBox.hidden = mode.value === "PROVISIONED";
  };
  mode.addEventListener("change", sync);
  sync();
  const build = () => {
    const req = { TableName: lab.table };
    const toProv = mode.value === "PROVISIONED";
    if (toProv !== provisioned) req.BillingMode = mode.value;
    if (toProv) {
      const tp = { ReadCapacityUnits: Number(rcu.value), WriteCapacityUnits: Number(wcu.value) };
      if (!provisioned || tp.ReadCapacityUnits !== pt.ReadCapacityUnits || tp.WriteCapacityUnits !== pt.WriteCapacityUnits) req.ProvisionedThroughput = tp;
      const upd = [];
      for (const x of gsis) {
        const gp = x.g.ProvisionedThroughput || {};
        const tpi = { ReadCapacityUnits: Number(x.rcu.value), WriteCapacityUnits: Number(x.wcu.value) };
        if (!provisioned || tpi.ReadCapacityUnits !== gp.ReadCapacityUnits || tpi.WriteCapacityUnits !== gp.WriteCapacityUnits) {
          upd.push({ Update: { IndexName: x.g.IndexName, ProvisionedThroughput: tpi } });
        }
      }
      if (upd.length) req.GlobalSecondaryIndexUpdates = upd;
      // Nothing changed: send the same throughput, so that DynamoDB says so.
      if (!req.ProvisionedThroughput && !upd.length) req.ProvisionedThroughput = tp;
    } else {
      const mr = maxr.value.trim() === "" ? -1 : Number(maxr.value);
      const mw = maxw.value.trim() === "" ? -1 : Number(maxw.value);
      req.OnDemandThroughput = { MaxReadRequestUnits: mr, MaxWriteRequestUnits: mw };
    }
    return req;
  };
  const apply = button("Apply with UpdateTable", async () => {
    err.textContent = "";
    ok.textContent = "";
    apply.disabled = true;
    try {
      await call("UpdateTable", build());
      ok.textContent = "Updated. DescribeTable now reports the new capacity.";
      emit("refresh");
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      apply.disabled = false;
      labRefresh();
    }
  }, { class: "primary", id: "lab-cap-apply" });
  const inc = pt.LastIncreaseDateTime ? "Last increase " + new Date(pt.LastIncreaseDateTime * 1000).toISOString() + ". " : "";
  const dec = pt.LastDecreaseDateTime ? "Last decrease " + new Date(pt.LastDecreaseDateTime * 1000).toISOString() + ". " : "";
  return h("form", { class: "lab-form", "aria-labelledby": "lab-cap-form-title", onsubmit: (ev) => { ev.preventDefault(); apply.click(); } },
    h("h4", { id: "lab-cap-form-title", text: "Change capacity" }),
    field("Billing mode", mode), provBox, odBox,
    h("p", { class: "hint", text: inc + dec + "Decreases today: " + (pt.NumberOfDecreasesToday || 0) + "." }),
    h("div", { class: "actions left" }, apply), err, ok);
}

// formKey says what the capacity form shows: it is rebuilt only when
// that changes, so that a refresh never wipes what someone is typing.
function formKey(d) {
  return JSON.stringify([d.TableName, d.BillingModeSummary, d.ProvisionedThroughput, d.OnDemandThroughput,
    (d.GlobalSecondaryIndexes || []).map((g) => [g.IndexName, g.ProvisionedThroughput])]);
}

function drawCapacity() {
  const box = lab.els.capacity;
  if (!lab.cap || !lab.desc) {
    lab.formKey = "";
    return replace(box, h("p", { class: "muted", text: lab.error || "Choose a table." }));
  }
  if (!box.querySelector("#lab-cap-facts")) {
    lab.formKey = "";
    replace(box,
      h("div", { class: "lab-cols" }, h("div", { id: "lab-cap-facts" }), h("div", { id: "lab-cap-formbox" })),
      h("details", { class: "lab-rules" }, h("summary", { text: "The rules, one sentence each" }),
        h("ul", {}, RULES.map(([text, page]) => h("li", {}, text + " ", h("a", { href: DOCS + page, target: "_blank", rel: "noopener", text: "AWS docs" }))))));
  }
  replace(box.querySelector("#lab-cap-facts"), lab.cap.resources.map((r) => h("div", { class: "lab-resource" },
    h("h4", { text: resourceName(r) }), capacityFacts(r))));
  const key = formKey(lab.desc);
  if (key !== lab.formKey) {
    const old = box.querySelector("#lab-cap-formbox");
    const keepErr = old.querySelector("#lab-cap-error");
    const keepOk = old.querySelector("#lab-cap-ok");
    const form = capacityForm();
    if (keepErr) form.querySelector("#lab-cap-error").textContent = keepErr.textContent;
    if (keepOk) form.querySelector("#lab-cap-ok").textContent = keepOk.textContent;
    replace(old, form);
    lab.formKey = key;
  }
}

// -------------------------------------------------------------- partitions

const SPACE = 2 ** 64;

function hashNum(hex) {
  return parseInt(hex.slice(0, 13), 16) * 2 ** 12;
}

function recentLoad(p, now) {
  let n = 0;
  for (const s of p.seconds) if (s.at >= now - 60) n += s.consumedRead + s.consumedWrite + s.throttledRead + s.throttledWrite;
  return n;
}

function partitionPicture(r, mark) {
  const now = Math.floor(lab.now / 1000);
  const loads = r.partitions.map((p) => recentLoad(p, now));
  const maxLoad = Math.max(1, ...loads);
  // Item collections (items sharing a partition-key value), when the engine counts them.
  const colls = r.partitions.some((p) => typeof p.itemCollections === "number");
  const count = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : "—");
  const bar = h("div", { class: "part-bar", role: "img", "aria-label": resourceName(r) + ": " + r.partitions.length + " partitions over the hash space of the partition key" },
    r.partitions.map((p, i) => {
      const lo = hashNum(p.lo);
      const hi = hashNum(p.hi);
      const w = Math.max(0.5, ((hi - lo) / SPACE) * 100);
      const heat = loads[i] / maxLoad;
      const throttled = p.seconds.some((s) => s.at >= now - 60 && (s.throttledRead > 0 || s.throttledWrite > 0));
      const el = h("span", {
        class: "part" + (throttled ? " throttled" : "") + (mark === p.id ? " marked" : ""),
        title: "Partition " + p.id + ": " + count(p.items) + " items" + (colls ? " in " + count(p.itemCollections) + " item collections" : ""),
      }, h("span", { class: "part-id", text: "#" + p.id }));
      // Through the CSSOM: the page's CSP allows no style attributes.
      el.style.flexBasis = w + "%";
      el.style.setProperty("--heat", heat.toFixed(2));
      return el;
    }));
  // On a narrow screen each row stands as a card of label: value lines
  // (style.css, table.stack); the roles keep it a table for screen readers.
  const heads = ["Partition", "Hash range", "Items", ...(colls ? ["Item collections"] : []), "Bytes", "Consumed units (15 min)", "Throttled units (15 min)", "Units last minute", "Origin"];
  const cell = (label, attrs) => h("td", { role: "cell", dataset: { label }, ...attrs });
  const rows = r.partitions.map((p, i) => {
    const thr = p.seconds.reduce((n, s) => n + s.throttledRead + s.throttledWrite, 0);
    const used = p.seconds.reduce((n, s) => n + s.consumedRead + s.consumedWrite, 0);
    return h("tr", { role: "row", "data-testid": "partition-row", dataset: { partition: String(p.id) }, class: mark === p.id ? "marked" : null },
      h("th", { scope: "row", role: "rowheader", text: "#" + p.id }),
      cell("Hash range", { class: "code", text: p.lo + " – " + p.hi }),
      cell("Items", { class: "num", text: count(p.items) }),
      colls ? cell("Item collections", { class: "num", "data-testid": "partition-collections", text: count(p.itemCollections) }) : null,
      cell("Bytes", { class: "num", text: formatBytes(p.bytes) }),
      cell("Consumed units (15 min)", { class: "num", text: fmt(used) }),
      cell("Throttled units (15 min)", { class: "num", text: fmt(thr) }),
      cell("Units last minute", { class: "num", text: fmt(loads[i]) }),
      cell("Origin", { text: p.parent < 0 ? "original" : "split from #" + p.parent + " (" + p.cause + ")" }));
  });
  return h("div", { class: "lab-resource" },
    h("h4", { text: resourceName(r) }), bar,
    h("div", { class: "scroll" }, h("table", { class: "grid stack", role: "table", "data-testid": "partitions-" + (r.index ? "index" : "table") },
      h("caption", { class: "sr-only", text: "Partitions of " + resourceName(r) }),
      h("thead", { role: "rowgroup" }, h("tr", { role: "row" }, heads.map((t) => h("th", { scope: "col", role: "columnheader", text: t })))),
      h("tbody", { role: "rowgroup" }, rows))),
    r.splits.length ? h("ul", { class: "splits" }, r.splits.map((s) => h("li", {
      text: new Date(s.at).toISOString().replace("T", " ").slice(0, 19) + ": partition #" + s.parent + " split into " + s.children.map((c) => "#" + c).join(" and ") + " (" + s.cause + ")",
    }))) : h("p", { class: "hint", text: "No splits yet: partitions split when they pass about 10 GB, when throughput is raised past what they can serve, or to isolate a hot item." }));
}

function drawPartitions() {
  const box = lab.els.partitions;
  if (!lab.cap) return replace(box);
  replace(box, lab.cap.resources.map((r) => partitionPicture(r, lab.mark && lab.mark.arn === r.arn ? lab.mark.id : -1)));
}

function keyFinder() {
  const value = h("input", { type: "text", id: "lab-key-value", autocomplete: "off", spellcheck: "false" });
  const where = h("select", { id: "lab-key-index" });
  const result = h("p", { id: "lab-key-result", role: "status", class: "summary" });
  const find = button("Where does this key land?", async () => {
    result.textContent = "";
    const d = lab.desc;
    if (!d) return;
    const index = where.value;
    const schema = index ? d.GlobalSecondaryIndexes.find((g) => g.IndexName === index).KeySchema : d.KeySchema;
    const hash = schema.find((k) => k.KeyType === "HASH").AttributeName;
    const type = (d.AttributeDefinitions.find((a) => a.AttributeName === hash) || {}).AttributeType || "S";
    const key = { [type]: value.value };
    try {
      const id = await state.db.partition(lab.table, index, key);
      const r = lab.cap.resources.find((x) => (index ? x.arn.endsWith("/index/" + index) : !x.index));
      lab.mark = { arn: r.arn, id };
      const p = r.partitions.find((x) => x.id === id);
      result.textContent = hash + " = " + JSON.stringify(value.value) + " lands in partition #" + id + (p ? " (hash range " + p.lo + " – " + p.hi + ")" : "") + " of " + resourceName(r) + ".";
      drawPartitions();
    } catch (e) {
      result.textContent = errorText(e);
    }
  }, { id: "lab-key-find" });
  lab.els.keyIndex = where;
  return h("form", { class: "row lab-keyfinder", onsubmit: (ev) => { ev.preventDefault(); find.click(); } },
    field("Partition-key value", value), field("Of", where), h("div", { class: "field" }, find), result);
}

// ------------------------------------------------------------------ charts

// seriesOf maps each second of seconds (capacity()'s) to its member key.
function seriesOf(seconds, key) {
  const m = new Map();
  for (const s of seconds) if (s[key]) m.set(s.at, s[key]);
  return m;
}

// sumOf maps each second to the sum of members keys.
function sumOf(seconds, keys) {
  const m = new Map();
  for (const s of seconds) {
    const v = keys.reduce((n, k) => n + s[k], 0);
    if (v) m.set(s.at, v);
  }
  return m;
}

// drawCharts draws the engine's per-second series (capacity()) of the
// chosen table or index — its own history, which outlives partitions that
// split — or of one of its partitions: consumed versus provisioned (or the
// partition's limit) writes and reads, requests served and throttled, and
// a provisioned resource's burst balance.
function drawCharts() {
  const box = lab.els.charts;
  const pick = lab.els.chartPick;
  if (!lab.cap) return replace(box);
  const options = [];
  lab.cap.resources.forEach((r, i) => {
    options.push([String(i), resourceName(r)]);
    if (r.partitions.length > 1) r.partitions.forEach((p) => options.push([i + ":" + p.id, resourceName(r) + ", partition #" + p.id]));
  });
  const keep = pick.value;
  replace(pick, options.map(([v, t]) => h("option", { value: v, text: t })));
  pick.value = options.some(([v]) => v === keep) ? keep : "0";
  const [ri, pid] = pick.value.split(":");
  const r = lab.cap.resources[Number(ri)] || lab.cap.resources[0];
  const part = pid === undefined ? null : r.partitions.find((p) => String(p.id) === pid);
  const seconds = part ? part.seconds : r.seconds;
  const what = pick.selectedOptions[0].textContent;
  const x1 = Math.floor(lab.now / 1000);
  let x0 = x1 - 60;
  for (const s of seconds) x0 = Math.min(x0, s.at);
  const burst = lab.burst.get(r.arn) || new Map();
  for (const k of burst.keys()) x0 = Math.min(x0, k);
  x0 = Math.max(x0, x1 - 900);
  const provisioned = r.billingMode === "PROVISIONED";
  const limit = (op) => (part ? (op === "w" ? 1000 : 3000) : op === "w" ? r.limitWrite : r.limitRead);
  const limitName = part ? "partition limit" : provisioned ? "provisioned" : "on-demand limit now";
  const charts = [
    chart({ id: "lab-chart-write", title: "Writes of " + what, unit: "WCU per second", x0, x1, series: [
      { name: "consumed", cls: "s-consumed", points: seriesOf(seconds, "consumedWrite") },
      { name: "throttled", cls: "s-throttled", points: seriesOf(seconds, "throttledWrite") },
      { name: limitName, cls: "s-limit", flat: limit("w") },
    ] }),
    chart({ id: "lab-chart-read", title: "Reads of " + what, unit: "RCU per second", x0, x1, series: [
      { name: "consumed", cls: "s-consumed", points: seriesOf(seconds, "consumedRead") },
      { name: "throttled", cls: "s-throttled", points: seriesOf(seconds, "throttledRead") },
      { name: limitName, cls: "s-limit", flat: limit("r") },
    ] }),
    chart({ id: "lab-chart-requests", title: "Requests to " + what, unit: "requests per second", x0, x1, series: [
      { name: "reads served", cls: "s-consumed", points: seriesOf(seconds, "readRequests") },
      { name: "writes served", cls: "s-burst", points: seriesOf(seconds, "writeRequests") },
      { name: "throttled", cls: "s-throttled", points: sumOf(seconds, ["throttledReadRequests", "throttledWriteRequests"]) },
    ] }),
  ];
  if (provisioned && !part) {
    // The engine's balance after each active second, and now.
    const br = new Map();
    const bw = new Map();
    for (const s of r.seconds) {
      br.set(s.at, s.burstRead);
      bw.set(s.at, s.burstWrite);
    }
    for (const [k, [rd, wr]] of burst) {
      if (!br.has(k)) br.set(k, rd);
      if (!bw.has(k)) bw.set(k, wr);
    }
    charts.push(chart({ id: "lab-chart-burst", title: "Burst balance of " + resourceName(r), unit: "capacity units, after each active second", x0, x1, series: [
      { name: "read burst", cls: "s-consumed", points: br, sparse: true },
      { name: "write burst", cls: "s-burst", points: bw, sparse: true },
    ] }));
  }
  replace(box, charts);
}

// -------------------------------------------------------------------- view

function draw() {
  if (!lab.els) return;
  const names = [...tableCache.keys()];
  const sel = lab.els.tableSel;
  replace(sel, names.length ? names.map((n) => h("option", { value: n, text: n })) : h("option", { value: "", text: "(no tables)" }));
  sel.value = lab.table;
  lab.els.status.textContent = lab.cap
    ? "Engine time " + new Date(lab.now).toISOString().replace("T", " ").slice(0, 19) + " UTC · throughput enforcement " + (lab.settings.throttle ? "on" : "off") + " · replica lag " + lab.settings.replicaLagMs + " ms"
    : "";
  drawCapacity();
  drawPartitions();
  if (lab.desc) {
    const gsis = lab.desc.GlobalSecondaryIndexes || [];
    const keep = lab.els.keyIndex.value;
    replace(lab.els.keyIndex, h("option", { value: "", text: "the table" }), gsis.map((g) => h("option", { value: g.IndexName, text: "index " + g.IndexName })));
    lab.els.keyIndex.value = gsis.some((g) => g.IndexName === keep) ? keep : "";
  }
  drawCharts();
  emit("lab-drawn", lab);
}

function chooseTable(name) {
  if (!name || name === lab.table) return;
  lab.table = name;
  lab.mark = null;
  labRefresh();
}

/** openLab shows the lab for table (the open table when omitted). */
export function openLab(table) {
  if (table && tableCache.has(table)) chooseTable(table);
  emit("view", "lab");
  document.getElementById("tab-lab").focus();
}

function section(id, title, intro, ...body) {
  return h("section", { class: "lab-card", id, "aria-labelledby": id + "-title" },
    h("h3", { id: id + "-title", text: title }), intro ? h("p", { class: "hint", text: intro }) : null, ...body);
}

/** initLab builds the view in #view-lab and wires it. */
export function initLab() {
  const view = document.getElementById("view-lab");
  const tableSel = h("select", { id: "lab-table" });
  tableSel.addEventListener("change", () => chooseTable(tableSel.value));
  const chartPick = h("select", { id: "lab-chart-resource" });
  chartPick.addEventListener("change", drawCharts);
  lab.els = {
    tableSel, chartPick,
    status: h("p", { class: "hint", id: "lab-status", role: "status" }),
    capacity: h("div", { id: "lab-capacity" }),
    partitions: h("div", { id: "lab-partitions" }),
    charts: h("div", { id: "lab-charts", class: "lab-charts" }),
  };
  const finder = keyFinder();
  view.append(
    h("div", { class: "toolbar" }, h("h2", { text: "Large tables" }),
      field("Table", tableSel, { cls: "inline" }), button("Refresh", () => labRefresh(), { id: "lab-refresh", class: "small" })),
    h("p", { class: "hint", text: "See why DynamoDB throttles, what a hot key does and what “eventually consistent” means, on the engine's clock (above): run ten minutes of traffic in seconds." }),
    lab.els.status,
    section("lab-cap", "Capacity", null, lab.els.capacity),
    section("lab-load", "Load generator", "Generated GetItem, Query, PutItem and UpdateItem requests, run by the engine itself on its clock (paused while the load runs): ten minutes of traffic in seconds. Only the first throttled request goes into the operation log."),
    section("lab-chart", "Consumed versus provisioned, per second", null, field("Show", chartPick, { cls: "inline" }), lab.els.charts),
    section("lab-parts", "Partitions", "Each bar is the hash space of the partition key; each partition covers a range of it. Shading: capacity used in the last minute; red: throttled.", lab.els.partitions, finder),
    section("lab-cons", "Consistency", "Set a replica lag, then write and read at once: an eventually consistent read is served by one of three replicas, and one of them lags."));
  initLoad(document.getElementById("lab-load"));
  initConsistency(document.getElementById("lab-cons"));
  installReceipts();
  on("view", (v) => {
    if (v !== "lab") return;
    if (!lab.table || !tableCache.has(lab.table)) lab.table = state.table && tableCache.has(state.table) ? state.table : [...tableCache.keys()][0] || "";
    labRefresh();
  });
  on("table", (name) => { if (name && state.view !== "lab") lab.table = name; });
  on("refresh", () => { if (state.view === "lab") labRefresh(); });
  // The table list changed (a table made or deleted by a form, the
  // console or a script): the lab's choice of table follows it.
  on("tables", () => {
    if (state.view !== "lab") return;
    if (!lab.table || !tableCache.has(lab.table)) lab.table = [...tableCache.keys()][0] || "";
    labRefresh();
  });
  on("clock", () => { if (state.view === "lab") labRefresh(); });
  // While the lab is open and the clock runs, follow it.
  setInterval(() => {
    if (state.view === "lab" && !document.hidden && lab.table && !lab.busy && !clockState().paused) labRefresh();
  }, 2000);
}

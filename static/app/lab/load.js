// load.js — the lab's load generator: a read/write mix at a rate, for a
// duration of engine time, with an item size, a key distribution and a
// consistency, played in slices next to the engine (Playground.load) on
// the paused virtual clock, with progress, Cancel and a summary that says
// what to change.

import { h, button, select, field, replace, errorText } from "../dom.js";
import { state } from "../state.js";
import { runTask, Cancelled } from "../task.js";
import { logCall } from "../oplog.js";
import { lab, labRefresh } from "./lab.js";
import { clockAction, clockState } from "./clock.js";
import { fmt } from "./charts.js";

const REDRAW_MS = 1000; // real time between chart redraws while a load runs

// errorFrom turns an engine error body into the door's kind of error.
function errorFrom(text, status) {
  let data = {};
  try {
    data = JSON.parse(text);
  } catch {
    data = { message: text };
  }
  const type = String(data.__type || "InternalServerError");
  const err = new Error(data.message || "");
  err.name = type.slice(type.lastIndexOf("#") + 1);
  for (const [k, v] of Object.entries(data)) if (k !== "__type" && k !== "message") err[k] = v;
  err.$metadata = { httpStatusCode: status };
  return err;
}

/** spec reads the form into a load spec for the open table. */
function specOf(f) {
  const d = lab.desc;
  const hash = d.KeySchema.find((k) => k.KeyType === "HASH").AttributeName;
  const range = (d.KeySchema.find((k) => k.KeyType === "RANGE") || {}).AttributeName;
  const typeOf = (n) => (d.AttributeDefinitions.find((a) => a.AttributeName === n) || {}).AttributeType || "S";
  return {
    table: d.TableName, pk: hash, pkType: typeOf(hash), sk: range || "", skType: range ? typeOf(range) : "",
    reads: Number(f.reads.value) / 100, rps: Number(f.rps.value), seconds: Number(f.duration.value),
    itemBytes: Number(f.size.value), keys: Number(f.keys.value), dist: f.dist.value,
    consistent: f.consistency.value === "strong", seed: 1,
  };
}

function check(spec) {
  if (!(spec.rps > 0 && spec.rps <= 100000)) return "Requests per second must be between 1 and 100,000.";
  if (!(spec.seconds > 0 && spec.seconds <= 3600)) return "Duration must be between 1 and 3,600 seconds.";
  if (!(spec.itemBytes >= 1 && spec.itemBytes <= 400 * 1024)) return "Item size must be between 1 byte and 400 KB.";
  if (!(spec.keys >= 1 && spec.keys <= 1000000)) return "Distinct keys must be between 1 and 1,000,000.";
  if (!(spec.reads >= 0 && spec.reads <= 1)) return "Reads must be between 0 and 100 %.";
  return "";
}

// advice says what to change, from the load's result and the table's state.
function advice(spec, total, hottest) {
  const out = [];
  const reasons = Object.keys(total.reasons);
  const wcuNeed = Math.ceil(spec.rps * (1 - spec.reads) * Math.ceil(spec.itemBytes / 1024));
  const rcuNeed = Math.ceil(spec.rps * spec.reads * Math.ceil(spec.itemBytes / 4096) * (spec.consistent ? 1 : 0.5));
  const r = lab.cap && lab.cap.resources[0];
  if (total.throttled === 0) {
    out.push("Nothing was throttled: the capacity fits this load" + (r && r.billingMode === "PROVISIONED" ? " (it needs about " + wcuNeed + " WCU and " + rcuNeed + " RCU per second)." : "."));
    return out;
  }
  const keyRange = reasons.some((x) => x.endsWith("KeyRangeThroughputExceeded"));
  if (!keyRange && spec.dist === "hot") {
    out.push("Every request goes to one key, so to one partition. Here the table's capacity is the limit; once it is raised, that one key still cannot go past 1,000 WCU or 3,000 RCU per second, the most a partition serves.");
  }
  if (keyRange) {
    out.push("One partition key takes " + (hottest ? Math.round((100 * hottest.count) / total.requests) + " %" : "most") + " of the traffic. A partition serves at most 1,000 WCU and 3,000 RCU per second whatever the table has: spread the key (add a random or calculated suffix, write sharding) or cache hot reads.");
  }
  if (reasons.some((x) => x.startsWith("TableWrite") && x.endsWith("ProvisionedThroughputExceeded"))) {
    out.push("The table's writes need about " + wcuNeed + " WCU per second" + (r ? " and it has " + r.writeCapacityUnits : "") + ": raise WriteCapacityUnits (Change capacity, above) or switch to on-demand.");
  }
  if (reasons.some((x) => x.startsWith("TableRead") && x.endsWith("ProvisionedThroughputExceeded"))) {
    out.push("The table's reads need about " + rcuNeed + " RCU per second" + (r ? " and it has " + r.readCapacityUnits : "") + ": raise ReadCapacityUnits, use eventually consistent reads (half the cost) or switch to on-demand.");
  }
  if (reasons.some((x) => x.startsWith("Index"))) out.push("An index is short of capacity: raise its RCU/WCU (Change capacity, above); an index short of write capacity throttles the table's writes.");
  if (reasons.some((x) => x.endsWith("MaxOnDemandThroughputExceeded"))) out.push("The on-demand maximum was reached: raise or remove it.");
  if (out.length === 0) out.push("Lower the request rate, retry throttled requests with exponential backoff, or add capacity.");
  return out;
}

/** initLoad builds the load generator's form in section box. */
export function initLoad(box) {
  const num = (id, value, min, max) => h("input", { type: "number", id, value: String(value), min: String(min), max: String(max), inputmode: "numeric" });
  const f = {
    reads: num("load-reads", 0, 0, 100),
    rps: num("load-rps", 20, 1, 100000),
    duration: num("load-duration", 600, 1, 3600),
    size: num("load-size", 1000, 1, 409600),
    keys: num("load-keys", 1000, 1, 1000000),
    dist: select([["uniform", "Uniform"], ["zipf", "Zipf (a few keys are popular)"], ["hot", "One hot key"]], { id: "load-dist", value: "uniform" }),
    consistency: select([["eventual", "Eventually consistent"], ["strong", "Strongly consistent"]], { id: "load-consistency" }),
  };
  const err = h("p", { class: "error", role: "alert", id: "load-error" });
  const summary = h("div", { id: "load-summary", role: "status", "aria-live": "polite" });
  const run = button("Run load", () => start(), { class: "primary", id: "load-run" });
  box.append(h("form", { class: "lab-form", onsubmit: (ev) => { ev.preventDefault(); start(); } },
    h("div", { class: "row" },
      field("Reads (%)", f.reads, { hint: "the rest are writes" }),
      field("Requests per second", f.rps),
      field("Duration (s of engine time)", f.duration),
      field("Item size (bytes)", f.size)),
    h("div", { class: "row" },
      field("Key distribution", f.dist),
      field("Distinct partition keys", f.keys),
      field("Reads are", f.consistency)),
    h("div", { class: "actions left" }, run), err), summary);

  async function start() {
    err.textContent = "";
    if (!lab.desc) {
      err.textContent = "Choose a table first (create one in Tables).";
      return;
    }
    const spec = specOf(f);
    const bad = check(spec);
    if (bad) {
      err.textContent = bad;
      return;
    }
    run.disabled = true;
    lab.busy = true;
    const wasPaused = clockState().paused;
    const total = { requests: 0, reads: 0, writes: 0, ok: 0, throttled: 0, errors: 0, reasons: {}, firstThrottle: null, firstError: null };
    const hot = new Map();
    const t0 = performance.now();
    let cancelled = false;
    const frames = [];
    try {
      await clockAction("pause");
      // A slice of at most ~5,000 requests keeps Cancel and the charts lively.
      const slice = Math.max(1, Math.min(60, Math.floor(5000 / spec.rps) || 1));
      let prev = null;
      let lastDraw = 0;
      await runTask("Load on " + spec.table, async (task) => {
        for (let done = 0; done < spec.seconds;) {
          task.check();
          const n = Math.min(slice, spec.seconds - done);
          const fs = performance.now();
          const r = await state.db.load({ ...spec, seconds: n, last: done + n >= spec.seconds }, prev);
          frames.push(performance.now() - fs);
          prev = r;
          done += n;
          for (const k of ["requests", "reads", "writes", "ok", "throttled", "errors"]) total[k] += r[k];
          for (const [k, v] of Object.entries(r.reasons)) total.reasons[k] = (total.reasons[k] || 0) + v;
          total.firstThrottle ||= r.firstThrottle;
          total.firstError ||= r.firstError;
          if (r.hot) {
            const key = JSON.stringify(r.hot.key);
            hot.set(key, (hot.get(key) || 0) + r.hot.count);
          }
          task.progress(done, spec.seconds, done + " of " + spec.seconds + " s of engine time · " + total.requests.toLocaleString("en-US") + " requests · " + total.throttled.toLocaleString("en-US") + " throttled");
          const now = performance.now();
          if (now - lastDraw > REDRAW_MS || done >= spec.seconds) {
            lastDraw = now;
            await labRefresh();
          }
          // Let the page paint and take input (Cancel) between slices.
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        }
      });
    } catch (e) {
      if (e instanceof Cancelled) cancelled = true;
      else err.textContent = errorText(e);
      // Stopped early: an empty last slice has what was written saved.
      await state.db.load({ ...spec, seconds: 0, last: true }).catch(() => {});
    } finally {
      if (!wasPaused) await clockAction("resume").catch(() => {});
      run.disabled = false;
      lab.busy = false;
    }
    await labRefresh();
    const realMs = performance.now() - t0;
    // The hottest key and partition of this load.
    let hottest = null;
    for (const [k, c] of hot) if (!hottest || c > hottest.count) hottest = { key: JSON.parse(k), count: c };
    let hotPart = null;
    if (hottest) {
      try {
        hotPart = await state.db.partition(spec.table, "", hottest.key);
      } catch {
        hotPart = null;
      }
    }
    if (total.firstThrottle) {
      const t = total.firstThrottle;
      logCall(t.op, JSON.parse(t.body))(undefined, errorFrom(t.error, t.status));
    }
    if (total.firstError) {
      const t = total.firstError;
      logCall(t.op, JSON.parse(t.body))(undefined, errorFrom(t.error, t.status));
    }
    lab.lastLoad = { spec, total, hottest, hotPart, realMs, frames };
    const pct = total.requests ? ((100 * total.throttled) / total.requests).toFixed(1) : "0";
    const lines = advice(spec, total, hottest);
    replace(summary, h("div", { class: "lab-summary" + (total.throttled ? " warn" : " good"), "data-testid": "load-summary" },
      h("h4", { text: (cancelled ? "Cancelled after " : err.textContent ? "Stopped by an error after " : "Load done: ") + total.requests.toLocaleString("en-US") + " requests in " + (realMs / 1000).toFixed(1) + " s of real time" }),
      h("dl", { class: "facts" },
        h("dt", { text: "Succeeded" }), h("dd", { "data-testid": "load-ok", text: total.ok.toLocaleString("en-US") }),
        h("dt", { text: "Throttled" }), h("dd", { "data-testid": "load-throttled", text: total.throttled.toLocaleString("en-US") + " (" + pct + " %)" }),
        Object.keys(total.reasons).length ? [h("dt", { text: "Why" }), h("dd", { text: Object.entries(total.reasons).map(([k, v]) => k + " × " + v.toLocaleString("en-US")).join(", ") })] : null,
        total.errors ? [h("dt", { text: "Other errors" }), h("dd", { text: String(total.errors) + (total.firstError ? " (first: " + errorFrom(total.firstError.error).message + ")" : "") })] : null,
        hottest ? [h("dt", { text: "Hottest key" }), h("dd", { text: JSON.stringify(hottest.key) + ": " + fmt((100 * hottest.count) / Math.max(1, total.requests)) + " % of requests" })] : null,
        hotPart !== null ? [h("dt", { text: "Hottest partition" }), h("dd", { "data-testid": "load-hot-partition", text: "#" + hotPart })] : null),
      h("p", { text: "What to change:" }),
      h("ul", {}, lines.map((t) => h("li", { text: t })))));
  }
}

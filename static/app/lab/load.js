// load.js — the lab's load generator: a read/write mix (GetItem and
// Query; PutItem and UpdateItem) at a rate, for a duration of engine
// time, with an item size, a key distribution and a consistency, played
// by the engine itself (engine/loadgen, through Playground.load) in
// slices on the paused virtual clock, with progress, Cancel and the
// engine's summary, which says what to change.

import { h, button, select, field, replace, errorText } from "../dom.js";
import { state } from "../state.js";
import { runTask, Cancelled } from "../task.js";
import { logCall } from "../oplog.js";
import { lab, labRefresh } from "./lab.js";
import { clockAction, clockState } from "./clock.js";
import { fmt } from "./charts.js";

// Real time between chart redraws while a load runs: each redraw reads the
// engine's capacity(), which may count a changed table's items again (a
// large table's load spent a third of its time on that at one a second).
const REDRAW_MS = 5000;
const SLICE_MS = 250; // real time a slice aims at: Cancel and progress stay lively
const OPS = [["gets", "GetItem"], ["queries", "Query"], ["puts", "PutItem"], ["updates", "UpdateItem"]];

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

/** specOf reads the form into a load spec (engine/loadgen's) for the open table. */
function specOf(f) {
  return {
    table: lab.desc.TableName,
    reads: Number(f.reads.value) / 100, queries: Number(f.queries.value) / 100, updates: Number(f.updates.value) / 100,
    rps: Number(f.rps.value), seconds: Number(f.duration.value), itemBytes: Number(f.size.value),
    keys: Number(f.keys.value), sortKeys: Number(f.sortKeys.value), dist: f.dist.value,
    consistent: f.consistency.value === "strong", seed: 1,
  };
}

/** initLoad builds the load generator's form in section box. */
export function initLoad(box) {
  const num = (id, value, min, max) => h("input", { type: "number", id, value: String(value), min: String(min), max: String(max), inputmode: "numeric" });
  const f = {
    reads: num("load-reads", 0, 0, 100),
    queries: num("load-queries", 0, 0, 100),
    updates: num("load-updates", 0, 0, 100),
    rps: num("load-rps", 20, 1, 100000),
    duration: num("load-duration", 600, 1, 3600),
    size: num("load-size", 1000, 1, 409600),
    keys: num("load-keys", 1000, 1, 1000000),
    sortKeys: num("load-sortkeys", 1, 1, 1000),
    dist: select([["uniform", "Uniform"], ["zipf", "Zipf (a few keys are popular)"], ["hot", "One hot key"]], { id: "load-dist", value: "uniform" }),
    consistency: select([["eventual", "Eventually consistent"], ["strong", "Strongly consistent"]], { id: "load-consistency" }),
  };
  const err = h("p", { class: "error", role: "alert", id: "load-error" });
  const summary = h("div", { id: "load-summary", role: "status", "aria-live": "polite" });
  const run = button("Run load", () => start(), { class: "primary", id: "load-run" });
  box.append(h("form", { class: "lab-form", onsubmit: (ev) => { ev.preventDefault(); start(); } },
    h("div", { class: "row" },
      field("Reads (%)", f.reads, { hint: "the rest are writes" }),
      field("Of reads, Query (%)", f.queries, { hint: "one key's item collection; the rest GetItem" }),
      field("Of writes, UpdateItem (%)", f.updates, { hint: "ADD 1 to a counter; the rest PutItem" })),
    h("div", { class: "row" },
      field("Requests per second", f.rps),
      field("Duration (s of engine time)", f.duration),
      field("Item size (bytes)", f.size, { hint: "of a PutItem's item" })),
    h("div", { class: "row" },
      field("Key distribution", f.dist),
      field("Distinct partition keys", f.keys),
      field("Items per partition key", f.sortKeys, { hint: "tables with a sort key" }),
      field("Reads are", f.consistency)),
    h("div", { class: "actions left" }, run), err), summary);

  async function start() {
    err.textContent = "";
    if (!lab.desc) {
      err.textContent = "Choose a table first (create one in Tables).";
      return;
    }
    const spec = specOf(f);
    run.disabled = true;
    lab.busy = true;
    const wasPaused = clockState().paused;
    let result = null;
    const t0 = performance.now();
    let cancelled = false;
    let started = false;
    const frames = [];
    try {
      await clockAction("pause");
      // The first slice is about 2,000 requests; then each aims at SLICE_MS.
      let slice = Math.max(1, Math.min(60, Math.round(2000 / Math.max(1, spec.rps))));
      let lastDraw = performance.now();
      await runTask("Load on " + spec.table, async (task) => {
        while (!result || !result.done) {
          task.check();
          const fs = performance.now();
          const r = await state.db.load(result ? { seconds: slice } : { spec, seconds: slice });
          const ms = performance.now() - fs;
          frames.push(ms);
          started = true;
          result = r;
          const s = r.summary;
          task.progress(r.played, s.seconds, fmt(r.played) + " of " + s.seconds + " s of engine time · " + s.requests.toLocaleString("en-US") + " requests · " + s.throttled.toLocaleString("en-US") + " throttled");
          slice = Math.max(1, Math.min(60, Math.round((slice * SLICE_MS) / Math.max(1, ms))));
          const now = performance.now();
          if (now - lastDraw > REDRAW_MS) {
            lastDraw = now;
            labRefresh(); // not awaited: it queues behind the next slice
          }
          // Let input (Cancel) in when the engine runs on this thread.
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      });
    } catch (e) {
      if (e instanceof Cancelled) cancelled = true;
      else err.textContent = errorText(e);
    }
    const realMs = performance.now() - t0;
    if (!wasPaused) await clockAction("resume").catch(() => {});
    const saved = h("p", { class: "hint", "data-testid": "load-saved", role: "status", text: "Saving what the load wrote…" });
    if (result) showSummary(result.summary, realMs, cancelled, saved);
    // The load ends: what it wrote bypassed the write log and is saved now.
    const ts = performance.now();
    if (started) {
      try {
        await state.db.load({ seconds: 0, last: true });
        saved.textContent = "What the load wrote is saved (" + ((performance.now() - ts) / 1000).toFixed(1) + " s).";
      } catch (e) {
        saved.textContent = "What the load wrote could not be saved: " + errorText(e);
      }
    }
    const saveMs = performance.now() - ts;
    lab.lastLoad = { spec, result, realMs, saveMs, frames };
    await labRefresh();
    run.disabled = false;
    lab.busy = false;
  }

  // showSummary shows a load's summary and logs its first throttled and
  // first failed requests.
  function showSummary(total, realMs, cancelled, saved) {
    if (total.firstThrottle) {
      const t = total.firstThrottle;
      logCall(t.op, JSON.parse(t.body))(undefined, errorFrom(t.error, t.status));
    }
    if (total.firstError) {
      const t = total.firstError;
      logCall(t.op, JSON.parse(t.body))(undefined, errorFrom(t.error, t.status));
    }
    const pct = total.requests ? ((100 * total.throttled) / total.requests).toFixed(1) : "0";
    const hot = total.hotKey;
    const part = total.hotPartition;
    replace(summary, h("div", { class: "lab-summary" + (total.throttled ? " warn" : " good"), "data-testid": "load-summary" },
      h("h4", { text: (cancelled ? "Cancelled after " : err.textContent ? "Stopped by an error after " : "Load done: ") + total.requests.toLocaleString("en-US") + " requests in " + (realMs / 1000).toFixed(1) + " s of real time" }),
      h("dl", { class: "facts" },
        h("dt", { text: "Sent" }), h("dd", { "data-testid": "load-ops", text: OPS.map(([k, name]) => total[k].toLocaleString("en-US") + " " + name).join(" · ") }),
        h("dt", { text: "Succeeded" }), h("dd", { "data-testid": "load-ok", text: total.ok.toLocaleString("en-US") }),
        h("dt", { text: "Throttled" }), h("dd", { "data-testid": "load-throttled", text: total.throttled.toLocaleString("en-US") + " (" + pct + " %)" }),
        Object.keys(total.reasons).length ? [h("dt", { text: "Why" }), h("dd", { text: Object.entries(total.reasons).map(([k, v]) => k + " × " + v.toLocaleString("en-US")).join(", ") })] : null,
        total.errors ? [h("dt", { text: "Other errors" }), h("dd", { text: String(total.errors) + (total.firstError ? " (first: " + errorFrom(total.firstError.error).message + ")" : "") })] : null,
        h("dt", { text: "Consumed" }), h("dd", { text: (total.metered ? fmt(total.consumed[0]) + " RCU · " + fmt(total.consumed[1]) + " WCU in all on the table" : "not metered (throughput enforcement is off)") + "; the load asks about " + fmt(total.need[0]) + " RCU and " + fmt(total.need[1]) + " WCU per second" }),
        hot ? [h("dt", { text: "Hottest key" }), h("dd", { text: JSON.stringify(hot.key) + ": " + fmt((100 * hot.count) / Math.max(1, total.requests)) + " % of requests" })] : null,
        part ? [h("dt", { text: "Hottest partition" }), h("dd", { "data-testid": "load-hot-partition", text: "#" + part.id }),
          h("dt", { text: "Its requests" }), h("dd", { text: part.requests.toLocaleString("en-US") + " (" + part.throttled.toLocaleString("en-US") + " throttled)" })] : null),
      h("p", { text: "What to change:" }),
      h("ul", {}, total.advice.map((t) => h("li", { text: t }))), saved));
  }
}

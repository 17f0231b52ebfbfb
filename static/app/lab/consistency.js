// consistency.js — the lab's consistency experiment: set the replica lag,
// write an item, then at once read it strongly consistent (the leader)
// next to several eventually consistent reads (each from one of three
// replicas, one of which lags) and, when the table has a GSI, query the
// index (indexes are always updated after the lag).

import { h, button, field, replace, errorText } from "../dom.js";
import { state } from "../state.js";
import { call } from "../api.js";
import { lab, labRefresh } from "./lab.js";
import { clockAction, clockState } from "./clock.js";

const EVENTUAL_READS = 6;

function typeOf(d, name) {
  return (d.AttributeDefinitions.find((a) => a.AttributeName === name) || {}).AttributeType || "S";
}

function keyValue(type, text) {
  return type === "N" ? { N: /^-?\d+(\.\d+)?$/.test(text) ? text : "1" } : type === "B" ? { B: btoa(text) } : { S: text };
}

/** initConsistency builds the experiment in section box. */
export function initConsistency(box) {
  const lag = h("input", { type: "number", id: "cons-lag", min: "0", max: "3600000", step: "50", value: "500", inputmode: "numeric" });
  const lagNow = h("p", { class: "summary", id: "cons-lag-now", role: "status" });
  const key = h("input", { type: "text", id: "cons-key", value: "lab-item", autocomplete: "off", spellcheck: "false" });
  const err = h("p", { class: "error", role: "alert", id: "cons-error" });
  const results = h("div", { id: "cons-results", "aria-live": "polite" });
  const setLag = button("Set lag", async () => {
    err.textContent = "";
    try {
      const s = await state.db.settings({ replicaLagMs: Number(lag.value) });
      lagNow.textContent = "Replica lag is now " + s.replicaLagMs + " ms: the third replica, and every GSI, receives a write that long after it is acknowledged.";
      labRefresh();
    } catch (e) {
      err.textContent = errorText(e);
    }
  }, { id: "cons-lag-apply" });
  const run = button("Write, then read at once", () => experiment(), { class: "primary", id: "cons-run" });
  box.append(
    h("form", { class: "row", onsubmit: (ev) => { ev.preventDefault(); setLag.click(); } },
      field("Replica lag (ms)", lag), h("div", { class: "field" }, setLag)), lagNow,
    h("form", { class: "row", onsubmit: (ev) => { ev.preventDefault(); run.click(); } },
      field("Partition-key value of the item", key), h("div", { class: "field" }, run)),
    err, results);

  async function experiment() {
    err.textContent = "";
    const d = lab.desc;
    if (!d) {
      err.textContent = "Choose a table first.";
      return;
    }
    run.disabled = true;
    // The write and the reads happen at one instant of engine time: the
    // clock is paused meanwhile (a slow page would otherwise let the lag pass).
    const wasPaused = clockState().paused;
    try {
      if (!wasPaused) await clockAction("pause");
      const hash = d.KeySchema.find((k) => k.KeyType === "HASH").AttributeName;
      const range = (d.KeySchema.find((k) => k.KeyType === "RANGE") || {}).AttributeName;
      const k = { [hash]: keyValue(typeOf(d, hash), key.value) };
      if (range) k[range] = keyValue(typeOf(d, range), "lab");
      // Put the item in every GSI whose keys are scalar strings or numbers.
      const gsi = (d.GlobalSecondaryIndexes || []).find((g) => g.KeySchema.every((x) => !(x.AttributeName in k) && typeOf(d, x.AttributeName) !== "B")) || null;
      // The item's version: one more than the one it has now.
      let version;
      const now0 = await call("GetItem", { TableName: d.TableName, Key: k, ConsistentRead: true });
      version = now0.Item && now0.Item.version ? Number(now0.Item.version.N) + 1 : 1;
      const item = { ...k, version: { N: String(version) } };
      if (gsi) for (const x of gsi.KeySchema) item[x.AttributeName] = keyValue(typeOf(d, x.AttributeName), typeOf(d, x.AttributeName) === "N" ? "7" : "lab");
      const settings = await state.db.settings();
      const before = await state.db.clock();
      await call("PutItem", { TableName: d.TableName, Item: item });
      const strong = await call("GetItem", { TableName: d.TableName, Key: k, ConsistentRead: true });
      const eventual = [];
      for (let i = 0; i < EVENTUAL_READS; i++) eventual.push(await call("GetItem", { TableName: d.TableName, Key: k }));
      let indexRead = null;
      if (gsi) {
        const names = {};
        const values = {};
        const conds = gsi.KeySchema.map((x, i) => {
          names["#k" + i] = x.AttributeName;
          values[":v" + i] = item[x.AttributeName];
          return "#k" + i + " = :v" + i;
        });
        const out = await call("Query", { TableName: d.TableName, IndexName: gsi.IndexName, KeyConditionExpression: conds.join(" AND "), ExpressionAttributeNames: names, ExpressionAttributeValues: values });
        indexRead = (out.Items || []).find((it) => JSON.stringify(it[hash]) === JSON.stringify(k[hash])) || null;
      }
      const after = await state.db.clock();
      const elapsed = after.now - before.now;
      const describeRead = (it) => {
        const v = it && it.version ? Number(it.version.N) : null;
        if (v === version) return { stale: false, text: "fresh: version " + v };
        return { stale: true, text: v === null ? "stale: no item yet" : "stale: older version " + v };
      };
      const s = describeRead(strong.Item);
      const ev = eventual.map((o) => describeRead(o.Item));
      const staleCount = ev.filter((x) => x.stale).length;
      const cell = (r, who) => h("li", { class: r.stale ? "stale" : "fresh", "data-testid": r.stale ? "read-stale" : "read-fresh" },
        h("strong", { text: r.stale ? "Stale" : "Fresh" }), " — " + r.text + " · " + who);
      replace(results,
        h("p", { text: "Wrote version " + version + " at engine time " + new Date(before.now).toISOString().slice(11, 23) + "; the reads ran " + elapsed + " ms of engine time later (the clock was paused: at once), with a replica lag of " + settings.replicaLagMs + " ms." }),
        h("div", { class: "lab-cols" },
          h("div", { "data-testid": "cons-strong" },
            h("h4", { text: "Strongly consistent read" }),
            h("ul", { class: "reads" }, cell(s, "served by the leader, which has every acknowledged write"))),
          h("div", { "data-testid": "cons-eventual" },
            h("h4", { text: "Eventually consistent reads (" + EVENTUAL_READS + ")" }),
            h("ul", { class: "reads" }, ev.map((r) => cell(r, r.stale
              ? "served by the lagging third replica, " + settings.replicaLagMs + " ms behind"
              : "served by the leader or the replica that acknowledged the write"))),
            h("p", { class: "hint", text: staleCount + " of " + EVENTUAL_READS + " were stale. The engine picks the replica with a seeded generator; the lab infers which one answered from what it returned." }))),
        gsi ? h("div", { "data-testid": "cons-index" },
          h("h4", { text: "Query on index " + gsi.IndexName + " right after the write" }),
          h("ul", { class: "reads" }, cell(describeRead(indexRead), "indexes are updated after the replica lag (" + settings.replicaLagMs + " ms), always eventually consistent")))
          : h("p", { class: "hint", text: "Add a global secondary index to the table to see an index lag behind too." }),
        settings.replicaLagMs === 0 ? h("p", { class: "hint", text: "With a lag of 0 every replica has every write at once: set a lag above and try again." }) : null);
    } catch (e) {
      err.textContent = errorText(e);
    } finally {
      if (!wasPaused) await clockAction("resume").catch(() => {});
      run.disabled = false;
    }
  }
}

// Where the engine host keeps a space (engine-worker.js): the saved
// snapshot in IndexedDB, this tab's write log in the origin private file
// system (write-log.js), and the other tabs of the space.
//
// A write is durable once acknowledged: the host appends it to the write log
// before answering. Snapshots compact the log: a save (save-schedule.js
// decides when) exports the state, in slices of 64 KB between
// which the engine serves requests (exportInSlices), and writes it to the
// IndexedDB database "ddbplay", object store "spaces", key = space name, as
// {version, savedAt, tab, parts, logs} (parts: how many records of the
// snapshot's UTF-8 text, one per slice of its export, follow under the keys
// "<space>\0<i>", i with 9 digits; records saved before hold the snapshot
// instead: a Blob, or a string) in one
// readwrite transaction that reads the record and writes version + 1, so a
// save is atomic and the last complete save wins. logs maps each tab's log
// to the last record of it the snapshot holds (the last one written before
// the export took the state); after the save the tab drops those records
// from its log, and keeps the ones written while the export ran.
//
// Opening a space imports the saved snapshot, then replays the logs of the
// space's tabs that are gone (a reload, a closed or crashed tab: their Web
// Lock is free) after what the snapshot holds of each, saves, and deletes
// those logs. A replayed write that fails (its table was deleted meanwhile
// by another tab's save) is counted in recovered.failed.
//
// Tabs: after a save, the host announces {space, version, tab} on the
// BroadcastChannel "ddbplay:<space>". A host that hears of a newer version
// than the one it loaded or saved last reloads it if it has no unsaved
// writes (event "external-change"); with unsaved writes it keeps its own
// state, which overwrites the other tab's on its next save (event
// "conflict"); its log keeps those writes until then. A saved state that no
// longer imports (restoreError) is kept under the key "<space>#unreadable"
// and the space starts empty.
//
// Durability (init's reply): "log" (every acknowledged write is in the
// log), "save" (no write log here: the page's thread, or a browser without
// OPFS sync access handles; writes are saved a moment after they are made),
// "memory" (persist off, or no IndexedDB: nothing is kept). If storage
// fills up, the host says so (event "storage-full") and goes on in memory.

import { WriteLog, deadLogs, logsAvailable } from "./write-log.js";
import { createSchedule } from "./save-schedule.js";

const DB_NAME = "ddbplay";
const STORE = "spaces";

// ADVANCE is the log's name for advanceClock (not a DynamoDB operation).
const ADVANCE = "$advanceClock";

function idbOpen() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// idbRun runs fn(store) in one transaction and resolves with what fn's
// requests leave in `out` once the transaction has committed.
function idbRun(idb, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(STORE, mode, { durability: "strict" });
    const out = {};
    fn(tx.objectStore(STORE), out);
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("ddbplay: save aborted"));
  });
}

const isQuota = (err) => err?.name === "QuotaExceededError";

// SLICE_BYTES is how much of the snapshot's text one slice of an export
// writes while it holds the engine: between slices the worker's event loop
// runs, and with it the page's requests (a poke serves the shared lane).
// A slice is bounded by bytes, not by time, so that a slow moment of the
// machine does not make it longer; 128 KB took 1.5 ms under Node at load
// 12 (BenchmarkSnapshot/Slices; 0.2 ms natively), 0.6–1.2 ms in Chromium's
// worker, so slices are 64 KB: a save puts each as an IndexedDB record,
// whose put holds the worker in proportion too.
const SLICE_BYTES = 64 << 10;

// nextTask resolves in a new task of the worker's event loop (a message to
// itself: a setTimeout chain is clamped to 4 ms).
const nextTask = (() => {
  let port = null;
  const waiting = [];
  return () => new Promise((resolve) => {
    if (!port) {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => waiting.shift()();
      port = ch.port2;
    }
    waiting.push(resolve);
    port.postMessage(0);
  });
})();

// BLOB_BYTES is how much of an export's text goes into one Blob (Data →
// Export; a save makes no Blob, it puts the slices as records). Making
// a Blob asks the browser process synchronously and copies the bytes:
// 0.2–0.5 ms for 1 KB, 1–6 ms for 1 MB, 5–50 ms for 4 MB measured in a
// worker at load 10 on 2 cores. So the text goes into Blobs of about 1 MB,
// each made in a task of its own, and the snapshot is a Blob of those.
const BLOB_BYTES = 1 << 20;
// SMALL_BYTES: an export up to this size (one slice) is handed out as its
// bytes, without a Blob (a small Blob's request alone took 0.2–5 ms).
const SMALL_BYTES = 64 << 10;

// exportInSlices writes a snapshot of the engine's state as it is now
// (exportStart takes it at once: copy-on-write clones of the tables) in
// slices of SLICE_BYTES, letting other tasks run in between, and resolves
// with {data: the snapshot's UTF-8 text (a Blob, or a Uint8Array of a
// small one; with asParts, the slices' Uint8Arrays), bytes: its length, ms: the slices' total, holdMs:
// the longest hold, holds: {start, slice, blob: the longest of each},
// slices}, or with null once cancelled() says so between two slices.
// progress(done, total) hears of the bytes written (total: an estimate).
// Each slice is copied out of the engine's memory as it is made, and
// every ~1 MB of them made into a Blob (BLOB_BYTES); nothing holds the
// engine for the whole text (a string of it would be decoded, and cloned
// into IndexedDB, in one go: 100 ms for 4 MB).
async function exportInSlices(engine, progress = null, cancelled = () => false, asParts = false) {
  let t0 = performance.now();
  // (Its caller takes note of the write log's position right before.)
  const failedWith = (r) => new Error(JSON.parse(r.error).message);
  const estimate = engine.exportStart();
  if (typeof estimate !== "number") throw failedWith(estimate);
  const holds = { start: performance.now() - t0, slice: 0, blob: 0 };
  let ms = holds.start;
  const blobs = [];
  let group = []; // slices not in a Blob yet
  let grouped = 0; // their bytes
  let bytes = 0;
  // toBlob makes the slices of group one Blob.
  const toBlob = () => {
    const t = performance.now();
    blobs.push(new Blob(group));
    holds.blob = Math.max(holds.blob, performance.now() - t);
    group = [];
    grouped = 0;
  };
  for (let slices = 1; ; slices++) {
    // Each slice, the first too, in a task of its own: exportStart took
    // 2.5–4.4 ms in a page's first save (its code's first run), and the
    // first slice used to run on from it.
    if (slices > 1) progress?.(bytes, Math.max(estimate, bytes + 1));
    await nextTask();
    if (cancelled()) return null;
    if (!asParts && grouped >= BLOB_BYTES) {
      toBlob();
      await nextTask();
      if (cancelled()) return null;
    }
    t0 = performance.now();
    const r = engine.exportStep(SLICE_BYTES);
    if (r.error !== undefined) throw failedWith(r);
    group.push(r.bytes.slice()); // the view is the engine's memory: copy it
    grouped += r.bytes.length;
    bytes += r.bytes.length;
    const took = performance.now() - t0;
    ms += took;
    holds.slice = Math.max(holds.slice, took);
    if (!r.done) continue;
    progress?.(bytes, bytes);
    const result = (data) => ({ data, bytes, ms, holdMs: Math.max(holds.start, holds.slice, holds.blob), holds, slices });
    // A save keeps the slices as they are (each a record of its own).
    if (asParts) return result(group);
    // A small export is handed out as its bytes (the page makes the Blob).
    if (blobs.length === 0 && group.length === 1 && bytes <= SMALL_BYTES) return result(group[0]);
    // A larger one's last group makes a Blob in a task of its own, then
    // those Blobs (only referred to: no bytes copied) the snapshot's.
    if (blobs.length > 0) {
      await nextTask();
      toBlob();
      await nextTask();
    } else {
      blobs.push(...group);
    }
    t0 = performance.now();
    const blob = new Blob(blobs, { type: "application/json" });
    holds.blob = Math.max(holds.blob, performance.now() - t0);
    return result(blob);
  }
}

// snapshotOf returns the snapshot of a saved record as the engine imports
// it: the text (records saved before snapshots were kept as bytes), or
// its UTF-8 bytes (a Uint8Array as saved, or read from the Blob).
async function snapshotOf(rec) {
  if (rec.partsData) return concat(rec.partsData);
  const s = rec.snapshot;
  return typeof Blob !== "undefined" && s instanceof Blob ? new Uint8Array(await s.arrayBuffer()) : s;
}

// concat returns the bytes of parts, one after another.
function concat(parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

// partKey is the key of part i of space's saved snapshot; partsFrom(space,
// i) is the range of its parts from i on.
const partKey = (space, i) => space + "\u0000" + String(i).padStart(9, "0");
const partsFrom = (space, i) => IDBKeyRange.bound(partKey(space, i), space + "\u0001", false, true);

// createStore keeps the space of the engine (startEngine's functions). It
// starts opening storage at once; restore() finishes once the engine runs.
// emit(name, detail) sends an event to the page.
export function createStore({ space, persist, saveDelay, inWorker, sinceRequestMs }, emit) {
  const tab = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const hasIDB = typeof indexedDB !== "undefined";
  const useLog = persist && hasIDB && inWorker && logsAvailable();
  let durability = !persist || !hasIDB ? "memory" : useLog ? "log" : "save";
  let engine = null;
  let idb = null;
  let log = null;
  let channel = null;
  let version = 0; // the saved version this state is based on
  let baseLogs = {}; // the logs map of that version
  let dirty = false; // writes since the last save started
  let saving = null; // the running save's promise
  let lastExportMs = 0;
  let pendingDead = []; // replayed logs of gone tabs, deleted after the next save
  let exporting = Promise.resolve(); // the engine writes one snapshot at a time
  const schedule = createSchedule(() => save().catch(saveFailed), () => lastExportMs, saveDelay, sinceRequestMs);

  // Open IndexedDB, read the saved record and create the log while the
  // engine compiles.
  const opening = persist && hasIDB
    ? Promise.all([
      idbOpen().then((opened) => { idb = opened; return readSaved(); }),
      useLog ? WriteLog.open(space, tab).catch((err) => { logFailed(err); return null; }) : null,
    ])
    : null;
  opening?.catch(() => {}); // awaited by restore

  // full reports, once, that storage is full; the state stays in memory.
  let reportedFull = false;
  function full() {
    durability = "memory";
    log = null;
    if (reportedFull) return;
    reportedFull = true;
    emit("storage-full", { message: "The browser's storage for this site is full: changes from now on are kept in this tab's memory only. Free some space, or use Data → Export to keep your work." });
  }

  function logFailed(err) {
    if (durability !== "log") return;
    durability = "save";
    log = null;
    if (isQuota(err)) {
      full();
    } else {
      emit("save-error", { message: "The write log stopped working (" + String(err?.message || err) + "); changes are saved a moment after they are made." });
    }
  }

  function saveFailed(err) {
    if (isQuota(err)) {
      full();
    } else {
      emit("save-error", { message: String(err?.message || err) });
    }
  }

  async function readSaved() {
    const out = await idbRun(idb, "readonly", (store, out) => {
      const get = store.get(space);
      get.onsuccess = () => {
        out.record = get.result;
        if (!(out.record?.parts > 0)) return;
        const parts = store.getAll(partsFrom(space, 0), out.record.parts);
        parts.onsuccess = () => { out.parts = parts.result; };
      };
    });
    if (out.parts) out.record.partsData = out.parts;
    return out.record;
  }

  // apply makes the saved record rec, whose snapshot is snapshot
  // (snapshotOf), the current state.
  function apply(rec, snapshot, progress = null) {
    const failed = engine.importSnapshot(snapshot, progress);
    if (failed) throw new Error("ddbplay: the saved state of space " + JSON.stringify(space) + " is unreadable: " + JSON.parse(failed.error).message);
    version = rec.version;
    baseLogs = rec.logs && typeof rec.logs === "object" ? rec.logs : {};
  }

  // exportOnce runs exportInSlices once no other export is under way (the
  // engine writes one at a time), and takes the state then; atStart() runs
  // right before, in the same task.
  function exportOnce(progress, cancelled, atStart = () => {}, asParts = false) {
    const run = exporting.then(() => {
      atStart();
      return exportInSlices(engine, progress, cancelled, asParts);
    });
    exporting = run.catch(() => {});
    return run;
  }

  async function save() {
    if (saving) await saving.catch(() => {});
    if (!dirty || durability === "memory") return;
    saving = (async () => {
      dirty = false;
      schedule.cancel();
      // The snapshot holds the state at exportStart: every logged write up
      // to seq, none after it (they stay in the log).
      let seq = 0;
      const exported = await exportOnce(null, undefined, () => { seq = log ? log.seq : 0; }, true);
      lastExportMs = exported.ms;
      const parts = exported.data;
      const logs = { ...baseLogs };
      for (const d of pendingDead) logs[d.tab] = d.last;
      if (log) logs[tab] = seq;
      const dead = pendingDead;
      const base = version;
      const out = await idbRun(idb, "readwrite", (store, out) => {
        const get = store.get(space);
        get.onsuccess = () => {
          const current = get.result ? get.result.version : 0;
          out.version = current + 1;
          out.overwrote = current !== base;
          out.putMs = 0;
          // Each part is a record of its own, put in a task of its own
          // (the last one's success), then the parts of an older, longer
          // snapshot go and the space's record says how many there are:
          // no Blob (whose request to the browser process could hold the
          // worker for 300 ms under load), no put of the whole text.
          let i = 0;
          const next = () => {
            const t0 = performance.now();
            if (i < parts.length) {
              store.put(parts[i], partKey(space, i)).onsuccess = next;
              i++;
            } else {
              store.delete(partsFrom(space, parts.length));
              store.put({ version: out.version, savedAt: Date.now(), tab, parts: parts.length, logs }, space);
            }
            out.putMs = Math.max(out.putMs, performance.now() - t0);
          };
          next();
        };
      });
      version = out.version;
      baseLogs = logs;
      const t1 = performance.now();
      log?.saved(seq);
      const compactMs = performance.now() - t1;
      pendingDead = pendingDead.filter((d) => !dead.includes(d));
      for (const d of dead) await d.remove();
      channel.postMessage({ space, version, tab });
      emit("saved", { version, overwrote: out.overwrote, exportMs: lastExportMs, bytes: exported.bytes,
        holdMs: Math.max(exported.holdMs, out.putMs, compactMs), slices: exported.slices,
        holds: { ...exported.holds, put: out.putMs, compact: compactMs } });
    })();
    try {
      await saving;
    } catch (err) {
      dirty = true;
      throw err;
    } finally {
      saving = null;
    }
  }

  const busy = () => dirty || saving || schedule.armed();

  async function onBroadcast(msg) {
    if (!msg || msg.tab === tab || msg.space !== space || msg.version <= version) return;
    if (!busy()) {
      const rec = await readSaved();
      const snapshot = rec && rec.version > version && !busy() ? await snapshotOf(rec) : null;
      if (snapshot !== null && rec.version > version && !busy()) {
        apply(rec, snapshot);
        emit("external-change", { version });
        return;
      }
      if (!rec || rec.version <= version) return;
    }
    emit("conflict", { version: msg.version });
  }

  // replay runs the logged records of a gone tab; it returns how many
  // failed.
  function replay(records) {
    let failed = 0;
    // Writes that were accepted once are not throttled again.
    const throttled = records.length > 0 && engine.settings && JSON.parse(engine.settings(null, null)).throttle;
    if (throttled) engine.settings(false, null);
    // Tables (and indexes) created by replayed writes are ACTIVE at once:
    // the writes that follow them in the log were accepted once they were.
    if (engine.restoring) engine.restoring(true);
    try {
      failed = replayAll(records);
    } finally {
      if (throttled) engine.settings(true, null);
      if (engine.restoring) engine.restoring(false);
    }
    return failed;
  }

  function replayAll(records) {
    let failed = 0;
    for (const r of records) {
      if (r.op === ADVANCE) {
        engine.advanceClock(Number(r.body));
        continue;
      }
      const out = engine.handle(r.op, r.body);
      if (typeof out !== "string") failed++;
    }
    return failed;
  }

  return {
    tab,
    // restore imports the saved state and replays the logs of gone tabs
    // into the running engine.
    async restore(startedEngine, progress) {
      engine = startedEngine;
      const info = { restored: false, restoreError: null, version: 0, durability, recovered: { writes: 0, failed: 0 } };
      if (!opening) return info;
      const [rec, opened] = await opening;
      log = opened;
      if (rec) {
        try {
          apply(rec, await snapshotOf(rec), progress);
          info.restored = true;
        } catch (err) {
          // Keep the unreadable state under "<space>#unreadable" and start
          // empty; the next save replaces the space's record.
          info.restoreError = String(err.message || err);
          version = rec.version;
          const { partsData, ...kept } = rec;
          if (partsData) Object.assign(kept, { snapshot: concat(partsData), parts: 0 });
          await idbRun(idb, "readwrite", (store) => store.put(kept, space + "#unreadable"));
        }
      }
      if (log) {
        const { dead, live } = await deadLogs(space, log.name);
        // Entries of logs that no longer exist are not needed.
        baseLogs = Object.fromEntries(Object.entries(baseLogs).filter(([t]) => live.includes(t) || dead.some((d) => d.tab === t)));
        for (const d of dead) {
          const from = baseLogs[d.tab] ?? 0;
          const todo = d.records.filter((r) => r.seq > from);
          d.last = d.records.length ? Math.max(from, d.records.at(-1).seq) : from;
          info.recovered.writes += todo.length;
          info.recovered.failed += replay(todo);
        }
        pendingDead = dead;
        if (info.recovered.writes > 0) {
          dirty = true;
          info.restored = true;
        }
      }
      channel = new BroadcastChannel("ddbplay:" + space);
      channel.onmessage = (e) => { onBroadcast(e.data).catch(saveFailed); };
      if (dirty) await save().catch(saveFailed);
      else if (pendingDead.length) {
        for (const d of pendingDead) await d.remove();
        pendingDead = [];
      }
      info.version = version;
      info.durability = durability;
      return info;
    },
    // wrote records a call that changed the state (op and body as
    // strings, or as UTF-8 bytes): in the log when ok, then schedules a
    // save. Not ok: a failed call (it changed the state only by its TTL
    // sweep, which replaying redoes) or a BatchWriteItem that was partly
    // throttled (its request would replay whole): the save keeps it.
    wrote(op, body, ok = true) {
      if (durability === "memory") return;
      if (log && ok) {
        try {
          log.append(op, body);
        } catch (err) {
          logFailed(err);
        }
      }
      dirty = true;
      schedule.wrote();
    },
    // group runs fn, whose writes go to the write log together, with one
    // write to its file when fn returns (group commit: a batch of queued
    // calls), and returns fn's result: their answers are sent after.
    group(fn) {
      const l = log;
      if (!l) return fn();
      l.begin();
      try {
        return fn();
      } finally {
        try {
          l.commit();
        } catch (err) {
          logFailed(err);
        }
      }
    },
    // advanced records an advanceClock that deleted items.
    advanced(seconds) {
      this.wrote(ADVANCE, String(seconds));
    },
    // replaced saves a state that replaced everything (import, reset) at
    // once; the save makes the log's earlier records moot.
    async replaced() {
      if (durability === "memory") return;
      dirty = true;
      await save();
    },
    // exportSnapshot resolves with the state as it is now as a snapshot
    // (its UTF-8 text: a Blob, or a Uint8Array when small), written in
    // slices between which the engine serves requests (progress(done,
    // total) hears of the bytes), or with null once cancelled() says so.
    async exportSnapshot(progress, cancelled) {
      return (await exportOnce(progress, cancelled))?.data ?? null;
    },
    // flush resolves once every write is in a saved snapshot.
    async flush() {
      if (durability !== "memory" && (dirty || saving)) await save();
    },
    durability: () => durability,
    // waiting reports whether the store has work for the worker's event
    // loop: a save due or under way.
    waiting: () => !!saving || schedule.armed(),
  };
}

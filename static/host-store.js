// Where the engine host keeps a space (engine-worker.js): the saved
// snapshot in IndexedDB, this tab's write log in the origin private file
// system (write-log.js), and the other tabs of the space.
//
// A write is durable once acknowledged: the host appends it to the write log
// before answering. Snapshots compact the log: a save (save-schedule.js
// decides when) exports the state, in slices of a few milliseconds between
// which the engine serves requests (exportInSlices), and writes it to the
// IndexedDB database "ddbplay", object store "spaces", key = space name, as
// {version, savedAt, tab, snapshot, logs} (snapshot: a Blob of the
// snapshot's UTF-8 text; a string in records saved before) in one
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

// SLICE_MS is how long one slice of a save's export holds the engine:
// between slices the worker's event loop runs, and with it the page's
// requests (a poke serves the shared lane).
const SLICE_MS = 2;

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

// exportInSlices writes a snapshot of the engine's state as it is now
// (exportStart takes it at once: copy-on-write clones of the tables) in
// slices of about SLICE_MS, letting other tasks run in between. It
// resolves with {blob: the snapshot's UTF-8 text, ms: the slices' total,
// holdMs: the longest hold, holdGoMs: that slice's time inside the engine
// by Go's clock, startMs: exportStart's, slices}. Each slice's
// text goes into a Blob of its own at once: nothing holds the engine for
// the length of the whole text (a string of it would be decoded, and
// cloned into IndexedDB, in one go: 100 ms for 4 MB).
async function exportInSlices(engine) {
  let t0 = performance.now();
  const failedWith = (r) => new Error(JSON.parse(r.error).message);
  const started = engine.exportStart();
  if (started) throw failedWith(started);
  let ms = performance.now() - t0;
  const startMs = ms;
  let holdMs = 0;
  let holdGoMs = 0; // the longest slice's time inside exportStep, by Go's clock
  const parts = [];
  for (let slices = 1; ; slices++) {
    // The first slice runs on from exportStart: a small state is saved
    // at once.
    if (slices > 1) {
      await nextTask();
      t0 = performance.now();
    }
    const r = engine.exportStep(slices > 1 ? SLICE_MS : Math.max(SLICE_MS - ms, 0.1));
    if (!Array.isArray(r)) throw failedWith(r);
    parts.push(new Blob([r[0]]));
    const took = performance.now() - t0;
    ms += slices > 1 ? took : took - startMs;
    if (took >= holdMs) holdGoMs = r[2];
    holdMs = Math.max(holdMs, took);
    if (!r[1]) continue;
    t0 = performance.now();
    const blob = new Blob(parts, { type: "application/json" });
    holdMs = Math.max(holdMs, performance.now() - t0);
    return { blob, ms, holdMs, holdGoMs, startMs, slices };
  }
}

// snapshotOf returns the snapshot of a saved record as the engine imports
// it: the text (records saved before snapshots were kept as a Blob), or
// its UTF-8 bytes.
async function snapshotOf(rec) {
  const s = rec.snapshot;
  return typeof Blob !== "undefined" && s instanceof Blob ? new Uint8Array(await s.arrayBuffer()) : s;
}

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
      get.onsuccess = () => { out.record = get.result; };
    });
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

  async function save() {
    if (saving) await saving.catch(() => {});
    if (!dirty || durability === "memory") return;
    saving = (async () => {
      dirty = false;
      schedule.cancel();
      // The snapshot holds the state at exportStart: every logged write up
      // to seq, none after it (they stay in the log).
      const seq = log ? log.seq : 0;
      const exported = await exportInSlices(engine);
      lastExportMs = exported.ms;
      const snapshot = exported.blob;
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
          const t0 = performance.now();
          store.put({ version: out.version, savedAt: Date.now(), tab, snapshot, logs }, space);
          out.putMs = performance.now() - t0;
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
      emit("saved", { version, overwrote: out.overwrote, exportMs: lastExportMs, bytes: snapshot.size,
        holdMs: Math.max(exported.holdMs, out.putMs, compactMs), slices: exported.slices,
        holds: { start: exported.startMs, slice: exported.holdMs, sliceGo: exported.holdGoMs, put: out.putMs,
          compact: compactMs } });
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
          await idbRun(idb, "readwrite", (store) => store.put(rec, space + "#unreadable"));
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

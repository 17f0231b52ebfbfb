// Where the engine host keeps a space (engine-worker.js): the saved
// snapshot in IndexedDB (space-records.js), this tab's write log in the
// origin private file system (write-log.js), and the other tabs of the
// space. This module owns what is saved when and what a version means;
// save-schedule.js times the saves, snapshot-export.js writes a snapshot
// in slices.
//
// A write is durable once acknowledged: the host appends it to the write log
// before answering. Snapshots compact the log: a save exports the state, in
// slices of 64 KB between which the engine serves requests, and writes it
// to IndexedDB as the space's record {version, savedAt, tab, parts, logs}
// and the snapshot's parts, atomically, version + 1 (space-records.js).
// logs maps each tab's log
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
import { exportInSlices, warmExport } from "./snapshot-export.js";
import { openRecords, readSaved, writeSaved, keepUnreadable, snapshotOf } from "./space-records.js";

// ADVANCE is the log's name for advanceClock (not a DynamoDB operation).
const ADVANCE = "$advanceClock";

const isQuota = (err) => err?.name === "QuotaExceededError";

// replay runs the logged records of a gone tab in engine; it returns how
// many failed.
function replay(engine, records) {
  // Writes that were accepted once are not throttled again.
  const throttled = records.length > 0 && engine.settings && JSON.parse(engine.settings(null, null)).throttle;
  if (throttled) engine.settings(false, null);
  // Tables (and indexes) created by replayed writes are ACTIVE at once:
  // the writes that follow them in the log were accepted once they were.
  if (engine.restoring) engine.restoring(true);
  let failed = 0;
  try {
    for (const r of records) {
      if (r.op === ADVANCE) {
        engine.advanceClock(Number(r.body));
        continue;
      }
      const out = engine.handle(r.op, r.body);
      if (typeof out !== "string") failed++;
    }
  } finally {
    if (throttled) engine.settings(true, null);
    if (engine.restoring) engine.restoring(false);
  }
  return failed;
}

// recoverLogs replays into engine the logs of space's tabs that are gone
// (deadLogs; logName is this tab's log) after what the saved snapshot
// holds of each (baseLogs, the saved record's logs). It resolves with
// {dead: those logs, each with last: its last record the state now holds,
// baseLogs: baseLogs without the tabs whose logs no longer exist, writes,
// failed: how many were replayed and failed}.
async function recoverLogs(engine, space, logName, baseLogs) {
  const { dead, live } = await deadLogs(space, logName);
  // Entries of logs that no longer exist are not needed.
  baseLogs = Object.fromEntries(Object.entries(baseLogs).filter(([t]) => live.includes(t) || dead.some((d) => d.tab === t)));
  let writes = 0, failed = 0;
  for (const d of dead) {
    const from = baseLogs[d.tab] ?? 0;
    const todo = d.records.filter((r) => r.seq > from);
    d.last = d.records.length ? Math.max(from, d.records.at(-1).seq) : from;
    writes += todo.length;
    failed += replay(engine, todo);
  }
  return { dead, baseLogs, writes, failed };
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
  let exporting = Promise.resolve(); // the engine writes one snapshot at a time
  const schedule = createSchedule(() => save().catch(saveFailed), () => lastExportMs, saveDelay, sinceRequestMs);

  // Open IndexedDB, read the saved record and create the log while the
  // engine compiles.
  const opening = persist && hasIDB
    ? Promise.all([
      openRecords().then((opened) => { idb = opened; return readSaved(idb, space); }),
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
      const logs = { ...baseLogs };
      for (const d of pendingDead) logs[d.tab] = d.last;
      if (log) logs[tab] = seq;
      const dead = pendingDead;
      const out = await writeSaved(idb, space, { parts: exported.data, base: version, tab, logs });
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

  // onBroadcast hears of another tab's save: this tab takes it when it has
  // nothing unsaved, else says it will overwrite it.
  async function onBroadcast(msg) {
    if (!msg || msg.tab === tab || msg.space !== space || msg.version <= version) return;
    if (!busy()) {
      const rec = await readSaved(idb, space);
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

  return {
    tab,
    // restore imports the saved state and replays the logs of gone tabs
    // into the running engine.
    async restore(startedEngine, progress) {
      engine = startedEngine;
      const info = { restored: false, restoreError: null, version: 0, durability, recovered: { writes: 0, failed: 0 } };
      if (!opening) return info;
      // The engine is empty yet: its export's first run goes here, before
      // any request, not in the first save (warmExport).
      const w0 = performance.now();
      info.warm = { ok: warmExport(engine), ms: performance.now() - w0 };
      const [rec, opened] = await opening;
      info.openedAt = performance.now(); // storage open (init's timeline)
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
          await keepUnreadable(idb, space, rec);
        }
      }
      if (log) {
        const r = await recoverLogs(engine, space, log.name, baseLogs);
        baseLogs = r.baseLogs;
        pendingDead = r.dead;
        info.recovered = { writes: r.writes, failed: r.failed };
        if (r.writes > 0) {
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

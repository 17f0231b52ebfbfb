// Where the engine host keeps a space (engine-worker.js): the saved
// snapshot in IndexedDB (space-records.js), this tab's write log in the
// origin private file system (write-log.js), and the other tabs of the
// space. This module owns opening and restoring a space, its write log's
// use and the other tabs' saves; space-saver.js saves it (timed by
// save-schedule.js, written in slices by snapshot-export.js).
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
import { warmExport } from "./snapshot-export.js";
import { openRecords, readSaved, keepUnreadable, snapshotOf } from "./space-records.js";
import { createSaver } from "./space-saver.js";

// ADVANCE is the log's name for advanceClock (not a DynamoDB operation).
const ADVANCE = "$advanceClock";


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
  const hasIDB = typeof indexedDB !== "undefined";
  const useLog = persist && hasIDB && inWorker && logsAvailable();
  // The space's state, which the saver (space-saver.js) reads and moves on.
  const sp = {
    space,
    tab: Math.random().toString(36).slice(2) + Date.now().toString(36),
    engine: null,
    idb: null,
    log: null, // this tab's write log (write-log.js), or null
    channel: null, // the space's BroadcastChannel
    durability: !persist || !hasIDB ? "memory" : useLog ? "log" : "save",
    version: 0, // the saved version this state is based on
    baseLogs: {}, // the logs map of that version
    pendingDead: [], // replayed logs of gone tabs, deleted after the next save
  };
  const saver = createSaver(sp, { saveDelay, sinceRequestMs }, emit);

  // Open IndexedDB, read the saved record and create the log while the
  // engine compiles.
  const opening = persist && hasIDB
    ? Promise.all([
      openRecords().then((opened) => { sp.idb = opened; return readSaved(sp.idb, space); }),
      useLog ? WriteLog.open(space, sp.tab).catch((err) => { saver.logFailed(err); return null; }) : null,
    ])
    : null;
  opening?.catch(() => {}); // awaited by restore

  // apply makes the saved record rec, whose snapshot is snapshot
  // (snapshotOf), the current state.
  function apply(rec, snapshot, progress = null) {
    const failed = sp.engine.importSnapshot(snapshot, progress);
    if (failed) throw new Error("ddbplay: the saved state of space " + JSON.stringify(space) + " is unreadable: " + JSON.parse(failed.error).message);
    sp.version = rec.version;
    sp.baseLogs = rec.logs && typeof rec.logs === "object" ? rec.logs : {};
  }

  // onBroadcast hears of another tab's save: this tab takes it when it has
  // nothing unsaved, else says it will overwrite it.
  async function onBroadcast(msg) {
    if (!msg || msg.tab === sp.tab || msg.space !== space || msg.version <= sp.version) return;
    if (!saver.busy()) {
      const rec = await readSaved(sp.idb, space);
      const snapshot = rec && rec.version > sp.version && !saver.busy() ? await snapshotOf(rec) : null;
      if (snapshot !== null && rec.version > sp.version && !saver.busy()) {
        apply(rec, snapshot);
        emit("external-change", { version: sp.version });
        return;
      }
      if (!rec || rec.version <= sp.version) return;
    }
    emit("conflict", { version: msg.version });
  }

  return {
    tab: sp.tab,
    // restore imports the saved state and replays the logs of gone tabs
    // into the running engine.
    async restore(startedEngine, progress) {
      const engine = sp.engine = startedEngine;
      const info = { restored: false, restoreError: null, version: 0, durability: sp.durability, recovered: { writes: 0, failed: 0 } };
      if (!opening) return info;
      // The engine is empty yet: its export's first run goes here, before
      // any request, not in the first save (warmExport).
      const w0 = performance.now();
      info.warm = { ok: warmExport(engine), ms: performance.now() - w0 };
      const [rec, opened] = await opening;
      info.openedAt = performance.now(); // storage open (init's timeline)
      sp.log = opened;
      if (rec) {
        try {
          apply(rec, await snapshotOf(rec), progress);
          info.restored = true;
        } catch (err) {
          // Keep the unreadable state under "<space>#unreadable" and start
          // empty; the next save replaces the space's record.
          info.restoreError = String(err.message || err);
          sp.version = rec.version;
          await keepUnreadable(sp.idb, space, rec);
        }
      }
      if (sp.log) {
        const r = await recoverLogs(engine, space, sp.log.name, sp.baseLogs);
        sp.baseLogs = r.baseLogs;
        sp.pendingDead = r.dead;
        info.recovered = { writes: r.writes, failed: r.failed };
        if (r.writes > 0) {
          saver.unsaved();
          info.restored = true;
        }
      }
      sp.channel = new BroadcastChannel("ddbplay:" + space);
      sp.channel.onmessage = (e) => { onBroadcast(e.data).catch(saver.saveFailed); };
      if (saver.pending()) await saver.save().catch(saver.saveFailed);
      else if (sp.pendingDead.length) {
        for (const d of sp.pendingDead) await d.remove();
        sp.pendingDead = [];
      }
      info.version = sp.version;
      info.durability = sp.durability;
      return info;
    },
    // wrote records a call that changed the state (op and body as
    // strings, or as UTF-8 bytes): in the log when ok, then schedules a
    // save. Not ok: a failed call (it changed the state only by its TTL
    // sweep, which replaying redoes) or a BatchWriteItem that was partly
    // throttled (its request would replay whole): the save keeps it.
    wrote(op, body, ok = true) {
      if (sp.durability === "memory") return;
      if (sp.log && ok) {
        try {
          sp.log.append(op, body);
        } catch (err) {
          saver.logFailed(err);
        }
      }
      saver.wrote();
    },
    // group runs fn, whose writes go to the write log together, with one
    // write to its file when fn returns (group commit: a batch of queued
    // calls), and returns fn's result: their answers are sent after.
    group(fn) {
      const l = sp.log;
      if (!l) return fn();
      l.begin();
      try {
        return fn();
      } finally {
        try {
          l.commit();
        } catch (err) {
          saver.logFailed(err);
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
      if (sp.durability === "memory") return;
      saver.unsaved();
      await saver.save();
    },
    // exportSnapshot resolves with the state as it is now as a snapshot
    // (its UTF-8 text: a Blob, or a Uint8Array when small), written in
    // slices between which the engine serves requests (progress(done,
    // total) hears of the bytes), or with null once cancelled() says so.
    async exportSnapshot(progress, cancelled) {
      return (await saver.exportOnce(progress, cancelled))?.data ?? null;
    },
    // flush resolves once every write is in a saved snapshot.
    async flush() {
      if (sp.durability !== "memory" && saver.pending()) await saver.save();
    },
    durability: () => sp.durability,
    // waiting reports whether the store has work for the worker's event
    // loop: a save due or under way.
    waiting: saver.waiting,
  };
}

// space-saver.js — how host-store.js saves a space: when (save-schedule.js
// times it after writes), how (the state exported in slices by
// snapshot-export.js, one export at a time, then written as the space's
// IndexedDB records by space-records.js, the write log's saved records
// dropped, the other tabs told on the space's BroadcastChannel), and what
// a failure does (storage full: the space goes on in memory; the write
// log failing: saves keep the writes). The space's state it reads and
// moves on (version, logs, durability) is host-store.js's.

import { createSchedule } from "./save-schedule.js";
import { exportInSlices } from "./snapshot-export.js";
import { writeSaved } from "./space-records.js";

const isQuota = (err) => err?.name === "QuotaExceededError";

// createSaver returns the saving side of a space. sp is the space's state,
// which createStore owns and both change: {space, tab, engine, idb, log,
// channel, durability, version, baseLogs, pendingDead} (see createStore).
// saveDelay and sinceRequestMs go to the schedule; emit(name, detail)
// sends an event to the page.
export function createSaver(sp, { saveDelay, sinceRequestMs }, emit) {
  let dirty = false; // writes since the last save started
  let saving = null; // the running save's promise
  let lastExportMs = 0;
  let exporting = Promise.resolve(); // the engine writes one snapshot at a time
  const schedule = createSchedule(() => save().catch(saveFailed), () => lastExportMs, saveDelay, sinceRequestMs);

  // full reports, once, that storage is full; the state stays in memory.
  let reportedFull = false;
  function full() {
    sp.durability = "memory";
    sp.log = null;
    if (reportedFull) return;
    reportedFull = true;
    emit("storage-full", { message: "The browser's storage for this site is full: changes from now on are kept in this tab's memory only. Free some space, or use Data → Export to keep your work." });
  }

  function logFailed(err) {
    if (sp.durability !== "log") return;
    sp.durability = "save";
    sp.log = null;
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

  // exportOnce runs exportInSlices once no other export is under way (the
  // engine writes one at a time), and takes the state then; atStart() runs
  // right before, in the same task.
  function exportOnce(progress, cancelled, atStart = () => {}, asParts = false) {
    const run = exporting.then(() => {
      atStart();
      return exportInSlices(sp.engine, progress, cancelled, asParts);
    });
    exporting = run.catch(() => {});
    return run;
  }

  async function save() {
    if (saving) await saving.catch(() => {});
    if (!dirty || sp.durability === "memory") return;
    saving = (async () => {
      dirty = false;
      schedule.cancel();
      // The snapshot holds the state at exportStart: every logged write up
      // to seq, none after it (they stay in the log).
      let seq = 0;
      const exported = await exportOnce(null, undefined, () => { seq = sp.log ? sp.log.seq : 0; }, true);
      lastExportMs = exported.ms;
      const logs = { ...sp.baseLogs };
      for (const d of sp.pendingDead) logs[d.tab] = d.last;
      if (sp.log) logs[sp.tab] = seq;
      const dead = sp.pendingDead;
      const out = await writeSaved(sp.idb, sp.space, { parts: exported.data, base: sp.version, tab: sp.tab, logs });
      sp.version = out.version;
      sp.baseLogs = logs;
      const t1 = performance.now();
      sp.log?.saved(seq);
      const compactMs = performance.now() - t1;
      sp.pendingDead = sp.pendingDead.filter((d) => !dead.includes(d));
      for (const d of dead) await d.remove();
      sp.channel.postMessage({ space: sp.space, version: sp.version, tab: sp.tab });
      emit("saved", { version: sp.version, overwrote: out.overwrote, exportMs: lastExportMs, bytes: exported.bytes,
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

  return {
    // save saves the state if anything is unsaved (after the save under
    // way, if any).
    save,
    exportOnce,
    logFailed,
    saveFailed,
    // wrote notes a write: the state is unsaved, and a save is scheduled.
    wrote() {
      dirty = true;
      schedule.wrote();
    },
    // unsaved marks the state unsaved (the next save writes it).
    unsaved() {
      dirty = true;
    },
    // pending reports whether anything is unsaved or being saved.
    pending: () => dirty || saving !== null,
    // busy reports whether this tab has writes not saved yet, or a save due
    // or under way (another tab's save is then not taken).
    busy: () => dirty || saving !== null || schedule.armed(),
    // waiting reports whether a save is due or under way (work for the
    // worker's event loop).
    waiting: () => saving !== null || schedule.armed(),
  };
}

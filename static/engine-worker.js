// ddbplay's engine host: loads Go's wasm_exec.js and ddbplay.wasm, answers
// requests, and keeps the state of a "space" in IndexedDB.
//
// Loaded as a module Web Worker by ddbplay.js (the default), it answers the
// page's messages; imported into a page (openPlayground({worker: false})) it
// runs the same host on the page's thread. Never use it directly: use
// ddbplay.js.
//
// Messages, page → host: {id, type, ...}; host → page: {id, ok, result} or
// {id, ok: false, error, status}, plus {type: "progress", id, done, total}
// and {type: "event", name, detail} without a reply.
//   init {space, persist, baseURL, saveDelay, shared} → {restored, restoreError, version, readyMs, phases, shared}
//     shared: a SharedArrayBuffer for the shared lane (shared-channel.js),
//     or absent; the reply's shared says whether the lane is served
//   handle {op, body}                → response body (string)
//   batch {calls: [[op, body], …]}   → [{ok, body} | {ok: false, error, status}, …]
//   export                           → snapshot text
//   import {text}                    → null (progress messages while it runs)
//   reset                            → null
//   advanceClock {seconds}           → number of items deleted by TTL expiry
//   clock {action, value}            → the virtual clock's state (JSON text); action
//                                      "", "pause", "resume", "step" (seconds) or "speed"
//   settings {throttle, replicaLagMs} → the large-table settings (JSON text)
//   capacity {table}                 → partitions and metrics (JSON text; "" for all tables)
//   partition {table, index, key}    → the partition holding partition-key value key (JSON text)
//   load {spec, prev}                → a slice of generated load (loadgen.js runLoad); saved
//                                      once a slice with spec.last comes
//   flush                            → null once the last write is saved
//   poke                             → no reply: serve the shared lane
//   (host → page: {type: "lane-done"}: the shared lane has the answer the
//   page awaits)
//
// Persistence (persist: true): after a write the state is saved to the
// IndexedDB database "ddbplay", object store "spaces", key = space name,
// value {version, savedAt, tab, snapshot}. Saves are debounced (SAVE_DELAY
// after the last write, at most SAVE_MAX_DELAY after the first unsaved
// one; both at least 4 × the last export's duration, so that exporting a
// large state takes at most a fifth of the worker's time). A save reads the
// record and writes version + 1 in one readwrite transaction, so a save is
// atomic and the last complete save wins. After
// it, the host announces {space, version, tab} on the BroadcastChannel
// "ddbplay:<space>". A host that hears of a newer version than the one it
// loaded or saved last reloads it if it has no unsaved writes (event
// "external-change"); with unsaved writes it keeps its own state, which
// overwrites the other tab's on its next save (event "conflict"). A saved
// state that no longer imports (restoreError) is kept under the key
// "<space>#unreadable" and the space starts empty.

import { serveSharedLane } from "./shared-channel.js";
import { runLoad } from "./loadgen.js";

const SAVE_DELAY = 200; // ms after the last write (init's saveDelay changes it)
const SAVE_MAX_DELAY = 1000; // ms after the first unsaved write, or saveDelay if larger
const PROGRESS_INTERVAL = 50; // ms between progress messages

const DB_NAME = "ddbplay";
const STORE = "spaces";

// compiling holds the compilation of ddbplay.wasm next to this file, started
// as soon as the worker loads (before the page's init message arrives).
let compiling = null;

function compile(url) {
  return WebAssembly.compileStreaming(fetch(url)).catch(async () => {
    // A server without application/wasm: compile from bytes instead.
    const res = await fetch(url);
    if (!res.ok) throw new Error(`ddbplay: cannot load ${url}: HTTP ${res.status}`);
    return WebAssembly.compile(await res.arrayBuffer());
  });
}

// startEngine loads the Go engine from baseURL and returns its functions
// (handle, exportSnapshot, importSnapshot, reset; see wasm/main.go) and the
// milliseconds its phases took. handle(op, body) returns the response body
// string, or {error, status} with DynamoDB's error body.
export async function startEngine(baseURL) {
  const t0 = performance.now();
  const url = new URL("ddbplay.wasm", baseURL).href;
  const module = compiling && compiling.url === url ? compiling.module : compile(url);
  if (typeof globalThis.Go !== "function") {
    await import(new URL("wasm_exec.js", baseURL).href);
  }
  const go = new globalThis.Go();
  const instance = await WebAssembly.instantiate(await module, go.importObject);
  const t1 = performance.now();
  go.run(instance); // runs main until it blocks, which publishes ddbplayEngine
  const rare = globalThis.ddbplayEngine;
  delete globalThis.ddbplayEngine;
  if (!rare) throw new Error("ddbplay: the engine did not start");
  const ex = instance.exports;
  const engine = {
    ...rare,
    handle: exportedHandle(ex),
    handleBytes: exportedHandleBytes(ex),
    handleQuiet: exportedHandleQuiet(ex),
    // wrote() → whether the last handle or handleBytes changed the state
    wrote: () => ex.ddbplay_wrote() !== 0,
    // importSnapshot(text, progress) → null, or {error, status}
    importSnapshot: (text, progress) => rare.importSnapshot(writeInput(ex, text)[0], progress),
  };
  return { engine, loadMs: t1 - t0, runMs: performance.now() - t1 };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// writeInput writes the texts one after another as UTF-8 into the engine's
// input buffer and returns their lengths in bytes.
function writeInput(ex, ...texts) {
  const units = texts.reduce((n, t) => n + t.length, 0);
  let room = units + (units >> 3) + 64; // mostly ASCII: try a little more than the length
  for (;;) {
    const start = ex.ddbplay_input(room); // may grow the memory: take its buffer after
    const view = new Uint8Array(ex.mem.buffer, start, room);
    const lengths = [];
    let at = 0;
    for (const t of texts) {
      const { read, written } = encoder.encodeInto(t, view.subarray(at));
      if (read < t.length) break;
      lengths.push(written);
      at += written;
    }
    if (lengths.length === texts.length) return lengths;
    room = 3 * units; // UTF-8 needs at most 3 bytes per UTF-16 unit
  }
}

// exportedHandle returns handle(op, body) → response body string, or
// {error, status}, calling the engine's WebAssembly exports (see
// wasm/main.go).
function exportedHandle(ex) {
  return (op, body) => {
    const [opLen, bodyLen] = writeInput(ex, op, body);
    const n = ex.ddbplay_handle(opLen, bodyLen);
    // The call may have grown the memory: take a fresh view.
    const at = ex.ddbplay_output();
    const text = decoder.decode(new Uint8Array(ex.mem.buffer, at, n));
    const status = ex.ddbplay_status();
    return status === 200 ? text : { error: text, status };
  };
}

// exportedHandleQuiet returns handleQuiet(op, body) → null on success, or
// {error, status}: handle without reading a successful answer (the load
// generator's requests).
function exportedHandleQuiet(ex) {
  return (op, body) => {
    const [opLen, bodyLen] = writeInput(ex, op, body);
    const n = ex.ddbplay_handle(opLen, bodyLen);
    const status = ex.ddbplay_status();
    if (status === 200) return null;
    return { error: decoder.decode(new Uint8Array(ex.mem.buffer, ex.ddbplay_output(), n)), status };
  };
}

// exportedHandleBytes returns handleBytes(src, opLen, bodyLen) → {status,
// out}: like handle, with the operation name and body as UTF-8 bytes at the
// start of src, and the answer as a view of the engine's memory (valid until
// the next call).
function exportedHandleBytes(ex) {
  return (src, opLen, bodyLen) => {
    const n = opLen + bodyLen;
    const start = ex.ddbplay_input(n);
    new Uint8Array(ex.mem.buffer, start, n).set(src.subarray(0, n));
    const len = ex.ddbplay_handle(opLen, bodyLen);
    return { status: ex.ddbplay_status(), out: new Uint8Array(ex.mem.buffer, ex.ddbplay_output(), len) };
  };
}

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

// createHost returns a host; emit(message) delivers messages without a reply
// (progress, events).
export function createHost(emit) {
  let engine = null;
  let space = "default";
  let persist = false;
  let idb = null;
  let channel = null;
  const tab = Math.random().toString(36).slice(2) + Date.now().toString(36);
  let version = 0; // the saved version this state is based on
  let dirty = false; // writes since the last save started
  let firstDirtyAt = 0;
  let timer = 0;
  let timerDue = 0; // when timer fires (performance.now() time)
  let saving = null; // the running save's promise
  let saveDelay = SAVE_DELAY;
  let saveMaxDelay = SAVE_MAX_DELAY;
  let lastExportMs = 0; // how long the last save's export took

  const event = (name, detail) => emit({ type: "event", name, detail });

  function markDirty() {
    if (!persist) return;
    const now = performance.now();
    if (!dirty) firstDirtyAt = now;
    dirty = true;
    // A large state takes long to export, which holds up requests: keep
    // saving to at most a fifth of the time by spacing saves out.
    const maxDelay = Math.max(saveMaxDelay, 4 * lastExportMs);
    const due = Math.min(now + Math.max(saveDelay, 4 * lastExportMs), firstDirtyAt + maxDelay);
    // Keep an armed timer that fires no later (re-arming it at every write
    // once the deadline is reached would put the save off for ever).
    if (timer && due >= timerDue - 1 && due <= timerDue) return;
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => { timer = 0; save().catch((err) => event("save-error", { message: String(err) })); }, Math.max(0, due - now));
  }

  async function save() {
    if (saving) await saving.catch(() => {});
    if (!dirty) return;
    saving = (async () => {
      dirty = false;
      const t0 = performance.now();
      const text = engine.exportSnapshot();
      lastExportMs = performance.now() - t0;
      if (typeof text !== "string") throw new Error(JSON.parse(text.error).message);
      const base = version;
      const out = await idbRun(idb, "readwrite", (store, out) => {
        const get = store.get(space);
        get.onsuccess = () => {
          const current = get.result ? get.result.version : 0;
          out.version = current + 1;
          out.overwrote = current !== base;
          store.put({ version: out.version, savedAt: Date.now(), tab, snapshot: text }, space);
        };
      });
      version = out.version;
      channel.postMessage({ space, version, tab });
      event("saved", { version, overwrote: out.overwrote, exportMs: lastExportMs, chars: text.length });
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

  async function readSaved() {
    const out = await idbRun(idb, "readonly", (store, out) => {
      const get = store.get(space);
      get.onsuccess = () => { out.record = get.result; };
    });
    return out.record;
  }

  // apply makes the saved record rec the current state.
  // progressTo returns a progress callback that reports to the request id,
  // at most every PROGRESS_INTERVAL ms and at the end.
  function progressTo(id) {
    let last = 0;
    return (done, total) => {
      const now = performance.now();
      if (done === total || now - last >= PROGRESS_INTERVAL) {
        last = now;
        emit({ type: "progress", id, done, total });
      }
    };
  }

  function apply(rec, progress = null) {
    const failed = engine.importSnapshot(rec.snapshot, progress);
    if (failed) throw new Error("ddbplay: the saved state of space " + JSON.stringify(space) + " is unreadable: " + JSON.parse(failed.error).message);
    version = rec.version;
  }

  const busy = () => dirty || saving || timer;

  async function onBroadcast(msg) {
    if (!msg || msg.tab === tab || msg.space !== space || msg.version <= version) return;
    if (!busy()) {
      const rec = await readSaved();
      if (rec && rec.version > version && !busy()) {
        apply(rec);
        event("external-change", { version });
        return;
      }
      if (!rec || rec.version <= version) return;
    }
    event("conflict", { version: msg.version });
  }

  function call(op, body) {
    const r = engine.handle(op, body);
    if (engine.wrote()) markDirty();
    return r;
  }

  // callBytes is call with the operation and body as UTF-8 bytes (the
  // shared lane).
  function callBytes(bytes, opLen, bodyLen) {
    const r = engine.handleBytes(bytes, opLen, bodyLen);
    if (engine.wrote()) markDirty();
    return r;
  }

  let lane = null; // the shared lane's worker end, when the page has one
  let loadWrote = false; // a load's slices wrote and its last slice has not come yet

  const handlers = {
    async init(msg) {
      const t0 = performance.now();
      space = String(msg.space ?? "default");
      persist = !!msg.persist && typeof indexedDB !== "undefined";
      if (msg.saveDelay >= 0) {
        saveDelay = msg.saveDelay;
        saveMaxDelay = Math.max(SAVE_MAX_DELAY, saveDelay);
      }
      // Open and read the saved state while the engine compiles and starts.
      const saved = persist ? idbOpen().then((opened) => { idb = opened; return readSaved(); }) : null;
      saved?.catch(() => {}); // awaited below
      const started = await startEngine(msg.baseURL);
      engine = started.engine;
      const t1 = performance.now();
      let restored = false;
      let restoreError = null;
      if (persist) {
        const rec = await saved;
        if (rec) {
          try {
            apply(rec, progressTo(msg.id));
            restored = true;
          } catch (err) {
            // Keep the unreadable state under "<space>#unreadable" and start
            // empty; the next save replaces the space's record.
            restoreError = String(err.message || err);
            version = rec.version;
            await idbRun(idb, "readwrite", (store) => store.put(rec, space + "#unreadable"));
          }
        }
        channel = new BroadcastChannel("ddbplay:" + space);
        channel.onmessage = (e) => { onBroadcast(e.data).catch((err) => event("save-error", { message: String(err) })); };
      }
      const shared = typeof SharedArrayBuffer === "function" && msg.shared instanceof SharedArrayBuffer;
      if (shared) lane = serveSharedLane(msg.shared, callBytes, emit);
      const t2 = performance.now();
      return { restored, restoreError, version, persist, readyMs: t2 - t0, shared,
        phases: { load: started.loadMs, run: started.runMs, restore: t2 - t1 } };
    },
    handle(msg) {
      return call(msg.op, msg.body);
    },
    batch(msg) {
      return msg.calls.map(([op, body]) => call(op, body));
    },
    export() {
      return engine.exportSnapshot();
    },
    // time runs op rounds × perRound times directly on the engine and
    // returns each round's mean milliseconds per call (benchmarks).
    time(msg) {
      const means = [];
      for (let r = 0; r < msg.rounds; r++) {
        const t0 = performance.now();
        for (let i = 0; i < msg.perRound; i++) engine.handle(msg.op, msg.body);
        means.push((performance.now() - t0) / msg.perRound);
      }
      return means;
    },
    import(msg) {
      const failed = engine.importSnapshot(msg.text, progressTo(msg.id));
      if (failed) return failed;
      markDirty();
      return null;
    },
    async reset() {
      engine.reset();
      if (persist) {
        dirty = true;
        clearTimeout(timer);
        timer = 0;
        await save();
      }
      return null;
    },
    advanceClock(msg) {
      const expired = engine.advanceClock(msg.seconds);
      if (expired > 0) markDirty();
      return expired;
    },
    clock(msg) {
      return engine.clock(String(msg.action || ""), Number(msg.value) || 0);
    },
    settings(msg) {
      return engine.settings(msg.throttle ?? null, msg.replicaLagMs ?? null);
    },
    capacity(msg) {
      return engine.capacity(String(msg.table || ""));
    },
    partition(msg) {
      return engine.partition(String(msg.table || ""), String(msg.index || ""), JSON.stringify(msg.key ?? null));
    },
    load(msg) {
      const out = runLoad(engine, msg.spec || {}, msg.prev || null);
      // A load's writes are saved once it ends (spec.last), not after every
      // slice: saving a large table between slices would slow the load.
      if (out.writes > 0) loadWrote = true;
      if (msg.spec && msg.spec.last && loadWrote) {
        loadWrote = false;
        markDirty();
      }
      return out;
    },
    async flush() {
      if (persist && (dirty || saving)) {
        clearTimeout(timer);
        timer = 0;
        await save();
      }
      return null;
    },
  };

  // reply turns a handler's result into the reply message.
  const reply = (msg, result) =>
    result && typeof result === "object" && typeof result.error === "string" && msg.type !== "batch"
      ? { id: msg.id, ok: false, error: result.error, status: result.status }
      : { id: msg.id, ok: true, result };

  let queue = Promise.resolve();
  let queued = 0; // messages in queue not answered yet
  return {
    // beforeMessage serves a shared-lane request that was written before
    // msg was sent, and answers a poke (see shared-channel.js); it returns
    // true when msg needs nothing more.
    beforeMessage(msg) {
      if (!lane) return msg.type === "poke";
      if (msg.type === "poke") {
        lane.poked();
        return true;
      }
      lane.pending();
      return false;
    },
    // handleSync answers a handle message at once (the page-thread path).
    handleSync(op, body) {
      return call(op, body);
    },
    // trySync answers a handle or batch message at once when nothing is
    // queued before it (and the engine runs), or returns null.
    trySync(msg) {
      if (queued > 0 || !engine || (msg.type !== "handle" && msg.type !== "batch")) return null;
      try {
        return reply(msg, handlers[msg.type](msg));
      } catch (err) {
        return { id: msg.id, ok: false, fatal: String(err && err.message || err) };
      }
    },
    // dispatch answers msg in arrival order and resolves with the reply.
    dispatch(msg) {
      const run = async () => {
        try {
          const fn = handlers[msg.type];
          if (!fn) throw new Error("ddbplay: unknown message " + msg.type);
          return reply(msg, await fn(msg));
        } catch (err) {
          return { id: msg.id, ok: false, fatal: String(err && err.message || err) };
        } finally {
          queued--;
        }
      };
      queued++;
      const p = queue.then(run);
      queue = p;
      return p;
    },
  };
}

if (typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope) {
  const url = new URL("ddbplay.wasm", import.meta.url).href;
  compiling = { url, module: compile(url) };
  compiling.module.catch(() => {}); // reported by init
  const host = createHost((m) => postMessage(m));
  onmessage = (e) => {
    if (host.beforeMessage(e.data)) return;
    const now = host.trySync(e.data);
    if (now) postMessage(now);
    else host.dispatch(e.data).then((reply) => postMessage(reply));
  };
}

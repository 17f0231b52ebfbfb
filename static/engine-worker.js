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
//   init {space, persist, baseURL, saveDelay, shared} → {restored, restoreError, version, durability,
//     recovered: {writes, failed}, readyMs, phases, shared}
//     shared: a SharedArrayBuffer for the shared lane (shared-channel.js),
//     or absent; the reply's shared says whether the lane is served
//   handle {op, body}                → response body (string)
//   batch {calls: [[op, body], …]}   → [{ok, body} | {ok: false, error, status}, …]
//   export                           → snapshot (its text: a Blob, or a Uint8Array when small),
//                                      or {cancelled: true}
//                                      (progress messages, in bytes, while it runs)
//   cancel {of}                      → no reply: export request of stops between slices
//   import {text}                    → null (progress messages while it runs)
//   reset                            → null
//   advanceClock {seconds}           → number of items deleted by TTL expiry
//   clock {action, value}            → the virtual clock's state (JSON text); action
//                                      "", "pause", "resume", "step" (seconds) or "speed"
//   settings {throttle, replicaLagMs} → the large-table settings (JSON text)
//   capacity {table}                 → partitions and metrics (JSON text; "" for all tables)
//   partition {table, index, key}    → the partition holding partition-key value key (JSON text)
//   load {request, last}             → a slice of generated load (engine/loadgen, the
//                                      engine's runLoad(request)); the state is saved whole
//                                      once a slice with last comes
//   flush                            → null once the last write is saved
//   poke                             → no reply: serve the shared lane
//   holds                            → {message, lane}: the longest time one message's handler
//                                      (to its first wait) and one lane call held the engine
//                                      since the last holds, {ms, what} each (benchmarks)
//   (host → page: {type: "lane-done"}: the shared lane has the answer the
//   page awaits)
//
// Persistence (persist: true): host-store.js keeps the space — every
// acknowledged write in this tab's write log, snapshots in IndexedDB, the
// other tabs — and save-schedule.js decides when to save a snapshot.
// init's reply says how durable writes are (durability: "log", "save" or
// "memory"); events "saved", "external-change", "conflict", "save-error"
// and "storage-full" tell the page what happened.

const inWorker = typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope;

// starting holds the start of the engine next to this file (startEngine),
// begun as soon as the worker runs: the module compiles and Go starts
// before the page's init message arrives (the page may still be loading
// its own modules then). It begins before this file's own modules load
// (they are imported below, not statically: a static import would hold
// this code back until the worker's whole module graph had loaded). A
// worker the page's head started (engine-start.js, name "ddbplay-early")
// gets the module compiled by the page in a message ({type: "module"});
// any other fetches and compiles it itself.
//
// In the built site this file is also bundled with its modules into one
// content-named file in a folder of its own (internal/sitebuild), which
// defines DDBPLAY_BUNDLE: root, the site's root from that folder, and
// wasm and wasmExec, the content-named ddbplay.wasm and wasm_exec.js
// beside it. url stays the module's plain name, which startEngine's
// caller (the page) knows.
let starting = null;
let fromPage = null; // resolves with the page's module message, for an early worker
if (inWorker) {
  const bundle = typeof DDBPLAY_BUNDLE === "object" ? DDBPLAY_BUNDLE : null;
  const url = new URL("ddbplay.wasm", new URL(bundle?.root ?? ".", import.meta.url)).href;
  const wasmURL = bundle ? new URL(bundle.wasm, import.meta.url).href : url;
  let module;
  let compiledBy = "worker";
  if (globalThis.name === "ddbplay-early") {
    module = new Promise((resolve) => { fromPage = resolve; }).then((m) => {
      if (m) compiledBy = "page";
      return m ?? compile(wasmURL);
    });
  } else {
    module = compile(wasmURL);
  }
  const started = start(module, new URL(bundle?.wasmExec ?? "wasm_exec.js", import.meta.url).href).then((s) => ({ ...s, compiledBy }));
  starting = { url, started };
  starting.started.catch(() => {}); // reported by init
}

// The host's modules: the shared lane and the space's store.
const modules = Promise.all([import("./shared-channel.js"), import("./host-store.js")]);
modules.catch(() => {}); // reported by init

const PROGRESS_INTERVAL = 50; // ms between progress messages

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
// string, or {error, status} with DynamoDB's error body. A start already
// under way from the same place (the worker's own, see starting) is
// taken once; its result says early: true.
export async function startEngine(baseURL) {
  const url = new URL("ddbplay.wasm", baseURL).href;
  if (starting && starting.url === url) {
    const started = starting.started;
    starting = null;
    return { ...(await started), early: true };
  }
  return start(compile(url), new URL("wasm_exec.js", baseURL).href);
}

async function start(module, execURL) {
  const t0 = performance.now();
  if (typeof globalThis.Go !== "function") {
    await import(execURL);
  }
  const go = new globalThis.Go();
  const compiled = await module;
  const tc = performance.now();
  const instance = await WebAssembly.instantiate(compiled, go.importObject);
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
    ...exportedSnapshot(ex),
    // clock(action, value) → the clock's state (JSON text), or {error, status}
    clock(action, value) {
      const n = ex.ddbplay_clock(writeInput(ex, action)[0], value);
      const text = decoder.decode(new Uint8Array(ex.mem.buffer, ex.ddbplay_output(), n));
      return ex.ddbplay_status() === 200 ? text : { error: text, status: ex.ddbplay_status() };
    },
    // importSnapshot(text, progress) → null, or {error, status}; text is
    // a string or UTF-8 bytes (a Uint8Array)
    importSnapshot: (text, progress) => rare.importSnapshot(typeof text === "string" ? writeInput(ex, text)[0] : writeBytes(ex, text), progress),
  };
  // t0: when this start began (the worker's load, for its own start), on
  // the worker's clock; timeOrigin places it on the page's.
  const t2 = performance.now();
  const at = (t) => performance.timeOrigin + t;
  return { engine, loadMs: t1 - t0, runMs: t2 - t1, startedAt: at(t0),
    // when each phase ended, in ms since 1970 (the page subtracts its timeOrigin)
    at: { start: at(t0), compiled: at(tc), instantiated: at(t1), goStarted: at(t2) } };
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

// writeBytes writes bytes into the engine's input buffer and returns their
// length.
function writeBytes(ex, bytes) {
  const start = ex.ddbplay_input(bytes.length); // may grow the memory: take its buffer after
  new Uint8Array(ex.mem.buffer, start, bytes.length).set(bytes);
  return bytes.length;
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

// exportedSnapshot returns the snapshot door (see wasm/main.go):
// exportStart() → the text's estimated length in bytes, or {error,
// status}: begins a snapshot of the state as it is now; exportStep(maxBytes) → {bytes, done}, or {error, status}:
// the next maxBytes or so of its UTF-8 text, a view of the engine's memory
// valid until the next call.
function exportedSnapshot(ex) {
  const failure = (n) => ({ error: decoder.decode(new Uint8Array(ex.mem.buffer, ex.ddbplay_output(), n)), status: ex.ddbplay_status() });
  return {
    exportStart() {
      const n = ex.ddbplay_export_start();
      return ex.ddbplay_status() === 200 ? n : failure(n);
    },
    exportStep(maxBytes) {
      const n = ex.ddbplay_export_step(maxBytes);
      const status = ex.ddbplay_status();
      if (status !== 200 && status !== 206) return failure(n);
      return { bytes: new Uint8Array(ex.mem.buffer, ex.ddbplay_output(), n), done: status === 200 };
    },
  };
}

// partial reports whether a BatchWriteItem answer left items unprocessed
// (throttled): the request then wrote only part of its items.
const partial = (answer) => /"UnprocessedItems":\{"/.test(answer);

const BATCH_WRITE = encoder.encode("BatchWriteItem");

// isBatchWrite reports whether the UTF-8 operation name is BatchWriteItem.
const isBatchWrite = (op) => op.length === BATCH_WRITE.length && op.every((b, i) => b === BATCH_WRITE[i]);

// createHost returns a host; emit(message) delivers messages without a reply
// (progress, events).
export function createHost(emit) {
  let engine = null;
  let store = null;

  const event = (name, detail) => emit({ type: "event", name, detail });

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

  let lastCallAt = 0; // when the last operation ran (performance.now())

  function call(op, body) {
    lastCallAt = performance.now();
    const r = engine.handle(op, body);
    if (engine.wrote()) store.wrote(op, body, typeof r === "string" && !(op === "BatchWriteItem" && partial(r)));
    return r;
  }

  // callBytes is call with the operation and body as UTF-8 bytes (the
  // shared lane).
  function callBytes(bytes, opLen, bodyLen) {
    lastCallAt = performance.now();
    const r = engine.handleBytes(bytes, opLen, bodyLen);
    if (engine.wrote()) {
      lane.mark(5);
      const op = bytes.subarray(0, opLen);
      const ok = r.status === 200 && !(isBatchWrite(op) && partial(decoder.decode(r.out)));
      store.wrote(op, bytes.subarray(opLen, opLen + bodyLen), ok);
      lane.mark(6);
      // Chromium tells its browser process of every write to an OPFS
      // file, which wakes two of its threads for 100 µs or more of work:
      // the worker leaves them its core instead of spinning for the next
      // request (shared-channel.js).
      const logs = store.durability() === "log";
      r.rest = ok && logs;
      lane.logs(logs);
    }
    return r;
  }

  // replaced makes a state that replaced everything durable before the
  // answer; a failed save is reported and the state kept in memory.
  const replaced = () => store.replaced().catch((err) => event("save-error", { message: String(err?.message || err) }));

  let lane = null; // the shared lane's worker end, when the page has one
  let received = 0; // messages from the page other than pokes (see serveSharedLane)
  let loadWrote = false; // a load's slices wrote and its last slice has not come yet
  // The longest time one message's handler (its part before it first
  // waits) held the engine since the last holds message: {ms, what}.
  let longest = { ms: 0, what: "" };
  const held = (what, t0) => {
    const ms = performance.now() - t0;
    if (ms > longest.ms) longest = { ms, what };
  };
  const exports = new Map(); // export id → {cancelled}, while it runs
  const cancel = (id) => { const run = exports.get(id); if (run) run.cancelled = true; };

  const handlers = {
    async init(msg) {
      const t0 = performance.now();
      const [{ serveSharedLane }, { createStore }] = await modules;
      store = createStore({ space: String(msg.space ?? "default"), persist: !!msg.persist, saveDelay: msg.saveDelay, inWorker,
        sinceRequestMs: () => performance.now() - lastCallAt }, event);
      const started = await startEngine(msg.baseURL);
      engine = started.engine;
      const t1 = performance.now();
      const info = await store.restore(engine, progressTo(msg.id));
      const shared = typeof SharedArrayBuffer === "function" && msg.shared instanceof SharedArrayBuffer;
      if (shared) {
        lane = serveSharedLane(msg.shared, callBytes, emit, () => received, () => store.waiting());
        lane.logs(store.durability() === "log");
      }
      const t2 = performance.now();
      const at = (t) => performance.timeOrigin + t;
      return { ...info, persist: info.durability !== "memory", readyMs: t2 - t0, shared,
        phases: { load: started.loadMs, run: started.runMs, restore: t2 - t1, early: !!started.early,
          compiledBy: started.compiledBy ?? "worker",
          at: { ...started.at, init: at(t0), restored: at(t2) } } };
    },
    handle(msg) {
      return call(msg.op, msg.body);
    },
    // batch: the calls' writes go to the write log with one write to its
    // file, before the answers (store.group).
    batch(msg) {
      return store.group(() => msg.calls.map(([op, body]) => call(op, body)));
    },
    // export: the snapshot's text (a Blob, or a Uint8Array when small), written in slices
    // between which the engine serves requests; {cancelled: true} once a
    // cancel message for it came.
    async export(msg) {
      const run = { cancelled: false };
      exports.set(msg.id, run);
      try {
        return (await store.exportSnapshot(progressTo(msg.id), () => run.cancelled)) ?? { cancelled: true };
      } finally {
        exports.delete(msg.id);
      }
    },
    // time runs op rounds × perRound times in the host (the engine, and the
    // write log for a write) and returns each round's mean milliseconds per
    // call (benchmarks); with split, {total, engine, log}: each round's mean
    // ms per call in all, in the engine, and in the write log (store.wrote).
    time(msg) {
      if (msg.split) {
        const out = { total: [], engine: [], log: [] };
        for (let r = 0; r < msg.rounds; r++) {
          let e = 0, l = 0;
          const t0 = performance.now();
          for (let i = 0; i < msg.perRound; i++) {
            const a = performance.now();
            const res = engine.handle(msg.op, msg.body);
            const b = performance.now();
            if (engine.wrote()) store.wrote(msg.op, msg.body, typeof res === "string");
            e += b - a;
            l += performance.now() - b;
          }
          out.total.push((performance.now() - t0) / msg.perRound);
          out.engine.push(e / msg.perRound);
          out.log.push(l / msg.perRound);
        }
        return out;
      }
      const means = [];
      for (let r = 0; r < msg.rounds; r++) {
        const t0 = performance.now();
        for (let i = 0; i < msg.perRound; i++) call(msg.op, msg.body);
        means.push((performance.now() - t0) / msg.perRound);
      }
      return means;
    },
    async import(msg) {
      const failed = engine.importSnapshot(msg.text, progressTo(msg.id));
      if (failed) return failed;
      await replaced();
      return null;
    },
    async reset() {
      engine.reset();
      await store.replaced();
      return null;
    },
    advanceClock(msg) {
      const expired = engine.advanceClock(msg.seconds);
      if (expired > 0) store.advanced(msg.seconds);
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
    async load(msg) {
      const r = engine.runLoad(String(msg.request));
      if (typeof r !== "string") return r; // {error, status}
      const out = JSON.parse(r);
      // A load's writes bypass the write log: once it ends (last) the
      // whole state is saved, as after an import.
      if (out.slice && out.summary.writes > 0) loadWrote = true;
      if (msg.last && loadWrote) {
        loadWrote = false;
        await replaced();
      }
      return out;
    },
    async flush() {
      await store.flush();
      return null;
    },
    // holds returns, and starts afresh, the longest time a message's
    // handler held the engine, and the longest lane call ({ms, what}
    // each; benchmarks; a save's holds come with its saved event).
    holds() {
      const r = { message: longest, lane: lane ? lane.takeLongest() : null };
      longest = { ms: 0, what: "" };
      return r;
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
      if (msg.type !== "poke") received++;
      if (msg.type === "cancel") cancel(msg.of); // at once, not after what is queued
      if (!lane) return msg.type === "poke" || msg.type === "cancel";
      if (msg.type === "poke") {
        lane.poked();
        return true;
      }
      lane.pending();
      return msg.type === "cancel";
    },
    // cancel stops the export whose request id is id (the page-thread path).
    cancel,
    // handleSync answers a handle message at once (the page-thread path).
    handleSync(op, body) {
      return call(op, body);
    },
    // trySync answers a handle or batch message at once when nothing is
    // queued before it (and the engine runs), or returns null.
    trySync(msg) {
      if (queued > 0 || !engine || (msg.type !== "handle" && msg.type !== "batch")) return null;
      try {
        const t0 = performance.now();
        const r = reply(msg, handlers[msg.type](msg));
        held(msg.type, t0);
        return r;
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
          const t0 = performance.now();
          const r = fn(msg);
          if (!(r instanceof Promise)) held(msg.type, t0);
          return reply(msg, await r);
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

if (inWorker) {
  const host = createHost((m) => postMessage(m));
  onmessage = (e) => {
    if (e.data?.type === "module") {
      fromPage?.(e.data.module instanceof WebAssembly.Module ? e.data.module : null);
      fromPage = null;
      return;
    }
    if (host.beforeMessage(e.data)) return;
    const now = host.trySync(e.data);
    if (now) postMessage(now);
    else host.dispatch(e.data).then((reply) => postMessage(reply));
  };
}

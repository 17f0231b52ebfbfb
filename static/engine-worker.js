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
// The host is four parts, one module each: this file answers each message
// (the handlers: the host's API); host-queue.js decides when each runs
// (arrival order, the shared lane first); engine-wasm.js is the engine's
// WebAssembly module as functions; persistence (persist: true) is
// host-store.js's — every acknowledged write in this tab's write log,
// snapshots in IndexedDB (space-records.js), the other tabs — and
// space-saver.js's, which saves a snapshot (when: save-schedule.js; in
// slices: snapshot-export.js).
// init's reply says how durable writes are (durability: "log", "save" or
// "memory"); events "saved", "external-change", "conflict", "save-error"
// and "storage-full" tell the page what happened.

import { createQueue } from "./host-queue.js";

const inWorker = typeof WorkerGlobalScope !== "undefined" && globalThis instanceof WorkerGlobalScope;

// starting holds the start of the engine next to this file (startEngine),
// begun as soon as the worker runs: the module compiles and Go starts
// before the page's init message arrives (the page may still be loading
// its own modules then). It begins before this file's other modules load
// (they are imported below, not statically: a static import would hold
// this code back until the worker's whole module graph had loaded; only
// host-queue.js, small and without imports of its own, is static). A
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
// When this worker's script had run, and when the init message came
// (performance.now(); init's phases, BenchmarkPageReady's timeline).
let evaluatedAt = 0;
let initMessageAt = 0;
let fromPage = null; // resolves with the page's module message, for an early worker
const wasmModule = import("./engine-wasm.js");
wasmModule.catch(() => {}); // reported by init
if (inWorker) {
  const t0 = performance.now();
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
  const execURL = new URL(bundle?.wasmExec ?? "wasm_exec.js", import.meta.url).href;
  const started = wasmModule.then(({ start }) => start(module, execURL, t0)).then((s) => ({ ...s, compiledBy }));
  starting = { url, started };
  starting.started.catch(() => {}); // reported by init
}

// The host's other modules: the shared lane and the space's store.
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
// (handle, exportSnapshot, importSnapshot, reset; see engine-wasm.js and
// wasm/main.go) and the milliseconds its phases took. handle(op, body)
// returns the response body string, or {error, status} with DynamoDB's
// error body. A start already under way from the same place (the worker's
// own, see starting) is taken once; its result says early: true.
export async function startEngine(baseURL) {
  const url = new URL("ddbplay.wasm", baseURL).href;
  if (starting && starting.url === url) {
    const started = starting.started;
    starting = null;
    return { ...(await started), early: true };
  }
  const { start } = await wasmModule;
  return start(compile(url), new URL("wasm_exec.js", baseURL).href);
}

const decoder = new TextDecoder();

// partial reports whether a BatchWriteItem answer left items unprocessed
// (throttled): the request then wrote only part of its items.
const partial = (answer) => /"UnprocessedItems":\{"/.test(answer);

const BATCH_WRITE = new TextEncoder().encode("BatchWriteItem");

// isBatchWrite reports whether the UTF-8 operation name is BatchWriteItem.
const isBatchWrite = (op) => op.length === BATCH_WRITE.length && op.every((b, i) => b === BATCH_WRITE[i]);

// progressTo returns a progress callback that reports to the request id,
// at most every PROGRESS_INTERVAL ms and at the end.
function progressTo(emit, id) {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done === total || now - last >= PROGRESS_INTERVAL) {
      last = now;
      emit({ type: "progress", id, done, total });
    }
  };
}

// timeCalls runs msg.op rounds × perRound times through call (the engine,
// and the write log for a write) and returns each round's mean
// milliseconds per call (benchmarks); with msg.split, {total, engine,
// log}: each round's mean ms per call in all, in the engine, and in the
// write log (store.wrote).
function timeCalls(engine, store, call, msg) {
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
}

// createHost returns a host; emit(message) delivers messages without a reply
// (progress, events). Its handlers answer the messages (see the top of
// this file); host-queue.js runs them in order.
export function createHost(emit) {
  let engine = null;
  let store = null;
  let lane = null; // the shared lane's worker end, when the page has one
  let lastCallAt = 0; // when the last operation ran (performance.now())
  let loadWrote = false; // a load's slices wrote and its last slice has not come yet

  const event = (name, detail) => emit({ type: "event", name, detail });

  // call runs one operation and has the store keep it when it wrote (the
  // engine says whether it did).
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
      const { openedAt, warm, ...info } = await store.restore(engine, progressTo(emit, msg.id));
      const shared = typeof SharedArrayBuffer === "function" && msg.shared instanceof SharedArrayBuffer;
      if (shared) {
        lane = serveSharedLane(msg.shared, callBytes, emit, queue.received, () => store.waiting());
        lane.logs(store.durability() === "log");
      }
      const t2 = performance.now();
      const at = (t) => performance.timeOrigin + t;
      return { ...info, persist: info.durability !== "memory", readyMs: t2 - t0, shared,
        phases: { load: started.loadMs, run: started.runMs, restore: t2 - t1, early: !!started.early, warm: warm ?? null,
          compiledBy: started.compiledBy ?? "worker",
          at: { ...started.at, ...(evaluatedAt ? { evaluated: at(evaluatedAt) } : {}),
            ...(initMessageAt ? { initMessage: at(initMessageAt) } : {}), init: at(t0), ...(openedAt ? { storageOpen: at(openedAt) } : {}), restored: at(t2) } } };
    },
    handle: (msg) => call(msg.op, msg.body),
    // batch: the calls' writes go to the write log with one write to its
    // file, before the answers (store.group).
    batch: (msg) => store.group(() => msg.calls.map(([op, body]) => call(op, body))),
    // export: the snapshot's text (a Blob, or a Uint8Array when small), written in slices
    // between which the engine serves requests; {cancelled: true} once a
    // cancel message for it came.
    async export(msg) {
      const run = { cancelled: false };
      exports.set(msg.id, run);
      try {
        return (await store.exportSnapshot(progressTo(emit, msg.id), () => run.cancelled)) ?? { cancelled: true };
      } finally {
        exports.delete(msg.id);
      }
    },
    time: (msg) => timeCalls(engine, store, call, msg),
    async import(msg) {
      const failed = engine.importSnapshot(msg.text, progressTo(emit, msg.id));
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
    clock: (msg) => engine.clock(String(msg.action || ""), Number(msg.value) || 0),
    settings: (msg) => engine.settings(msg.throttle ?? null, msg.replicaLagMs ?? null),
    capacity: (msg) => engine.capacity(String(msg.table || "")),
    partition: (msg) => engine.partition(String(msg.table || ""), String(msg.index || ""), JSON.stringify(msg.key ?? null)),
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
    holds: () => ({ message: queue.takeLongest(), lane: lane ? lane.takeLongest() : null }),
  };

  const queue = createQueue({ handlers, lane: () => lane, ready: () => engine !== null, cancel });
  return {
    beforeMessage: queue.beforeMessage,
    trySync: queue.trySync,
    dispatch: queue.dispatch,
    // cancel stops the export whose request id is id (the page-thread path).
    cancel,
    // handleSync answers a handle message at once (the page-thread path).
    handleSync: call,
  };
}

if (inWorker) {
  const host = createHost((m) => postMessage(m));
  evaluatedAt = performance.now();
  onmessage = (e) => {
    if (e.data?.type === "init") initMessageAt = performance.now();
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

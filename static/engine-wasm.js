// engine-wasm.js — the Go engine's WebAssembly module as JavaScript
// functions, for the engine host (engine-worker.js): it instantiates a
// compiled ddbplay.wasm, runs Go's main (wasm_exec.js) and wraps the
// module's exports (see wasm/main.go): handle, handleBytes, handleQuiet,
// wrote, the snapshot door, the clock, importSnapshot. It owns the copying
// of requests into the engine's memory and of answers out of it; nothing
// here decides when a call runs or what is kept.

// start instantiates module (a compiled WebAssembly.Module, or a promise
// of one), loading Go's wasm_exec.js from execURL first if needed, runs
// Go's main and resolves with {engine, loadMs, runMs, startedAt, at}: the
// engine's functions and when each phase ended. t0 is when the start
// began (performance.now()), by default now.
export async function start(module, execURL, t0 = performance.now()) {
  if (typeof globalThis.Go !== "function") {
    await import(execURL);
  }
  const te = performance.now();
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
    at: { start: at(t0), execLoaded: at(te), compiled: at(tc), instantiated: at(t1), goStarted: at(t2) } };
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

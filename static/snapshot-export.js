// snapshot-export.js — exporting the engine's state as a snapshot in
// slices (engine-wasm.js's exportStart/exportStep), so that no slice holds
// the engine for long: between slices the worker's event loop runs, and
// with it the page's requests. Used by host-store.js for saves (the slices
// as they are, one IndexedDB record each) and for Data → Export (a Blob).
// Nothing here decides when to export or where the text goes.

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
// the longest hold, holds: {start, slice, blob: the longest of each; first:
// the first slice's},
// slices}, or with null once cancelled() says so between two slices.
// progress(done, total) hears of the bytes written (total: an estimate).
// Each slice is copied out of the engine's memory as it is made, and
// every ~1 MB of them made into a Blob (BLOB_BYTES); nothing holds the
// engine for the whole text (a string of it would be decoded, and cloned
// into IndexedDB, in one go: 100 ms for 4 MB).
export async function exportInSlices(engine, progress = null, cancelled = () => false, asParts = false) {
  let t0 = performance.now();
  // (Its caller takes note of the write log's position right before.)
  const failedWith = (r) => new Error(JSON.parse(r.error).message);
  const estimate = engine.exportStart();
  if (typeof estimate !== "number") throw failedWith(estimate);
  const holds = { start: performance.now() - t0, slice: 0, first: 0, blob: 0 };
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
    if (slices === 1) holds.first = took;
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

// WARM_CALLS make a small state of warmExport's own: a table and items
// with every attribute type, by the calls a first visit's CreateTable and
// PutItem run anyway (an import of it would cost a first visit's start
// more: its code is otherwise run only by a restore).
const WARM_CALLS = [
  ["CreateTable", {
    TableName: "ddbplay-warm-up", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  }],
  ...[1, 2, 3].map((i) => ["PutItem", {
    TableName: "ddbplay-warm-up",
    Item: {
      pk: { S: "p" + i }, sk: { N: String(i * 1.5) }, g: { S: "g\u00e9\"\n" + i }, b: { B: "AAEC" }, t: { BOOL: true }, z: { NULL: true },
      l: { L: [{ S: "x" }, { N: "-1e3" }] }, m: { M: { a: { SS: ["a", "b"] }, n: { NS: ["1", "2.5"] }, c: { BS: ["AQ=="] } } },
    },
  }]),
].map(([op, input]) => [op, JSON.stringify(input)]);

// warmExport runs the export once on the state WARM_CALLS make, then
// leaves the engine empty again (reset): the engine must be empty when it is called
// (right after it started, before the saved state is restored). A
// function of the engine runs slower the first time (WebAssembly compiled
// lazily: V8 compiles each function on its first call), and a page's
// first save held the engine 2.5–17 ms in exportStart and up to 8 ms in
// its first slice with items, against 0.2–1 ms later; run here, that
// first time falls in the page's start, before any request: 27–34 ms of a
// first visit's (storage's opening, which needs the worker's thread for
// each of its steps, waits meanwhile), 3–5 ms of a cached one's (README,
// "Start to ready, step by step"). It returns whether the export ran to
// its end.
export function warmExport(engine) {
  // Tables are ACTIVE at once while restoring (as for a replayed log).
  engine.restoring?.(true);
  try {
    for (const [op, body] of WARM_CALLS) {
      if (typeof engine.handle(op, body) !== "string") return false;
    }
    if (typeof engine.exportStart() !== "number") return false;
    for (;;) {
      const r = engine.exportStep(SLICE_BYTES);
      if (r.error !== undefined) return false;
      if (r.done) return true;
    }
  } finally {
    engine.reset();
  }
}

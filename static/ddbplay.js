// ddbplay.js — the one door to ddbplay's in-browser DynamoDB engine.
//
//   import { openPlayground } from "./ddbplay.js";
//   const db = await openPlayground({ space: "default" });
//   await db.send("CreateTable", { TableName: "T", ... });
//   const { Item } = await db.send("GetItem", { TableName: "T", Key: { pk: { S: "a" } } });
//
// send(op, input) resolves with DynamoDB's output shape, or rejects with an
// Error whose name is DynamoDB's error type ("ConditionalCheckFailedException"),
// message its message, plus the error body's other members (Item,
// CancellationReasons, …), $fault ("client"/"server") and
// $metadata.httpStatusCode, as the AWS SDK for JavaScript v3 does.
//
// fetch(request) is a fetch-shaped entry for DynamoDB's JSON 1.0 protocol:
// a Request (or fetch's arguments) with X-Amz-Target
// "DynamoDB_20120810.<Operation>" (or "DynamoDBStreams_20120810.<Operation>",
// DynamoDB Streams) in, a Response with DynamoDB's status,
// body and headers (Content-Type application/x-amz-json-1.0,
// x-amzn-RequestId, x-amz-crc32) out. It lets the AWS SDK v3 use the
// in-page engine through a custom requestHandler (see README).
//
// When the page is cross-origin isolated, an operation goes to the
// engine's worker through shared memory and the page waits for the answer
// for up to a millisecond before it awaits it (shared-channel.js): a small
// operation takes microseconds, not a postMessage round trip. Otherwise,
// and while an operation is already under way, calls made in the same task
// are sent to the worker together in one message. Results settle one by
// one, in call order.
//
// Playground (this file) is the API: the DynamoDB client and the
// playground's lifecycle, on engine-controls.js's EngineControls (snapshots,
// reset, flush, the clock and the engine's other controls); engine-link.js
// carries its requests to the engine host (engine-worker.js), one at a
// time through the shared lane or queued, and page-turns.js keeps the page
// responsive. Persistence and tabs: see host-store.js. Snapshots: see
// engine/snapshot/doc.go.

import { EngineLink, settle, dynamoError } from "./engine-link.js";
import { protocol, requestId, crc32 } from "./protocol.js";
import { EngineControls } from "./engine-controls.js";

const TARGET_PREFIX = protocol.targetPrefix;
const STREAMS_PREFIX = protocol.streamsTargetPrefix;

// siteRoot is where the site's root is from this module: "." here, and
// the built site's DDBPLAY_BUNDLE.root in a bundle made from it
// (internal/sitebuild), which lives in a folder of its own.
const siteRoot = typeof DDBPLAY_BUNDLE === "object" ? DDBPLAY_BUNDLE.root : ".";

/**
 * Opens the playground engine.
 *
 * @param {object} [options]
 * @param {string} [options.space="default"] name of the saved state to open; each space is saved apart.
 * @param {boolean} [options.persist=true] restore the space's saved state now and save after writes.
 * @param {string|URL} [options.baseURL] where ddbplay.wasm, wasm_exec.js and engine-worker.js are;
 *   defaults to the site's root (this module's directory; see siteRoot).
 * @param {boolean} [options.worker=true] run the engine in a Web Worker (the page never blocks);
 *   false runs it on the page's thread (lowest per-call latency, blocks the page while it works).
 * @param {number} [options.saveDelay=200] with persist, milliseconds without writes before a snapshot
 *   is saved (also at most max(1000, saveDelay) ms after the first unsaved write, and on flush());
 *   every write is in the space's write log before send() resolves anyway (see durability).
 * @param {(p: {task: string, done: number, total: number}) => void} [options.onProgress]
 *   progress of long work, counted in items: task "restore" (the saved state, while
 *   openPlayground runs) and "import" (importSnapshot); also dispatched as "progress" events.
 * @returns {Promise<Playground>}
 */
export async function openPlayground(options = {}) {
  const db = new Playground(options);
  try {
    await db._ready;
  } catch (err) {
    db._link.terminate();
    throw err;
  }
  return db;
}

/**
 * A playground engine. Events (CustomEvent, detail in parentheses):
 * "progress" ({task, done, total}), "saved" ({version, overwrote, exportMs,
 * bytes, holdMs, holds, slices}: this tab saved; overwrote is true when it
 * replaced another tab's newer save; exportMs and bytes are the export's
 * duration (all its slices) and size; holdMs is the longest the save held
 * the engine at once, holds {start, slice, first, blob, put, compact} its
 * parts (taking the state, the longest slice written, the first slice, the
 * longest Blob made (0 for a save), the longest IndexedDB put, dropping the
 * saved writes from the write log)),
 * "external-change" ({version}: another tab saved and this tab reloaded its
 * state), "conflict" ({version}: another tab saved while this tab had unsaved
 * writes; this tab's next save wins), "save-error" ({message}),
 * "storage-full" ({message}: the browser's storage is full; changes are kept
 * in memory only).
 */
export class Playground extends EngineControls {
  constructor({ space = "default", persist = true, baseURL, worker = true, shared = true, sharedBytes = 1 << 20, saveDelay, onProgress } = {}) {
    super();
    this.space = String(space);
    this.persist = !!persist;
    this.baseURL = new URL(baseURL ?? siteRoot, baseURL ? location.href : import.meta.url).href;
    if (!this.baseURL.endsWith("/")) this.baseURL += "/";
    this._link = new EngineLink({ baseURL: this.baseURL, worker, shared, sharedBytes },
      (name, detail) => this.dispatchEvent(new CustomEvent(name, { detail })),
      (detail) => {
        onProgress?.(detail);
        this.dispatchEvent(new CustomEvent("progress", { detail }));
      });
    const init = { type: "init", space: this.space, persist: this.persist, baseURL: this.baseURL, saveDelay };
    this._ready = this._link.start(worker, init).then((info) => {
      /** true when a saved state of this space was restored */
      this.restored = info.restored;
      /** why the saved state could not be restored (it is kept as "<space>#unreadable"), or null */
      this.restoreError = info.restoreError ?? null;
      /**
       * how writes are kept: "log" (each write is in the browser's storage
       * when send() resolves), "save" (saved a moment after it is made: no
       * write log on the page's thread or in this browser), "memory" (not
       * kept: persist is off or the browser offers no storage here)
       */
      this.durability = info.durability ?? "memory";
      /** writes of closed or reloaded tabs replayed at start: {writes, failed} */
      this.recovered = info.recovered ?? { writes: 0, failed: 0 };
      /** milliseconds from the host's init to the engine ready (a worker starts its engine as it loads, before) */
      this.readyMs = info.readyMs;
      /** the start's phases: {load, run, restore} milliseconds (fetch and compile, Go's start, the space restored); early: the engine started as its worker loaded; warm: {ok, ms}, the export's warm-up with persist (warmExport in snapshot-export.js), or null */
      this.readyPhases = info.phases;
      /** "worker" or "page" */
      this.mode = this._link.mode;
      /** how operations reach the engine: "shared" (shared memory), "message" (postMessage) or "page" */
      this.channel = this._link.channel;
    });
  }

  // _laneStats: how shared-lane calls went (tests and benchmarks).
  get _laneStats() {
    return { ...this._link.laneStats, cold: this._link._lane?.cold ?? 0 };
  }

  /**
   * Runs a DynamoDB operation.
   * @param {string} op operation name, e.g. "PutItem"
   * @param {object} [input] the request in DynamoDB JSON (as the AWS CLI or low-level SDKs take it)
   * @returns {Promise<object>} DynamoDB's response
   */
  send(op, input = {}) {
    const body = JSON.stringify(input);
    const r = this._link.answerNow(String(op), body);
    if (r === null) return this.sendText(op, body).then(JSON.parse);
    // Answered at once: with as few promise steps as can be.
    if (typeof r === "string") return Promise.resolve(JSON.parse(r));
    if (r.then) return r.then(JSON.parse);
    return Promise.reject(dynamoError(r.error, r.status));
  }

  /**
   * send with the request and response as JSON text.
   * @param {string} op
   * @param {string} body
   * @returns {Promise<string>}
   */
  sendText(op, body) {
    if (this._link.closed) return Promise.reject(this._link.closed);
    const r = this._link.answerNow(String(op), String(body));
    if (r !== null) return r.then ? r : settle(r);
    return this._link.enqueue(String(op), String(body));
  }

  /**
   * DynamoDB's JSON 1.0 protocol as a fetch function.
   * @param {Request|string|URL} input
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  async fetch(input, init) {
    const req = input instanceof Request && init === undefined ? input : new Request(input, init);
    const target = req.headers.get("x-amz-target") || "";
    const body = await req.text();
    // DynamoDB Streams' operations go to the engine with their whole target.
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length)
      : target.startsWith(STREAMS_PREFIX) ? target : "";
    let status = 200;
    let text;
    try {
      text = await this.sendText(op, body);
    } catch (err) {
      if (!err || !err.$rawBody) throw err;
      status = err.$metadata.httpStatusCode;
      text = err.$rawBody;
    }
    const bytes = new TextEncoder().encode(text);
    return new Response(bytes, {
      status,
      headers: {
        "content-type": protocol.contentType,
        [protocol.requestIdHeader]: requestId(),
        [protocol.crc32Header]: String(crc32(bytes)),
      },
    });
  }

  /**
   * Waits until the table called name is ACTIVE, as a DynamoDB user waits
   * after CreateTable (a new table is CREATING for 2 s of engine time and
   * refuses reads and writes until then) or UpdateTable (a table whose
   * billing, throughput, stream or indexes change is UPDATING for 2 s and
   * refuses further changes): DescribeTable again and again,
   * 100 ms apart at the clock's speed; a paused clock is stepped a second
   * instead, so that nothing waits for ever.
   * @param {string} name
   * @returns {Promise<object>} the table's description once ACTIVE
   */
  async waitForTable(name) {
    for (let i = 0; i < 600; i++) {
      const d = (await this.send("DescribeTable", { TableName: name })).Table;
      if (d.TableStatus === "ACTIVE") return d;
      await this._pace();
    }
    throw new Error("Table " + name + " is still not ACTIVE after 600 tries.");
  }

  /**
   * Waits until the table called name is gone, as a DynamoDB user waits
   * after DeleteTable (a deleted table is DELETING for 2 s of engine time,
   * and its name cannot be used again until then): DescribeTable until it
   * is ResourceNotFoundException, paced as waitForTable.
   * @param {string} name
   * @returns {Promise<void>}
   */
  async waitForTableGone(name) {
    for (let i = 0; i < 600; i++) {
      try {
        await this.send("DescribeTable", { TableName: name });
      } catch (e) {
        if (e.name === "ResourceNotFoundException") return;
        throw e;
      }
      await this._pace();
    }
    throw new Error("Table " + name + " is still there after 600 tries.");
  }

  /** Saves pending writes, then stops the engine. Later calls reject. */
  async close() {
    if (this._link.closed) return;
    await this.flush().catch(() => {});
    this._link.terminate();
    this._link.fail(new Error("ddbplay: playground closed"));
  }
}

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
// "DynamoDB_20120810.<Operation>" in, a Response with DynamoDB's status,
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
// Persistence and tabs: see engine-worker.js. Snapshots: see
// engine/snapshot/doc.go.

import { SharedLane, sharedLaneAvailable, POSTED } from "./shared-channel.js";

const TARGET_PREFIX = "DynamoDB_20120810.";
const CONTENT_TYPE = "application/x-amz-json-1.0";
// Milliseconds that shared-lane answers may settle at once, back to back,
// before the page gets a task in between (see _pageDue).
const BURST_MS = 10;

/**
 * Opens the playground engine.
 *
 * @param {object} [options]
 * @param {string} [options.space="default"] name of the saved state to open; each space is saved apart.
 * @param {boolean} [options.persist=true] restore the space's saved state now and save after writes.
 * @param {string|URL} [options.baseURL] where ddbplay.wasm, wasm_exec.js and engine-worker.js are;
 *   defaults to this module's directory.
 * @param {boolean} [options.worker=true] run the engine in a Web Worker (the page never blocks);
 *   false runs it on the page's thread (lowest per-call latency, blocks the page while it works).
 * @param {number} [options.saveDelay=200] with persist, milliseconds without writes before a save
 *   (saves also happen at most max(1000, saveDelay) ms after the first unsaved write, and on flush()).
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
    db._worker?.terminate();
    throw err;
  }
  return db;
}

/**
 * A playground engine. Events (CustomEvent, detail in parentheses):
 * "progress" ({task, done, total}), "saved" ({version, overwrote, exportMs,
 * chars}: this tab saved; overwrote is true when it replaced another tab's
 * newer save; exportMs and chars are the export's duration and length),
 * "external-change" ({version}: another tab saved and this tab reloaded its
 * state), "conflict" ({version}: another tab saved while this tab had unsaved
 * writes; this tab's next save wins), "save-error" ({message}).
 */
export class Playground extends EventTarget {
  constructor({ space = "default", persist = true, baseURL, worker = true, shared = true, sharedBytes = 1 << 20, saveDelay, onProgress } = {}) {
    super();
    this.space = String(space);
    this.persist = !!persist;
    this.baseURL = new URL(baseURL ?? ".", baseURL ? location.href : import.meta.url).href;
    if (!this.baseURL.endsWith("/")) this.baseURL += "/";
    this._onProgress = onProgress;
    this._nextId = 1;
    this._waiting = new Map(); // id → {resolve, reject, onProgress}
    this._queue = []; // send() calls not yet posted
    this._closed = null;
    this._saveDelay = saveDelay;
    this._lane = worker && shared && sharedLaneAvailable() ? new SharedLane(Math.max(1024, sharedBytes | 0), () => this._worker.postMessage({ type: "poke" })) : null;
    // How shared-lane calls went (tests and benchmarks): answered at once,
    // awaited (longer than the spin), posted (answer too large or a
    // failure), deferred (to let the page run a task), tooLarge (request
    // sent by postMessage).
    this._laneStats = { atOnce: 0, awaited: 0, posted: 0, deferred: 0, tooLarge: 0 };
    this._ready = this._start(worker).then((info) => {
      /** true when a saved state of this space was restored */
      this.restored = info.restored;
      /** why the saved state could not be restored (it is kept as "<space>#unreadable"), or null */
      this.restoreError = info.restoreError ?? null;
      /** milliseconds the engine took to start (load, compile, restore) */
      this.readyMs = info.readyMs;
      /** how readyMs divides: {load, run, restore} milliseconds */
      this.readyPhases = info.phases;
      /** "worker" or "page" */
      this.mode = worker ? "worker" : "page";
      if (!info.shared) this._lane = null;
      /** how operations reach the engine: "shared" (shared memory), "message" (postMessage) or "page" */
      this.channel = !worker ? "page" : this._lane ? "shared" : "message";
    });
  }

  async _start(useWorker) {
    const init = { type: "init", space: this.space, persist: this.persist, baseURL: this.baseURL, saveDelay: this._saveDelay,
      shared: this._lane?.buffer };
    if (useWorker) {
      this._worker = new Worker(new URL("engine-worker.js", this.baseURL), { type: "module", name: "ddbplay" });
      this._worker.onmessage = (e) => this._receive(e.data);
      this._worker.onerror = (e) => this._fail(new Error("ddbplay: engine worker failed: " + (e.message || "load error")));
      this._post = (msg) => {
        this._lane?.nudge();
        this._worker.postMessage(msg);
      };
    } else {
      const { createHost } = await import(new URL("engine-worker.js", this.baseURL).href);
      this._host = createHost((m) => this._receive(m));
      this._post = (msg) => this._host.dispatch(msg).then((r) => this._receive(r));
    }
    return this._request(init, { task: "restore" });
  }

  _fail(err) {
    this._closed = err;
    for (const w of this._waiting.values()) w.reject(err);
    this._waiting.clear();
    for (const c of this._queue) c.reject(err);
    this._queue = [];
  }

  _receive(msg) {
    if (msg.type === "lane-done") {
      this._lane?.wake();
      return;
    }
    if (msg.type === "event") {
      this.dispatchEvent(new CustomEvent(msg.name, { detail: msg.detail }));
      return;
    }
    // A shared-lane answer too large for the lane comes as a reply: the lane
    // is done with it.
    this._lane?.wake();
    const w = this._waiting.get(msg.id);
    if (msg.type === "progress") {
      const detail = { task: w?.task ?? "work", done: msg.done, total: msg.total };
      w?.onProgress?.(detail);
      this._onProgress?.(detail);
      this.dispatchEvent(new CustomEvent("progress", { detail }));
      return;
    }
    if (!w) return;
    this._waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.result);
    else if (msg.fatal) w.reject(new Error(msg.fatal));
    else w.reject(dynamoError(msg.error, msg.status));
  }

  // _request posts one message and resolves with its result.
  _request(msg, extra = {}) {
    if (this._closed) return Promise.reject(this._closed);
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      this._waiting.set(id, { resolve, reject, ...extra });
      this._post({ ...msg, id });
    });
  }

  /**
   * Runs a DynamoDB operation.
   * @param {string} op operation name, e.g. "PutItem"
   * @param {object} [input] the request in DynamoDB JSON (as the AWS CLI or low-level SDKs take it)
   * @returns {Promise<object>} DynamoDB's response
   */
  send(op, input = {}) {
    const body = JSON.stringify(input);
    const r = this._answerNow(String(op), body);
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
    if (this._closed) return Promise.reject(this._closed);
    const r = this._answerNow(String(op), String(body));
    if (r !== null) return r.then ? r : settle(r);
    if (this._host) {
      // Page mode, not started yet.
      return this._ready.then(() => settle(this._host.handleSync(String(op), String(body))));
    }
    return new Promise((resolve, reject) => {
      this._queue.push({ op: String(op), body: String(body), resolve, reject });
      if (this._queue.length === 1) queueMicrotask(() => this._flushQueue());
    });
  }

  // _answerNow sends one operation at once when it can: on the page's
  // thread once started, or through a free shared lane. It returns the
  // engine's answer (a body string or {error, status}), a promise of the
  // body string, or null (then it must be queued).
  _answerNow(op, body) {
    if (this._host && this.mode && !this._closed) return this._host.handleSync(op, body);
    if (this._laneFree()) return this._sendShared(op, body);
    return null;
  }

  // _laneFree reports whether the next operation may take the shared lane:
  // it is started and nothing else is under way, so order holds.
  _laneFree() {
    return this._lane !== null && this.channel === "shared" && !this._closed && !this._lane.busy &&
      this._waiting.size === 0 && this._queue.length === 0;
  }

  // _sendShared sends one operation through the shared lane. It returns null
  // when the request does not fit, the answer (a body string or {error,
  // status}) when it came at once, or a promise of the body string.
  _sendShared(op, body) {
    const id = this._nextId++;
    const sent = this._lane.send(op, body, id);
    const stats = this._laneStats;
    if (sent === null) {
      stats.tooLarge++;
      return null;
    }
    if (sent.answer && sent.answer.status !== POSTED && !this._pageDue()) {
      stats.atOnce++;
      return answerOf(sent.answer);
    }
    if (!sent.answer) stats.awaited++;
    else if (sent.answer.status === POSTED) stats.posted++;
    else stats.deferred++;
    return new Promise((resolve, reject) => {
      // An answer too large for the lane, or a failure, comes as a reply to id.
      this._waiting.set(id, { resolve, reject });
      const settleShared = (answer) => {
        if (answer.status !== POSTED) {
          this._waiting.delete(id);
          settle(answerOf(answer)).then(resolve, reject);
        }
        // Calls that queued up behind this one go now.
        if (this._queue.length > 0) queueMicrotask(() => this._flushQueue());
      };
      if (!sent.answer) this._lane.wait(sent.seq).then((answer) => {
        if (answer.status === POSTED) stats.posted++;
        settleShared(answer);
      });
      else if (sent.answer.status === POSTED) settleShared(sent.answer);
      else this._afterTask(() => settleShared(sent.answer));
    });
  }

  // _pageDue reports whether answers have settled at once (in microtasks)
  // for more than BURST_MS since the page last ran a task: then the next
  // answer waits for a task, so that a loop of awaited calls lets the page
  // render and take input.
  _pageDue() {
    const now = performance.now();
    if (this._burstStart === undefined) {
      this._burstStart = now;
      this._afterTask(() => { this._burstStart = undefined; });
      return false;
    }
    return now - this._burstStart > BURST_MS;
  }

  // _afterTask runs fn in a new task (a message to itself: setTimeout waits
  // at least 4 ms when nested).
  _afterTask(fn) {
    if (!this._tasks) {
      const { port1, port2 } = new MessageChannel();
      const fns = [];
      port1.onmessage = () => fns.shift()();
      this._tasks = { fns, post: () => port2.postMessage(0) };
    }
    this._tasks.fns.push(fn);
    this._tasks.post();
  }

  _flushQueue() {
    if (this._lane?.busy) return; // sent when the lane's operation is answered
    const calls = this._queue;
    this._queue = [];
    if (calls.length === 0) return;
    if (calls.length === 1) {
      const c = calls[0];
      this._request({ type: "handle", op: c.op, body: c.body }).then(c.resolve, c.reject);
      return;
    }
    this._request({ type: "batch", calls: calls.map((c) => [c.op, c.body]) }).then(
      (results) => results.forEach((r, i) => settle(r).then(calls[i].resolve, calls[i].reject)),
      (err) => calls.forEach((c) => c.reject(err)),
    );
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
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
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
        "content-type": CONTENT_TYPE,
        "x-amzn-requestid": requestId(),
        "x-amz-crc32": String(crc32(bytes)),
      },
    });
  }

  /** @returns {Promise<object>} the whole state as a snapshot (engine/snapshot/doc.go) */
  async exportSnapshot() {
    return JSON.parse(await this.exportSnapshotText());
  }

  /** @returns {Promise<string>} the snapshot as JSON text */
  async exportSnapshotText() {
    await this._ready;
    return this._request({ type: "export" });
  }

  /**
   * Replaces the whole state with a snapshot, or changes nothing if any of it
   * is invalid (rejecting with a ValidationException "Invalid snapshot: …").
   * @param {object|string} snapshot a snapshot object or its JSON text
   * @param {{onProgress?: (p: {task: string, done: number, total: number}) => void}} [options]
   */
  async importSnapshot(snapshot, { onProgress } = {}) {
    const text = typeof snapshot === "string" ? snapshot : JSON.stringify(snapshot);
    await this._ready;
    await this._request({ type: "import", text }, { task: "import", onProgress });
  }

  /** Deletes every table; with persist, the space's saved state becomes empty too. */
  async reset() {
    await this._ready;
    await this._request({ type: "reset" });
  }

  /**
   * Moves the engine's clock forward by seconds (instead of waiting), then
   * deletes the items whose Time to Live has passed.
   * @param {number} seconds
   * @returns {Promise<number>} how many items expired
   */
  async advanceClock(seconds) {
    await this._ready;
    return this._request({ type: "advanceClock", seconds });
  }

  /**
   * The engine's virtual clock: action "" (read it), "pause", "resume",
   * "step" (value: seconds; expired TTL items go) or "speed" (value: 1…1000).
   * @returns {Promise<{now: number, paused: boolean, speed: number}>} now in Unix ms
   */
  async clock(action = "", value = 0) {
    await this._ready;
    return JSON.parse(await this._request({ type: "clock", action, value }));
  }

  /**
   * Large-table settings: {throttle} (throughput enforcement, on by
   * default here) and {replicaLagMs}; members left out stay as they are.
   * @returns {Promise<{throttle: boolean, replicaLagMs: number}>}
   */
  async settings({ throttle, replicaLagMs } = {}) {
    await this._ready;
    return JSON.parse(await this._request({ type: "settings", throttle, replicaLagMs }));
  }

  /**
   * Partitions, per-second consumed and throttled capacity (last 15
   * minutes of engine time), burst balance and replication of one table
   * ("" for every table); see the README, "Large tables".
   * @returns {Promise<object>}
   */
  async capacity(table = "") {
    await this._ready;
    return JSON.parse(await this._request({ type: "capacity", table }));
  }

  /**
   * The partition of table (or of its global secondary index, when index
   * is not "") that holds the partition-key value key (e.g. {S: "a"}).
   * @returns {Promise<number>} the partition's id, as capacity() lists it
   */
  async partition(table, index, key) {
    await this._ready;
    return this._request({ type: "partition", table, index: index || "", key });
  }

  /**
   * Runs a slice of generated load next to the engine (loadgen.js): GetItem
   * and PutItem requests on the virtual clock, which must be paused. Pass
   * the previous slice's result as prev to continue the same load.
   * @param {object} spec see loadgen.js
   * @param {object|null} [prev]
   * @returns {Promise<object>} counts of requests, throttles and errors
   */
  async load(spec, prev = null) {
    await this._ready;
    return this._request({ type: "load", spec, prev: prev && { state: prev.state } });
  }

  /** Resolves once every write so far is saved (at once without persist). */
  async flush() {
    await this._ready;
    await this._request({ type: "flush" });
  }

  // _time measures the engine's own cost of op, without the page↔worker
  // trip: rounds × perRound calls, resolving with each round's mean ms per
  // call. For benchmarks.
  async _time(op, input, rounds, perRound) {
    await this._ready;
    return this._request({ type: "time", op, body: JSON.stringify(input), rounds, perRound });
  }

  /** Saves pending writes, then stops the engine. Later calls reject. */
  async close() {
    if (this._closed) return;
    await this.flush().catch(() => {});
    this._worker?.terminate();
    this._fail(new Error("ddbplay: playground closed"));
  }
}

// answerOf turns a shared-lane answer into an engine answer.
function answerOf({ status, text }) {
  return status === 200 ? text : { error: text, status };
}

// settle turns an engine answer (a body string or {error, status}) into a
// promise.
function settle(r) {
  if (typeof r === "string") return Promise.resolve(r);
  return Promise.reject(dynamoError(r.error, r.status));
}

function dynamoError(body, status) {
  let data = {};
  try {
    data = JSON.parse(body);
  } catch {
    data = { message: String(body) };
  }
  const type = String(data.__type ?? "InternalServerError");
  const err = new Error(data.message ?? data.Message ?? "");
  err.name = type.slice(type.lastIndexOf("#") + 1);
  for (const [k, v] of Object.entries(data)) {
    if (k !== "__type" && k !== "message" && k !== "Message") err[k] = v;
  }
  err.$fault = status >= 500 ? "server" : "client";
  err.$metadata = { httpStatusCode: status };
  Object.defineProperty(err, "$rawBody", { value: body });
  return err;
}

const REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function requestId() {
  const b = crypto.getRandomValues(new Uint8Array(52));
  let s = "";
  for (const c of b) s += REQUEST_ID_ALPHABET[c % REQUEST_ID_ALPHABET.length];
  return s;
}

let crcTable;

// crc32 is the IEEE CRC-32 DynamoDB sends in x-amz-crc32.
function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

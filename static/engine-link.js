// engine-link.js — the page's end of the engine host (engine-worker.js):
// it starts the host in a Web Worker or on the page's thread, sends it
// requests (one at a time through the shared lane, or queued and posted
// together), and routes replies, progress and events back. Used by
// ddbplay.js's Playground, which is the API; page-turns.js keeps a loop of
// awaited calls from starving the page.

import { SharedLane, sharedLaneAvailable, POSTED } from "./shared-channel.js";
import { createPageTurns } from "./page-turns.js";

// Milliseconds that shared-lane answers may settle at once, back to back,
// before the page gets a task in between.
const BURST_MS = 10;

// takeEarlyWorker returns the engine worker the page's head started
// (engine-start.js) if it runs url and has not failed, once; else null.
function takeEarlyWorker(url) {
  const early = globalThis.ddbplayEarlyWorker;
  if (!early || early.url !== url) return null;
  delete globalThis.ddbplayEarlyWorker;
  if (!early.failed) return early.worker;
  early.worker.terminate();
  return null;
}

export class EngineLink {
  // worker: run the host in a worker; shared, sharedBytes: the shared lane.
  // receiveEvent(name, detail) gets host events; onProgress(detail) every
  // progress report.
  constructor({ baseURL, worker, shared, sharedBytes }, receiveEvent, onProgress) {
    this.baseURL = baseURL;
    this._receiveEvent = receiveEvent;
    this._onProgress = onProgress;
    this._nextId = 1;
    this._waiting = new Map(); // id → {resolve, reject, onProgress}
    this._queue = []; // send() calls not yet posted
    this.closed = null;
    this._lane = worker && shared && sharedLaneAvailable() ? new SharedLane(Math.max(1024, sharedBytes | 0), () => this._worker.postMessage({ type: "poke" })) : null;
    // How shared-lane calls went (tests and benchmarks): answered at once,
    // awaited (longer than the spin), posted (answer too large or a
    // failure), deferred (to let the page run a task), tooLarge (request
    // sent by postMessage).
    this.laneStats = { atOnce: 0, awaited: 0, posted: 0, deferred: 0, tooLarge: 0 };
    this._turns = createPageTurns(BURST_MS);
    if (this._lane) {
      // A worker blocked on the lane would hold up its own end, and the
      // release of its write log, when the page is left.
      addEventListener("pagehide", () => this._lane?.release());
      addEventListener("pageshow", (e) => { if (e.persisted) this._lane?.resume(); });
    }
    /** "worker" or "page", once started */
    this.mode = undefined;
    /** "shared", "message" or "page", once started */
    this.channel = undefined;
  }

  // start starts the host with the init message and resolves with its reply.
  start(useWorker, init) {
    this._ready = this._start(useWorker, init).then((info) => {
      this.mode = useWorker ? "worker" : "page";
      if (!info.shared) this._lane = null;
      this.channel = !useWorker ? "page" : this._lane ? "shared" : "message";
      return info;
    });
    return this._ready;
  }

  // terminate stops the worker.
  terminate() {
    this._worker?.terminate();
  }

  async _start(useWorker, init) {
    init = { ...init, shared: this._lane?.buffer };
    if (useWorker) {
      this._worker = takeEarlyWorker(new URL("engine-worker.js", this.baseURL).href) ??
        new Worker(new URL("engine-worker.js", this.baseURL), { type: "module", name: "ddbplay" });
      this._worker.onmessage = (e) => this._receive(e.data);
      this._worker.onerror = (e) => this.fail(new Error("ddbplay: engine worker failed: " + (e.message || "load error")));
      this._post = (msg) => {
        this._lane?.nudge();
        this._worker.postMessage(msg);
      };
    } else {
      const { createHost } = await import(new URL("engine-worker.js", this.baseURL).href);
      this._host = createHost((m) => this._receive(m));
      this._post = (msg) => this._host.dispatch(msg).then((r) => this._receive(r));
    }
    performance.mark("ddbplay-init-posted"); // BenchmarkPageReady's timeline
    return this.request(init, { task: "restore" });
  }

  // fail rejects every pending and later call with err.
  fail(err) {
    this.closed = err;
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
      this._receiveEvent(msg.name, msg.detail);
      return;
    }
    // A shared-lane answer too large for the lane comes as a reply: the lane
    // is done with it.
    this._lane?.wake();
    const w = this._waiting.get(msg.id);
    if (msg.type === "progress") {
      const detail = { task: w?.task ?? "work", done: msg.done, total: msg.total };
      w?.onProgress?.(detail);
      this._onProgress(detail);
      return;
    }
    if (!w) return;
    this._waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.result);
    else if (msg.fatal) w.reject(new Error(msg.fatal));
    else w.reject(dynamoError(msg.error, msg.status));
  }

  // request posts one message and resolves with its result. An abort of
  // signal asks the host to stop it (a cancel message: exports).
  request(msg, extra = {}, signal = null) {
    if (this.closed) return Promise.reject(this.closed);
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      this._waiting.set(id, { resolve, reject, ...extra });
      this._post({ ...msg, id });
      signal?.addEventListener("abort", () => {
        if (!this._waiting.has(id)) return;
        if (this._host) this._host.cancel(id);
        else this._post({ type: "cancel", of: id });
      }, { once: true });
    });
  }

  // answerNow sends one operation at once when it can: on the page's
  // thread once started, or through a free shared lane. It returns the
  // engine's answer (a body string or {error, status}), a promise of the
  // body string, or null (then it must be queued).
  answerNow(op, body) {
    if (this._host && this.mode && !this.closed) return this._host.handleSync(op, body);
    if (this._laneFree()) return this._sendShared(op, body);
    return null;
  }

  // _laneFree reports whether the next operation may take the shared lane:
  // it is started and nothing else is under way, so order holds.
  _laneFree() {
    return this._lane !== null && this.channel === "shared" && !this.closed && !this._lane.busy &&
      this._waiting.size === 0 && this._queue.length === 0;
  }

  // _sendShared sends one operation through the shared lane. It returns null
  // when the request does not fit, the answer (a body string or {error,
  // status}) when it came at once, or a promise of the body string.
  _sendShared(op, body) {
    const id = this._nextId++;
    const sent = this._lane.send(op, body, id);
    const stats = this.laneStats;
    if (sent === null) {
      stats.tooLarge++;
      return null;
    }
    if (sent.answer && sent.answer.status !== POSTED && !this._turns.due()) {
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
      else this._turns.afterTask(() => settleShared(sent.answer));
    });
  }

  _flushQueue() {
    if (this._lane?.busy) return; // sent when the lane's operation is answered
    const calls = this._queue;
    this._queue = [];
    if (calls.length === 0) return;
    if (calls.length === 1) {
      const c = calls[0];
      this.request({ type: "handle", op: c.op, body: c.body }).then(c.resolve, c.reject);
      return;
    }
    this.request({ type: "batch", calls: calls.map((c) => [c.op, c.body]) }).then(
      (results) => results.forEach((r, i) => settle(r).then(calls[i].resolve, calls[i].reject)),
      (err) => calls.forEach((c) => c.reject(err)),
    );
  }

  // enqueue sends one operation by message, with the calls made in the
  // same task, and resolves with the answer's body text.
  enqueue(op, body) {
    if (this._host) {
      // Page mode, not started yet.
      return this._ready.then(() => settle(this._host.handleSync(op, body)));
    }
    return new Promise((resolve, reject) => {
      this._queue.push({ op, body, resolve, reject });
      if (this._queue.length === 1) queueMicrotask(() => this._flushQueue());
    });
  }
}

// answerOf turns a shared-lane answer into an engine answer.
function answerOf({ status, text }) {
  return status === 200 ? text : { error: text, status };
}

// settle turns an engine answer (a body string or {error, status}) into a
// promise.
export function settle(r) {
  if (typeof r === "string") return Promise.resolve(r);
  return Promise.reject(dynamoError(r.error, r.status));
}

// dynamoError is the Error of a DynamoDB error body, shaped as the AWS SDK
// for JavaScript v3 shapes it.
export function dynamoError(body, status) {
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

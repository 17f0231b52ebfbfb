// shared-channel.js — the fast lane between ddbplay.js (the page) and its
// engine worker: one operation at a time through a SharedArrayBuffer.
//
// A postMessage round trip between a page and its worker costs ~100 µs in
// Chromium, more than the engine needs for a small GetItem. When the page is
// cross-origin isolated (served with Cross-Origin-Opener-Policy: same-origin
// and Cross-Origin-Embedder-Policy: require-corp, as `ddbplay` serves it),
// the page writes the request into shared memory and the worker, blocked in
// Atomics.wait since its last request, wakes at once; the page spins on the
// answer for up to SPIN_MS, so a small operation completes in a few
// microseconds plus the engine's own time.
//
// The worker stays blocked for the next request for at most HOT_IDLE_MS,
// and for at most HOT_SLICE_MS of back-to-back requests (HOT_LONG_SLICE_MS
// while its host has nothing waiting for its event loop: no save due or
// under way) before it lets its event loop run (messages, save timers,
// IndexedDB). The page wakes it before it posts a message (nudge): the page
// counts the messages it posts in POSTS, and the worker, which blocks on
// WAKE (bumped by the page for every request and every nudge), leaves its
// loop as soon as it has received fewer, so no message waits for the
// worker's idle time. A worker that is not blocked ("cold") is woken by a
// "poke" message, and a page whose operation takes longer than its spin
// awaits a "lane-done" message: both sides set a flag before they look at
// the other's counter, so neither wake-up is lost. (Atomics.waitAsync would
// do without the messages, but Chromium wakes it a millisecond or more
// late.) So the page never blocks for more than SPIN_MS, and does not spin
// at all for a cold worker (the poke message would wait for the spin).
//
// Nor for a write while the worker keeps a write log (LOGS): each write to
// the log's file makes Chromium's browser process work for ~100 µs, and on
// a machine with two cores a spinning page leaves that work no core but
// the worker's, which it then preempts in the middle of the call. The page
// awaits such a call in Atomics.waitAsync instead (WAITING 2: the worker
// notifies DONE), which leaves its core free; reads still spin.
//
// After a slice the worker goes cold (the page's next request pokes it)
// rather than resting on a timer: it used to rest on setTimeout(0) set from
// the previous rest's timer, and browsers clamp such a chain to 4 ms after
// five, which held a call up by 4 ms every 40 ms of back-to-back requests.
// When the page is left (pagehide) it releases the worker (BYE), which then
// blocks no more: a blocked worker holds up its own end, and with it the
// release of its write log's lock.
//
// Everything else (snapshots, flush, batches, requests too large for the
// data area) goes by postMessage; ddbplay.js never has both lanes busy at
// once, and the worker serves a written request before it handles any
// message, so operations run in the order they were sent.
//
// Layout: an Int32Array header of HEADER_BYTES, then the data area, which
// holds the request (operation name, then body, UTF-8) and afterwards the
// answer (UTF-8). Header slots:
//   REQ       sequence number of the last request (page writes, notifies)
//   DONE      sequence number of the last answer (worker writes)
//   OP_LEN    bytes of the operation name
//   BODY_LEN  bytes of the request body
//   ID        the request's id; an answer that does not fit the data area
//             comes by postMessage as {id, ok, …}, like any other reply
//   OUT_LEN   bytes of the answer
//   STATUS    200, the error's HTTP status (the answer is DynamoDB's error
//             body), or POSTED (the answer comes by postMessage)
//   HOT       1 while the worker is blocked for requests (else poke it)
//   WAITING   1 while the page awaits an answer by message (then post
//             "lane-done"), 2 while it awaits it in Atomics.waitAsync on
//             DONE (then Atomics.notify DONE)
//   WAKE      bumped by the page for every request and nudge; the worker
//             blocks on it
//   POSTS     messages the page has posted to the worker (nudge counts them)
//   BYE       1 once the page is being left (pagehide): the worker stops
//             blocking, so that it ends (and lets go of its write log's lock)
//             at once
//   SPIN_US   when not 0, microseconds the worker spins on the next
//             request instead of WORKER_SPIN_MS (benchmarks compare)
//   LOGS      1 while the worker's host keeps a write log (the worker
//             writes it): the page then awaits writes instead of spinning
//   TRACE     1 while the page traces calls (benchmarks, SharedLane.trace):
//             the worker then writes the times of its steps of each request
//             (timeOrigin + performance.now(), ms) as Float64 at TRACE_AT:
//             woken, serve started, served, answer copied, how it woke
//             (0: spinning, 1: blocked in Atomics.wait, 2: by a message),
//             and for a write the engine's answer and the write recorded
//             (the write log's; mark)

const REQ = 0;
const DONE = 1;
const OP_LEN = 2;
const BODY_LEN = 3;
const ID = 4;
const OUT_LEN = 5;
const STATUS = 6;
const HOT = 7;
const WAITING = 8;
const WAKE = 9;
const POSTS = 10;
const BYE = 11;
const TRACE = 12;
const SPIN_US = 13;
const LOGS = 14;
const TRACE_AT = 64; // bytes into the header
const MARKS = 7; // Float64 trace marks at TRACE_AT
const HEADER_BYTES = 128;
export const POSTED = 0;

/** Milliseconds the page spins on an answer before it awaits it instead. */
const SPIN_MS = 1;
/**
 * Milliseconds the page spins on a write while the worker keeps a write
 * log, before it awaits the answer in Atomics.waitAsync: none. A spin of
 * 0.15 or 0.3 ms measured worse than either awaiting at once or spinning
 * as on reads (BenchmarkPage/PutItem/write-wait).
 */
const WRITE_SPIN_MS = 0;
/** Milliseconds the worker spins on the next request before it blocks. */
const WORKER_SPIN_MS = 0.2;
/**
 * Milliseconds the worker stays blocked waiting for the next request: a
 * request within it is answered at once, without a poke's two messages.
 * Save timers and IndexedDB wait meanwhile (the page's own messages do
 * not: they nudge). A blocked worker also holds up its own end when the
 * page is left, so the page releases it on pagehide (release): with a 250
 * ms wait and no release, a tab reloaded right after a write found the
 * old tab's write log still locked and did not replay it.
 */
const HOT_IDLE_MS = 50;
/** Milliseconds of back-to-back requests before the worker lets its event loop run. */
const HOT_SLICE_MS = 40;
/** The same when the host has nothing waiting for its event loop. */
const HOT_LONG_SLICE_MS = 1000;

/** Whether this page can use the shared lane. */
export function sharedLaneAvailable() {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The operations that may write.
const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems",
  "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"]);

// now is the time on a clock both threads share (traces).
const now = () => performance.timeOrigin + performance.now();

/**
 * The page's end of the lane. poke() must send the worker a {type: "poke"}
 * message; the page must call wake() when the worker sends {type:
 * "lane-done"}.
 */
export class SharedLane {
  /**
   * @param {number} dataBytes size of the data area
   * @param {() => void} poke
   */
  constructor(dataBytes, poke) {
    this.buffer = new SharedArrayBuffer(HEADER_BYTES + dataBytes);
    this.ctl = new Int32Array(this.buffer, 0, HEADER_BYTES / 4);
    this.data = new Uint8Array(this.buffer, HEADER_BYTES);
    this.scratch = new Uint8Array(Math.min(4096, dataBytes)); // requests, encoded
    this.recv = new Uint8Array(Math.min(4096, dataBytes)); // answers, copied out
    this.poke = poke;
    this.seq = 0;
    this.busy = false;
    this.waiter = null; // {seq, resolve} while awaiting an answer
    this.cold = 0; // requests sent to a cold worker (poked)
    this.trace = null; // see startTrace
    this._marks = new Float64Array(this.buffer, TRACE_AT, MARKS);
    this.writeSpinMs = WRITE_SPIN_MS; // see setWriteSpin
    this.awaitWrite = false; // the call under way is a write awaited in Atomics.waitAsync
  }

  /**
   * Starts tracing calls (benchmarks): each call through the lane adds
   * {send, encoded, posted, seen, taken, woke, served0, served1, copied,
   * how} to the returned array: absolute times in ms (timeOrigin +
   * performance.now(), both threads), taken before the answer's JSON is
   * parsed. stopTrace ends it.
   */
  startTrace() {
    this.trace = [];
    Atomics.store(this.ctl, TRACE, 1);
    return this.trace;
  }

  stopTrace() {
    Atomics.store(this.ctl, TRACE, 0);
    this.trace = null;
  }

  /**
   * Sets how long the page spins on a write while the worker keeps a
   * write log before it awaits the answer in Atomics.waitAsync (ms;
   * benchmarks compare; SPIN_MS or more: as for any other call).
   */
  setWriteSpin(ms) {
    this.writeSpinMs = ms;
  }

  /** Sets how long the worker spins on the next request (ms; 0: its default). For benchmarks. */
  setWorkerSpin(ms) {
    Atomics.store(this.ctl, SPIN_US, Math.round(ms * 1000));
  }

  /**
   * Sends one operation. Returns null when the request does not fit (send
   * it by postMessage), else {seq, answer}: answer is the answer when it
   * came within SPIN_MS, else null (then await wait(seq)). An answer is
   * {status, text}, or {status: POSTED} when it comes by postMessage.
   */
  send(op, body, id) {
    const t = this.trace;
    if (t) this._t = { send: now() };
    const lengths = this._encode(op, body);
    if (lengths === null) return null;
    const [opLen, bodyLen] = lengths;
    // TextEncoder does not write shared memory: encode, then copy.
    this.data.set(this.scratch.subarray(0, opLen + bodyLen));
    if (t) this._t.encoded = now();
    const { ctl } = this;
    ctl[OP_LEN] = opLen;
    ctl[BODY_LEN] = bodyLen;
    ctl[ID] = id;
    const seq = ++this.seq;
    this.busy = true;
    Atomics.store(ctl, REQ, seq);
    Atomics.add(ctl, WAKE, 1);
    Atomics.notify(ctl, WAKE);
    if (t) this._t.posted = now();
    if (Atomics.load(ctl, HOT) === 0) {
      // Cold: spinning would hold up the poke message itself.
      this.cold++;
      this.poke();
      return { seq, answer: null };
    }
    let spin = SPIN_MS;
    if (this.writeSpinMs < SPIN_MS && Atomics.load(ctl, LOGS) === 1 && WRITES.has(op)) {
      // A write to the log: the page leaves its core to the browser's
      // work for the file's write (see LOGS).
      spin = this.writeSpinMs;
      this.awaitWrite = true;
    }
    const end = performance.now() + spin;
    while (Atomics.load(ctl, DONE) !== seq) {
      if (performance.now() >= end) return { seq, answer: null };
    }
    this.awaitWrite = false;
    return { seq, answer: this._take() };
  }

  // _encode writes op and body as UTF-8 into this.scratch and returns their
  // lengths in bytes, or null when they do not fit the data area.
  _encode(op, body) {
    for (;;) {
      const s = this.scratch;
      const a = encoder.encodeInto(op, s);
      if (a.read === op.length) {
        const b = encoder.encodeInto(body, s.subarray(a.written));
        if (b.read === body.length) return [a.written, b.written];
      }
      if (s.length >= this.data.length) return null;
      const want = 3 * (op.length + body.length); // UTF-8 needs at most 3 bytes per UTF-16 unit
      this.scratch = new Uint8Array(Math.min(this.data.length, Math.max(2 * s.length, want)));
    }
  }

  /**
   * Counts the message the page posts next, and wakes a blocked worker so
   * that it handles it. Call it before every message to the worker but
   * pokes.
   */
  nudge() {
    const { ctl } = this;
    Atomics.add(ctl, POSTS, 1);
    if (Atomics.load(ctl, HOT) === 1) {
      Atomics.add(ctl, WAKE, 1);
      Atomics.notify(ctl, WAKE);
    }
  }

  /** Tells the worker the page is being left: it blocks no more (pagehide). */
  release() {
    Atomics.store(this.ctl, BYE, 1);
    Atomics.add(this.ctl, WAKE, 1);
    Atomics.notify(this.ctl, WAKE);
  }

  /** Undoes release (the page came back from the back/forward cache). */
  resume() {
    Atomics.store(this.ctl, BYE, 0);
  }

  /** Resolves with the answer of request seq (after send returned answer null). */
  wait(seq) {
    if (this.awaitWrite) {
      this.awaitWrite = false;
      return this._waitAsync(seq);
    }
    Atomics.store(this.ctl, WAITING, 1);
    if (Atomics.load(this.ctl, DONE) === seq) {
      Atomics.store(this.ctl, WAITING, 0);
      return Promise.resolve(this._take());
    }
    return new Promise((resolve) => { this.waiter = { seq, resolve }; });
  }

  // _waitAsync resolves with the answer of request seq, awaited in
  // Atomics.waitAsync: WAITING 2 asks the worker to notify DONE, which
  // holds seq - 1 until the answer is there.
  async _waitAsync(seq) {
    const { ctl } = this;
    Atomics.store(ctl, WAITING, 2);
    while (Atomics.load(ctl, DONE) !== seq) {
      const r = Atomics.waitAsync(ctl, DONE, seq - 1);
      if (r.async) await r.value;
    }
    Atomics.store(ctl, WAITING, 0);
    return this._take();
  }

  /** Settles wait's promise if its answer is there (on "lane-done"). */
  wake() {
    const w = this.waiter;
    if (w && Atomics.load(this.ctl, DONE) === w.seq) {
      this.waiter = null;
      Atomics.store(this.ctl, WAITING, 0);
      w.resolve(this._take());
    }
  }

  _take() {
    this.busy = false;
    const t = this.trace && this._t;
    if (t) t.seen = now();
    const status = this.ctl[STATUS];
    if (status === POSTED) return { status };
    // TextDecoder does not read shared memory: copy first, into a buffer
    // kept from call to call (a fresh one per answer costs as much as the
    // decoding for a 15 KB answer).
    const n = this.ctl[OUT_LEN];
    if (this.recv.length < n) this.recv = new Uint8Array(Math.max(n, 2 * this.recv.length));
    this.recv.set(this.data.subarray(0, n));
    const text = decoder.decode(this.recv.subarray(0, n));
    if (t) {
      const m = this._marks;
      Object.assign(t, { taken: now(), woke: m[0], served0: m[1], served1: m[2], copied: m[3], how: m[4], engined: m[5], logged: m[6] });
      this.trace.push(t);
      this._t = null;
    }
    return { status, text };
  }
}

/**
 * The worker's end of the lane in buffer. serve(bytes, opLen, bodyLen) runs
 * one operation whose name and body are at the start of bytes and returns
 * {status, out, rest} (out: the answer's bytes, status 200 or the error's
 * HTTP status; rest: true when the operation woke other threads that need
 * a core now, so the worker blocks for the next request at once instead of
 * spinning), or throws. post(message) posts to the page: answers that do not
 * fit the data area ({id, ok: true, result}, {id, ok: false, error,
 * status}), failures ({id, ok: false, fatal}) and {type: "lane-done"}.
 *
 * received() must return how many messages other than pokes the worker
 * has received from the page (all of them, counted before they are
 * handled); waiting() whether the host has work waiting for its event
 * loop (a timer due soon, a save under way).
 *
 * Returns {pending, poked, takeLongest}: call pending() before handling any
 * message (it serves a request written before the message was sent, so
 * that order holds), and poked() on a {type: "poke"} message (it serves
 * requests, blocked for the next one, as described above); takeLongest()
 * returns the longest serve since it was last called, {ms, what: the
 * operation} (benchmarks).
 */
export function serveSharedLane(buffer, serve, post, received, waiting = () => true) {
  const ctl = new Int32Array(buffer, 0, HEADER_BYTES / 4);
  const data = new Uint8Array(buffer, HEADER_BYTES);
  const marks = new Float64Array(buffer, TRACE_AT, MARKS);
  let last = Atomics.load(ctl, REQ);
  let how = 2; // how the worker woke for the next request (see TRACE)
  let rest = false; // the last request's serve asked the worker not to spin
  let longest = { ms: 0, what: "" }; // the longest serve since takeLongest
  let traced = false; // the request being served is traced

  const pending = () => {
    const seq = Atomics.load(ctl, REQ);
    if (seq === last) return false;
    last = seq;
    traced = Atomics.load(ctl, TRACE) === 1;
    if (traced) {
      marks[0] = now();
      marks[4] = how;
      marks[5] = marks[6] = NaN;
    }
    const id = ctl[ID];
    let reply = null; // posted after DONE, so that the page finds the lane done when it gets it
    rest = false;
    try {
      if (traced) marks[1] = now();
      const t0 = performance.now();
      const { status, out, rest: r } = serve(data, ctl[OP_LEN], ctl[BODY_LEN]);
      const ms = performance.now() - t0;
      if (ms > longest.ms) longest = { ms, what: decoder.decode(data.slice(0, ctl[OP_LEN])) };
      if (traced) marks[2] = now();
      rest = r === true;
      if (out.length <= data.length) {
        data.set(out);
        ctl[OUT_LEN] = out.length;
        ctl[STATUS] = status;
        if (traced) marks[3] = now();
      } else {
        const text = decoder.decode(out);
        ctl[STATUS] = POSTED;
        reply = status === 200 ? { id, ok: true, result: text } : { id, ok: false, error: text, status };
      }
    } catch (err) {
      ctl[STATUS] = POSTED;
      reply = { id, ok: false, fatal: String((err && err.message) || err) };
    }
    Atomics.store(ctl, DONE, seq);
    if (reply) post(reply);
    const waiter = Atomics.load(ctl, WAITING);
    if (waiter === 1) post({ type: "lane-done" });
    else if (waiter === 2) Atomics.notify(ctl, DONE);
    return true;
  };

  let hot = false;
  const poked = () => {
    if (hot) return;
    if (Atomics.load(ctl, BYE) === 1) {
      pending();
      return;
    }
    hot = true;
    const start = performance.now();
    let end = start + HOT_SLICE_MS;
    // over reports whether the slice is over, or extends it while the
    // host's event loop has nothing to do.
    const over = () => {
      const now = performance.now();
      if (now < end) return false;
      if (now - start >= HOT_LONG_SLICE_MS || waiting()) return true;
      end = Math.min(now + HOT_SLICE_MS, start + HOT_LONG_SLICE_MS);
      return false;
    };
    for (;;) {
      Atomics.store(ctl, HOT, 1);
      for (;;) {
        const wake = Atomics.load(ctl, WAKE);
        pending();
        how = 2;
        // A message waits (the page posted more than the worker received).
        if (Atomics.load(ctl, POSTS) !== received() || Atomics.load(ctl, BYE) === 1 || over()) break;
        // Spin a little first: the next request of a caller awaiting one
        // call after another comes within microseconds, sooner than a
        // blocked thread wakes. Not after a request whose serve said rest:
        // other threads have work to do at once (see serve).
        const spinUs = Atomics.load(ctl, SPIN_US);
        const spinEnd = rest ? 0 : performance.now() + (spinUs > 0 ? spinUs / 1000 : WORKER_SPIN_MS);
        while (Atomics.load(ctl, WAKE) === wake && performance.now() < spinEnd);
        how = Atomics.load(ctl, WAKE) !== wake ? 0 : 1;
        if (Atomics.wait(ctl, WAKE, wake, HOT_IDLE_MS) === "timed-out") break;
      }
      Atomics.store(ctl, HOT, 0);
      // A request written just before HOT went 0 saw HOT 1 and was not
      // poked: serve it.
      if (Atomics.load(ctl, REQ) === last || Atomics.load(ctl, POSTS) !== received() || Atomics.load(ctl, BYE) === 1 || over()) break;
    }
    pending();
    hot = false;
  };

  // takeLongest returns the longest serve since it was last called:
  // {ms, what: the operation}.
  const takeLongest = () => {
    const l = longest;
    longest = { ms: 0, what: "" };
    return l;
  };

  // logs tells the page whether the host keeps a write log now (see
  // LOGS); mark(i) notes the time of a step of a traced request (5: the
  // engine answered, 6: the write recorded).
  const logs = (on) => {
    if ((ctl[LOGS] === 1) !== on) Atomics.store(ctl, LOGS, on ? 1 : 0);
  };
  const mark = (i) => {
    if (traced) marks[i] = now();
  };

  return { pending, poked, takeLongest, logs, mark };
}

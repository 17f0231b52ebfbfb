// host-queue.js — when the engine host (engine-worker.js) runs each of the
// page's messages: in arrival order, one after another (a handler that
// waits holds the ones after it back), at once when nothing is queued
// (trySync), and never before a shared-lane request the page wrote earlier
// (beforeMessage serves the lane first, see shared-channel.js). It also
// keeps the longest time one message's handler held the engine
// (benchmarks). What a message does is the host's handlers'; this module
// only orders and times them.

// createQueue returns the host's message side. handlers maps a message type
// to its handler (msg → result, or a promise of it); lane() is the shared
// lane's worker end or null; ready() says whether the engine runs;
// cancel(id) stops the export whose request id is id.
export function createQueue({ handlers, lane, ready, cancel }) {
  let received = 0; // messages from the page other than pokes (see serveSharedLane)
  // The longest time one message's handler (its part before it first
  // waits) held the engine since the last takeLongest: {ms, what}.
  let longest = { ms: 0, what: "" };
  const held = (what, t0) => {
    const ms = performance.now() - t0;
    if (ms > longest.ms) longest = { ms, what };
  };

  // reply turns a handler's result into the reply message.
  const reply = (msg, result) =>
    result && typeof result === "object" && typeof result.error === "string" && msg.type !== "batch"
      ? { id: msg.id, ok: false, error: result.error, status: result.status }
      : { id: msg.id, ok: true, result };
  const fatal = (msg, err) => ({ id: msg.id, ok: false, fatal: String(err && err.message || err) });

  let queue = Promise.resolve();
  let queued = 0; // messages in queue not answered yet
  return {
    // received counts the messages other than pokes so far (the shared
    // lane leaves its loop when the page has posted more).
    received: () => received,
    // takeLongest returns, and starts afresh, the longest hold {ms, what}.
    takeLongest() {
      const r = longest;
      longest = { ms: 0, what: "" };
      return r;
    },
    // beforeMessage serves a shared-lane request that was written before
    // msg was sent, and answers a poke (see shared-channel.js); it returns
    // true when msg needs nothing more.
    beforeMessage(msg) {
      if (msg.type !== "poke") received++;
      if (msg.type === "cancel") cancel(msg.of); // at once, not after what is queued
      const l = lane();
      if (!l) return msg.type === "poke" || msg.type === "cancel";
      if (msg.type === "poke") {
        l.poked();
        return true;
      }
      l.pending();
      return msg.type === "cancel";
    },
    // trySync answers a handle or batch message at once when nothing is
    // queued before it (and the engine runs), or returns null.
    trySync(msg) {
      if (queued > 0 || !ready() || (msg.type !== "handle" && msg.type !== "batch")) return null;
      try {
        const t0 = performance.now();
        const r = reply(msg, handlers[msg.type](msg));
        held(msg.type, t0);
        return r;
      } catch (err) {
        return fatal(msg, err);
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
          return fatal(msg, err);
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

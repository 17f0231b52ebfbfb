// engine-controls.js — the playground's operations besides DynamoDB's
// (the base class of ddbplay.js's Playground): the state as a whole
// (export, import, reset, flush) and the engine's own controls (the
// virtual clock, large-table settings, capacity, partitions, generated
// load, timing for benchmarks). Each is one request to the engine host
// (engine-worker.js) through the playground's EngineLink, once the engine
// is ready; the DynamoDB client (send, sendText, fetch) and the
// playground's lifecycle are ddbplay.js's.

// EngineControls is extended by Playground, which sets _link (its
// EngineLink) and _ready (a promise that resolves once the engine runs).
export class EngineControls extends EventTarget {
  /** @returns {Promise<object>} the whole state as a snapshot (engine/snapshot/doc.go) */
  async exportSnapshot() {
    return JSON.parse(await this.exportSnapshotText());
  }

  /** @returns {Promise<string>} the snapshot as JSON text */
  async exportSnapshotText() {
    return (await this.exportSnapshotBlob()).text();
  }

  /**
   * The snapshot as a Blob of its JSON text. It takes the state at once and
   * writes it in slices between which calls go on (calls made after it wait
   * for it, so that order holds); a long export reports its progress in
   * bytes and stops when signal aborts (rejecting with an AbortError).
   * @param {{onProgress?: (p: {task: string, done: number, total: number}) => void, signal?: AbortSignal}} [options]
   * @returns {Promise<Blob>}
   */
  async exportSnapshotBlob({ onProgress, signal } = {}) {
    signal?.throwIfAborted();
    // Once started, the request goes at once (in this call): a call sent
    // after it comes after it.
    if (this._link.mode === undefined) await this._ready;
    const r = await this._link.request({ type: "export" }, { task: "export", onProgress }, signal);
    if (r instanceof Blob) return r;
    // A small snapshot comes as its bytes (no Blob made in the worker).
    if (r instanceof Uint8Array) return new Blob([r], { type: "application/json" });
    throw new DOMException("The export was cancelled", "AbortError");
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
    await this._link.request({ type: "import", text }, { task: "import", onProgress });
  }

  /** Deletes every table; with persist, the space's saved state becomes empty too. */
  async reset() {
    await this._ready;
    await this._link.request({ type: "reset" });
  }

  /**
   * Moves the engine's clock forward by seconds (instead of waiting), then
   * deletes the items whose Time to Live has passed.
   * @param {number} seconds
   * @returns {Promise<number>} how many items expired
   */
  async advanceClock(seconds) {
    await this._ready;
    return this._link.request({ type: "advanceClock", seconds });
  }

  /**
   * The engine's virtual clock: action "" (read it), "pause", "resume",
   * "step" (value: seconds; expired TTL items go) or "speed" (value: 1…1000).
   * @returns {Promise<{now: number, paused: boolean, speed: number}>} now in Unix ms
   */
  async clock(action = "", value = 0) {
    await this._ready;
    return JSON.parse(await this._link.request({ type: "clock", action, value }));
  }

  // _pace waits between two tries of waitForTable and waitForTableGone:
  // 100 ms at the clock's speed, or a step of a paused clock by a second
  // instead, so that nothing waits for ever.
  async _pace() {
    const c = await this.clock();
    if (c.paused) await this.clock("step", 1);
    else await new Promise((r) => setTimeout(r, 100 / Math.max(1, c.speed || 1)));
  }

  /**
   * Large-table settings: {throttle} (throughput enforcement, on by
   * default here) and {replicaLagMs}; members left out stay as they are.
   * @returns {Promise<{throttle: boolean, replicaLagMs: number}>}
   */
  async settings({ throttle, replicaLagMs } = {}) {
    await this._ready;
    return JSON.parse(await this._link.request({ type: "settings", throttle, replicaLagMs }));
  }

  /**
   * Partitions, per-second consumed and throttled capacity (last 15
   * minutes of engine time), burst balance and replication of one table
   * ("" for every table); see the README, "Large tables". A second's
   * counters that are zero are left out of it.
   * @returns {Promise<object>}
   */
  async capacity(table = "") {
    await this._ready;
    return JSON.parse(await this._link.request({ type: "capacity", table }));
  }

  /**
   * The partition of table (or of its global secondary index, when index
   * is not "") that holds the partition-key value key (e.g. {S: "a"}).
   * @returns {Promise<number>} the partition's id, as capacity() lists it
   */
  async partition(table, index, key) {
    await this._ready;
    return this._link.request({ type: "partition", table, index: index || "", key });
  }

  /**
   * Plays generated load next to the engine (engine/loadgen) on the
   * virtual clock, which it pauses. request.spec starts a new load
   * ({table, reads, queries, updates, rps, seconds, itemBytes, keys,
   * sortKeys, dist, consistent, seed, ticks}); request.seconds plays the
   * next virtual seconds of the load in progress; request.last says the
   * load ends here (its writes are then saved).
   * @param {{spec?: object, seconds?: number, last?: boolean}} request
   * @returns {Promise<object>} {done, played, slice, summary}: the slice's
   *   per-second series and the whole load's summary so far
   */
  async load(request) {
    await this._ready;
    const body = JSON.stringify({ spec: request.spec, seconds: request.seconds || 0 });
    return this._link.request({ type: "load", request: body, last: !!request.last });
  }

  /** Resolves once every write so far is saved (at once without persist). */
  async flush() {
    await this._ready;
    await this._link.request({ type: "flush" });
  }

  // _time measures the engine's own cost of op, without the page↔worker
  // trip: rounds × perRound calls, resolving with each round's mean ms per
  // call. For benchmarks.
  async _time(op, input, rounds, perRound) {
    await this._ready;
    return this._link.request({ type: "time", op, body: JSON.stringify(input), rounds, perRound });
  }
}

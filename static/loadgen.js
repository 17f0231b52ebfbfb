// loadgen.js — the load generator that runs inside the engine's host
// (engine-worker.js), next to the engine: a slice of virtual time of
// traffic at a time, without a message per request. ddbplay.js's
// Playground.load(spec) is its door; the page's large-tables lab drives it.
//
// runLoad(engine, spec, prev) plays spec.seconds of virtual time: every
// tick (1/ticks of a second) it sends rps/ticks requests (GetItem or
// PutItem, by the read share) straight to engine.handle, then steps the
// engine's virtual clock by the tick ("step" keeps TTL expiry in step too).
// The clock must be paused by the caller (the lab pauses it), or the
// requests of one tick would land in different seconds.
//
// spec: {table, pk, pkType ("S"|"N"|"B"), sk, skType (optional), reads
// (0…1: share of reads), rps, seconds, itemBytes (size of a written item),
// keys (number of distinct partition keys), dist ("uniform"|"zipf"|"hot"),
// consistent (strongly consistent reads), seed, ticks (per second,
// default 10), last (the load's last slice: the host saves its writes
// then)}. state carries the generator between calls (same spec, next
// slice): pass the object the previous call returned as state.
//
// It returns {state, requests, reads, writes, ok, throttled, errors,
// reasons: {reason: count}, firstThrottle: {op, body, error} | null,
// firstError: {op, body, error} | null, hot: {key, count}}.

const ZIPF_S = 1.1; // Zipf's exponent: a few keys take most of the traffic

/** mulberry32 is a small seeded generator of numbers in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// zipfCDF returns the cumulative distribution of Zipf's law over n keys.
function zipfCDF(n) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / Math.pow(k + 1, ZIPF_S);
    cdf[k] = sum;
  }
  for (let k = 0; k < n; k++) cdf[k] /= sum;
  return cdf;
}

function searchCDF(cdf, u) {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// keyJSON returns the DynamoDB JSON of key number k of type t.
export function keyJSON(t, k) {
  if (t === "N") return '{"N":"' + k + '"}';
  if (t === "B") return '{"B":"' + btoa("k" + k) + '"}';
  return '{"S":"k' + k + '"}';
}

/** keyValue returns the attribute value of key number k of type t. */
export function keyValue(t, k) {
  return JSON.parse(keyJSON(t, k));
}

/**
 * runLoad plays a slice of load; see the file comment.
 * @param {{handleQuiet: Function, clock: Function}} engine
 * @param {object} spec
 * @param {object|null} prev the previous slice's result, or null
 */
export function runLoad(engine, spec, prev) {
  const st = prev && prev.state ? prev.state : { seed: (spec.seed >>> 0) || 1, carry: 0 };
  const rand = mulberry32(st.seed);
  const keys = Math.max(1, Math.floor(spec.keys) || 1);
  const dist = spec.dist === "zipf" || spec.dist === "hot" ? spec.dist : "uniform";
  const cdf = dist === "zipf" ? zipfCDF(keys) : null;
  const ticks = Math.max(1, Math.min(1000, Math.floor(spec.ticks) || 10));
  const table = JSON.stringify(String(spec.table));
  const pk = JSON.stringify(String(spec.pk));
  const pkType = spec.pkType || "S";
  const sk = spec.sk ? JSON.stringify(String(spec.sk)) + ":" + keyJSON(spec.skType || "S", 0) : "";
  const fill = Math.max(0, (Math.floor(spec.itemBytes) || 100) - String(spec.pk).length - 8 - (sk ? 10 : 0) - 4);
  const pad = ',"data":{"S":"' + "x".repeat(fill) + '"}';
  const consistent = spec.consistent ? ',"ConsistentRead":true' : "";
  const putHead = '{"TableName":' + table + ',"Item":{' + pk + ":";
  const putTail = (sk ? "," + sk : "") + pad + "}}";
  const getHead = '{"TableName":' + table + ',"Key":{' + pk + ":";
  const getTail = (sk ? "," + sk : "") + "}" + consistent + "}";
  const reads = Math.min(1, Math.max(0, Number(spec.reads) || 0));
  const out = { requests: 0, reads: 0, writes: 0, ok: 0, throttled: 0, errors: 0, reasons: {}, firstThrottle: null, firstError: null, hot: null };
  const counts = new Map();
  const perTick = Math.max(0, Number(spec.rps) || 0) / ticks;
  const total = Math.round(Math.max(0, Number(spec.seconds) || 0) * ticks);
  let carry = st.carry;
  for (let t = 0; t < total; t++) {
    carry += perTick;
    const n = Math.floor(carry);
    carry -= n;
    for (let i = 0; i < n; i++) {
      let k;
      if (dist === "hot") k = 0;
      else if (cdf) k = searchCDF(cdf, rand());
      else k = Math.floor(rand() * keys);
      counts.set(k, (counts.get(k) || 0) + 1);
      const isRead = reads > 0 && rand() < reads;
      const op = isRead ? "GetItem" : "PutItem";
      const body = isRead ? getHead + keyJSON(pkType, k) + getTail : putHead + keyJSON(pkType, k) + putTail;
      const r = engine.handleQuiet(op, body);
      out.requests++;
      if (isRead) out.reads++;
      else out.writes++;
      if (r === null) {
        out.ok++;
        continue;
      }
      const text = r.error;
      if (text.includes("ProvisionedThroughputExceeded") || text.includes("RequestLimitExceeded") || text.includes("ThrottlingException")) {
        out.throttled++;
        const at = text.indexOf('"reason":"');
        const reason = at < 0 ? "(none)" : text.slice(at + 10, text.indexOf('"', at + 10));
        out.reasons[reason] = (out.reasons[reason] || 0) + 1;
        if (!out.firstThrottle) out.firstThrottle = { op, body, error: text, status: r.status };
      } else {
        out.errors++;
        if (!out.firstError) out.firstError = { op, body, error: text, status: r.status };
      }
    }
    engine.clock("step", 1 / ticks);
  }
  let hot = null;
  for (const [k, c] of counts) if (!hot || c > hot.count) hot = { k, count: c };
  if (hot) out.hot = { key: keyValue(pkType, hot.k), count: hot.count };
  st.seed = Math.floor(rand() * 4294967296) >>> 0;
  st.carry = carry;
  out.state = st;
  return out;
}

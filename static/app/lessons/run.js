// run.js — running a lesson's request lists against the engine: the
// templates of a repeated request, the waits DynamoDB asks for (a new or
// updated table until ACTIVE, a deleted one until gone, a new index until
// it has backfilled), progress and
// Cancel, the learner's log, and a lesson's start. The format and its
// checks are in checks.js.

import { LessonError, isObj } from "./checks.js";

/**
 * expand fills a request's templates for repetition i: in every string,
 * "${i}" becomes i, "${i%N}" i modulo N, and "${fill:N}" N letters "x" (N ≤ 1,000,000, for
 * large items).
 */
export function expand(value, i) {
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    return value.replace(/\$\{i\}/g, String(i)).replace(/\$\{i%(\d{1,6})\}/g, (_, n) => String(i % Math.max(1, Number(n)))).replace(/\$\{fill:(\d{1,7})\}/g, (_, n) => "x".repeat(Math.min(Number(n), 1000000)));
  }
  if (Array.isArray(value)) return value.map((v) => expand(v, i));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, i)]));
  return value;
}

// A waitForIndex request polls at most this many times, one second of
// engine time apart (a GSI backfills for 2 s plus 1 s per 10,000 items).
const MAX_INDEX_POLLS = 600;

/**
 * engineWait returns wait(seconds) for runRequests: it lets seconds of
 * db's engine time pass. A paused clock is stepped (so that nothing waits
 * for ever on it); a running one is waited for at its speed. Without a
 * clock (a remote endpoint) it waits in real time.
 */
export function engineWait(db) {
  return async (seconds) => {
    const c = typeof db.clock === "function" ? await db.clock() : { paused: false, speed: 1 };
    if (c.paused) {
      await db.clock("step", seconds);
      return;
    }
    await new Promise((r) => setTimeout(r, (seconds * 1000) / Math.max(1, c.speed || 1)));
  };
}

const realWait = (seconds) => new Promise((r) => setTimeout(r, seconds * 1000));

/**
 * untilIndexActive sends r (a DescribeTable with waitForIndex) until that
 * global secondary index is ACTIVE, as a DynamoDB user waits after adding
 * one: wait(1) between tries. An index that is missing, or still not ACTIVE
 * after MAX_INDEX_POLLS tries, rejects.
 */
async function untilIndexActive(r, send, wait, signal) {
  for (let n = 0; n < MAX_INDEX_POLLS; n++) {
    if (signal && signal.aborted) return;
    const out = await send(r.op, expand(r.input || {}, 0));
    const ix = ((out && out.Table && out.Table.GlobalSecondaryIndexes) || []).find((x) => x.IndexName === r.waitForIndex);
    if (!ix) throw new LessonError("DescribeTable shows no global secondary index " + r.waitForIndex + " to wait for");
    if (ix.IndexStatus === "ACTIVE") return;
    await wait(1);
  }
  throw new LessonError("index " + r.waitForIndex + " is still not ACTIVE after " + MAX_INDEX_POLLS + " seconds of engine time");
}

/**
 * untilTableActive waits after a CreateTable of name, as a DynamoDB user
 * waits (a new table is CREATING for 2 s of engine time, and refuses
 * reads and writes until ACTIVE): DescribeTable, then wait(1), until the
 * table is ACTIVE. Still CREATING after MAX_INDEX_POLLS tries rejects.
 */
async function untilTableActive(name, send, wait, signal) {
  for (let n = 0; n < MAX_INDEX_POLLS; n++) {
    if (signal && signal.aborted) return;
    const out = await send("DescribeTable", { TableName: name });
    if (out && out.Table && out.Table.TableStatus === "ACTIVE") return;
    await wait(1);
  }
  throw new LessonError("table " + name + " is still not ACTIVE after " + MAX_INDEX_POLLS + " seconds of engine time");
}

/**
 * untilTableGone waits after a DeleteTable of name, as a DynamoDB user
 * waits (a deleted table is DELETING for 2 s of engine time, and its name
 * cannot be used again until then): DescribeTable, then wait(1), until it
 * is ResourceNotFoundException.
 */
async function untilTableGone(name, send, wait, signal) {
  for (let n = 0; n < MAX_INDEX_POLLS; n++) {
    if (signal && signal.aborted) return;
    try {
      await send("DescribeTable", { TableName: name });
    } catch (e) {
      if (e.name === "ResourceNotFoundException") return;
      throw e;
    }
    await wait(1);
  }
  throw new LessonError("table " + name + " is still DELETING after " + MAX_INDEX_POLLS + " seconds of engine time");
}

/**
 * runRequests sends a request list in order through send (which should
 * record each request in the log). A request that fails with its
 * expectError (an error name, or "*" for any) is fine; any other failure
 * stops and rejects. Resolves a summary {sent, failed: {name: count}}.
 * onProgress(done, total) is called after each request; signal (an
 * AbortSignal) stops between requests. A request with waitForIndex is
 * repeated, with wait(1) between tries (engineWait(db); real time by
 * default), until that index is ACTIVE; after a CreateTable or an
 * UpdateTable that succeeds, DescribeTable is repeated the same way until
 * the table is ACTIVE (untilTableActive), and after a DeleteTable until
 * the table is gone (untilTableGone).
 */
export async function runRequests(list, send, { onProgress, signal, wait = realWait } = {}) {
  const total = list.reduce((n, r) => n + (r.repeat || 1), 0);
  const failed = {};
  let done = 0;
  for (const r of list) {
    for (let i = 0; i < (r.repeat || 1); i++) {
      if (signal && signal.aborted) return { sent: done, failed, cancelled: true };
      try {
        if (r.waitForIndex) await untilIndexActive(r, send, wait, signal);
        else {
          const input = expand(r.input || {}, i);
          await send(r.op, input);
          const name = input && typeof input.TableName === "string" ? input.TableName : "";
          if (name && (r.op === "CreateTable" || r.op === "UpdateTable")) await untilTableActive(name, send, wait, signal);
          if (name && r.op === "DeleteTable") await untilTableGone(name, send, wait, signal);
        }
      } catch (e) {
        if (!r.expectError || (r.expectError !== "*" && r.expectError !== e.name)) throw e;
        failed[e.name] = (failed[e.name] || 0) + 1;
      }
      done++;
      if (onProgress) onProgress(done, total);
    }
  }
  return { sent: done, failed };
}

/**
 * recorder wraps a door's send so that every request lands in log as
 * {op, input, output} or {op, input, error: {name, message}}.
 */
export function recorder(send, log = []) {
  return {
    log,
    send: async (op, input) => {
      try {
        const output = await send(op, input);
        log.push({ op, input, output });
        return output;
      } catch (e) {
        log.push({ op, input, error: { name: e.name, message: e.message } });
        throw e;
      }
    },
  };
}

/**
 * startLesson puts the engine in a lesson's starting state: everything is
 * deleted (db.reset()), then its snapshot is imported or its setup
 * requests are sent. db is a Playground (static/ddbplay.js).
 */
export async function startLesson(db, lesson, opts = {}) {
  await db.reset();
  const start = lesson.start || {};
  if (start.snapshot) await db.importSnapshot(start.snapshot, opts);
  if (start.setup) await runRequests(start.setup, (op, input) => db.send(op, input), { wait: engineWait(db), ...opts });
}

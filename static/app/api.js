// api.js — every engine call from the page goes through call(), which
// logs it in the operation log.

import { state, emit } from "./state.js";
import { logCall } from "./oplog.js";

let inCall = false;

/** fromPage reports whether the page's own call() is sending (doorwatch.js). */
export function fromPage() {
  return inCall;
}

/**
 * call sends op with input through the door, logging request and
 * response. Resolves with DynamoDB's output; rejects with the door's
 * error (name = DynamoDB error type). A logged call is also emitted as a
 * "call" event ({op, input, output} or {op, input, error}) for lessons.
 * @param {string} op
 * @param {object} input
 * @param {{log?: boolean|"auto"}} [opts] log:false for background
 *   polling, "auto" for the page's own refreshes (logged, shown on demand).
 */
export async function call(op, input, opts = {}) {
  const done = opts.log === false ? null : logCall(op, input, { auto: opts.log === "auto" });
  try {
    let sent;
    inCall = true;
    try {
      sent = state.db.send(op, input);
    } finally {
      inCall = false;
    }
    const out = await sent;
    if (done) done(out);
    if (done) emit("call", { op, input, output: out });
    return out;
  } catch (err) {
    if (done) done(undefined, err);
    if (done) emit("call", { op, input, error: { name: err.name, message: err.message } });
    throw err;
  }
}

/** listAllTables returns every table name (following pagination). */
export async function listAllTables(opts) {
  const names = [];
  let start;
  do {
    const req = start ? { ExclusiveStartTableName: start } : {};
    const out = await call("ListTables", req, opts);
    names.push(...(out.TableNames || []));
    start = out.LastEvaluatedTableName;
  } while (start);
  return names;
}

/** describe returns DescribeTable's Table. */
export async function describe(table, opts) {
  const out = await call("DescribeTable", { TableName: table }, opts);
  return out.Table;
}

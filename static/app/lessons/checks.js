// checks.js — the lesson format's checks, evaluated against the engine
// and the operation log. No DOM: it runs in any page, worker or Node.
//
// A check is data ({"kind": "tableExists", ...}); evaluate(check, ctx)
// answers {ok, expected, found}, both in plain words. ctx is
// {send, log}: send(op, input) is the engine's door (static/ddbplay.js
// Playground.send, which never logs), log is the requests the learner
// made, oldest first, as {op, input, output?, error?: {name, message}}.
// The kinds are documented in README.md ("Writing a lesson") and listed in
// CHECK_KINDS with the fields each one takes.

/** LessonError is a lesson, check or request list that does not follow the format. */
export class LessonError extends Error {
  constructor(message) {
    super(message);
    this.name = "LessonError";
  }
}

// Operations that read or write items (the learner's "requests" for
// lastRequest's default and the tables a log entry touched).
const ITEM_OPS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems"];

/**
 * CHECK_KINDS lists each check kind with its required and optional
 * fields; validateCheck uses it and the exercise builder shows it.
 */
export const CHECK_KINDS = {
  tableExists: { required: ["table"], optional: ["keySchema", "attributeTypes", "billingMode", "throughput", "say"],
    example: { kind: "tableExists", table: "Music", keySchema: [{ AttributeName: "Artist", KeyType: "HASH" }, { AttributeName: "Song", KeyType: "RANGE" }], billingMode: "PAY_PER_REQUEST" } },
  tableMissing: { required: ["table"], optional: ["say"], example: { kind: "tableMissing", table: "Old" } },
  indexExists: { required: ["table", "index"], optional: ["keySchema", "projection", "nonKeyAttributes", "global", "say"],
    example: { kind: "indexExists", table: "Music", index: "ByGenre", keySchema: [{ AttributeName: "Genre", KeyType: "HASH" }], projection: "ALL" } },
  itemHas: { required: ["table", "key"], optional: ["attributes", "absent", "say"],
    example: { kind: "itemHas", table: "Music", key: { Artist: { S: "Ann" }, Song: { S: "A1" } }, attributes: { Year: { N: "2001" } } } },
  itemMissing: { required: ["table", "key"], optional: ["say"], example: { kind: "itemMissing", table: "Music", key: { Artist: { S: "Ann" }, Song: { S: "A1" } } } },
  itemCount: { required: ["table", "count"], optional: ["say"], example: { kind: "itemCount", table: "Music", count: 3 } },
  queryReturns: { required: ["request", "items"], optional: ["op", "ordered", "attributes", "say"],
    example: { kind: "queryReturns", op: "Query", request: { TableName: "Music", KeyConditionExpression: "Artist = :a", ExpressionAttributeValues: { ":a": { S: "Ann" } } }, items: [] } },
  lastRequest: { required: ["op"], optional: ["table", "index", "noScan", "params", "has", "succeeded", "returned", "attributes", "say"],
    example: { kind: "lastRequest", op: "Query", table: "Music", index: "ByGenre", noScan: true } },
  requestMade: { required: ["op"], optional: ["table", "index", "params", "has", "say"], example: { kind: "requestMade", op: "UpdateItem", table: "Music", params: { ReturnValues: "ALL_NEW" } } },
  requestFailed: { required: ["error"], optional: ["op", "table", "index", "params", "say"], example: { kind: "requestFailed", op: "PutItem", error: "ConditionalCheckFailedException" } },
  consumedAtMost: { required: ["op", "capacity"], optional: ["table", "index", "say"], example: { kind: "consumedAtMost", op: "Query", table: "Music", capacity: 1 } },
  throttledThenSucceeded: { required: ["table"], optional: ["op", "raisedCapacity", "say"], example: { kind: "throttledThenSucceeded", table: "Orders", op: "PutItem", raisedCapacity: true } },
};

const PLAIN_TYPES = { S: "string", N: "number", B: "binary" };

// ---- values in plain words -------------------------------------------

/** plain renders a DynamoDB attribute value as short readable text. */
export function plain(av) {
  if (!av || typeof av !== "object") return String(av);
  const [t, v] = Object.entries(av)[0] || [];
  switch (t) {
    case "S": return JSON.stringify(v);
    case "N": return String(v);
    case "B": return "binary(" + String(v).length + " chars)";
    case "BOOL": return String(v);
    case "NULL": return "null";
    case "SS": return "<<" + v.map((x) => JSON.stringify(x)).join(", ") + ">>";
    case "NS": return "<<" + v.join(", ") + ">>";
    case "BS": return "<<" + v.length + " binaries>>";
    case "L": return "[" + v.map(plain).join(", ") + "]";
    case "M": return plainItem(v);
    default: return JSON.stringify(av);
  }
}

/** plainItem renders an item (map of attribute values) as {a: 1, b: "x"}. */
export function plainItem(item) {
  if (!item) return "nothing";
  return "{" + Object.keys(item).sort().map((k) => k + ": " + plain(item[k])).join(", ") + "}";
}

function plainKey(schema) {
  const hash = schema.find((k) => k.KeyType === "HASH");
  const range = schema.find((k) => k.KeyType === "RANGE");
  return "partition key " + (hash ? hash.AttributeName : "?") + (range ? " and sort key " + range.AttributeName : " and no sort key");
}

// ---- value equality ----------------------------------------------------

function canonNumber(s) {
  const n = Number(s);
  return Number.isFinite(n) && String(n) === String(s).replace(/^\+/, "") ? String(n) : String(s).replace(/^(-?)0+(?=\d)/, "$1").replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

/** sameValue compares two attribute values; sets compare without order, numbers by value. */
export function sameValue(a, b) {
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  const [ta, va] = Object.entries(a)[0] || [];
  const [tb, vb] = Object.entries(b)[0] || [];
  if (ta !== tb) return false;
  switch (ta) {
    case "S": case "B": case "BOOL": case "NULL": return va === vb;
    case "N": return canonNumber(va) === canonNumber(vb);
    case "SS": case "BS": return Array.isArray(va) && Array.isArray(vb) && va.length === vb.length && [...va].sort().join("\u0000") === [...vb].sort().join("\u0000");
    case "NS": return Array.isArray(va) && Array.isArray(vb) && va.length === vb.length && va.map(canonNumber).sort().join(",") === vb.map(canonNumber).sort().join(",");
    case "L": return Array.isArray(va) && Array.isArray(vb) && va.length === vb.length && va.every((x, i) => sameValue(x, vb[i]));
    case "M": return sameItem(va, vb);
    default: return false;
  }
}

/** sameItem compares two items attribute by attribute. */
export function sameItem(a, b) {
  if (!a || !b) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
}

// subset reports whether every member of want is in got with the same
// JSON value (used for "params": the request had these members).
function subset(want, got) {
  if (want === null || typeof want !== "object") return want === got;
  if (got === null || typeof got !== "object") return false;
  if (Array.isArray(want)) return Array.isArray(got) && want.length === got.length && want.every((w, i) => subset(w, got[i]));
  return Object.entries(want).every(([k, v]) => subset(v, got[k]));
}

// ---- the log -------------------------------------------------------------

/** tablesOf names the tables a request touches. */
export function tablesOf(op, input) {
  if (!input || typeof input !== "object") return [];
  if (typeof input.TableName === "string") return [input.TableName];
  if ((op === "BatchGetItem" || op === "BatchWriteItem") && input.RequestItems && typeof input.RequestItems === "object") return Object.keys(input.RequestItems);
  if (Array.isArray(input.TransactItems)) {
    return [...new Set(input.TransactItems.map((t) => Object.values(t || {})[0]).filter((x) => x && typeof x.TableName === "string").map((x) => x.TableName))];
  }
  return [];
}

function describeEntry(e) {
  const where = tablesOf(e.op, e.input).join(", ");
  const ix = e.input && e.input.IndexName ? " index " + e.input.IndexName : "";
  return "a " + e.op + (where ? " on " + where : "") + ix + (e.error ? " that failed with " + e.error.name : "");
}

function matches(e, check) {
  if (check.op && e.op !== check.op) return false;
  if (check.table && !tablesOf(e.op, e.input).includes(check.table)) return false;
  if (check.index !== undefined && check.index !== null && (e.input || {}).IndexName !== check.index) return false;
  if (check.params && !subset(check.params, e.input)) return false;
  if (check.has && !check.has.every((k) => e.input && e.input[k] !== undefined)) return false;
  return true;
}

function what(check) {
  return "a " + (check.op || "request") + (check.table ? " on " + check.table : "") + (check.index ? " using index " + check.index : "") +
    (check.params ? " with " + JSON.stringify(check.params) : "") + (check.has ? " with " + check.has.join(" and ") : "");
}

// ---- reading the engine -------------------------------------------------

async function describe(send, table) {
  try {
    return (await send("DescribeTable", { TableName: table })).Table;
  } catch (e) {
    // A name DynamoDB rejects (ValidationException) names no table either.
    if (e && (e.name === "ResourceNotFoundException" || e.name === "ValidationException")) return null;
    throw e;
  }
}

/** readAll runs a Query or Scan through every page (at most maxPages). */
export async function readAll(send, op, request, maxPages = 1000) {
  const items = [];
  let start;
  for (let page = 0; page < maxPages; page++) {
    const req = start ? { ...request, ExclusiveStartKey: start } : { ...request };
    const out = await send(op, req);
    items.push(...(out.Items || []));
    start = out.LastEvaluatedKey;
    if (!start || request.Limit) break;
  }
  return items;
}

function keyText(schema, defs) {
  return schema.map((k) => {
    const d = (defs || []).find((a) => a.AttributeName === k.AttributeName);
    return (k.KeyType === "HASH" ? "partition key " : "sort key ") + k.AttributeName + (d ? " (" + (PLAIN_TYPES[d.AttributeType] || d.AttributeType) + ")" : "");
  }).join(" and ");
}

function sameSchema(want, got) {
  return want.length === got.length && want.every((w) => got.some((g) => g.AttributeName === w.AttributeName && g.KeyType === w.KeyType));
}

// ---- the kinds ------------------------------------------------------------

const kinds = {
  async tableExists(c, { send }) {
    const want = ["a table " + c.table];
    if (c.keySchema) want.push("with " + plainKey(c.keySchema));
    if (c.attributeTypes) want.push("typed " + Object.entries(c.attributeTypes).map(([a, t]) => a + " " + (PLAIN_TYPES[t] || t)).join(", "));
    if (c.billingMode) want.push("billed " + (c.billingMode === "PROVISIONED" ? "by provisioned capacity" : "on demand (PAY_PER_REQUEST)"));
    if (c.throughput) want.push("with at least " + (c.throughput.read ?? 0) + " RCU and " + (c.throughput.write ?? 0) + " WCU");
    const expected = want.join(" ");
    const t = await describe(send, c.table);
    if (!t) return { ok: false, expected, found: "no table named " + c.table };
    if (c.keySchema && !sameSchema(c.keySchema, t.KeySchema)) return { ok: false, expected, found: "table " + c.table + " has " + keyText(t.KeySchema, t.AttributeDefinitions) };
    for (const [a, type] of Object.entries(c.attributeTypes || {})) {
      const d = (t.AttributeDefinitions || []).find((x) => x.AttributeName === a);
      if (!d || d.AttributeType !== type) return { ok: false, expected, found: d ? a + " is a " + (PLAIN_TYPES[d.AttributeType] || d.AttributeType) : a + " is not a key attribute of " + c.table };
    }
    const mode = (t.BillingModeSummary && t.BillingModeSummary.BillingMode) || "PROVISIONED";
    if (c.billingMode && mode !== c.billingMode) return { ok: false, expected, found: "table " + c.table + " is billed " + (mode === "PROVISIONED" ? "by provisioned capacity" : "on demand") };
    if (c.throughput) {
      const pt = t.ProvisionedThroughput || {};
      const r = Number(pt.ReadCapacityUnits || 0);
      const w = Number(pt.WriteCapacityUnits || 0);
      if (r < (c.throughput.read ?? 0) || w < (c.throughput.write ?? 0)) return { ok: false, expected, found: "table " + c.table + " has " + r + " RCU and " + w + " WCU" };
    }
    return { ok: true, expected, found: "table " + c.table + " with " + keyText(t.KeySchema, t.AttributeDefinitions) + ", billed " + (mode === "PROVISIONED" ? "by provisioned capacity" : "on demand") };
  },

  async tableMissing(c, { send }) {
    const expected = "no table named " + c.table;
    const t = await describe(send, c.table);
    // A deleted table is DELETING for a moment before it is gone: deleted all the same.
    if (t && t.TableStatus === "DELETING") return { ok: true, expected, found: "table " + c.table + " is being deleted (DELETING)" };
    return t ? { ok: false, expected, found: "table " + c.table + " still exists (" + t.TableStatus + ")" } : { ok: true, expected, found: "no table named " + c.table };
  },

  async indexExists(c, { send }) {
    const kind = c.global === false ? "local" : c.global === true ? "global" : "";
    const want = ["a " + (kind ? kind + " " : "") + "secondary index " + c.index + " on " + c.table];
    if (c.keySchema) want.push("with " + plainKey(c.keySchema));
    if (c.projection) want.push("projecting " + c.projection + (c.nonKeyAttributes ? " (" + c.nonKeyAttributes.join(", ") + ")" : ""));
    const expected = want.join(" ");
    const t = await describe(send, c.table);
    if (!t) return { ok: false, expected, found: "no table named " + c.table };
    const g = (t.GlobalSecondaryIndexes || []).find((x) => x.IndexName === c.index);
    const l = (t.LocalSecondaryIndexes || []).find((x) => x.IndexName === c.index);
    const ix = g || l;
    const names = [...(t.GlobalSecondaryIndexes || []), ...(t.LocalSecondaryIndexes || [])].map((x) => x.IndexName);
    if (!ix) return { ok: false, expected, found: c.table + " has " + (names.length ? "indexes " + names.join(", ") : "no secondary index") };
    if (c.global === true && !g) return { ok: false, expected, found: c.index + " is a local secondary index" };
    if (c.global === false && !l) return { ok: false, expected, found: c.index + " is a global secondary index" };
    if (c.keySchema && !sameSchema(c.keySchema, ix.KeySchema)) return { ok: false, expected, found: c.index + " has " + keyText(ix.KeySchema, t.AttributeDefinitions) };
    const p = ix.Projection || {};
    if (c.projection && p.ProjectionType !== c.projection) return { ok: false, expected, found: c.index + " projects " + p.ProjectionType };
    if (c.nonKeyAttributes) {
      const got = [...(p.NonKeyAttributes || [])].sort().join(", ");
      if (got !== [...c.nonKeyAttributes].sort().join(", ")) return { ok: false, expected, found: c.index + " includes " + (got || "no non-key attributes") };
    }
    return { ok: true, expected, found: (g ? "global" : "local") + " index " + c.index + " with " + keyText(ix.KeySchema, t.AttributeDefinitions) + ", projecting " + p.ProjectionType };
  },

  async itemHas(c, { send }) {
    const parts = ["the item " + plainItem(c.key) + " in " + c.table];
    if (c.attributes) parts.push("with " + Object.keys(c.attributes).sort().map((k) => k + " = " + plain(c.attributes[k])).join(", "));
    if (c.absent) parts.push("without " + c.absent.join(", "));
    const expected = parts.join(" ");
    let item;
    try {
      item = (await send("GetItem", { TableName: c.table, Key: c.key, ConsistentRead: true })).Item;
    } catch (e) {
      return { ok: false, expected, found: "reading it failed: " + e.name + ": " + e.message };
    }
    if (!item) return { ok: false, expected, found: "no such item" };
    for (const [k, v] of Object.entries(c.attributes || {})) {
      if (!(k in item)) return { ok: false, expected, found: "the item has no " + k + ": " + plainItem(item) };
      if (!sameValue(v, item[k])) return { ok: false, expected, found: k + " is " + plain(item[k]) };
    }
    for (const k of c.absent || []) if (k in item) return { ok: false, expected, found: "the item still has " + k + " = " + plain(item[k]) };
    return { ok: true, expected, found: plainItem(item) };
  },

  async itemMissing(c, { send }) {
    const expected = "no item " + plainItem(c.key) + " in " + c.table;
    let item;
    try {
      item = (await send("GetItem", { TableName: c.table, Key: c.key, ConsistentRead: true })).Item;
    } catch (e) {
      return { ok: false, expected, found: "reading it failed: " + e.name + ": " + e.message };
    }
    return item ? { ok: false, expected, found: "the item is there: " + plainItem(item) } : { ok: true, expected, found: "no such item" };
  },

  async itemCount(c, { send }) {
    const expected = c.count + " item" + (c.count === 1 ? "" : "s") + " in " + c.table;
    let n = 0;
    try {
      let start;
      do {
        const out = await send("Scan", { TableName: c.table, Select: "COUNT", ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) });
        n += out.Count || 0;
        start = out.LastEvaluatedKey;
      } while (start);
    } catch (e) {
      return { ok: false, expected, found: e.name === "ResourceNotFoundException" ? "no table named " + c.table : e.name + ": " + e.message };
    }
    return { ok: n === c.count, expected, found: n + " item" + (n === 1 ? "" : "s") };
  },

  async queryReturns(c, { send }) {
    const op = c.op || (c.request.KeyConditionExpression ? "Query" : "Scan");
    const want = c.items;
    const expected = "this " + op + " returns " + want.length + " item" + (want.length === 1 ? "" : "s") + (want.length ? ": " + want.map(plainItem).join("; ") : "") + (c.ordered ? ", in this order" : "");
    let got;
    try {
      got = await readAll(send, op, c.request);
    } catch (e) {
      return { ok: false, expected, found: "the " + op + " failed: " + e.name + ": " + e.message };
    }
    const view = c.attributes ? got.map((it) => Object.fromEntries(c.attributes.filter((a) => a in it).map((a) => [a, it[a]]))) : got;
    const found = view.length + " item" + (view.length === 1 ? "" : "s") + (view.length ? ": " + view.slice(0, 10).map(plainItem).join("; ") + (view.length > 10 ? "; …" : "") : "");
    if (view.length !== want.length) return { ok: false, expected, found };
    if (c.ordered) return { ok: want.every((w, i) => sameItem(w, view[i])), expected, found };
    const left = [...view];
    for (const w of want) {
      const i = left.findIndex((g) => sameItem(w, g));
      if (i < 0) return { ok: false, expected, found: found + " (missing " + plainItem(w) + ")" };
      left.splice(i, 1);
    }
    return { ok: true, expected, found };
  },

  async lastRequest(c, { log }) {
    const among = c.noScan ? [c.op, "Scan"] : [c.op];
    const expected = "your last " + among.join(" or ") + (c.table ? " on " + c.table : "") + " to be " + what({ ...c, table: "" }) + (c.succeeded === false ? "" : " that succeeded");
    const last = [...log].reverse().find((e) => among.includes(e.op) && (!c.table || tablesOf(e.op, e.input).includes(c.table)));
    if (!last) return { ok: false, expected, found: "no " + among.join(" or ") + (c.table ? " on " + c.table : "") + " in your requests yet" };
    const found = describeEntry(last) + (last.input && last.input.IndexName && !c.index ? "" : "");
    if (last.op !== c.op) return { ok: false, expected, found: found + (last.op === "Scan" ? ": a Scan reads the whole table or index" : "") };
    if (c.index !== undefined && c.index !== null && (last.input || {}).IndexName !== c.index) return { ok: false, expected, found: found + ((last.input || {}).IndexName ? "" : ", on the table itself rather than index " + c.index) };
    if (c.index === null && (last.input || {}).IndexName) return { ok: false, expected, found };
    if (c.params && !subset(c.params, last.input)) return { ok: false, expected, found: found + ", whose request did not have " + JSON.stringify(c.params) };
    const lacks = (c.has || []).filter((k) => !last.input || last.input[k] === undefined);
    if (lacks.length) return { ok: false, expected, found: found + " without " + lacks.join(" or ") };
    if (c.succeeded !== false && last.error) return { ok: false, expected, found: found + ": " + last.error.message };
    if (c.returned) {
      const got = ((last.output && last.output.Items) || []).map((it) => c.attributes ? Object.fromEntries(c.attributes.filter((a) => a in it).map((a) => [a, it[a]])) : it);
      const left = [...got];
      const all = c.returned.every((w) => {
        const i = left.findIndex((g) => sameItem(w, g));
        if (i >= 0) left.splice(i, 1);
        return i >= 0;
      });
      const said = got.length + " item" + (got.length === 1 ? "" : "s") + (got.length ? ": " + got.slice(0, 10).map(plainItem).join("; ") + (got.length > 10 ? "; …" : "") : "");
      if (!all || left.length) return { ok: false, expected: expected + ", returning " + c.returned.map(plainItem).join("; "), found: found + " that returned " + said };
      return { ok: true, expected: expected + ", returning " + c.returned.length + " item" + (c.returned.length === 1 ? "" : "s"), found: found + " that returned " + said };
    }
    return { ok: true, expected, found };
  },

  async requestMade(c, { log }) {
    const expected = what(c) + " that succeeded";
    const hit = log.find((e) => !e.error && matches(e, c));
    if (hit) return { ok: true, expected, found: describeEntry(hit) };
    const near = [...log].reverse().find((e) => e.op === c.op);
    return { ok: false, expected, found: near ? "your last " + c.op + " was " + describeEntry(near) : "no " + c.op + " in your requests yet" };
  },

  async requestFailed(c, { log }) {
    const expected = what(c) + " that failed with " + c.error;
    const hit = log.find((e) => e.error && e.error.name === c.error && matches(e, c));
    if (hit) return { ok: true, expected, found: describeEntry(hit) + ": " + hit.error.message };
    const near = [...log].reverse().find((e) => matches(e, c));
    return { ok: false, expected, found: near ? "your last one was " + describeEntry(near) + (near.error ? "" : " that succeeded") : "no such request in your requests yet" };
  },

  async consumedAtMost(c, { log }) {
    const expected = "your last " + what(c) + " to consume at most " + c.capacity + " capacity unit" + (c.capacity === 1 ? "" : "s");
    const last = [...log].reverse().find((e) => !e.error && matches(e, c));
    if (!last) return { ok: false, expected, found: "no successful " + c.op + (c.table ? " on " + c.table : "") + " in your requests yet" };
    const cc = last.output && last.output.ConsumedCapacity;
    if (!cc) return { ok: false, expected, found: "your " + c.op + " did not ask for ReturnConsumedCapacity (send it with \"ReturnConsumedCapacity\": \"TOTAL\")" };
    const units = (Array.isArray(cc) ? cc : [cc]).reduce((n, x) => n + (Number(x.CapacityUnits) || 0), 0);
    return { ok: units <= c.capacity, expected, found: describeEntry(last) + " that consumed " + units + " capacity unit" + (units === 1 ? "" : "s") };
  },

  async throttledThenSucceeded(c, { log }) {
    const op = c.op || "";
    const expected = "a " + (op || "request") + " on " + c.table + " throttled with ProvisionedThroughputExceededException, then " +
      (c.raisedCapacity ? "an UpdateTable raising its capacity, then " : "") + "the same kind of request succeeding";
    const on = (e) => tablesOf(e.op, e.input).includes(c.table) && (!op || e.op === op);
    const first = log.findIndex((e) => on(e) && e.error && e.error.name === "ProvisionedThroughputExceededException");
    if (first < 0) {
      const n = log.filter((e) => on(e)).length;
      return { ok: false, expected, found: n ? n + " request" + (n === 1 ? "" : "s") + " on " + c.table + ", none throttled" : "no requests on " + c.table + " yet" };
    }
    let from = first + 1;
    if (c.raisedCapacity) {
      const up = log.findIndex((e, i) => i > first && e.op === "UpdateTable" && !e.error && e.input && e.input.TableName === c.table && (e.input.ProvisionedThroughput || e.input.BillingMode === "PAY_PER_REQUEST"));
      if (up < 0) return { ok: false, expected, found: "a throttled " + log[first].op + ", but no UpdateTable on " + c.table + " after it" };
      from = up + 1;
    }
    const ok = log.findIndex((e, i) => i >= from && on(e) && e.op === log[first].op && !e.error);
    if (ok < 0) return { ok: false, expected, found: "a throttled " + log[first].op + (c.raisedCapacity ? " and more capacity" : "") + ", but no successful " + log[first].op + " after it" };
    return { ok: true, expected, found: "a throttled " + log[first].op + ", then " + describeEntry(log[ok]) + " that succeeded" };
  },
};

/**
 * evaluate runs one check. Resolves {ok, expected, found}; a check's own
 * "say" replaces expected. Never rejects for the learner's state (a missing
 * table is a failed check); rejects with LessonError for a malformed check.
 * @param {object} check
 * @param {{send: (op: string, input: object) => Promise<any>, log: object[]}} ctx
 */
export async function evaluate(check, ctx) {
  validateCheck(check, "check");
  let r;
  try {
    r = await kinds[check.kind](check, { send: ctx.send, log: ctx.log || [] });
  } catch (e) {
    r = { ok: false, expected: "(the check could not run)", found: "reading the tables failed: " + (e && e.name) + ": " + (e && e.message) };
  }
  return { ok: !!r.ok, expected: check.say || r.expected, found: r.found };
}

/** evaluateTask runs every check of a task; resolves {ok, results}. */
export async function evaluateTask(task, ctx) {
  const results = [];
  for (const c of task.checks) results.push(await evaluate(c, ctx));
  return { ok: results.every((r) => r.ok), results };
}

// ---- validation ----------------------------------------------------------

export const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isStr = (v, max = 10000) => typeof v === "string" && v.length <= max;

function need(cond, where, msg) {
  if (!cond) throw new LessonError(where + ": " + msg);
}

/** validateCheck throws LessonError unless check follows the format. */
export function validateCheck(check, where) {
  need(isObj(check), where, "a check must be an object");
  const spec = CHECK_KINDS[check.kind];
  need(Object.hasOwn(CHECK_KINDS, check.kind) && spec, where, "unknown check kind " + JSON.stringify(check.kind) + " (known: " + Object.keys(CHECK_KINDS).join(", ") + ")");
  for (const f of spec.required) need(check[f] !== undefined, where, check.kind + " needs \"" + f + "\"");
  for (const f of Object.keys(check)) need(f === "kind" || spec.required.includes(f) || spec.optional.includes(f), where, check.kind + " has no field \"" + f + "\"");
  for (const f of ["table", "index", "op", "error", "say", "billingMode", "projection"]) if (check[f] !== undefined && check[f] !== null) need(isStr(check[f], 1000), where, "\"" + f + "\" must be a string");
  if (check.keySchema !== undefined) need(Array.isArray(check.keySchema) && check.keySchema.length >= 1 && check.keySchema.length <= 2 && check.keySchema.every((k) => isObj(k) && isStr(k.AttributeName, 255) && (k.KeyType === "HASH" || k.KeyType === "RANGE")), where, "\"keySchema\" must be DynamoDB's KeySchema: [{AttributeName, KeyType: HASH|RANGE}]");
  for (const f of ["key", "attributeTypes", "request", "params"]) if (check[f] !== undefined) need(isObj(check[f]), where, "\"" + f + "\" must be an object");
  if (check.kind === "queryReturns") {
    need(Array.isArray(check.items) && check.items.every(isObj), where, "\"items\" must be a list of items");
    need(check.op === undefined || check.op === "Query" || check.op === "Scan", where, "queryReturns runs a Query or a Scan");
  }
  if (check.returned !== undefined) need(Array.isArray(check.returned) && check.returned.every(isObj), where, "\"returned\" must be a list of items");
  if (check.kind !== "itemHas" && check.attributes !== undefined) need(Array.isArray(check.attributes) && check.attributes.every((a) => isStr(a, 255)), where, "\"attributes\" must be a list of names");
  if (check.kind === "itemHas" && check.attributes !== undefined) need(isObj(check.attributes), where, "\"attributes\" must be an object of attribute values");
  for (const f of ["absent", "nonKeyAttributes", "has"]) if (check[f] !== undefined) need(Array.isArray(check[f]) && check[f].every((a) => isStr(a, 255)), where, "\"" + f + "\" must be a list of names");
  for (const f of ["count", "capacity"]) if (check[f] !== undefined) need(typeof check[f] === "number" && check[f] >= 0, where, "\"" + f + "\" must be a number ≥ 0");
  if (check.throughput !== undefined) need(isObj(check.throughput) && ["read", "write"].every((k) => check.throughput[k] === undefined || typeof check.throughput[k] === "number"), where, "\"throughput\" must be {read, write} numbers");
  if (check.op !== undefined && check.kind !== "queryReturns") need(ITEM_OPS.includes(check.op) || /^[A-Z][A-Za-z]{2,40}$/.test(check.op), where, "\"op\" must be an operation name");
}

/** validateRequests throws LessonError unless list is a request list ({op, input, repeat?, expectError?}). */
export function validateRequests(list, where) {
  need(Array.isArray(list) && list.length <= 1000, where, "must be a list of requests");
  list.forEach((r, i) => {
    const w = where + "[" + i + "]";
    need(isObj(r) && isStr(r.op, 64) && /^[A-Z][A-Za-z]+$/.test(r.op), w, "a request needs an \"op\" (a DynamoDB operation name)");
    need(r.input === undefined || isObj(r.input), w, "\"input\" must be an object");
    need(r.repeat === undefined || (Number.isInteger(r.repeat) && r.repeat >= 1 && r.repeat <= 2000), w, "\"repeat\" must be a whole number from 1 to 2000");
    need(r.expectError === undefined || isStr(r.expectError, 200), w, "\"expectError\" must be an error name");
    need(r.waitForIndex === undefined || (r.op === "DescribeTable" && isStr(r.waitForIndex, 255) && r.waitForIndex !== "" && r.repeat === undefined), w, "\"waitForIndex\" goes on a DescribeTable (without repeat) and names an index");
    for (const k of Object.keys(r)) need(["op", "input", "repeat", "expectError", "label", "waitForIndex"].includes(k), w, "unknown field \"" + k + "\"");
  });
}

/**
 * validateLesson throws LessonError unless lesson follows
 * "ddbplay-lesson/1"; it returns the lesson.
 */
export function validateLesson(lesson) {
  need(isObj(lesson), "lesson", "must be a JSON object");
  need(lesson.format === "ddbplay-lesson/1", "lesson", "\"format\" must be \"ddbplay-lesson/1\" (found " + JSON.stringify(lesson.format) + ")");
  need(isStr(lesson.id, 64) && /^[a-z0-9-]+$/.test(lesson.id), "lesson", "\"id\" must be lowercase letters, digits and dashes");
  need(isStr(lesson.title, 200) && lesson.title.length > 0, "lesson", "needs a \"title\"");
  need(lesson.summary === undefined || isStr(lesson.summary, 1000), "lesson", "\"summary\" must be text");
  const start = lesson.start ?? {};
  need(isObj(start), "lesson.start", "must be an object");
  if (start.setup !== undefined) validateRequests(start.setup, "lesson.start.setup");
  need(start.snapshot === undefined || isObj(start.snapshot), "lesson.start.snapshot", "must be a snapshot object");
  need(Array.isArray(lesson.steps) && lesson.steps.length >= 1 && lesson.steps.length <= 100, "lesson.steps", "must be a list of 1–100 steps");
  const ids = new Set();
  lesson.steps.forEach((s, i) => {
    const w = "lesson.steps[" + i + "]";
    need(isObj(s) && isStr(s.title, 200) && isStr(s.text, 50000), w, "a step needs a \"title\" and a \"text\"");
    need(s.try === undefined || Array.isArray(s.try), w, "\"try\" must be a list of requests");
    if (s.try) validateRequests(s.try, w + ".try");
    need(s.tasks === undefined || Array.isArray(s.tasks), w, "\"tasks\" must be a list");
    (s.tasks || []).forEach((t, j) => {
      const tw = w + ".tasks[" + j + "]";
      need(isObj(t) && isStr(t.id, 64) && /^[A-Za-z0-9_-]+$/.test(t.id), tw, "a task needs an \"id\" (letters, digits, - and _)");
      need(!ids.has(t.id), tw, "task id " + t.id + " is used twice");
      ids.add(t.id);
      need(isStr(t.title, 300) && isStr(t.text ?? "", 20000), tw, "a task needs a \"title\" (and \"text\" is text)");
      need(Array.isArray(t.checks) && t.checks.length >= 1 && t.checks.length <= 20, tw, "a task needs 1–20 \"checks\"");
      t.checks.forEach((c, k) => validateCheck(c, tw + ".checks[" + k + "]"));
      need(t.hints === undefined || (Array.isArray(t.hints) && t.hints.every((x) => isStr(x))), tw, "\"hints\" must be a list of texts");
      if (t.solution !== undefined) {
        need(isObj(t.solution), tw + ".solution", "must be an object");
        need(t.solution.text === undefined || isStr(t.solution.text, 50000), tw + ".solution", "\"text\" must be text");
        validateRequests(t.solution.requests || [], tw + ".solution.requests");
      }
      need(t.needs === undefined || isStr(t.needs, 200), tw, "\"needs\" must be text");
    });
  });
  return lesson;
}

/** tasksOf lists every task of a lesson in order. */
export function tasksOf(lesson) {
  return lesson.steps.flatMap((s) => s.tasks || []);
}

// remote.js — connected mode: a door with the playground's shape (send,
// fetch, exportSnapshot, importSnapshot, reset, flush, events; the clock,
// settings, capacity and partitions of a ddbplay server) that talks
// to a real DynamoDB endpoint over HTTP instead of the in-page engine: the
// native ddbplay the page was served from, DynamoDB Local, or AWS itself.
//
// Every request is signed with AWS Signature Version 4, computed here with
// WebCrypto (SHA-256 and HMAC-SHA256; ~60 lines, no library). Credentials
// live in this object only: never stored, never put in a link or in
// generated code.

import { protocol } from "../protocol.js";

const TARGET_PREFIX = protocol.targetPrefix;
const CONTENT_TYPE = protocol.contentType;
const BATCH = 25;
// NOT_DDBPLAY names the error of an admin call (clock, settings,
// capacity, partition) to an endpoint that is not a ddbplay server.
const NOT_DDBPLAY = "NotADdbplayServer";

/** notDdbplay is the NotADdbplayServer error with message. */
function notDdbplay(message) {
  const err = new Error(message);
  err.name = NOT_DDBPLAY;
  return err;
}

/** Dummy credentials for endpoints that take any (ddbplay, DynamoDB Local). */
export const DUMMY_CREDENTIALS = Object.freeze({ accessKeyId: "playground", secretAccessKey: "playground", sessionToken: "" });

/** isAWSEndpoint reports whether url is one of AWS's own DynamoDB endpoints. */
export function isAWSEndpoint(url) {
  try {
    return /(^|\.)amazonaws\.com(\.cn)?$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** regionOf returns the region in an AWS endpoint's host name, or "". */
export function regionOf(url) {
  try {
    const m = /^dynamodb(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(new URL(url).hostname);
    return m ? m[1] : "";
  } catch {
    return "";
  }
}

const enc = new TextEncoder();

function hex(buf) {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(data) {
  return hex(await crypto.subtle.digest("SHA-256", typeof data === "string" ? enc.encode(data) : data));
}

async function hmac(key, data) {
  const k = await crypto.subtle.importKey("raw", typeof key === "string" ? enc.encode(key) : key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", k, enc.encode(data));
}

/**
 * sign returns the headers of a SigV4-signed POST of body to url for
 * service "dynamodb": X-Amz-Date, Authorization and, with a session
 * token, X-Amz-Security-Token. headers are the request's own headers
 * (lower-case names), all of which are signed. now: a Date (tests).
 */
export async function sign({ url, headers, body, region, credentials, now = new Date() }) {
  const u = new URL(url);
  const amzDate = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const all = { ...headers, host: u.host, "x-amz-date": amzDate };
  if (credentials.sessionToken) all["x-amz-security-token"] = credentials.sessionToken;
  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v).trim().replace(/\s+/g, " ")]));
  const signedHeaders = names.join(";");
  const canonical = ["POST", u.pathname || "/", u.search.slice(1),
    names.map((n) => n + ":" + lower[n] + "\n").join(""), signedHeaders, await sha256(body)].join("\n");
  const scope = day + "/" + region + "/dynamodb/aws4_request";
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, await sha256(canonical)].join("\n");
  let key = await hmac("AWS4" + credentials.secretAccessKey, day);
  key = await hmac(key, region);
  key = await hmac(key, "dynamodb");
  key = await hmac(key, "aws4_request");
  const signature = hex(await hmac(key, toSign));
  const out = {
    "x-amz-date": amzDate,
    authorization: "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature,
  };
  if (credentials.sessionToken) out["x-amz-security-token"] = credentials.sessionToken;
  return out;
}

// dynamoError turns an error response body into an Error shaped like the
// in-page door's (name = DynamoDB's error type; the body as the server
// sent it, __type and its namespace included, in $rawBody).
function dynamoError(text, status) {
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { message: text.slice(0, 500) || "HTTP " + status };
  }
  const type = String(body.__type || "").split("#").pop() || (status >= 500 ? "InternalServerError" : "Error");
  const err = new Error(String(body.message ?? body.Message ?? ""));
  err.name = type;
  for (const [k, v] of Object.entries(body)) if (k !== "__type" && k !== "message" && k !== "Message") err[k] = v;
  err.$fault = status >= 500 ? "server" : "client";
  err.$metadata = { httpStatusCode: status };
  Object.defineProperty(err, "$rawBody", { value: text });
  return err;
}

/**
 * Endpoint is the door of connected mode. url: the endpoint
 * ("http://localhost:8000", "https://dynamodb.eu-west-1.amazonaws.com").
 */
export class Endpoint extends EventTarget {
  constructor(url, { credentials = DUMMY_CREDENTIALS, region } = {}) {
    super();
    this.url = url;
    this.region = region || regionOf(url) || "us-east-1";
    this._credentials = { ...credentials };
    this.mode = "endpoint";
  }

  /** The endpoint's URL; credentials are not part of it. */
  toString() {
    return this.url;
  }

  /**
   * sendText sends op with a JSON body; resolves with the response text,
   * rejects with DynamoDB's error (name = type).
   */
  async sendText(op, body) {
    const headers = { "content-type": CONTENT_TYPE, "x-amz-target": TARGET_PREFIX + op };
    const signed = await sign({ url: this.url, headers, body, region: this.region, credentials: this._credentials });
    let res;
    try {
      res = await fetch(this.url, { method: "POST", headers: { ...headers, ...signed }, body, credentials: "omit", cache: "no-store" });
    } catch (e) {
      const err = new Error("Could not reach " + this.url + " (" + e.message + "). Is it running, and does it allow this page's origin (CORS)?");
      err.name = "NetworkError";
      throw err;
    }
    const text = await res.text();
    if (!res.ok) throw dynamoError(text, res.status);
    return text;
  }

  /** send is DynamoDB's operation op with input, as the in-page door's. */
  async send(op, input = {}) {
    return JSON.parse(await this.sendText(String(op), JSON.stringify(input)));
  }

  /**
   * fetch forwards a DynamoDB JSON 1.0 request to the endpoint, signed. An
   * error answer passes through as the server sent it (its __type keeps
   * its namespace: com.amazon.coral.validate#, com.amazon.coral.service#,
   * com.amazonaws.dynamodb.v20120810#).
   */
  async fetch(input, init) {
    const req = input instanceof Request && init === undefined ? input : new Request(input, init);
    const target = req.headers.get("x-amz-target") || "";
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
    const body = await req.text();
    try {
      return new Response(await this.sendText(op, body), { status: 200, headers: { "content-type": CONTENT_TYPE } });
    } catch (e) {
      if (!e.$metadata) throw e;
      return new Response(e.$rawBody, { status: e.$metadata.httpStatusCode, headers: { "content-type": CONTENT_TYPE } });
    }
  }

  async _tables() {
    const names = [];
    let start;
    do {
      const out = await this.send("ListTables", start ? { ExclusiveStartTableName: start } : {});
      names.push(...(out.TableNames || []));
      start = out.LastEvaluatedTableName;
    } while (start);
    return names;
  }

  /**
   * exportSnapshot reads every table (DescribeTable + Scan) as a snapshot;
   * an abort of signal stops it between pages (an AbortError).
   */
  async exportSnapshot({ onProgress, signal } = {}) {
    const tables = [];
    let done = 0;
    for (const name of await this._tables()) {
      signal?.throwIfAborted();
      const d = (await this.send("DescribeTable", { TableName: name })).Table;
      const items = [];
      let start;
      do {
        signal?.throwIfAborted();
        const out = await this.send("Scan", start ? { TableName: name, ExclusiveStartKey: start } : { TableName: name });
        items.push(...(out.Items || []));
        start = out.LastEvaluatedKey;
        done += (out.Items || []).length;
        if (onProgress) onProgress({ task: "export", done, total: 0 });
      } while (start);
      tables.push({ ...definition(d), items });
    }
    return { format: "ddbplay-snapshot", version: 1, tables };
  }

  async exportSnapshotText() {
    return JSON.stringify(await this.exportSnapshot());
  }

  /** exportSnapshotBlob is exportSnapshot as a Blob of its JSON text (as the playground's). */
  async exportSnapshotBlob(options = {}) {
    return new Blob([JSON.stringify(await this.exportSnapshot(options))], { type: "application/json" });
  }

  /** reset deletes every table of the endpoint, and waits until they are gone (DELETING first). */
  async reset() {
    const names = await this._tables();
    for (const name of names) await this.send("DeleteTable", { TableName: name });
    for (const name of names) await this.waitGone(name);
  }

  /** waitGone polls DescribeTable until the table is gone (ResourceNotFoundException). */
  async waitGone(name) {
    for (let i = 0; i < 300; i++) {
      try {
        await this.send("DescribeTable", { TableName: name });
      } catch (e) {
        if (e.name === "ResourceNotFoundException") return;
        throw e;
      }
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * (i + 1))));
    }
    throw new Error("Table " + name + " was not deleted.");
  }

  /**
   * importSnapshot replaces the endpoint's tables with the snapshot's:
   * deletes every table, then creates each one and writes its items.
   */
  async importSnapshot(snapshot, { onProgress } = {}) {
    await this.reset();
    const tables = Array.isArray(snapshot.tables) ? snapshot.tables : [];
    const total = tables.reduce((n, t) => n + (t.items || []).length, 0);
    let done = 0;
    for (const t of tables) {
      const { items = [], TimeToLiveSpecification, CreationDateTime, ...create } = t;
      await this.send("CreateTable", create);
      await this.waitActive(create.TableName);
      if (TimeToLiveSpecification) await this.send("UpdateTimeToLive", { TableName: create.TableName, TimeToLiveSpecification });
      for (let i = 0; i < items.length; i += BATCH) {
        let pending = { [create.TableName]: items.slice(i, i + BATCH).map((Item) => ({ PutRequest: { Item } })) };
        for (let tries = 0; pending && Object.keys(pending).length && tries < 20; tries++) {
          pending = (await this.send("BatchWriteItem", { RequestItems: pending })).UnprocessedItems;
        }
        done += Math.min(BATCH, items.length - i);
        if (onProgress) onProgress({ task: "import", done, total });
      }
    }
  }

  /** waitActive polls DescribeTable until the table is ACTIVE (AWS takes seconds). */
  async waitActive(name) {
    for (let i = 0; i < 300; i++) {
      const d = (await this.send("DescribeTable", { TableName: name })).Table;
      if (d.TableStatus === "ACTIVE") return;
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * (i + 1))));
    }
    throw new Error("Table " + name + " did not become ACTIVE.");
  }

  /**
   * clock reads or drives the endpoint's engine clock, as the playground's
   * clock(action, value) does: a ddbplay server's, through its admin API
   * (README "Point the AWS CLI, boto3 and the SDKs at it"). DynamoDB and
   * other servers run in real time: reading their clock gives the time
   * now, an action fails with an error that says so.
   * @returns {Promise<{now: number, paused: boolean, speed: number}>}
   */
  async clock(action = "", value = 0) {
    if (!action) {
      try {
        return await this._admin("clock");
      } catch (e) {
        if (e.name === NOT_DDBPLAY) return { now: Date.now(), paused: false, speed: 1 };
        throw e;
      }
    }
    const body = { pause: { pause: true }, resume: { resume: true }, step: { stepSeconds: value }, speed: { speed: value } }[action];
    if (!body) throw new Error("Unknown clock action " + JSON.stringify(action));
    return this._admin("clock", body);
  }

  /** settings reads or changes a ddbplay server's large-table settings, as the playground's. */
  async settings({ throttle, replicaLagMs } = {}) {
    if (throttle === undefined && replicaLagMs === undefined) return this._admin("settings");
    return this._admin("settings", { throttle, replicaLagMs });
  }

  /** capacity is a ddbplay server's partitions and capacity of table ("" for all), as the playground's. */
  async capacity(table = "") {
    return this._admin("capacity" + (table ? "?table=" + encodeURIComponent(table) : ""));
  }

  /** partition is the partition of a ddbplay server's table (or index) that holds key, as the playground's. */
  async partition(table, index, key) {
    const q = new URLSearchParams({ table, key: JSON.stringify(key) });
    if (index) q.set("index", index);
    return (await this._admin("partition?" + q)).partition;
  }

  /** load: generated load runs next to this browser's playground only. */
  async load() {
    throw notDdbplay("Generated load runs in this browser's playground, not against " + this.url + ": disconnect to play it.");
  }

  /**
   * _admin calls the endpoint's ddbplay admin API (GET /_ddbplay/<path>,
   * or POST with body as JSON, sent as text/plain so that another origin
   * needs no preflight; the API allows every origin). An AWS endpoint, an
   * endpoint that does not have it (404 or 405) or cannot be reached for
   * it fails with an error named NotADdbplayServer.
   */
  async _admin(path, body) {
    const notServer = () => notDdbplay(this.url + " is not a ddbplay server: its clock runs in real time, and its partitions, capacity and settings are not visible from here. The Large tables lab shows them for this browser's playground and for a ddbplay server.");
    if (this._notDdbplay || isAWSEndpoint(this.url)) throw notServer();
    const init = body === undefined
      ? { cache: "no-store", credentials: "omit" }
      : { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(body), cache: "no-store", credentials: "omit" };
    let res;
    try {
      res = await fetch(new URL("/_ddbplay/" + path, this.url), init);
    } catch {
      throw notServer();
    }
    const text = await res.text();
    if (res.status === 404 || res.status === 405) {
      this._notDdbplay = true; // asked once: the clock bar reads every second
      throw notServer();
    }
    if (!res.ok) throw dynamoError(text, res.status);
    return JSON.parse(text);
  }

  /** flush is a no-op: the endpoint keeps its own data. */
  async flush() {}

  async close() {}
}

/** definition turns a DescribeTable result into a CreateTable request. */
export function definition(d) {
  const provisioned = !(d.BillingModeSummary && d.BillingModeSummary.BillingMode === "PAY_PER_REQUEST");
  const tp = (p) => ({ ReadCapacityUnits: Math.max(1, p.ReadCapacityUnits || 0), WriteCapacityUnits: Math.max(1, p.WriteCapacityUnits || 0) });
  const def = {
    TableName: d.TableName,
    AttributeDefinitions: d.AttributeDefinitions,
    KeySchema: d.KeySchema,
    BillingMode: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST",
  };
  if (provisioned) def.ProvisionedThroughput = tp(d.ProvisionedThroughput || {});
  // An index being deleted (DELETING) is left out: its key attributes
  // are no longer in AttributeDefinitions.
  const gsis = (d.GlobalSecondaryIndexes || []).filter((x) => x.IndexStatus !== "DELETING");
  if (gsis.length) {
    def.GlobalSecondaryIndexes = gsis.map((x) => {
      const ix = { IndexName: x.IndexName, KeySchema: x.KeySchema, Projection: x.Projection };
      if (provisioned) ix.ProvisionedThroughput = tp(x.ProvisionedThroughput || {});
      return ix;
    });
  }
  if (d.LocalSecondaryIndexes) {
    def.LocalSecondaryIndexes = d.LocalSecondaryIndexes.map((x) => ({ IndexName: x.IndexName, KeySchema: x.KeySchema, Projection: x.Projection }));
  }
  return def;
}

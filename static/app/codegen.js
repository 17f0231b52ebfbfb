// codegen.js — turns one DynamoDB request (operation name + JSON input, as
// sent to the engine) into the same call written for the AWS CLI (v2),
// Python (boto3) and JavaScript (AWS SDK for JavaScript v3).
//
// A pure module: no DOM, no globals, so Node and the browser can both
// import it. Every function returns a string and never throws on a
// well-formed input object.
//
// Contracts:
//   - cliName("BatchWriteItem") === "batch-write-item" (botocore's rules).
//   - The generated code sends exactly `input` to `endpoint`: every field,
//     including binary (B / BS) values, which are base64 text in DynamoDB
//     JSON and raw bytes in boto3 and the SDK.
//   - Query, Scan and ListTables CLI commands carry --no-paginate, so the
//     CLI makes exactly one call like the playground did.

/**
 * @typedef {{endpoint?: string, region?: string,
 *   credentials?: {accessKeyId: string, secretAccessKey: string, note?: string}}} CodegenOptions
 * credentials, when given, are written into the code (for endpoints that
 * take any credentials: ddbplay, DynamoDB Local), preceded by a comment
 * line: note, or a default explanation.
 */

const DEFAULT_NOTE = "Dummy credentials: this endpoint accepts any; against AWS use your own instead.";

function credNote(opts) {
  return opts.credentials.note || DEFAULT_NOTE;
}

const DEFAULT_REGION = "us-east-1";

// Parameters the AWS CLI hides for paginated operations; they are passed
// through --cli-input-json instead.
const CLI_PAGINATION = {
  Query: ["Limit", "ExclusiveStartKey"],
  Scan: ["Limit", "ExclusiveStartKey"],
  ListTables: ["Limit", "ExclusiveStartTableName"],
};

/**
 * snakeName converts an API name (e.g. "SSESpecification") to botocore's
 * snake_case form ("sse_specification").
 * @param {string} name
 * @returns {string}
 */
export function snakeName(name) {
  let s = name;
  const special = /[A-Z]{2,}s$/.exec(s);
  if (special) {
    s = s.slice(0, s.length - special[0].length) + "_" + special[0].toLowerCase();
  }
  s = s.replace(/(.)([A-Z][a-z]+)/g, "$1_$2");
  s = s.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  return s.toLowerCase();
}

/**
 * cliName converts an API name to the AWS CLI's kebab-case form.
 * @param {string} name
 * @returns {string}
 */
export function cliName(name) {
  return snakeName(name).replace(/_/g, "-");
}

/**
 * shellQuote quotes s for a POSIX shell (single quotes), leaving simple
 * words bare.
 * @param {string} s
 * @returns {string}
 */
export function shellQuote(s) {
  if (/^[A-Za-z0-9_.,:\/=+@%-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/**
 * toCli returns an AWS CLI v2 command for the call.
 * @param {string} op
 * @param {object} input
 * @param {CodegenOptions} [opts]
 * @returns {string}
 */
export function toCli(op, input, opts = {}) {
  const cmd = cliCommand(op, input, opts);
  if (!opts.credentials) return cmd;
  const c = opts.credentials;
  return "# " + credNote(opts) + "\nAWS_ACCESS_KEY_ID=" + shellQuote(c.accessKeyId) + " AWS_SECRET_ACCESS_KEY=" + shellQuote(c.secretAccessKey) + " " + cmd;
}

// cliCommand is toCli without credentials.
function cliCommand(op, input, opts) {
  const lines = ["aws dynamodb " + cliName(op)];
  const hidden = CLI_PAGINATION[op] || [];
  const viaJSON = {};
  for (const [key, value] of Object.entries(input || {})) {
    if (value === undefined) continue;
    if (hidden.includes(key)) {
      viaJSON[key] = value;
      continue;
    }
    const flag = "--" + cliName(key);
    if (typeof value === "boolean") {
      lines.push(value ? flag : "--no-" + cliName(key));
    } else if (typeof value === "string") {
      lines.push(flag + " " + shellQuote(value));
    } else if (typeof value === "number") {
      lines.push(flag + " " + String(value));
    } else {
      lines.push(flag + " " + shellQuote(JSON.stringify(value)));
    }
  }
  if (Object.keys(viaJSON).length > 0) {
    lines.push("--cli-input-json " + shellQuote(JSON.stringify(viaJSON)));
  }
  if (CLI_PAGINATION[op]) lines.push("--no-paginate");
  if (opts.endpoint) lines.push("--endpoint-url " + shellQuote(opts.endpoint));
  lines.push("--region " + shellQuote(opts.region || DEFAULT_REGION));
  return lines.join(" \\\n    ");
}

// isBinary reports whether v is a DynamoDB JSON binary value {"B": "..."}.
function isBinary(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) &&
    Object.keys(v).length === 1 && typeof v.B === "string";
}

// isBinarySet reports whether v is {"BS": ["...", ...]}.
function isBinarySet(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) &&
    Object.keys(v).length === 1 && Array.isArray(v.BS) &&
    v.BS.every((x) => typeof x === "string");
}

// literal renders v as source text. bytes(b64) renders one base64 blob;
// keywords maps true/false/null to the language's spelling.
function literal(v, indent, bytes, keywords) {
  if (v !== null && typeof v === "object" && indent >= 0 && JSON.stringify(v).length <= 60) {
    return literal(v, -1, bytes, keywords);
  }
  if (indent < 0) return inline(v, bytes, keywords);
  const pad = "    ".repeat(indent + 1);
  const end = "    ".repeat(indent);
  if (v === null) return keywords.null;
  if (v === true) return keywords.true;
  if (v === false) return keywords.false;
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[\n" + v.map((x) => pad + literal(x, indent + 1, bytes, keywords)).join(",\n") + ",\n" + end + "]";
  }
  if (isBinary(v)) return "{" + JSON.stringify("B") + ": " + bytes(v.B) + "}";
  if (isBinarySet(v)) {
    return "{" + JSON.stringify("BS") + ": [" + v.BS.map(bytes).join(", ") + "]}";
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return "{}";
  return "{\n" + keys.map((k) => pad + JSON.stringify(k) + ": " + literal(v[k], indent + 1, bytes, keywords)).join(",\n") + ",\n" + end + "}";
}

// inline renders v on one line, like literal.
function inline(v, bytes, keywords) {
  if (v === null) return keywords.null;
  if (v === true) return keywords.true;
  if (v === false) return keywords.false;
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map((x) => inline(x, bytes, keywords)).join(", ") + "]";
  if (isBinary(v)) return "{" + JSON.stringify("B") + ": " + bytes(v.B) + "}";
  if (isBinarySet(v)) return "{" + JSON.stringify("BS") + ": [" + v.BS.map(bytes).join(", ") + "]}";
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  return "{" + keys.map((k) => JSON.stringify(k) + ": " + inline(v[k], bytes, keywords)).join(", ") + "}";
}

// hasBinary reports whether any B or BS value occurs in v.
function hasBinary(v) {
  if (v === null || typeof v !== "object") return false;
  if (isBinary(v) || isBinarySet(v)) return true;
  return Object.values(v).some(hasBinary);
}

const PY = { null: "None", true: "True", false: "False" };
const JS = { null: "null", true: "true", false: "false" };

// pyClient returns the lines creating boto3's client.
function pyClient(opts) {
  const out = [];
  const args = [JSON.stringify("dynamodb")];
  if (opts.endpoint) args.push("endpoint_url=" + JSON.stringify(opts.endpoint));
  args.push("region_name=" + JSON.stringify(opts.region || DEFAULT_REGION));
  if (opts.credentials) {
    out.push("# " + credNote(opts));
    args.push("aws_access_key_id=" + JSON.stringify(opts.credentials.accessKeyId));
    args.push("aws_secret_access_key=" + JSON.stringify(opts.credentials.secretAccessKey));
  }
  out.push("client = boto3.client(" + args.join(", ") + ")");
  return out;
}

// jsClient returns the lines creating the SDK v3 client.
function jsClient(opts) {
  const out = ["const client = new DynamoDBClient({"];
  if (opts.endpoint) out.push("    endpoint: " + JSON.stringify(opts.endpoint) + ",");
  out.push("    region: " + JSON.stringify(opts.region || DEFAULT_REGION) + ",");
  if (opts.credentials) {
    out.push("    // " + credNote(opts));
    out.push("    credentials: { accessKeyId: " + JSON.stringify(opts.credentials.accessKeyId) + ", secretAccessKey: " + JSON.stringify(opts.credentials.secretAccessKey) + " },");
  }
  out.push("});");
  return out;
}

/**
 * toBoto3 returns a Python program that makes the call with boto3's
 * low-level client and prints the response.
 * @param {string} op
 * @param {object} input
 * @param {CodegenOptions} [opts]
 * @returns {string}
 */
export function toBoto3(op, input, opts = {}) {
  const bytes = (b64) => "base64.b64decode(" + JSON.stringify(b64) + ")";
  const out = [];
  if (hasBinary(input)) out.push("import base64");
  out.push("import boto3", "");
  out.push(...pyClient(opts));
  const keys = Object.keys(input || {}).filter((k) => input[k] !== undefined);
  if (keys.length === 0) {
    out.push("response = client." + snakeName(op) + "()");
  } else {
    out.push("response = client." + snakeName(op) + "(");
    for (const k of keys) out.push("    " + k + "=" + literal(input[k], 1, bytes, PY) + ",");
    out.push(")");
  }
  out.push("print(response)");
  return out.join("\n") + "\n";
}

/**
 * toJS returns an ES module that makes the call with the AWS SDK for
 * JavaScript v3 (@aws-sdk/client-dynamodb) and logs the response.
 * @param {string} op
 * @param {object} input
 * @param {CodegenOptions} [opts]
 * @returns {string}
 */
export function toJS(op, input, opts = {}) {
  const bytes = (b64) => "fromBase64(" + JSON.stringify(b64) + ")";
  const out = [];
  out.push('import { DynamoDBClient, ' + op + 'Command } from "@aws-sdk/client-dynamodb";', "");
  if (hasBinary(input)) {
    out.push("const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));", "");
  }
  out.push(...jsClient(opts));
  out.push("const response = await client.send(new " + op + "Command(" + literal(input || {}, 0, bytes, JS) + "));");
  out.push("console.log(JSON.stringify(response, null, 2));");
  return out.join("\n") + "\n";
}

/**
 * generate returns all three snippets for one call.
 * @param {string} op
 * @param {object} input
 * @param {CodegenOptions} [opts]
 * @returns {{cli: string, python: string, javascript: string}}
 */
export function generate(op, input, opts = {}) {
  return { cli: toCli(op, input, opts), python: toBoto3(op, input, opts), javascript: toJS(op, input, opts) };
}

/**
 * script returns one program that makes every call in order, for lang
 * "cli" (a bash script), "python" (boto3) or "javascript" (SDK v3 ES
 * module): the operation log replayed. calls: [{op, input}].
 * @param {Array<{op: string, input: object}>} calls
 * @param {"cli"|"python"|"javascript"} lang
 * @param {CodegenOptions} [opts]
 * @returns {string}
 */
export function script(calls, lang, opts = {}) {
  if (lang === "cli") {
    const out = ["#!/usr/bin/env bash", "# ddbplay session: " + calls.length + " calls, replayed with the AWS CLI v2.", "set -euo pipefail"];
    if (opts.credentials) {
      out.push("# " + credNote(opts));
      out.push("export AWS_ACCESS_KEY_ID=" + shellQuote(opts.credentials.accessKeyId) + " AWS_SECRET_ACCESS_KEY=" + shellQuote(opts.credentials.secretAccessKey));
    }
    for (const c of calls) {
      out.push("", cliCommand(c.op, c.input, opts));
      // A new table is CREATING for a while: wait as on DynamoDB.
      if (c.op === "CreateTable" && c.input && c.input.TableName) out.push(cliCommand("DescribeTable", { TableName: c.input.TableName }, opts).replace("describe-table", "wait table-exists"));
    }
    return out.join("\n") + "\n";
  }
  if (lang === "python") {
    const bytes = (b64) => "base64.b64decode(" + JSON.stringify(b64) + ")";
    const out = ["# ddbplay session: " + calls.length + " calls, replayed with boto3."];
    if (calls.some((c) => hasBinary(c.input))) out.push("import base64");
    out.push("import boto3", "", ...pyClient(opts));
    for (const c of calls) {
      const keys = Object.keys(c.input || {}).filter((k) => c.input[k] !== undefined);
      out.push("");
      if (keys.length === 0) {
        out.push("response = client." + snakeName(c.op) + "()");
      } else {
        out.push("response = client." + snakeName(c.op) + "(");
        for (const k of keys) out.push("    " + k + "=" + literal(c.input[k], 1, bytes, PY) + ",");
        out.push(")");
      }
      out.push("print(" + JSON.stringify(c.op) + ", response)");
      if (c.op === "CreateTable" && c.input && c.input.TableName) out.push("client.get_waiter(\"table_exists\").wait(TableName=" + JSON.stringify(c.input.TableName) + ")");
    }
    return out.join("\n") + "\n";
  }
  const bytes = (b64) => "fromBase64(" + JSON.stringify(b64) + ")";
  const ops = [...new Set(calls.map((c) => c.op))];
  const out = ["// ddbplay session: " + calls.length + " calls, replayed with the AWS SDK for JavaScript v3.",
    "import { DynamoDBClient" + ops.map((o) => ", " + o + "Command").join("") + (ops.includes("CreateTable") ? ", waitUntilTableExists" : "") + ' } from "@aws-sdk/client-dynamodb";', ""];
  if (calls.some((c) => hasBinary(c.input))) out.push("const fromBase64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));", "");
  out.push(...jsClient(opts));
  for (const c of calls) {
    out.push("", "console.log(" + JSON.stringify(c.op) + ", JSON.stringify(await client.send(new " + c.op + "Command(" + literal(c.input || {}, 0, bytes, JS) + "))));");
    if (c.op === "CreateTable" && c.input && c.input.TableName) out.push("await waitUntilTableExists({ client, maxWaitTime: 300 }, { TableName: " + JSON.stringify(c.input.TableName) + " });");
  }
  return out.join("\n") + "\n";
}

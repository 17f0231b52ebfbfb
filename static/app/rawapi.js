// rawapi.js — send any operation as raw DynamoDB JSON and see the raw
// response. Each operation has a template filled with the open table.

import { h, button, field, select, replace, errorText } from "./dom.js";
import { call } from "./api.js";
import { state, on, emit } from "./state.js";
import { errorBody } from "./oplog.js";
import { tableCache } from "./tables.js";
import { keyNames, attrType } from "./values.js";

// sampleValue returns an example value of a key attribute type.
function sampleValue(type, n) {
  if (type === "N") return { N: String(n) };
  if (type === "B") return { B: btoa("id-" + n) };
  return { S: "id-" + n };
}

// keyFor builds a key of keySchema: from item when it has the key
// attributes, else example values of the declared types.
function keyFor(desc, keySchema, item, n) {
  const key = {};
  for (const k of keySchema) {
    const t = attrType(desc, k.AttributeName);
    key[k.AttributeName] = item && item[k.AttributeName] ? item[k.AttributeName] : sampleValue(t, n);
  }
  return key;
}

// nonKeyName returns an attribute name that is no key of the table or of
// its indexes.
function nonKeyName(desc, base) {
  const used = new Set((desc.AttributeDefinitions || []).map((a) => a.AttributeName));
  let name = base;
  for (let i = 2; used.has(name); i++) name = base + i;
  return name;
}

/**
 * templates returns a request template for each operation, filled from
 * the open table's description desc (its real key schema and indexes)
 * and, when given, one of its items (sample) for key values; every
 * template succeeds as sent. Keys: operation names, plus "Query@<index>"
 * for a Query on each secondary index. Given only a table name (or ""),
 * templates name that table (or MyTable) with a partition key pk.
 */
export function templates(desc, sample) {
  // A table name alone (or none) gets a partition key named pk.
  const d = desc && typeof desc === "object" ? desc : {
    TableName: (typeof desc === "string" && desc) || "MyTable",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
  };
  const t = d.TableName;
  const key = keyFor(d, d.KeySchema, sample, 1);
  const newKey = (n) => keyFor(d, d.KeySchema, null, n);
  const [pk] = keyNames(d.KeySchema);
  const counter = nonKeyName(d, "views");
  const note = nonKeyName(d, "note");
  const arn = d.TableArn || "arn:aws:dynamodb:us-east-1:000000000000:table/" + t;
  const copyName = t + "Copy";
  const out = {
    ListTables: {},
    DescribeTable: { TableName: t },
    CreateTable: {
      TableName: copyName,
      AttributeDefinitions: (d.AttributeDefinitions || []).filter((a) => d.KeySchema.some((k) => k.AttributeName === a.AttributeName)),
      KeySchema: d.KeySchema,
      BillingMode: "PAY_PER_REQUEST",
    },
    UpdateTable: { TableName: t, BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
    DeleteTable: { TableName: copyName },
    PutItem: { TableName: t, Item: { ...newKey(2), [note]: { S: "example" }, [counter]: { N: "1" } }, ReturnConsumedCapacity: "TOTAL" },
    GetItem: { TableName: t, Key: key, ConsistentRead: true },
    UpdateItem: {
      TableName: t, Key: key,
      UpdateExpression: "SET #n = if_not_exists(#n, :zero) + :one",
      ExpressionAttributeNames: { "#n": counter },
      ExpressionAttributeValues: { ":zero": { N: "0" }, ":one": { N: "1" } },
      ReturnValues: "ALL_NEW",
    },
    DeleteItem: { TableName: t, Key: newKey(2), ReturnValues: "ALL_OLD" },
    Query: {
      TableName: t,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": pk },
      ExpressionAttributeValues: { ":pk": key[pk] },
      Limit: 25,
      ReturnConsumedCapacity: "TOTAL",
    },
    Scan: { TableName: t, Limit: 25, ReturnConsumedCapacity: "TOTAL" },
    BatchWriteItem: { RequestItems: { [t]: [{ PutRequest: { Item: newKey(3) } }, { DeleteRequest: { Key: newKey(4) } }] } },
    BatchGetItem: { RequestItems: { [t]: { Keys: [key] } } },
    TransactWriteItems: {
      TransactItems: [
        { Put: { TableName: t, Item: newKey(5), ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": pk } } },
        { Update: { TableName: t, Key: key, UpdateExpression: "ADD #c :one", ExpressionAttributeNames: { "#c": counter }, ExpressionAttributeValues: { ":one": { N: "1" } } } },
      ],
    },
    TransactGetItems: { TransactItems: [{ Get: { TableName: t, Key: key } }] },
    UpdateTimeToLive: { TableName: t, TimeToLiveSpecification: { Enabled: true, AttributeName: "expiresAt" } },
    DescribeTimeToLive: { TableName: t },
    TagResource: { ResourceArn: arn, Tags: [{ Key: "env", Value: "dev" }] },
    UntagResource: { ResourceArn: arn, TagKeys: ["env"] },
    ListTagsOfResource: { ResourceArn: arn },
    DescribeLimits: {},
    DescribeEndpoints: {},
  };
  for (const ix of [...(d.GlobalSecondaryIndexes || []), ...(d.LocalSecondaryIndexes || [])]) {
    const [ipk] = keyNames(ix.KeySchema);
    const v = sample && sample[ipk] ? sample[ipk] : sampleValue(attrType(d, ipk), 1);
    out["Query@" + ix.IndexName] = {
      TableName: t,
      IndexName: ix.IndexName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": ipk },
      ExpressionAttributeValues: { ":pk": v },
      Limit: 25,
    };
  }
  return out;
}

// opOf returns the operation of a template key ("Query@byGenre" → "Query").
function opOf(name) {
  return name.split("@")[0];
}

let sample = null; // an item of the open table, for template keys

async function loadSample() {
  sample = null;
  const table = state.table;
  if (!table || !tableCache.has(table)) return;
  try {
    const out = await call("Scan", { TableName: table, Limit: 1 }, { log: false });
    if (state.table === table) sample = (out.Items || [])[0] || null;
  } catch {
    // no sample: example values
  }
}

function currentTemplates() {
  return templates(tableCache.get(state.table), sample);
}

function labelOf(name) {
  const [op, ix] = name.split("@");
  return ix ? op + " (index " + ix + ")" : op;
}

function render() {
  const root = document.getElementById("view-api");
  const tpl = currentTemplates();
  const prev = document.getElementById("api-op");
  const op = select(Object.keys(tpl).map((k) => [k, labelOf(k)]), { id: "api-op" });
  if (prev && tpl[prev.value]) op.value = prev.value;
  const body = h("textarea", { id: "api-body", rows: "16", spellcheck: "false", class: "code" });
  const out = h("pre", { id: "api-response", class: "json", tabindex: "0", "aria-label": "Response", "aria-live": "polite" });
  const status = h("p", { class: "summary", id: "api-status" });
  const fill = () => {
    const all = currentTemplates();
    body.value = JSON.stringify(all[op.value] || all[opOf(op.value)] || {}, null, 2);
  };
  op.addEventListener("change", fill);
  const send = h("button", { type: "submit", class: "primary", id: "api-send" }, "Send");
  const form = h("form", { id: "api-form", novalidate: true },
    h("div", { class: "row" }, field("Operation", op), h("div", { class: "field" }, h("span", { class: "label-spacer", text: " " }), button("Reset to template", fill, { id: "api-template" }))),
    field("Request (DynamoDB JSON)", body),
    h("div", { class: "actions left" }, send));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    let input;
    try {
      input = JSON.parse(body.value || "{}");
    } catch (e) {
      status.className = "summary error";
      status.textContent = "The request is not valid JSON: " + e.message;
      return;
    }
    send.disabled = true;
    try {
      const res = await call(opOf(op.value), input);
      status.className = "summary ok";
      status.textContent = "200 OK";
      out.textContent = JSON.stringify(res, null, 2);
      if (/Table|Index|Item|Batch|Transact/.test(op.value)) emit("refresh");
    } catch (e) {
      status.className = "summary error";
      status.textContent = errorText(e);
      out.textContent = JSON.stringify(errorBody(e), null, 2);
    } finally {
      send.disabled = false;
    }
  });
  replace(root, h("div", { class: "toolbar" }, h("h2", { text: "API" })),
    h("p", { class: "muted", text: "Send any operation as raw DynamoDB JSON. Templates use the open table's own keys and indexes (and an item of it, when it has one), so each one works as sent." }),
    form, status, h("h3", { text: "Response" }), out);
  fill();
}

/** initRawAPI builds the view; templates follow the open table. */
export function initRawAPI() {
  render();
  let shown = "";
  const follow = async () => {
    const d = tableCache.get(state.table);
    const ix = (list) => (list || []).map((x) => [x.IndexName, x.KeySchema]);
    const sig = d ? JSON.stringify([d.TableName, d.KeySchema, ix(d.GlobalSecondaryIndexes), ix(d.LocalSecondaryIndexes)]) : "";
    if (sig === shown) return;
    shown = sig;
    await loadSample();
    render();
  };
  on("table", follow);
  on("tables", follow);
}

// rawapi.js — send any operation as raw DynamoDB JSON and see the raw
// response. Each operation has a template filled with the open table.

import { h, button, field, select, replace, errorText } from "./dom.js";
import { call } from "./api.js";
import { state, on, emit } from "./state.js";
import { errorBody } from "./oplog.js";

/** templates returns a request template for each operation. */
export function templates(table) {
  const t = table || "MyTable";
  const key = { pk: { S: "id-1" } };
  return {
    ListTables: {},
    DescribeTable: { TableName: t },
    CreateTable: {
      TableName: t,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      BillingMode: "PAY_PER_REQUEST",
    },
    UpdateTable: { TableName: t, BillingMode: "PROVISIONED", ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } },
    DeleteTable: { TableName: t },
    PutItem: { TableName: t, Item: { pk: { S: "id-1" }, name: { S: "example" }, n: { N: "1" } }, ReturnConsumedCapacity: "TOTAL" },
    GetItem: { TableName: t, Key: key, ConsistentRead: true },
    UpdateItem: {
      TableName: t, Key: key,
      UpdateExpression: "SET #n = if_not_exists(#n, :zero) + :one",
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":zero": { N: "0" }, ":one": { N: "1" } },
      ReturnValues: "ALL_NEW",
    },
    DeleteItem: { TableName: t, Key: key, ReturnValues: "ALL_OLD" },
    Query: {
      TableName: t,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": "pk" },
      ExpressionAttributeValues: { ":pk": { S: "id-1" } },
      Limit: 25,
      ReturnConsumedCapacity: "TOTAL",
    },
    Scan: { TableName: t, Limit: 25, ReturnConsumedCapacity: "TOTAL" },
    BatchWriteItem: { RequestItems: { [t]: [{ PutRequest: { Item: { pk: { S: "id-2" } } } }, { DeleteRequest: { Key: { pk: { S: "id-3" } } } }] } },
    BatchGetItem: { RequestItems: { [t]: { Keys: [key] } } },
    TransactWriteItems: {
      TransactItems: [
        { Put: { TableName: t, Item: { pk: { S: "id-4" } }, ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": "pk" } } },
        { Update: { TableName: t, Key: key, UpdateExpression: "ADD #c :one", ExpressionAttributeNames: { "#c": "count" }, ExpressionAttributeValues: { ":one": { N: "1" } } } },
      ],
    },
    TransactGetItems: { TransactItems: [{ Get: { TableName: t, Key: key } }] },
    UpdateTimeToLive: { TableName: t, TimeToLiveSpecification: { Enabled: true, AttributeName: "expiresAt" } },
    DescribeTimeToLive: { TableName: t },
    TagResource: { ResourceArn: "arn:aws:dynamodb:us-east-1:000000000000:table/" + t, Tags: [{ Key: "env", Value: "dev" }] },
    UntagResource: { ResourceArn: "arn:aws:dynamodb:us-east-1:000000000000:table/" + t, TagKeys: ["env"] },
    ListTagsOfResource: { ResourceArn: "arn:aws:dynamodb:us-east-1:000000000000:table/" + t },
    DescribeLimits: {},
    DescribeEndpoints: {},
  };
}

function render() {
  const root = document.getElementById("view-api");
  const tpl = templates(state.table);
  const op = select(Object.keys(tpl), { id: "api-op" });
  const body = h("textarea", { id: "api-body", rows: "16", spellcheck: "false", class: "code" });
  const out = h("pre", { id: "api-response", class: "json", tabindex: "0", "aria-label": "Response", "aria-live": "polite" });
  const status = h("p", { class: "summary", id: "api-status" });
  const fill = () => { body.value = JSON.stringify(templates(state.table)[op.value], null, 2); };
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
      const res = await call(op.value, input);
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
    h("p", { class: "muted", text: "Send any operation as raw DynamoDB JSON. The request goes to the same engine as the rest of the page." }),
    form, status, h("h3", { text: "Response" }), out);
  fill();
}

/** initRawAPI builds the view once; templates follow the open table. */
export function initRawAPI() {
  render();
  on("table", () => {
    const body = document.getElementById("api-body");
    const op = document.getElementById("api-op");
    if (body && op) body.value = JSON.stringify(templates(state.table)[op.value], null, 2);
  });
}

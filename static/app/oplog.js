// oplog.js — the operation log: every call with its exact request and
// response JSON, and the same call as AWS CLI, boto3 and SDK v3 code.

import { h, button, copyText, replace } from "./dom.js";
import { generate } from "./codegen.js";
import { state } from "./state.js";

const MAX_ENTRIES = 200;
let seq = 0;
let annotate = null;

/**
 * setAnnotator sets fn({op, input, out, err, el}), called when a logged
 * call settles to fill el, a line under the entry's summary (the
 * large-tables lab's capacity receipt).
 */
export function setAnnotator(fn) {
  annotate = fn;
}

/** errorBody renders a door error as DynamoDB's error response JSON. */
export function errorBody(err) {
  const body = { __type: "com.amazonaws.dynamodb.v20120810#" + (err.name || "Error"), message: err.message || String(err) };
  for (const k of ["Item", "CancellationReasons"]) if (err[k] !== undefined) body[k] = err[k];
  return body;
}

function copyButton(label, getText) {
  const b = button(label, async () => {
    const ok = await copyText(getText());
    b.textContent = ok ? "Copied" : "Copy failed";
    setTimeout(() => { b.textContent = label; }, 1500);
  }, { class: "small" });
  return b;
}

function block(title, text, testid) {
  return h("div", { class: "code-block" },
    h("div", { class: "code-head" }, h("span", { text: title }), copyButton("Copy", () => text)),
    h("pre", { tabindex: "0", "data-testid": testid, "aria-label": title, text }));
}

// capacitySuffix renders ConsumedCapacity (one or a list) for a log line.
function capacitySuffix(cc) {
  if (!cc) return "";
  const list = Array.isArray(cc) ? cc : [cc];
  const units = list.reduce((n, c) => n + (Number(c.CapacityUnits) || 0), 0);
  return " · " + units + " capacity units";
}

/**
 * logCall appends an entry for op/input and returns a function to call
 * with (response) or (undefined, error) when the call settles.
 */
export function logCall(op, input) {
  const list = document.getElementById("oplog-list");
  seq += 1;
  const n = seq;
  const status = h("span", { class: "op-status pending", text: "…" });
  const body = h("div", { class: "op-body" });
  const note = h("span", { class: "op-receipt", "data-testid": "op-receipt" });
  const entry = h("details", { class: "op-entry", "data-testid": "op-entry", dataset: { op } },
    h("summary", {}, h("span", { class: "op-n", text: "#" + n }), " ", h("strong", { text: op }), " ", status, note));
  entry.append(body);
  list.prepend(entry);
  while (list.children.length > MAX_ENTRIES) list.lastElementChild.remove();
  const t0 = performance.now();
  let response;
  let rendered = false;
  const render = () => {
    if (rendered || !entry.open) return;
    rendered = true;
    const snippets = generate(op, input, { endpoint: state.endpoint });
    const tabs = [
      ["Request", JSON.stringify(input, null, 2), "op-request"],
      ["Response", response === undefined ? "(pending)" : JSON.stringify(response, null, 2), "op-response"],
      ["AWS CLI", snippets.cli, "op-cli"],
      ["Python (boto3)", snippets.python, "op-python"],
      ["JavaScript (SDK v3)", snippets.javascript, "op-js"],
    ];
    replace(body, tabs.map(([t, text, id]) => block(t, text, id)));
  };
  entry.addEventListener("toggle", render);
  return (out, err) => {
    const ms = (performance.now() - t0).toFixed(1);
    if (err) {
      response = errorBody(err);
      status.className = "op-status error";
      status.textContent = err.name + " · " + ms + " ms";
    } else {
      response = out;
      status.className = "op-status ok";
      status.textContent = "OK · " + ms + " ms" + capacitySuffix(out && out.ConsumedCapacity);
    }
    if (rendered) {
      rendered = false;
      render();
    }
    if (annotate) Promise.resolve(annotate({ op, input, out, err, el: note })).catch(() => {});
  };
}

/** initOplog wires the log's clear button and endpoint field. */
export function initOplog() {
  document.getElementById("oplog-clear").addEventListener("click", () => replace(document.getElementById("oplog-list")));
  const ep = document.getElementById("oplog-endpoint");
  ep.value = state.endpoint;
  ep.addEventListener("change", () => { state.endpoint = ep.value.trim(); });
}

// oplog.js — the operation log: every call with its exact request and
// response JSON, and the same call as AWS CLI, boto3 and SDK v3 code.
// The learner's own requests are kept across reloads, per space, in
// localStorage (bounded) and can be exported as one script; the page's own
// refreshes (the Scan after a write, …) are logged apart and shown on
// demand.

import { h, button, copyText, replace, select, field, download, errorType } from "./dom.js";
import { generate, script } from "./codegen.js";
import { state } from "./state.js";
import { modal } from "./dialogs.js";

/** Most entries the log shows and keeps. */
const MAX_ENTRIES = 200;
/** Most characters of kept log a space stores. */
const MAX_KEPT_CHARS = 512 * 1024;
/** A response longer than this is not kept (its request is). */
const MAX_RESPONSE_CHARS = 8 * 1024;
const STORAGE_PREFIX = "ddbplay-oplog:";

let seq = 0;
let annotate = null;

/**
 * setAnnotator sets fn({op, input, out, err, el}), called when a logged
 * call of the learner settles to fill el, a line under the entry's
 * summary (the large-tables lab's capacity receipt).
 */
export function setAnnotator(fn) {
  annotate = fn;
}
/** @type {Array<object>} the learner's entries, oldest first, as kept */
let kept = [];

/** errorBody renders a door error as DynamoDB's error response JSON. */
export function errorBody(err) {
  const body = { __type: errorType(err), message: err.message || String(err) };
  for (const k of ["Item", "CancellationReasons"]) if (err[k] !== undefined) body[k] = err[k];
  return body;
}

/**
 * snippetOptions are the code generator's options for the page's
 * endpoint: any endpoint but AWS's own gets dummy credentials written in,
 * so that code runs as shown; for AWS, the learner's own credentials
 * (from their AWS configuration) are used.
 */
export function snippetOptions() {
  const opts = { endpoint: state.endpoint, region: state.region || "us-east-1" };
  let aws = false;
  try {
    aws = /(^|\.)amazonaws\.com(\.cn)?$/.test(new URL(state.endpoint).hostname);
  } catch {
    // not a URL: written as typed
  }
  if (!aws) opts.credentials = { accessKeyId: "playground", secretAccessKey: "playground" };
  return opts;
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


// storageKey names the kept log: per space, and per endpoint while
// connected (a session's script targets one endpoint).
function storageKey() {
  return STORAGE_PREFIX + state.space + (state.connected ? "@" + state.connected : "");
}

/** Milliseconds after a logged call before the kept log is stored. */
const SAVE_DELAY_MS = 500;
let saveTimer = 0;

// save stores the kept entries soon: a while after the last call, or when
// the page is hidden or left (one JSON.stringify and localStorage write of
// up to MAX_KEPT_CHARS for many calls, not one per call on the page's
// thread).
function save() {
  if (!saveTimer) saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
}

// saveNow stores the kept entries, dropping the oldest while over the bounds.
function saveNow() {
  clearTimeout(saveTimer);
  saveTimer = 0;
  if (kept.length > MAX_ENTRIES) kept = kept.slice(kept.length - MAX_ENTRIES);
  let text = JSON.stringify(kept);
  while (text.length > MAX_KEPT_CHARS && kept.length > 1) {
    kept = kept.slice(Math.ceil(kept.length / 4));
    text = JSON.stringify(kept);
  }
  try {
    localStorage.setItem(storageKey(), text);
  } catch {
    // storage full or off: the log still works for this visit
  }
}

// render builds the entry for a record {n, op, input, auto, response,
// status, ok, ms}; update() refreshes it once the call settles.
function renderEntry(rec) {
  const status = h("span", { class: "op-status pending", text: "…" });
  const body = h("div", { class: "op-body" });
  const note = h("span", { class: "op-receipt", "data-testid": "op-receipt" });
  const entry = h("details", { class: "op-entry" + (rec.auto ? " auto" : ""), "data-testid": "op-entry", dataset: { op: rec.op, n: String(rec.n) } },
    h("summary", {}, h("span", { class: "op-n", text: "#" + rec.n }), " ", h("strong", { text: rec.op }), " ",
      rec.auto ? h("span", { class: "op-auto", text: "page refresh " }) : null, status, note));
  entry.append(body);
  let rendered = false;
  const render = () => {
    if (rendered || !entry.open) return;
    rendered = true;
    const snippets = generate(rec.op, rec.input, snippetOptions());
    const tabs = [
      ["Request", JSON.stringify(rec.input, null, 2), "op-request"],
      ["Response", rec.response === undefined ? "(pending)" : JSON.stringify(rec.response, null, 2), "op-response"],
      ["AWS CLI", snippets.cli, "op-cli"],
      ["Python (boto3)", snippets.python, "op-python"],
      ["JavaScript (SDK v3)", snippets.javascript, "op-js"],
    ];
    replace(body, tabs.map(([t, text, id]) => block(t, text, id)));
  };
  entry.addEventListener("toggle", render);
  const update = () => {
    if (rec.status !== undefined) {
      status.className = "op-status " + (rec.ok ? "ok" : "error");
      status.textContent = rec.status;
    }
    if (rendered) {
      rendered = false;
      render();
    }
  };
  update();
  return { entry, update, note };
}

function addEntry(el) {
  const list = document.getElementById("oplog-list");
  list.prepend(el);
  while (list.children.length > MAX_ENTRIES) list.lastElementChild.remove();
}

/**
 * logCall appends an entry for op/input and returns a function to call
 * with (response) or (undefined, error) when the call settles. auto marks
 * the page's own requests: shown on demand, never kept or exported.
 */
export function logCall(op, input, { auto = false } = {}) {
  seq += 1;
  const rec = { n: seq, op, input, auto };
  const { entry, update, note } = renderEntry(rec);
  addEntry(entry);
  const t0 = performance.now();
  return (out, err) => {
    const ms = (performance.now() - t0).toFixed(1);
    if (err) {
      rec.response = errorBody(err);
      rec.ok = false;
      rec.status = err.name + " · " + ms + " ms";
    } else {
      rec.response = out;
      rec.ok = true;
      rec.status = "OK · " + ms + " ms" + capacitySuffix(out && out.ConsumedCapacity);
    }
    update();
    if (auto) return;
    if (annotate) Promise.resolve(annotate({ op, input, out, err, el: note })).catch(() => {});
    const keep = { n: rec.n, op, input, ok: rec.ok, status: rec.status, response: rec.response };
    if (JSON.stringify(rec.response ?? null).length > MAX_RESPONSE_CHARS) keep.response = { "(not kept)": "The response was too large to keep across reloads." };
    kept.push(keep);
    save();
  };
}

/** loggedCalls returns the learner's successful calls, oldest first. */
export function loggedCalls() {
  return kept.filter((r) => r.ok).map((r) => ({ op: r.op, input: r.input }));
}

const SCRIPT_LANGS = [["cli", "AWS CLI (bash script)", "ddbplay-session.sh"], ["python", "Python (boto3)", "ddbplay-session.py"], ["javascript", "JavaScript (AWS SDK v3, ES module)", "ddbplay-session.mjs"]];

function openExport() {
  const lang = select(SCRIPT_LANGS.map(([v, l]) => [v, l]), { id: "oplog-export-lang" });
  const preview = h("pre", { id: "oplog-export-preview", tabindex: "0", "aria-label": "Script" });
  const calls = loggedCalls();
  const text = () => script(calls, lang.value, snippetOptions());
  const show = () => { preview.textContent = text(); };
  lang.addEventListener("change", show);
  show();
  modal("Export the session as a script", h("div", {},
    h("p", { class: "muted", text: "The " + calls.length + " successful requests you made (not the page's own refreshes, not failed ones), in order, as one program against " + state.endpoint + "." }),
    field("Language", lang), preview,
    h("div", { class: "actions" },
      copyButton("Copy", text),
      button("Download", () => {
        const [, , file] = SCRIPT_LANGS.find(([v]) => v === lang.value);
        download(file, text(), "text/plain");
      }, { class: "primary", id: "oplog-export-download" }))), { testid: "export-script-dialog", wide: true });
}

/** initOplog restores the kept log of the space and wires the controls. */
export function initOplog() {
  const list = document.getElementById("oplog-list");
  try {
    const v = JSON.parse(localStorage.getItem(storageKey()) || "[]");
    kept = Array.isArray(v) ? v.filter((r) => r && typeof r === "object" && typeof r.op === "string" && /^[A-Za-z]+$/.test(r.op)) : [];
  } catch {
    kept = [];
  }
  for (const r of kept) {
    const rec = { n: Number(r.n) || 0, op: r.op, input: r.input, auto: false, response: r.response, ok: r.ok === true, status: String(r.status || "") };
    addEntry(renderEntry(rec).entry);
    seq = Math.max(seq, rec.n);
  }
  document.getElementById("oplog-clear").addEventListener("click", () => {
    replace(list);
    kept = [];
    saveNow();
  });
  addEventListener("pagehide", () => { if (saveTimer) saveNow(); });
  document.addEventListener("visibilitychange", () => { if (document.hidden && saveTimer) saveNow(); });
  const showAuto = document.getElementById("oplog-show-auto");
  const syncAuto = () => list.classList.toggle("hide-auto", !showAuto.checked);
  showAuto.addEventListener("change", syncAuto);
  syncAuto();
  document.getElementById("oplog-export").addEventListener("click", openExport);
  const ep = document.getElementById("oplog-endpoint");
  ep.value = state.endpoint;
  ep.addEventListener("change", () => { state.endpoint = ep.value.trim(); });
}

// dom.js — tiny DOM helpers. Text always goes in through textContent or
// attributes: nothing here parses HTML, so data can never become markup.

const PROPS = new Set(["value", "checked", "disabled", "selected", "hidden", "open", "multiple", "readOnly", "required"]);

/**
 * h creates an element. props: "class", "text" (textContent), "on<event>"
 * listeners, "dataset", DOM properties in PROPS, anything else as an
 * attribute (null/undefined/false skipped). children: nodes, strings
 * (as text) or nested arrays; null/false are skipped.
 * @param {string} tag
 * @param {object} [props]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = String(v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

/** append adds children (nodes, strings, arrays) to el. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** clear removes every child of el and appends the given children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/**
 * keepFocus runs render, which may replace the element that has focus;
 * focus then moves to the new element with the same id, so a keyboard or
 * screen-reader user is not thrown back to the top of the page.
 */
export function keepFocus(render) {
  const had = document.activeElement;
  render();
  if (had && had.id && !had.isConnected) document.getElementById(had.id)?.focus();
}

let fieldSeq = 0;

/** uid returns a fresh element id with the given prefix. */
export function uid(prefix = "f") {
  fieldSeq += 1;
  return prefix + "-" + fieldSeq;
}

/**
 * field wraps a control with a visible <label for>. The control gets an id
 * if it has none.
 */
export function field(labelText, control, { hint, cls } = {}) {
  if (!control.id) control.id = uid("fld");
  return h("div", { class: "field" + (cls ? " " + cls : "") },
    h("label", { for: control.id, text: labelText }),
    control,
    hint ? h("small", { class: "hint", text: hint }) : null);
}

/** select builds a <select> from [value, label] pairs or plain strings. */
export function select(options, props = {}) {
  const el = h("select", props);
  for (const o of options) {
    const [value, label] = Array.isArray(o) ? o : [o, o];
    el.append(h("option", { value, text: label }));
  }
  if (props.value !== undefined) el.value = props.value;
  return el;
}

/** button builds a type=button <button>. */
export function button(label, onclick, props = {}) {
  return h("button", { type: "button", ...props, onclick }, label);
}

/** formatBytes renders a byte count for people. */
export function formatBytes(n) {
  if (n < 1024) return n + " B";
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KB";
  return (n / 1024 / 1024).toFixed(2) + " MB";
}

/** errorText renders a door error as "Type: message". */
export function errorText(err) {
  if (!err) return "";
  const name = err.name && err.name !== "Error" ? err.name : "Error";
  return name + ": " + (err.message || String(err));
}

/**
 * errorType is the "__type" of a door or SDK error as DynamoDB sends it:
 * the engine's own when the error carries its body ($rawBody), otherwise
 * the namespace DynamoDB uses for the error's name (the service
 * framework's for validation and unreadable requests, DynamoDB's own for
 * the rest; engine/ddberr.Namespace).
 */
export function errorType(err) {
  try {
    const t = JSON.parse(err.$rawBody).__type;
    if (typeof t === "string") return t;
  } catch {
    // no body: name the namespace below
  }
  const name = (err && err.name) || "Error";
  if (name === "ValidationException") return "com.amazon.coral.validate#" + name;
  if (name === "SerializationException" || name === "UnknownOperationException" || name === "MissingAuthenticationTokenException") {
    return "com.amazon.coral.service#" + name;
  }
  return "com.amazonaws.dynamodb.v20120810#" + name;
}

/**
 * download offers text (a string or a Blob) as a file. It also dispatches a
 * "ddbplay-download" CustomEvent on window with detail {filename, blob}
 * (and text, when given a string), so tests and embedding pages can see
 * what was exported.
 */
export function download(filename, text, type = "application/json") {
  const blob = text instanceof Blob ? text : new Blob([text], { type });
  window.dispatchEvent(new CustomEvent("ddbplay-download", { detail: { filename, blob, text: typeof text === "string" ? text : undefined } }));
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** copyText puts text on the clipboard; resolves true on success. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

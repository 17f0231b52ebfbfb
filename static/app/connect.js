// connect.js — connected mode in the page: the Connect dialog, the
// connected banner, and copying the in-page playground's tables and
// items into the endpoint and back (with confirmation and progress).
// `?endpoint=URL` starts the page connected; credentials for AWS are asked
// for and held in memory only (remote.js).

import { openPlayground } from "../ddbplay.js";
import { h, button, field, errorText } from "./dom.js";
import { state, emit } from "./state.js";
import { modal, confirmDialog, toast } from "./dialogs.js";
import { runTask, Cancelled } from "./task.js";
import { addTables } from "./data.js";
import { refreshTables } from "./tables.js";
import { followDoor } from "./doorwatch.js";
import { Endpoint, DUMMY_CREDENTIALS, isAWSEndpoint, regionOf } from "./remote.js";

let local = null; // the in-page playground, opened on demand while connected

/**
 * endpointURL checks text as an endpoint URL: http(s), no user name or
 * password in it (credentials never go in a link). Returns the URL
 * without a trailing slash; throws an Error for people otherwise.
 */
export function endpointURL(text) {
  let u;
  try {
    u = new URL(String(text).trim());
  } catch {
    throw new Error("\"" + text + "\" is not a URL. Write it as http://localhost:8000 or https://dynamodb.us-east-1.amazonaws.com.");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("An endpoint URL starts with http:// or https://.");
  if (u.username || u.password) throw new Error("Credentials do not go in the URL: give them in the Connect form, where they stay in this tab's memory.");
  return u.origin + (u.pathname === "/" ? "" : u.pathname.replace(/\/$/, ""));
}

/** localPlayground opens (once) the playground in this browser. */
export async function localPlayground() {
  if (!local) local = await openPlayground({ space: state.space });
  return local;
}

// credentialsForm asks for credentials (AWS endpoints); resolves
// {credentials, region} or null when cancelled.
function askCredentials(url) {
  return new Promise((resolve) => {
    let result = null;
    const id = h("input", { type: "text", id: "cn-key-id", autocomplete: "off", spellcheck: "false" });
    const secret = h("input", { type: "password", id: "cn-secret", autocomplete: "off" });
    const token = h("input", { type: "password", id: "cn-token", autocomplete: "off" });
    const region = h("input", { type: "text", id: "cn-region", autocomplete: "off", value: regionOf(url) || "us-east-1" });
    const err = h("p", { class: "error", role: "alert" });
    const form = h("form", { novalidate: true },
      h("p", { class: "muted", text: "Requests to " + url + " are signed in this page (AWS Signature Version 4). The credentials stay in this tab's memory: never saved, never put in a link or in generated code. Prefer short-lived credentials of a user that may only use a test table." }),
      field("Access key ID", id), field("Secret access key", secret), field("Session token (for temporary credentials)", token), field("Region", region),
      err, h("div", { class: "actions" }, button("Cancel", () => m.close()), h("button", { type: "submit", class: "primary", id: "cn-sign-in" }, "Connect")));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!id.value.trim() || !secret.value) {
        err.textContent = "Both the access key ID and the secret access key are needed.";
        return;
      }
      result = { credentials: { accessKeyId: id.value.trim(), secretAccessKey: secret.value, sessionToken: token.value.trim() }, region: region.value.trim() || "us-east-1" };
      m.close();
    });
    const m = modal("Credentials for " + url, form, { testid: "credentials-dialog" });
    m.dialog.addEventListener("close", () => resolve(result));
    id.focus();
  });
}

/**
 * connect makes the page talk to url: a new Endpoint door becomes
 * state.db and window.ddbplay. AWS endpoints ask for credentials; others
 * get dummy ones. Resolves the door, or null when cancelled.
 */
export async function connect(url, showBanner) {
  let opts = { credentials: DUMMY_CREDENTIALS };
  if (isAWSEndpoint(url)) {
    opts = await askCredentials(url);
    if (!opts) return null;
  }
  const db = new Endpoint(url, opts);
  state.db = db;
  window.ddbplay = db;
  followDoor(db);
  state.connected = url;
  state.endpoint = url;
  state.region = db.region;
  const ep = document.getElementById("oplog-endpoint");
  if (ep) ep.value = url;
  document.body.dataset.connected = url;
  const q = new URLSearchParams(location.search);
  q.set("endpoint", url);
  if (!q.get("space")) q.set("space", state.space);
  history.replaceState(null, "", location.pathname + "?" + q.toString());
  showBanner("info", "Connected to " + url + ": every form, the API tab and window.ddbplay talk to this endpoint. The playground in this browser (space " + state.space + ") is untouched. ",
    button("Copy this browser's playground into it…", copyIntoEndpoint, { class: "small", id: "btn-copy-in" }), " ",
    button("Copy its tables into this browser's playground…", copyIntoPlayground, { class: "small", id: "btn-copy-out" }), " ",
    h("a", { href: location.pathname + "?space=" + encodeURIComponent(state.space), id: "disconnect", text: "Disconnect" }));
  return db;
}

async function copyIntoEndpoint() {
  try {
    const pg = await localPlayground();
    const snap = await pg.exportSnapshot();
    const tables = snap.tables || [];
    const items = tables.reduce((n, t) => n + (t.items || []).length, 0);
    if (tables.length === 0) {
      toast("The playground in this browser has no tables to copy.", "error");
      return;
    }
    const ok = await confirmDialog("Copy into " + state.connected,
      "Copy " + tables.length + " table" + (tables.length === 1 ? "" : "s") + " (" + items + " items) from this browser's playground (space " + state.space + ") into " + state.connected + "? Nothing is deleted there unless a table of the same name exists (you will be asked).",
      { confirmLabel: "Copy" });
    if (!ok) return;
    if (await addTables(snap, "Copying into " + state.connected)) toast("Copied " + tables.length + " tables into " + state.connected, "ok");
  } catch (e) {
    toast(e instanceof Cancelled ? "Copy cancelled (tables copied so far are kept)" : errorText(e), "error");
  }
  await refreshTables();
}

async function copyIntoPlayground() {
  try {
    const ok = await confirmDialog("Copy into this browser",
      "Replace the playground in this browser (space " + state.space + ") with every table and item of " + state.connected + "?",
      { confirmLabel: "Replace my playground", danger: true });
    if (!ok) return;
    const snap = await runTask("Reading " + state.connected, (task) => state.db.exportSnapshot({
      onProgress: (p) => { task.check(); task.progress(p.done, 0, p.done + " items"); },
    }));
    const pg = await localPlayground();
    await runTask("Writing this browser's playground", (task) => pg.importSnapshot(snap, { onProgress: (p) => task.progress(p.done, p.total, "") }));
    await pg.flush();
    toast("Copied " + snap.tables.length + " tables into this browser's playground", "ok");
    emit("copied-out", snap.tables.length);
  } catch (e) {
    toast(e instanceof Cancelled ? "Copy cancelled; this browser's playground is unchanged" : errorText(e), "error");
  }
}

/** openConnectDialog asks for an endpoint and connects in place. */
export function openConnectDialog(showBanner) {
  const url = h("input", { type: "url", id: "cn-url", autocomplete: "off", value: location.protocol.startsWith("http") ? location.origin : "http://localhost:8000" });
  const err = h("p", { class: "error", role: "alert", id: "cn-error" });
  const form = h("form", { novalidate: true, id: "connect-form" },
    h("p", { class: "muted", text: "Work on a real DynamoDB endpoint with the same forms: the ddbplay server this page came from, DynamoDB Local, or AWS itself (you will be asked for credentials). The endpoint must allow this page's origin (CORS); ddbplay does." }),
    field("Endpoint URL", url, { hint: "e.g. http://localhost:8000 or https://dynamodb.eu-west-1.amazonaws.com" }),
    err,
    h("div", { class: "actions" }, button("Cancel", () => m.close()), h("button", { type: "submit", class: "primary", id: "cn-connect" }, "Connect")));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    let u;
    try {
      u = endpointURL(url.value);
    } catch (e) {
      err.textContent = e.message;
      return;
    }
    m.close();
    try {
      if (await connect(u, showBanner)) await refreshTables();
    } catch (e) {
      toast(errorText(e), "error");
    }
  });
  const m = modal("Connect to an endpoint", form, { testid: "connect-dialog" });
  url.focus();
}

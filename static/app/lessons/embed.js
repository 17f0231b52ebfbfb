// embed.js — embed.html: a compact playground for tutorials' iframes.
//
// URL (query string, read once):
//   lesson=<id>          a built-in lesson (lessons/<id>.json) in the lesson pane
//   #exercise=<packed>   a lesson carried by an exercise link (see links.js)
//   snapshot=<path>      a snapshot file of this site to start from (e.g. samples/music.json)
//   setup=<JSON>         a request list ([{op, input, repeat?, expectError?}]) to start from
//   console=0            no request box (lesson only)
//   persist=1            keep the state in the browser (default: forgotten when the page closes)
//   space=<name>         with persist=1, the saved space (default "embed-…" from the URL)
//   origin=<origin>      talk only to this host origin (default: whatever page frames it)
//
// postMessage API. Every message this frame posts is an object with
// source: "ddbplay" and a type:
//   ready    {channel, lesson}          the engine is up and the start state is in place
//   height   {height}                   the content's height in CSS pixels, on every change
//   result   {id, op, output | error}   the answer to a host's "ddbplay:send"
//   request  {op, input, output | error} each request the learner sent from the frame
//   checked  {id, task, ok, results}    a task was checked (by the learner or "ddbplay:check")
//   error    {id?, message}             a host message could not be handled
// A host posts to the frame (iframe.contentWindow.postMessage(msg, frameOrigin)):
//   {type: "ddbplay:send", id, op, input}  run one DynamoDB operation; answered by "result"
//   {type: "ddbplay:check", id, task}      check one task (or every task without "task")
//   {type: "ddbplay:reset", id}            back to the start state; answered by "ready"
// error is {name, message} as DynamoDB's error type and message.

import { openPlayground } from "../../ddbplay.js";
import { h, button, field, select, replace, errorText, errorType } from "../dom.js";
import { templates } from "../rawapi.js";
import { unpackJSON, spaceFor } from "../share.js";
import { validateLesson, validateRequests, tasksOf, LessonError } from "./checks.js";
import { startLesson, runRequests, engineWait } from "./run.js";
import { mountLesson, Progress } from "./pane.js";

const params = new URLSearchParams(location.search);
const allowed = params.get("origin") || "*";
const root = document.getElementById("embed-root");
const status = document.getElementById("boot-status");
const log = [];
let db;
let lesson = null;
let view = null;
let hostChecking = false; // a host's ddbplay:check answers by itself

function post(msg) {
  if (window.parent === window) return;
  window.parent.postMessage({ source: "ddbplay", ...msg }, allowed);
}

function errorOf(e) {
  return { name: (e && e.name) || "Error", message: (e && e.message) || String(e) };
}

// The learner's own requests: logged for the checks and told to the host.
async function send(op, input) {
  try {
    const output = await db.send(op, input);
    log.push({ op, input, output });
    post({ type: "request", op, input, output });
    return output;
  } catch (e) {
    log.push({ op, input, error: errorOf(e) });
    post({ type: "request", op, input, error: errorOf(e) });
    throw e;
  }
}

let lastHeight = 0;
function reportHeight() {
  const height = Math.ceil(root.getBoundingClientRect().height + 2);
  if (height === lastHeight) return;
  lastHeight = height;
  post({ type: "height", height });
}

function consoleBox() {
  const tpl = templates("");
  const op = select(Object.keys(tpl), { id: "embed-op", value: "Query" });
  const body = h("textarea", { id: "embed-body", rows: "7", class: "code", spellcheck: "false" });
  const out = h("pre", { id: "embed-response", tabindex: "0", "aria-label": "Response", hidden: true });
  const res = h("p", { class: "summary", id: "embed-status", "aria-live": "polite" });
  const firstTable = async () => {
    try {
      return ((await db.send("ListTables", {})).TableNames || [])[0] || "";
    } catch {
      return "";
    }
  };
  const fill = async () => {
    body.value = JSON.stringify(templates(await firstTable())[op.value], null, 2);
  };
  op.addEventListener("change", fill);
  const sendBtn = h("button", { type: "submit", class: "primary small", id: "embed-send" }, "Send");
  const form = h("form", { novalidate: true },
    h("div", { class: "row" }, field("Operation", op), h("div", { class: "field" }, h("span", { class: "label-spacer", text: " " }), button("Template", fill, { class: "small" }))),
    field("Request (DynamoDB JSON)", body),
    h("div", { class: "actions left" }, sendBtn));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    let input;
    try {
      input = JSON.parse(body.value || "{}");
    } catch (e) {
      res.className = "summary error";
      res.textContent = "The request is not valid JSON: " + e.message;
      return;
    }
    sendBtn.disabled = true;
    try {
      const output = await send(op.value, input);
      res.className = "summary ok";
      res.textContent = "200 OK";
      out.textContent = JSON.stringify(output, null, 2);
    } catch (e) {
      res.className = "summary error";
      res.textContent = errorText(e);
      out.textContent = JSON.stringify({ __type: errorType(e), message: e.message }, null, 2);
    } finally {
      out.hidden = false;
      sendBtn.disabled = false;
    }
  });
  fill();
  return [h("h2", { text: "Send a request" }), form, res, out];
}

// startState puts the embed's start in place: the lesson's, or the
// snapshot's, or the setup's.
async function startState() {
  if (lesson) return startLesson(db, lesson);
  await db.reset();
  const snap = params.get("snapshot");
  if (snap) {
    const url = new URL(snap, location.href);
    if (url.origin !== location.origin) throw new LessonError("snapshot must be a file of this site");
    const r = await fetch(url);
    if (!r.ok) throw new LessonError("snapshot " + snap + ": HTTP " + r.status);
    await db.importSnapshot(await r.json());
  }
  const setup = params.get("setup");
  if (setup) {
    let list;
    try {
      list = JSON.parse(setup);
    } catch (e) {
      throw new LessonError("setup is not valid JSON: " + e.message);
    }
    validateRequests(list, "setup");
    await runRequests(list, (op, input) => db.send(op, input), { wait: engineWait(db) });
  }
}

async function loadLesson() {
  if (location.hash.startsWith("#exercise=")) {
    const p = await unpackJSON(location.hash.slice("#exercise=".length));
    if (!p || p.format !== "ddbplay-exercise/1") throw new LessonError("the #exercise= link is not a ddbplay exercise");
    return validateLesson(p.lesson);
  }
  const id = params.get("lesson");
  if (!id) return null;
  if (!/^[a-z0-9-]{1,64}$/.test(id)) throw new LessonError("lesson must be a lesson id such as basics");
  const r = await fetch(new URL((typeof DDBPLAY_BUNDLE === "object" ? DDBPLAY_BUNDLE.root : "../../") + "lessons/" + id + ".json", import.meta.url));
  if (!r.ok) throw new LessonError(r.status === 404 ? "there is no lesson \"" + id + "\"" : "lesson " + id + ": HTTP " + r.status);
  return validateLesson(await r.json());
}

function mount(persistKey) {
  const pane = document.getElementById("embed-lesson");
  if (!lesson) return;
  pane.hidden = false;
  view = mountLesson(pane, lesson, {
    db, send, log, progress: new Progress(persistKey), resetState: startState,
    onChange: reportHeight,
    onChecked: (task, r) => hostChecking || post({ type: "checked", task, ok: r.ok, results: r.results }),
    onReset: () => post({ type: "ready", channel: db.channel, lesson: lesson.id }),
  });
}

async function onMessage(ev) {
  if (ev.source !== window.parent || (allowed !== "*" && ev.origin !== allowed)) return;
  const m = ev.data;
  if (!m || typeof m !== "object" || typeof m.type !== "string" || !m.type.startsWith("ddbplay:")) return;
  const reply = (msg) => ev.source.postMessage({ source: "ddbplay", id: m.id, ...msg }, allowed === "*" ? ev.origin === "null" ? "*" : ev.origin : allowed);
  try {
    if (m.type === "ddbplay:send") {
      if (typeof m.op !== "string" || !/^[A-Z][A-Za-z]+$/.test(m.op)) throw new LessonError("op must be a DynamoDB operation name");
      try {
        reply({ type: "result", op: m.op, output: await send(m.op, m.input && typeof m.input === "object" ? m.input : {}) });
      } catch (e) {
        if (e instanceof LessonError) throw e;
        reply({ type: "result", op: m.op, error: errorOf(e) });
      }
    } else if (m.type === "ddbplay:check") {
      if (!lesson) throw new LessonError("no lesson is open");
      const ids = m.task ? [String(m.task)] : tasksOf(lesson).map((t) => t.id);
      for (const id of ids) {
        if (!tasksOf(lesson).some((t) => t.id === id)) throw new LessonError("no task " + id);
        hostChecking = true;
        let r;
        try {
          r = await view.check(id);
        } finally {
          hostChecking = false;
        }
        if (r) reply({ type: "checked", task: id, ok: r.ok, results: r.results });
      }
    } else if (m.type === "ddbplay:reset") {
      await startState();
      log.length = 0;
      if (lesson) mount("");
      reply({ type: "ready", channel: db.channel, lesson: lesson ? lesson.id : null });
    } else {
      throw new LessonError("unknown message type " + m.type);
    }
  } catch (e) {
    reply({ type: "error", message: e instanceof LessonError ? e.message : errorText(e) });
  }
}

async function boot() {
  new ResizeObserver(reportHeight).observe(root);
  const persist = params.get("persist") === "1";
  const space = persist ? (/^[A-Za-z0-9_-]{1,64}$/.test(params.get("space") || "") ? params.get("space") : "embed-" + spaceFor(location.search + location.hash).slice(6)) : "embed";
  db = await openPlayground({ space, persist });
  window.ddbplay = db;
  try {
    lesson = await loadLesson();
    if (!persist || !db.restored) await startState();
  } catch (e) {
    status.className = "error";
    status.textContent = "This embed cannot start: " + (e instanceof LessonError || e.name === "ShareError" ? e.message : errorText(e));
    document.body.dataset.ready = "error";
    post({ type: "error", message: status.textContent });
    return;
  }
  status.textContent = "";
  status.hidden = true;
  mount(persist ? "ddbplay-lesson-progress:" + space : "");
  if (params.get("console") !== "0") {
    const box = document.getElementById("embed-console");
    replace(box, consoleBox());
    box.hidden = false;
  }
  window.addEventListener("message", onMessage);
  document.body.dataset.ready = "true";
  reportHeight();
  post({ type: "ready", channel: db.channel, lesson: lesson ? lesson.id : null });
}

boot().catch((e) => {
  status.className = "error";
  status.textContent = "The playground could not start: " + errorText(e);
  window.ddbplayError = status.textContent;
  document.body.dataset.ready = "error";
  post({ type: "error", message: status.textContent });
});

// links.js — lessons in the playground page: the Course dialog, the
// lesson pane beside the console, and exercise and answer links.
//
//   ?lesson=<id>          a built-in lesson (lessons/<id>.json), in space "lesson-<id>"
//   #exercise=<packed>    a teacher's exercise, in a space of its own
//   #answer=<packed>      a learner's answer, opened for the teacher, in a space of its own
//
// Every lesson or link opens in its own space, so it never overwrites
// anyone's playground. The learner's requests (the "call" events of
// api.js) are kept per space for the checks that read the log.

import { h, button, field, select, replace, errorText, formatBytes, copyText } from "../dom.js";
import { state, on, emit } from "../state.js";
import { modal } from "../dialogs.js";
import { call } from "../api.js";
import { packJSON, unpackJSON, spaceFor, SHARE_LIMIT } from "../share.js";
import { validateLesson, CHECK_KINDS, LessonError, tasksOf } from "./checks.js";
import { startLesson } from "./run.js";
import { mountLesson, Progress } from "./pane.js";

const EXERCISE = "ddbplay-exercise/1";
const ANSWER = "ddbplay-answer/1";
const LOG_LIMIT = 400;

/**
 * lessonLink reads what a URL asks for: {kind: "lesson"|"exercise"|"answer",
 * id or fragment, space}, or null for a plain playground URL.
 */
export function lessonLink(loc) {
  const hash = loc.hash || "";
  for (const kind of ["exercise", "answer"]) {
    const prefix = "#" + kind + "=";
    if (hash.startsWith(prefix)) {
      const fragment = hash.slice(prefix.length);
      return { kind, fragment, space: kind + "-" + spaceFor(fragment).slice("share-".length) };
    }
  }
  const id = new URLSearchParams(loc.search).get("lesson");
  if (id && /^[a-z0-9-]{1,64}$/.test(id)) return { kind: "lesson", id, space: "lesson-" + id };
  return null;
}

// trimValue keeps a logged request small enough for storage and links:
// long strings are cut (checks compare names, keys and short values).
function trimValue(v, depth = 0) {
  if (typeof v === "string") return v.length > 400 ? v.slice(0, 64) + "…(" + v.length + " characters)" : v;
  if (depth > 12 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.slice(0, 200).map((x) => trimValue(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, trimValue(x, depth + 1)]));
}

/** trimEntry shortens a log entry for keeping: the output keeps Items, Count and ConsumedCapacity. */
export function trimEntry(e) {
  const out = { op: e.op, input: trimValue(e.input) };
  if (e.error) out.error = { name: String(e.error.name), message: String(e.error.message).slice(0, 500) };
  else if (e.output) {
    const o = {};
    for (const k of ["Items", "Count", "ScannedCount", "ConsumedCapacity", "Item"]) if (e.output[k] !== undefined) o[k] = trimValue(e.output[k]);
    out.output = o;
  }
  return out;
}

function loadLog(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

let saveTimer = 0;
function saveLog(key, log) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(key, JSON.stringify(log.slice(-LOG_LIMIT)));
    } catch {
      // storage full: the log lives until the page closes
    }
  }, 300);
}

function linkDialog(title, intro, url, { testid, inputId }) {
  const out = h("input", { type: "text", id: inputId, readOnly: true, "aria-label": title + " link", value: url });
  const copy = button("Copy link", async () => {
    const ok = await copyText(out.value);
    copy.textContent = ok ? "Copied" : "Select the link and copy it";
    out.select();
  }, { class: "primary" });
  modal(title, h("div", {},
    h("p", { class: "muted", text: intro }),
    h("div", { class: "field" }, h("label", { for: inputId, text: "Link" }), out),
    h("p", { class: "summary", text: "Link size: " + formatBytes(url.length) + " of " + formatBytes(SHARE_LIMIT) + " allowed." }),
    h("div", { class: "actions" }, copy)), { testid, wide: true });
  out.focus();
  out.select();
}

function tooLarge(url) {
  return url.length > SHARE_LIMIT ? "The link would be " + formatBytes(url.length) + ", over the " + formatBytes(SHARE_LIMIT) + " a link can carry: make the tables smaller (fewer or smaller items)." : "";
}

/** exerciseURL packs a lesson into an exercise link. */
export async function exerciseURL(lesson) {
  return location.origin + location.pathname + "#exercise=" + (await packJSON({ format: EXERCISE, lesson }));
}

// exampleCheck is a check of kind filled in from the open table as it is
// now (the teacher then changes it to what the learner should reach), or
// the kind's example when no table is open.
async function exampleCheck(kind) {
  const ex = structuredClone(CHECK_KINDS[kind].example);
  const table = state.table;
  if (!table) return ex;
  if ("table" in ex) ex.table = table;
  if (ex.request) ex.request.TableName = table;
  const d = (await state.db.send("DescribeTable", { TableName: table })).Table;
  const first = async () => ((await state.db.send("Scan", { TableName: table, Limit: 1 })).Items || [])[0];
  const keyOf = (item) => Object.fromEntries(d.KeySchema.map((k) => [k.AttributeName, item[k.AttributeName]]));
  switch (kind) {
    case "tableExists":
      return { kind, table, keySchema: d.KeySchema, billingMode: (d.BillingModeSummary && d.BillingModeSummary.BillingMode) || "PROVISIONED" };
    case "indexExists": {
      const ix = [...(d.GlobalSecondaryIndexes || []), ...(d.LocalSecondaryIndexes || [])][0];
      return ix ? { kind, table, index: ix.IndexName, keySchema: ix.KeySchema, projection: ix.Projection.ProjectionType } : ex;
    }
    case "itemCount": {
      let count = 0;
      let start;
      do {
        const out = await state.db.send("Scan", { TableName: table, Select: "COUNT", ...(start ? { ExclusiveStartKey: start } : {}) });
        count += out.Count || 0;
        start = out.LastEvaluatedKey;
      } while (start);
      return { kind, table, count };
    }
    case "itemHas": case "itemMissing": {
      const item = await first();
      if (!item) return ex;
      const key = keyOf(item);
      if (kind === "itemMissing") return { kind, table, key };
      return { kind, table, key, attributes: Object.fromEntries(Object.entries(item).filter(([k]) => !(k in key))) };
    }
    case "queryReturns": {
      const item = await first();
      const hash = d.KeySchema.find((k) => k.KeyType === "HASH").AttributeName;
      if (!item) return ex;
      const request = { TableName: table, KeyConditionExpression: "#pk = :pk", ExpressionAttributeNames: { "#pk": hash }, ExpressionAttributeValues: { ":pk": item[hash] } };
      return { kind, op: "Query", request, items: (await state.db.send("Query", request)).Items || [] };
    }
    default:
      return ex;
  }
}

// openBuilder is the teacher's "Make an exercise" dialog: the starting
// state is the current playground; tasks come from the check builder or
// are written in the format.
function openBuilder() {
  const title = h("input", { type: "text", id: "ex-title", value: "Exercise", maxlength: "200" });
  const text = h("textarea", { id: "ex-text", rows: "5", class: "code", spellcheck: "true" });
  text.value = "Write what the learner should do here. *Markdown*: `code`, **bold**, lists with -, links to https:// pages.";
  const kind = select(Object.keys(CHECK_KINDS), { id: "ex-kind" });
  const tasks = h("textarea", { id: "ex-tasks", rows: "14", class: "code", spellcheck: "false" });
  tasks.value = "[]";
  const err = h("p", { class: "error", role: "alert", id: "ex-error" });
  const add = button("Add a task with this check", async () => {
    err.textContent = "";
    let list;
    try {
      list = JSON.parse(tasks.value || "[]");
      if (!Array.isArray(list)) throw new Error("the tasks must be a JSON list");
    } catch (e) {
      err.textContent = "Tasks: " + e.message;
      return;
    }
    let example;
    try {
      example = await exampleCheck(kind.value);
    } catch (e) {
      err.textContent = "Could not read the open table: " + errorText(e);
      return;
    }
    list.push({ id: "task-" + (list.length + 1), title: "Task " + (list.length + 1), text: "", checks: [example], hints: [] });
    tasks.value = JSON.stringify(list, null, 2);
  }, { id: "ex-add" });
  const create = button("Create the exercise link", async () => {
    err.textContent = "";
    create.disabled = true;
    try {
      let list;
      try {
        list = JSON.parse(tasks.value || "[]");
      } catch (e) {
        throw new LessonError("Tasks: not valid JSON: " + e.message);
      }
      const lesson = validateLesson({
        format: "ddbplay-lesson/1", id: "exercise", title: title.value.trim() || "Exercise",
        start: { snapshot: await state.db.exportSnapshot() },
        steps: [{ title: title.value.trim() || "Exercise", text: text.value, tasks: list }],
      });
      if (!tasksOf(lesson).length) throw new LessonError("Add at least one task.");
      const url = await exerciseURL(lesson);
      const big = tooLarge(url);
      if (big) throw new LessonError(big);
      m.close();
      linkDialog("Exercise link", "Whoever opens this link gets the current tables as the exercise's start, in a space of their own, with your tasks and a Send answer button.", url, { testid: "exercise-link-dialog", inputId: "exercise-url" });
    } catch (e) {
      err.textContent = e instanceof LessonError ? e.message : errorText(e);
    } finally {
      create.disabled = false;
    }
  }, { class: "primary", id: "ex-create" });
  const m = modal("Make an exercise from this playground", h("div", {},
    h("p", { class: "muted", text: "The exercise starts from the tables as they are now. Add tasks with the check builder, edit their JSON (the lesson format's tasks, see the README), then create the link." }),
    field("Title", title),
    field("Instructions (Markdown)", text),
    h("div", { class: "row" }, field("Check kind", kind), h("div", { class: "field" }, h("span", { class: "label-spacer", text: " " }), add)),
    field("Tasks (JSON)", tasks, { hint: "Each task: {id, title, text, checks: [...], hints: [...]}. The check builder fills a check in from the open table as it is now: change it to what the learner should reach." }),
    err,
    h("div", { class: "actions" }, create)), { testid: "exercise-builder", wide: true });
}

async function openLessonFile(file, showError) {
  try {
    if (file.size > 2 * 1024 * 1024) throw new LessonError("The file is larger than 2 MB.");
    let lesson;
    try {
      lesson = JSON.parse(await file.text());
    } catch (e) {
      throw new LessonError("The file is not valid JSON: " + e.message);
    }
    validateLesson(lesson);
    const url = await exerciseURL(lesson);
    const big = tooLarge(url);
    if (big) throw new LessonError(big);
    location.assign(url);
  } catch (e) {
    showError(e instanceof LessonError ? "This lesson file cannot be opened: " + e.message : errorText(e));
  }
}

// openCourse is the Course dialog: the built-in lessons, a lesson file,
// and the exercise builder.
async function openCourse() {
  const list = h("ul", { class: "course-list", "data-testid": "course-list" }, h("li", { class: "muted", text: "Loading the course…" }));
  const err = h("p", { class: "error", role: "alert", id: "course-error" });
  const fileInput = h("input", { type: "file", id: "course-file", accept: ".json,application/json" });
  fileInput.addEventListener("change", () => fileInput.files[0] && openLessonFile(fileInput.files[0], (msg) => { err.textContent = msg; }));
  const m = modal("Course: DynamoDB, hands on", h("div", {},
    h("p", { class: "muted", text: "Each lesson opens in a space of its own with its tables ready; your own playground stays as it is. Progress is saved in this browser." }),
    list,
    h("h3", { text: "Your own lessons and exercises" }),
    field("Open a lesson file", fileInput, { hint: "A ddbplay-lesson/1 JSON file (see the README). It opens as an exercise link you can share." }),
    h("div", { class: "actions left" }, button("Make an exercise from this playground…", () => { m.close(); openBuilder(); }, { id: "btn-make-exercise" })),
    err), { testid: "course-dialog", wide: true });
  try {
    const res = await fetch(new URL("lessons/index.json", location.href));
    if (!res.ok) throw new Error("lessons/index.json: HTTP " + res.status);
    const course = await res.json();
    const done = (id) => {
      try {
        const p = JSON.parse(localStorage.getItem(progressKey("lesson-" + id)) || "null");
        return p && p.passed ? Object.keys(p.passed).length : 0;
      } catch {
        return 0;
      }
    };
    replace(list, (course.lessons || []).map((l, i) => h("li", { class: "course-item" },
      h("a", { href: location.pathname + "?lesson=" + encodeURIComponent(l.id), "data-testid": "course-lesson", dataset: { lesson: l.id } }, String(i + 1) + ". " + l.title),
      h("span", { class: "badge", text: done(l.id) + " / " + l.tasks + " done" }),
      h("p", { class: "muted", text: l.summary }))));
  } catch (e) {
    replace(list);
    err.textContent = "The course could not be loaded: " + errorText(e);
  }
}

function progressKey(space) {
  return "ddbplay-lesson-progress:" + space;
}

/** answerURL packs the learner's answer: the lesson, their tables and their requests. */
async function answerURL(lesson, log, progress) {
  const snapshot = await state.db.exportSnapshot();
  const payload = { format: ANSWER, lesson, snapshot, log: log.slice(-LOG_LIMIT).map(trimEntry), passed: Object.keys(progress.value.passed) };
  return location.origin + location.pathname + "#answer=" + (await packJSON(payload));
}

function showPane(pane) {
  pane.hidden = false;
  document.querySelector(".layout").classList.add("with-lesson");
}

/**
 * initLessons adds the Course button and, when the URL is a lesson,
 * exercise or answer link (see lessonLink), opens it in the pane. link is
 * lessonLink(location); banner(kind, ...children) shows a page banner.
 * Resolves once the lesson's starting state is in place.
 */
export async function initLessons({ link, banner }) {
  const courseBtn = h("button", { type: "button", id: "btn-course", onclick: openCourse }, "Course");
  const data = document.getElementById("btn-data");
  data.parentNode.insertBefore(courseBtn, data);
  const pane = h("aside", { class: "lesson-pane", id: "lesson-pane", "aria-labelledby": "lesson-title", hidden: true, "data-testid": "lesson-pane" });
  const layout = document.querySelector(".layout");
  layout.insertBefore(pane, layout.querySelector(".oplog"));
  window.addEventListener("hashchange", () => {
    if (/^#(exercise|answer)=/.test(location.hash)) location.reload();
  });
  if (!link) return;

  const db = state.db;
  const logKey = "ddbplay-lesson-log:" + state.space;
  const log = link.kind === "answer" ? [] : loadLog(logKey);
  const leave = h("a", { href: location.pathname, class: "small-link", id: "lesson-leave", text: "Leave" });
  const courseLink = button("Lessons", openCourse, { class: "small", id: "lesson-course" });
  const failLink = (e) => {
    const why = e instanceof LessonError || e.name === "ShareError" ? e.message : errorText(e);
    banner("error", "This " + link.kind + " link cannot be opened: " + why + (/[.!?]$/.test(why) ? "" : ".") + " Nothing was changed.");
  };
  let lesson;
  try {
    if (link.kind === "lesson") {
      const res = await fetch(new URL("lessons/" + link.id + ".json", location.href));
      if (!res.ok) throw new LessonError(res.status === 404 ? "there is no lesson \"" + link.id + "\"." : "lessons/" + link.id + ".json: HTTP " + res.status);
      lesson = validateLesson(await res.json());
      if (!db.restored) await startLesson(db, lesson);
    } else if (link.kind === "exercise") {
      const payload = await unpackJSON(link.fragment);
      if (!payload || payload.format !== EXERCISE) throw new LessonError("it is not a ddbplay exercise link.");
      lesson = validateLesson(payload.lesson);
      if (!db.restored) await startLesson(db, lesson);
    } else {
      const payload = await unpackJSON(link.fragment);
      if (!payload || payload.format !== ANSWER) throw new LessonError("it is not a ddbplay answer link.");
      lesson = validateLesson(payload.lesson);
      if (!payload.snapshot || typeof payload.snapshot !== "object" || !Array.isArray(payload.log)) throw new LessonError("it carries no tables or no requests.");
      await db.reset();
      await db.importSnapshot(payload.snapshot);
      // Only well-formed entries: the checks read op, input, output and error.
      const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
      log.push(...payload.log.filter((e) => isObj(e) && typeof e.op === "string" && isObj(e.input) &&
        (e.error === undefined || (isObj(e.error) && typeof e.error.name === "string")) &&
        (e.output === undefined || (isObj(e.output) && (e.output.Items === undefined || Array.isArray(e.output.Items))))));
    }
  } catch (e) {
    failLink(e);
    return;
  }

  if (link.kind !== "answer") {
    on("call", (e) => {
      log.push(trimEntry(e));
      if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
      saveLog(logKey, log);
    });
  }
  const progress = new Progress(link.kind === "answer" ? "" : progressKey(state.space));
  const actions = [courseLink, leave];
  if (link.kind === "exercise") {
    actions.unshift(button("Send answer", async () => {
      try {
        const url = await answerURL(lesson, log, progress);
        const big = tooLarge(url);
        if (big) {
          banner("error", "Your answer is too large for a link. " + big);
          return;
        }
        linkDialog("Send your answer", "This link carries your tables and the requests you made. Send it to your teacher: opening it shows which checks pass, in a space of its own.", url, { testid: "answer-link-dialog", inputId: "answer-url" });
      } catch (e) {
        banner("error", "Could not make the answer link: " + errorText(e));
      }
    }, { class: "primary small", id: "btn-send-answer" }));
  }
  showPane(pane);
  const view = mountLesson(pane, lesson, {
    db, log, progress, review: link.kind === "answer", actions,
    send: (op, input) => call(op, input),
    onReset: () => {
      saveLog(logKey, log);
      emit("refresh");
    },
  });
  if (link.kind === "answer") {
    banner("info", "You are reviewing a learner's answer, opened in its own space (" + state.space + "). Your playground is untouched. The checks below ran against their tables and their " + log.length + " request" + (log.length === 1 ? "" : "s") + ".");
    pane.append(h("details", { class: "lesson-requests", "data-testid": "answer-requests" },
      h("summary", { text: "The learner's requests (" + log.length + ")" }),
      h("ol", {}, log.slice(-100).map((e) => h("li", { text: e.op + " " + JSON.stringify(e.input).slice(0, 160) + (e.error ? " → " + e.error.name : " → OK") })))));
    await view.checkAll();
  } else if (link.kind === "exercise") {
    banner("info", "This exercise opened in its own space (" + state.space + "); your own playground is untouched. When you are done, press Send answer.");
  }
  pane.dataset.ready = "true";
}

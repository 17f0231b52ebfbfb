// pane.js — the lesson pane: a lesson's steps (safe Markdown), its "try"
// buttons, and its tasks with Check, hints and a revealable solution.
// Used by the playground page (links.js) and by embed.html (embed.js);
// it knows nothing of either page: everything comes in as options.

import { h, button, replace, errorText } from "../dom.js";
import { confirmDialog } from "../dialogs.js";
import { render } from "./markdown.js";
import { evaluateTask, tasksOf, LessonError } from "./checks.js";
import { runRequests, startLesson, engineWait } from "./run.js";

/**
 * Progress of one lesson in one space: {step, passed: {taskId: true}},
 * kept in localStorage under key (nothing is kept when key is "").
 */
export class Progress {
  constructor(key) {
    this.key = key;
    this.value = { step: 0, passed: {} };
    if (!key) return;
    try {
      const v = JSON.parse(localStorage.getItem(key) || "null");
      if (v && typeof v === "object" && Number.isInteger(v.step) && v.passed && typeof v.passed === "object") this.value = { step: v.step, passed: { ...v.passed } };
    } catch {
      // unreadable progress starts over
    }
  }

  save() {
    if (!this.key) return;
    try {
      localStorage.setItem(this.key, JSON.stringify(this.value));
    } catch {
      // storage full or blocked: progress lives until the page closes
    }
  }

  clear() {
    this.value = { step: 0, passed: {} };
    this.save();
  }
}

/**
 * mountLesson renders lesson into container and returns {check(taskId),
 * checkAll(), reset(), destroy()}.
 *
 * options:
 *  - db: the Playground (checks read the engine through db.send, unlogged)
 *  - send(op, input): the logged door the learner's buttons use
 *  - log: the array of the learner's requests ({op, input, output?, error?}); the caller appends to it
 *  - progress: a Progress
 *  - review: true shows the teacher's view (every task checked at once, no solutions)
 *  - resetState(): puts the engine back in the starting state (default startLesson)
 *  - onReset(), onChange(): told after a reset and after anything is checked or shown
 *  - onChecked(taskId, {ok, results}): told after each check
 *  - actions: extra nodes for the pane's header (buttons)
 */
export function mountLesson(container, lesson, opts) {
  const { db, send, log, progress, review = false } = opts;
  const changed = () => opts.onChange && opts.onChange();
  const tasks = tasksOf(lesson);
  const taskViews = new Map();
  const stepCount = lesson.steps.length;
  let step = Math.min(Math.max(0, progress.value.step | 0), stepCount - 1);

  const progressText = h("p", { class: "lesson-progress", "data-testid": "lesson-progress", "aria-live": "polite" });
  const stepHead = h("p", { class: "lesson-step-n muted", "data-testid": "lesson-step-n" });
  const stepBody = h("div", { class: "lesson-step", "data-testid": "lesson-step" });
  const prev = button("← Previous", () => go(step - 1), { class: "small", id: "lesson-prev" });
  const next = button("Next →", () => go(step + 1), { class: "small", id: "lesson-next" });
  const resetBtn = review ? null : button("Reset to start", async () => {
    if (await confirmDialog("Reset the lesson", "Put the tables back as the lesson starts and clear your progress and your requests?", { confirmLabel: "Reset", danger: true })) reset();
  }, { class: "small", id: "lesson-reset", title: "Put the tables back as the lesson starts and clear your progress" });
  const status = h("p", { class: "summary", "data-testid": "lesson-status", role: "status" });

  function updateProgress() {
    const done = tasks.filter((t) => progress.value.passed[t.id]).length;
    progressText.textContent = review
      ? done + " of " + tasks.length + " tasks pass in this answer"
      : done + " of " + tasks.length + " tasks done" + (done === tasks.length && tasks.length ? " — lesson complete!" : "");
    progressText.dataset.done = String(done);
    progressText.dataset.total = String(tasks.length);
  }

  function taskView(task) {
    const result = h("div", { class: "task-result", "data-testid": "task-result", "aria-live": "polite" });
    const badge = h("span", { class: "badge task-badge", "data-testid": "task-badge" });
    const hints = h("ol", { class: "task-hints", "data-testid": "task-hints" });
    let shown = 0;
    const hintBtn = (task.hints || []).length && !review ? button("Hint", () => {
      if (shown < task.hints.length) hints.append(h("li", {}, render(task.hints[shown++])));
      if (shown >= task.hints.length) hintBtn.disabled = true;
      hintBtn.textContent = shown < task.hints.length ? "Another hint" : "No more hints";
      changed();
    }, { class: "small", "data-testid": "task-hint" }) : null;
    const checkBtn = button(review ? "Check again" : "Check", () => check(task.id), { class: "primary small", "data-testid": "task-check" });
    let solution = null;
    if (task.solution && !review) {
      const reqs = task.solution.requests || [];
      const runBtn = reqs.length ? button("Run the solution", async () => {
        runBtn.disabled = true;
        try {
          await runRequests(reqs, send, { wait: engineWait(db) });
          status.className = "summary ok";
          status.textContent = "The solution's requests ran. Press Check.";
        } catch (e) {
          status.className = "summary error";
          status.textContent = "The solution failed: " + errorText(e);
        } finally {
          runBtn.disabled = false;
          changed();
        }
      }, { class: "small", "data-testid": "task-run-solution" }) : null;
      solution = h("details", { class: "task-solution", "data-testid": "task-solution" },
        h("summary", { text: "Show the solution" }),
        task.solution.text ? render(task.solution.text) : null,
        reqs.map((r) => h("pre", { class: "md-code", tabindex: "0" }, h("code", { text: r.op + (r.repeat ? " ×" + r.repeat : "") + (r.expectError ? " (expect " + r.expectError + ")" : "") + (r.waitForIndex ? " (again, a second apart, until index " + r.waitForIndex + " is ACTIVE)" : "") + "\n" + JSON.stringify(r.input || {}, null, 2) }))),
        runBtn);
      solution.addEventListener("toggle", changed);
    }
    const el = h("section", { class: "lesson-task", "data-testid": "lesson-task", dataset: { task: task.id }, "aria-label": "Task: " + task.title },
      h("div", { class: "task-head" }, h("h4", { text: task.title }), badge),
      task.text ? render(task.text, { headingLevel: 5 }) : null,
      h("div", { class: "task-actions" }, checkBtn, hintBtn),
      hints, result, solution);
    const view = { el, badge, result, checkBtn };
    setBadge(view, task);
    taskViews.set(task.id, view);
    return el;
  }

  function setBadge(view, task, failed) {
    const ok = !!progress.value.passed[task.id];
    view.badge.textContent = ok ? "✓ passed" : failed ? "✗ not yet" : "to do";
    view.badge.className = "badge task-badge " + (ok ? "ok" : failed ? "fail" : "");
    view.el.dataset.state = ok ? "passed" : failed ? "failed" : "todo";
  }

  async function check(taskId) {
    const task = tasks.find((t) => t.id === taskId);
    const view = taskViews.get(taskId);
    if (!task) return null;
    if (view) {
      view.checkBtn.disabled = true;
      replace(view.result, h("p", { class: "muted", text: "Checking…" }));
    }
    let res;
    try {
      res = await evaluateTask(task, { send: (op, input) => db.send(op, input), log });
    } catch (e) {
      if (view) {
        replace(view.result, h("p", { class: "error", role: "alert", text: (e instanceof LessonError ? "This task's check is malformed: " : "Checking failed: ") + errorText(e) }));
        view.checkBtn.disabled = false;
      }
      return null;
    }
    if (res.ok) progress.value.passed[taskId] = true;
    else delete progress.value.passed[taskId];
    progress.save();
    if (view) {
      replace(view.result,
        h("p", { class: res.ok ? "summary ok" : "summary error", "data-testid": "task-verdict", text: res.ok ? "Correct — all checks pass." : "Not yet: " + res.results.filter((r) => !r.ok).length + " of " + res.results.length + " checks fail." }),
        h("ul", { class: "check-list" }, res.results.map((r) => h("li", { class: r.ok ? "check ok" : "check fail", "data-testid": "check-line", dataset: { ok: String(r.ok) } },
          h("span", { class: "check-mark", "aria-hidden": "true", text: r.ok ? "✓" : "✗" }), " ",
          h("span", { class: "sr-only", text: r.ok ? "Passes: " : "Fails: " }),
          h("span", { text: "Expected " + r.expected + "." }), " ",
          h("span", { class: "check-found", text: "Found " + r.found + "." })))));
      setBadge(view, task, !res.ok);
      view.checkBtn.disabled = false;
    }
    updateProgress();
    changed();
    if (opts.onChecked) opts.onChecked(taskId, res);
    return res;
  }

  async function checkAll() {
    const out = {};
    for (const t of tasks) out[t.id] = await check(t.id);
    return out;
  }

  function tryButtons(list) {
    return h("div", { class: "lesson-try" }, list.map((r) => {
      const label = r.label || r.op;
      const note = h("span", { class: "summary", "data-testid": "try-result", "aria-live": "polite" });
      const b = button("▶ " + label, async () => {
        b.disabled = true;
        const total = r.repeat || 1;
        note.className = "summary";
        note.textContent = total > 1 ? "Sending… 0 of " + total : "Sending…";
        try {
          // A try button reports every failure instead of stopping at one.
          const sum = await runRequests([{ ...r, expectError: "*" }], send, { wait: engineWait(db), onProgress: (d, n) => { if (n > 1 && (d % 25 === 0 || d === n)) note.textContent = "Sending… " + d + " of " + n; } });
          const bad = Object.entries(sum.failed).map(([name, n]) => (total > 1 ? n + " failed with " : "Failed with ") + name).join(", ");
          const unexpected = Object.keys(sum.failed).some((name) => name !== r.expectError);
          note.className = unexpected ? "summary error" : "summary ok";
          note.textContent = (total > 1 ? sum.sent + " sent" : "Sent") + (bad ? ": " + bad : ": OK") + (total > 1 ? ", " + (sum.sent - Object.values(sum.failed).reduce((a, b) => a + b, 0)) + " succeeded." : ".");
        } catch (e) {
          note.className = "summary error";
          note.textContent = errorText(e);
        } finally {
          b.disabled = false;
          changed();
        }
      }, { class: "small", "data-testid": "try-button" });
      return h("div", { class: "try-row" }, b, note);
    }));
  }

  function go(i) {
    step = Math.min(Math.max(0, i), stepCount - 1);
    progress.value.step = step;
    progress.save();
    const s = lesson.steps[step];
    stepHead.textContent = "Step " + (step + 1) + " of " + stepCount;
    replace(stepBody,
      h("h3", { class: "lesson-step-title", text: s.title, "data-testid": "lesson-step-title" }),
      render(s.text, { headingLevel: 4 }),
      s.try && !review ? tryButtons(s.try) : null,
      (s.tasks || []).map(taskView));
    prev.disabled = step === 0;
    next.disabled = step === stepCount - 1;
    changed();
  }

  async function reset() {
    const reset = opts.resetState || (() => startLesson(db, lesson));
    if (resetBtn) resetBtn.disabled = true;
    status.className = "summary";
    status.textContent = "Resetting to the lesson's start…";
    try {
      await reset();
      log.length = 0;
      progress.clear();
      status.className = "summary ok";
      status.textContent = "Back at the start: tables as the lesson begins, progress cleared.";
      if (opts.onReset) opts.onReset();
      go(0);
      updateProgress();
    } catch (e) {
      status.className = "summary error";
      status.textContent = "Reset failed: " + errorText(e);
    } finally {
      if (resetBtn) resetBtn.disabled = false;
    }
  }

  // In review, every task is shown at once on one page.
  replace(container,
    h("div", { class: "lesson-head" },
      h("h2", { id: "lesson-title", "data-testid": "lesson-title", text: lesson.title }),
      h("div", { class: "lesson-head-actions" }, opts.actions || [], resetBtn)),
    lesson.summary ? h("p", { class: "muted lesson-summary", text: lesson.summary }) : null,
    progressText, status,
    review ? null : h("div", { class: "lesson-nav" }, stepHead, h("div", { class: "spacer" }), prev, next),
    review ? h("div", { class: "lesson-step" }, tasks.map(taskView)) : stepBody);
  updateProgress();
  if (!review) go(step);
  return { check, checkAll, reset, go, destroy: () => replace(container) };
}

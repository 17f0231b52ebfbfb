// task.js — long work (imports, loading samples, big scans) runs as a
// task: a visible progress bar with a Cancel button.

let current = null;

/** Cancelled is thrown by checkpoints after the user pressed Cancel. */
export class Cancelled extends Error {
  constructor() {
    super("Cancelled");
    this.name = "Cancelled";
  }
}

/**
 * runTask runs fn(task) with a progress UI. task.progress(done, total,
 * text) updates the bar; task.check() throws Cancelled once cancelled.
 * Resolves with fn's result; rejects with its error (or Cancelled).
 */
export async function runTask(label, fn) {
  const box = document.getElementById("task");
  const text = document.getElementById("task-label");
  const bar = document.getElementById("task-progress");
  const cancel = document.getElementById("task-cancel");
  const aborter = new AbortController();
  const task = {
    cancelled: false,
    // signal aborts once cancelled (for work that takes an AbortSignal)
    signal: aborter.signal,
    progress(done, total, detail) {
      if (total > 0) {
        bar.max = total;
        bar.value = done;
      } else {
        bar.removeAttribute("value");
      }
      text.textContent = label + (detail ? " — " + detail : "");
    },
    check() {
      if (task.cancelled) throw new Cancelled();
    },
  };
  if (current) current.cancel();
  current = task;
  task.cancel = () => {
    task.cancelled = true;
    aborter.abort();
  };
  const onCancel = () => task.cancel();
  cancel.addEventListener("click", onCancel);
  box.hidden = false;
  task.progress(0, 0, "");
  try {
    return await fn(task);
  } finally {
    cancel.removeEventListener("click", onCancel);
    if (current === task) {
      current = null;
      box.hidden = true;
    }
  }
}

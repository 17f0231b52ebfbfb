// page-turns.js — fairness for the page: answers that settle at once (in
// microtasks) may do so back to back for at most burstMs; then the next one
// waits for a new task, so that a loop of awaited calls lets the page render
// and take input. Used by engine-link.js.

// createPageTurns returns {due(), afterTask(fn)}: due() reports whether the
// page is owed a task (answers have settled at once for more than burstMs
// since it last ran one); afterTask(fn) runs fn in a new task.
export function createPageTurns(burstMs) {
  let burstStart;
  let tasks = null;

  // afterTask runs fn in a new task (a message to itself: setTimeout waits
  // at least 4 ms when nested).
  function afterTask(fn) {
    if (!tasks) {
      const { port1, port2 } = new MessageChannel();
      const fns = [];
      port1.onmessage = () => fns.shift()();
      tasks = { fns, post: () => port2.postMessage(0) };
    }
    tasks.fns.push(fn);
    tasks.post();
  }

  function due() {
    const now = performance.now();
    if (burstStart === undefined) {
      burstStart = now;
      afterTask(() => { burstStart = undefined; });
      return false;
    }
    return now - burstStart > burstMs;
  }

  return { due, afterTask };
}

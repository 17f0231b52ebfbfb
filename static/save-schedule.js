// When the engine host saves a snapshot of the space (host-store.js): a
// while after the writes stop, and at the latest a while after the first
// unsaved write. With the write log the saved snapshot only compacts the
// log, so its timing decides how long the log grows and how often the
// worker pauses to export, not what a crash loses.

const SAVE_DELAY = 200; // ms after the last write (saveDelay changes it)
const SAVE_MAX_DELAY = 1000; // ms after the first unsaved write, or saveDelay if larger
// A save holds the engine while it exports the state: until the deadline
// after the first unsaved write, it waits for a pause of QUIET_MS in the
// page's requests, so as not to land in the middle of a run of them.
const QUIET_MS = 50;

// createSchedule returns {wrote(), cancel(), armed()}: wrote() notes a
// write and (re)arms the timer that calls save(); lastCostMs() tells how
// long the last save's export took, so that exporting a large state takes
// at most a fifth of the worker's time; sinceRequestMs() how long ago the
// page's last request came.
export function createSchedule(save, lastCostMs, saveDelay, sinceRequestMs = () => Infinity) {
  const delay = saveDelay >= 0 ? saveDelay : SAVE_DELAY;
  const maxDelay0 = Math.max(SAVE_MAX_DELAY, delay);
  let firstAt = -1; // when the first write since the last save happened
  let timer = 0;
  let due = 0; // when the save is due (performance.now() time)
  let deadline = 0; // when it is due at the latest, requests or not

  // fire saves when due, or waits on: a write since the timer was set put
  // the save off. (One timer at a time, not one per write: a write costs
  // no clearTimeout and setTimeout.)
  function fire() {
    timer = 0;
    const now = performance.now();
    if (now < deadline - 1) {
      const quiet = sinceRequestMs();
      const wait = now < due - 1 ? due - now : quiet < QUIET_MS ? QUIET_MS - quiet : 0;
      if (wait > 0) {
        timer = setTimeout(fire, Math.min(wait, deadline - now));
        return;
      }
    }
    firstAt = -1;
    save();
  }

  return {
    wrote() {
      const now = performance.now();
      if (firstAt < 0) firstAt = now;
      const cost = 4 * lastCostMs();
      // Later writes put the save off, up to the deadline after the first.
      deadline = firstAt + Math.max(maxDelay0, cost);
      due = Math.min(now + Math.max(delay, cost), deadline);
      if (!timer) timer = setTimeout(fire, Math.max(0, due - now));
    },
    // cancel drops the armed timer (a save is about to run anyway).
    cancel() {
      clearTimeout(timer);
      timer = 0;
      firstAt = -1;
    },
    armed: () => timer !== 0,
  };
}

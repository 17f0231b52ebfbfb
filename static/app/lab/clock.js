// clock.js — the engine's virtual clock as a bar under the page's header,
// visible in every view (capacity, burst, TTL expiry and replica lag all
// follow it): its time, whether it runs in real time, faster or is paused,
// and controls to pause, resume, step and change the speed.

import { h, button, select, errorText } from "../dom.js";
import { state, emit } from "../state.js";

let current = { now: Date.now(), paused: false, speed: 1 };
let timeEl = null;
let modeEl = null;
let pauseBtn = null;
let speedSel = null;
let errEl = null;

/** clockState returns the last clock state seen ({now, paused, speed}). */
export function clockState() {
  return current;
}

function render() {
  timeEl.textContent = new Date(current.now).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  timeEl.dateTime = new Date(current.now).toISOString();
  modeEl.textContent = current.paused ? "paused" : current.speed === 1 ? "real time" : "×" + current.speed + " speed";
  pauseBtn.textContent = current.paused ? "Resume" : "Pause";
  pauseBtn.setAttribute("aria-pressed", String(current.paused));
  speedSel.value = String(current.speed);
}

/**
 * clockAction runs an action of the engine's clock ("" to read it) and
 * updates the bar; listeners of the "clock" event hear of the change.
 */
export async function clockAction(action = "", value = 0) {
  try {
    current = await state.db.clock(action, value);
    errEl.textContent = "";
  } catch (e) {
    errEl.textContent = errorText(e);
    throw e;
  }
  render();
  if (action) emit("clock", current);
  return current;
}

/** initClock builds the clock bar in #clock. */
export function initClock() {
  const bar = document.getElementById("clock");
  timeEl = h("time", { id: "clock-time", class: "clock-time" });
  modeEl = h("span", { id: "clock-mode", class: "badge" });
  pauseBtn = button("Pause", () => clockAction(current.paused ? "resume" : "pause"), { class: "small", id: "clock-pause" });
  const stepSel = select([["1", "1 s"], ["10", "10 s"], ["60", "1 min"], ["300", "5 min"], ["3600", "1 h"], ["86400", "1 day"]], { id: "clock-step-by", class: "small", value: "60" });
  const stepBtn = button("Step", () => clockAction("step", Number(stepSel.value)), { class: "small", id: "clock-step" });
  speedSel = select([["1", "×1 (real time)"], ["10", "×10"], ["100", "×100"], ["1000", "×1000"]], { id: "clock-speed", class: "small" });
  speedSel.addEventListener("change", () => clockAction("speed", Number(speedSel.value)));
  errEl = h("span", { class: "error", role: "alert" });
  bar.append(
    h("span", { class: "clock-label", text: "Engine clock" }), " ", timeEl, " ", modeEl,
    pauseBtn,
    h("span", { class: "clock-group" }, h("label", { for: "clock-step-by", class: "sr-only", text: "Step by" }), stepSel, stepBtn),
    h("span", { class: "clock-group" }, h("label", { for: "clock-speed", class: "sr-only", text: "Clock speed" }), speedSel),
    h("small", { class: "muted clock-hint", text: "Capacity, burst, TTL and replica lag follow this clock." }),
    errEl);
  bar.hidden = false;
  clockAction("").catch(() => {});
  // Follow the clock while it runs; a paused clock only moves on Step.
  setInterval(() => {
    if (!current.paused && !document.hidden) clockAction("").catch(() => {});
  }, 1000);
}

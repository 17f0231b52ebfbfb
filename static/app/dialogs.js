// dialogs.js — modal dialogs built on <dialog> (focus trapping and Esc
// come with showModal).

import { h, button } from "./dom.js";

/**
 * modal opens a dialog with a title and body nodes. Returns {dialog,
 * close}. The dialog removes itself when closed.
 */
export function modal(title, body, { testid, wide } = {}) {
  const heading = h("h2", { id: "dlg-title-" + Math.random().toString(36).slice(2), text: title });
  const dialog = h("dialog", { class: wide ? "wide" : "", "aria-labelledby": heading.id, "data-testid": testid },
    h("div", { class: "dialog-head" }, heading, button("✕", () => dialog.close(), { class: "icon", "aria-label": "Close dialog" })),
    body);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close: () => dialog.close() };
}

/**
 * confirmDialog asks a yes/no question; resolves true when confirmed.
 */
export function confirmDialog(title, message, { confirmLabel = "OK", danger = false } = {}) {
  return new Promise((resolve) => {
    let result = false;
    const ok = button(confirmLabel, () => { result = true; m.close(); }, { class: danger ? "danger" : "primary", "data-testid": "confirm-ok" });
    const m = modal(title, h("div", {},
      h("p", { text: message }),
      h("div", { class: "actions" }, button("Cancel", () => m.close(), { "data-testid": "confirm-cancel" }), ok)), { testid: "confirm-dialog" });
    m.dialog.addEventListener("close", () => resolve(result));
    ok.focus();
  });
}

/** toast shows a short status message in the status line. */
let toastTimer = 0;

export function toast(text, kind = "info") {
  const el = document.getElementById("status");
  el.textContent = text;
  el.className = "status " + kind;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.textContent = ""; }, kind === "error" ? 10000 : 4000);
}

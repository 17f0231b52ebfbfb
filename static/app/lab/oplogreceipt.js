// oplogreceipt.js — adds a capacity receipt to every entry of the
// operation log (the arithmetic, the partition touched, throttled and
// why), and makes a throttling error anywhere in the page explain itself
// with a way to the large-tables lab.

import { h, button, replace } from "../dom.js";
import { state } from "../state.js";
import { setAnnotator } from "../oplog.js";
import { tableCache } from "../tables.js";
import { receipt, keyOf, explainThrottle } from "./receipt.js";
import { openLab } from "./lab.js";

const THROTTLES = new Set(["ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException"]);

let bannerEl = null;
let bannerCount = 0;

// throttleBanner shows (or updates) one banner for throttling errors.
function throttleBanner(op, input, err) {
  bannerCount++;
  const table = input && input.TableName ? String(input.TableName) : "";
  const text = h("span", { text: (bannerCount > 1 ? bannerCount + " requests throttled. Last: " : "") + op + (table ? " on " + table : "") + " was throttled. " + explainThrottle(err) + " Retry with backoff, or see why in the lab." });
  if (!bannerEl || !bannerEl.isConnected) {
    bannerEl = h("div", { class: "banner error", role: "alert", "data-testid": "banner-throttled" });
    document.getElementById("banners").append(bannerEl);
  }
  replace(bannerEl, text,
    button("Open the Large tables lab", () => openLab(table), { class: "small", id: "banner-open-lab" }),
    button("Dismiss", () => { bannerEl.remove(); bannerCount = 0; }, { class: "small" }));
}

/** installReceipts hooks the receipts into the operation log. */
export function installReceipts() {
  setAnnotator(async ({ op, input, out, err, el }) => {
    const desc = input && input.TableName ? tableCache.get(String(input.TableName)) || null : null;
    const lines = err ? [] : receipt(op, input, out, desc);
    const throttled = err && THROTTLES.has(err.name);
    const parts = [];
    if (throttled) parts.push(h("span", { class: "receipt-throttled", text: "Throttled — " + explainThrottle(err) }));
    for (const l of lines) parts.push(h("span", { text: l }));
    const key = keyOf(op, input, desc);
    if (key && (throttled || !err)) {
      try {
        const id = await state.db.partition(String(input.TableName), "", key);
        parts.push(h("span", { text: "partition touched: #" + id + " of " + input.TableName }));
      } catch {
        // an invalid key already failed the request
      }
    }
    if (throttled) {
      parts.push(button("Why? Open the Large tables lab", (ev) => { ev.preventDefault(); openLab(String(input.TableName || "")); }, { class: "link" }));
      if (state.view !== "lab") throttleBanner(op, input, err);
    }
    if (parts.length) replace(el, parts);
  });
}

// shortlinks.js — short share links (/s/<id>): the same payload as a
// "#share=" fragment link (share.js), gzip-compressed and kept by the site
// that serves the page (POST /s; see web/shortlink), so a playground too
// large for a fragment still fits in a link. Opening /s/<id> lands on
// /?s=<id>; openShortLink turns the stored payload back into a "#share="
// fragment before the page boots, so a short link opens exactly as a
// fragment link does: validated by decodeShare, in a space of its own.

import { h, button, copyText, formatBytes } from "./dom.js";
import { base64url, fromBase64url, pump } from "./share.js";

/** Largest link the page sends, in bytes (the server's default limit). */
export const SHORT_LIMIT = 1024 * 1024;
/** Largest decompressed payload accepted from a short link, in bytes. */
const MAX_INFLATED = 64 * 1024 * 1024;
const ID = /^[A-Za-z0-9_-]{16}$/;

function recompress(bytes, from, to, limit) {
  return pump(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(from)).pipeThrough(new CompressionStream(to)), limit);
}

/** apiError reads the server's JSON error, or describes the status. */
async function apiError(res) {
  try {
    const e = await res.json();
    if (e && typeof e.message === "string") return e.message;
  } catch {
    // not our JSON: fall through
  }
  return "The site answered " + res.status + " " + res.statusText + ".";
}

/**
 * createShortLink stores the payload of a "#share=" fragment on the site
 * and resolves its absolute short URL. Rejects with an Error whose
 * message is for people (too large, rate limited, no short links here).
 */
export async function createShortLink(fragment) {
  const body = await recompress(fromBase64url(fragment), "deflate-raw", "gzip", SHORT_LIMIT + 1);
  if (body.length > SHORT_LIMIT) {
    throw new Error("This playground is " + formatBytes(body.length) + " compressed, over the " + formatBytes(SHORT_LIMIT) + " a short link holds. Use Data → Export playground and share the file instead.");
  }
  const res = await fetch(new URL("s", document.baseURI), { method: "POST", headers: { "Content-Type": "application/gzip" }, body });
  if (res.status === 404 || res.status === 405 || res.status === 501) {
    throw new Error("This site does not keep short links (it serves the page as plain files). Use the link above, or Data → Export playground.");
  }
  if (res.status !== 201 && res.status !== 200) throw new Error(await apiError(res));
  const { id } = await res.json();
  if (typeof id !== "string" || !ID.test(id)) throw new Error("The site answered with no link.");
  return new URL("s/" + id, document.baseURI).href;
}

function showError(message) {
  const el = h("div", { class: "banner error", role: "alert", "data-testid": "banner-error" }, message + " Nothing was changed.",
    button("Dismiss", () => el.remove(), { class: "small" }));
  document.getElementById("banners").append(el);
}

/**
 * openShortLink: on a page opened as /?s=<id>, fetches the link and turns
 * it into the "#share=" fragment the page then opens as a share link.
 * On failure it shows why, drops ?s= and the page opens as usual.
 */
export async function openShortLink() {
  const params = new URLSearchParams(location.search);
  const id = params.get("s");
  if (id === null) return;
  const status = document.getElementById("boot-status");
  status.textContent = "Opening the short link…";
  try {
    if (!ID.test(id)) throw new Error("This short link is damaged: " + JSON.stringify(id) + " is not a link's id.");
    const res = await fetch(new URL("s/" + id, document.baseURI), { headers: { Accept: "application/gzip" } });
    if (res.status === 404) throw new Error("This short link does not exist, or it expired.");
    if (!res.ok) throw new Error("This short link cannot be opened: " + (await apiError(res)));
    const gz = new Uint8Array(await res.arrayBuffer());
    let fragment;
    try {
      fragment = base64url(await recompress(gz, "gzip", "deflate-raw", MAX_INFLATED));
    } catch {
      throw new Error("This short link is damaged: its content does not decompress.");
    }
    history.replaceState(null, "", location.pathname + "#share=" + fragment);
  } catch (e) {
    showError(e.message);
    history.replaceState(null, "", location.pathname);
  } finally {
    status.textContent = "";
  }
}

/**
 * shortLinkSection is the Share dialog's part for short links: a button
 * that stores the playground (the payload of fragment) on the site and
 * shows its short link.
 */
export function shortLinkSection(fragment) {
  const out = h("input", { type: "text", id: "short-url", readOnly: true, placeholder: "Not created yet" });
  const note = h("p", { class: "summary", id: "short-status", role: "status" });
  const err = h("p", { class: "error", role: "alert", id: "short-error" });
  const copy = button("Copy short link", async () => {
    const ok = await copyText(out.value);
    copy.textContent = ok ? "Copied" : "Select the link and copy it";
    out.select();
  }, { id: "short-copy", disabled: true });
  const create = button("Create short link", async () => {
    create.disabled = true;
    err.textContent = "";
    note.textContent = "Uploading…";
    try {
      out.value = await createShortLink(fragment);
      note.textContent = "Short link ready: anyone who has it can open this playground.";
      copy.disabled = false;
      out.focus();
      out.select();
    } catch (e) {
      note.textContent = "";
      err.textContent = e.message;
      create.disabled = false;
    }
  }, { id: "short-create", class: "primary" });
  return h("section", { class: "short-link", "aria-labelledby": "short-title" },
    h("h3", { id: "short-title", text: "Short link" }),
    h("p", { class: "muted", text: "A short link (up to " + formatBytes(SHORT_LIMIT) + " compressed) stores this playground on this site. Anyone who has the link can open it; it is kept for a year after it was last opened." }),
    h("div", { class: "field" }, h("label", { for: "short-url", text: "Short link" }), out),
    note, err,
    h("div", { class: "actions" }, create, copy));
}

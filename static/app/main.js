// main.js — boots the playground page: opens the engine through the door
// (window.ddbplay), restores a share link into its own space, and wires
// the views.

import { openPlayground } from "../ddbplay.js";
import { h, button, errorText, copyText, formatBytes } from "./dom.js";
import { state, on, emit } from "./state.js";
import { initOplog } from "./oplog.js";
import { initTables, refreshTables, tableCache } from "./tables.js";
import { initItems, queryState, openQuery } from "./items.js";
import { followDoor } from "./doorwatch.js";
import { initIndexes } from "./indexes.js";
import { initRawAPI } from "./rawapi.js";
import { initPartiQL } from "./partiql.js";
import { initData } from "./data.js";
import { modal, confirmDialog, toast } from "./dialogs.js";
import { initLab } from "./lab/lab.js";
import { initClock } from "./lab/clock.js";
import { decodeShare, encodeShare, spaceFor, SHARE_LIMIT } from "./share.js";
import { connect, endpointURL, openConnectDialog } from "./connect.js";
import { initLessons, lessonLink } from "./lessons/links.js";
import { openShortLink, shortLinkSection } from "./shortlinks.js";

const VIEWS = ["tables", "items", "indexes", "api", "partiql", "lab"];
const ADOPT_KEY = "ddbplay-adopt";

// What the page says when the browser keeps writes less than durably
// (db.durability; "log" needs no note).
const DURABILITY_NOTES = {
  save: "This browser gives the playground no write log here: each change is saved a moment after you make it, so closing the tab right after a change can lose it.",
  memory: "This browser window keeps no data for the playground (a private window, or storage is blocked): everything works, but it is gone when you close the tab. Use Data → Export to keep your work.",
};

function banner(kind, ...children) {
  const el = h("div", { class: "banner " + kind, role: kind === "error" ? "alert" : "status", "data-testid": "banner-" + kind }, ...children,
    button("Dismiss", () => el.remove(), { class: "small" }));
  document.getElementById("banners").append(el);
  return el;
}

function showView(view) {
  if (!VIEWS.includes(view)) view = "tables";
  state.view = view;
  for (const v of VIEWS) {
    const tab = document.getElementById("tab-" + v);
    const panel = document.getElementById("view-" + v);
    const on = v === view;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    panel.hidden = !on;
  }
}

function initTabs() {
  const tabs = VIEWS.map((v) => document.getElementById("tab-" + v));
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => emit("view", VIEWS[i]));
    tab.addEventListener("keydown", (ev) => {
      const d = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: tabs.length - 1 - i }[ev.key];
      if (d === undefined) return;
      ev.preventDefault();
      const j = (i + d + tabs.length) % tabs.length;
      emit("view", VIEWS[j]);
      tabs[j].focus();
    });
  });
  on("view", showView);
}

async function openShareDialog() {
  const out = h("input", { type: "text", id: "share-url", readOnly: true, "aria-label": "Share link" });
  const size = h("p", { id: "share-size", class: "summary" });
  const err = h("p", { class: "error", role: "alert", id: "share-error" });
  const copy = button("Copy link", async () => {
    const ok = await copyText(out.value);
    copy.textContent = ok ? "Copied" : "Select the link and copy it";
    out.select();
  }, { class: "primary", id: "share-copy", disabled: true });
  modal("Share this playground", h("div", {},
    h("p", { class: "muted", text: "The link carries every table, index and item, and the open query, compressed into the part after #. Nothing is uploaded: whoever opens it gets a copy in a separate space of their own browser." }),
    h("div", { class: "field" }, h("label", { for: "share-url", text: "Link" }), out),
    size, err,
    h("div", { class: "actions" }, copy)), { testid: "share-dialog", wide: true });
  try {
    if (state.connected) {
      err.textContent = "A share link carries the playground in this browser; while connected to " + state.connected + ", copy its tables into this browser's playground first (banner above), then disconnect and share.";
      return;
    }
    const snapshot = await state.db.exportSnapshot();
    const ui = { table: state.table, view: state.view };
    const query = state.table ? queryState() : null;
    if (query) ui.query = query;
    const frag = await encodeShare(snapshot, ui);
    size.parentNode.append(shortLinkSection(frag));
    const url = location.origin + location.pathname + "#share=" + frag;
    if (url.length > SHARE_LIMIT) {
      size.textContent = "Link size: " + formatBytes(url.length) + " — over the " + formatBytes(SHARE_LIMIT) + " a link can carry.";
      err.textContent = "This playground is too large for a link after #. Create a short link below, or use Data → Export playground to share it as a file.";
      return;
    }
    out.value = url;
    size.textContent = "Link size: " + formatBytes(url.length) + " of " + formatBytes(SHARE_LIMIT) + " allowed.";
    copy.disabled = false;
    out.focus();
    out.select();
  } catch (e) {
    err.textContent = errorText(e);
  }
}

function validSpace(s) {
  return typeof s === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(s);
}

async function boot() {
  performance.mark("ddbplay-boot"); // BenchmarkPageReady's timeline: the page's bundle has run
  await openShortLink(); // /?s=<id>: the link's payload becomes a #share= fragment
  const params = new URLSearchParams(location.search);
  let space = validSpace(params.get("space")) ? params.get("space") : "default";
  let shared = null;
  let shareError = null;
  let fragment = "";
  const lesson = lessonLink(location);
  if (lesson) space = lesson.space;
  if (location.hash.startsWith("#share=")) {
    fragment = location.hash.slice("#share=".length);
    try {
      shared = await decodeShare(fragment);
      space = spaceFor(fragment);
    } catch (e) {
      shareError = e;
    }
  }
  const status = document.getElementById("boot-status");
  state.space = space;
  if (location.protocol === "http:" || location.protocol === "https:") state.endpoint = location.origin;
  document.getElementById("space-name").textContent = space;
  let endpoint = null;
  if (params.get("endpoint") && !fragment) {
    try {
      endpoint = endpointURL(params.get("endpoint"));
    } catch (e) {
      banner("error", "Not connected: " + e.message + " The page works on the playground in this browser.");
    }
  }
  let db = null;
  if (endpoint) {
    status.textContent = "Connecting to " + endpoint + "…";
    db = await connect(endpoint, banner);
  }
  if (!db) {
    status.textContent = "Starting the engine…";
    // ?persist=0: a playground kept in this tab's memory only.
    db = await openPlayground({ space, persist: params.get("persist") !== "0" });
    window.ddbplay = db;
    state.db = db;
    // What a learner does through window.ddbplay (the console) shows in
    // the page once the door is quiet.
    followDoor(db);
    performance.mark("ddbplay-engine-ready");
  }
  status.textContent = "";
  initOplog();
  initTabs();
  initTables();
  initItems();
  initIndexes();
  initRawAPI();
  initPartiQL();
  initData();
  initClock();
  initLab();
  await initLessons({ link: lesson, banner });
  document.getElementById("btn-share").addEventListener("click", openShareDialog);
  document.getElementById("btn-connect").addEventListener("click", () => openConnectDialog(banner));
  db.addEventListener("external-change", () => {
    toast("Another tab changed this playground; reloaded its tables.");
    emit("refresh");
  });
  db.addEventListener("conflict", () => toast("Another tab saved this playground too; this tab's next save wins.", "error"));
  db.addEventListener("save-error", (ev) => toast("Saving failed: " + (ev.detail && ev.detail.message), "error"));
  db.addEventListener("storage-full", (ev) => banner("error", ev.detail && ev.detail.message));
  // A playground in this browser says how it keeps data (a connection to
  // a server has neither property).
  if (DURABILITY_NOTES[db.durability]) banner("info", DURABILITY_NOTES[db.durability]);
  if (db.recovered?.failed > 0) {
    banner("error", db.recovered.failed + " change(s) made in a tab that closed could not be replayed: their table was changed in another tab meanwhile.");
  }

  let ui = { table: "", view: "tables" };
  if (shareError) {
    banner("error", "This share link cannot be opened: " + shareError.message + " Nothing was changed.");
    history.replaceState(null, "", location.pathname + location.search);
  } else if (shared) {
    try {
      await db.importSnapshot(shared.snapshot);
      ui = shared.ui;
      history.replaceState(null, "", location.pathname + "?space=" + encodeURIComponent(space));
      banner("info", "You are looking at a shared playground, opened in its own space (" + space + "). Your saved playground is untouched. ",
        h("a", { href: location.pathname, text: "Open my playground" }), " ",
        button("Keep this as my playground…", async () => {
          const ok = await confirmDialog("Keep shared playground", "Replace your saved playground (space default) with this shared one?", { confirmLabel: "Replace mine", danger: true });
          if (!ok) return;
          sessionStorage.setItem(ADOPT_KEY, fragment);
          location.assign(location.pathname);
        }, { class: "small", id: "btn-adopt" }));
    } catch (e) {
      banner("error", "This share link cannot be opened: " + errorText(e) + " Nothing was changed.");
    }
  } else if (!state.connected && space === "default" && sessionStorage.getItem(ADOPT_KEY)) {
    const frag = sessionStorage.getItem(ADOPT_KEY);
    sessionStorage.removeItem(ADOPT_KEY);
    try {
      const adopted = await decodeShare(frag);
      await db.importSnapshot(adopted.snapshot);
      ui = adopted.ui;
      toast("The shared playground is now your playground.", "ok");
    } catch (e) {
      banner("error", "Could not keep the shared playground: " + errorText(e));
    }
  }
  try {
    await refreshTables();
  } catch (e) {
    if (!state.connected) throw e;
    banner("error", "Could not list the tables at " + state.connected + ": " + errorText(e));
  }
  if (ui.table && tableCache.has(ui.table)) {
    state.table = ui.table;
    emit("table", ui.table);
    await refreshTables();
  }
  emit("view", VIEWS.includes(ui.view) ? ui.view : "tables");
  if (ui.query && state.table === ui.table) openQuery(ui.query);
  document.body.dataset.ready = "true";
  performance.mark("ddbplay-ready");
}

window.addEventListener("hashchange", () => {
  if (location.hash.startsWith("#share=")) location.reload();
});

boot().catch((e) => {
  const status = document.getElementById("boot-status");
  status.textContent = "The playground could not start: " + errorText(e);
  status.className = "error";
  window.ddbplayError = status.textContent;
  document.body.dataset.ready = "error";
});



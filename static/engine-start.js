// engine-start.js — a classic script the playground page (index.html)
// loads from its head, async: it starts the engine's worker
// (engine-worker.js) and compiles ddbplay.wasm for it while the page is
// still loading its own modules. The page's EngineLink takes this worker
// (takeEarlyWorker in engine-link.js) when it opens the playground in a
// worker from the same place; a page that connects to an endpoint
// (?endpoint=, without a share link) starts none.
//
// The module is fetched and compiled here, on the page, not in the worker:
// the worker's script only runs once a thread has started and its file
// has loaded, behind the page's own ~45 module requests (~100 ms later on
// a cached page). The compiled module goes to the worker in a message,
// {type: "module", module} (a WebAssembly.Module is shared, not copied);
// module null when compiling failed here (a server without
// application/wasm, say), and the worker then fetches and compiles it
// itself. The worker knows to wait for that message by its name,
// "ddbplay-early". Either way the module is compiled once.
"use strict";
(() => {
  if (typeof Worker !== "function") return;
  if (new URLSearchParams(location.search).has("endpoint") && !location.hash.startsWith("#share=")) return;
  // In the built site (internal/sitebuild) this file is a content-named
  // copy in a folder of its own, and index.html gives it, relative to
  // itself: data-site, the site's root; data-worker, engine-worker.js
  // bundled with its modules; data-wasm, the content-named ddbplay.wasm.
  // url stays the worker's plain name, which the page looks for.
  const script = document.currentScript;
  const site = new URL(script.dataset.site ?? ".", script.src);
  const url = new URL("engine-worker.js", site).href;
  const workerURL = script.dataset.worker ? new URL(script.dataset.worker, script.src).href : url;
  const wasm = new URL(script.dataset.wasm ?? "ddbplay.wasm", script.dataset.wasm ? script.src : site).href;
  const compiled = typeof WebAssembly === "object" && typeof WebAssembly.compileStreaming === "function" ?
    WebAssembly.compileStreaming(fetch(wasm, { priority: "high" })) : Promise.reject(new Error("no WebAssembly.compileStreaming"));
  const early = { url, worker: new Worker(workerURL, { type: "module", name: "ddbplay-early" }), failed: false };
  compiled.then((module) => {
    performance.mark("ddbplay-module-compiled"); // BenchmarkPageReady's timeline
    early.worker.postMessage({ type: "module", module });
  },
    () => early.worker.postMessage({ type: "module", module: null }));
  // A worker that failed to load before the page took it is not taken:
  // the page starts its own, which reports the failure.
  early.worker.onerror = () => { early.failed = true; };
  globalThis.ddbplayEarlyWorker = early;
  performance.mark("ddbplay-worker-created"); // BenchmarkPageReady's timeline
})();

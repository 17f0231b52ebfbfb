// engine-start.js — a classic script the playground page (index.html)
// loads from its head, async: it starts the engine's worker
// (engine-worker.js, which compiles ddbplay.wasm and starts Go as soon as
// it loads) while the page is still loading its own modules. The page's
// EngineLink takes this worker (takeEarlyWorker in engine-link.js) when it
// opens the playground in a worker from the same place; a page that
// connects to an endpoint (?endpoint=, without a share link) starts none.
"use strict";
(() => {
  if (typeof Worker !== "function") return;
  if (new URLSearchParams(location.search).has("endpoint") && !location.hash.startsWith("#share=")) return;
  const url = new URL("engine-worker.js", document.currentScript.src).href;
  const early = { url, worker: new Worker(url, { type: "module", name: "ddbplay" }), failed: false };
  // A worker that failed to load before the page took it is not taken:
  // the page starts its own, which reports the failure.
  early.worker.onerror = () => { early.failed = true; };
  globalThis.ddbplayEarlyWorker = early;
})();

// space-records.js — a space's saved snapshot in IndexedDB (database
// "ddbplay", object store "spaces"), for host-store.js: the space's record
// {version, savedAt, tab, parts, logs} under the space's name, and its
// snapshot's UTF-8 text in parts, one record per slice of its export,
// under the keys "<space>\0<i>" (i with 9 digits); records saved before
// hold the snapshot instead (a Blob, or a string). A save writes the parts
// and the record in one readwrite transaction that reads the record and
// writes version + 1, so it is atomic and the last complete save wins. A
// saved state that no longer imports is kept under "<space>#unreadable".
// What the versions and logs mean is host-store.js's.

const DB_NAME = "ddbplay";
const STORE = "spaces";

// openRecords opens the database.
export function openRecords() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

// idbRun runs fn(store) in one transaction and resolves with what fn's
// requests leave in `out` once the transaction has committed.
function idbRun(idb, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(STORE, mode, { durability: "strict" });
    const out = {};
    fn(tx.objectStore(STORE), out);
    tx.oncomplete = () => resolve(out);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("ddbplay: save aborted"));
  });
}

// partKey is the key of part i of space's saved snapshot; partsFrom(space,
// i) is the range of its parts from i on.
const partKey = (space, i) => space + "\u0000" + String(i).padStart(9, "0");
const partsFrom = (space, i) => IDBKeyRange.bound(partKey(space, i), space + "\u0001", false, true);

// readSaved resolves with space's saved record, or undefined; a record
// saved in parts comes with them as partsData.
export async function readSaved(idb, space) {
  const out = await idbRun(idb, "readonly", (store, out) => {
    const get = store.get(space);
    get.onsuccess = () => {
      out.record = get.result;
      if (!(out.record?.parts > 0)) return;
      const parts = store.getAll(partsFrom(space, 0), out.record.parts);
      parts.onsuccess = () => { out.parts = parts.result; };
    };
  });
  if (out.parts) out.record.partsData = out.parts;
  return out.record;
}

// writeSaved saves the snapshot whose text is parts (Uint8Arrays) as
// space's record {version, savedAt, tab, parts, logs}, version the saved
// one's + 1, and resolves with {version, overwrote: whether the saved
// version was not base, putMs: the longest put}.
export function writeSaved(idb, space, { parts, base, tab, logs }) {
  return idbRun(idb, "readwrite", (store, out) => {
    const get = store.get(space);
    get.onsuccess = () => {
      const current = get.result ? get.result.version : 0;
      out.version = current + 1;
      out.overwrote = current !== base;
      out.putMs = 0;
      // Each part is a record of its own, put in a task of its own
      // (the last one's success), then the parts of an older, longer
      // snapshot go and the space's record says how many there are:
      // no Blob (whose request to the browser process could hold the
      // worker for 300 ms under load), no put of the whole text.
      let i = 0;
      const next = () => {
        const t0 = performance.now();
        if (i < parts.length) {
          store.put(parts[i], partKey(space, i)).onsuccess = next;
          i++;
        } else {
          store.delete(partsFrom(space, parts.length));
          store.put({ version: out.version, savedAt: Date.now(), tab, parts: parts.length, logs }, space);
        }
        out.putMs = Math.max(out.putMs, performance.now() - t0);
      };
      next();
    };
  });
}

// keepUnreadable keeps the saved record rec, which no longer imports,
// under "<space>#unreadable" (its snapshot whole).
export function keepUnreadable(idb, space, rec) {
  const { partsData, ...kept } = rec;
  if (partsData) Object.assign(kept, { snapshot: concat(partsData), parts: 0 });
  return idbRun(idb, "readwrite", (store) => store.put(kept, space + "#unreadable"));
}

// snapshotOf returns the snapshot of a saved record as the engine imports
// it: the text (records saved before snapshots were kept as bytes), or
// its UTF-8 bytes (a Uint8Array as saved, or read from the Blob).
export async function snapshotOf(rec) {
  if (rec.partsData) return concat(rec.partsData);
  const s = rec.snapshot;
  return typeof Blob !== "undefined" && s instanceof Blob ? new Uint8Array(await s.arrayBuffer()) : s;
}

// concat returns the bytes of parts, one after another.
function concat(parts) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

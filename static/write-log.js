// The write log of a playground tab: an append-only file of the writes the
// engine committed since the space's last saved snapshot, in the origin
// private file system (OPFS), written synchronously through a
// FileSystemSyncAccessHandle (dedicated workers only). A record is in the
// file when append returns, before the write is acknowledged to the page,
// so a reload, a closed tab or a crashed tab loses no acknowledged write.
//
// File: ddbplay-logs/<encodeURIComponent(space)>@<tab>.log, one per tab
// (a sync access handle is exclusive). Each record is framed as
//   length u32 LE (of the payload) · seq u32 LE · crc u32 LE (CRC-32 of the payload) · payload
// and the payload is opLength u16 LE · op (UTF-8) · body (UTF-8). seq counts
// from 1 in each file and only grows. Reading stops at the first record that
// is cut short, fails its CRC or does not follow in seq: that is where a
// crash interrupted the log.
//
// Each tab holds the Web Lock "ddbplay-log:<file name>" while it lives;
// a log whose lock is free belongs to a tab that is gone, and the next tab of
// the space replays and deletes it (host-store.js).

const DIR = "ddbplay-logs";
const FRAME = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

// crc32 returns the IEEE CRC-32 of bytes.
export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// logsAvailable reports whether this context can keep a write log.
export function logsAvailable() {
  return typeof navigator !== "undefined" && !!navigator.storage?.getDirectory && !!navigator.locks &&
    typeof FileSystemFileHandle !== "undefined" && "createSyncAccessHandle" in FileSystemFileHandle.prototype;
}

const fileName = (space, tab) => encodeURIComponent(space) + "@" + tab + ".log";
const lockName = (name) => "ddbplay-log:" + name;

// frame returns one record of the operation op (a string or UTF-8 bytes)
// and the body bytes.
function frame(seq, op, body) {
  const opBytes = typeof op === "string" ? encoder.encode(op) : op;
  const payload = new Uint8Array(2 + opBytes.length + body.length);
  payload[0] = opBytes.length & 0xff;
  payload[1] = opBytes.length >> 8;
  payload.set(opBytes, 2);
  payload.set(body, 2 + opBytes.length);
  const rec = new Uint8Array(FRAME + payload.length);
  const v = new DataView(rec.buffer);
  v.setUint32(0, payload.length, true);
  v.setUint32(4, seq, true);
  v.setUint32(8, crc32(payload), true);
  rec.set(payload, FRAME);
  return rec;
}

// parse returns the whole records of a log file's bytes, in order:
// [{seq, op, body}] with op and body as strings.
export function parse(bytes) {
  const out = [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let last = 0;
  while (at + FRAME <= bytes.length) {
    const len = v.getUint32(at, true);
    const seq = v.getUint32(at + 4, true);
    if (len < 2 || at + FRAME + len > bytes.length || seq <= last) break;
    const payload = bytes.subarray(at + FRAME, at + FRAME + len);
    if (crc32(payload) !== v.getUint32(at + 8, true)) break;
    const opLen = payload[0] | (payload[1] << 8);
    if (2 + opLen > len) break;
    out.push({ seq, op: decoder.decode(payload.subarray(2, 2 + opLen)), body: decoder.decode(payload.subarray(2 + opLen)) });
    last = seq;
    at += FRAME + len;
  }
  return out;
}

// WriteLog is this tab's open log.
export class WriteLog {
  // open creates the tab's log file (empty) and takes its lock.
  static async open(space, tab) {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(DIR, { create: true });
    const name = fileName(space, tab);
    await new Promise((held, failed) => {
      navigator.locks.request(lockName(name), () => { held(); return new Promise(() => {}); }).catch(failed);
    });
    const file = await dir.getFileHandle(name, { create: true });
    const handle = await file.createSyncAccessHandle();
    handle.truncate(0);
    return new WriteLog(dir, name, handle);
  }

  constructor(dir, name, handle) {
    this.dir = dir;
    this.name = name;
    this._h = handle;
    this._size = 0;
    /** seq of the last record appended */
    this.seq = 0;
    this._tail = []; // records not yet covered by a saved snapshot: [seq, bytes]
  }

  // append writes one record synchronously and returns its seq. It throws
  // what the file system throws (QuotaExceededError when storage is full),
  // leaving the file as it was.
  append(op, body) {
    const rec = frame(this.seq + 1, op, typeof body === "string" ? encoder.encode(body) : body);
    const n = this._h.write(rec, { at: this._size });
    if (n !== rec.length) {
      this._h.truncate(this._size);
      throw new DOMException("ddbplay: the write log could not be written", "QuotaExceededError");
    }
    this._size += n;
    this.seq++;
    this._tail.push([this.seq, rec]);
    return this.seq;
  }

  // saved drops the records up to seq, which a saved snapshot now holds,
  // rewriting the file with the records after it.
  saved(seq) {
    const keep = this._tail.filter(([s]) => s > seq);
    if (keep.length === this._tail.length) return;
    this._tail = keep;
    let at = 0;
    for (const [, rec] of keep) at += this._h.write(rec, { at });
    this._h.truncate(at);
    this._size = at;
  }
}

// deadLogs returns the logs of the space's tabs that are gone (their lock
// is free), other than own, oldest first: dead [{tab, records, remove()}],
// and the tabs of the other logs, live. A dying tab may still hold its file
// for a moment; deadLogs waits up to waitMs for it.
export async function deadLogs(space, own, waitMs = 2000) {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(DIR, { create: true });
  const prefix = encodeURIComponent(space) + "@";
  const found = [];
  const live = [];
  for await (const [name, entry] of dir.entries()) {
    if (entry.kind !== "file" || !name.startsWith(prefix) || !name.endsWith(".log") || name === own) continue;
    const tab = name.slice(prefix.length, -".log".length);
    if (tab.includes("@")) continue;
    const gone = await navigator.locks.request(lockName(name), { ifAvailable: true }, (lock) => lock !== null);
    const bytes = gone ? await readLocked(entry, waitMs) : null;
    if (bytes === null) {
      live.push(tab);
      continue;
    }
    found.push({ tab, name, records: parse(bytes), modified: (await entry.getFile()).lastModified,
      remove: () => dir.removeEntry(name).catch(() => {}) });
  }
  return { dead: found.sort((a, b) => a.modified - b.modified), live };
}

// readLocked reads a log file through a sync access handle (so that no
// other tab writes it meanwhile), retrying while a dying tab still holds it.
// It returns null if the file stays held.
async function readLocked(entry, waitMs) {
  const until = performance.now() + waitMs;
  for (;;) {
    let h;
    try {
      h = await entry.createSyncAccessHandle();
    } catch (err) {
      if (err?.name !== "NoModificationAllowedError" || performance.now() > until) return null;
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    try {
      const bytes = new Uint8Array(h.getSize());
      h.read(bytes, { at: 0 });
      return bytes;
    } finally {
      h.close();
    }
  }
}

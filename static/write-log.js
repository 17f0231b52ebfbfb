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
// The file is allocated ahead in steps of GROW bytes (zeros): an append
// then writes inside the file instead of growing it (no change of size for
// the file system to record per write); reading stops at the zeros.
// Appending builds the record in one reused buffer and writes it with one
// call; the records appended between begin and commit (a batch of queued
// calls) are written together with one call (group commit).
//
// A save that covers records (saved) leaves them where they are and
// appends a record "$saved" whose body is the last seq it covers: reading
// drops the records up to it. When a save covers every record, the log
// starts again at the start of the file: its first frame is zeroed, and
// the stale records after the new ones all have lower seqs, so reading
// stops there (or at a frame that fails its CRC, mid-record). Only when the
// file's records pass COMPACT_AT bytes with few still uncovered are those
// moved to the start of the file. So a save costs the log one small write,
// where moving the uncovered records (up to a few MB after a burst of
// writes) would hold the engine for milliseconds.
//
// A record is in the file (the operating system's) when append returns; it
// is not flushed to the disk (FileSystemSyncAccessHandle.flush): a reload,
// a closed tab or a crashed tab keeps it, as the operating system keeps
// what a process wrote; a power loss or an operating-system crash may lose
// the last writes (the snapshot saved in IndexedDB, with its strict
// durability, stays).
//
// Each tab holds the Web Lock "ddbplay-log:<file name>" while it lives;
// a log whose lock is free belongs to a tab that is gone, and the next tab of
// the space replays and deletes it (host-store.js).

const DIR = "ddbplay-logs";
const FRAME = 12;
const GROW = 1 << 20; // bytes the file is allocated ahead by
// Past COMPACT_AT bytes of records, saved moves the uncovered ones to the
// start of the file once they are at most MOVE_AT bytes (a move costs
// about 2–4 ms a MB in the worker, holding the engine), and whatever they
// are past HARD_AT (a log written without a pause for that long).
const COMPACT_AT = 4 << 20;
const MOVE_AT = 1 << 17;
const HARD_AT = 64 << 20;
const SAVED = "$saved"; // the op of the records that say what a save covered
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

// parse returns the whole records of a log file's bytes that no "$saved"
// record covers, in order: [{seq, op, body}] with op and body as strings.
export function parse(bytes) {
  const out = [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let last = 0;
  let first = 0; // out's first record not covered by a save
  while (at + FRAME <= bytes.length) {
    const len = v.getUint32(at, true);
    const seq = v.getUint32(at + 4, true);
    if (len < 2 || at + FRAME + len > bytes.length || seq <= last) break;
    const payload = bytes.subarray(at + FRAME, at + FRAME + len);
    if (crc32(payload) !== v.getUint32(at + 8, true)) break;
    const opLen = payload[0] | (payload[1] << 8);
    if (2 + opLen > len) break;
    const op = decoder.decode(payload.subarray(2, 2 + opLen));
    const body = decoder.decode(payload.subarray(2 + opLen));
    if (op === SAVED) {
      const covered = Number(body);
      while (first < out.length && out[first].seq <= covered) first++;
    } else {
      out.push({ seq, op, body });
    }
    last = seq;
    at += FRAME + len;
  }
  return out.slice(first);
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
    this._size = 0; // bytes of records
    this._cap = 0; // bytes of the file (records, then zeros)
    /** seq of the last record appended */
    this.seq = 0;
    // The records not yet covered by a saved snapshot: their seqs and
    // where they start in the file.
    this._seqs = [];
    this._starts = [];
    this._buf = new Uint8Array(4096); // the record being appended (the group's records)
    this._view = new DataView(this._buf.buffer);
    this._ops = new Map(); // operation name → UTF-8
    this._group = null; // while a group is open: {bytes, seqs, starts} of its records
    this._compactAt = COMPACT_AT;
  }

  // begin opens a group: the records appended until commit are written to
  // the file together, with one write() (group commit: Chromium's browser
  // process works for every write() to the file; see README).
  begin() {
    this._group = { bytes: 0, seqs: [], starts: [], seq: this.seq };
  }

  // commit writes the open group's records with one write() and closes
  // the group. It throws as append does, leaving the records as they were
  // before begin.
  commit() {
    const g = this._group;
    this._group = null;
    if (!g || g.bytes === 0) return;
    try {
      this._write(this._buf.subarray(0, g.bytes));
    } catch (err) {
      this.seq = g.seq;
      throw err;
    }
    for (let i = 0; i < g.seqs.length; i++) {
      this._seqs.push(g.seqs[i]);
      this._starts.push(this._size + g.starts[i]);
    }
    this._size += g.bytes;
  }

  // append writes one record synchronously and returns its seq; inside a
  // group (begin) it only adds the record to the group, which commit
  // writes. op and body are strings or UTF-8 bytes. It throws what the
  // file system throws (QuotaExceededError when storage is full), leaving
  // the records as they were.
  append(op, body) {
    let opBytes = op;
    if (typeof op === "string") {
      opBytes = this._ops.get(op);
      if (!opBytes) this._ops.set(op, opBytes = encoder.encode(op));
    }
    const opLen = opBytes.length;
    const g = this._group;
    const r = g ? g.bytes : 0; // where the record starts in this._buf
    let n = FRAME + 2 + opLen + (typeof body === "string" ? body.length * 3 : body.length);
    if (this._buf.length < r + n) {
      const grown = new Uint8Array(Math.max(r + n, 2 * this._buf.length));
      grown.set(this._buf.subarray(0, r));
      this._buf = grown;
      this._view = new DataView(this._buf.buffer);
    }
    const buf = this._buf;
    buf[r + FRAME] = opLen & 0xff;
    buf[r + FRAME + 1] = opLen >> 8;
    buf.set(opBytes, r + FRAME + 2);
    const bodyAt = r + FRAME + 2 + opLen;
    if (typeof body === "string") n = bodyAt - r + encoder.encodeInto(body, buf.subarray(bodyAt)).written;
    else buf.set(body, bodyAt);
    const seq = this.seq + 1;
    const v = this._view;
    v.setUint32(r, n - FRAME, true);
    v.setUint32(r + 4, seq, true);
    v.setUint32(r + 8, crc32(buf.subarray(r + FRAME, r + n)), true);
    this.seq = seq;
    if (g) {
      g.seqs.push(seq);
      g.starts.push(r);
      g.bytes += n;
      return seq;
    }
    const at = this._size;
    try {
      this._write(buf.subarray(0, n));
    } catch (err) {
      this.seq = seq - 1;
      throw err;
    }
    this._size += n;
    this._seqs.push(seq);
    this._starts.push(at);
    return seq;
  }

  // _write writes bytes (whole records) after the records in the file, or
  // throws, leaving the file as it was.
  _write(bytes) {
    const at = this._size;
    const n = bytes.length;
    if (at + n > this._cap) this._grow(at + n);
    const wrote = this._h.write(bytes, { at });
    if (wrote !== n) {
      // Zero what was written of the records: the log ends before them.
      this._h.write(new Uint8Array(wrote), { at });
      throw new DOMException("ddbplay: the write log could not be written", "QuotaExceededError");
    }
  }

  // _grow allocates the file ahead to hold at least size bytes.
  _grow(size) {
    let cap = Math.max(size + GROW, this._cap + GROW);
    try {
      this._h.truncate(cap);
    } catch {
      // Nearly full: just what this record needs, or QuotaExceededError.
      cap = size;
      this._h.truncate(cap);
    }
    this._cap = cap;
  }

  // saved drops the records up to seq, which a saved snapshot now holds:
  // with one small write (see the top of the file), moving the records
  // after seq to the start of the file only past COMPACT_AT bytes.
  saved(seq) {
    let i = 0;
    while (i < this._seqs.length && this._seqs[i] <= seq) i++;
    if (i === 0) return;
    if (i === this._seqs.length) {
      // Nothing left: the log starts again at the start of the file.
      this._h.write(new Uint8Array(FRAME), { at: 0 });
      this._seqs = [];
      this._starts = [];
      this._size = 0;
      return;
    }
    this._seqs = this._seqs.slice(i);
    this._starts = this._starts.slice(i);
    try {
      this.append(SAVED, String(seq));
    } catch {
      this._compact(); // no room for the record: make room instead
      return;
    }
    const uncovered = this._size - this._starts[0];
    if ((this._size > this._compactAt && uncovered <= MOVE_AT) || this._size > HARD_AT) this._compact();
  }

  // _compact moves the records from the first uncovered one on to the
  // start of the file, zeroing the frame after them (where reading stops).
  _compact() {
    const from = this._starts[0];
    const keep = new Uint8Array(this._size - from);
    this._h.read(keep, { at: from });
    this._h.write(keep, { at: 0 });
    this._h.write(new Uint8Array(FRAME), { at: keep.length });
    this._starts = this._starts.map((at) => at - from);
    this._size = keep.length;
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

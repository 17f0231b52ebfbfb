// share.js — share links: the whole playground (snapshot) plus which
// table and view are open, as JSON compressed with deflate-raw and
// base64url-encoded in the URL fragment "#share=…".

/** Largest share URL we hand out, in characters. */
export const SHARE_LIMIT = 64 * 1024;
/** Largest decompressed payload we accept from a link, in bytes. */
const MAX_INFLATED = 64 * 1024 * 1024;
const FORMAT = "ddbplay-share";

/** ShareError is a malformed, tampered or unsupported link. */
export class ShareError extends Error {
  constructor(message) {
    super(message);
    this.name = "ShareError";
  }
}

/** base64url encodes bytes without padding. */
export function base64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** fromBase64url decodes base64url text; throws ShareError if invalid. */
export function fromBase64url(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new ShareError("The link is damaged: it is not valid base64url.");
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  let bin;
  try {
    bin = atob(b64);
  } catch {
    throw new ShareError("The link is damaged: it is not valid base64url.");
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** pump reads stream whole, refusing more than limit bytes (ShareError). */
export async function pump(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > limit) {
      await reader.cancel();
      throw new ShareError("The link's content is too large.");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(n);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/**
 * encodeShare compresses {snapshot, ui} into the fragment value
 * (without "#share=").
 */
export async function encodeShare(snapshot, ui) {
  const json = JSON.stringify({ format: FORMAT, version: 1, snapshot, ui });
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return base64url(await pump(stream, Infinity));
}

/**
 * decodeShare reverses encodeShare. Resolves {snapshot, ui}; rejects with
 * ShareError for anything malformed. ui is {table: string, view: string,
 * query: object|null}.
 */
export async function decodeShare(fragment) {
  const bytes = fromBase64url(fragment);
  let inflated;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    inflated = await pump(stream, MAX_INFLATED);
  } catch (e) {
    if (e instanceof ShareError) throw e;
    throw new ShareError("The link is damaged: its content does not decompress.");
  }
  let payload;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(inflated));
  } catch {
    throw new ShareError("The link is damaged: its content is not valid JSON.");
  }
  if (!payload || typeof payload !== "object" || payload.format !== FORMAT) throw new ShareError("This is not a ddbplay share link.");
  if (payload.version !== 1) throw new ShareError("This share link was made by a newer ddbplay (version " + String(payload.version) + ").");
  if (!payload.snapshot || typeof payload.snapshot !== "object") throw new ShareError("The link holds no playground.");
  const ui = payload.ui && typeof payload.ui === "object" ? payload.ui : {};
  return {
    snapshot: payload.snapshot,
    ui: {
      table: typeof ui.table === "string" ? ui.table : "",
      view: typeof ui.view === "string" ? ui.view : "tables",
      // the open query's form (items.js queryState), checked field by field where it is used
      query: ui.query && typeof ui.query === "object" && !Array.isArray(ui.query) ? ui.query : null,
    },
  };
}

/** spaceFor names the storage space a share link opens in. */
export function spaceFor(fragment) {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return "share-" + h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

/**
 * packJSON compresses any JSON value into a fragment value, as share links
 * do (lessons use it for exercise and answer links).
 */
export async function packJSON(value) {
  const stream = new Blob([JSON.stringify(value)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return base64url(await pump(stream, Infinity));
}

/** unpackJSON reverses packJSON; rejects with ShareError for anything malformed. */
export async function unpackJSON(fragment) {
  const bytes = fromBase64url(fragment);
  let inflated;
  try {
    inflated = await pump(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")), MAX_INFLATED);
  } catch (e) {
    if (e instanceof ShareError) throw e;
    throw new ShareError("The link is damaged: its content does not decompress.");
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(inflated));
  } catch {
    throw new ShareError("The link is damaged: its content is not valid JSON.");
  }
}

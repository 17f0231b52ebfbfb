// protocol.js — the details of DynamoDB's JSON 1.0 protocol that both hosts
// of the engine write on every answer: the page (ddbplay.js's fetch) and the
// native server (package web). This file is their one home: the page
// imports it, and the Go side embeds it (static/protocol.go) and reads the
// object below, which must stay plain JSON (double-quoted names, no
// comments inside, closed by "};" on a line of its own).

export const protocol = {
  "targetPrefix": "DynamoDB_20120810.",
  "streamsTargetPrefix": "DynamoDBStreams_20120810.",
  "contentType": "application/x-amz-json-1.0",
  "targetHeader": "X-Amz-Target",
  "requestIdHeader": "x-amzn-RequestId",
  "crc32Header": "x-amz-crc32",
  "requestIdAlphabet": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  "requestIdLength": 52
};

// requestId returns a new x-amzn-RequestId: requestIdLength characters of
// requestIdAlphabet, from crypto.getRandomValues (as package web's
// newRequestID does from crypto/rand).
export function requestId() {
  const a = protocol.requestIdAlphabet;
  const b = crypto.getRandomValues(new Uint8Array(protocol.requestIdLength));
  let s = "";
  for (const c of b) s += a[c % a.length];
  return s;
}

let crcTable;

// crc32 returns the IEEE CRC-32 of bytes, the x-amz-crc32 of a body (what
// Go's hash/crc32.ChecksumIEEE computes for package web).
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

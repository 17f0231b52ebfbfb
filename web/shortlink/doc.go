// Package shortlink is the short-link API that the playground page uses to
// share a playground too large for a fragment link, the same on every host
// (the native server in cmd/ddbplay and the Cloudflare Worker in worker/):
//
//	POST /s        body: a gzip-compressed JSON document (Content-Type
//	               application/gzip), at most Config.MaxBytes (1 MiB)
//	               → 201 {"id": "<id>", "url": "/s/<id>"} (200 when that
//	               content was already stored)
//	GET  /s/<id>   → 200 the stored bytes, as application/gzip data with
//	               X-Content-Type-Options: nosniff and a CSP that runs
//	               nothing, never as HTML; a browser navigating to it (a
//	               person opening the link) is redirected to the page,
//	               /?s=<id>, which fetches the data and opens it
//
// An id is 16 base64url characters of the SHA-256 of the stored bytes (96
// bits): the same content gives the same link, and a link's content never
// changes. Errors are JSON, {"error": "<Code>", "message": "<text>"}:
// UnsupportedMediaType 415, TooLarge 413, Malformed 400, NotFound 404,
// RateLimited 429 (with Retry-After), MethodNotAllowed 405, StorageFull
// 507, Internal 500.
//
// The server checks the envelope only (size, type, a gzip stream whose
// document starts as a JSON object): decompressing a whole megabyte on
// every POST would cost a Worker more CPU time than its free plan gives.
// The page validates the content when it opens a link, as it does a
// fragment link, and nothing stored is ever served as HTML.
//
// Storage is a Store: in memory (MemoryStore), in a directory (DirStore),
// or Workers KV (worker/). A link expires Config.TTL after it was created
// or last opened: opening or re-creating a link whose remaining life is
// under half the TTL stores it again with a fresh expiry, so a link in use
// never expires and each link costs at most one write per half TTL.
// Creating links is rate-limited per client by a Limiter.
//
// shortlink imports neither the engine nor web, so the Worker can use it.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web, syscall/js
package shortlink

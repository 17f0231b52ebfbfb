// Command worker is ddbplay's hosted playground on Cloudflare Workers, built
// with github.com/syumai/workers: Cloudflare serves the site (build/site) as
// static assets with the headers of web/sitepolicy (the _headers file that
// `make worker` writes), and this Worker answers the short-link API of
// web/shortlink on /s and /s/<id>, with links in Workers KV (binding
// LINKS) and creation rate-limited per client by a Workers rate-limiting
// binding (SHARE_LIMITER). Settings come from wrangler.toml's [vars]:
// SHARE_TTL_DAYS (default 365) and SHARE_MAX_BYTES (default 1048576).
//
// Build it with `make worker` (GOOS=js GOARCH=wasm, plus the JavaScript
// shim of workers-assets-gen) and run or deploy it with wrangler; see the
// README. Built natively, it only says so: the Worker needs the Workers
// runtime. It imports no engine: the engine runs in the visitor's browser.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      web/shortlink, web/sitepolicy, github.com/syumai/workers, github.com/syumai/workers/cloudflare
//	must not import: engine, datadir
package main

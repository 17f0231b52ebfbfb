// Package sitepolicy holds the headers every host of the playground's site
// sends: the native server (web.NewServer) sets them on each answer, and
// `make worker` writes them into the _headers file that Cloudflare's static
// assets apply (HeadersFile), so both hosts serve the same page the same
// way. It imports only the standard library (no engine), so the Worker can
// use it.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web, syscall/js
package sitepolicy

import (
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
)

// CSP is the Content-Security-Policy of every site answer: only the site's
// own scripts (plus WebAssembly compilation), styles and workers, no
// plugins, no framing, no forms. connect-src also lets the page's connected
// mode (static/app/remote.js) reach AWS (https:) and local endpoints such
// as DynamoDB Local (http://localhost, http://127.0.0.1), besides its own
// server.
const CSP = cspBase + "frame-ancestors 'none'"

// EmbedCSP is the CSP of the embed page (EmbedPages): CSP, except that any
// page may frame it, so tutorials can put a playground in an iframe.
const EmbedCSP = cspBase + "frame-ancestors *"

const cspBase = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; worker-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'none'; "

// EmbedPages are the URL paths of static/embed.html (static hosts may also
// serve it without its extension): the only pages with EmbedCSP.
var EmbedPages = []string{"/embed.html", "/embed"}

// Headers are the headers of every site answer, in the order Set writes
// them: the CSP, no MIME sniffing, no referrer, and cross-origin isolation
// (Cross-Origin-Opener-Policy same-origin with Cross-Origin-Embedder-Policy
// require-corp), which lets the page share memory with the engine's worker.
var Headers = [][2]string{
	{"Content-Security-Policy", CSP},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Embedder-Policy", "require-corp"},
}

// HashedDir is the site's folder of content-named files: each file's name
// carries a hash of its content (internal/sitebuild writes them at build
// time), so a name always means the same bytes and a browser may keep
// them for good (ImmutableCacheControl).
const HashedDir = "hashed"

// Cache-Control values: every site file is revalidated before each use
// (RevalidateCacheControl: its name does not change when it does), except
// the content-named files of HashedDir (ImmutableCacheControl: never asked
// for again while cached).
const (
	RevalidateCacheControl = "no-cache"
	ImmutableCacheControl  = "public, max-age=31536000, immutable"
)

// CacheControl returns the Cache-Control of the site file name (a path
// in the site, without a leading slash).
func CacheControl(name string) string {
	if strings.HasPrefix(name, HashedDir+"/") {
		return ImmutableCacheControl
	}
	return RevalidateCacheControl
}

// Set sets Headers on h, replacing any earlier values.
func Set(h http.Header) {
	for _, kv := range Headers {
		h.Set(kv[0], kv[1])
	}
}

// types are the Content-Types of the site's files by extension; other
// extensions use mime.TypeByExtension, and unknown ones
// application/octet-stream.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
	".map":  "application/json",
}

// ContentType returns the Content-Type of a site file by its extension.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// HeadersFile returns a _headers file (the format of Cloudflare's static
// assets and Pages) that gives every path Headers, each extension of the
// site the Content-Type that ContentType names, and HashedDir's files
// ImmutableCacheControl, so a static host sends what the native server
// sends.
func HeadersFile() string {
	var b strings.Builder
	b.WriteString("# Written by `make worker` from web/sitepolicy: the headers of every site answer.\n/*\n")
	for _, kv := range Headers {
		b.WriteString("  " + kv[0] + ": " + kv[1] + "\n")
	}
	exts := make([]string, 0, len(types))
	for ext := range types {
		exts = append(exts, ext)
	}
	sort.Strings(exts)
	for _, ext := range exts {
		b.WriteString("/*" + ext + "\n  Content-Type: " + types[ext] + "\n")
	}
	b.WriteString("/" + HashedDir + "/*\n  Cache-Control: " + ImmutableCacheControl + "\n")
	// The embed page: detach the site's CSP ("! name"), then set its own.
	for _, p := range EmbedPages {
		b.WriteString(p + "\n  ! Content-Security-Policy\n  Content-Security-Policy: " + EmbedCSP + "\n")
	}
	return b.String()
}

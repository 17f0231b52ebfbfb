package web

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// siteCSP is the Content-Security-Policy of every site answer (see
// sitepolicy.CSP).
const siteCSP = sitepolicy.CSP

// NewServer returns the playground's single-port server: the DynamoDB
// endpoint of NewHandler(db) and the static site in site.
//
// A request carrying X-Amz-Target, any POST, and any OPTIONS preflight go to
// the endpoint. GET and HEAD go to the site: "/" and every directory serve
// their index.html (a directory path without a trailing slash is
// redirected to one), a missing file is 404 (never a directory listing), and
// each answer carries the Content-Type of its extension (.wasm
// application/wasm, .js text/javascript), the restrictive
// Content-Security-Policy siteCSP (sitepolicy.EmbedCSP for embed.html, which
// any page may frame), X-Content-Type-Options: nosniff and
// Referrer-Policy: no-referrer, and is cross-origin isolated
// (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy:
// require-corp), which lets the page share memory with the engine's worker
// (static/shared-channel.js). Every file is sent with an ETag and
// sitepolicy.CacheControl's Cache-Control: no-cache (revalidated, 304 when
// unchanged), or immutable for the content-named files of
// sitepolicy.HashedDir. A file with
// precompressed copies beside it (name + ".br", name + ".gz", as `make site`
// writes for ddbplay.wasm) is served from the best copy the request's
// Accept-Encoding admits (brotli, then gzip, by weight; q=0 refuses), with
// Content-Encoding and Content-Length, and always with Vary:
// Accept-Encoding (see chooseCopy). Other methods are 405. With a nil site, GET
// and HEAD go to the endpoint too (its health answer). Requests under
// AdminPrefix without X-Amz-Target go to the admin API (NewAdmin).
func NewServer(db *engine.DB, site fs.FS) http.Handler {
	return withAdmin(NewAdmin(db), newServer(NewHandler(db), site))
}

// NewBackendServer is NewServer with the endpoint of NewBackendHandler(b).
func NewBackendServer(b Backend, site fs.FS) http.Handler {
	return newServer(NewBackendHandler(b), site)
}

func newServer(endpoint http.Handler, site fs.FS) http.Handler {
	if site == nil {
		return endpoint
	}
	return &server{endpoint: endpoint, site: site}
}

type server struct {
	endpoint http.Handler
	site     fs.FS
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(headerTarget) != "" || r.Method == http.MethodPost || r.Method == http.MethodOptions {
		s.endpoint.ServeHTTP(w, r)
		return
	}
	hd := w.Header()
	sitepolicy.Set(hd)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD, POST, OPTIONS")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	s.serveFile(w, r)
}

// serveFile serves the site file named by the URL path.
func (s *server) serveFile(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	info, err := fs.Stat(s.site, name)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// As http.FileServer: relative links in the index need the slash.
			http.Redirect(w, r, path.Base(r.URL.Path)+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = fs.Stat(s.site, name)
	}
	if err != nil || info.IsDir() {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			return
		}
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", contentTypeOf(name))
	if "/"+name == sitepolicy.EmbedPages[0] {
		// The one page other sites may frame.
		w.Header().Set("Content-Security-Policy", sitepolicy.EmbedCSP)
	}
	served, info, coding := chooseCopy(s.site, w.Header(), r, name, info)
	w.Header().Set("Cache-Control", sitepolicy.CacheControl(name))
	w.Header().Set("ETag", siteETag(info, coding))
	f, err := s.site.Open(served)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if rs, ok := f.(readSeeker); ok {
		http.ServeContent(w, r, name, info.ModTime(), rs)
		return
	}
	// An fs.File that cannot seek: read it whole.
	data, err := fs.ReadFile(s.site, served)
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, info.ModTime(), strings.NewReader(string(data)))
}

type readSeeker interface {
	Read([]byte) (int, error)
	Seek(int64, int) (int64, error)
}

// contentTypeOf returns the Content-Type of a site file by its extension.
func contentTypeOf(name string) string { return sitepolicy.ContentType(name) }

//go:build !(js && wasm)

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/internal/shortlinktest"
	"github.com/ddbplay/ddbplay/internal/workerdtest"
	"github.com/ddbplay/ddbplay/web"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// startWorker runs the Worker under workerd (wrangler dev --local) with the
// site that DDBPLAY_SITE names (as `make test` builds it), else static/.
func startWorker(t *testing.T) (w *workerdtest.Worker, site string) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	site = os.Getenv("DDBPLAY_SITE")
	if site == "" {
		site = filepath.Join(root, "static")
	}
	dir, err := workerdtest.BuildWorker(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w, err = workerdtest.Start(root, dir, site, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	return w, site
}

// TestWorker runs the short-link table against the Worker under workerd
// with its local KV and rate limit (wrangler.toml: 1 MiB, 10 a minute),
// checks that it serves the site with the native server's headers, and
// that wrangler never tried the network.
func TestWorker(t *testing.T) {
	w, site := startWorker(t)
	t.Run("ShortLinks", func(t *testing.T) {
		shortlinktest.Run(t, w.URL, 1<<20, 10)
	})
	paths := []string{"/", "/index.html", "/app/main.js", "/style.css", "/favicon.svg"}
	if _, err := os.Stat(filepath.Join(site, "ddbplay.wasm")); err == nil {
		paths = append(paths, "/ddbplay.wasm")
	}
	t.Run("SiteHeaders", func(t *testing.T) {
		shortlinktest.CheckSite(t, w.URL, paths)
	})
	t.Run("SiteHeaders_Native", func(t *testing.T) {
		srv := httptest.NewServer(web.NewServer(engine.New(engine.Options{}), os.DirFS(site)))
		defer srv.Close()
		shortlinktest.CheckSite(t, srv.URL, paths)
	})
	// The built site's content-named files are immutable on both hosts,
	// and the others revalidated (Cloudflare's own "public, max-age=0,
	// must-revalidate" on the Worker, no-cache on the native server).
	if hashed, _ := filepath.Glob(filepath.Join(site, sitepolicy.HashedDir, "main.*.js")); len(hashed) == 1 {
		t.Run("ContentNamedImmutable", func(t *testing.T) {
			srv := httptest.NewServer(web.NewServer(engine.New(engine.Options{}), os.DirFS(site)))
			defer srv.Close()
			for _, base := range []string{w.URL, srv.URL} {
				for path, immutable := range map[string]bool{
					"/" + sitepolicy.HashedDir + "/" + filepath.Base(hashed[0]): true,
					"/app/main.js": false,
				} {
					res, err := http.Get(base + path)
					if err != nil {
						t.Fatal(err)
					}
					res.Body.Close()
					got := res.Header.Get("Cache-Control")
					ok := got == sitepolicy.ImmutableCacheControl
					if !immutable {
						ok = got == sitepolicy.RevalidateCacheControl || got == "public, max-age=0, must-revalidate"
					}
					if res.StatusCode != 200 || !ok {
						t.Errorf("%s%s: status %d, Cache-Control %q (immutable: %v)", base, path, res.StatusCode, got, immutable)
					}
				}
			}
		})
	}
	// embed.html alone may be framed by other pages, on both hosts.
	t.Run("EmbedCSP", func(t *testing.T) {
		srv := httptest.NewServer(web.NewServer(engine.New(engine.Options{}), os.DirFS(site)))
		defer srv.Close()
		for _, base := range []string{w.URL, srv.URL} {
			for path, want := range map[string]string{"/embed.html": sitepolicy.EmbedCSP, "/": sitepolicy.CSP} {
				res, err := http.Get(base + path)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if got := res.Header.Values("Content-Security-Policy"); len(got) != 1 || got[0] != want {
					t.Errorf("%s%s: CSP %q, want only %q", base, path, got, want)
				}
			}
		}
	})
	if lines := w.NetworkAttempts(); len(lines) > 0 {
		t.Errorf("wrangler tried the network:\n%s", lines)
	}
	t.Logf("wrangler log:\n%s", w.Log())
}

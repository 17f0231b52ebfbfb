//go:build !(js && wasm)

package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/internal/shortlinktest"
	"github.com/ddbplay/ddbplay/internal/workerdtest"
	"github.com/ddbplay/ddbplay/web"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// startWorker runs the Worker under workerd (wrangler dev --local) with the
// site that DDBPLAY_SITE names (as `make test` builds it), else static/;
// dir is the Worker's build (its app.wasm).
func startWorker(t testing.TB) (w *workerdtest.Worker, site, dir string) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	site = os.Getenv("DDBPLAY_SITE")
	if site == "" {
		site = filepath.Join(root, "static")
	}
	dir, err = workerdtest.BuildWorker(root, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w, err = workerdtest.Start(root, dir, site, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	return w, site, dir
}

// TestWorker runs the short-link table against the Worker under workerd
// with its local KV and rate limit (wrangler.toml: 1 MiB, 10 a minute),
// checks that it serves the site with the native server's headers, and
// that wrangler never tried the network.
func TestWorker(t *testing.T) {
	w, site, _ := startWorker(t)
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

// BenchmarkWorkerLink measures what a short link costs the hosted
// playground: GET /s/<id> of a stored link from the Worker under workerd
// (wrangler dev --local), each request starting the Go module afresh
// (syumai/workers instantiates it per request), one at a time over
// loopback. It reports the median and p90 (ms/get, ms/get-p90) and the
// module's size (app-wasm-bytes, app-wasm-gzip-bytes).
func BenchmarkWorkerLink(b *testing.B) {
	w, _, dir := startWorker(b)
	id := shortlinktest.Create(b, w.URL, shortlinktest.Gzip(b, `{"format":"ddbplay-share","version":1,"bench":true}`))
	get := func() time.Duration {
		t0 := time.Now()
		a := shortlinktest.Do(b, http.MethodGet, w.URL+"/s/"+id, "", nil, nil)
		if a.Status != http.StatusOK {
			b.Fatalf("GET /s/%s: %d %s", id, a.Status, a.Body)
		}
		return time.Since(t0)
	}
	for range 5 { // workerd's first requests compile the module
		get()
	}
	var ms []float64
	for i := 0; i < max(b.N, 40); i++ {
		ms = append(ms, float64(get().Microseconds())/1000)
	}
	slices.Sort(ms)
	b.ReportMetric(ms[len(ms)/2], "ms/get")
	b.ReportMetric(ms[len(ms)*9/10], "ms/get-p90")
	mod, err := os.ReadFile(filepath.Join(dir, "app.wasm"))
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(mod)
	zw.Close()
	b.ReportMetric(float64(len(mod)), "app-wasm-bytes")
	b.ReportMetric(float64(gz.Len()), "app-wasm-gzip-bytes")
}

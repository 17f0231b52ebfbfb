package browsertest

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// wireLog counts what a server sends: body bytes per request, by path and
// Content-Encoding.
type wireLog struct {
	mu     sync.Mutex
	accept []string // the Accept-Encoding of each request, as the browser sent it
	sent   []wireEntry
}

type wireEntry struct {
	path, coding string
	bytes        int
}

// handler wraps h: it records each request's Accept-Encoding and answer,
// and when force is not "" replaces the request's Accept-Encoding with it
// (identity: none), so the site serves that coding.
func (l *wireLog) handler(h http.Handler, force string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.accept = append(l.accept, r.Header.Get("Accept-Encoding"))
		l.mu.Unlock()
		switch force {
		case "":
		case "identity":
			r.Header.Del("Accept-Encoding")
		default:
			r.Header.Set("Accept-Encoding", force)
		}
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		l.mu.Lock()
		l.sent = append(l.sent, wireEntry{r.URL.Path, w.Header().Get("Content-Encoding"), cw.n})
		l.mu.Unlock()
	})
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n += n
	return n, err
}

// BenchmarkBrowserWireSize reports the bytes a first visit to the full
// playground page (index.html, a fresh Chromium profile, until the page is
// ready) transfers, served by web.NewServer over loopback at
// http://localhost: in total (page-…) and for ddbplay.wasm (wasm-…), as
// Chromium asks for them (…-browser-bytes; the benchmark logs its
// Accept-Encoding and the coding served), and with each coding forced by
// the server (…-br-bytes, …-gzip-bytes, …-identity-bytes: Chromium decodes
// each whatever it advertised). Also the module's size raw and compressed
// by gzip -9 (Go's compress/gzip at BestCompression), the figure of the
// budget in web/budget_test.go. Aims: brotli ≤ 900 KB, gzip -9 ≤ 1.0 MB.
func BenchmarkBrowserWireSize(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(siteDir, "ddbplay.wasm"))
	if err != nil {
		b.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	_, _ = w.Write(raw)
	_ = w.Close()
	b.ReportMetric(float64(len(raw)), "wasm-raw-bytes")
	b.ReportMetric(float64(gz.Len()), "wasm-gzip9-bytes")
	for range b.N {
		for _, force := range []string{"", "br", "gzip", "identity"} {
			var log wireLog
			srv := httptest.NewServer(log.handler(web.NewServer(engine.New(engine.Options{}), os.DirFS(siteDir)), force))
			url := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/"
			ctx := newBrowser(b)
			navigate(b, ctx, url)
			var state string
			evalAsync(b, ctx, `new Promise((resolve) => {
				const tick = () => document.body && document.body.dataset.ready ? resolve(document.body.dataset.ready) : setTimeout(tick, 10);
				tick();
			})`, &state)
			if state != "true" {
				b.Fatalf("the playground did not start (served %q): data-ready %q", force, state)
			}
			srv.Close()
			log.mu.Lock()
			page, wasm, coding := 0, 0, "none"
			for _, e := range log.sent {
				page += e.bytes
				if servedAs(e.path, "ddbplay.wasm") {
					wasm, coding = e.bytes, e.coding
				}
			}
			if wasm == 0 {
				b.Fatalf("the page never fetched ddbplay.wasm (served %q)", force)
			}
			name := force
			if name == "" {
				name = "browser"
				b.Logf("Chromium at %s sent Accept-Encoding %q; ddbplay.wasm went out as %q, %d bytes", url, log.accept[0], coding, wasm)
			}
			b.ReportMetric(float64(page), "page-"+name+"-bytes")
			b.ReportMetric(float64(wasm), "wasm-"+name+"-bytes")
			log.mu.Unlock()
		}
	}
}

// servedAs says whether the URL path p serves the site file name (a path
// in the site): under its own name, or the content-named copy of the
// built site (sitepolicy.HashedDir, internal/sitebuild:
// /hashed/ddbplay.<hash>.wasm for ddbplay.wasm).
func servedAs(p, name string) bool {
	if p == "/"+name {
		return true
	}
	ext := path.Ext(name)
	stem := strings.TrimSuffix(path.Base(name), ext)
	rest, ok := strings.CutPrefix(p, "/"+sitepolicy.HashedDir+"/"+stem+".")
	hash, ok2 := strings.CutSuffix(rest, ext)
	return ok && ok2 && hash != "" && !strings.ContainsAny(hash, "./")
}

// servedAsJS is servedAs in JavaScript, for the pages' own checks.
const servedAsJS = `((p, name) => {
	if (p === "/" + name) return true;
	const dot = name.lastIndexOf("."), stem = name.slice(name.lastIndexOf("/") + 1, dot), ext = name.slice(dot);
	return p.startsWith("/` + sitepolicy.HashedDir + `/" + stem + ".") && p.endsWith(ext) && /^[^./]+$/.test(p.slice(("/` + sitepolicy.HashedDir + `/" + stem + ".").length, -ext.length));
})`

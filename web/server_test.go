package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":      {Data: []byte("<!doctype html><title>ddbplay</title>")},
		"ddbplay.wasm":    {Data: []byte("\x00asm\x01\x00\x00\x00")},
		"wasm_exec.js":    {Data: []byte("// go")},
		"app.css":         {Data: []byte("body{}")},
		"docs/index.html": {Data: []byte("docs")},
		"empty/x.txt":     {Data: []byte("x")},
		"embed.html":      {Data: []byte("<!doctype html><title>embed</title>")},
	}
}

// Only embed.html may be framed by other pages; every other page keeps
// frame-ancestors 'none'.
func TestServer_EmbedMayBeFramed(t *testing.T) {
	h := fakeHandler(t)
	srv := newServer(h, testSite())
	for path, want := range map[string]string{"/embed.html": "frame-ancestors *", "/": "frame-ancestors 'none'", "/app.css": "frame-ancestors 'none'", "/docs/embed.html": "frame-ancestors 'none'"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.HasSuffix(csp, want) || !strings.HasPrefix(csp, "default-src 'self'; script-src 'self'") {
			t.Errorf("GET %s: CSP %q, want it to end with %q", path, csp, want)
		}
	}
}

// The content-named files (sitepolicy.HashedDir) are immutable; the others,
// their plain-named sources among them, are revalidated; both keep their
// ETags (a 304 for a matching If-None-Match).
func TestServer_ContentNamedAreImmutable(t *testing.T) {
	site := testSite()
	site["hashed/main.0123456789ab.js"] = &fstest.MapFile{Data: []byte("export {};")}
	site["hashed/main.0123456789ab.js.br"] = &fstest.MapFile{Data: []byte("br")}
	srv := newServer(fakeHandler(t), site)
	for path, want := range map[string]string{
		"/hashed/main.0123456789ab.js": "public, max-age=31536000, immutable",
		"/":                            "no-cache",
		"/wasm_exec.js":                "no-cache",
		"/ddbplay.wasm":                "no-cache",
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", "br")
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != want {
			t.Errorf("GET %s: status %d, Cache-Control %q; want 200, %q", path, rec.Code, rec.Header().Get("Cache-Control"), want)
		}
		etag := rec.Header().Get("ETag")
		rec = httptest.NewRecorder()
		req = httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", "br")
		req.Header.Set("If-None-Match", etag)
		srv.ServeHTTP(rec, req)
		if etag == "" || rec.Code != http.StatusNotModified {
			t.Errorf("GET %s again with If-None-Match %s: status %d, want 304", path, etag, rec.Code)
		}
	}
}

func TestServer_Precompressed(t *testing.T) {
	wasm := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 some code "), 100)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasm)
	zw.Close()
	site := testSite()
	site["ddbplay.wasm"] = &fstest.MapFile{Data: wasm}
	site["ddbplay.wasm.gz"] = &fstest.MapFile{Data: gz.Bytes()}
	h := fakeHandler(t)
	srv := newServer(h, site)
	tests := []struct {
		path, accept, rng string
		wantGzip          bool
	}{
		{"/ddbplay.wasm", "gzip, deflate, br, zstd", "", true},
		{"/ddbplay.wasm", "br;q=1.0, GZIP;q=0.5", "", true},
		{"/ddbplay.wasm", "*", "", true},
		{"/ddbplay.wasm", "", "", false},
		{"/ddbplay.wasm", "br", "", false},
		{"/ddbplay.wasm", "gzip;q=0", "", false},
		{"/ddbplay.wasm", "gzip;q=0.000", "", false},
		{"/ddbplay.wasm", "gzip", "bytes=0-3", false},
	}
	for _, tt := range tests {
		t.Run(tt.accept+" "+tt.rng, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			if tt.rng != "" {
				req.Header.Set("Range", tt.rng)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			res := rec.Result()
			if got := res.Header.Get("Content-Type"); got != "application/wasm" {
				t.Errorf("Content-Type = %q, want application/wasm", got)
			}
			if got := res.Header.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Vary = %q, want Accept-Encoding", got)
			}
			body := rec.Body.Bytes()
			if got := res.Header.Get("Content-Encoding"); (got == "gzip") != tt.wantGzip {
				t.Fatalf("Content-Encoding = %q, want gzip: %v", got, tt.wantGzip)
			}
			if tt.wantGzip {
				if got, want := res.Header.Get("Content-Length"), strconv.Itoa(gz.Len()); got != want {
					t.Errorf("Content-Length = %q, want %s", got, want)
				}
				if !bytes.Equal(body, gz.Bytes()) {
					t.Fatalf("body is not the precompressed file")
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if tt.rng != "" {
				if rec.Code != http.StatusPartialContent || !bytes.Equal(body, wasm[:4]) {
					t.Fatalf("range: status %d, body %q", rec.Code, body)
				}
				return
			}
			if !bytes.Equal(body, wasm) {
				t.Fatalf("decoded body differs from the file")
			}
		})
	}
	// A file without a precompressed copy is served as it is, without Vary.
	req := httptest.NewRequest("GET", "/app.css", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Body.String() != "body{}" || rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Vary") != "" {
		t.Fatalf("app.css: body %q, headers %v", rec.Body, rec.Header())
	}
}

func TestServer_Site(t *testing.T) {
	h := fakeHandler(t)
	srv := newServer(h, testSite())
	tests := []struct {
		method, path string
		wantStatus   int
		wantType     string
		wantBody     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "<!doctype html>"},
		{"GET", "/index.html", 200, "text/html; charset=utf-8", "<!doctype html>"},
		{"GET", "/ddbplay.wasm", 200, "application/wasm", "\x00asm"},
		{"GET", "/wasm_exec.js", 200, "text/javascript; charset=utf-8", "// go"},
		{"GET", "/app.css", 200, "text/css; charset=utf-8", "body{}"},
		{"GET", "/docs/", 200, "text/html; charset=utf-8", "docs"},
		{"GET", "/docs", 301, "", ""},
		{"GET", "/empty/", 404, "", "404"},
		{"GET", "/missing.js", 404, "", "404"},
		{"GET", "/../index.html", 200, "text/html; charset=utf-8", "<!doctype html>"},
		{"GET", "/a/../../ddbplay.wasm", 200, "application/wasm", "\x00asm"},
		{"HEAD", "/ddbplay.wasm", 200, "application/wasm", ""},
		{"PUT", "/index.html", 405, "", "Method Not Allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(tt.method, "/", nil)
			req.URL.Path = tt.path
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (body %q)", rec.Code, tt.wantStatus, rec.Body)
			}
			hd := rec.Result().Header
			if tt.wantType != "" {
				if got := hd.Get("Content-Type"); got != tt.wantType {
					t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
				}
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("body = %q, want %q in it", rec.Body, tt.wantBody)
			}
			if got := hd.Get("Content-Security-Policy"); got != siteCSP {
				t.Errorf("CSP = %q, want %q", got, siteCSP)
			}
			if got := hd.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
			if got := hd.Get("Referrer-Policy"); got != "no-referrer" {
				t.Errorf("Referrer-Policy = %q, want no-referrer", got)
			}
			// Cross-origin isolation: the page may use SharedArrayBuffer.
			if got := hd.Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
				t.Errorf("Cross-Origin-Opener-Policy = %q, want same-origin", got)
			}
			if got := hd.Get("Cross-Origin-Embedder-Policy"); got != "require-corp" {
				t.Errorf("Cross-Origin-Embedder-Policy = %q, want require-corp", got)
			}
		})
	}
}

func TestServer_EndpointRouting(t *testing.T) {
	h := fakeHandler(t)
	tests := []struct {
		name       string
		site       bool
		method     string
		target     string
		wantStatus int
		wantBody   string
	}{
		{"post with target", true, "POST", TargetPrefix + "Echo", 200, "{}"},
		{"post without target", true, "POST", "", 400, "UnknownOperationException"},
		{"get with target", true, "GET", TargetPrefix + "Echo", 405, "UnknownOperationException"},
		{"options", true, "OPTIONS", "", 204, ""},
		{"get without site", false, "GET", "", 200, healthText},
		{"post without site", false, "POST", TargetPrefix + "Echo", 200, "{}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srv http.Handler
			if tt.site {
				srv = newServer(h, testSite())
			} else {
				srv = newServer(h, nil)
			}
			req := httptest.NewRequest(tt.method, "/", strings.NewReader("{}"))
			if tt.target != "" {
				req.Header.Set(headerTarget, tt.target)
			}
			req.Header.Set("Origin", "https://play.example") // as from a browser
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			if !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("body = %q, want %q in it", rec.Body, tt.wantBody)
			}
			if got := rec.Result().Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q, want * on endpoint answers", got)
			}
		})
	}
}

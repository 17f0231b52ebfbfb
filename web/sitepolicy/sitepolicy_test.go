package sitepolicy_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

func TestSet(t *testing.T) {
	h := http.Header{}
	h.Set("Content-Security-Policy", "default-src *")
	sitepolicy.Set(h)
	if got := h.Values("Content-Security-Policy"); len(got) != 1 || got[0] != sitepolicy.CSP {
		t.Errorf("CSP = %q, want only sitepolicy.CSP", got)
	}
	for _, want := range []string{"Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if h.Get(want) == "" {
			t.Errorf("no %s", want)
		}
	}
}

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"ddbplay.wasm": "application/wasm",
		"app/MAIN.JS":  "text/javascript; charset=utf-8",
		"x.unknownext": "application/octet-stream",
		"index.html":   "text/html; charset=utf-8",
	} {
		if got := sitepolicy.ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestHeadersFile: every path gets every header, and each extension its type.
func TestHeadersFile(t *testing.T) {
	f := sitepolicy.HeadersFile()
	all, _, _ := strings.Cut(strings.SplitN(f, "/*\n", 2)[1], "/*.")
	for _, kv := range sitepolicy.Headers {
		if !strings.Contains(all, "  "+kv[0]+": "+kv[1]+"\n") {
			t.Errorf("the /* rule lacks %s", kv[0])
		}
	}
	if !strings.Contains(f, "/*.wasm\n  Content-Type: application/wasm\n") {
		t.Errorf("no .wasm rule in:\n%s", f)
	}
	if !strings.Contains(f, "/hashed/*\n  Cache-Control: "+sitepolicy.ImmutableCacheControl+"\n") {
		t.Errorf("no rule making the content-named files immutable in:\n%s", f)
	}
	if !strings.Contains(f, "/embed.html\n  ! Content-Security-Policy\n  Content-Security-Policy: "+sitepolicy.EmbedCSP+"\n") {
		t.Errorf("no rule giving embed.html its own CSP in:\n%s", f)
	}
	if !strings.HasSuffix(sitepolicy.EmbedCSP, "frame-ancestors *") || strings.Contains(sitepolicy.EmbedCSP, "frame-ancestors 'none'") {
		t.Errorf("EmbedCSP = %q", sitepolicy.EmbedCSP)
	}
}

func TestCacheControl(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"index.html", "no-cache"},
		{"ddbplay.wasm", "no-cache"},
		{"app/main.js", "no-cache"},
		{"hashed/main.0123456789ab.js", "public, max-age=31536000, immutable"},
		{"hashed/ddbplay.0123456789ab.wasm", "public, max-age=31536000, immutable"},
		{"hashedx/a.js", "no-cache"},
		{"app/hashed/a.js", "no-cache"},
	} {
		if got := sitepolicy.CacheControl(tt.name); got != tt.want {
			t.Errorf("CacheControl(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

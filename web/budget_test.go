package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// The engine module's size budget on the wire, in bytes (1 KB = 1,000
// bytes, 1 MB = 1,000,000). README "Size on the wire" keeps the figures.
const (
	// budgetBrotli bounds ddbplay.wasm as browsers that take brotli get
	// it: the aim, 900 KB.
	budgetBrotli = 900_000
	// budgetGzip bounds the module compressed by GNU gzip -9, and the
	// zopfli copy browsers that take only gzip get: the aim, 1.0 MB. The
	// module first met it when internal/wasmslim made the function names
	// short and put similar functions together (990,156 bytes, from
	// 1,050,708); README "Size on the wire" lists the cuts and the
	// measurements made on the way.
	budgetGzip = 1_000_000
)

// TestSiteBudget checks the engine module that `make site` built (the site
// directory DDBPLAY_SITE names; `make test` sets it) against the budget, as
// NewServer sends it: the brotli copy to a browser that takes brotli, the
// gzip copy to one that takes only gzip, each decoding to the module
// itself (the copies are never stale), and the content-named copies the
// page fetches are the same.
func TestSiteBudget(t *testing.T) {
	dir := os.Getenv("DDBPLAY_SITE")
	if dir == "" {
		t.Skip("DDBPLAY_SITE is not set: `make test` sets it to the site `make site` built")
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "ddbplay.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(engine.New(engine.Options{}), os.DirFS(dir))
	get := func(accept string) ([]byte, string) {
		t.Helper()
		req := httptest.NewRequest("GET", "/ddbplay.wasm", nil)
		req.Header.Set("Accept-Encoding", accept)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("GET /ddbplay.wasm (Accept-Encoding %s): status %d", accept, rec.Code)
		}
		return rec.Body.Bytes(), rec.Header().Get("Content-Encoding")
	}

	br, coding := get("gzip, deflate, br, zstd")
	if coding != "br" {
		t.Fatalf("Accept-Encoding with br: Content-Encoding %q, want br (is ddbplay.wasm.br missing? `make site` writes it with brotli)", coding)
	}
	brotli, err := exec.LookPath("brotli")
	if err != nil {
		t.Fatal("brotli is not installed: `make test` installs it (make chromium)")
	}
	cmd := exec.Command(brotli, "-d", "-c")
	cmd.Stdin = bytes.NewReader(br)
	if got, err := cmd.Output(); err != nil || !bytes.Equal(got, wasm) {
		t.Fatalf("ddbplay.wasm.br does not decode to ddbplay.wasm (%v): a stale copy", err)
	}

	gz, coding := get("gzip, deflate")
	if coding != "gzip" {
		t.Fatalf("Accept-Encoding gzip: Content-Encoding %q, want gzip", coding)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, wasm) {
		t.Fatalf("ddbplay.wasm.gz does not decode to ddbplay.wasm (%v): a stale copy", err)
	}

	// The page fetches the content-named copy (internal/sitebuild): the
	// same bytes, with the same .br and .gz.
	if _, err := os.Stat(filepath.Join(dir, sitepolicy.HashedDir)); err == nil {
		named, _ := filepath.Glob(filepath.Join(dir, sitepolicy.HashedDir, "ddbplay.*.wasm"))
		if len(named) != 1 {
			t.Fatalf("content-named modules in %s: %q, want one", sitepolicy.HashedDir, named)
		}
		for _, ext := range []string{"", ".br", ".gz"} {
			a, errA := os.ReadFile(filepath.Join(dir, "ddbplay.wasm"+ext))
			b, errB := os.ReadFile(named[0] + ext)
			if errA != nil || errB != nil || !bytes.Equal(a, b) {
				t.Errorf("%s%s is not ddbplay.wasm%s (%v, %v)", named[0], ext, ext, errA, errB)
			}
		}
	}

	gzipCmd := exec.Command("gzip", "-9", "-n", "-c")
	gzipCmd.Stdin = bytes.NewReader(wasm)
	gz9, err := gzipCmd.Output()
	if err != nil {
		t.Fatalf("gzip -9: %v", err)
	}

	t.Logf("ddbplay.wasm: %d bytes; brotli copy %d; gzip copy %d; gzip -9 %d", len(wasm), len(br), len(gz), len(gz9))
	for _, c := range []struct {
		what        string
		size, limit int
	}{
		{"the brotli copy (ddbplay.wasm.br)", len(br), budgetBrotli},
		{"the gzip copy (ddbplay.wasm.gz)", len(gz), budgetGzip},
		{"ddbplay.wasm compressed by gzip -9", len(gz9), budgetGzip},
	} {
		if c.size > c.limit {
			t.Errorf("%s is %d bytes, over the budget of %d: cut the module or (with a reason in README \"Size on the wire\") raise the budget", c.what, c.size, c.limit)
		}
	}
}

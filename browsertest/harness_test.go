package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/internal/testtools"
	"github.com/ddbplay/ddbplay/web"
	"github.com/ddbplay/ddbplay/web/shortlink"
)

// chromiumPath is Debian's Chromium, the only browser the tests use.
const chromiumPath = "/usr/bin/chromium"

// pageTimeout bounds each browser a test opens.
const pageTimeout = 3 * time.Minute

var (
	// siteDir is the site as served: static/, ddbplay.wasm, wasm_exec.js,
	// plus the fixture pages of testdata/fixture under test/.
	siteDir string
	// siteURL is the base URL of the served site, without a trailing slash.
	siteURL string
	// repoRoot is the module's root directory.
	repoRoot string
)

// TestMain builds the site into a temporary directory (or copies the built
// one that DDBPLAY_SITE names), adds the fixture pages under /test/, and
// serves it with web.NewServer, behind the short links of web/shortlink as
// cmd/ddbplay serves them, on an httptest server for every test.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if repoRoot, err = filepath.Abs(".."); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "ddbplay-site-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	siteDir = filepath.Join(tmp, "site")
	if err := buildSite(siteDir); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest: building the site:", err)
		return 1
	}
	links := shortlink.New(shortlink.Config{Store: shortlink.NewMemoryStore(0), Limiter: shortlink.NewMemoryLimiter(100, time.Minute)})
	srv := httptest.NewServer(links.Route(web.NewServer(engine.New(engine.Options{}), os.DirFS(siteDir))))
	defer srv.Close()
	siteURL = srv.URL
	return m.Run()
}

// buildSite assembles the served site in dir.
func buildSite(dir string) error {
	if built := os.Getenv("DDBPLAY_SITE"); built != "" {
		if err := copyDir(built, dir); err != nil {
			return err
		}
	} else {
		if err := copyDir(filepath.Join(repoRoot, "static"), dir); err != nil {
			return err
		}
		env := testtools.WasmEnv(os.Environ())
		goenv := exec.Command("go", "env", "GOROOT")
		goenv.Env = env
		out, err := goenv.Output()
		if err != nil {
			return fmt.Errorf("go env GOROOT: %v", err)
		}
		goroot := strings.TrimSpace(string(out))
		if err := copyFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js")); err != nil {
			return err
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "ddbplay.wasm"), "./wasm")
		cmd.Dir = repoRoot
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("GOOS=js GOARCH=wasm go build ./wasm: %v\n%s", err, out)
		}
	}
	return copyDir(filepath.Join(repoRoot, "browsertest", "testdata", "fixture"), filepath.Join(dir, "test"))
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// pageLog forwards a page's console messages and exceptions to the test log
// until the test ends.
type pageLog struct {
	mu   sync.Mutex
	t    testing.TB
	done bool
}

func (l *pageLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Logf(format, args...)
	}
}

func (l *pageLog) stop() {
	l.mu.Lock()
	l.done = true
	l.mu.Unlock()
}

// watchConsole logs the console of the tab of ctx.
func watchConsole(t testing.TB, ctx context.Context, name string) {
	l := &pageLog{t: t}
	t.Cleanup(l.stop)
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			l.logf("%s console: %s", name, m)
		}
	}()
}

// newBrowser starts a fresh headless Chromium with its own empty profile
// (so its own IndexedDB) and returns the context of its first tab, which has
// opened about:blank. The browser stops when the test ends. The test fails
// (never skips) if Chromium is missing.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	return newBrowserFor(t, pageTimeout)
}

// newBrowserFor is newBrowser with a deadline of its own (long benchmarks).
func newBrowserFor(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("Chromium not found at %s (%v): run make chromium", chromiumPath, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	watchConsole(t, ctx, "tab 1")
	deadline, cancelDeadline := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelDeadline)
	return deadline
}

// newPage starts a fresh browser (see newBrowser) and opens url in it; url
// may be a path of the served site ("/test/host.html").
func newPage(t testing.TB, url string) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	navigate(t, ctx, url)
	return ctx
}

// newTab opens url in a new tab of the browser of ctx; the tabs share the
// profile (IndexedDB, cache) and the origin.
func newTab(t testing.TB, ctx context.Context, url string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	watchConsole(t, tab, "tab")
	navigate(t, tab, url)
	return tab
}

// navigate loads url (a path of the served site, or a full URL) in the tab
// of ctx and waits for its load event.
func navigate(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if strings.HasPrefix(url, "/") {
		url = siteURL + url
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("navigating to %s: %v", url, err)
	}
}

// evalAsync evaluates the JavaScript expression js in the page of ctx,
// awaits it if it is a promise, and decodes its JSON value into out (out
// may be nil to ignore it). A thrown exception or a rejected promise fails
// the test with its message.
func evalAsync(t testing.TB, ctx context.Context, js string, out any) {
	t.Helper()
	if err := evalErr(ctx, js, out); err != nil {
		t.Fatalf("evaluating %s: %v", abbreviate(js), err)
	}
}

// evalErr is evalAsync returning the failure instead of failing the test.
func evalErr(ctx context.Context, js string, out any) error {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise, chromedp.EvalAsValue))
	if err != nil {
		return err
	}
	if out == nil || len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, out)
}

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}

// waitPlayground waits until the page of ctx has set window.ddbplay (the
// playground's door, see static/ddbplay.js) and fails the test if the page
// reported a start-up error in window.ddbplayError first.
func waitPlayground(t testing.TB, ctx context.Context) {
	t.Helper()
	evalAsync(t, ctx, `new Promise((resolve, reject) => {
		const tick = () => {
			if (window.ddbplayError) reject(new Error(window.ddbplayError));
			else if (window.ddbplay) resolve(true);
			else setTimeout(tick, 5);
		};
		tick();
	})`, nil)
}

// Package workerdtest runs ddbplay's Cloudflare Worker locally for tests:
// wrangler (pinned in package.json, installed by `make npm`) serves it
// under workerd with local KV and rate limiting, from the repository's own
// wrangler.toml, offline: no usage data, no Request.cf download, no update
// check (no banner), and a test fails if wrangler's log shows it tried
// the network.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      web/sitepolicy
//	must not import: engine
package workerdtest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// Worker is a running local Worker.
type Worker struct {
	// URL is its base URL, without a trailing slash.
	URL string

	cmd  *exec.Cmd
	mu   sync.Mutex
	log  strings.Builder
	done chan struct{}
}

// Log returns what wrangler printed so far.
func (w *Worker) Log() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.log.String()
}

// NetworkAttempts returns the lines of the log that show wrangler trying
// to reach the network.
func (w *Worker) NetworkAttempts() []string {
	var out []string
	for _, line := range strings.Split(w.Log(), "\n") {
		l := strings.ToLower(line)
		if strings.Contains(l, "enotfound") || strings.Contains(l, "unable to fetch") || strings.Contains(l, "econnrefused") || strings.Contains(l, "update available") {
			out = append(out, line)
		}
	}
	return out
}

// Stop ends wrangler and its workerd.
func (w *Worker) Stop() {
	if w.cmd.Process != nil {
		syscall.Kill(-w.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-w.done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL)
			<-w.done
		}
	}
}

// BuildWorker builds the Worker into dir as `make worker` does (the
// workers-assets-gen shim and app.wasm, slimmed by internal/wasmslim),
// unless env names a built one:
// then it returns that directory.
func BuildWorker(repoRoot, dir string) (string, error) {
	if built := os.Getenv("DDBPLAY_WORKER"); built != "" {
		return built, nil
	}
	gen := exec.Command("go", "run", "github.com/syumai/workers/cmd/workers-assets-gen", "-mode=go", "-o", dir)
	gen.Dir = repoRoot
	if out, err := gen.CombinedOutput(); err != nil {
		return "", fmt.Errorf("workers-assets-gen: %v\n%s", err, out)
	}
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "app.wasm"), "./worker")
	build.Dir = repoRoot
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the worker: %v\n%s", err, out)
	}
	slim := exec.Command("go", "run", "./internal/wasmslim", filepath.Join(dir, "app.wasm"))
	slim.Dir = repoRoot
	if out, err := slim.CombinedOutput(); err != nil {
		return "", fmt.Errorf("wasmslim: %v\n%s", err, out)
	}
	return dir, nil
}

// Start runs the Worker built in workerDir with the site in siteDir (as
// `make site` builds it) under `wrangler dev --local`, with its state
// (KV, rate limits) in tmp. It copies the site to tmp without its .gz
// and .br copies and with the _headers file of web/sitepolicy, as `make worker`
// does, and uses the repository's wrangler.toml with the two paths
// pointed there.
func Start(repoRoot, workerDir, siteDir, tmp string) (*Worker, error) {
	wrangler := filepath.Join(repoRoot, "node_modules", ".bin", "wrangler")
	if _, err := os.Stat(wrangler); err != nil {
		return nil, fmt.Errorf("wrangler is not installed (run `make npm`): %v", err)
	}
	site := filepath.Join(tmp, "site")
	if err := copySite(siteDir, site); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(site, "_headers"), []byte(sitepolicy.HeadersFile()), 0o644); err != nil {
		return nil, err
	}
	conf, err := os.ReadFile(filepath.Join(repoRoot, "wrangler.toml"))
	if err != nil {
		return nil, err
	}
	text := regexp.MustCompile(`(?m)^main = .*$`).ReplaceAllString(string(conf), "main = "+strconv.Quote(filepath.Join(workerDir, "worker.mjs")))
	text = regexp.MustCompile(`(?m)^directory = .*$`).ReplaceAllString(text, "directory = "+strconv.Quote(site))
	confPath := filepath.Join(tmp, "wrangler.toml")
	if err := os.WriteFile(confPath, []byte(text), 0o644); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	inspector, err := freePort()
	if err != nil {
		return nil, err
	}
	home := filepath.Join(tmp, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	cmd := exec.Command(wrangler, "dev", "--local", "--config", confPath,
		"--ip", "127.0.0.1", "--port", strconv.Itoa(port), "--inspector-port", strconv.Itoa(inspector),
		"--persist-to", filepath.Join(tmp, "state"), "--show-interactive-dev-session=false", "--live-reload=false")
	cmd.Dir = tmp
	bin := filepath.Join(repoRoot, "node_modules", ".bin")
	cmd.Env = append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), // node_modules' Node 22 where installed
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "TMPDIR="+tmp,
		"WRANGLER_SEND_METRICS=false", "CLOUDFLARE_TELEMETRY_DISABLED=1", "WRANGLER_SEND_ERROR_REPORTS=false",
		"CLOUDFLARE_CF_FETCH_ENABLED=false", "WRANGLER_HIDE_BANNER=true", "CI=true", "NO_COLOR=1", "FORCE_COLOR=0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w := &Worker{cmd: cmd, done: make(chan struct{})}
	go func() {
		cmd.Wait()
		pw.Close()
		close(w.done)
	}()
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			w.mu.Lock()
			w.log.WriteString(line + "\n")
			w.mu.Unlock()
			if strings.Contains(line, "Ready on http://") {
				select {
				case ready <- line:
				default:
				}
			}
		}
	}()
	select {
	case <-ready:
		w.URL = "http://127.0.0.1:" + strconv.Itoa(port)
		return w, nil
	case <-w.done:
		return nil, errors.New("wrangler dev exited:\n" + w.Log())
	case <-time.After(2 * time.Minute):
		w.Stop()
		return nil, errors.New("wrangler dev was not ready after 2 minutes:\n" + w.Log())
	}
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// copySite copies the site in src to dst, leaving out the .gz and .br
// copies (Cloudflare compresses by itself).
func copySite(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") || rel == "_headers" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testSite copies static/ (without its Go files) into a temporary site,
// with Go's wasm_exec.js and a stand-in ddbplay.wasm and its copies, as
// `make site` lays them out before running sitebuild, and returns it and
// the esbuild that `make npm` installs.
func testSite(t *testing.T) (site, esbuild string) {
	t.Helper()
	esbuild, err := filepath.Abs("../../node_modules/.bin/esbuild")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(esbuild); err != nil {
		t.Skip("no node_modules/.bin/esbuild: `make npm` installs it (`make test` does)")
	}
	site = t.TempDir()
	err = filepath.WalkDir("../../static", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../static", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(site, rel), 0o755)
		}
		if strings.HasSuffix(p, ".go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(site, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	exec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"wasm_exec.js": string(exec), "ddbplay.wasm": "\x00asm\x01\x00\x00\x00", "ddbplay.wasm.br": "br copy", "ddbplay.wasm.gz": "gz copy",
	} {
		if err := os.WriteFile(filepath.Join(site, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site, esbuild
}

func read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBuild(t *testing.T) {
	site, esbuild := testSite(t)
	b := &build{site: site, esbuild: esbuild}
	if err := b.run(); err != nil {
		t.Fatal(err)
	}
	for _, name := range append(copies, worker, "app/main.js", "app/lessons/embed.js") {
		to := b.names[name]
		if !strings.HasPrefix(to, "hashed/") {
			t.Fatalf("%s → %q, want a file in hashed/", name, to)
		}
		data := read(t, filepath.Join(site, to))
		for _, c := range copies {
			if c == name {
				sum := sha256.Sum256([]byte(data))
				if want := contentName(name, []byte(read(t, filepath.Join(site, name)))); to != want || !strings.Contains(to, hex.EncodeToString(sum[:6])) {
					t.Errorf("%s → %s, want %s (its content's hash)", name, to, want)
				}
			}
		}
	}
	if got := read(t, filepath.Join(site, b.names["ddbplay.wasm"]+".br")); got != "br copy" {
		t.Errorf("the content-named wasm's .br copy is %q, want ddbplay.wasm.br's", got)
	}

	// The worker bundle knows the content-named module and wasm_exec.js, and
	// holds its modules (no import of another file of the site).
	w := read(t, filepath.Join(site, b.names[worker]))
	for _, want := range []string{`root: "../"`, `wasm: "` + path.Base(b.names["ddbplay.wasm"]) + `"`, `wasmExec: "` + path.Base(b.names["wasm_exec.js"]) + `"`, "function createHost"} {
		if !strings.Contains(w, want) {
			t.Errorf("the worker bundle lacks %q", want)
		}
	}
	if m := regexp.MustCompile(`(from|import\()\s*"\./`).FindString(w); m != "" {
		t.Errorf("the worker bundle still imports a file: %q", m)
	}

	// index.html names the bundles and copies, every name resolves to a
	// file, and engine-start.js's data attributes name the site's root,
	// the worker bundle and the module relative to the script.
	index := read(t, filepath.Join(site, "index.html"))
	for _, plain := range []string{`"app/main.js"`, `"engine-start.js"`, `"style.css"`, `"favicon.svg"`} {
		if strings.Contains(index, plain) {
			t.Errorf("index.html still names %s", plain)
		}
	}
	start := regexp.MustCompile(`<link rel="preload" href="([^"]+)" as="fetch" crossorigin>\n<script src="([^"]+)" data-site="([^"]+)" data-worker="([^"]+)" data-wasm="([^"]+)"></script>`).FindStringSubmatch(index)
	if start == nil {
		t.Fatalf("no engine-start script with its data attributes after the module's preload hint in index.html:\n%s", index)
	}
	if start[1] != b.names["ddbplay.wasm"] {
		t.Errorf("the preload hint names %s, want %s", start[1], b.names["ddbplay.wasm"])
	}
	start = start[1:]
	dir := path.Dir(start[1])
	if start[1] != b.names[starter] || path.Join(dir, start[2]) != "." || path.Join(dir, start[3]) != b.names[worker] || path.Join(dir, start[4]) != b.names["ddbplay.wasm"] {
		t.Errorf("engine-start script %q: want src %s, site ., worker %s, wasm %s", start[0], b.names[starter], b.names[worker], b.names["ddbplay.wasm"])
	}
	for _, m := range attr.FindAllStringSubmatch(index+read(t, filepath.Join(site, "embed.html")), -1) {
		if strings.HasPrefix(m[2], "hashed/") {
			if _, err := os.Stat(filepath.Join(site, m[2])); err != nil {
				t.Errorf("%s names a missing file: %v", m[0], err)
			}
		}
	}
	if embed := read(t, filepath.Join(site, "embed.html")); !strings.Contains(embed, `src="`+b.names["app/lessons/embed.js"]+`"`) {
		t.Errorf("embed.html does not name its bundle %s", b.names["app/lessons/embed.js"])
	}

	// A second build of the same files gives the same names.
	again := &build{site: site, esbuild: esbuild}
	for _, p := range pages {
		if err := os.WriteFile(filepath.Join(site, p.html), []byte(read(t, filepath.Join("../../static", p.html))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := again.run(); err != nil {
		t.Fatal(err)
	}
	for name, to := range b.names {
		if again.names[name] != to {
			t.Errorf("%s: %s, then %s", name, to, again.names[name])
		}
	}
}

// A page that no longer names its module script fails the build and is
// left as it was.
func TestBuild_PageWithoutItsScript(t *testing.T) {
	site, esbuild := testSite(t)
	index := strings.Replace(read(t, filepath.Join(site, "index.html")), `src="app/main.js"`, `src="app/other.js"`, 1)
	if err := os.WriteFile(filepath.Join(site, "index.html"), []byte(index), 0o644); err != nil {
		t.Fatal(err)
	}
	err := (&build{site: site, esbuild: esbuild}).run()
	if err == nil || !strings.Contains(err.Error(), "index.html does not name app/main.js") {
		t.Fatalf("err = %v, want index.html does not name app/main.js", err)
	}
	if got := read(t, filepath.Join(site, "index.html")); got != index {
		t.Error("index.html was rewritten")
	}
	if got := read(t, filepath.Join(site, "embed.html")); got != read(t, "../../static/embed.html") {
		t.Error("embed.html was rewritten although the build failed")
	}
}

func TestRelative(t *testing.T) {
	for _, tt := range []struct{ dir, to, want string }{
		{".", "hashed/a.js", "hashed/a.js"},
		{"hashed", ".", "../"},
		{"hashed", "hashed/b.js", "b.js"},
		{"app/lessons", "hashed/a.css", "../../hashed/a.css"},
	} {
		if got := relative(tt.dir, tt.to); got != tt.want {
			t.Errorf("relative(%q, %q) = %q, want %q", tt.dir, tt.to, got, tt.want)
		}
	}
}

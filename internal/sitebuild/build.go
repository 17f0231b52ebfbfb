package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/ddbplay/ddbplay/web/sitepolicy"
)

// Bundle is DDBPLAY_BUNDLE, the constant esbuild defines in every bundle:
// paths relative to the bundles' folder (sitepolicy.HashedDir).
type Bundle struct {
	Root     string `json:"root"`     // the site's root
	Wasm     string `json:"wasm"`     // the content-named ddbplay.wasm
	WasmExec string `json:"wasmExec"` // the content-named wasm_exec.js
}

// page is an HTML page of the site and its module script.
type page struct{ html, entry string }

var (
	pages = []page{{"index.html", "app/main.js"}, {"embed.html", "app/lessons/embed.js"}}
	// worker is the engine's worker, bundled too; engine-start.js starts it.
	worker = "engine-worker.js"
	// starter is the script in index.html's head that starts the worker.
	starter = "engine-start.js"
	// copies get content-named copies, as they are.
	copies = []string{"ddbplay.wasm", "wasm_exec.js", starter, "style.css", "app/lessons/lessons.css", "favicon.svg"}
	// precompressed are the files whose .br and .gz copies (made before
	// this command runs, by `make site`, which keeps them current) are
	// copied too; the Makefile compresses the other files after it.
	precompressed = map[string]bool{"ddbplay.wasm": true}
)

type build struct {
	site, esbuild string
	// names maps a file's path in the site to its content-named one
	// ("app/main.js" → "hashed/main.BWSJ3RAE.js").
	names map[string]string
}

func (b *build) run() error {
	dir := filepath.Join(b.site, sitepolicy.HashedDir)
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b.names = map[string]string{}
	for _, name := range copies {
		if err := b.copy(name); err != nil {
			return err
		}
	}
	if err := b.bundle(); err != nil {
		return err
	}
	rewritten := map[string][]byte{}
	for _, p := range pages {
		src, err := os.ReadFile(filepath.Join(b.site, p.html))
		if err != nil {
			return err
		}
		out, err := b.rewrite(p, src)
		if err != nil {
			return err
		}
		rewritten[p.html] = out
	}
	for name, out := range rewritten {
		if err := os.WriteFile(filepath.Join(b.site, name), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// contentName returns name's content-named path: in the hashed folder, its
// base name with the first 12 hex digits of its SHA-256 before the
// extension.
func contentName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	base := path.Base(name)
	ext := path.Ext(base)
	return path.Join(sitepolicy.HashedDir, strings.TrimSuffix(base, ext)+"."+hex.EncodeToString(sum[:6])+ext)
}

func (b *build) copy(name string) error {
	data, err := os.ReadFile(filepath.Join(b.site, name))
	if err != nil {
		return err
	}
	to := contentName(name, data)
	for from, was := range b.names {
		if was == to {
			return fmt.Errorf("%s and %s would both be %s", from, name, to)
		}
	}
	b.names[name] = to
	if err := os.WriteFile(filepath.Join(b.site, to), data, 0o644); err != nil {
		return err
	}
	if !precompressed[name] {
		return nil
	}
	for _, ext := range []string{".br", ".gz"} {
		data, err := os.ReadFile(filepath.Join(b.site, name+ext))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(b.site, to+ext), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// bundle runs esbuild on the pages' module scripts and the worker.
func (b *build) bundle() error {
	define, err := json.Marshal(Bundle{
		Root:     strings.Repeat("../", strings.Count(sitepolicy.HashedDir, "/")+1),
		Wasm:     path.Base(b.names["ddbplay.wasm"]),
		WasmExec: path.Base(b.names["wasm_exec.js"]),
	})
	if err != nil {
		return err
	}
	meta, err := os.CreateTemp("", "sitebuild-meta-*.json")
	if err != nil {
		return err
	}
	meta.Close()
	defer os.Remove(meta.Name())
	entries := []string{worker}
	for _, p := range pages {
		entries = append(entries, p.entry)
	}
	args := append([]string{
		"--bundle", "--format=esm", "--charset=utf8", "--legal-comments=none", "--log-level=warning",
		"--outdir=" + sitepolicy.HashedDir, "--entry-names=[name].[hash]",
		"--define:DDBPLAY_BUNDLE=" + string(define), "--metafile=" + meta.Name(),
	}, entries...)
	cmd := exec.Command(b.esbuild, args...)
	cmd.Dir = b.site
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %v\n%s", b.esbuild, err, stderr.String())
	}
	data, err := os.ReadFile(meta.Name())
	if err != nil {
		return err
	}
	var m struct {
		Outputs map[string]struct {
			EntryPoint string `json:"entryPoint"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("esbuild's metafile: %v", err)
	}
	for out, o := range m.Outputs {
		if o.EntryPoint != "" {
			b.names[o.EntryPoint] = out
		}
	}
	for _, e := range entries {
		if b.names[e] == "" {
			return fmt.Errorf("esbuild wrote no bundle for %s", e)
		}
	}
	return nil
}

// attr matches a src or href attribute with a double-quoted value.
var attr = regexp.MustCompile(`\b(src|href)="([^"]*)"`)

// rewrite returns the page src with its references to content-named files
// changed to them. The page's module script must be among them, and
// engine-start.js, when the page is index.html.
func (b *build) rewrite(p page, src []byte) ([]byte, error) {
	dir := path.Dir(p.html)
	done := map[string]bool{}
	out := attr.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := attr.FindSubmatch(m)
		ref := path.Join(dir, string(sub[2]))
		to, ok := b.names[ref]
		if !ok || strings.Contains(string(sub[2]), ":") {
			return m
		}
		done[ref] = true
		rel := relative(dir, to)
		if ref != starter || string(sub[1]) != "src" {
			return []byte(string(sub[1]) + `="` + rel + `"`)
		}
		from := path.Dir(to)
		return []byte(fmt.Sprintf(`src="%s" data-site="%s" data-worker="%s" data-wasm="%s"`,
			rel, relative(from, "."), relative(from, b.names[worker]), relative(from, b.names["ddbplay.wasm"])))
	})
	want := []string{p.entry}
	if p.html == "index.html" {
		want = append(want, starter)
	}
	for _, w := range want {
		if !done[w] {
			return nil, fmt.Errorf("%s does not name %s", p.html, w)
		}
	}
	if done[starter] {
		// The module's fetch starts as the page's head is read, before
		// engine-start.js has loaded; its fetch() takes the preloaded
		// answer (as="fetch" with crossorigin: the same request).
		script := []byte(`<script src="` + relative(dir, b.names[starter]) + `"`)
		preload := []byte(`<link rel="preload" href="` + relative(dir, b.names["ddbplay.wasm"]) + `" as="fetch" crossorigin>` + "\n")
		out = bytes.Replace(out, script, append(preload, script...), 1)
	}
	return out, nil
}

// relative returns the URL path of to (a site path) relative to the site
// folder dir.
func relative(dir, to string) string {
	rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(to))
	if err != nil {
		return to
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return "./"
	}
	if rel == ".." || strings.HasSuffix(rel, "/..") {
		return rel + "/"
	}
	return rel
}

// summary lists the content-named files.
func (b *build) summary() string {
	var names []string
	for from, to := range b.names {
		info, err := os.Stat(filepath.Join(b.site, to))
		size := int64(-1)
		if err == nil {
			size = info.Size()
		}
		names = append(names, fmt.Sprintf("  %s → %s (%d bytes)", from, to, size))
	}
	sort.Strings(names)
	return "sitebuild: content-named files\n" + strings.Join(names, "\n")
}

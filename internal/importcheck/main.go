// Command importcheck checks every package's import rules, as its doc.go
// states them in two lines of its package comment:
//
//	may import:      engine/ddberr, engine/wire
//	must not import: engine/expr, net/http, syscall/js
//
// "may import" lists every package outside the standard library that the
// package may import directly (exactly those packages) (none: "the standard library only"); the
// standard library is always allowed unless "must not import" names it.
// "must not import" names packages the package may not import, directly or
// through other packages of this module (what the standard library and
// third-party packages import is theirs: storage imports google/btree,
// which imports fmt). Names starting with a top-level directory of
// this module (engine/…, web, wasm, cmd/…, internal/…, static) are of this module;
// a package matches a name it equals or lies under. Packages are listed
// both natively and for GOOS=js GOARCH=wasm, the browser build. `make
// check` runs it; it prints every broken rule and exits 1 if there is one.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

const module = "github.com/ddbplay/ddbplay"

// moduleDirs are the top-level directories of the module's packages.
var moduleDirs = []string{"engine", "web", "wasm", "cmd", "internal", "e2e", "browsertest", "static"}

type pkg struct {
	path, dir string
	imports   []string
}

func main() {
	bad := 0
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		pkgs, err := list(env)
		if err != nil {
			fmt.Fprintln(os.Stderr, "importcheck:", err)
			os.Exit(2)
		}
		byPath := map[string]pkg{}
		for _, p := range pkgs {
			byPath[p.path] = p
		}
		for _, p := range pkgs {
			may, mustNot, ok, err := rules(filepath.Join(p.dir, "doc.go"))
			if err != nil {
				fmt.Fprintln(os.Stderr, "importcheck:", err)
				os.Exit(2)
			}
			if !ok {
				continue
			}
			for _, imp := range p.imports {
				if !isStd(imp) && !slices.Contains(may, imp) {
					fmt.Printf("%s imports %s, which its doc.go does not allow (%s)\n", p.path, imp, strings.Join(env, " "))
					bad++
				}
			}
			for _, d := range moduleImports(p, byPath) {
				for _, m := range mustNot {
					if under(d, m) {
						fmt.Printf("%s imports %s (directly or through this module's packages), which its doc.go forbids (%s)\n", p.path, d, strings.Join(env, " "))
						bad++
					}
				}
			}
		}
	}
	if bad > 0 {
		os.Exit(1)
	}
}

// moduleImports returns what p imports and what the packages of this
// module it reaches through imports import.
func moduleImports(p pkg, byPath map[string]pkg) []string {
	var out []string
	seen := map[string]bool{p.path: true}
	queue := []pkg{p}
	listed := map[string]bool{}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		for _, imp := range q.imports {
			if !listed[imp] {
				listed[imp] = true
				out = append(out, imp)
			}
			if next, ok := byPath[imp]; ok && !seen[imp] {
				seen[imp] = true
				queue = append(queue, next)
			}
		}
	}
	return out
}

// list returns the module's packages as go list sees them in env.
func list(env []string) ([]pkg, error) {
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{join .Imports \" \"}}", "./...")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	var pkgs []pkg
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			continue
		}
		pkgs = append(pkgs, pkg{path: f[0], dir: f[1], imports: strings.Fields(f[2])})
	}
	return pkgs, sc.Err()
}

// rules reads the import rules of a doc.go; ok is false when it has none.
func rules(docGo string) (may, mustNot []string, ok bool, err error) {
	b, err := os.ReadFile(docGo)
	if os.IsNotExist(err) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
		if rest, found := strings.CutPrefix(line, "may import:"); found {
			may, ok = names(rest), true
		}
		if rest, found := strings.CutPrefix(line, "must not import:"); found {
			mustNot, ok = names(rest), true
		}
	}
	return may, mustNot, ok, nil
}

// names parses a comma-separated list of package names.
func names(s string) []string {
	var out []string
	for n := range strings.SplitSeq(s, ",") {
		n = strings.TrimSuffix(strings.TrimSpace(n), ".")
		if n == "" || n == "the standard library only" {
			continue
		}
		first, _, _ := strings.Cut(n, "/")
		if slices.Contains(moduleDirs, first) {
			n = module + "/" + n
		}
		out = append(out, n)
	}
	return out
}

// under reports whether package p is name or lies under it.
func under(p, name string) bool { return p == name || strings.HasPrefix(p, name+"/") }

// isStd reports whether an import path is of the standard library (its
// first element has no dot).
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// Command importcheck checks every package's import rules, as its package
// comment states them (in doc.go, or in the file that holds the comment),
// in two lines:
//
//	may import:      engine/ddberr, engine/wire
//	must not import: engine/expr, net/http, syscall/js
//
// "may import" lists every package outside the standard library that the
// package may import directly, exactly those: a package it imports but
// the line does not name is an error, and so is a name the package
// imports in neither build (a stale rule). "the standard library only"
// (or "the standard library", before other names) says so. The standard
// library is always allowed unless "must not import" names it.
// "must not import" names packages the package may not import, directly or
// through other packages of this module (what the standard library and
// third-party packages import is theirs: storage imports google/btree,
// which imports fmt). Names starting with a top-level directory of this
// module (engine/…, web, wasm, cmd/…, internal/…, static) are of this
// module; a package matches a name it equals or lies under.
//
// Every package states both lines, except a package of tests alone (no Go
// file but doc.go outside its tests: browsertest, e2e), whose rules would
// have nothing to check: a package without them is an error. Packages are
// listed both natively and for GOOS=js GOARCH=wasm, the browser build.
// `make check` runs it; it prints every broken rule and exits 1 if there
// is one.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

const module = "github.com/ddbplay/ddbplay"

// moduleDirs are the top-level directories of the module's packages.
var moduleDirs = []string{"engine", "web", "wasm", "cmd", "internal", "e2e", "browsertest", "static", "datadir", "worker"}

// envs are the builds checked: native and the browser's.
var envs = [][]string{nil, {"GOOS=js", "GOARCH=wasm"}}

type pkg struct {
	path, dir string
	imports   []string
	files     []string // non-test Go files
}

// rules are a package's import rules; stated is false when its package
// comment has neither line, partial when it has only one.
type rules struct {
	may, mustNot    []string
	stated, partial bool
}

func main() {
	builds := make([][]pkg, len(envs))
	for i, env := range envs {
		pkgs, err := list("", env)
		if err != nil {
			fmt.Fprintln(os.Stderr, "importcheck:", err)
			os.Exit(2)
		}
		builds[i] = pkgs
	}
	problems, err := check(builds, readRules)
	if err != nil {
		fmt.Fprintln(os.Stderr, "importcheck:", err)
		os.Exit(2)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// check returns every broken rule of the packages of each build (builds[i]
// as envs[i] lists them), reading each package's rules with rulesOf.
func check(builds [][]pkg, rulesOf func(pkg) (rules, error)) ([]string, error) {
	var problems []string
	report := func(format string, args ...any) {
		if p := fmt.Sprintf(format, args...); !slices.Contains(problems, p) {
			problems = append(problems, p)
		}
	}
	ruleOf := map[string]rules{}
	imported := map[string]map[string]bool{} // per package, in any build
	for i, pkgs := range builds {
		env := ""
		if i < len(envs) {
			env = strings.Join(envs[i], " ")
		}
		byPath := map[string]pkg{}
		for _, p := range pkgs {
			byPath[p.path] = p
		}
		for _, p := range pkgs {
			r, ok := ruleOf[p.path]
			if !ok {
				var err error
				if r, err = rulesOf(p); err != nil {
					return nil, err
				}
				ruleOf[p.path] = r
			}
			switch {
			case r.partial:
				report("%s states only one of its import rules (may import, must not import) in its package comment", p.path)
				continue
			case !r.stated:
				if !testsOnly(p) {
					report("%s states no import rules (may import, must not import) in its package comment", p.path)
				}
				continue
			}
			if imported[p.path] == nil {
				imported[p.path] = map[string]bool{}
			}
			for _, imp := range p.imports {
				imported[p.path][imp] = true
				if !isStd(imp) && !slices.Contains(r.may, imp) {
					report("%s imports %s, which its doc.go does not allow (%s)", p.path, imp, env)
				}
			}
			for _, d := range moduleImports(p, byPath) {
				for _, m := range r.mustNot {
					if under(d, m) {
						report("%s imports %s (directly or through this module's packages), which its doc.go forbids (%s)", p.path, d, env)
					}
				}
			}
		}
	}
	for path, r := range ruleOf {
		for _, m := range r.may {
			if r.stated && !r.partial && !isStd(m) && !imported[path][m] {
				report("%s: its doc.go allows %s, which it imports in no build (a stale rule)", path, m)
			}
		}
	}
	slices.Sort(problems)
	return problems, nil
}

// testsOnly reports whether p has no Go file but doc.go outside its tests.
func testsOnly(p pkg) bool {
	return len(p.files) == 0 || len(p.files) == 1 && p.files[0] == "doc.go"
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

// list returns the packages of the module at dir ("": the current
// directory's) as go list sees them in env.
func list(dir string, env []string) ([]pkg, error) {
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{join .Imports \" \"}}\t{{join .GoFiles \" \"}}", "./...")
	cmd.Dir = dir
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
		if len(f) != 4 {
			continue
		}
		pkgs = append(pkgs, pkg{path: f[0], dir: f[1], imports: strings.Fields(f[2]), files: strings.Fields(f[3])})
	}
	return pkgs, sc.Err()
}

// readRules reads p's import rules from its package comment: doc.go's,
// else that of the first of its files that has one.
func readRules(p pkg) (rules, error) {
	files := slices.Clone(p.files)
	if i := slices.Index(files, "doc.go"); i > 0 {
		files[0], files[i] = files[i], files[0]
	}
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(p.dir, name), nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			return rules{}, err
		}
		if f.Doc != nil {
			var lines []string
			for _, c := range f.Doc.List {
				lines = append(lines, c.Text)
			}
			return parseRules(lines), nil
		}
	}
	return rules{}, nil
}

// parseRules reads the rules in the lines of a package comment.
func parseRules(lines []string) rules {
	var r rules
	var may, mustNot bool
	for _, line := range lines {
		line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
		if rest, found := strings.CutPrefix(line, "may import:"); found {
			r.may, may = names(rest), true
		}
		if rest, found := strings.CutPrefix(line, "must not import:"); found {
			r.mustNot, mustNot = names(rest), true
		}
	}
	r.stated = may || mustNot
	r.partial = may != mustNot
	return r
}

// names parses a comma-separated list of package names.
func names(s string) []string {
	var out []string
	for n := range strings.SplitSeq(s, ",") {
		n = strings.TrimSuffix(strings.TrimSpace(n), ".")
		if n == "" || n == "the standard library only" || n == "the standard library" {
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

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const m = module + "/"

// TestCheck runs the checker on made-up packages: each case breaks one
// rule (or none) and must get exactly the problems listed.
func TestCheck(t *testing.T) {
	stated := func(may, mustNot string) rules {
		return parseRules([]string{"// may import: " + may, "// must not import: " + mustNot})
	}
	base := map[string]rules{
		m + "engine/attr":    stated("the standard library only", "engine/expr, net/http"),
		m + "engine/expr":    stated("engine/attr", "engine/storage, net/http"),
		m + "engine/storage": stated("engine/attr, github.com/google/btree", "engine/expr, fmt"),
	}
	basePkgs := []pkg{
		{path: m + "engine/attr", imports: []string{"strings"}, files: []string{"attr.go"}},
		{path: m + "engine/expr", imports: []string{m + "engine/attr"}, files: []string{"expr.go"}},
		{path: m + "engine/storage", imports: []string{m + "engine/attr", "github.com/google/btree"}, files: []string{"storage.go"}},
	}
	tests := []struct {
		name  string
		pkgs  []pkg            // replaces the package of the same path, or is added
		rules map[string]rules // likewise
		want  []string         // substrings, one per problem
	}{
		{name: "every rule kept"},
		{name: "import not allowed",
			pkgs: []pkg{{path: m + "engine/expr", imports: []string{m + "engine/attr", m + "engine/storage"}, files: []string{"expr.go"}}},
			want: []string{"engine/expr imports " + m + "engine/storage, which its doc.go does not allow", "engine/expr imports " + m + "engine/storage (directly"}},
		{name: "forbidden through another package of the module",
			pkgs: []pkg{{path: m + "engine/attr", imports: []string{"net/http"}, files: []string{"attr.go"}}},
			want: []string{"engine/attr imports net/http (directly", "engine/expr imports net/http (directly"}},
		{name: "forbidden standard library package",
			pkgs: []pkg{{path: m + "engine/storage", imports: []string{m + "engine/attr", "github.com/google/btree", "fmt"}, files: []string{"storage.go"}}},
			want: []string{"engine/storage imports fmt (directly"}},
		{name: "stale may-import entry",
			pkgs: []pkg{{path: m + "engine/storage", imports: []string{m + "engine/attr"}, files: []string{"storage.go"}}},
			want: []string{"engine/storage: its doc.go allows github.com/google/btree, which it imports in no build"}},
		{name: "no rules",
			pkgs: []pkg{{path: m + "web", imports: []string{"net/http"}, files: []string{"doc.go", "web.go"}}},
			want: []string{"web states no import rules"}},
		{name: "one rule of two",
			pkgs:  []pkg{{path: m + "web", imports: []string{"net/http"}, files: []string{"web.go"}}},
			rules: map[string]rules{m + "web": parseRules([]string{"//\tmay import:      the standard library only"})},
			want:  []string{"web states only one of its import rules"}},
		{name: "tests alone need no rules",
			pkgs: []pkg{{path: m + "e2e", files: []string{"doc.go"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs := slices.Clone(basePkgs)
			for _, p := range tt.pkgs {
				if i := slices.IndexFunc(pkgs, func(q pkg) bool { return q.path == p.path }); i >= 0 {
					pkgs[i] = p
				} else {
					pkgs = append(pkgs, p)
				}
			}
			rulesOf := func(p pkg) (rules, error) {
				if r, ok := tt.rules[p.path]; ok {
					return r, nil
				}
				return base[p.path], nil
			}
			got, err := check([][]pkg{pkgs}, rulesOf)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d: %q", strings.Join(got, "\n"), len(tt.want), tt.want)
			}
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, w) }) {
					t.Errorf("no problem says %q; got:\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

// TestCheck_ImportInOneBuild: a may-import entry used by one build only
// (a file for js/wasm alone) is not stale, and a broken rule is reported
// with the build that breaks it.
func TestCheck_ImportInOneBuild(t *testing.T) {
	r := parseRules([]string{"// may import: engine/attr", "// must not import: fmt"})
	native := []pkg{{path: m + "wasm", imports: []string{"fmt"}, files: []string{"messages.go"}}}
	browser := []pkg{{path: m + "wasm", imports: []string{m + "engine/attr"}, files: []string{"main.go", "messages.go"}}}
	got, err := check([][]pkg{native, browser}, func(pkg) (rules, error) { return r, nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{m + "wasm imports fmt (directly or through this module's packages), which its doc.go forbids ()"}
	if !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

// TestReadRules reads the rules from doc.go when the package has one, else
// from the package comment of another file, and finds none in a file
// whose comment states none.
func TestReadRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", "// Package p.\n//\n//\tmay import:      engine/attr\n//\tmust not import: net/http\npackage p\n")
	write("b.go", "package p\n")
	write("doc.go", "// Package p.\n//\n//\tmay import:      the standard library, engine/wire\n//\tmust not import: fmt, reflect\npackage p\n")
	write("c.go", "// Package p has no rules.\npackage p\n")
	tests := []struct {
		files       []string
		may, mustNt []string
		stated      bool
	}{
		{[]string{"a.go", "b.go", "doc.go"}, []string{m + "engine/wire"}, []string{"fmt", "reflect"}, true},
		{[]string{"b.go", "a.go"}, []string{m + "engine/attr"}, []string{"net/http"}, true},
		{[]string{"b.go", "c.go"}, nil, nil, false},
	}
	for _, tt := range tests {
		r, err := readRules(pkg{dir: dir, files: tt.files})
		if err != nil {
			t.Fatal(err)
		}
		if r.stated != tt.stated || !slices.Equal(r.may, tt.may) || !slices.Equal(r.mustNot, tt.mustNt) {
			t.Errorf("readRules(%v) = %+v, want may %q, must not %q, stated %v", tt.files, r, tt.may, tt.mustNt, tt.stated)
		}
	}
}

// TestModuleRules checks this module's own packages as make check does.
func TestModuleRules(t *testing.T) {
	var builds [][]pkg
	for _, env := range envs {
		pkgs, err := list("../..", env) // the module's root
		if err == nil && len(pkgs) < 30 {
			t.Fatalf("go list found %d packages, not the module's", len(pkgs))
		}
		if err != nil {
			t.Fatal(err)
		}
		builds = append(builds, pkgs)
	}
	problems, err := check(builds, readRules)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("broken import rules:\n%s", strings.Join(problems, "\n"))
	}
}

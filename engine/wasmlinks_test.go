//go:build !(js && wasm)

package engine

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/internal/testtools"
)

// TestWasmLinks links the browser module (package wasm, GOOS=js
// GOARCH=wasm) with the linker's dependency dump and fails if it reaches
// code it must not: fmt, internal/fmtsort and reflect (ddberr.Sprintf
// words the messages; only reflect's package initialisation stays, as
// encoding/binary imports it), time.Time's formatting and parsing (see
// DB), errors.As and sort.Slice (which use internal/reflectlite), or
// Unicode's case mapping. fmt and reflect are still among the packages of the build, through
// google/btree and encoding/binary, but the linker drops their code as
// long as nothing calls it, so this looks at what is linked, not at
// imports.
func TestWasmLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("links the browser module (a few seconds)")
	}
	cmd := exec.Command("go", "build", "-ldflags=-dumpdep", "-o", filepath.Join(t.TempDir(), "ddbplay.wasm"),
		"github.com/ddbplay/ddbplay/wasm")
	cmd.Env = testtools.WasmEnv(os.Environ())
	var dump bytes.Buffer
	cmd.Stderr = &dump
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v\n%s", err, dump.Bytes())
	}
	forbiddenPkgs := map[string]bool{"fmt": true, "internal/fmtsort": true, "reflect": true}
	forbiddenSyms := map[string]bool{
		"time.Time.Format": true, "time.Parse": true,
		// internal/reflectlite's: errors.AsType and slices do without.
		"errors.As": true, "sort.Slice": true, "sort.SliceStable": true,
		// Unicode's case tables: expr folds ASCII only (toUpper).
		"strings.ToUpper": true, "strings.ToLower": true, "strings.EqualFold": true,
	}
	edges := 0
	for sc := bufio.NewScanner(&dump); sc.Scan(); {
		from, to, ok := strings.Cut(sc.Text(), " -> ")
		if !ok {
			continue
		}
		edges++
		if forbiddenSyms[to] {
			t.Errorf("links %s (from %s)", to, from)
		}
		pkg := symbolPackage(to)
		if !forbiddenPkgs[pkg] || isLinkerData(to) ||
			symbolPackage(from) == pkg || from == "go:main.inittasks" {
			continue
		}
		t.Errorf("links %s (from %s)", to, from)
	}
	if edges < 1000 {
		t.Fatalf("the linker's dump has only %d edges; did -dumpdep change?", edges)
	}
}

// symbolPackage returns the import path of the package a linker symbol
// belongs to ("" for type descriptors and other synthetic symbols).
func symbolPackage(sym string) string {
	if strings.Contains(sym, ":") {
		return ""
	}
	slash := strings.LastIndex(sym, "/") + 1
	dot := strings.Index(sym[slash:], ".")
	if dot < 0 {
		return ""
	}
	return sym[:slash+dot]
}

// isLinkerData reports whether sym is a function's stack or argument map,
// which the linker shares between functions with equal contents, so that
// an edge to one says nothing about what code is linked.
func isLinkerData(sym string) bool {
	return strings.Contains(sym, ".arginfo") || strings.Contains(sym, ".stkobj") ||
		strings.Contains(sym, "..stmp_") || strings.Contains(sym, ".wrapinfo")
}

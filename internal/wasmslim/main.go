// Command wasmslim makes the Go linker's WebAssembly output (GOOS=js
// GOARCH=wasm) smaller on the wire without changing what it runs. `make
// site` runs it on ddbplay.wasm before compressing it; `make wasmtest` runs
// the engine's tests through it (-exec), so they pass on modules slimmed the
// same way.
//
//	wasmslim [-traceback] [-names file] file.wasm  slim file.wasm in place
//	wasmslim -exec runner file.wasm args…          slim file.wasm, then run runner file.wasm args…
//	wasmslim -symbolize names < traceback          give a traceback its functions' names back
//
// Three rewrites of the data section and one of the code:
//
//   - Segments. Go's linker writes the initial memory as one active segment
//     per run of non-zero bytes (58,000 of them for ddbplay.wasm), each with
//     its own offset and length; those headers compress badly. wasmslim
//     writes the same memory image as a few segments, cut only at runs of
//     more than 1,024 zero bytes: a larger raw module (the zeros), a
//     smaller compressed one.
//   - Traceback tables (unless -traceback). The runtime's pclntab keeps,
//     for every function, tables it reads only to describe a program
//     counter to a person (tracebacks, runtime.Caller, runtime.Frames):
//     source files and line numbers by program counter, the function's
//     first line and compilation unit, the table of file names, and
//     which inlined call a program counter is in; and one read only to
//     preempt a goroutine by a signal, which js/wasm never does (unsafe
//     points). Each function's offsets of those tables become 0, which
//     the runtime reads as "no table" (file "?", line 0, not inlined), its
//     first line and unit 0, and the tables' bytes (those no other table
//     shares) and the file names zeros. The tables the runtime needs to
//     run (stack-pointer deltas, stack maps) stay as they were.
//   - Function names (unless -traceback). Each function's name in the
//     pclntab becomes a short one, "ƒ" and its place in base 36 ("ƒ2bz"),
//     so a traceback still tells every function it passes through apart
//     (but those inlined into another, which it names instead); -names
//     writes the names to a file (make site: build/ddbplay.names), with
//     which -symbolize gives a traceback its names back. -exec does so
//     for the runner's output.
//   - Function order (order.go). The code section's functions are put
//     next to those they share the most bytes with, for deflate's 32 KB
//     window; every reference to a function by its index is renumbered.
//
// It checks what it reads: a module it does not recognise (not WebAssembly
// version 1, a data segment other than an active one at a constant offset,
// overlapping segments, no Go 1.20+ pclntab whose function count matches
// the code section, an instruction or section it cannot renumber) is an
// error and the file is left as it was.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library, internal/wasmbin
//	must not import: engine, web, net/http
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

func main() {
	keepTraceback := flag.Bool("traceback", false, "keep the tables only tracebacks read (files, lines, inlining) and the function names")
	runner := flag.String("exec", "", "after slimming, run this program with the module and the remaining arguments, its output symbolized")
	namesFile := flag.String("names", "", "write the functions' short names and names to this file (not with -traceback, which keeps the names)")
	symbolize := flag.String("symbolize", "", "copy standard input to standard output with the short names of this names file replaced by the names")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmslim [-traceback] [-names file] [-exec runner] file.wasm [args…]\n       wasmslim -symbolize names < traceback")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *symbolize != "" {
		names, err := readNames(*symbolize)
		if err == nil {
			err = symbolizeStream(os.Stdout, os.Stdin, names)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "wasmslim:", err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() < 1 || (*runner == "" && flag.NArg() != 1) || (*namesFile != "" && *keepTraceback) {
		flag.Usage()
		os.Exit(2)
	}
	name := flag.Arg(0)
	st, err := slimFile(name, !*keepTraceback)
	if err == nil && *namesFile != "" {
		err = writeNames(*namesFile, st.Names)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmslim:", err)
		os.Exit(1)
	}
	if *runner == "" {
		fmt.Printf("wasmslim: %s: %d → %d bytes; %d data segments → %d; traceback tables of %d functions dropped (%d inlining trees; %d bytes zeroed); %d names shortened; %d functions moved\n",
			name, st.InSize, st.OutSize, st.SegmentsIn, st.SegmentsOut, st.Funcs, st.Trees, st.TableBytes, len(st.Names), st.Moved)
		return
	}
	stdout := &symbolizer{w: os.Stdout, names: st.Names}
	stderr := &symbolizer{w: os.Stderr, names: st.Names}
	cmd := exec.Command(*runner, flag.Args()...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	cmd.WaitDelay = 5 * time.Second // a child of the runner's that keeps the output open
	err = cmd.Run()
	stdout.Close()
	stderr.Close()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 0 {
			os.Exit(ee.ExitCode())
		}
		fmt.Fprintln(os.Stderr, "wasmslim:", err)
		os.Exit(1)
	}
}

// slimFile slims the module in file name in place (through a temporary
// file beside it, renamed over it).
func slimFile(name string, stripTraceback bool) (Stats, error) {
	in, err := os.ReadFile(name)
	if err != nil {
		return Stats{}, err
	}
	out, st, err := Slim(in, stripTraceback)
	if err != nil {
		return st, fmt.Errorf("%s: %w", name, err)
	}
	info, err := os.Stat(name)
	if err != nil {
		return st, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".wasmslim-*")
	if err != nil {
		return st, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return st, err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return st, err
	}
	if err := tmp.Close(); err != nil {
		return st, err
	}
	return st, os.Rename(tmp.Name(), name)
}

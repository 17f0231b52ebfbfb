// Command wasmslim makes the Go linker's WebAssembly output (GOOS=js
// GOARCH=wasm) smaller on the wire without changing what it runs. `make
// site` runs it on ddbplay.wasm before compressing it; `make wasmtest` runs
// the engine's tests through it (-exec), so they pass on modules slimmed the
// same way.
//
//	wasmslim [-traceback] file.wasm        slim file.wasm in place
//	wasmslim -exec runner file.wasm args…  slim file.wasm, then run runner file.wasm args…
//
// Two rewrites of the data section, none of the code:
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
//     run (stack-pointer deltas, stack maps) stay as they were. Function
//     names stay, so a panic's traceback still names every function it
//     passes through but those inlined into another, which it names
//     instead.
//
// It checks what it reads: a module it does not recognise (not WebAssembly
// version 1, a data segment other than an active one at a constant offset,
// overlapping segments, no Go 1.20+ pclntab whose function count matches
// the code section) is an error and the file is left as it was.
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
)

func main() {
	keepTraceback := flag.Bool("traceback", false, "keep the tables only tracebacks read (files, lines, inlining)")
	runner := flag.String("exec", "", "after slimming, run this program with the module and the remaining arguments")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmslim [-traceback] [-exec runner] file.wasm [args…]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 || (*runner == "" && flag.NArg() != 1) {
		flag.Usage()
		os.Exit(2)
	}
	name := flag.Arg(0)
	st, err := slimFile(name, !*keepTraceback)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmslim:", err)
		os.Exit(1)
	}
	if *runner == "" {
		fmt.Printf("wasmslim: %s: %d → %d bytes; %d data segments → %d; traceback tables of %d functions dropped (%d inlining trees; %d bytes zeroed)\n",
			name, st.InSize, st.OutSize, st.SegmentsIn, st.SegmentsOut, st.Funcs, st.Trees, st.TableBytes)
		return
	}
	cmd := exec.Command(*runner, flag.Args()...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
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

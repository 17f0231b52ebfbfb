// Command wasmsize lists where the bytes of a Go WebAssembly module go: the
// size of each function's code, summed by package, from the module's name
// section (build without -s: `go build -ldflags=-w`, as `make wasmsize`
// does). Each package's figure is raw bytes and its code alone compressed by
// gzip -9 (Go's compress/gzip), which is what a cut in that package can save
// on the wire at most.
//
//	wasmsize [-funcs N] [-pkg PREFIX] file.wasm
//
// -funcs lists the N largest functions too (of packages starting with
// PREFIX when -pkg is given).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library, internal/wasmbin
//	must not import: engine, web, net/http
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/ddbplay/ddbplay/internal/wasmbin"
)

func main() {
	nfuncs := flag.Int("funcs", 0, "also list the `N` largest functions")
	prefix := flag.String("pkg", "", "list only functions of packages starting with `PREFIX`")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-funcs N] [-pkg PREFIX] file.wasm")
		os.Exit(2)
	}
	mod, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	funcs, sections, err := Funcs(mod)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	for _, s := range sections {
		fmt.Printf("section %-10s %9d bytes, gzip -9 %8d\n", s.Name, s.Size, s.Gzip)
	}
	type pkg struct {
		name  string
		n     int
		code  bytes.Buffer
		gzip  int
		funcs int
	}
	byPkg := map[string]*pkg{}
	for _, f := range funcs {
		name := Package(f.Name)
		p := byPkg[name]
		if p == nil {
			p = &pkg{name: name}
			byPkg[name] = p
		}
		p.n += len(f.Body)
		p.funcs++
		p.code.Write(f.Body)
	}
	pkgs := make([]*pkg, 0, len(byPkg))
	for _, p := range byPkg {
		p.gzip = gzipLen(p.code.Bytes())
		pkgs = append(pkgs, p)
	}
	slices.SortFunc(pkgs, func(a, b *pkg) int { return b.gzip - a.gzip })
	fmt.Printf("%9s %9s %6s  %s\n", "raw", "gzip -9", "funcs", "package")
	for _, p := range pkgs {
		fmt.Printf("%9d %9d %6d  %s\n", p.n, p.gzip, p.funcs, p.name)
	}
	if *nfuncs > 0 {
		fs := slices.DeleteFunc(slices.Clone(funcs), func(f Func) bool { return !strings.HasPrefix(Package(f.Name), *prefix) })
		slices.SortFunc(fs, func(a, b Func) int { return len(b.Body) - len(a.Body) })
		fmt.Printf("\n%9s %9s  %s\n", "raw", "gzip -9", "function")
		for _, f := range fs[:min(*nfuncs, len(fs))] {
			fmt.Printf("%9d %9d  %s\n", len(f.Body), gzipLen(f.Body), f.Name)
		}
	}
}

// Func is one function of the code section.
type Func struct {
	Name string // from the name section; "" when it has none
	Body []byte // its body as the code section holds it
}

// Section is one section of the module.
type Section struct {
	Name       string // its id's name, or a custom section's own name
	Size, Gzip int    // its body's bytes, alone and compressed by gzip -9
}

// Funcs reads mod's functions with their names, and its sections.
func Funcs(mod []byte) ([]Func, []Section, error) {
	if !bytes.HasPrefix(mod, []byte("\x00asm\x01\x00\x00\x00")) {
		return nil, nil, errors.New("not a WebAssembly version 1 module")
	}
	var (
		funcs    []Func
		sections []Section
		imported int
		names    map[int]string
	)
	ids := []string{"custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"}
	for r := (wasmbin.Reader{B: mod, I: 8}); r.I < len(r.B); {
		id := r.Byte()
		body := r.Bytes(int(r.U32()))
		if r.Err != nil {
			return nil, nil, fmt.Errorf("section %d: %w", id, r.Err)
		}
		name := fmt.Sprint(id)
		if int(id) < len(ids) {
			name = ids[id]
		}
		br := wasmbin.Reader{B: body}
		switch id {
		case 0:
			name = string(br.Bytes(int(br.U32())))
			if name == "name" {
				names = readNames(br)
			}
		case 2: // imports: functions among them come first in the index space
			for n := br.U32(); n > 0 && br.Err == nil; n-- {
				br.Bytes(int(br.U32()))
				br.Bytes(int(br.U32()))
				switch br.Byte() {
				case 0:
					br.U32()
					imported++
				case 1:
					br.Byte()
					limits(&br)
				case 2:
					limits(&br)
				case 3:
					br.Bytes(2)
				}
			}
		case 10:
			for n := br.U32(); n > 0 && br.Err == nil; n-- {
				funcs = append(funcs, Func{Body: br.Bytes(int(br.U32()))})
			}
		}
		if br.Err != nil {
			return nil, nil, fmt.Errorf("section %s: %w", name, br.Err)
		}
		sections = append(sections, Section{name, len(body), gzipLen(body)})
	}
	for i := range funcs {
		funcs[i].Name = names[imported+i]
	}
	return funcs, sections, nil
}

// readNames reads the function names (subsection 1) of a name section.
func readNames(r wasmbin.Reader) map[int]string {
	names := map[int]string{}
	for r.I < len(r.B) && r.Err == nil {
		id := r.Byte()
		sub := wasmbin.Reader{B: r.Bytes(int(r.U32()))}
		if id != 1 {
			continue
		}
		for n := sub.U32(); n > 0 && sub.Err == nil; n-- {
			i := sub.U32()
			names[int(i)] = string(sub.Bytes(int(sub.U32())))
		}
	}
	return names
}

func limits(r *wasmbin.Reader) {
	if r.Byte()&1 != 0 {
		r.U32()
	}
	r.U32()
}

// Package is the package of a function's name as Go's linker writes it
// into a WebAssembly name section, where "/" became "_":
// "github.com_x_y.__T_.M" → "github.com_x_y", "runtime.gcStart" →
// "runtime", "slices.Sort_go.shape.int_" → "slices", "ddbplay_handle" →
// "ddbplay_handle". A path whose first element is a host name (a dot and
// one of the usual top-level domains before its first "_") keeps it.
func Package(name string) string {
	from := 0
	if i := strings.IndexByte(name, '_'); i > 0 {
		if dot := strings.LastIndexByte(name[:i], '.'); dot > 0 {
			switch name[dot+1 : i] {
			case "com", "org", "net", "io", "in", "dev":
				from = i
			}
		}
	}
	if dot := strings.IndexByte(name[from:], '.'); dot >= 0 {
		return name[:from+dot]
	}
	return name
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

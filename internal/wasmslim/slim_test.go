package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/internal/testtools"
	"github.com/ddbplay/ddbplay/internal/wasmbin"
)

type segment struct {
	at   uint32
	data []byte
}

// module returns a WebAssembly module with nfuncs empty function bodies of
// type () → () in its code section and segs as its data section (plus a
// data count section, as a module may have one).
func module(nfuncs int, segs []segment) []byte {
	b := append([]byte(nil), wasmHeader...)
	b = append(b, 1, 4, 1, 0x60, 0, 0) // type section: () → ()
	fn := appendU32(nil, uint32(nfuncs))
	for range nfuncs {
		fn = append(fn, 0)
	}
	b = append(b, secFunction)
	b = appendU32(b, uint32(len(fn)))
	b = append(b, fn...)
	code := appendU32(nil, uint32(nfuncs))
	for range nfuncs {
		code = append(code, 2, 0, 0x0b) // size 2: no locals, end
	}
	b = append(b, secCode)
	b = appendU32(b, uint32(len(code)))
	b = append(b, code...)
	data := appendU32(nil, uint32(len(segs)))
	for _, s := range segs {
		data = append(data, 0, 0x41)
		data = appendS32(data, int32(s.at))
		data = append(data, 0x0b)
		data = appendU32(data, uint32(len(s.data)))
		data = append(data, s.data...)
	}
	b = append(b, secDataCount, 1, byte(len(segs)))
	b = append(b, secData)
	b = appendU32(b, uint32(len(data)))
	return append(b, data...)
}

// image reads back a module's data section as (base, memory image,
// segments), failing the test on an error.
func image(t testing.TB, mod []byte) (uint32, []byte, int) {
	t.Helper()
	r := wasmbin.Reader{B: mod, I: len(wasmHeader)}
	for r.I < len(r.B) {
		id := r.Byte()
		body := r.Bytes(int(r.U32()))
		if r.Err != nil {
			t.Fatalf("section %d: %v", id, r.Err)
		}
		if id == secData {
			base, img, n, err := readData(body)
			if err != nil {
				t.Fatalf("data section: %v", err)
			}
			return base, img, n
		}
	}
	t.Fatal("no data section")
	return 0, nil, 0
}

// memory returns the address of the first non-zero byte of a module's
// initial memory and the bytes from there to the last non-zero one.
func memory(t testing.TB, mod []byte) (uint64, []byte) {
	t.Helper()
	base, img, _ := image(t, mod)
	trimmed := bytes.TrimLeft(img, "\x00")
	if len(trimmed) == 0 {
		return 0, nil
	}
	return uint64(base) + uint64(len(img)-len(trimmed)), bytes.TrimRight(trimmed, "\x00")
}

func TestSlim_Segments(t *testing.T) {
	gap := make([]byte, zeroGap)
	segs := []segment{
		{5000, []byte("late")}, // out of order, after a long run of zeros
		{100, []byte("abc")},
		{103, []byte("def")},                  // adjacent
		{110, []byte("gh")},                   // a short gap
		{uint32(112 + len(gap)), []byte("i")}, // a gap of exactly zeroGap: one segment still
	}
	in := module(0, segs)
	out, st, err := Slim(in, false)
	if err != nil {
		t.Fatal(err)
	}
	if st.SegmentsIn != 5 || st.SegmentsOut != 2 || st.InSize != len(in) || st.OutSize != len(out) {
		t.Errorf("stats %+v, want 5 segments in, 2 out, sizes %d and %d", st, len(in), len(out))
	}
	base, img, n := image(t, out)
	want := make([]byte, 5004-100)
	for _, s := range segs {
		copy(want[s.at-100:], s.data)
	}
	if base != 100 || n != 2 || !bytes.Equal(img, want) {
		t.Fatalf("base %d, %d segments, image %q; want 100, 2, %q", base, n, img, want)
	}
	// The data count section follows the new number of segments.
	if i := bytes.Index(out, []byte{secDataCount, 1, 2}); i < 0 {
		t.Errorf("no data count section of 2 segments")
	}
	if !bytes.Equal(in, module(0, segs)) {
		t.Errorf("Slim modified its input")
	}
}

func TestSlim_Rejects(t *testing.T) {
	overlap := module(0, []segment{{100, []byte("abcd")}, {102, []byte("x")}})
	passive := append(bytes.Clone(wasmHeader), secData, 3, 1, 1, 0) // one segment, mode 1 (passive), 0 bytes
	for name, mod := range map[string][]byte{
		"not wasm":       []byte("\x00asm\x02\x00\x00\x00"),
		"short":          module(0, []segment{{1, []byte("abc")}})[:30],
		"overlap":        overlap,
		"passive":        passive,
		"no pclntab":     module(1, []segment{{1, []byte("abc")}}),
		"no data at all": wasmHeader,
	} {
		t.Run(name, func(t *testing.T) {
			if out, _, err := Slim(mod, true); err == nil {
				t.Fatalf("no error; output of %d bytes", len(out))
			}
		})
	}
}

// fixtureBase is where the memory image of pclntab starts.
const fixtureBase = 4096

// fixture is the memory image pclntab returns and where things are in it.
type fixture struct {
	img    []byte
	rec    [2]int // the two functions' records
	fileAt int    // the file table
	lnAt   int    // the first function's line table
	dataAt int    // its stack map table (pcdata 1)
	unsafe int    // its unsafe-point table (pcdata 0)
	inlAt  int    // its inlining table (pcdata 2), naming entries 0 and 1 of its tree
	tree   int    // its inlining tree: three entries (the third a parent only)
	md     int    // the moduledata
}

// pclntab returns a memory image (at fixtureBase) holding a Go 1.20+
// pclntab of two functions, the functions' data that moduledata.gofunc
// points to, and the moduledata (Go 1.26's layout). Its pc-value table
// area holds at 1 a table the first function's pcsp and the second's line
// table and unsafe-point table share, and the tables fixture names.
func pclntab() fixture {
	var fx fixture
	table := func(pairs ...byte) []byte { return append(pairs, 0) } // (value delta, pc delta)…, end
	pctab := []byte{0}
	shared := table(2, 4, 2, 6)
	pctab = append(pctab, shared...)
	fileAt := len(pctab)
	pctab = append(pctab, table(0x82, 0x01, 5)...) // a two-byte varint
	lnAt := len(pctab)
	pctab = append(pctab, table(20, 3, 4, 3)...)
	dataAt := len(pctab)
	pctab = append(pctab, table(1, 9)...)
	unsafeAt := len(pctab)
	pctab = append(pctab, table(3, 2, 2, 7)...)
	inlAt := len(pctab)
	pctab = append(pctab, table(2, 5, 2, 3)...) // 0, then 1

	le := binary.LittleEndian
	names := []byte("main.a\x00main.b\x00")
	cutab := le.AppendUint32(nil, 0)
	filetab := []byte("a.go\x00")
	off := pcHeaderSize
	nameOff := off
	cuOff := nameOff + len(names)
	fileOff := cuOff + len(cutab)
	pctabOff := fileOff + len(filetab)
	pclnOff := pctabOff + len(pctab)
	h := le.AppendUint32(nil, pclnMagic)
	h = append(h, 0, 0, 1, 8)
	for _, v := range []int{2, 1, 0, nameOff, cuOff, fileOff, pctabOff, pclnOff} {
		h = le.AppendUint64(h, uint64(v))
	}
	var functab, funcs []byte
	recAt := 3 * funcTabEntrySz
	var recs []int
	fn := func(entry, name uint32, pcsp, pcfile, pcln uint32, pcdata, funcdata []uint32) {
		functab = le.AppendUint32(functab, entry)
		functab = le.AppendUint32(functab, uint32(recAt+len(funcs)))
		recs = append(recs, recAt+len(funcs))
		f := le.AppendUint32(nil, entry)
		f = le.AppendUint32(f, name)
		f = le.AppendUint32(f, 8) // args
		f = le.AppendUint32(f, 0) // deferreturn
		f = le.AppendUint32(f, pcsp)
		f = le.AppendUint32(f, pcfile)
		f = le.AppendUint32(f, pcln)
		f = le.AppendUint32(f, uint32(len(pcdata)))
		f = le.AppendUint32(f, 0)                   // cuOffset
		f = le.AppendUint32(f, 10)                  // startLine
		f = append(f, 0, 0, 0, byte(len(funcdata))) // funcID, flag, pad, nfuncdata
		for _, d := range pcdata {
			f = le.AppendUint32(f, d)
		}
		for _, d := range funcdata {
			f = le.AppendUint32(f, d)
		}
		funcs = append(funcs, f...)
	}
	// The first function's tree is 8 bytes into the functions' data.
	fn(0, 0, 1, uint32(fileAt), uint32(lnAt), []uint32{uint32(unsafeAt), uint32(dataAt), uint32(inlAt)},
		[]uint32{0, noFuncdata, noFuncdata, 8})
	fn(1<<16, 7, 0, uint32(fileAt), 1, []uint32{1}, []uint32{0})
	functab = le.AppendUint32(functab, 2<<16) // end of text
	functab = le.AppendUint32(functab, 0)
	prefix := []byte("rodata before the table\x00")
	img := append(bytes.Clone(prefix), h...)
	img = append(img, names...)
	img = append(img, cutab...)
	img = append(img, filetab...)
	img = append(img, pctab...)
	fx.rec = [2]int{len(img) + recs[0], len(img) + recs[1]}
	img = append(img, functab...)
	img = append(img, funcs...)
	img = append(img, "data after"...)
	for len(img)%8 != 0 {
		img = append(img, 0)
	}
	gofunc := len(img)
	img = append(img, "stackmap"...)
	fx.tree = len(img)
	for _, c := range [][4]uint32{{0, 7, 4, 20}, {0, 0, 6, 30}, {0, 7, 2, 40}} { // funcID and padding, nameOff, parentPc, startLine
		for _, v := range c {
			img = le.AppendUint32(img, v)
		}
	}
	img = append(img, "more func data"...)
	epclntab := len(img)
	for len(img)%8 != 0 {
		img = append(img, 0)
	}
	fx.md = len(img)
	md := make([]byte, 512)
	hAddr := uint64(fixtureBase + len(prefix))
	le.PutUint64(md, hAddr)
	le.PutUint64(md[mdFuncnametab:], hAddr+uint64(nameOff))
	le.PutUint64(md[mdFuncnametab+8:], uint64(len(names)))
	le.PutUint64(md[mdFuncnametab+16:], uint64(len(names)))
	le.PutUint64(md[mdPctab:], hAddr+uint64(pctabOff))
	le.PutUint64(md[mdPclntable:], hAddr+uint64(pclnOff))
	le.PutUint64(md[gofuncOffsets[0]:], uint64(fixtureBase+gofunc))
	le.PutUint64(md[gofuncOffsets[0]+8:], uint64(fixtureBase+epclntab))
	img = append(img, md...)
	fx.img = append(img, "end"...)
	shift := len(prefix) + pctabOff
	fx.fileAt, fx.lnAt, fx.dataAt, fx.unsafe, fx.inlAt = shift+fileAt, shift+lnAt, shift+dataAt, shift+unsafeAt, shift+inlAt
	return fx
}

func TestSlim_TracebackTables(t *testing.T) {
	fx := pclntab()
	img := fx.img
	in := module(2, []segment{{fixtureBase, img}})
	out, st, err := Slim(in, true)
	if err != nil {
		t.Fatal(err)
	}
	base, got, _ := image(t, out)
	if base != fixtureBase || len(got) != len(img) {
		t.Fatalf("base %d, image of %d bytes; want %d, %d", base, len(got), fixtureBase, len(img))
	}
	le := binary.LittleEndian
	want := bytes.Clone(img)
	clear(want[fx.fileAt : fx.fileAt+4])
	clear(want[fx.lnAt : fx.lnAt+5])
	clear(want[fx.unsafe : fx.unsafe+5])
	clear(want[fx.inlAt : fx.inlAt+5])
	clear(want[fx.tree : fx.tree+2*inlinedCallSize]) // the third entry, a parent only, stays
	for _, r := range fx.rec {
		clear(want[r+funcPCFile : r+funcPCLn+4])
		clear(want[r+funcCUOffset : r+funcStartLine+4])
		clear(want[r+funcSize+4*pcdataUnsafePoint : r+funcSize+4*pcdataUnsafePoint+4]) // both have one
	}
	clear(want[fx.rec[0]+funcSize+4*pcdataInlTreeIndex : fx.rec[0]+funcSize+4*pcdataInlTreeIndex+4])
	le.PutUint32(want[fx.rec[0]+funcSize+4*3+4*funcdataInlTree:], noFuncdata)
	files := bytes.Index(want, []byte("a.go\x00"))
	clear(want[files : files+4])
	// The names: ƒ0 and ƒ1, at 1 and 5.
	names := bytes.Index(want, []byte("main.a\x00"))
	copy(want[names:], "\x00ƒ0\x00ƒ1\x00\x00\x00\x00\x00\x00")
	le.PutUint32(want[fx.rec[0]+funcNameOff:], 1)
	le.PutUint32(want[fx.rec[1]+funcNameOff:], 5)
	if !bytes.Equal(got, want) {
		t.Fatalf("image\n%q\nwant\n%q", got, want)
	}
	// Non-zero bytes zeroed: the file table 3, the line table 4, the
	// unsafe-point and inlining tables 4 each, the tree's two entries 5,
	// the file name 4 (not the records' offsets).
	const zeroed = 3 + 4 + 4 + 4 + 5 + 4
	if st.Funcs != 2 || st.Trees != 1 || st.TableBytes != zeroed {
		t.Errorf("stats %+v, want 2 functions, 1 tree, %d bytes zeroed (the file, line, unsafe-point and inlining tables, "+
			"not the shared one; the tree's two entries the program counters name; the file names)", st, zeroed)
	}
	if !slices.Equal(st.Names, []string{"main.a", "main.b"}) {
		t.Errorf("names %q, want main.a, main.b", st.Names)
	}
	if !bytes.Equal(got[fx.dataAt:fx.dataAt+3], []byte{1, 9, 0}) {
		t.Errorf("the stack map table changed: %v", got[fx.dataAt:fx.dataAt+3])
	}

	// A tree that does not read as inlinedCall records (padding not zero),
	// or a moduledata whose gofunc is not at a known offset: the trees'
	// funcdata still reads as none, but their bytes stay.
	odd := bytes.Clone(img)
	odd[fx.tree+inlinedCallSize+1] = 1
	unknown := bytes.Clone(img)
	copy(unknown[fx.md+gofuncOffsets[1]:], unknown[fx.md+gofuncOffsets[0]:fx.md+gofuncOffsets[0]+16])
	clear(unknown[fx.md+gofuncOffsets[0] : fx.md+gofuncOffsets[0]+16])
	unknown[fx.md+gofuncOffsets[1]] ^= 4 // 4 bytes off
	twoMD := append(bytes.Clone(img), img[fx.md:]...)
	for name, im := range map[string][]byte{"padding": odd, "gofunc": unknown, "two moduledata": twoMD} {
		out, st, err := Slim(module(2, []segment{{fixtureBase, im}}), true)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, got, _ := image(t, out)
		w := bytes.Clone(want)
		copy(w[fx.tree:], im[fx.tree:fx.tree+3*inlinedCallSize]) // their names' offsets into the old table included
		copy(w[fx.md:], im[fx.md:])
		w = append(w, im[len(w):]...)
		if st.Trees != 0 || !bytes.Equal(got, w) {
			t.Errorf("%s: %d trees zeroed; image\n%q\nwant\n%q", name, st.Trees, got, w)
		}
	}

	// Without stripping, the image is the same.
	out, _, err = Slim(in, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, got, _ := image(t, out); !bytes.Equal(got, img) {
		t.Fatalf("Slim(…, false) changed the image")
	}

	// A pclntab that does not match the module is refused.
	if _, _, err := Slim(module(3, []segment{{fixtureBase, img}}), true); err == nil || !strings.Contains(err.Error(), "code section has 3") {
		t.Errorf("3 code functions, 2 in the pclntab: error %v", err)
	}
	twice := append(bytes.Clone(img), img...)
	if _, _, err := Slim(module(2, []segment{{fixtureBase, twice}}), true); err == nil || !strings.Contains(err.Error(), "more than one") {
		t.Errorf("two pclntabs: error %v", err)
	}
	bad := bytes.Clone(img)
	le.PutUint32(bad[fx.rec[1]+funcPCLn:], uint32(len(img))) // out of range
	if _, _, err := Slim(module(2, []segment{{fixtureBase, bad}}), true); err == nil {
		t.Errorf("a line table out of range: no error")
	}
	bad = bytes.Clone(img)
	le.PutUint32(bad[fx.rec[0]+funcSize+4*pcdataInlTreeIndex:], uint32(len(img)))
	if _, _, err := Slim(module(2, []segment{{fixtureBase, bad}}), true); err == nil {
		t.Errorf("an inlining table out of range: no error")
	}
}

// A real Go program for js/wasm, slimmed, runs as before under Node, except
// that runtime.Caller and tracebacks no longer know files and lines, and a
// traceback names the function an inlined call is in instead of the
// inlined one. It is built by the installed Go and, under make, by the
// toolchain the module is built with (DDBPLAY_WASM_TOOLCHAIN, see
// testtools.WasmEnv), whose runtime's layout may differ.
func TestSlim_GoProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a WebAssembly program")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not installed (the wasm tests need it)")
	}
	t.Run("installed", func(t *testing.T) {
		slimGoProgram(t, append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOFLAGS="))
	})
	if tc := os.Getenv("DDBPLAY_WASM_TOOLCHAIN"); tc != "" {
		t.Run(tc, func(t *testing.T) {
			slimGoProgram(t, append(testtools.WasmEnv(os.Environ()), "GOFLAGS="))
		})
	}
}

// slimGoProgram is TestSlim_GoProgram with the go command run in env.
func slimGoProgram(t *testing.T, env []string) {
	goenv := exec.Command("go", "env", "GOROOT")
	goenv.Env = env
	goroot, err := goenv.Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	runner := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	dir := t.TempDir()
	src := `package main

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
)

var table = map[string]int{"one": 1, "two": 2, "three": 3}

func main() {
	_, file, line, _ := runtime.Caller(0)
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%d ", k, table[k])
	}
	fmt.Printf("caller %s:%d\n%s\n", file, line, b.String())
	var m map[string]int
	set(m)
}

// set is inlined into main.
func set(m map[string]int) { m["boom"] = 1 }
`
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module slimtest\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wasm := filepath.Join(dir, "p.wasm")
	build := exec.Command("go", "build", "-trimpath", "-o", wasm, ".")
	build.Dir = dir
	build.Env = env
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := func() string {
		t.Helper()
		out, err := exec.Command(runner, wasm).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Fatalf("want exit status 2 (the panic), got %v:\n%s", err, out)
		}
		return string(out)
	}
	before := run()
	st, err := slimFile(wasm, true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Trees == 0 || len(st.Names) != st.Funcs || st.Moved == 0 {
		t.Errorf("stats: %d inlining trees zeroed (main's, at least, holds main.set), %d names shortened of %d functions, %d functions moved",
			st.Trees, len(st.Names), st.Funcs, st.Moved)
	}
	raw := run()
	if strings.Contains(raw, "main.main") || !strings.Contains(raw, "ƒ") {
		t.Errorf("the slimmed program's output names main.main or no short name:\n%s", raw)
	}
	// The names, given back as -exec and -symbolize do.
	after := string(Symbolize([]byte(raw), st.Names))
	const values = "one=1 three=3 two=2 \n"
	for _, c := range []struct {
		out, caller, line string
		inlined           bool
	}{
		{before, "caller slimtest/main.go:13\n", "slimtest/main.go:25", true},
		{after, "caller ?:0\n", "?:0", false},
	} {
		if !strings.Contains(c.out, c.caller+values) || !strings.Contains(c.out, "panic: assignment to entry in nil map") ||
			!strings.Contains(c.out, "main.main()\n\t"+c.line) {
			t.Errorf("output\n%s\nwant %q, %q, the panic and main.main() at %s", c.out, c.caller, values, c.line)
		}
		if got := strings.Contains(c.out, "main.set(...)"); got != c.inlined {
			t.Errorf("output\n%s\nnames the inlined main.set: %v, want %v", c.out, got, c.inlined)
		}
	}
}

func FuzzSlim(f *testing.F) {
	f.Add(module(2, []segment{{fixtureBase, pclntab().img}}))
	f.Add(module(0, []segment{{5000, []byte("late")}, {100, []byte("abc")}, {1200, []byte("x")}}))
	f.Add(module(1, nil))
	f.Add(orderModule(6))
	f.Add(wasmHeader)
	f.Fuzz(func(t *testing.T, mod []byte) {
		for _, strip := range []bool{false, true} {
			out, _, err := Slim(mod, strip)
			if err != nil {
				continue
			}
			// What Slim writes it reads again, to the same memory (and,
			// without stripping, the same as the input's).
			again, _, err := Slim(out, false)
			if err != nil {
				t.Fatalf("strip %v: the output does not read again: %v", strip, err)
			}
			at, img := memory(t, out)
			at2, img2 := memory(t, again)
			if at != at2 || !bytes.Equal(img, img2) {
				t.Fatalf("strip %v: slimming twice changed the memory", strip)
			}
			if !strip {
				if at0, orig := memory(t, mod); at0 != at || !bytes.Equal(orig, img) {
					t.Fatalf("the memory changed")
				}
			}
		}
	})
}

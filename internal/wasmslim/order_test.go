package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/internal/wasmbin"
)

// orderModule returns a module with an imported function (index 0) and n
// defined ones. Defined function k (index 1+k) begins with i32.const k,
// calls the import and function (k+1)%n, and holds a run of constants
// that even and odd k do not share; function 0 also holds an instruction
// of every kind of immediate before its calls. The module exports the
// import and function 3, fills the table with the defined functions and
// names them "fk".
func orderModule(n int) []byte {
	sec := func(b []byte, id byte, body []byte) []byte {
		b = append(b, id)
		b = appendU32(b, uint32(len(body)))
		return append(b, body...)
	}
	str := func(b []byte, s string) []byte { return append(appendU32(b, uint32(len(s))), s...) }
	b := append([]byte(nil), wasmHeader...)
	b = sec(b, 1, []byte{1, 0x60, 0, 0})
	b = sec(b, secImport, append(str(str([]byte{1}, "env"), "f"), 0, 0))
	fn := appendU32(nil, uint32(n))
	for range n {
		fn = append(fn, 0)
	}
	b = sec(b, secFunction, fn)
	b = sec(b, 4, []byte{1, 0x70, 0, byte(n)}) // table
	b = sec(b, 5, []byte{1, 0, 1})             // memory
	exp := str([]byte{2}, "imp")
	exp = append(exp, 0, 0)
	exp = str(exp, "three")
	exp = append(exp, 0, 4)
	b = sec(b, secExport, exp)
	el := []byte{1, 0, 0x41, 0, 0x0b}
	el = appendU32(el, uint32(n))
	for k := range n {
		el = appendU32(el, uint32(1+k))
	}
	b = sec(b, secElement, el)
	code := appendU32(nil, uint32(n))
	for k := range n {
		body := []byte{0}
		body = append(body, 0x41)
		body = appendS32(body, int32(k))
		body = append(body, 0x1a)
		if k == 0 {
			body = append(body,
				0x02, 0x40, 0x03, 0x7f, 0x41, 1, 0x0b, 0x1a, 0x0b, // block, loop i32
				0x41, 0, 0x04, 0x40, 0x05, 0x0b, // if else
				0x02, 0x40, 0x41, 0, 0x0e, 2, 0, 0, 0, 0x0b, // br_table
				0x41, 0, 0x28, 2, 0x80, 0x01, 0x1a, // i32.load with a two-byte offset
				0x42, 0x80, 0x80, 0x04, 0x1a, // i64.const
				0x43, 0, 0, 0, 0, 0x1a, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x1a, // f32, f64
				0x3f, 0, 0x1a, // memory.size
				0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 10, 0, 0, // memory.copy
				0x41, 0, 0xfc, 0, 0x1a, // a saturating truncation (on an i32: only its immediates matter here)
				0x41, 0, 0x11, 0, 0, // call_indirect
			)
		}
		body = append(body, 0x10, 0, 0x10)
		body = appendU32(body, uint32(1+(k+1)%n))
		for c := range 40 {
			body = append(body, 0x41)
			body = appendS32(body, int32(1000*(k%2+1)+c))
			body = append(body, 0x1a)
		}
		body = append(body, 0x0b)
		code = appendU32(code, uint32(len(body)))
		code = append(code, body...)
	}
	b = sec(b, secCode, code)
	b = sec(b, secData, []byte{1, 0, 0x41, 8, 0x0b, 1, 'x'})
	names := appendU32(nil, uint32(n))
	for k := range n {
		names = appendU32(names, uint32(1+k))
		names = str(names, fmt.Sprint("f", k))
	}
	custom := str(nil, "name")
	custom = append(custom, 1)
	custom = appendU32(custom, uint32(len(names)))
	custom = append(custom, names...)
	return sec(b, secCustom, custom)
}

// Slim moves functions apart from their look-alikes next to each other,
// and every reference to a function follows it: calls, exports, the
// table and the names.
func TestSlim_FunctionOrder(t *testing.T) {
	const n = 6
	out, st, err := Slim(orderModule(n), false)
	if err != nil {
		t.Fatal(err)
	}
	secs := map[byte][]byte{}
	var names []byte
	for r := (wasmbin.Reader{B: out, I: len(wasmHeader)}); r.I < len(r.B); {
		id := r.Byte()
		body := r.Bytes(int(r.U32()))
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if id == secCustom {
			names = body
		}
		secs[id] = body
	}
	bodies, err := readBodies(secs[secCode])
	if err != nil || len(bodies) != n {
		t.Fatalf("%d bodies, %v", len(bodies), err)
	}
	// Which k each index now holds, and what each calls.
	at := make([]int, n) // k → index
	calls := make([][]uint32, n)
	var ks []int
	for j, body := range bodies {
		k := int(body[2])
		ks = append(ks, k)
		at[k] = 1 + j
		if _, err := renumberCalls(body, func(f uint32) (uint32, error) { calls[k] = append(calls[k], f); return f, nil }); err != nil {
			t.Fatalf("function %d: %v", k, err)
		}
	}
	if want := []int{0, 2, 4, 1, 3, 5}; !slices.Equal(ks, want) || st.Moved != 4 {
		t.Errorf("order %v, %d moved; want %v (the even ones together), 4 moved", ks, st.Moved, want)
	}
	for k := range n {
		if want := []uint32{0, uint32(at[(k+1)%n])}; !slices.Equal(calls[k], want) {
			t.Errorf("function %d calls %v, want %v (the import, function %d)", k, calls[k], want, (k+1)%n)
		}
	}
	if !bytes.HasSuffix(secs[secExport], []byte{0, 0, 5, 't', 'h', 'r', 'e', 'e', 0, byte(at[3])}) {
		t.Errorf("exports % x: want imp at 0, three at %d", secs[secExport], at[3])
	}
	el := []byte{1, 0, 0x41, 0, 0x0b, n}
	for k := range n {
		el = append(el, byte(at[k]))
	}
	if !bytes.Equal(secs[secElement], el) {
		t.Errorf("table % x, want % x (each slot the function it held)", secs[secElement], el)
	}
	wantNames := []byte{n}
	for j := range n {
		wantNames = append(wantNames, byte(1+j), 2, 'f', byte('0'+ks[j]))
	}
	if !bytes.HasSuffix(names, wantNames) {
		t.Errorf("names % x, want them to end % x", names, wantNames)
	}
	// The function section still gives every body a type, and a second
	// Slim reads it all again.
	if !bytes.Equal(secs[secFunction], []byte{n, 0, 0, 0, 0, 0, 0}) {
		t.Errorf("function section % x", secs[secFunction])
	}
	if _, _, err := Slim(out, false); err != nil {
		t.Errorf("Slim of its own output: %v", err)
	}
}

// What orderFunctions cannot renumber it refuses, and the module stays.
func TestSlim_FunctionOrderRefuses(t *testing.T) {
	mod := orderModule(3)
	for name, c := range map[string]struct{ from, to []byte }{
		"an unknown instruction":            {[]byte{0x3f, 0}, []byte{0xfd, 0}},
		"an element segment of expressions": {[]byte{1, 0, 0x41, 0, 0x0b, 3}, []byte{1, 4, 0x41, 0, 0x0b, 3}},
		"a call out of range":               {[]byte{0x10, 0, 0x10, 2}, []byte{0x10, 0, 0x10, 9}},
	} {
		bad := bytes.Replace(mod, c.from, c.to, 1)
		if bytes.Equal(bad, mod) {
			t.Fatalf("%s: the module does not hold % x", name, c.from)
		}
		if _, _, err := Slim(bad, false); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A function section that declares more functions than it has bytes
	// is refused before anything is allocated for them.
	huge := []section{{secFunction, []byte{0xff, 0xff, 0xff, 0xff, 0x0f, 0}}, {secCode, []byte{1, 2, 0, 0x0b}}}
	if _, err := orderFunctions(huge); err == nil {
		t.Errorf("a function section of 4,294,967,295 functions in 6 bytes: no error")
	}
}

func TestSymbolize(t *testing.T) {
	names := []string{"go:buildid", "main.main", "runtime.gopanic"}
	for in, want := range map[string]string{
		"ƒ1()\n\t?:0 +0x3\ncreated by ƒ2 in goroutine 1\n": "main.main()\n\t?:0 +0x3\ncreated by runtime.gopanic in goroutine 1\n",
		"ƒ3 ƒ ƒZ ƒ1x ƒ0":                                   "ƒ3 ƒ ƒZ ƒ1x go:buildid", // ƒ3, ƒ1x: no such function
		"no names":                                         "no names",
	} {
		if got := string(Symbolize([]byte(in), names)); got != want {
			t.Errorf("Symbolize(%q) = %q, want %q", in, got, want)
		}
	}
	// The writer -exec uses: a name cut between writes still comes back.
	var b bytes.Buffer
	s := &symbolizer{w: &b, names: names}
	for _, p := range []string{"a ƒ", "1(", ")\nb ƒ2", ""} {
		s.Write([]byte(p))
	}
	if b.String() != "a main.main()\n" {
		t.Errorf("before Close: %q", b.String())
	}
	s.Close()
	if b.String() != "a main.main()\nb runtime.gopanic" {
		t.Errorf("after Close: %q", b.String())
	}

	// The names file (-names) reads back (-symbolize); another file does not.
	file := filepath.Join(t.TempDir(), "names")
	if err := writeNames(file, names); err != nil {
		t.Fatal(err)
	}
	if got, err := readNames(file); err != nil || !slices.Equal(got, names) {
		t.Errorf("readNames: %q, %v; want %q", got, err, names)
	}
	if err := os.WriteFile(file, []byte("ƒ0\tgo:buildid\nƒ2\tmain.main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readNames(file); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("a names file that skips ƒ1: error %v, want one at line 2", err)
	}
}

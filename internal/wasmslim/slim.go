package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/internal/wasmbin"
)

// Stats describes what Slim did.
type Stats struct {
	InSize, OutSize         int // module bytes
	SegmentsIn, SegmentsOut int // data segments
	Funcs                   int // functions whose traceback tables were dropped
	TableBytes              int // bytes of those tables zeroed
	Trees                   int // inlining trees zeroed among them
	// Names are the functions' names, by their place in the pclntab, when
	// the pclntab now names function k ShortName(k) (see shortenNames).
	Names []string
	Moved int // functions whose place in the code section changed
}

// zeroGap is the shortest run of zero bytes that ends a data segment: a
// shorter run is written out as zeros inside the segment.
const zeroGap = 1024

// maxImage bounds the memory image Slim builds (Go's initial data is a few
// MB; the bound keeps a malformed module from asking for gigabytes).
const maxImage = 256 << 20

const (
	secCode      = 10
	secData      = 11
	secDataCount = 12
)

var wasmHeader = []byte("\x00asm\x01\x00\x00\x00")

// Slim returns mod with its data section rewritten (see the package
// comment); stripTraceback also drops the Go runtime's tables that only
// tracebacks read (dropTracebackTables). mod itself
// is not modified. An error leaves nothing half done: the caller keeps mod.
func Slim(mod []byte, stripTraceback bool) ([]byte, Stats, error) {
	st := Stats{InSize: len(mod)}
	if !bytes.HasPrefix(mod, wasmHeader) {
		return nil, st, errors.New("not a WebAssembly version 1 module")
	}
	var secs []section
	dataAt, codeFuncs := -1, -1
	for r := (wasmbin.Reader{B: mod, I: len(wasmHeader)}); r.I < len(r.B); {
		id := r.Byte()
		n := r.U32()
		body := r.Bytes(int(n))
		if r.Err != nil {
			return nil, st, fmt.Errorf("section %d: %w", id, r.Err)
		}
		switch id {
		case secData:
			if dataAt >= 0 {
				return nil, st, errors.New("two data sections")
			}
			dataAt = len(secs)
		case secCode:
			cr := wasmbin.Reader{B: body}
			codeFuncs = int(cr.U32())
			if cr.Err != nil {
				return nil, st, fmt.Errorf("code section: %w", cr.Err)
			}
		}
		secs = append(secs, section{id, body})
	}
	if dataAt < 0 {
		return nil, st, errors.New("no data section")
	}
	base, image, n, err := readData(secs[dataAt].body)
	if err != nil {
		return nil, st, fmt.Errorf("data section: %w", err)
	}
	st.SegmentsIn = n
	if stripTraceback {
		if st.Funcs, st.Trees, st.TableBytes, st.Names, err = dropTracebackTables(base, image, codeFuncs); err != nil {
			return nil, st, fmt.Errorf("pclntab: %w", err)
		}
	}
	if st.Moved, err = orderFunctions(secs); err != nil {
		return nil, st, fmt.Errorf("function order: %w", err)
	}
	data, segs := writeData(base, image)
	st.SegmentsOut = segs
	out := append([]byte(nil), wasmHeader...)
	for i, s := range secs {
		body := s.body
		switch {
		case i == dataAt:
			body = data
		case s.id == secDataCount:
			body = appendU32(nil, uint32(segs))
		}
		out = append(out, s.id)
		out = appendU32(out, uint32(len(body)))
		out = append(out, body...)
	}
	st.OutSize = len(out)
	return out, st, nil
}

// readData reads a data section of active segments at constant offsets
// into one memory image: the bytes from address base on. n is the number of
// segments.
func readData(body []byte) (base uint32, image []byte, n int, err error) {
	type seg struct {
		at   uint32
		data []byte
	}
	r := wasmbin.Reader{B: body}
	count := r.U32()
	var segs []seg
	for k := uint32(0); k < count && r.Err == nil; k++ {
		if mode := r.U32(); mode != 0 {
			return 0, nil, 0, fmt.Errorf("segment %d: mode %d, want 0 (active, memory 0)", k, mode)
		}
		off, err := readOffset(&r)
		if err != nil {
			return 0, nil, 0, fmt.Errorf("segment %d: %w", k, err)
		}
		at := uint32(off)
		size := r.U32()
		segs = append(segs, seg{at, r.Bytes(int(size))})
	}
	if r.Err != nil {
		return 0, nil, 0, r.Err
	}
	if r.I != len(body) {
		return 0, nil, 0, errors.New("bytes after the last segment")
	}
	if len(segs) == 0 {
		return 0, nil, 0, nil
	}
	slices.SortStableFunc(segs, func(a, b seg) int { return cmpU32(a.at, b.at) })
	base = segs[0].at
	end := uint64(base)
	for _, s := range segs {
		if uint64(s.at) < end {
			return 0, nil, 0, fmt.Errorf("segments overlap at address %d", s.at)
		}
		end = uint64(s.at) + uint64(len(s.data))
	}
	if end > 1<<32 {
		return 0, nil, 0, errors.New("segments beyond 4 GiB")
	}
	if end-uint64(base) > maxImage {
		return 0, nil, 0, fmt.Errorf("initial memory of %d bytes, more than %d", end-uint64(base), maxImage)
	}
	image = make([]byte, end-uint64(base))
	for _, s := range segs {
		copy(image[s.at-base:], s.data)
	}
	return base, image, len(segs), nil
}

// readOffset reads a segment's offset expression, which wasmslim takes
// only as a constant: i32.const, end.
func readOffset(r *wasmbin.Reader) (int32, error) {
	if r.Byte() != 0x41 {
		return 0, errors.New("offset is not an i32.const")
	}
	off := r.S32()
	if r.Byte() != 0x0b {
		return 0, errors.New("offset expression does not end after i32.const")
	}
	return off, nil
}

// writeData returns a data section holding image at address base, cut into
// segments at runs of more than zeroGap zero bytes (leading and trailing
// zeros dropped), and the number of segments.
func writeData(base uint32, image []byte) ([]byte, int) {
	type span struct{ lo, hi int }
	var spans []span
	for i := 0; i < len(image); {
		if image[i] == 0 {
			i++
			continue
		}
		lo := i
		hi := i + 1 // end of the last non-zero byte seen
		for j := hi; j < len(image) && j-hi <= zeroGap; j++ {
			if image[j] != 0 {
				hi = j + 1
			}
		}
		spans = append(spans, span{lo, hi})
		i = hi
	}
	body := appendU32(nil, uint32(len(spans)))
	for _, s := range spans {
		body = append(body, 0, 0x41)
		body = appendS32(body, int32(base+uint32(s.lo)))
		body = append(body, 0x0b)
		body = appendU32(body, uint32(s.hi-s.lo))
		body = append(body, image[s.lo:s.hi]...)
	}
	return body, len(spans)
}

// Go's pclntab (runtime/symtab.go pcHeader and runtime/runtime2.go _func,
// Go 1.20 and later, 64-bit pointers, as the js/wasm linker writes it).
const (
	pclnMagic      = 0xfffffff1
	pcHeaderSize   = 8 + 8*8
	funcSize       = 44 // _func without its pcdata and funcdata arrays
	funcNameOff    = 4
	funcPCSP       = 16
	funcPCFile     = 20
	funcPCLn       = 24
	funcNPCData    = 28
	funcCUOffset   = 32
	funcStartLine  = 36
	funcNFuncData  = 43
	funcTabEntrySz = 8 // functab: entryoff, funcoff uint32
	// The indices of a function's pcdata tables (internal/abi) that
	// dropTracebackTables drops, and of its inlining tree's funcdata.
	pcdataUnsafePoint  = 0
	pcdataInlTreeIndex = 2
	funcdataInlTree    = 3
	inlinedCallSize    = 16 // runtime.inlinedCall: funcID uint8, 3 pad bytes, nameOff, parentPc, startLine int32
	noFuncdata         = ^uint32(0)
)

// Where runtime.moduledata (runtime/symtab.go) keeps what
// dropTracebackTables reads: the pcHeader's address and the funcnametab,
// pctab and pclntable slices (the same since Go 1.20), and the address of
// the functions' data, gofunc, followed by epclntab, at an offset that
// depends on the release.
const (
	mdFuncnametab = 8
	mdPctab       = 80
	mdPclntable   = 104
)

// gofuncOffsets are the offsets of moduledata.gofunc in the releases
// wasmslim knows: Go 1.26 and Go 1.27.
var gofuncOffsets = []int{320, 344}

// dropTracebackTables finds the Go runtime's pclntab in image and drops,
// for every function, the tables the runtime reads only to describe a
// program counter to a person (tracebacks, runtime.Caller and
// runtime.Frames) or to preempt a goroutine by a signal, which js/wasm
// never does:
//
//   - the file and line tables, the first line and the compilation unit,
//     and the tables of units and file names (a traceback then says ?:0);
//   - the inlining table (pcdata PCDATA_InlTreeIndex) and tree
//     (funcdata FUNCDATA_InlTree, among the functions' data that
//     moduledata.gofunc points to: findGofunc), so that every program
//     counter reads as not inlined: a traceback names the function that a
//     call was inlined into, not the inlined one;
//   - the unsafe-point table (PCDATA_UnsafePoint), read only by
//     asynchronous preemption (signals) and debugger calls (amd64, arm64).
//
// Their offsets become 0 (a tree's ^0), which the runtime reads as "no
// table", and their bytes (those no kept table shares; a tree is its
// function's own) zeros. What the runtime needs to run
// stays as it was: the stack-pointer deltas and the stack maps. The
// function names become short ones (shortenNames). codeFuncs is the number
// of functions in the code section, which the pclntab's count must match.
// It returns the number of functions, of inlining trees zeroed and of
// bytes zeroed, and the functions' names when shortened.
func dropTracebackTables(base uint32, image []byte, codeFuncs int) (funcs, trees, zeroed int, names []string, err error) {
	sig := binary.LittleEndian.AppendUint32(nil, pclnMagic)
	sig = append(sig, 0, 0, 1, 8) // pad, pad, minLC 1 (wasm), ptrSize 8
	h := -1
	for from := 0; ; {
		i := bytes.Index(image[from:], sig)
		if i < 0 {
			break
		}
		if h >= 0 {
			return 0, 0, 0, nil, errors.New("more than one pcHeader")
		}
		h = from + i
		from = h + 1
	}
	if h < 0 || len(image)-h < pcHeaderSize {
		return 0, 0, 0, nil, errors.New("no Go 1.20+ pcHeader")
	}
	word := func(k int) uint64 { return binary.LittleEndian.Uint64(image[h+8+8*k:]) }
	nfunc, nameOff, cuOff, fileOff, pctabOff, pclnOff := word(0), word(3), word(4), word(5), word(6), word(7)
	if nfunc != uint64(codeFuncs) {
		return 0, 0, 0, nil, fmt.Errorf("%d functions, the code section has %d", nfunc, codeFuncs)
	}
	if nameOff != pcHeaderSize || nameOff > cuOff || cuOff > fileOff || fileOff > pctabOff || pctabOff > pclnOff ||
		pclnOff > uint64(len(image)-h) || (nfunc+1)*funcTabEntrySz > uint64(len(image)-h)-pclnOff {
		return 0, 0, 0, nil, errors.New("pcHeader offsets out of order or out of range")
	}
	pctab := image[h+int(pctabOff) : h+int(pclnOff)]
	pcln := image[h+int(pclnOff):]
	// Every function's record, checked before anything changes.
	recs := make([]int, nfunc)
	keep := make([]bool, len(pctab)) // bytes of tables the runtime needs
	var drop [][2]int                // tables to zero: offset, length
	var inl []inlTree
	var lastEntry uint32
	for k := range recs {
		entry := binary.LittleEndian.Uint32(pcln[funcTabEntrySz*k:])
		off := uint64(binary.LittleEndian.Uint32(pcln[funcTabEntrySz*k+4:]))
		if k > 0 && entry < lastEntry {
			return 0, 0, 0, nil, fmt.Errorf("function %d: functab out of order", k)
		}
		lastEntry = entry
		if off+funcSize > uint64(len(pcln)) {
			return 0, 0, 0, nil, fmt.Errorf("function %d: record out of range", k)
		}
		f := pcln[off:]
		if binary.LittleEndian.Uint32(f) != entry {
			return 0, 0, 0, nil, fmt.Errorf("function %d: record's entry %d, functab's %d", k, binary.LittleEndian.Uint32(f), entry)
		}
		npc := uint64(binary.LittleEndian.Uint32(f[funcNPCData:]))
		nfd := uint64(f[funcNFuncData])
		if off+funcSize+4*(npc+nfd) > uint64(len(pcln)) {
			return 0, 0, 0, nil, fmt.Errorf("function %d: pcdata out of range", k)
		}
		recs[k] = int(off)
		kept := []uint32{binary.LittleEndian.Uint32(f[funcPCSP:])}
		dropped := []uint32{binary.LittleEndian.Uint32(f[funcPCFile:]), binary.LittleEndian.Uint32(f[funcPCLn:])}
		for q := range npc {
			t := binary.LittleEndian.Uint32(f[funcSize+4*q:])
			if q == pcdataUnsafePoint || q == pcdataInlTreeIndex {
				dropped = append(dropped, t)
			} else {
				kept = append(kept, t)
			}
		}
		if npc > pcdataInlTreeIndex && nfd > funcdataInlTree {
			at := int(off) + funcSize + 4*int(npc) + 4*funcdataInlTree
			if fd := binary.LittleEndian.Uint32(pcln[at:]); fd != noFuncdata {
				_, mx, err := readTable(pctab, binary.LittleEndian.Uint32(f[funcSize+4*pcdataInlTreeIndex:]))
				if err != nil {
					return 0, 0, 0, nil, fmt.Errorf("function %d: %w", k, err)
				}
				inl = append(inl, inlTree{slot: at, off: fd, n: int(mx) + 1})
			}
		}
		for _, t := range kept {
			n, err := tableLen(pctab, t)
			if err != nil {
				return 0, 0, 0, nil, fmt.Errorf("function %d: %w", k, err)
			}
			for i := range n {
				keep[int(t)+i] = true
			}
		}
		for _, t := range dropped {
			n, err := tableLen(pctab, t)
			if err != nil {
				return 0, 0, 0, nil, fmt.Errorf("function %d: %w", k, err)
			}
			drop = append(drop, [2]int{int(t), n})
		}
	}
	gofunc := -1
	if len(inl) > 0 {
		gofunc = findGofunc(image, base, h, nameOff, cuOff, pctabOff, pclnOff, inl)
	}
	for _, d := range drop {
		for i := d[0]; i < d[0]+d[1]; i++ {
			if !keep[i] && pctab[i] != 0 {
				pctab[i] = 0
				zeroed++
			}
		}
	}
	for _, off := range recs {
		clear(pcln[off+funcPCFile : off+funcPCLn+4])
		clear(pcln[off+funcCUOffset : off+funcStartLine+4])
		npc := int(binary.LittleEndian.Uint32(pcln[off+funcNPCData:]))
		for _, q := range []int{pcdataUnsafePoint, pcdataInlTreeIndex} {
			if q < npc {
				clear(pcln[off+funcSize+4*q : off+funcSize+4*q+4])
			}
		}
	}
	for i := h + int(cuOff); i < h+int(pctabOff); i++ {
		if image[i] != 0 {
			image[i] = 0
			zeroed++
		}
	}
	// The inlining trees: nil to the runtime, and their bytes zeros when
	// found (gofunc; otherwise they stay, unread).
	for _, t := range inl {
		binary.LittleEndian.PutUint32(pcln[t.slot:], noFuncdata)
		if gofunc < 0 {
			continue
		}
		trees++
		for i := gofunc + int(t.off); i < gofunc+int(t.off)+t.n*inlinedCallSize; i++ {
			if image[i] != 0 {
				image[i] = 0
				zeroed++
			}
		}
	}
	names = shortenNames(image[h+int(nameOff):h+int(cuOff)], pcln, recs)
	return len(recs), trees, zeroed, names, nil
}

// shortenNames gives every function k of the pclntab (recs: where its
// record is in pcln) the name ShortName(k) in the function name table
// names, rewritten in place (the rest zeros), and returns the names it
// had. The runtime reads a function's name only to describe it to a person
// (tracebacks, runtime.Frames and FuncForPC) and, on js/wasm, never to
// decide what to do (the names it compares are reflect's stubs, which
// the module does not link, and those of signal handling, which js/wasm
// has not); the short names keep tracebacks apart function by function,
// and Symbolize (wasmslim -symbolize, -exec) gives the names back. The
// table is ~225 KB of names, ~29 KB in gzip -9; the short ones ~6 KB. When
// they would not fit (never in a real module: its names are longer), the
// names stay and it returns nil. It runs after everything that reads the
// names (findGofunc's check of inlining trees); the trees left in place
// keep offsets into the old table, and no program counter reaches them.
func shortenNames(names, pcln []byte, recs []int) []string {
	short := []byte{0} // offset 0 reads as no name
	at := make([]uint32, len(recs))
	for k := range recs {
		at[k] = uint32(len(short))
		short = append(short, ShortName(k)...)
		short = append(short, 0)
	}
	if len(short) > len(names) {
		return nil
	}
	full := make([]string, len(recs))
	for k, off := range recs {
		if no := binary.LittleEndian.Uint32(pcln[off+funcNameOff:]); no < uint32(len(names)) {
			if n := bytes.IndexByte(names[no:], 0); n >= 0 {
				full[k] = string(names[no : int(no)+n])
			}
		}
		binary.LittleEndian.PutUint32(pcln[off+funcNameOff:], at[k])
	}
	copy(names, short)
	clear(names[len(short):])
	return full
}

// ShortName is the name shortenNames gives the pclntab's function k:
// "ƒ" and k in base 36 ("ƒ2bz"), which no Go name is.
func ShortName(k int) string {
	return "ƒ" + strconv.FormatInt(int64(k), 36)
}

// inlTree is a function's inlining tree: its funcdata slot in the
// pclntab (slot), its offset from moduledata.gofunc (off) and the number
// of its entries the function's program counters name (n; the tree may
// hold more, parents only, which stay).
type inlTree struct {
	slot int
	off  uint32
	n    int
}

// findGofunc returns where in image the functions' data starts (the
// address moduledata.gofunc holds, less base), or -1 when it cannot tell:
// the moduledata is the one record in image that holds the pcHeader's
// address (h) and the addresses and lengths of its tables, and gofunc one
// of gofuncOffsets in it, the one at which every tree of trees lies
// between gofunc and epclntab (the next word) and reads as inlinedCall
// records (padding zero, each name an offset to the start of a function
// name). When no known offset passes, or more than one does, it returns -1
// and the trees stay as they are: nothing is zeroed on a guess.
func findGofunc(image []byte, base uint32, h int, nameOff, cuOff, pctabOff, pclnOff uint64, trees []inlTree) int {
	le := binary.LittleEndian
	addr := uint64(base) + uint64(h)
	md := -1
	pattern := le.AppendUint64(nil, addr)
	for from := 0; ; {
		i := bytes.Index(image[from:], pattern)
		if i < 0 {
			break
		}
		j := from + i
		from = j + 1
		if len(image)-j < 512 || le.Uint64(image[j+mdFuncnametab:]) != addr+nameOff ||
			le.Uint64(image[j+mdFuncnametab+8:]) != cuOff-nameOff ||
			le.Uint64(image[j+mdPctab:]) != addr+pctabOff || le.Uint64(image[j+mdPclntable:]) != addr+pclnOff {
			continue
		}
		if md >= 0 {
			return -1 // two: no telling which
		}
		md = j
	}
	if md < 0 {
		return -1
	}
	names := image[h+int(nameOff) : h+int(cuOff)]
	found := -1
	for _, o := range gofuncOffsets {
		start, end := le.Uint64(image[md+o:]), le.Uint64(image[md+o+8:])
		if start < addr+pclnOff || start > end || end > uint64(base)+uint64(len(image)) {
			continue
		}
		if treesRead(image, int(start-uint64(base)), int(end-uint64(base)), names, trees) {
			if found >= 0 {
				return -1
			}
			found = int(start - uint64(base))
		}
	}
	return found
}

// treesRead reports whether every tree of trees, at gofunc in image, lies
// before end and reads as inlinedCall records naming functions in names.
func treesRead(image []byte, gofunc, end int, names []byte, trees []inlTree) bool {
	for _, t := range trees {
		at := gofunc + int(t.off)
		if t.off%4 != 0 || at+t.n*inlinedCallSize > end {
			return false
		}
		for k := range t.n {
			c := image[at+k*inlinedCallSize:]
			name := binary.LittleEndian.Uint32(c[4:])
			if c[1] != 0 || c[2] != 0 || c[3] != 0 || uint64(name) >= uint64(len(names)) || name > 0 && names[name-1] != 0 {
				return false
			}
		}
	}
	return true
}

// tableLen returns the length in bytes of the pc-value table at off in
// pctab (readTable).
func tableLen(pctab []byte, off uint32) (int, error) {
	n, _, err := readTable(pctab, off)
	return n, err
}

// readTable reads the pc-value table at off in pctab (runtime.pcvalue's
// encoding: varint value delta, zigzag-encoded, varint pc delta, …,
// ending with a zero value delta after the first pair; values start at
// -1) and returns its length in bytes and its largest value. Offset 0 is
// no table: length 0, largest value -1.
func readTable(pctab []byte, off uint32) (n int, largest int32, err error) {
	if off == 0 {
		return 0, -1, nil
	}
	if uint64(off) >= uint64(len(pctab)) {
		return 0, -1, fmt.Errorf("pc-value table at %d out of range", off)
	}
	r := wasmbin.Reader{B: pctab, I: int(off)}
	v, largest := int32(-1), int32(-1)
	for first := true; ; first = false {
		u := r.U32()
		if u == 0 && !first {
			break
		}
		v += int32(u>>1) ^ -int32(u&1)
		largest = max(largest, v)
		r.U32()
		if r.Err != nil {
			break
		}
	}
	if r.Err != nil {
		return 0, -1, fmt.Errorf("pc-value table at %d: %w", off, r.Err)
	}
	return r.I - int(off), largest, nil
}

func appendU32(b []byte, v uint32) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendS32(b []byte, v int32) []byte {
	x := int64(v)
	for {
		c := byte(x & 0x7f)
		x >>= 7
		if (x == 0 && c&0x40 == 0) || (x == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

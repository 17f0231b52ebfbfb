package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/ddbplay/ddbplay/internal/wasmbin"
)

// Function order. Go's linker writes the functions in the order it links
// them, package by package, so that the code section's similar functions
// (the instantiations of one generic function, the operations that
// validate, plan and answer alike, the runtime's look-alike helpers) lie
// far apart. Deflate, which gzip is, finds a repeat only in the last 32 KB
// it has written, so each is compressed as if new. orderFunctions puts
// every function next to those it shares the most byte strings with:
// the module's gzip shrinks by ~5% of its code, brotli (whose window holds
// the whole module) by less.
//
// A function's place in the code section is its index, which only the
// module's own references name: direct calls (call, return_call,
// ref.func), the exports, the start function, the table's element
// segment and the name section. Every one is renumbered. The Go runtime
// never names a function by its index: a Go function value or program
// counter holds its slot in the table (PC_F), whose element segment now
// maps each slot to the function's new index, so the slots, and every
// program counter and pclntab entry, stay what they were.

const (
	secCustom   = 0
	secImport   = 2
	secFunction = 3
	secExport   = 7
	secStart    = 8
	secElement  = 9
)

// section is one section of a module: its id and its contents.
type section struct {
	id   byte
	body []byte
}

// shingle is the length of the byte strings orderFunctions compares
// functions by: of the lengths tried (4 to 16), the module's gzip was
// smallest at 10.
const shingle = 10

// windowBytes is how much of what precedes a function deflate can match
// against: its window.
const windowBytes = 32 << 10

// orderFunctions reorders the module's defined functions (see above),
// rewriting the sections of secs in place. It returns the number of
// functions that moved. A module it cannot read whole (an instruction it
// does not know, an element segment other than an active one of function
// indices for table 0, a name subsection that names locals) is an error
// and secs stay as they were.
func orderFunctions(secs []section) (moved int, err error) {
	at := map[byte]int{}
	names := -1
	for i, s := range secs {
		if s.id == secCustom {
			r := wasmbin.Reader{B: s.body}
			if n := r.U32(); r.Err == nil && string(r.Bytes(int(n))) == "name" && r.Err == nil {
				names = i
			}
			continue
		}
		at[s.id] = i
	}
	fi, ok1 := at[secFunction]
	ci, ok2 := at[secCode]
	if !ok1 || !ok2 {
		return 0, errors.New("no function or code section")
	}
	imported := 0
	if i, ok := at[secImport]; ok {
		if imported, err = countFuncImports(secs[i].body); err != nil {
			return 0, fmt.Errorf("import section: %w", err)
		}
	}
	r := wasmbin.Reader{B: secs[fi].body}
	n := r.U32()
	if r.Err != nil || uint64(n) > uint64(len(r.B)) { // each type index takes a byte at least
		return 0, errors.New("function section unreadable")
	}
	types := make([]uint32, n)
	for k := range types {
		types[k] = r.U32()
	}
	if r.Err != nil || r.I != len(r.B) {
		return 0, errors.New("function section unreadable")
	}
	bodies, err := readBodies(secs[ci].body)
	if err != nil {
		return 0, fmt.Errorf("code section: %w", err)
	}
	if len(bodies) != len(types) {
		return 0, fmt.Errorf("%d function types, %d bodies", len(types), len(bodies))
	}
	order := similarOrder(bodies)
	index := make([]uint32, imported+len(bodies)) // old function index → new
	for k := range imported {
		index[k] = uint32(k)
	}
	for pos, old := range order {
		index[imported+old] = uint32(imported + pos)
		if pos != old {
			moved++
		}
	}
	remap := func(old uint32) (uint32, error) {
		if uint64(old) >= uint64(len(index)) {
			return 0, fmt.Errorf("function index %d out of range", old)
		}
		return index[old], nil
	}
	code := appendU32(nil, uint32(len(bodies)))
	fn := appendU32(nil, uint32(len(bodies)))
	for _, old := range order {
		b, err := renumberCalls(bodies[old], remap)
		if err != nil {
			return 0, fmt.Errorf("function %d: %w", imported+old, err)
		}
		code = appendU32(code, uint32(len(b)))
		code = append(code, b...)
		fn = appendU32(fn, types[old])
	}
	rewritten := map[int][]byte{fi: fn, ci: code}
	if i, ok := at[secExport]; ok {
		if rewritten[i], err = renumberExports(secs[i].body, remap); err != nil {
			return 0, fmt.Errorf("export section: %w", err)
		}
	}
	if i, ok := at[secStart]; ok {
		r := wasmbin.Reader{B: secs[i].body}
		f := r.U32()
		if r.Err != nil || r.I != len(r.B) {
			return 0, errors.New("start section unreadable")
		}
		nf, err := remap(f)
		if err != nil {
			return 0, fmt.Errorf("start section: %w", err)
		}
		rewritten[i] = appendU32(nil, nf)
	}
	if i, ok := at[secElement]; ok {
		if rewritten[i], err = renumberElements(secs[i].body, remap); err != nil {
			return 0, fmt.Errorf("element section: %w", err)
		}
	}
	if names >= 0 {
		if rewritten[names], err = renumberNames(secs[names].body, remap); err != nil {
			return 0, fmt.Errorf("name section: %w", err)
		}
	}
	for i, b := range rewritten {
		secs[i].body = b
	}
	return moved, nil
}

// countFuncImports returns how many of an import section's imports are
// functions (they take the first function indices).
func countFuncImports(body []byte) (int, error) {
	r := wasmbin.Reader{B: body}
	n, funcs := r.U32(), 0
	for k := uint32(0); k < n && r.Err == nil; k++ {
		r.Bytes(int(r.U32())) // module
		r.Bytes(int(r.U32())) // name
		switch kind := r.Byte(); kind {
		case 0: // function: type index
			r.U32()
			funcs++
		case 1: // table: reference type, limits
			r.Byte()
			readLimits(&r)
		case 2: // memory: limits
			readLimits(&r)
		case 3: // global: value type, mutability
			r.Bytes(2)
		default:
			return 0, fmt.Errorf("import %d: kind %d", k, kind)
		}
	}
	if r.Err != nil || r.I != len(r.B) {
		return 0, errors.New("unreadable")
	}
	return funcs, nil
}

func readLimits(r *wasmbin.Reader) {
	if flags := r.Byte(); flags&1 != 0 {
		r.U32()
	}
	r.U32()
}

// readBodies splits a code section into its function bodies (each without
// its size).
func readBodies(body []byte) ([][]byte, error) {
	r := wasmbin.Reader{B: body}
	n := r.U32()
	if r.Err == nil && uint64(n) > uint64(len(body)) {
		return nil, fmt.Errorf("%d bodies in %d bytes", n, len(body))
	}
	bodies := make([][]byte, 0, n)
	for k := uint32(0); k < n && r.Err == nil; k++ {
		bodies = append(bodies, r.Bytes(int(r.U32())))
	}
	if r.Err != nil || r.I != len(r.B) {
		return nil, errors.New("unreadable")
	}
	return bodies, nil
}

// similarOrder returns the order in which to write bodies: order[k] is
// the body that goes k-th. Greedily, after the first body, it takes the
// one not yet placed with the largest share of its byte strings (of
// length shingle) found among those of the bodies in the last windowBytes
// written, the lowest index on a tie. The result depends on the bodies
// only.
func similarOrder(bodies [][]byte) []int {
	n := len(bodies)
	// Every body's distinct shingles, as ids shared by equal shingles
	// (found by sorting (hash, body) pairs), and for every id the bodies
	// holding it.
	type occ struct {
		h    uint64
		body int32
	}
	var occs []occ
	for k, b := range bodies {
		for i := 0; i+shingle <= len(b); i++ {
			occs = append(occs, occ{fnv64(b[i : i+shingle]), int32(k)})
		}
	}
	slices.SortFunc(occs, func(a, b occ) int {
		if a.h != b.h {
			if a.h < b.h {
				return -1
			}
			return 1
		}
		return int(a.body - b.body)
	})
	sets := make([][]int32, n)
	var holders [][]int32
	for i := 0; i < len(occs); {
		j := i
		var hs []int32
		for ; j < len(occs) && occs[j].h == occs[i].h; j++ {
			if j == i || occs[j].body != occs[j-1].body {
				hs = append(hs, occs[j].body)
			}
		}
		id := int32(len(holders))
		holders = append(holders, hs)
		for _, k := range hs {
			sets[k] = append(sets[k], id)
		}
		i = j
	}
	occs = nil
	// shared[k]: how many of body k's shingles the window holds;
	// inWindow[id]: how many bodies in the window hold shingle id.
	shared := make([]int, n)
	inWindow := make([]int32, len(holders))
	enter := func(k int) {
		for _, id := range sets[k] {
			if inWindow[id] == 0 {
				for _, j := range holders[id] {
					shared[j]++
				}
			}
			inWindow[id]++
		}
	}
	leave := func(k int) {
		for _, id := range sets[k] {
			inWindow[id]--
			if inWindow[id] == 0 {
				for _, j := range holders[id] {
					shared[j]--
				}
			}
		}
	}
	placed := make([]bool, n)
	order := make([]int, 0, n)
	first, window := 0, 0 // the window: order[first:]
	for cur := 0; n > 0; {
		placed[cur] = true
		order = append(order, cur)
		enter(cur)
		window += len(bodies[cur])
		for window > windowBytes && first < len(order)-1 {
			leave(order[first])
			window -= len(bodies[order[first]])
			first++
		}
		if len(order) == n {
			break
		}
		best, bestShare := -1, -1.0
		for k := range n {
			if placed[k] {
				continue
			}
			if s := float64(shared[k]) / float64(len(sets[k])+1); s > bestShare {
				best, bestShare = k, s
			}
		}
		cur = best
	}
	return order
}

// fnv64 is FNV-1a, 64 bits.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// renumberCalls returns body with the function index of every call,
// return_call and ref.func replaced by remap's, reading every
// instruction (WebAssembly 2.0's, without SIMD) to find them.
func renumberCalls(body []byte, remap func(uint32) (uint32, error)) ([]byte, error) {
	r := wasmbin.Reader{B: body}
	for n := r.U32(); n > 0 && r.Err == nil; n-- { // locals: count, type
		r.U32()
		r.Byte()
	}
	var out []byte
	from := 0 // body[from:r.I] is still to be copied
	for r.Err == nil && r.I < len(r.B) {
		op := r.Byte()
		switch {
		case op == 0x10 || op == 0x12 || op == 0xd2: // call, return_call, ref.func
			immAt := r.I
			f := r.U32()
			if r.Err != nil {
				break
			}
			nf, err := remap(f)
			if err != nil {
				return nil, err
			}
			out = append(out, body[from:immAt]...)
			out = appendU32(out, nf)
			from = r.I
		case op <= 0x01 || op == 0x05 || op == 0x0b || op == 0x0f || op == 0x1a || op == 0x1b ||
			(op >= 0x45 && op <= 0xc4) || op == 0xd1:
			// no immediate
		case op >= 0x02 && op <= 0x04: // block, loop, if: block type
			if b := r.Byte(); b != 0x40 && (b < 0x6f || b > 0x7f) {
				r.I--
				readS33(&r)
			}
		case op == 0x0c || op == 0x0d || (op >= 0x20 && op <= 0x26): // br, br_if, locals, globals, tables
			r.U32()
		case op == 0x0e: // br_table
			for n := r.U32(); n > 0 && r.Err == nil; n-- {
				r.U32()
			}
			r.U32()
		case op == 0x11 || op == 0x13: // call_indirect, return_call_indirect: type, table
			r.U32()
			r.U32()
		case op == 0x1c: // select with types
			r.Bytes(int(r.U32()))
		case op >= 0x28 && op <= 0x3e: // loads and stores: alignment, offset
			if a := r.U32(); a&0x40 != 0 {
				return nil, fmt.Errorf("memory index at %d", r.I)
			}
			r.U32()
		case op == 0x3f || op == 0x40: // memory.size, memory.grow
			r.Byte()
		case op == 0x41: // i32.const
			r.S32()
		case op == 0x42: // i64.const
			readS64(&r)
		case op == 0x43:
			r.Bytes(4)
		case op == 0x44:
			r.Bytes(8)
		case op == 0xd0: // ref.null
			r.Byte()
		case op == 0xfc:
			switch sub := r.U32(); {
			case sub <= 7: // saturating truncations
			case sub == 8: // memory.init
				r.U32()
				r.Byte()
			case sub == 9 || sub == 13 || (sub >= 15 && sub <= 17): // data.drop, elem.drop, table.grow/size/fill
				r.U32()
			case sub == 10: // memory.copy
				r.Bytes(2)
			case sub == 11: // memory.fill
				r.Byte()
			case sub == 12 || sub == 14: // table.init, table.copy
				r.U32()
				r.U32()
			default:
				return nil, fmt.Errorf("instruction 0xfc %d at %d", sub, r.I)
			}
		default:
			return nil, fmt.Errorf("instruction 0x%02x at %d", op, r.I-1)
		}
	}
	if r.Err != nil {
		return nil, r.Err
	}
	if len(body) == 0 || body[len(body)-1] != 0x0b {
		return nil, errors.New("body does not end with end")
	}
	return append(out, body[from:]...), nil
}

// readS33 reads a block type's signed LEB128 type index (33 bits).
func readS33(r *wasmbin.Reader) {
	for k := 0; k < 5; k++ {
		if r.Byte() < 0x80 {
			return
		}
	}
	r.Err = errors.New("s33 too long")
}

// readS64 reads a signed LEB128 of at most 64 bits.
func readS64(r *wasmbin.Reader) {
	for k := 0; k < 10; k++ {
		if r.Byte() < 0x80 {
			return
		}
	}
	r.Err = errors.New("s64 too long")
}

// renumberExports returns an export section with its functions' indices
// remapped.
func renumberExports(body []byte, remap func(uint32) (uint32, error)) ([]byte, error) {
	r := wasmbin.Reader{B: body}
	n := r.U32()
	out := appendU32(nil, n)
	for k := uint32(0); k < n && r.Err == nil; k++ {
		name := r.Bytes(int(r.U32()))
		kind := r.Byte()
		idx := r.U32()
		if r.Err != nil {
			break
		}
		if kind == 0 {
			var err error
			if idx, err = remap(idx); err != nil {
				return nil, err
			}
		}
		out = appendU32(out, uint32(len(name)))
		out = append(out, name...)
		out = append(out, kind)
		out = appendU32(out, idx)
	}
	if r.Err != nil || r.I != len(r.B) {
		return nil, errors.New("unreadable")
	}
	return out, nil
}

// renumberElements returns an element section of active segments of
// function indices for table 0 (the only kind Go's linker writes) with
// the indices remapped.
func renumberElements(body []byte, remap func(uint32) (uint32, error)) ([]byte, error) {
	r := wasmbin.Reader{B: body}
	n := r.U32()
	out := appendU32(nil, n)
	for k := uint32(0); k < n && r.Err == nil; k++ {
		if flags := r.U32(); flags != 0 {
			return nil, fmt.Errorf("segment %d: flags %d, want 0 (active, table 0, function indices)", k, flags)
		}
		exprAt := r.I
		if _, err := readOffset(&r); err != nil {
			return nil, fmt.Errorf("segment %d: %w", k, err)
		}
		out = append(out, 0)
		out = append(out, body[exprAt:r.I]...)
		m := r.U32()
		out = appendU32(out, m)
		for ; m > 0 && r.Err == nil; m-- {
			f := r.U32()
			if r.Err != nil {
				break
			}
			nf, err := remap(f)
			if err != nil {
				return nil, fmt.Errorf("segment %d: %w", k, err)
			}
			out = appendU32(out, nf)
		}
	}
	if r.Err != nil || r.I != len(r.B) {
		return nil, errors.New("unreadable")
	}
	return out, nil
}

// renumberNames returns a name custom section with its function names
// (subsection 1) remapped and in the new order; the module's name
// (subsection 0) stays. Other subsections name things by function index
// too (locals, labels) and Go's linker writes none: they are an error.
func renumberNames(body []byte, remap func(uint32) (uint32, error)) ([]byte, error) {
	r := wasmbin.Reader{B: body}
	r.Bytes(int(r.U32())) // "name"
	out := append([]byte(nil), body[:r.I]...)
	for r.Err == nil && r.I < len(r.B) {
		id := r.Byte()
		sub := r.Bytes(int(r.U32()))
		if r.Err != nil {
			break
		}
		switch id {
		case 0:
		case 1:
			type entry struct {
				idx  uint32
				name []byte
			}
			sr := wasmbin.Reader{B: sub}
			n := sr.U32()
			var entries []entry
			for k := uint32(0); k < n && sr.Err == nil; k++ {
				idx := sr.U32()
				name := sr.Bytes(int(sr.U32()))
				if sr.Err != nil {
					break
				}
				ni, err := remap(idx)
				if err != nil {
					return nil, err
				}
				entries = append(entries, entry{ni, name})
			}
			if sr.Err != nil || sr.I != len(sr.B) {
				return nil, errors.New("function names unreadable")
			}
			slices.SortStableFunc(entries, func(a, b entry) int { return cmpU32(a.idx, b.idx) })
			sub = appendU32(nil, uint32(len(entries)))
			for _, e := range entries {
				sub = appendU32(sub, e.idx)
				sub = appendU32(sub, uint32(len(e.name)))
				sub = append(sub, e.name...)
			}
		default:
			return nil, fmt.Errorf("subsection %d", id)
		}
		out = append(out, id)
		out = appendU32(out, uint32(len(sub)))
		out = append(out, sub...)
	}
	if r.Err != nil {
		return nil, r.Err
	}
	return out, nil
}

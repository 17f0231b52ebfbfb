package storage

import (
	"encoding/binary"
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Items are held encoded, one string per item (a Go map per item costs
// several times the item's own size). A record is the item's DynamoDB
// JSON, as attr.AppendItemJSON writes it, followed by its members in a
// binary form that points into the JSON for the long texts:
//
//	record := uvarint(itemSize) uvarint(count<<1 | plainNames) uint32le(len(json)) json { name value end }
//	name   := uvarint(len) bytes, or uvarint(len) alone with plainNames
//	end    := uvarint: where the member's "name":value ends in json
//	value  := type payload
//
// where plainNames is 1 when every top-level name is a plain string
// (attr.PlainString), held then only in the JSON (the name of a member
// starts after the '"' that follows the previous member's end),
// type is the attr.Type byte and payload is
//
//	S, B        uvarint(len) bytes
//	plain S     uvarint(len) uvarint(at): the text is json[at:at+len], a
//	            string attr.AppendString writes unchanged (attr.PlainString);
//	            type is plainS, TypeS with the plainBit set
//	N           uvarint(len) uvarint(at), the canonical text in json
//	BOOL        one byte, 0 or 1
//	NULL        nothing
//	SS, NS, BS  uvarint(count) { uvarint(len) bytes }, in stored order
//	L           uvarint(count) { value }
//	M           uvarint(count) { name value }
//
// Names are written in ascending byte order, at the top level and in
// every M, so a record is a deterministic function of its item, and its
// JSON is the item's DynamoDB JSON in the order attr.AppendItemJSON uses:
// AppendJSON copies it (or, for some attributes only, the members' spans
// of it, which the ends delimit). The plain strings and numbers, most of
// an item's bytes, are held once, in the JSON.
//
// Decoding hands out S, N and B values and all names as substrings of the
// record, without copying, and rebuilds numbers and sets with attr's
// trusted constructors: a record only ever holds what appendRecord wrote
// from valid values (canonical numbers, sets without duplicates).

// plainBit marks, in the type byte of an S value, a plain string (see
// attr.PlainString) held in the JSON; typeOf masks it out.
const (
	plainBit = 0x80
	plainS   = plainBit | byte(attr.TypeS)
)

// typeOf returns the attribute type of the type byte b.
func typeOf(b byte) attr.Type { return attr.Type(b &^ plainBit) }

// recordWriter makes records. Its buffer for the binary members is kept
// from one record to the next (a Table's writes reuse one writer).
type recordWriter struct {
	bin        []byte // the binary members of the record being written
	base       int    // where its JSON starts in dst
	plainNames bool   // its top-level names are all plain
}

// appendRecord appends the record of it to dst. size is attr.ItemSize(it).
func appendRecord(dst []byte, it attr.Item, size int) []byte {
	var w recordWriter
	return w.appendRecord(dst, it, size)
}

// appendRecord is the package's appendRecord with w's buffer.
func (w *recordWriter) appendRecord(dst []byte, it attr.Item, size int) []byte {
	dst = binary.AppendUvarint(dst, uint64(size))
	// plainNames is decided by members, once it has the names in order;
	// the flag is the low bit of the count's first byte.
	flag := len(dst)
	dst = binary.AppendUvarint(dst, uint64(len(it))<<1|1)
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	w.base = len(dst)
	w.bin = w.bin[:0]
	dst = w.members(dst, it, true)
	if !w.plainNames {
		dst[flag] &^= 1
	}
	binary.LittleEndian.PutUint32(dst[at:], uint32(len(dst)-w.base))
	dst = append(dst, w.bin...)
	if cap(w.bin) > 1<<20 {
		w.bin = nil // an outsized item: do not keep its buffer
	}
	return dst
}

// members appends the JSON object of m to dst and its members to w.bin,
// names in ascending order (with each member's end, at the top level).
// Maps of up to 16 members (items have few attributes) are sorted on the
// stack, by insertion as the map is iterated; larger ones in a slice.
func (w *recordWriter) members(dst []byte, m map[string]attr.Value, top bool) []byte {
	dst = append(dst, '{')
	if len(m) > 16 {
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		slices.Sort(names)
		if top {
			w.plainNames = allPlain(names)
		}
		for i, k := range names {
			dst = w.member(dst, i, k, m[k], top)
		}
		return append(dst, '}')
	}
	var names [16]string
	var values [16]attr.Value
	var order [16]uint8 // order[i] is the index of the i-th smallest name so far
	n := 0
	for k, v := range m {
		names[n], values[n] = k, v
		i := n
		for ; i > 0 && nameLess(k, names[order[i-1]]); i-- {
			order[i] = order[i-1]
		}
		order[i] = uint8(n)
		n++
	}
	if top {
		w.plainNames = allPlain(names[:n])
	}
	for i, j := range order[:n] {
		dst = w.member(dst, i, names[j], values[j], top)
	}
	return append(dst, '}')
}

// member writes the i-th member (0-based) of a map, named k; at the top
// level, with its end.
func (w *recordWriter) member(dst []byte, i int, k string, v attr.Value, top bool) []byte {
	if i > 0 {
		dst = append(dst, ',')
	}
	if top && w.plainNames {
		dst = append(dst, '"')
		dst = append(dst, k...)
		dst = append(dst, '"', ':')
	} else {
		dst = attr.AppendString(dst, k)
		dst = append(dst, ':')
	}
	if !top {
		w.bin = appendString(w.bin, k)
		return w.value(dst, v)
	}
	if w.plainNames {
		w.bin = binary.AppendUvarint(w.bin, uint64(len(k)))
	} else {
		w.bin = appendString(w.bin, k)
	}
	dst = w.value(dst, v)
	w.bin = binary.AppendUvarint(w.bin, uint64(len(dst)-w.base))
	return dst
}

// allPlain reports whether every name is a plain string (attr.PlainString),
// testing the printable ASCII ones, nearly all, byte by byte.
func allPlain(names []string) bool {
	for _, k := range names {
		for i := 0; i < len(k); i++ {
			if c := k[i]; plainASCII[c>>6]>>(c&63)&1 == 0 {
				if !attr.PlainString(k) {
					return false
				}
				break
			}
		}
	}
	return true
}

// plainASCII has bit c%64 of word c/64 set for the bytes c that stand for
// themselves in a JSON string (attr.AppendString): printable ASCII
// (0x20–0x7F) but '"' (0x22) and '\\' (0x5C).
var plainASCII = [4]uint64{0xffff_fffb_0000_0000, 0xffff_ffff_efff_ffff}

// nameLess is a < b, deciding on the first bytes where it can without a
// call (names mostly differ there).
func nameLess(a, b string) bool {
	if len(a) > 0 && len(b) > 0 && a[0] != b[0] {
		return a[0] < b[0]
	}
	return a < b
}

// appendString appends s's length and bytes. It is for the rarer parts
// of a record (names and strings to escape, sets, binaries) and is not
// inlined, as appendUvarint: the module for the page stays smaller.
//
//go:noinline
func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// value appends the DynamoDB JSON of v to dst (as attr.AppendJSON writes
// it) and its binary form to w.bin.
func (w *recordWriter) value(dst []byte, v attr.Value) []byte {
	t := v.Type()
	switch t {
	case attr.TypeS, attr.TypeN:
		s := scalarText(v)
		if t == attr.TypeS && !v.KnownPlain() && !attr.PlainString(s) {
			break
		}
		// Held in the JSON only: {"S":"text"}, {"N":"text"}.
		b, prefix := byte(t), `{"N":"`
		if t == attr.TypeS {
			b, prefix = plainS, `{"S":"`
		}
		w.bin = append(w.bin, b)
		dst = append(dst, prefix...)
		w.bin = binary.AppendUvarint(w.bin, uint64(len(s)))
		w.bin = binary.AppendUvarint(w.bin, uint64(len(dst)-w.base))
		dst = append(dst, s...)
		return append(dst, `"}`...)
	case attr.TypeL:
		l := v.List()
		w.bin = appendUvarint(append(w.bin, byte(t)), uint64(len(l)))
		dst = append(dst, `{"L":[`...)
		for i, e := range l {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = w.value(dst, e)
		}
		return append(dst, "]}"...)
	case attr.TypeM:
		m := v.Map()
		w.bin = appendUvarint(append(w.bin, byte(t)), uint64(len(m)))
		dst = append(dst, `{"M":`...)
		dst = w.members(dst, m, false)
		return append(dst, '}')
	}
	// The rest (strings to escape, binaries, BOOL, NULL, sets) is held in
	// the binary too.
	w.bin = append(w.bin, byte(t))
	switch t {
	case attr.TypeS, attr.TypeB:
		w.bin = appendString(w.bin, scalarText(v))
	case attr.TypeBOOL:
		b := byte(0)
		if v.BoolValue() {
			b = 1
		}
		w.bin = append(w.bin, b)
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		ms := v.Members()
		w.bin = appendUvarint(w.bin, uint64(len(ms)))
		for _, m := range ms {
			w.bin = appendString(w.bin, scalarText(m))
		}
	}
	return attr.AppendJSON(dst, v)
}

// appendUvarint is binary.AppendUvarint, not inlined (see appendString).
//
//go:noinline
func appendUvarint(dst []byte, x uint64) []byte { return binary.AppendUvarint(dst, x) }

// bytesOf returns the bytes of a B value as a string. (attr only hands
// out copies; this costs one.)
func bytesOf(v attr.Value) string { return string(v.Bytes()) }

// scalarText returns the payload of an S, N or B set member.
func scalarText(v attr.Value) string {
	switch v.Type() {
	case attr.TypeS:
		return v.Str()
	case attr.TypeN:
		return v.NumText()
	}
	return bytesOf(v)
}

// skip moves past one value (as written by appendValue) without decoding it.
func (d *decoder) skip() {
	b := d.s[d.i]
	d.i++
	switch typeOf(b) {
	case attr.TypeS, attr.TypeB:
		n := d.uvarint()
		if b == plainS {
			d.uvarint()
		} else {
			d.i += n
		}
	case attr.TypeN:
		d.uvarint()
		d.uvarint()
	case attr.TypeBOOL:
		d.i++
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		for range d.uvarint() {
			d.i += d.uvarint()
		}
	case attr.TypeL:
		for range d.uvarint() {
			d.skip()
		}
	case attr.TypeM:
		for range d.uvarint() {
			d.i += d.uvarint()
			d.skip()
		}
	}
}

// recordSize returns the attr.ItemSize stored at the start of rec.
func recordSize(rec string) int64 {
	n, _ := uvarint(rec, 0)
	return int64(n)
}

// decodeRecord returns the item encoded in rec. rec must have been made
// by appendRecord; anything else panics.
func decodeRecord(rec string) attr.Item {
	d := decoder{s: rec}
	n := d.header()
	it := make(attr.Item, n)
	for range n {
		name := d.name()
		it[name] = d.value()
		d.end()
	}
	return it
}

// Record is one stored item as QueryRecords and ScanRecords hand it out,
// still encoded: a reader that needs only its size or a few of its
// attributes need not decode it whole. The zero Record is not valid.
// Records are immutable and stay valid after later writes to the table.
type Record struct{ rec string }

// Item returns the whole item, decoded afresh (as Get hands it out).
func (r Record) Item() attr.Item { return decodeRecord(r.rec) }

// Size returns the item's attr.ItemSize, without decoding it.
func (r Record) Size() int64 { return recordSize(r.rec) }

// JSONBound returns a bound on the length of what AppendJSON appends,
// with any names: the record's own length, which holds the item's JSON.
func (r Record) JSONBound() int { return len(r.rec) }

// Attrs returns a fresh item holding only the top-level attributes of the
// stored item whose names are in names (those it has; names it lacks are
// absent). Duplicate names are allowed. The other attributes are skipped
// without being decoded.
func (r Record) Attrs(names ...string) attr.Item {
	it := make(attr.Item, len(names))
	r.AttrsTo(it, names...)
	return it
}

// AttrsTo is Attrs into dst, for a caller that reuses one map across
// records: it removes every attribute of dst, then adds those Attrs would
// return. dst must not be nil.
func (r Record) AttrsTo(dst attr.Item, names ...string) {
	clear(dst)
	d := decoder{s: r.rec}
	n := d.header()
	for range n {
		name := d.name()
		if !contains(names, name) {
			d.skip()
			d.end()
			continue
		}
		dst[name] = d.value()
		if len(dst) == len(names) {
			break
		}
		d.end()
	}
}

// decoder reads a record: s is the record, i the position in it, base
// where its JSON starts, from where the current top-level member starts
// in the JSON, plain whether top-level names are held there only.
type decoder struct {
	s             string
	i, base, from int
	plain         bool
}

func uvarint(s string, i int) (uint64, int) {
	var x uint64
	var shift uint
	for {
		c := s[i]
		i++
		if c < 0x80 {
			return x | uint64(c)<<shift, i
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
}

// header reads a record's header and moves past its JSON, to the first
// member: it returns the number of top-level attributes.
func (d *decoder) header() (count int) {
	d.uvarint() // size
	c := d.uvarint()
	count, d.plain, d.from = c>>1, c&1 == 1, 1
	s := d.s[d.i : d.i+4]
	n := int(s[0]) | int(s[1])<<8 | int(s[2])<<16 | int(s[3])<<24
	d.base = d.i + 4
	d.i = d.base + n
	return count
}

// name reads a top-level member's name.
func (d *decoder) name() string {
	if !d.plain {
		return d.str()
	}
	n := d.uvarint()
	at := d.base + d.from + 1 // after the name's opening '"'
	return d.s[at : at+n]
}

// end reads where a top-level member ends in the JSON, after its value.
func (d *decoder) end() int {
	e := d.uvarint()
	d.from = e + 1 // after the ',' (or the closing '}')
	return e
}

func (d *decoder) uvarint() int {
	x, i := uvarint(d.s, d.i)
	d.i = i
	return int(x)
}

func (d *decoder) str() string {
	n := d.uvarint()
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

// ref reads the payload of a text held in the JSON.
func (d *decoder) ref() string {
	n := d.uvarint()
	at := d.base + d.uvarint()
	return d.s[at : at+n]
}

func (d *decoder) value() attr.Value {
	b := d.s[d.i]
	t := typeOf(b)
	d.i++
	switch t {
	case attr.TypeS:
		if b == plainS {
			return attr.S(d.ref())
		}
		return attr.S(d.str())
	case attr.TypeN:
		return attr.TrustedN(d.ref())
	case attr.TypeB:
		return attr.TrustedB(d.str())
	case attr.TypeBOOL:
		b := d.s[d.i] == 1
		d.i++
		return attr.Bool(b)
	case attr.TypeNULL:
		return attr.Null()
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		n := d.uvarint()
		ms := make([]attr.Value, n)
		for i := range ms {
			s := d.str()
			switch t {
			case attr.TypeSS:
				ms[i] = attr.S(s)
			case attr.TypeNS:
				ms[i] = attr.TrustedN(s)
			default:
				ms[i] = attr.TrustedB(s)
			}
		}
		return attr.TrustedSet(t, ms)
	case attr.TypeL:
		n := d.uvarint()
		l := make([]attr.Value, n)
		for i := range l {
			l[i] = d.value()
		}
		return attr.L(l)
	case attr.TypeM:
		n := d.uvarint()
		m := make(map[string]attr.Value, n)
		for range n {
			k := d.str()
			m[k] = d.value()
		}
		return attr.M(m)
	case 0:
		return attr.Value{}
	}
	panic("storage: corrupt record")
}

// AppendJSON appends the item's DynamoDB JSON to dst and returns the
// extended buffer: byte for byte what attr.AppendItemJSON writes for
// r.Item(), or, when names is not nil, for r.Attrs(names...) (so an empty
// non-nil names writes {}). It decodes nothing: the whole item's JSON is
// a copy of the record's, some attributes' the spans of their members.
func (r Record) AppendJSON(dst []byte, names []string) []byte {
	d := decoder{s: r.rec}
	n := d.header()
	json := r.rec[d.base:d.i]
	if names == nil {
		return append(dst, json...)
	}
	dst = append(dst, '{')
	first := len(dst)
	for range n {
		from := d.from
		name := d.name()
		d.skip()
		end := d.end()
		if contains(names, name) {
			if len(dst) > first {
				dst = append(dst, ',')
			}
			dst = append(dst, json[from:end]...)
		}
	}
	return append(dst, '}')
}

// AttrsSize returns attr.ItemSize(r.Attrs(names...)) (the size of the
// named attributes the item has; duplicate names count once), without
// decoding them.
func (r Record) AttrsSize(names ...string) int64 {
	d := decoder{s: r.rec}
	count := d.header()
	var n int64
	for range count {
		name := d.name()
		if contains(names, name) {
			n += int64(len(name) + d.size())
		} else {
			d.skip()
		}
		d.end()
	}
	return n
}

// size returns attr.Size of the value at d and moves past it.
func (d *decoder) size() int {
	b := d.s[d.i]
	d.i++
	switch typeOf(b) {
	case attr.TypeS, attr.TypeB:
		n := d.uvarint()
		if b == plainS {
			d.uvarint()
		} else {
			d.i += n
		}
		return n
	case attr.TypeN:
		return attr.Size(attr.TrustedN(d.ref()))
	case attr.TypeBOOL:
		d.i++
		return 1
	case attr.TypeNULL:
		return 1
	case attr.TypeSS, attr.TypeBS:
		n := 0
		for range d.uvarint() {
			m := d.uvarint()
			d.i += m
			n += m
		}
		return n
	case attr.TypeNS:
		n := 0
		for range d.uvarint() {
			n += attr.Size(attr.TrustedN(d.str()))
		}
		return n
	case attr.TypeL:
		n := 3
		for range d.uvarint() {
			n += 1 + d.size()
		}
		return n
	case attr.TypeM:
		n := 3
		for range d.uvarint() {
			k := d.uvarint()
			d.i += k
			n += 1 + k + d.size()
		}
		return n
	}
	return 0
}

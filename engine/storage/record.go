package storage

import (
	"encoding/binary"
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Items are held encoded, one string per item (a Go map per item costs
// several times the item's own size). A record is
//
//	record := uvarint(itemSize) uvarint(count<<1 | plainNames) { name value }
//	name   := uvarint(len) bytes
//	value  := type payload
//
// where plainNames is 1 when every top-level name is a plain string
// (attr.PlainString: AppendJSON copies them), type is the attr.Type byte
// and payload is
//
//	S, N, B     uvarint(len) bytes (N in canonical text)
//	plain S     as S, for a string attr.AppendString writes unchanged
//	            (attr.PlainString): type is plainS, TypeS with the
//	            plainBit set, so that AppendJSON copies it (an SS of
//	            plain strings has the plainBit too)
//	BOOL        one byte, 0 or 1
//	NULL        nothing
//	SS, NS, BS  uvarint(count) { uvarint(len) bytes }, in stored order
//	L           uvarint(count) { value }
//	M           uvarint(count) { name value }
//
// Names are written in ascending byte order, at the top level and in
// every M, so a record is a deterministic function of its item and its
// DynamoDB JSON (AppendJSON) can be written in the order
// attr.AppendItemJSON uses without sorting.
//
// Decoding hands out S, N and B values and all names as substrings of the
// record, without copying, and rebuilds numbers and sets with attr's
// trusted constructors: a record only ever holds what appendRecord wrote
// from valid values (canonical numbers, sets without duplicates).

// plainBit marks, in the type byte of an S value, a plain string (see
// attr.PlainString), and in that of an SS value, a set of plain strings;
// typeOf masks it out.
const (
	plainBit = 0x80
	plainS   = plainBit | byte(attr.TypeS)
)

// plainMembers reports whether every member of a string set is plain.
func plainMembers(ms []attr.Value) bool {
	for _, m := range ms {
		if !attr.PlainString(m.Str()) {
			return false
		}
	}
	return true
}

// typeOf returns the attribute type of the type byte b.
func typeOf(b byte) attr.Type { return attr.Type(b &^ plainBit) }

// appendRecord appends the record of it to dst. size is attr.ItemSize(it).
func appendRecord(dst []byte, it attr.Item, size int) []byte {
	dst = binary.AppendUvarint(dst, uint64(size))
	plain := uint64(1)
	for name := range it {
		if !attr.PlainString(name) {
			plain = 0
			break
		}
	}
	dst = binary.AppendUvarint(dst, uint64(len(it))<<1|plain)
	return appendMembers(dst, it)
}

// appendMembers appends the members of m, names in ascending order. Maps
// of up to 16 members (items have few attributes) are sorted on the
// stack, by insertion as the map is iterated; larger ones in a slice.
func appendMembers(dst []byte, m map[string]attr.Value) []byte {
	if len(m) > 16 {
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			dst = appendString(dst, k)
			dst = appendValue(dst, m[k])
		}
		return dst
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
	for _, j := range order[:n] {
		dst = appendString(dst, names[j])
		dst = appendValue(dst, values[j])
	}
	return dst
}

// nameLess is a < b, deciding on the first bytes where it can without a
// call (names mostly differ there).
func nameLess(a, b string) bool {
	if len(a) > 0 && len(b) > 0 && a[0] != b[0] {
		return a[0] < b[0]
	}
	return a < b
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendValue(dst []byte, v attr.Value) []byte {
	t := v.Type()
	b := byte(t)
	switch {
	case t == attr.TypeS && attr.PlainString(v.Str()):
		b |= plainBit
	case t == attr.TypeSS && plainMembers(v.Members()):
		b |= plainBit
	}
	dst = append(dst, b)
	switch t {
	case attr.TypeS:
		dst = appendString(dst, v.Str())
	case attr.TypeN:
		dst = appendString(dst, v.NumText())
	case attr.TypeB:
		dst = appendString(dst, bytesOf(v))
	case attr.TypeBOOL:
		if v.BoolValue() {
			dst = append(dst, 1)
		} else {
			dst = append(dst, 0)
		}
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		ms := v.Members()
		dst = binary.AppendUvarint(dst, uint64(len(ms)))
		for _, m := range ms {
			dst = appendString(dst, scalarText(m))
		}
	case attr.TypeL:
		l := v.List()
		dst = binary.AppendUvarint(dst, uint64(len(l)))
		for _, e := range l {
			dst = appendValue(dst, e)
		}
	case attr.TypeM:
		m := v.Map()
		dst = binary.AppendUvarint(dst, uint64(len(m)))
		dst = appendMembers(dst, m)
	}
	return dst
}

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
	t := typeOf(d.s[d.i])
	d.i++
	switch t {
	case attr.TypeS, attr.TypeN, attr.TypeB:
		d.i += d.uvarint()
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
	n, _ := d.header()
	it := make(attr.Item, n)
	for range n {
		name := d.str()
		it[name] = d.value()
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
	n, _ := d.header()
	for range n {
		name := d.str()
		if !contains(names, name) {
			d.skip()
			continue
		}
		dst[name] = d.value()
		if len(dst) == len(names) {
			break
		}
	}
}

type decoder struct {
	s string
	i int
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

// header reads a record's header: it returns the number of top-level
// attributes and whether their names are all plain.
func (d *decoder) header() (count int, plainNames bool) {
	d.uvarint() // size
	c := d.uvarint()
	return c >> 1, c&1 == 1
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

func (d *decoder) value() attr.Value {
	t := typeOf(d.s[d.i])
	d.i++
	switch t {
	case attr.TypeS:
		return attr.S(d.str())
	case attr.TypeN:
		return attr.TrustedN(d.str())
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
// non-nil names writes {}). It decodes nothing: the record's names are
// already in the order attr.AppendItemJSON sorts them in.
//
// Most of an item's JSON is its record's own bytes: the buffer grows once
// for the whole item, and an attribute with a plain name and a plain S or
// an N value (the commonest) is written by index, the syntax between its
// name and value as one 8-byte store.
func (r Record) AppendJSON(dst []byte, names []string) []byte {
	s := r.rec
	_, i := uvarint(s, 0) // the item's size
	c, i := uvarint(s, i)
	n, plainNames := int(c>>1), c&1 == 1
	if names == nil {
		dst = slices.Grow(dst, len(s)+16*n)
	}
	// Each attribute is written after a comma; the first comma becomes
	// the opening brace.
	start := len(dst)
	for range n {
		l, j := uvarint(s, i)
		name := s[j : j+int(l)]
		i = j + int(l)
		if names != nil && !contains(names, name) {
			d := decoder{s: s, i: i}
			d.skip()
			i = d.i
			continue
		}
		if t := s[i]; plainNames && (t == plainS || t == byte(attr.TypeN)) {
			l, j := uvarint(s, i+1)
			v := s[j : j+int(l)]
			i = j + int(l)
			need := len(name) + len(v) + 12 // ,"name":{"S":"value"}
			if cap(dst)-len(dst) < need {
				dst = slices.Grow(dst, need)
			}
			k := len(dst)
			dst = dst[:k+need]
			dst[k], dst[k+1] = ',', '"'
			k += 2 + copy(dst[k+2:], name)
			syntax := syntaxS
			if t != plainS {
				syntax = syntaxN
			}
			binary.LittleEndian.PutUint64(dst[k:], syntax)
			k += 8 + copy(dst[k+8:], v)
			dst[k], dst[k+1] = '"', '}'
			continue
		}
		dst = append(dst, ',')
		if plainNames {
			dst = append(dst, '"')
			dst = append(dst, name...)
			dst = append(dst, '"')
		} else {
			dst = attr.AppendString(dst, name)
		}
		dst = append(dst, ':')
		d := decoder{s: s, i: i}
		dst = d.appendJSON(dst)
		i = d.i
	}
	if len(dst) == start {
		dst = append(dst, '{')
	} else {
		dst[start] = '{'
	}
	return append(dst, '}')
}

// syntaxS and syntaxN are the 8 bytes between a name's last character and
// an S or N value's first, little-endian, for AppendJSON.
var (
	syntaxS = binary.LittleEndian.Uint64([]byte(`":{"S":"`))
	syntaxN = binary.LittleEndian.Uint64([]byte(`":{"N":"`))
)

// appendJSON appends the DynamoDB JSON of the value at d, as attr.AppendJSON
// writes it, and moves past the value.
func (d *decoder) appendJSON(dst []byte) []byte {
	b := d.s[d.i]
	t := typeOf(b)
	d.i++
	switch t {
	case attr.TypeS:
		if b == plainS {
			dst = append(dst, `{"S":"`...)
			dst = append(dst, d.str()...)
			return append(dst, `"}`...)
		}
		dst = append(dst, `{"S":`...)
		dst = attr.AppendString(dst, d.str())
		return append(dst, '}')
	case attr.TypeN:
		dst = append(dst, `{"N":"`...)
		dst = append(dst, d.str()...)
		return append(dst, `"}`...)
	case attr.TypeB:
		dst = append(dst, `{"B":"`...)
		dst = attr.AppendBase64(dst, d.str())
		return append(dst, `"}`...)
	case attr.TypeBOOL:
		b := d.s[d.i] == 1
		d.i++
		if b {
			return append(dst, `{"BOOL":true}`...)
		}
		return append(dst, `{"BOOL":false}`...)
	case attr.TypeNULL:
		return append(dst, `{"NULL":true}`...)
	case attr.TypeSS, attr.TypeNS, attr.TypeBS:
		dst = append(dst, `{"`...)
		dst = append(dst, t.String()...)
		dst = append(dst, `":[`...)
		for i := range d.uvarint() {
			if i > 0 {
				dst = append(dst, ',')
			}
			s := d.str()
			switch {
			case b&plainBit != 0: // SS of plain strings
				dst = append(dst, '"')
				dst = append(dst, s...)
				dst = append(dst, '"')
			case t == attr.TypeSS:
				dst = attr.AppendString(dst, s)
			case t == attr.TypeNS:
				dst = append(dst, '"')
				dst = append(dst, s...)
				dst = append(dst, '"')
			default:
				dst = append(dst, '"')
				dst = attr.AppendBase64(dst, s)
				dst = append(dst, '"')
			}
		}
		return append(dst, "]}"...)
	case attr.TypeL:
		dst = append(dst, `{"L":[`...)
		for i := range d.uvarint() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = d.appendJSON(dst)
		}
		return append(dst, "]}"...)
	case attr.TypeM:
		dst = append(dst, `{"M":{`...)
		for i := range d.uvarint() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = attr.AppendString(dst, d.str())
			dst = append(dst, ':')
			dst = d.appendJSON(dst)
		}
		return append(dst, "}}"...)
	case 0:
		return append(dst, "null"...)
	}
	panic("storage: corrupt record")
}

// AttrsSize returns attr.ItemSize(r.Attrs(names...)) (the size of the
// named attributes the item has; duplicate names count once), without
// decoding them.
func (r Record) AttrsSize(names ...string) int64 {
	d := decoder{s: r.rec}
	count, _ := d.header()
	var n int64
	for range count {
		name := d.str()
		if !contains(names, name) {
			d.skip()
			continue
		}
		n += int64(len(name) + d.size())
	}
	return n
}

// size returns attr.Size of the value at d and moves past it.
func (d *decoder) size() int {
	t := typeOf(d.s[d.i])
	d.i++
	switch t {
	case attr.TypeS, attr.TypeB:
		n := d.uvarint()
		d.i += n
		return n
	case attr.TypeN:
		return attr.Size(attr.TrustedN(d.str()))
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

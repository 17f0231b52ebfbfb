package storage

import (
	"encoding/binary"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Items are held encoded, one string per item (a Go map per item costs
// several times the item's own size). A record is
//
//	record := uvarint(itemSize) uvarint(count) { name value }
//	name   := uvarint(len) bytes
//	value  := type payload
//
// where type is the attr.Type byte and payload is
//
//	S, N, B     uvarint(len) bytes (N in canonical text)
//	BOOL        one byte, 0 or 1
//	NULL        nothing
//	SS, NS, BS  uvarint(count) { uvarint(len) bytes }, in stored order
//	L           uvarint(count) { value }
//	M           uvarint(count) { name value }
//
// Decoding hands out S, N and B values and all names as substrings of the
// record, without copying, and rebuilds numbers and sets with attr's
// trusted constructors: a record only ever holds what appendRecord wrote
// from valid values (canonical numbers, sets without duplicates).

// appendRecord appends the record of it to dst. size is attr.ItemSize(it).
func appendRecord(dst []byte, it attr.Item, size int) []byte {
	dst = binary.AppendUvarint(dst, uint64(size))
	dst = binary.AppendUvarint(dst, uint64(len(it)))
	for name, v := range it {
		dst = appendString(dst, name)
		dst = appendValue(dst, v)
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendValue(dst []byte, v attr.Value) []byte {
	t := v.Type()
	dst = append(dst, byte(t))
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
		for k, e := range m {
			dst = appendString(dst, k)
			dst = appendValue(dst, e)
		}
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
	t := attr.Type(d.s[d.i])
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
	d.uvarint() // size
	n := d.uvarint()
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
	d.uvarint() // size
	n := d.uvarint()
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
	t := attr.Type(d.s[d.i])
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

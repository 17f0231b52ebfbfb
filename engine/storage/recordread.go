package storage

import "github.com/ddbplay/ddbplay/engine/attr"

// Reading a record (its format is described in record.go): Record is what
// the table hands out, and the decoder moves through the binary members,
// decoding a value, only its size, or skipping it.

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

// skip moves past one value (as recordWriter.value wrote it) without decoding it.
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

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
	dst, flag, at := w.start(dst, size, len(it))
	dst = w.members(dst, it, true)
	return w.finish(dst, flag, at)
}

// start appends the head of the record of an item of size bytes with count
// top-level members, and readies w for its JSON and binary members. It
// returns where the plain-names flag is (the low bit of the count's first
// byte, decided once the names are in order: w.plainNames) and where the
// JSON's length goes, for finish.
func (w *recordWriter) start(dst []byte, size, count int) (_ []byte, flag, at int) {
	dst = binary.AppendUvarint(dst, uint64(size))
	flag = len(dst)
	dst = binary.AppendUvarint(dst, uint64(count)<<1|1)
	at = len(dst)
	dst = append(dst, 0, 0, 0, 0)
	w.base = len(dst)
	w.bin = w.bin[:0]
	return dst, flag, at
}

// finish ends the record start began, its JSON written: the plain-names
// flag, the JSON's length, and the binary members after it.
func (w *recordWriter) finish(dst []byte, flag, at int) []byte {
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

// allPlain reports whether every name is a plain string (plainName).
func allPlain(names []string) bool {
	for _, k := range names {
		if !plainName(k) {
			return false
		}
	}
	return true
}

// plainName reports whether k is a plain string (attr.PlainString),
// testing a printable ASCII name, nearly all, byte by byte.
func plainName(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; plainASCII[c>>6]>>(c&63)&1 == 0 {
			return attr.PlainString(k)
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

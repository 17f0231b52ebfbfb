//go:build !(js && wasm)

package storage

import (
	"encoding/binary"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Items given as their members in name order, without repeats
// (attr.DecodeMembers), for the engine's short paths (its shortitem.go),
// which the browser's WebAssembly build leaves out, and this with them.
// Each function is its map-taking twin's work, over the members.

// PutMembers is PutAdmitNoOld, with no admit, for an item given as its
// members, of the given size (attr.ItemSize): it stores the same record
// (appendRecordMembers) under the same key. The table must have no index
// (PutMembers panics otherwise), and the item valid key attributes, as
// for Put.
func (t *Table) PutMembers(ms []attr.Member, size int) (existed bool) {
	if len(t.indexes) > 0 {
		panic("storage: PutMembers on a table with indexes")
	}
	buf, partEnd, ok := appendMembersKey(t.scratch[:0], t.key, ms)
	if !ok {
		panic("storage: Put of an item without valid primary key attributes")
	}
	klen := len(buf)
	buf = t.records.appendRecordMembers(buf, ms, size)
	t.scratch = buf
	s := string(buf)
	e := newEntry(s[:klen], s[klen:])

	// put's bookkeeping, without indexes.
	prev, existed := t.tree.ReplaceOrInsert(e)
	var oldSize int64
	if existed {
		oldSize = recordSize(prev.rec)
	}
	delta := int64(size) - oldSize
	t.size += delta
	if existed {
		t.stats.add(e.head, 0, delta, 0)
	} else {
		t.stats.add(e.head, 1, delta, t.newCollection(e))
	}
	if t.coll != nil {
		t.addCollection(e.key[:partEnd], delta, !existed)
	}
	return existed
}

// GetRecordMembers is GetRecord for a key given as its members.
func (t *Table) GetRecordMembers(key []attr.Member) (Record, bool) {
	var buf [64]byte
	b, _, ok := appendMembersKey(buf[:0], t.key, key)
	if !ok {
		return Record{}, false
	}
	e, ok := t.tree.Get(pivot(string(b)))
	if !ok {
		return Record{}, false
	}
	return Record{e.rec}, true
}

// appendRecordMembers is appendRecord for an item given as its members.
func (w *recordWriter) appendRecordMembers(dst []byte, ms []attr.Member, size int) []byte {
	dst = binary.AppendUvarint(dst, uint64(size))
	flag := len(dst)
	dst = binary.AppendUvarint(dst, uint64(len(ms))<<1|1)
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	w.base = len(dst)
	w.bin = w.bin[:0]
	w.plainNames = membersPlain(ms)
	dst = append(dst, '{')
	for i, m := range ms {
		dst = w.member(dst, i, m.Name, m.Value, true)
	}
	dst = append(dst, '}')
	if !w.plainNames {
		dst[flag] &^= 1
	}
	binary.LittleEndian.PutUint32(dst[at:], uint32(len(dst)-w.base))
	dst = append(dst, w.bin...)
	if cap(w.bin) > 1<<20 {
		w.bin = nil
	}
	return dst
}

// appendMembersKey is appendKey for an item given as its members.
func appendMembersKey(dst []byte, ks KeySchema, ms []attr.Member) (_ []byte, partEnd int, ok bool) {
	pk, ok := memberKeyValue(ms, ks.Hash, ks.HashType)
	if !ok {
		return dst, 0, false
	}
	var sk attr.Value
	if ks.Range != "" {
		if sk, ok = memberKeyValue(ms, ks.Range, ks.RangeType); !ok {
			return dst, 0, false
		}
	}
	dst = appendPartition(dst, pk)
	partEnd = len(dst)
	if ks.Range != "" {
		dst = attr.AppendKey(dst, sk)
	}
	return dst, partEnd, true
}

// memberKeyValue is keyValue for an item given as its members.
func memberKeyValue(ms []attr.Member, name string, typ attr.Type) (attr.Value, bool) {
	for _, m := range ms {
		if m.Name == name {
			if v := m.Value; v.Type().IsScalarKey() && (typ == 0 || v.Type() == typ) {
				return v, true
			}
			break
		}
	}
	return attr.Value{}, false
}

// membersPlain is allPlain of the members' names.
func membersPlain(ms []attr.Member) bool {
	for _, m := range ms {
		k := m.Name
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

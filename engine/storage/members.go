//go:build !(js && wasm)

package storage

import "github.com/ddbplay/ddbplay/engine/attr"

// Items given as their members in name order, without repeats
// (attr.DecodeMembers), for the engine's short paths (its shortitem.go),
// which the browser's WebAssembly build leaves out, and this with them.
// Each function is its map-taking twin's work, over the members.

// PutMembers is PutAdmitNoOld, with no admit, for an item given as its
// members (attr.DecodeMembers), whose key attributes are pk and sk (sk
// unused without a sort key): it stores the same record
// (appendRecordMembers) under the same key. The table must have no index
// (PutMembers panics otherwise), and pk and sk be valid key values, as
// for Put.
func (t *Table) PutMembers(m attr.Members, pk, sk attr.Value) (existed bool) {
	if len(t.indexes) > 0 {
		panic("storage: PutMembers on a table with indexes")
	}
	buf, partEnd := t.appendKeyValues(t.scratch[:0], pk, sk)
	klen := len(buf)
	buf = t.records.appendRecordMembers(buf, m)
	t.scratch = buf
	s := string(buf)
	e := newEntry(s[:klen], s[klen:])

	// put's bookkeeping, without indexes.
	prev, existed := t.tree.ReplaceOrInsert(e)
	var oldSize int64
	if existed {
		oldSize = recordSize(prev.rec)
	}
	delta := int64(m.Size) - oldSize
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

// GetRecordKey is GetRecord for a key given as its values: pk, and sk
// when the table has a sort key; both of the key schema's types.
func (t *Table) GetRecordKey(pk, sk attr.Value) (Record, bool) {
	var buf [64]byte
	b, _ := t.appendKeyValues(buf[:0], pk, sk)
	e, ok := t.tree.Get(pivot(string(b)))
	if !ok {
		return Record{}, false
	}
	return Record{e.rec}, true
}

// appendRecordMembers is appendRecord for an item given as its members.
func (w *recordWriter) appendRecordMembers(dst []byte, m attr.Members) []byte {
	ms := m.List
	dst, flag, at := w.start(dst, m.Size, len(ms))
	w.plainNames = m.PlainNames || membersPlain(ms)
	dst = append(dst, '{')
	for i, a := range ms {
		dst = w.member(dst, i, a.Name, a.Value, true)
	}
	dst = append(dst, '}')
	return w.finish(dst, flag, at)
}

// appendKeyValues is appendKey for the key values pk and sk.
func (t *Table) appendKeyValues(dst []byte, pk, sk attr.Value) (_ []byte, partEnd int) {
	dst = appendPartition(dst, pk)
	partEnd = len(dst)
	if t.key.Range != "" {
		dst = attr.AppendKey(dst, sk)
	}
	return dst, partEnd
}

// membersPlain is allPlain of the members' names.
func membersPlain(ms []attr.Member) bool {
	for _, m := range ms {
		if !plainName(m.Name) {
			return false
		}
	}
	return true
}

//go:build !(js && wasm)

package engine

import (
	"errors"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/shortreq"
)

// The short paths of Handle's GetItem and PutItem: their commonest
// requests, as the SDKs send them — {"TableName":"…","Key":{…}} and
// {"TableName":"…","Item":{…}}, compact, nothing else — on a table that
// needs nothing more (throughput not enforced; for PutItem also no index,
// no enabled stream, no item-collection limit), are served without the
// field tables and without a map of the item: the item or key is decoded
// into its members in name order (attr.DecodeMembers), checked, and
// written to storage (or looked up) from them. Whatever else they find —
// another member, white space, a rule broken, a missing table — they
// leave untouched to the general path, which decodes the request afresh
// and gives DynamoDB's answer; they answer only what it would answer
// without an error, and write only what it would write.
// FuzzHandleShortPaths checks them against the general path. They are
// left out of the browser's WebAssembly build (shortitem_js.go), whose
// module they would make 25 KB larger, 6 KB in gzip -9.

// shortItemOp serves op from body by its short path and appends the
// answer to dst; ok false when op has none or the request is not one it
// takes (nothing was done then).
func (db *DB) shortItemOp(dst []byte, op string, body []byte) (_ []byte, ok bool) {
	switch op {
	case "GetItem":
		return db.shortGetItem(dst, body)
	case "PutItem":
		return db.shortPutItem(dst, body)
	}
	return nil, false
}

// shortGetItem is GetItem's short path: the whole item, eventually
// consistent, no capacity returned.
func (db *DB) shortGetItem(dst, body []byte) ([]byte, bool) {
	var buf [4]attr.Member
	name, key, ok := shortreq.Parse(body, "Key", buf[:0])
	if !ok {
		return nil, false
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t := db.tableBytes(name)
	if t == nil || t.enforced() {
		return nil, false
	}
	pk, sk, ok := shortreq.KeyValues(t.keySchema(), key.List, true)
	if !ok {
		return nil, false
	}
	rec, found := t.readData(false, false).GetRecordKey(pk, sk)
	if !found {
		return append(dst, "{}"...), true
	}
	dst = append(dst, `{"Item":`...)
	dst = rec.AppendJSON(dst, nil)
	return append(dst, '}'), true
}

// errLongPath tells shortPutItem's update to write nothing: the general
// path takes the request.
var errLongPath = errors.New("engine: the general path takes this request")

// shortPutItem is PutItem's short path: no condition, nothing returned.
func (db *DB) shortPutItem(dst, body []byte) ([]byte, bool) {
	var buf [16]attr.Member
	name, item, ok := shortreq.Parse(body, "Item", buf[:0])
	// Names are in order: an empty one would be first.
	if !ok || item.Size > schema.MaxItemBytes || len(item.List) > 0 && item.List[0].Name == "" {
		return nil, false
	}
	err := db.update(func(tx *txn) error {
		t := db.tableBytes(name)
		if t == nil || len(t.indexes) > 0 || t.stream != nil && t.stream.Enabled() || t.enforced() || t.collectionLimit > 0 {
			return errLongPath
		}
		pk, sk, ok := shortreq.KeyValues(t.keySchema(), item.List, false)
		if !ok {
			return errLongPath
		}
		t.data.PutMembers(item, pk, sk)
		t.replicate()
		return nil
	})
	if err != nil {
		return nil, false
	}
	return append(dst, "{}"...), true
}

// tableBytes is db.table of the name held in b, or nil for no such
// table, without allocating the name.
func (db *DB) tableBytes(b []byte) *table {
	if t, ok := db.tables[string(b)]; ok && !t.creating(db.clk.Now()) {
		return t
	}
	return nil
}

// keySchema is t's primary key as shortreq takes it.
func (t *table) keySchema() shortreq.Schema {
	return shortreq.Schema{Hash: t.key.Hash, Range: t.key.Range, HashType: t.hashType, RangeType: t.rangeType}
}

//go:build !(js && wasm)

package engine

import (
	"errors"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/validate"
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
	name, key, ok := itemRequest(body, "Key", buf[:0])
	if !ok {
		return nil, false
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t := db.tableBytes(name)
	if t == nil || t.enforced() {
		return nil, false
	}
	pk, sk, ok := t.keyMembers(key.List, true)
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
	name, item, ok := itemRequest(body, "Item", buf[:0])
	// Names are in order: an empty one would be first.
	if !ok || item.Size > schema.MaxItemBytes || len(item.List) > 0 && item.List[0].Name == "" {
		return nil, false
	}
	err := db.update(func(tx *txn) error {
		t := db.tableBytes(name)
		if t == nil || len(t.indexes) > 0 || t.stream != nil && t.stream.Enabled() || t.enforced() || t.collectionLimit > 0 {
			return errLongPath
		}
		pk, sk, ok := t.keyMembers(item.List, false)
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

// keyMembers returns the values of t's primary key attributes in ms, an
// item's members, if it holds them with their types and valid values —
// what checkItemKey (whole false) or checkKey (whole: the key attributes
// and nothing else) accept; ok false otherwise. sk is the zero Value
// without a sort key.
func (t *table) keyMembers(ms []attr.Member, whole bool) (pk, sk attr.Value, ok bool) {
	n := 0
	for _, m := range ms {
		hash := sameName(m.Name, t.key.Hash)
		if !hash && (t.key.Range == "" || !sameName(m.Name, t.key.Range)) {
			continue
		}
		want := t.hashType
		if !hash {
			want = t.rangeType
		}
		if m.Value.Type() != want || schema.CheckKeyValue(m.Name, m.Value, hash) != nil {
			return pk, sk, false
		}
		if hash {
			pk = m.Value
		} else {
			sk = m.Value
		}
		n++
	}
	want := 1
	if t.key.Range != "" {
		want = 2
	}
	return pk, sk, n == want && (!whole || len(ms) == want)
}

// sameName is a == b, deciding on the first bytes where it can.
func sameName(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || a[0] == b[0]) && a == b
}

// itemRequest parses body as exactly {"TableName":"name","member":{…}}
// (the two in either order, nothing else, no white space between them
// or around the object but what DecodeMembers takes before it),
// decoding the object of member by attr.DecodeMembers (into ms while it
// has room). It returns the table name's bytes (a name DynamoDB's rule
// admits, written without escapes) and the item; ok false for anything
// else, a rule broken in the object included.
func itemRequest(body []byte, member string, ms []attr.Member) (name []byte, item attr.Members, ok bool) {
	if len(body) < 2 || body[0] != '{' {
		return nil, attr.Members{}, false
	}
	const tableName = `"TableName":"`
	var haveName, haveItem bool
	for i := 1; ; {
		switch rest := body[i:]; {
		case !haveName && len(rest) > len(tableName) && string(rest[:len(tableName)]) == tableName:
			i += len(tableName)
			j := i
			for j < len(body) && body[j] != '"' {
				if c := body[j]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
					return nil, attr.Members{}, false
				}
				j++
			}
			if j == len(body) || j-i < validate.TableNameMin || j-i > validate.TableNameMax {
				return nil, attr.Members{}, false
			}
			name, haveName, i = body[i:j], true, j+1
		case !haveItem && len(rest) > len(member)+3 && rest[0] == '"' && string(rest[1:1+len(member)]) == member &&
			rest[1+len(member)] == '"' && rest[2+len(member)] == ':':
			i += len(member) + 3
			n, got, err := attr.DecodeMembers(body[i:], ms)
			if err != nil {
				return nil, attr.Members{}, false
			}
			item, haveItem, i = got, true, i+n
		default:
			return nil, attr.Members{}, false
		}
		if i < len(body) && body[i] == ',' {
			i++
			continue
		}
		if i == len(body)-1 && body[i] == '}' && haveName && haveItem {
			return name, item, true
		}
		return nil, attr.Members{}, false
	}
}

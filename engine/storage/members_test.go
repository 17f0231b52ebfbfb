//go:build !(js && wasm)

package storage

import (
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// FuzzPutMembers checks Table.PutMembers against Table.Put: an item
// decoded both as a map (attr.Item.DecodeJSONPrefix) and as its members
// (attr.DecodeMembers) makes the same record byte for byte
// (appendRecordMembers, appendRecord) under the same key (appendKey,
// appendKeyValues of its key values), and, put into two tables holding
// the same item, leaves them alike, with the record found by GetRecordKey
// as by GetRecord (with and without a sort key).
func FuzzPutMembers(f *testing.F) {
	for _, s := range []string{
		`{"pk":{"S":"a"}}`, `{"pk":{"S":"a"},"sk":{"N":"-1.5"},"v":{"S":"x"}}`, `{"sk":{"B":"AAE="},"pk":{"N":"2"}}`,
		`{"pk":{"S":"partition"},"sk":{"S":"sk-050"},"name":{"S":"user 50"},"count":{"N":"350"},` +
			`"active":{"BOOL":true},"tags":{"SS":["red","green","blue"]},"payload":{"S":"` + strings.Repeat("x", 950) + `"}}`,
		`{"pk":{"S":"a"},"q":{"S":"a\"b\u00e9"},"\u00e9":{"B":"AAAA"},"l":{"L":[{"N":"1"},{"M":{"z":{"NULL":true}}}]}}`,
		`{"pk":{"B":"AAE="},"x":{"S":"1"},"x":{"N":"2"},"":{"BS":["AA==","AQ=="]}}`,
		`{"pk":{"N":"7"},"a\u0001":{"NS":["3","1"]}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var it attr.Item
		if _, err := it.DecodeJSONPrefix(data); err != nil || it == nil {
			return
		}
		_, m, err := attr.DecodeMembers(data, nil)
		size := m.Size
		if err != nil {
			t.Fatalf("%q: DecodeMembers %v, DecodeJSONPrefix took it", data, err)
		}
		var w1, w2 recordWriter
		if r1, r2 := string(w1.appendRecord(nil, it, size)), string(w2.appendRecordMembers(nil, m)); r1 != r2 {
			t.Fatalf("%q: record of the map %q, of the members %q", data, r1, r2)
		}
		ks := KeySchema{Hash: "pk"}
		if _, _, ok := appendKey(nil, ks, it); !ok {
			return
		}
		pk := it["pk"]
		a, b := NewTable(ks, nil), NewTable(ks, nil)
		k1, p1, _ := appendKey(nil, ks, it)
		k2, p2 := b.appendKeyValues(nil, pk, attr.Value{})
		if string(k1) != string(k2) || p1 != p2 {
			t.Fatalf("%q: key of the map %q (%d), of the values %q (%d)", data, k1, p1, k2, p2)
		}
		first := attr.Item{"pk": pk, "old": attr.S("o")}
		a.Put(first)
		b.Put(first)
		_, existed1 := a.Put(it)
		existed2 := b.PutMembers(m, pk, attr.Value{})
		if existed1 != existed2 || !existed1 || a.SizeBytes() != b.SizeBytes() || a.Len() != b.Len() {
			t.Fatalf("%q: Put existed %v, %d items of %d bytes; PutMembers %v, %d of %d",
				data, existed1, a.Len(), a.SizeBytes(), existed2, b.Len(), b.SizeBytes())
		}
		r1, ok1 := a.GetRecordKey(pk, attr.Value{})
		r2, ok2 := b.GetRecord(it)
		if !ok1 || !ok2 || r1 != r2 {
			t.Fatalf("%q: GetRecordKey %v %v, GetRecord %v %v", data, r1, ok1, r2, ok2)
		}
		// And with a sort key.
		ks2 := KeySchema{Hash: "pk", Range: "sk"}
		sk, ok := it["sk"]
		if _, _, ok2 := appendKey(nil, ks2, it); !ok || !ok2 {
			return
		}
		c, d := NewTable(ks2, nil), NewTable(ks2, nil)
		c.Put(it)
		d.PutMembers(m, pk, sk)
		r3, ok3 := c.GetRecordKey(pk, sk)
		r4, ok4 := d.GetRecord(it)
		if !ok3 || !ok4 || r3 != r4 || c.SizeBytes() != d.SizeBytes() {
			t.Fatalf("%q (sort key): GetRecordKey %v %v, GetRecord %v %v", data, r3, ok3, r4, ok4)
		}
	})
}

package storage

import (
	"math"
	"strconv"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestPartitionHash_StartsEveryEntry(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", HashType: attr.TypeS},
		[]IndexDef{{Name: "g", Key: KeySchema{Hash: "gk", HashType: attr.TypeS}, ProjectionType: ProjectAll}})
	for i := range 50 {
		tb.Put(attr.Item{"pk": attr.S("k" + strconv.Itoa(i)), "gk": attr.S("g" + strconv.Itoa(i%7))})
	}
	tb.tree.Ascend(func(e entry) bool {
		it := decodeRecord(e.rec)
		if h := PartitionHash(it["pk"]); h != e.head {
			t.Fatalf("PartitionHash(%s) = %x, entry hash %x", it["pk"].Str(), h, e.head)
		}
		return true
	})
	tb.findIndex("g").tree.Ascend(func(e entry) bool {
		it := decodeRecord(e.rec)
		if h := PartitionHash(it["gk"]); h != e.head {
			t.Fatalf("index entry: PartitionHash(%s) = %x, entry hash %x", it["gk"].Str(), h, e.head)
		}
		return true
	})
}

func TestHashStats(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", HashType: attr.TypeS},
		[]IndexDef{{Name: "g", Key: KeySchema{Hash: "gk", HashType: attr.TypeS}, ProjectionType: ProjectAll}})
	for i := range 1000 {
		it := attr.Item{"pk": attr.S("k" + strconv.Itoa(i))}
		if i%2 == 0 {
			it["gk"] = attr.S("g")
		}
		tb.Put(it)
	}
	bounds := []uint64{0, 1 << 62, 1 << 63, 3 << 62}
	items, bytes := tb.HashStats("", bounds)
	var n, size int64
	for i := range bounds {
		n += items[i]
		size += bytes[i]
		if items[i] < 150 {
			t.Errorf("range %d holds %d of 1000 items: the hash is not spread", i, items[i])
		}
	}
	if n != 1000 || size != tb.SizeBytes() {
		t.Fatalf("stats sum to %d items / %d bytes, want 1000 / %d", n, size, tb.SizeBytes())
	}
	// Every index entry has the same partition key: one range holds them all.
	h := PartitionHash(attr.S("g"))
	items, _ = tb.HashStats("g", []uint64{0, h, h + 1})
	if items[0] != 0 || items[1] != 500 || items[2] != 0 {
		t.Fatalf("index stats %v, want [0 500 0]", items)
	}
	if items, _ := tb.HashStats("nope", []uint64{0}); items[0] != 0 {
		t.Fatal("an unknown index has entries")
	}
	if h := PartitionHash(attr.S("g")); h == 0 || h == math.MaxUint64 {
		t.Fatal("degenerate hash")
	}
}

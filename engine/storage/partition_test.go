package storage

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
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
	var n, size int64
	for i, r := range tb.HashStats("", bounds) {
		n += r.Items
		size += r.Bytes
		if r.Items < 150 {
			t.Errorf("range %d holds %d of 1000 items: the hash is not spread", i, r.Items)
		}
		if r.Collections != r.Items {
			t.Errorf("range %d: %d collections of %d items without a sort key", i, r.Collections, r.Items)
		}
	}
	if n != 1000 || size != tb.SizeBytes() {
		t.Fatalf("stats sum to %d items / %d bytes, want 1000 / %d", n, size, tb.SizeBytes())
	}
	// Every index entry has the same partition key: one range holds them
	// all, as one item collection.
	h := PartitionHash(attr.S("g"))
	st := tb.HashStats("g", []uint64{0, h, h + 1})
	if st[0].Items != 0 || st[1].Items != 500 || st[2].Items != 0 || st[1].Collections != 1 {
		t.Fatalf("index stats %v, want 500 entries in one collection in the middle range", st)
	}
	if st := tb.HashStats("nope", []uint64{0}); st[0] != (RangeStats{}) {
		t.Fatal("an unknown index has entries")
	}
	if h := PartitionHash(attr.S("g")); h == 0 || h == math.MaxUint64 {
		t.Fatal("degenerate hash")
	}
}

// walked counts the table's or an index's entries under bounds by walking
// them, the oracle of the running counts.
func walked(tb *Table, index string, bounds []uint64) []RangeStats {
	tree, _, x, _ := tb.statsFor(index)
	out := make([]RangeStats, len(bounds))
	for i, lo := range bounds {
		last := i+1 == len(bounds)
		var hi uint64
		if !last {
			hi = bounds[i+1]
		}
		out[i] = walkStats(tree, x, lo, hi, last)
	}
	return out
}

// The running counts (items, bytes, item collections per range of hashes)
// follow every put, replace and delete, on the table and on its indexes,
// through splits of the ranges (SetHashBounds), and a clone keeps its own.
func TestHashStats_RunningCounts(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN},
		[]IndexDef{
			{Name: "g", Key: KeySchema{Hash: "gk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN}, ProjectionType: ProjectKeysOnly},
			{Name: "l", Key: KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "lk", RangeType: attr.TypeS}, Local: true, ProjectionType: ProjectAll},
		})
	bounds := []uint64{0, 1 << 62, 1 << 63}
	tb.SetHashBounds("", bounds)
	tb.SetHashBounds("g", bounds)
	check := func(when string, tb *Table) {
		t.Helper()
		for _, name := range []string{"", "g", "l"} {
			b := bounds
			if name == "l" {
				b = []uint64{0} // never set: one range
			}
			got, want := tb.HashStats(name, b), walked(tb, name, b)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, index %q: running counts %v, walk %v", when, name, got, want)
			}
		}
		var bytes int64
		for _, r := range tb.HashStats("", bounds) {
			bytes += r.Bytes
		}
		var ibytes int64
		for _, r := range tb.HashStats("g", bounds) {
			ibytes += r.Bytes
		}
		if bytes != tb.SizeBytes() || ibytes != tb.IndexSizeBytes("g") {
			t.Fatalf("%s: bytes %d / index %d, want SizeBytes %d / IndexSizeBytes %d", when, bytes, ibytes, tb.SizeBytes(), tb.IndexSizeBytes("g"))
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	put := func(tb *Table) {
		it := attr.Item{"pk": attr.S("p" + strconv.Itoa(rnd.IntN(40))), "sk": num(t, strconv.Itoa(rnd.IntN(5))),
			"v": attr.S(strings.Repeat("x", rnd.IntN(50)))}
		if rnd.IntN(3) > 0 {
			it["gk"] = attr.S("g" + strconv.Itoa(rnd.IntN(7)))
		}
		if rnd.IntN(2) > 0 {
			it["lk"] = attr.S("l")
		}
		tb.Put(it)
	}
	del := func(tb *Table) {
		tb.Delete(attr.Item{"pk": attr.S("p" + strconv.Itoa(rnd.IntN(40))), "sk": num(t, strconv.Itoa(rnd.IntN(5)))})
	}
	for range 300 {
		put(tb)
	}
	check("after puts", tb)
	for range 200 {
		if rnd.IntN(2) == 0 {
			put(tb)
		} else {
			del(tb)
		}
	}
	check("after puts and deletes", tb)

	c := tb.Clone()
	before := tb.HashStats("", bounds)
	for range 100 {
		del(c)
	}
	check("clone after deletes", c)
	if got := tb.HashStats("", bounds); !slices.Equal(got, before) {
		t.Fatalf("writes to a clone changed the original's counts: %v, was %v", got, before)
	}

	// A split of a range: the new bounds refine the kept ones.
	bounds = []uint64{0, 1 << 61, 1 << 62, 1 << 63, 3 << 62}
	tb.SetHashBounds("", bounds)
	tb.SetHashBounds("g", bounds)
	if tb.HashRanges("") != 5 || tb.HashRanges("g") != 5 || tb.HashRanges("l") != 1 {
		t.Fatalf("HashRanges %d, %d, %d; want 5, 5, 1", tb.HashRanges(""), tb.HashRanges("g"), tb.HashRanges("l"))
	}
	for range 200 {
		put(tb)
		del(tb)
	}
	check("after a split", tb)
	for range 400 {
		del(tb)
	}
	for range 30 {
		for i := range 40 {
			tb.Delete(attr.Item{"pk": attr.S("p" + strconv.Itoa(i)), "sk": num(t, strconv.Itoa(rnd.IntN(5)))})
		}
	}
	check("after emptying", tb)

	// AddIndex counts what it backfills.
	tb.AddIndex(IndexDef{Name: "h", Key: KeySchema{Hash: "gk", HashType: attr.TypeS}, ProjectionType: ProjectAll})
	if got, want := tb.HashStats("h", []uint64{0}), walked(tb, "h", []uint64{0}); !slices.Equal(got, want) {
		t.Fatalf("a new index counts %v, walk %v", got, want)
	}
}

// PutAdmit hands admit the replaced item's size; when admit refuses, the
// table is as it was: the items, the size, the indexes and the counts.
func TestTable_PutAdmit(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", HashType: attr.TypeS, Range: "sk", RangeType: attr.TypeN},
		[]IndexDef{{Name: "g", Key: KeySchema{Hash: "gk", HashType: attr.TypeS}, ProjectionType: ProjectAll}})
	a := attr.Item{"pk": attr.S("a"), "sk": num(t, "1"), "gk": attr.S("x"), "v": attr.S("first")}
	refuse := errors.New("refused")
	var got []int64
	admit := func(err error) func(int64) error {
		return func(old int64) error { got = append(got, old); return err }
	}
	if _, existed, err := tb.PutAdmit(a, attr.ItemSize(a), admit(nil)); err != nil || existed {
		t.Fatalf("first PutAdmit: existed %v, err %v", existed, err)
	}
	stats, size := tb.HashStats("", []uint64{0}), tb.SizeBytes()
	b := attr.Item{"pk": attr.S("a"), "sk": num(t, "1"), "gk": attr.S("y"), "v": attr.S("second, longer")}
	if _, _, err := tb.PutAdmit(b, attr.ItemSize(b), admit(refuse)); err != refuse {
		t.Fatalf("refused replace: err %v", err)
	}
	n := attr.Item{"pk": attr.S("b"), "sk": num(t, "1")}
	if _, _, err := tb.PutAdmit(n, attr.ItemSize(n), admit(refuse)); err != refuse {
		t.Fatalf("refused insert: err %v", err)
	}
	if want := []int64{0, int64(attr.ItemSize(a)), 0}; !slices.Equal(got, want) {
		t.Fatalf("admit saw old sizes %v, want %v", got, want)
	}
	if it, _ := tb.Get(a); it["v"].Str() != "first" || tb.Len() != 1 || tb.SizeBytes() != size {
		t.Fatalf("after refusals: item %v, %d items, %d bytes; want the first, 1, %d", it, tb.Len(), tb.SizeBytes(), size)
	}
	if tb.IndexLen("g") != 1 || !slices.Equal(tb.HashStats("", []uint64{0}), stats) {
		t.Fatalf("after refusals: index %d entries, counts %v (were %v)", tb.IndexLen("g"), tb.HashStats("", []uint64{0}), stats)
	}
	if old, existed, err := tb.PutAdmit(b, attr.ItemSize(b), admit(nil)); err != nil || !existed || old["v"].Str() != "first" {
		t.Fatalf("admitted replace: old %v, existed %v, err %v", old, existed, err)
	}
	if q := queryAll(tb, "g", attr.S("y"), RangeCond{}, true, nil, "v"); join(q) != "[second, longer]" {
		t.Fatalf("index after the admitted replace: %v", q)
	}
}

// PutAdmitNoOld refuses and admits as PutAdmit does, reporting only
// whether an item was replaced; the index still loses the replaced item's
// entry (the old item is decoded for it).
func TestTable_PutAdmitNoOld(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", HashType: attr.TypeS},
		[]IndexDef{{Name: "g", Key: KeySchema{Hash: "gk", HashType: attr.TypeS}, ProjectionType: ProjectAll}})
	refuse := errors.New("refused")
	a := attr.Item{"pk": attr.S("a"), "gk": attr.S("x"), "v": attr.S("first")}
	var sawOld int64 = -1
	if existed, err := tb.PutAdmitNoOld(a, attr.ItemSize(a), func(old int64) error { sawOld = old; return nil }); err != nil || existed || sawOld != 0 {
		t.Fatalf("first put: existed %v, err %v, admit saw %d", existed, err, sawOld)
	}
	b := attr.Item{"pk": attr.S("a"), "gk": attr.S("y"), "v": attr.S("second")}
	if _, err := tb.PutAdmitNoOld(b, attr.ItemSize(b), func(int64) error { return refuse }); err != refuse {
		t.Fatalf("refused replace: err %v", err)
	}
	if it, _ := tb.Get(a); it["v"].Str() != "first" || tb.IndexLen("g") != 1 {
		t.Fatalf("after the refusal: item %v, index %d entries", it, tb.IndexLen("g"))
	}
	if existed, err := tb.PutAdmitNoOld(b, attr.ItemSize(b), func(old int64) error { sawOld = old; return nil }); err != nil || !existed || sawOld != int64(attr.ItemSize(a)) {
		t.Fatalf("admitted replace: existed %v, err %v, admit saw %d", existed, err, sawOld)
	}
	if q := queryAll(tb, "g", attr.S("x"), RangeCond{}, true, nil, "v"); len(q) != 0 {
		t.Fatalf("the replaced item's index entry is still there: %v", q)
	}
	if q := queryAll(tb, "g", attr.S("y"), RangeCond{}, true, nil, "v"); join(q) != "[second]" {
		t.Fatalf("index after the admitted replace: %v", q)
	}
}

package storage

import (
	"fmt"
	"math/bits"
	"slices"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func scanTable(t *testing.T) *Table {
	t.Helper()
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, []IndexDef{{Name: "g", Key: KeySchema{Hash: "g", Range: "sk"}, ProjectionType: ProjectAll}})
	for i := range 300 {
		it := item("pk", attr.S(fmt.Sprint("p", i%60)), "sk", num(t, fmt.Sprint(i)))
		if i%2 == 0 {
			it["g"] = num(t, fmt.Sprint(i%7))
		}
		tb.Put(it)
	}
	return tb
}

func id(it attr.Item) string { return show(it["pk"]) + "/" + show(it["sk"]) }

func TestScan_SegmentsCoverEveryItemOnce(t *testing.T) {
	tb := scanTable(t)
	for _, tc := range []struct{ index, hashAttr string }{{"", "pk"}, {"g", "g"}} {
		var all []attr.Item
		tb.Scan(tc.index, 0, 1, nil, func(it attr.Item) bool {
			all = append(all, it)
			return true
		})
		if len(all) == 0 {
			t.Fatalf("index %q: empty scan", tc.index)
		}
		for _, total := range []int{1, 2, 3, 7, 1000, MaxSegments} {
			t.Run(fmt.Sprintf("index=%q total=%d", tc.index, total), func(t *testing.T) {
				// Item with hash h belongs to segment floor(h·total/2⁶⁴).
				want := map[int][]string{}
				for _, it := range all {
					h := partitionHash(attr.AppendKey(nil, it[tc.hashAttr]))
					seg, _ := bits.Mul64(h, uint64(total))
					want[int(seg)] = append(want[int(seg)], id(it))
				}
				// Every segment of small totals; for large ones the
				// non-empty segments and their neighbours.
				segs := map[int]bool{}
				for seg := range want {
					for _, s := range []int{seg - 1, seg, seg + 1} {
						if s >= 0 && s < total {
							segs[s] = true
						}
					}
				}
				if total <= 1000 {
					for seg := range total {
						segs[seg] = true
					}
				}
				n := 0
				for seg := range segs {
					var got []string
					tb.Scan(tc.index, seg, total, nil, func(it attr.Item) bool {
						got = append(got, id(it))
						return true
					})
					n += len(got)
					if !sameSet(got, want[seg]) {
						t.Errorf("segment %d: got %q, want %q", seg, got, want[seg])
					}
				}
				if n != len(all) {
					t.Errorf("segments handed out %d items, want %d", n, len(all))
				}
				if total > 1 && total <= 7 && len(want) < 2 {
					t.Errorf("only %d of %d segments hold items", len(want), total)
				}
			})
		}
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestScan_HashOrderAndPaging(t *testing.T) {
	tb := scanTable(t)
	for _, index := range []string{"", "g"} {
		for _, total := range []int{1, 3} {
			t.Run(fmt.Sprintf("index=%q total=%d", index, total), func(t *testing.T) {
				for seg := range total {
					var want []string
					tb.Scan(index, seg, total, nil, func(it attr.Item) bool {
						want = append(want, id(it))
						return true
					})
					var got []string
					var start attr.Item
					for range 1000 {
						var last attr.Item
						n := 0
						tb.Scan(index, seg, total, start, func(it attr.Item) bool {
							got = append(got, id(it))
							last = it
							n++
							return n < 7
						})
						if last == nil {
							break
						}
						start = last
					}
					if join(got) != join(want) || len(want) == 0 {
						t.Errorf("segment %d paged:\ngot  %q\nwant %q", seg, got, want)
					}
				}
			})
		}
	}
}

func TestScan_InHashOrder(t *testing.T) {
	tb := scanTable(t)
	for _, tc := range []struct{ index, hashAttr string }{{"", "pk"}, {"g", "g"}} {
		t.Run(fmt.Sprintf("index=%q", tc.index), func(t *testing.T) {
			var prev uint64
			n := 0
			tb.Scan(tc.index, 0, 1, nil, func(it attr.Item) bool {
				h := partitionHash(attr.AppendKey(nil, it[tc.hashAttr]))
				if h < prev {
					t.Errorf("item %s (hash %#x) after hash %#x", id(it), h, prev)
				}
				prev = h
				n++
				return true
			})
			if n < 2 {
				t.Errorf("scan handed out %d items", n)
			}
		})
	}
}

// TestPartitionHash pins the hash: Scan order depends only on it, so it
// must be the same on every platform and in every run (native and wasm).
func TestPartitionHash(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0xefd01f60ba992926},
		{"a", 0x82a2a958a9bece5b},
		{"user#1", 0xcbd95cfe3f2f68c0},
		{"\x00\x01\x02\xff", 0xb636ac73d8989741},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q", tc.in), func(t *testing.T) {
			if got := partitionHash([]byte(tc.in)); got != tc.want {
				t.Errorf("partitionHash = %#x, want %#x", got, tc.want)
			}
		})
	}
}

func TestScan_BadArguments(t *testing.T) {
	tb := scanTable(t)
	tests := []struct {
		name           string
		index          string
		segment, total int
	}{
		{"total 0", "", 0, 0},
		{"total too large", "", 0, MaxSegments + 1},
		{"segment negative", "", -1, 2},
		{"segment = total", "", 2, 2},
		{"unknown index", "nope", 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			tb.Scan(tc.index, tc.segment, tc.total, nil, func(attr.Item) bool { n++; return true })
			if n != 0 {
				t.Errorf("Scan handed out %d items, want 0", n)
			}
		})
	}
}

func TestSegmentStart(t *testing.T) {
	tests := []struct {
		i, total int
		want     uint64
	}{
		{0, 1, 0},
		{0, 2, 0},
		{1, 2, 1 << 63},
		{1, 3, 0x5555555555555555},
		{2, 3, 0xaaaaaaaaaaaaaaaa},
		{1, 4, 1 << 62},
		{999999, 1000000, 18446725626965477906},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d of %d", tc.i, tc.total), func(t *testing.T) {
			if got := segmentStart(tc.i, tc.total); got != tc.want {
				t.Errorf("segmentStart = %d, want %d", got, tc.want)
			}
		})
	}
}

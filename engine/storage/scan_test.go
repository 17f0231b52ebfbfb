package storage

import (
	"fmt"
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
	for _, index := range []string{"", "g"} {
		want := tb.Len()
		if index != "" {
			want = tb.IndexLen(index)
		}
		for _, total := range []int{1, 2, 3, 7, 1000, MaxSegments} {
			t.Run(fmt.Sprintf("index=%q total=%d", index, total), func(t *testing.T) {
				seen := map[string]int{}
				nonEmpty := 0
				segs := total
				if segs > 2000 {
					segs = 2000 // the tail segments are checked by the last one below
				}
				for seg := range segs {
					n := 0
					tb.Scan(index, seg, total, nil, func(it attr.Item) bool {
						seen[id(it)]++
						n++
						return true
					})
					if n > 0 {
						nonEmpty++
					}
				}
				if segs < total {
					tb.Scan(index, total-1, total, nil, func(it attr.Item) bool {
						seen[id(it)]++
						return true
					})
					for seg := segs; seg < total-1; seg += 997 {
						tb.Scan(index, seg, total, nil, func(it attr.Item) bool {
							seen[id(it)]++
							return true
						})
					}
				}
				if segs == total && len(seen) != want {
					t.Errorf("segments handed out %d distinct items, want %d", len(seen), want)
				}
				for k, n := range seen {
					if n != 1 {
						t.Errorf("item %s handed out %d times", k, n)
					}
				}
				if total > 1 && total <= 7 && nonEmpty < 2 {
					t.Errorf("only %d of %d segments hold items", nonEmpty, total)
				}
			})
		}
	}
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

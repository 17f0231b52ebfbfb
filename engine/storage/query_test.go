package storage

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// rangeTable returns a table of many partitions n0…n39 (N sort keys 1–9),
// s0…s39 (S sort keys) and b0…b39 (B sort keys), so that every partition
// has neighbours on both sides in the tree.
func rangeTable(t *testing.T) *Table {
	t.Helper()
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, nil)
	for p := range 40 {
		for i := 1; i <= 9; i++ {
			tb.Put(item("pk", attr.S(fmt.Sprint("n", p)), "sk", num(t, fmt.Sprint(i))))
		}
		for _, s := range []string{"a", "ab", "ab\xff", "ab\xff\xff", "abc", "abd", "ac", "b", "\xff", "\xff\xff"} {
			tb.Put(item("pk", attr.S(fmt.Sprint("s", p)), "sk", attr.S(s)))
		}
		for _, b := range [][]byte{{0}, {1}, {1, 0}, {1, 0xff}, {1, 0xff, 0xff}, {2}, {0xff}, {0xff, 0xff}} {
			tb.Put(item("pk", attr.S(fmt.Sprint("b", p)), "sk", attr.B(b)))
		}
	}
	return tb
}

func TestQuery_RangeConditions(t *testing.T) {
	tb := rangeTable(t)
	n := func(s string) attr.Value { return num(t, s) }
	tests := []struct {
		name string
		pk   string
		rc   RangeCond
		want []string // ascending
	}{
		{"none", "n7", RangeCond{}, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"eq", "n7", RangeCond{Op: OpEq, A: n("5")}, []string{"5"}},
		{"eq missing", "n7", RangeCond{Op: OpEq, A: n("5.5")}, nil},
		{"lt", "n7", RangeCond{Op: OpLt, A: n("3")}, []string{"1", "2"}},
		{"lt min", "n7", RangeCond{Op: OpLt, A: n("1")}, nil},
		{"lt below all", "n0", RangeCond{Op: OpLt, A: n("-5")}, nil},
		{"le", "n7", RangeCond{Op: OpLe, A: n("3")}, []string{"1", "2", "3"}},
		{"le between keys", "n7", RangeCond{Op: OpLe, A: n("3.5")}, []string{"1", "2", "3"}},
		{"gt", "n7", RangeCond{Op: OpGt, A: n("7")}, []string{"8", "9"}},
		{"gt max", "n7", RangeCond{Op: OpGt, A: n("9")}, nil},
		{"gt above all", "n39", RangeCond{Op: OpGt, A: n("100")}, nil},
		{"ge", "n7", RangeCond{Op: OpGe, A: n("7")}, []string{"7", "8", "9"}},
		{"ge below all", "n7", RangeCond{Op: OpGe, A: n("-1")}, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"between", "n7", RangeCond{Op: OpBetween, A: n("2"), B: n("4")}, []string{"2", "3", "4"}},
		{"between same", "n7", RangeCond{Op: OpBetween, A: n("4"), B: n("4")}, []string{"4"}},
		{"between wide", "n7", RangeCond{Op: OpBetween, A: n("-100"), B: n("100")}, []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"between outside", "n7", RangeCond{Op: OpBetween, A: n("10"), B: n("100")}, nil},
		{"between decimals", "n7", RangeCond{Op: OpBetween, A: n("1.5"), B: n("3.5")}, []string{"2", "3"}},
		{"S begins_with", "s3", RangeCond{Op: OpBeginsWith, A: attr.S("ab")}, []string{"ab", "abc", "abd", "ab\xff", "ab\xff\xff"}},
		{"S begins_with exact", "s3", RangeCond{Op: OpBeginsWith, A: attr.S("abc")}, []string{"abc"}},
		{"S begins_with 0xff tail", "s3", RangeCond{Op: OpBeginsWith, A: attr.S("ab\xff")}, []string{"ab\xff", "ab\xff\xff"}},
		{"S begins_with all 0xff", "s3", RangeCond{Op: OpBeginsWith, A: attr.S("\xff")}, []string{"\xff", "\xff\xff"}},
		{"S begins_with none", "s3", RangeCond{Op: OpBeginsWith, A: attr.S("abe")}, nil},
		{"S gt", "s3", RangeCond{Op: OpGt, A: attr.S("ac")}, []string{"b", "\xff", "\xff\xff"}},
		{"B begins_with", "b3", RangeCond{Op: OpBeginsWith, A: attr.B([]byte{1})}, []string{"0x01", "0x0100", "0x01ff", "0x01ffff"}},
		{"B begins_with 0xff tail", "b3", RangeCond{Op: OpBeginsWith, A: attr.B([]byte{1, 0xff})}, []string{"0x01ff", "0x01ffff"}},
		{"B begins_with all 0xff", "b3", RangeCond{Op: OpBeginsWith, A: attr.B([]byte{0xff})}, []string{"0xff", "0xffff"}},
		{"B lt", "b3", RangeCond{Op: OpLt, A: attr.B([]byte{1, 0})}, []string{"0x00", "0x01"}},
		{"missing partition", "zz", RangeCond{}, nil},
		{"begins_with on N", "n7", RangeCond{Op: OpBeginsWith, A: n("1")}, nil},
		{"unknown op", "n7", RangeCond{Op: "<>", A: n("1")}, nil},
		{"operand missing", "n7", RangeCond{Op: OpEq}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := queryAll(tb, "", attr.S(tc.pk), tc.rc, true, nil, "sk")
			if join(got) != join(tc.want) {
				t.Errorf("forward:\ngot  %q\nwant %q", got, tc.want)
			}
			got = queryAll(tb, "", attr.S(tc.pk), tc.rc, false, nil, "sk")
			if want := reversed(tc.want); join(got) != join(want) {
				t.Errorf("reverse:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

func TestQuery_ExclusiveStartKey(t *testing.T) {
	tb := rangeTable(t)
	n := func(s string) attr.Value { return num(t, s) }
	start := func(sk string) attr.Item { return item("pk", attr.S("n7"), "sk", n(sk)) }
	tests := []struct {
		name    string
		rc      RangeCond
		forward bool
		start   attr.Item
		want    []string
	}{
		{"forward", RangeCond{}, true, start("3"), []string{"4", "5", "6", "7", "8", "9"}},
		{"forward from a missing key", RangeCond{}, true, start("3.5"), []string{"4", "5", "6", "7", "8", "9"}},
		{"forward from the last", RangeCond{}, true, start("9"), nil},
		{"forward before the range", RangeCond{Op: OpGe, A: n("5")}, true, start("2"), []string{"5", "6", "7", "8", "9"}},
		{"forward inside the range", RangeCond{Op: OpBetween, A: n("2"), B: n("6")}, true, start("4"), []string{"5", "6"}},
		{"reverse", RangeCond{}, false, start("3"), []string{"2", "1"}},
		{"reverse from the first", RangeCond{}, false, start("1"), nil},
		{"reverse above the range", RangeCond{Op: OpLe, A: n("5")}, false, start("8"), []string{"5", "4", "3", "2", "1"}},
		{"reverse inside the range", RangeCond{Op: OpBetween, A: n("2"), B: n("6")}, false, start("4"), []string{"3", "2"}},
		{"start lacking the sort key", RangeCond{}, true, item("pk", attr.S("n7")), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := queryAll(tb, "", attr.S("n7"), tc.rc, tc.forward, tc.start, "sk")
			if join(got) != join(tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestQuery_StopsWhenFnReturnsFalse(t *testing.T) {
	tb := rangeTable(t)
	for _, forward := range []bool{true, false} {
		t.Run(fmt.Sprint("forward=", forward), func(t *testing.T) {
			var got []string
			tb.Query("", attr.S("n1"), RangeCond{}, forward, nil, func(it attr.Item) bool {
				got = append(got, show(it["sk"]))
				return len(got) < 3
			})
			want := []string{"1", "2", "3"}
			if !forward {
				want = []string{"9", "8", "7"}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestQuery_Paging pages through partitions with a limit of 2 items per
// call, resuming after the last item handed out, and checks the pages
// join up to the unpaged result.
func TestQuery_Paging(t *testing.T) {
	tb := rangeTable(t)
	for _, pk := range []string{"n5", "s5", "b5"} {
		for _, forward := range []bool{true, false} {
			t.Run(fmt.Sprint(pk, " forward=", forward), func(t *testing.T) {
				want := queryAll(tb, "", attr.S(pk), RangeCond{}, forward, nil, "sk")
				var got []string
				var start attr.Item
				for page := 0; page < 100; page++ {
					var last attr.Item
					count := 0
					tb.Query("", attr.S(pk), RangeCond{}, forward, start, func(it attr.Item) bool {
						got = append(got, show(it["sk"]))
						last = it
						count++
						return count < 2
					})
					if last == nil {
						break
					}
					start = last
				}
				if join(got) != join(want) || len(want) == 0 {
					t.Errorf("paged %q, want %q", got, want)
				}
			})
		}
	}
}

package storage

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestTable_SortKeyOrder(t *testing.T) {
	tests := []struct {
		name string
		mk   func(t *testing.T, s string) attr.Value
		want []string // in ascending order, as shown by show
	}{
		{
			name: "S by UTF-8 bytes",
			mk:   func(_ *testing.T, s string) attr.Value { return attr.S(s) },
			want: []string{"\x00", "\x00\x00", "\x00a", "A", "B", "Z", "a", "a\x00", "aa", "ab", "b", "z", "é", "€", "😀"},
		},
		{
			name: "N numerically",
			mk:   func(t *testing.T, s string) attr.Value { return num(t, s) },
			want: []string{"-1000", "-99.5", "-10", "-2.5", "-2", "-1", "-0.5", "-0.001", "0", "0.000001", "0.001", "0.5", "1", "1.5", "2", "9.99", "10", "10.01", "99", "100", "12345678901234567890"},
		},
		{
			name: "B unsigned",
			mk: func(_ *testing.T, s string) attr.Value {
				b, err := hexBytes(s)
				if err != nil {
					panic(err)
				}
				return attr.B(b)
			},
			want: []string{"0x00", "0x0000", "0x0001", "0x01", "0x7f", "0x7fff", "0x80", "0x8000", "0xfe", "0xff", "0xff00", "0xffff"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, nil)
			r := rand.New(rand.NewPCG(1, 2))
			for _, i := range r.Perm(len(tc.want)) {
				s := tc.want[i]
				if len(s) > 2 && s[:2] == "0x" {
					s = s[2:]
				}
				for _, p := range []string{"p", "q", "r"} {
					tb.Put(item("pk", attr.S(p), "sk", tc.mk(t, s)))
				}
			}
			if got, want := tb.Len(), 3*len(tc.want); got != want {
				t.Fatalf("Len() = %d, want %d", got, want)
			}
			want := tc.want
			if got := queryAll(tb, "", attr.S("q"), RangeCond{}, true, nil, "sk"); join(got) != join(want) {
				t.Errorf("forward query:\ngot  %q\nwant %q", got, want)
			}
			if got := queryAll(tb, "", attr.S("q"), RangeCond{}, false, nil, "sk"); join(got) != join(reversed(want)) {
				t.Errorf("reverse query:\ngot  %q\nwant %q", got, reversed(want))
			}
		})
	}
}

func hexBytes(s string) ([]byte, error) {
	b := make([]byte, len(s)/2)
	_, err := fmt.Sscanf(s, "%x", &b)
	return b, err
}

func TestTable_PutGetDelete(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, nil)
	a := item("pk", attr.S("a"), "sk", num(t, "1"), "v", attr.S("one"))
	a2 := item("pk", attr.S("a"), "sk", num(t, "1.0"), "v", attr.S("uno"), "w", attr.Bool(true))
	b := item("pk", attr.S("a"), "sk", num(t, "2"), "v", attr.S("two"))

	if old, existed := tb.Put(a); existed || old != nil {
		t.Fatalf("first Put = %v, %v; want nil, false", old, existed)
	}
	if old, existed := tb.Put(b); existed || old != nil {
		t.Fatalf("Put(b) = %v, %v; want nil, false", old, existed)
	}
	if old, existed := tb.Put(a2); !existed || old["v"].Str() != "one" {
		t.Fatalf("replacing Put = %v, %v; want the old item, true", old, existed)
	}
	if got, want := tb.SizeBytes(), int64(attr.ItemSize(a2)+attr.ItemSize(b)); got != want {
		t.Errorf("SizeBytes() = %d, want %d", got, want)
	}

	tests := []struct {
		name  string
		key   attr.Item
		wantV string
		found bool
	}{
		{"hit, other attributes ignored", item("pk", attr.S("a"), "sk", num(t, "1"), "v", attr.S("x")), "uno", true},
		{"hit b", item("pk", attr.S("a"), "sk", num(t, "2")), "two", true},
		{"miss on sort key", item("pk", attr.S("a"), "sk", num(t, "3")), "", false},
		{"miss on partition key", item("pk", attr.S("b"), "sk", num(t, "1")), "", false},
		{"missing sort key", item("pk", attr.S("a")), "", false},
		{"wrong-typed key", item("pk", attr.Bool(true), "sk", num(t, "1")), "", false},
	}
	for _, tc := range tests {
		t.Run("Get/"+tc.name, func(t *testing.T) {
			got, ok := tb.Get(tc.key)
			if ok != tc.found || got["v"].Str() != tc.wantV {
				t.Errorf("Get = %v, %v; want v=%q, %v", got, ok, tc.wantV, tc.found)
			}
		})
	}

	if old, existed := tb.Delete(item("pk", attr.S("a"), "sk", num(t, "3"))); existed || old != nil {
		t.Errorf("Delete of a missing item = %v, %v; want nil, false", old, existed)
	}
	if old, existed := tb.Delete(item("pk", attr.S("a"), "sk", num(t, "1"))); !existed || old["v"].Str() != "uno" {
		t.Errorf("Delete = %v, %v; want the item, true", old, existed)
	}
	if _, ok := tb.Get(item("pk", attr.S("a"), "sk", num(t, "1"))); ok {
		t.Errorf("Get after Delete found the item")
	}
	if got, want := tb.Len(), 1; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	if got, want := tb.SizeBytes(), int64(attr.ItemSize(b)); got != want {
		t.Errorf("SizeBytes() = %d, want %d", got, want)
	}
}

func TestTable_HashOnly(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "id"}, nil)
	for i := range 20 {
		tb.Put(item("id", num(t, fmt.Sprint(i)), "v", attr.S(fmt.Sprint("v", i))))
	}
	for i := range 20 {
		got, ok := tb.Get(item("id", num(t, fmt.Sprint(i))))
		if want := fmt.Sprint("v", i); !ok || got["v"].Str() != want {
			t.Errorf("Get(%d) = %v, %v; want v=%s", i, got, ok, want)
		}
	}
	if got := queryAll(tb, "", num(t, "7"), RangeCond{}, true, nil, "v"); join(got) != "[v7]" {
		t.Errorf("Query(7) = %q, want [v7]", got)
	}
	if got := queryAll(tb, "", num(t, "7"), RangeCond{Op: OpEq, A: num(t, "7")}, true, nil, "v"); len(got) != 0 {
		t.Errorf("Query with a range condition on a hash-only table = %q, want none", got)
	}
}

func TestTable_PutPanicsWithoutKey(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, nil)
	defer func() {
		if recover() == nil {
			t.Errorf("Put of an item without sort key did not panic")
		}
	}()
	tb.Put(item("pk", attr.S("a")))
}

func TestTable_Clone(t *testing.T) {
	defs := []IndexDef{
		{Name: "gsi", Key: KeySchema{Hash: "g"}, ProjectionType: ProjectAll},
		{Name: "lsi", Key: KeySchema{Hash: "pk", Range: "l"}, Local: true, ProjectionType: ProjectKeysOnly},
	}
	orig := NewTable(KeySchema{Hash: "pk", Range: "sk"}, defs)
	for i := range 100 {
		orig.Put(item("pk", attr.S("p"), "sk", num(t, fmt.Sprint(i)), "g", attr.S("x"), "l", num(t, fmt.Sprint(i))))
	}
	snap := orig.Clone()
	// Write to both after the clone.
	orig.Delete(item("pk", attr.S("p"), "sk", num(t, "0")))
	orig.Put(item("pk", attr.S("p"), "sk", num(t, "1"), "g", attr.S("y")))
	orig.DropIndex("gsi")
	snap.Put(item("pk", attr.S("p"), "sk", num(t, "1000"), "g", attr.S("x"), "l", num(t, "5")))

	type state struct {
		len, gsi, lsi int
		coll          int64
		has0          bool
		g1            string
	}
	read := func(tb *Table) state {
		s := state{len: tb.Len(), gsi: tb.IndexLen("gsi"), lsi: tb.IndexLen("lsi"), coll: tb.CollectionSize(attr.S("p"))}
		_, s.has0 = tb.Get(item("pk", attr.S("p"), "sk", num(t, "0")))
		it, _ := tb.Get(item("pk", attr.S("p"), "sk", num(t, "1")))
		s.g1 = it["g"].Str()
		return s
	}
	tests := []struct {
		name string
		tb   *Table
		want state
	}{
		{"original", orig, state{len: 99, gsi: 0, lsi: 98, has0: false, g1: "y"}},
		{"clone", snap, state{len: 101, gsi: 101, lsi: 101, has0: true, g1: "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := read(tc.tb)
			tc.want.coll = got.coll // checked below against a recount
			if got != tc.want {
				t.Errorf("state = %+v, want %+v", got, tc.want)
			}
			if want := recountCollection(tc.tb, attr.S("p")); got.coll != want {
				t.Errorf("CollectionSize = %d, want %d", got.coll, want)
			}
		})
	}
}

// recountCollection computes a collection size the slow way.
func recountCollection(tb *Table, pk attr.Value) int64 {
	var n int64
	tb.Query("", pk, RangeCond{}, true, nil, func(it attr.Item) bool {
		n += int64(attr.ItemSize(it))
		for _, x := range tb.indexes {
			if _, ok := x.key(it); ok && x.def.Local {
				n += x.projectedSize(it)
			}
		}
		return true
	})
	return n
}

// TestTable_CloneConcurrentUse writes to a table while another goroutine
// reads a snapshot of it; run with -race it checks that the copy-on-write
// trees share nothing mutable.
func TestTable_CloneConcurrentUse(t *testing.T) {
	defs := []IndexDef{
		{Name: "gsi", Key: KeySchema{Hash: "g"}, ProjectionType: ProjectAll},
		{Name: "lsi", Key: KeySchema{Hash: "pk", Range: "g"}, Local: true, ProjectionType: ProjectKeysOnly},
	}
	orig := NewTable(KeySchema{Hash: "pk", Range: "sk"}, defs)
	for i := range 500 {
		orig.Put(item("pk", attr.S(fmt.Sprint("p", i%10)), "sk", num(t, fmt.Sprint(i)), "g", attr.S("old")))
	}
	snap := orig.Clone()
	done := make(chan [3]int)
	go func() {
		var got [3]int
		for range 20 {
			got = [3]int{}
			snap.Scan("", 0, 1, nil, func(it attr.Item) bool {
				if it["g"].Str() == "old" {
					got[0]++
				}
				return true
			})
			snap.Query("gsi", attr.S("old"), RangeCond{}, true, nil, func(attr.Item) bool { got[1]++; return true })
			got[2] = int(snap.CollectionSize(attr.S("p3")))
		}
		done <- got
	}()
	for i := range 500 {
		orig.Put(item("pk", attr.S(fmt.Sprint("p", i%10)), "sk", num(t, fmt.Sprint(i)), "g", attr.S("new")))
		if i%3 == 0 {
			orig.Delete(item("pk", attr.S(fmt.Sprint("p", i%10)), "sk", num(t, fmt.Sprint(i))))
		}
	}
	got := <-done
	if want := [3]int{500, 500, int(recountCollection(snap, attr.S("p3")))}; got != want {
		t.Errorf("snapshot read (old items, gsi entries, collection size) = %v, want %v", got, want)
	}
	if got, want := orig.IndexLen("gsi"), 500-167; got != want {
		t.Errorf("original gsi entries = %d, want %d", got, want)
	}
}

func TestTable_AfterGetMisuse(t *testing.T) {
	key := KeySchema{Hash: "pk"}
	stored := item("pk", attr.S("a"), "v", attr.S("1"))
	tests := []struct {
		name string
		fn   func(tb *Table)
	}{
		{"PutAfterGet with an item that is not stored", func(tb *Table) {
			tb.PutAfterGet(item("pk", attr.S("b")), stored)
		}},
		{"PutAfterGet with nil over a stored item", func(tb *Table) {
			tb.PutAfterGet(stored, nil)
		}},
		{"DeleteAfterGet of an item that is not stored", func(tb *Table) {
			tb.DeleteAfterGet(item("pk", attr.S("b")), stored)
		}},
		{"DeleteAfterGet without an old item", func(tb *Table) {
			tb.DeleteAfterGet(stored, nil)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := NewTable(key, nil)
			tb.Put(stored)
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", tc.name)
				}
			}()
			tc.fn(tb)
		})
	}
}

func TestTable_GetRecord(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, nil)
	stored := item("pk", attr.S("a"), "sk", num(t, "1"), "v", attr.S("x"), "m", attr.M(map[string]attr.Value{"n": num(t, "2")}))
	tb.Put(stored)
	tests := []struct {
		name  string
		key   attr.Item
		found bool
	}{
		{"stored", item("pk", attr.S("a"), "sk", num(t, "1")), true},
		{"whole item as key", stored, true},
		{"other sort key", item("pk", attr.S("a"), "sk", num(t, "2")), false},
		{"missing sort key", item("pk", attr.S("a")), false},
		{"wrong key type", item("pk", attr.S("a"), "sk", attr.S("1")), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, found := tb.GetRecord(tc.key)
			if found != tc.found {
				t.Fatalf("GetRecord found = %v, want %v", found, tc.found)
			}
			if !found {
				return
			}
			if got := r.Item(); !attr.Equal(attr.M(got), attr.M(stored)) {
				t.Errorf("Item() = %v, want %v", attr.M(got), attr.M(stored))
			}
			if got, want := r.Size(), int64(attr.ItemSize(stored)); got != want {
				t.Errorf("Size() = %d, want %d", got, want)
			}
			if got := r.Attrs("m", "sk"); len(got) != 2 || !attr.Equal(got["m"], stored["m"]) || !attr.Equal(got["sk"], stored["sk"]) {
				t.Errorf("Attrs(m, sk) = %v", attr.M(got))
			}
		})
	}
}

package storage

import (
	"fmt"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

var testIndexes = []IndexDef{
	{Name: "byStatus", Key: KeySchema{Hash: "status", Range: "due"}, ProjectionType: ProjectAll},
	{Name: "byOwner", Key: KeySchema{Hash: "owner"}, ProjectionType: ProjectKeysOnly},
	{Name: "byPriority", Key: KeySchema{Hash: "pk", Range: "prio"}, Local: true, ProjectionType: ProjectInclude, NonKey: []string{"title", "pk", "missing"}},
}

func task(t *testing.T, pk, sk string, kv ...any) attr.Item {
	t.Helper()
	it := item(kv...)
	it["pk"] = attr.S(pk)
	it["sk"] = num(t, sk)
	return it
}

func TestIndex_SparseAndMaintained(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, testIndexes)
	tb.Put(task(t, "a", "1", "status", attr.S("open"), "due", num(t, "5"), "owner", attr.S("ann"), "prio", num(t, "2"), "title", attr.S("t1")))
	tb.Put(task(t, "a", "2", "status", attr.S("open"), "due", num(t, "3"), "prio", num(t, "1")))
	tb.Put(task(t, "b", "1", "status", attr.S("open"), "owner", attr.S("ann")))                     // no due: not in byStatus
	tb.Put(task(t, "b", "2", "status", attr.S("done"), "due", num(t, "1"), "owner", attr.S("bob"))) // no prio
	tb.Put(task(t, "c", "1", "status", attr.Bool(true), "due", num(t, "1")))                        // non-key type: not indexed

	type q struct {
		index string
		pk    attr.Value
		want  []string
	}
	show2 := func(it attr.Item) string { return show(it["pk"]) + "/" + show(it["sk"]) }
	run := func(t *testing.T, cases []q) {
		t.Helper()
		for _, k := range cases {
			want := k.want
			var got []string
			tb.Query(k.index, k.pk, RangeCond{}, true, nil, func(it attr.Item) bool {
				got = append(got, show2(it))
				return true
			})
			if join(got) != join(want) {
				t.Errorf("Query(%s, %s) = %q, want %q", k.index, show(k.pk), got, want)
			}
		}
	}
	checkCounts := func(t *testing.T, want map[string]int) {
		t.Helper()
		for name, n := range want {
			if got := tb.IndexLen(name); got != n {
				t.Errorf("IndexLen(%s) = %d, want %d", name, got, n)
			}
			if got, want := tb.IndexSizeBytes(name), recountIndexSize(tb, name); got != want {
				t.Errorf("IndexSizeBytes(%s) = %d, want %d", name, got, want)
			}
		}
	}

	t.Run("initial", func(t *testing.T) {
		run(t, []q{
			{"byStatus", attr.S("open"), []string{"a/2", "a/1"}}, // due 3, 5
			{"byStatus", attr.S("done"), []string{"b/2"}},
			{"byOwner", attr.S("ann"), []string{"a/1", "b/1"}},
			{"byPriority", attr.S("a"), []string{"a/2", "a/1"}}, // prio 1, 2
			{"byPriority", attr.S("b"), nil},
			{"nosuchindex", attr.S("a"), nil},
		})
		checkCounts(t, map[string]int{"byStatus": 3, "byOwner": 3, "byPriority": 2, "nosuchindex": 0})
	})

	t.Run("update moves entries", func(t *testing.T) {
		// a/1 changes status, loses owner, keeps prio.
		old, _ := tb.Put(task(t, "a", "1", "status", attr.S("done"), "due", num(t, "0"), "prio", num(t, "3")))
		if old["owner"].Str() != "ann" {
			t.Fatalf("Put returned old %v", old)
		}
		run(t, []q{
			{"byStatus", attr.S("open"), []string{"a/2"}},
			{"byStatus", attr.S("done"), []string{"a/1", "b/2"}}, // due 0, 1
			{"byOwner", attr.S("ann"), []string{"b/1"}},
			{"byPriority", attr.S("a"), []string{"a/2", "a/1"}},
		})
		checkCounts(t, map[string]int{"byStatus": 3, "byOwner": 2, "byPriority": 2})
	})

	t.Run("update keeps entries in place", func(t *testing.T) {
		// a/2 keeps its index keys and gains a projected attribute.
		tb.Put(task(t, "a", "2", "status", attr.S("open"), "due", num(t, "3"), "prio", num(t, "1"), "title", attr.S("a longer title")))
		run(t, []q{
			{"byStatus", attr.S("open"), []string{"a/2"}},
			{"byPriority", attr.S("a"), []string{"a/2", "a/1"}},
		})
		checkCounts(t, map[string]int{"byStatus": 3, "byOwner": 2, "byPriority": 2})
		got, _ := tb.Get(item("pk", attr.S("a"), "sk", num(t, "2")))
		var viaIndex attr.Item
		tb.Query("byPriority", attr.S("a"), RangeCond{Op: OpEq, A: num(t, "1")}, true, nil, func(it attr.Item) bool {
			viaIndex = it
			return false
		})
		if got["title"].Str() != "a longer title" || viaIndex["title"].Str() != "a longer title" {
			t.Errorf("title via table %v, via index %v; want the new one", got["title"], viaIndex["title"])
		}
	})

	t.Run("delete removes entries", func(t *testing.T) {
		tb.Delete(item("pk", attr.S("a"), "sk", num(t, "2")))
		tb.Delete(item("pk", attr.S("b"), "sk", num(t, "1")))
		run(t, []q{
			{"byStatus", attr.S("open"), nil},
			{"byStatus", attr.S("done"), []string{"a/1", "b/2"}},
			{"byOwner", attr.S("ann"), nil},
			{"byPriority", attr.S("a"), []string{"a/1"}},
		})
		checkCounts(t, map[string]int{"byStatus": 2, "byOwner": 1, "byPriority": 1})
	})
}

// recountIndexSize computes IndexSizeBytes the slow way.
func recountIndexSize(tb *Table, name string) int64 {
	x := tb.findIndex(name)
	if x == nil {
		return 0
	}
	var n int64
	tb.Scan(name, 0, 1, nil, func(it attr.Item) bool {
		n += x.projectedSize(it)
		return true
	})
	return n
}

func TestIndex_ProjectedSize(t *testing.T) {
	it := attr.Item{
		"pk":    attr.S("abc"),   // 2+3
		"sk":    attr.S("d"),     // 2+1
		"gk":    attr.S("xy"),    // 2+2
		"title": attr.S("hello"), // 5+5
		"other": attr.S("zzzz"),  // 5+4
	}
	table := KeySchema{Hash: "pk", Range: "sk"}
	tests := []struct {
		def  IndexDef
		want int64
	}{
		{IndexDef{Name: "all", Key: KeySchema{Hash: "gk"}, ProjectionType: ProjectAll}, int64(attr.ItemSize(it))},
		{IndexDef{Name: "keys", Key: KeySchema{Hash: "gk"}, ProjectionType: ProjectKeysOnly}, 5 + 3 + 4},
		{IndexDef{Name: "lsi keys", Key: KeySchema{Hash: "pk", Range: "gk"}, Local: true, ProjectionType: ProjectKeysOnly}, 5 + 3 + 4},
		{IndexDef{Name: "include", Key: KeySchema{Hash: "gk", Range: "sk"}, ProjectionType: ProjectInclude, NonKey: []string{"title", "absent", "sk"}}, 5 + 3 + 4 + 10},
	}
	for _, tc := range tests {
		t.Run(tc.def.Name, func(t *testing.T) {
			if got := newIndex(table, tc.def).projectedSize(it); got != tc.want {
				t.Errorf("projectedSize = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestIndex_EqualIndexKeysInTableKeyOrder(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, []IndexDef{{Name: "g", Key: KeySchema{Hash: "g", Range: "r"}, ProjectionType: ProjectAll}})
	var want []string
	for p := range 3 {
		for s := range 3 {
			tb.Put(item("pk", attr.S(fmt.Sprint("p", p)), "sk", num(t, fmt.Sprint(s)), "g", attr.S("x"), "r", attr.S("same")))
		}
	}
	// Equal index keys are ordered by the table key: hash order of the
	// table partitions, then sort key. Read that order from the table.
	tb.Scan("", 0, 1, nil, func(it attr.Item) bool {
		want = append(want, show(it["pk"])+"/"+show(it["sk"]))
		return true
	})
	tests := []struct {
		name    string
		forward bool
		want    []string
	}{
		{"forward", true, want},
		{"reverse", false, reversed(want)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			tb.Query("g", attr.S("x"), RangeCond{Op: OpEq, A: attr.S("same")}, tc.forward, nil, func(it attr.Item) bool {
				got = append(got, show(it["pk"])+"/"+show(it["sk"]))
				return true
			})
			if join(got) != join(tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
	t.Run("exclusive start key", func(t *testing.T) {
		it, _ := tb.Get(item("pk", attr.S("p1"), "sk", num(t, "1")))
		var got []string
		tb.Query("g", attr.S("x"), RangeCond{}, true, it, func(it attr.Item) bool {
			got = append(got, show(it["pk"])+"/"+show(it["sk"]))
			return true
		})
		i := 0
		for want[i] != "p1/1" {
			i++
		}
		if join(got) != join(want[i+1:]) {
			t.Errorf("got  %q\nwant %q", got, want[i+1:])
		}
	})
}

func TestIndex_AddDrop(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk"}, nil)
	for i := range 30 {
		it := item("pk", num(t, fmt.Sprint(i)))
		if i%3 == 0 {
			it["g"] = attr.S(fmt.Sprint("g", i%2))
		}
		tb.Put(it)
	}
	def := IndexDef{Name: "g", Key: KeySchema{Hash: "g"}, ProjectionType: ProjectKeysOnly}
	tb.AddIndex(def)
	if got, want := tb.IndexLen("g"), 10; got != want {
		t.Errorf("IndexLen after AddIndex = %d, want %d", got, want)
	}
	if got, want := tb.IndexSizeBytes("g"), recountIndexSize(tb, "g"); got != want || got == 0 {
		t.Errorf("IndexSizeBytes after AddIndex = %d, want %d", got, want)
	}
	// AddIndex decodes only what each projection needs of the items.
	for _, d := range []IndexDef{
		{Name: "all", Key: KeySchema{Hash: "g", Range: "pk"}, ProjectionType: ProjectAll},
		{Name: "inc", Key: KeySchema{Hash: "g"}, ProjectionType: ProjectInclude, NonKey: []string{"v", "nope"}},
		{Name: "lsi", Key: KeySchema{Hash: "pk", Range: "g"}, Local: true, ProjectionType: ProjectAll},
	} {
		wide := tb.Clone()
		for i := range 30 {
			if i%2 == 0 {
				wide.Put(item("pk", num(t, fmt.Sprint(i)), "g", attr.S(fmt.Sprint("g", i%4)), "v", attr.S("vv"), "w", attr.L([]attr.Value{num(t, "1")})))
			}
		}
		wide.AddIndex(d)
		if got, want := wide.IndexLen(d.Name), 20; got != want {
			t.Errorf("IndexLen(%s) after AddIndex = %d, want %d", d.Name, got, want)
		}
		if got, want := wide.IndexSizeBytes(d.Name), recountIndexSize(wide, d.Name); got != want || got == 0 {
			t.Errorf("IndexSizeBytes(%s) after AddIndex = %d, want %d", d.Name, got, want)
		}
		if d.Local {
			for i := range 30 {
				p := num(t, fmt.Sprint(i))
				if got, want := wide.CollectionSize(p), recountCollection(wide, p); got != want || got == 0 {
					t.Errorf("CollectionSize(%d) with %s = %d, want %d", i, d.Name, got, want)
				}
			}
		}
	}
	if got := queryAll(tb, "g", attr.S("g0"), RangeCond{}, true, nil, "pk"); len(got) != 5 {
		t.Errorf("Query(g0) = %q, want 5 items", got)
	}
	if got := tb.Indexes(); len(got) != 1 || got[0].Name != "g" {
		t.Errorf("Indexes() = %+v", got)
	}
	tb.DropIndex("g")
	if got := tb.Indexes(); len(got) != 0 {
		t.Errorf("Indexes() after DropIndex = %+v", got)
	}
	if got := tb.IndexLen("g"); got != 0 {
		t.Errorf("IndexLen after DropIndex = %d, want 0", got)
	}
	tb.Put(item("pk", num(t, "100"), "g", attr.S("g0"))) // no index to maintain
	if got, want := tb.Len(), 31; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestIndex_KeyTypes(t *testing.T) {
	tb := NewTable(KeySchema{Hash: "pk"}, nil)
	tb.Put(item("pk", attr.S("a"), "g", attr.S("text"), "r", num(t, "1")))
	tb.Put(item("pk", attr.S("b"), "g", num(t, "1"), "r", num(t, "1")))
	tb.Put(item("pk", attr.S("c"), "g", num(t, "2"), "r", attr.S("x")))
	tests := []struct {
		name string
		key  KeySchema
		want int
	}{
		{"any types", KeySchema{Hash: "g"}, 3},
		{"hash N", KeySchema{Hash: "g", HashType: attr.TypeN}, 2},
		{"hash S", KeySchema{Hash: "g", HashType: attr.TypeS}, 1},
		{"hash N range N", KeySchema{Hash: "g", Range: "r", HashType: attr.TypeN, RangeType: attr.TypeN}, 1},
		{"range B", KeySchema{Hash: "g", Range: "r", RangeType: attr.TypeB}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb.AddIndex(IndexDef{Name: "i", Key: tc.key, ProjectionType: ProjectAll})
			if got := tb.IndexLen("i"); got != tc.want {
				t.Errorf("IndexLen = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestIndexes_DefsAreCopies(t *testing.T) {
	defs := []IndexDef{{Name: "i", Key: KeySchema{Hash: "g"}, ProjectionType: ProjectInclude, NonKey: []string{"a"}}}
	tb := NewTable(KeySchema{Hash: "pk"}, defs)
	defs[0].NonKey[0] = "changed"
	got := tb.Indexes()
	got[0].NonKey[0] = "changed too"
	if again := tb.Indexes(); again[0].NonKey[0] != "a" {
		t.Errorf("Indexes()[0].NonKey = %q, want [a]", again[0].NonKey)
	}
}

func TestCollectionSize(t *testing.T) {
	lsi := IndexDef{Name: "l", Key: KeySchema{Hash: "pk", Range: "l"}, Local: true, ProjectionType: ProjectKeysOnly}
	gsi := IndexDef{Name: "g", Key: KeySchema{Hash: "l"}, ProjectionType: ProjectAll}
	tests := []struct {
		name string
		defs []IndexDef
	}{
		{"no index", nil},
		{"gsi only", []IndexDef{gsi}},
		{"lsi", []IndexDef{lsi}},
		{"lsi and gsi", []IndexDef{gsi, lsi}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, tc.defs)
			for i := range 40 {
				it := item("pk", attr.S(fmt.Sprint("p", i%4)), "sk", num(t, fmt.Sprint(i)), "v", attr.S("value"))
				if i%2 == 0 {
					it["l"] = num(t, fmt.Sprint(i*7))
				}
				tb.Put(it)
			}
			tb.Put(item("pk", attr.S("p1"), "sk", num(t, "1"), "l", num(t, "1"))) // now in the LSI
			tb.Put(item("pk", attr.S("p2"), "sk", num(t, "2")))                   // now out of it
			tb.Delete(item("pk", attr.S("p3"), "sk", num(t, "3")))
			for i := range 3 {
				tb.Delete(item("pk", attr.S("p0"), "sk", num(t, fmt.Sprint(i*4))))
			}
			for _, p := range []string{"p0", "p1", "p2", "p3", "missing"} {
				got, want := tb.CollectionSize(attr.S(p)), recountCollection(tb, attr.S(p))
				if got != want || (p != "missing" && got == 0) {
					t.Errorf("CollectionSize(%s) = %d, want %d", p, got, want)
				}
			}
		})
	}
	t.Run("lsi added and dropped", func(t *testing.T) {
		tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, nil)
		for i := range 10 {
			tb.Put(item("pk", attr.S("p"), "sk", num(t, fmt.Sprint(i)), "l", num(t, fmt.Sprint(-i))))
		}
		plain := tb.CollectionSize(attr.S("p"))
		tb.AddIndex(lsi)
		withLSI := tb.CollectionSize(attr.S("p"))
		if want := recountCollection(tb, attr.S("p")); withLSI != want || withLSI <= plain {
			t.Errorf("CollectionSize with the LSI = %d, want %d (> %d)", withLSI, want, plain)
		}
		tb.DropIndex(lsi.Name)
		if got := tb.CollectionSize(attr.S("p")); got != plain || tb.coll != nil {
			t.Errorf("CollectionSize after dropping the LSI = %d (totals kept: %v), want %d", got, tb.coll != nil, plain)
		}
	})
	t.Run("emptied partition", func(t *testing.T) {
		tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, []IndexDef{lsi})
		tb.Put(item("pk", attr.S("p"), "sk", num(t, "1"), "l", num(t, "1")))
		tb.Delete(item("pk", attr.S("p"), "sk", num(t, "1")))
		if got := tb.CollectionSize(attr.S("p")); got != 0 {
			t.Errorf("CollectionSize = %d, want 0", got)
		}
		if got := tb.coll.Len(); got != 0 {
			t.Errorf("%d collection totals kept for an empty table", got)
		}
	})
}

package storage

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// model is a naive reference table: a map from "pk/sk" to item.
type model map[string]attr.Item

func (m model) clone() model {
	c := make(model, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func modelKey(it attr.Item) string { return it["pk"].Str() + "/" + it["sk"].NumText() }

// matches reports whether sort key v satisfies rc, by attr.Compare.
func matches(t *testing.T, v attr.Value, rc RangeCond) bool {
	cmp := func(a, b attr.Value) int {
		c, ok := attr.Compare(a, b)
		if !ok {
			t.Fatalf("attr.Compare(%v, %v) not ok", a, b)
		}
		return c
	}
	switch rc.Op {
	case OpNone:
		return true
	case OpEq:
		return cmp(v, rc.A) == 0
	case OpLt:
		return cmp(v, rc.A) < 0
	case OpLe:
		return cmp(v, rc.A) <= 0
	case OpGt:
		return cmp(v, rc.A) > 0
	case OpGe:
		return cmp(v, rc.A) >= 0
	case OpBetween:
		return cmp(v, rc.A) >= 0 && cmp(v, rc.B) <= 0
	}
	t.Fatalf("op %q", rc.Op)
	return false
}

// TestTable_AgainstModel runs random writes and checks every read against
// the naive model, including a snapshot taken half-way.
func TestTable_AgainstModel(t *testing.T) {
	runModel(t, 7, 3000, 250)
}

// FuzzTable runs runModel from fuzzed seeds.
func FuzzTable(f *testing.F) {
	f.Add(uint64(1), uint16(300))
	f.Add(uint64(42), uint16(1000))
	f.Fuzz(func(t *testing.T, seed uint64, ops uint16) {
		runModel(t, seed, int(ops%2000), 100)
	})
}

// runModel runs ops random writes from seed on a table with a GSI and an
// LSI and on a naive model, and compares every read every checkEvery ops,
// at the end, and on a snapshot taken half-way.
func runModel(t *testing.T, seed uint64, ops, checkEvery int) {
	defs := []IndexDef{
		{Name: "gsi", Key: KeySchema{Hash: "g", Range: "r"}, ProjectionType: ProjectInclude, NonKey: []string{"v"}},
		{Name: "lsi", Key: KeySchema{Hash: "pk", Range: "l"}, Local: true, ProjectionType: ProjectKeysOnly},
	}
	r := rand.New(rand.NewPCG(seed, seed+1))
	nums := []string{"-10", "-2.5", "-1", "0", "0.5", "1", "2", "3", "10", "100"}
	randNum := func() attr.Value { return num(t, nums[r.IntN(len(nums))]) }
	pks := []string{"a", "b", "c", "d", "e", "f"}
	gs := []string{"x", "y"}

	tb := NewTable(KeySchema{Hash: "pk", Range: "sk"}, defs)
	m := model{}
	var snap *Table
	var snapModel model

	check := func(t *testing.T, tb *Table, m model) {
		t.Helper()
		if got, want := tb.Len(), len(m); got != want {
			t.Fatalf("Len() = %d, want %d", got, want)
		}
		var size, gsiSize, gsiLen, lsiLen int64
		gx, lx := tb.findIndex("gsi"), tb.findIndex("lsi")
		for _, it := range m {
			size += int64(attr.ItemSize(it))
			if _, ok := it["g"]; ok {
				if _, ok := it["r"]; ok {
					gsiLen++
					gsiSize += gx.projectedSize(it)
				}
			}
			if _, ok := it["l"]; ok {
				lsiLen++
			}
		}
		if got := tb.SizeBytes(); got != size {
			t.Errorf("SizeBytes() = %d, want %d", got, size)
		}
		if got := tb.IndexLen("gsi"); int64(got) != gsiLen {
			t.Errorf("IndexLen(gsi) = %d, want %d", got, gsiLen)
		}
		if got := tb.IndexLen("lsi"); int64(got) != lsiLen {
			t.Errorf("IndexLen(lsi) = %d, want %d", got, lsiLen)
		}
		if got := tb.IndexSizeBytes("gsi"); got != gsiSize {
			t.Errorf("IndexSizeBytes(gsi) = %d, want %d", got, gsiSize)
		}
		for _, pk := range pks {
			var want int64
			for _, it := range m {
				if it["pk"].Str() == pk {
					want += int64(attr.ItemSize(it))
					if _, ok := it["l"]; ok {
						want += lx.projectedSize(it)
					}
				}
			}
			if got := tb.CollectionSize(attr.S(pk)); got != want {
				t.Errorf("CollectionSize(%s) = %d, want %d", pk, got, want)
			}
			// A random range condition, both directions.
			ops := []string{OpNone, OpEq, OpLt, OpLe, OpGt, OpGe, OpBetween}
			rc := RangeCond{Op: ops[r.IntN(len(ops))], A: randNum(), B: randNum()}
			if rc.Op == OpBetween {
				if c, _ := attr.Compare(rc.A, rc.B); c > 0 {
					rc.A, rc.B = rc.B, rc.A
				}
			}
			var wantSK []attr.Value
			for _, it := range m {
				if it["pk"].Str() == pk && matches(t, it["sk"], rc) {
					wantSK = append(wantSK, it["sk"])
				}
			}
			slices.SortFunc(wantSK, func(a, b attr.Value) int { c, _ := attr.Compare(a, b); return c })
			var want2 []string
			for _, v := range wantSK {
				want2 = append(want2, v.NumText())
			}
			got := queryAll(tb, "", attr.S(pk), rc, true, nil, "sk")
			if join(got) != join(want2) {
				t.Errorf("Query(%s, %v %s %s):\ngot  %q\nwant %q", pk, rc.Op, show(rc.A), show(rc.B), got, want2)
			}
			if got := queryAll(tb, "", attr.S(pk), rc, false, nil, "sk"); join(got) != join(reversed(want2)) {
				t.Errorf("reverse Query(%s, %v): got %q, want %q", pk, rc.Op, got, reversed(want2))
			}
		}
		for _, g := range gs {
			// GSI: the items with g and r, in r order.
			var want []attr.Item
			for _, it := range m {
				if _, ok := it["r"]; ok && it["g"].Str() == g {
					want = append(want, it)
				}
			}
			var got []attr.Item
			tb.Query("gsi", attr.S(g), RangeCond{}, true, nil, func(it attr.Item) bool {
				got = append(got, it)
				return true
			})
			if len(got) != len(want) {
				t.Fatalf("Query(gsi, %s) handed out %d items, want %d", g, len(got), len(want))
			}
			for i := 1; i < len(got); i++ {
				if c, _ := attr.Compare(got[i-1]["r"], got[i]["r"]); c > 0 {
					t.Errorf("Query(gsi, %s): r out of order at %d", g, i)
				}
			}
			for _, it := range got {
				if w, ok := m[modelKey(it)]; !ok || !attr.Equal(attr.M(w), attr.M(it)) {
					t.Errorf("Query(gsi, %s) handed out %v, model has %v", g, it, w)
				}
			}
		}
		seen := map[string]bool{}
		for seg := range 3 {
			tb.Scan("", seg, 3, nil, func(it attr.Item) bool {
				k := modelKey(it)
				if seen[k] {
					t.Errorf("Scan handed out %s twice", k)
				}
				seen[k] = true
				if w := m[k]; !attr.Equal(attr.M(w), attr.M(it)) {
					t.Errorf("Scan handed out %v, model has %v", it, w)
				}
				return true
			})
		}
		if len(seen) != len(m) {
			t.Errorf("Scan handed out %d items, want %d", len(seen), len(m))
		}
	}

	snap, snapModel = tb.Clone(), m.clone()
	for op := range ops {
		key := item("pk", attr.S(pks[r.IntN(len(pks))]), "sk", randNum())
		// Odd ops write as the engine does: Get, then PutAfterGet or
		// DeleteAfterGet with the item read.
		afterGet := op%2 == 1
		if r.IntN(4) == 0 {
			var old attr.Item
			var existed bool
			if afterGet {
				if old, existed = tb.Get(key); existed {
					tb.DeleteAfterGet(key, old)
				}
			} else {
				old, existed = tb.Delete(key)
			}
			want, wantExisted := m[modelKey(key)]
			delete(m, modelKey(key))
			if existed != wantExisted || (existed && !attr.Equal(attr.M(old), attr.M(want))) {
				t.Fatalf("op %d: Delete = %v, %v; want %v, %v", op, old, existed, want, wantExisted)
			}
		} else {
			it := attr.Item{"pk": key["pk"], "sk": key["sk"], "v": attr.S(fmt.Sprint(op))}
			if r.IntN(3) > 0 {
				it["g"] = attr.S(gs[r.IntN(len(gs))])
			}
			if r.IntN(3) > 0 {
				it["r"] = randNum()
			}
			if r.IntN(2) > 0 {
				it["l"] = randNum()
			}
			var old attr.Item
			var existed bool
			if afterGet {
				old, existed = tb.Get(key)
				tb.PutAfterGet(it, old)
			} else {
				old, existed = tb.Put(it)
			}
			want, wantExisted := m[modelKey(it)]
			m[modelKey(it)] = it
			if existed != wantExisted || (existed && !attr.Equal(attr.M(old), attr.M(want))) {
				t.Fatalf("op %d: Put = %v, %v; want %v, %v", op, old, existed, want, wantExisted)
			}
		}
		if op == ops/2 {
			snap, snapModel = tb.Clone(), m.clone()
		}
		if op%checkEvery == 0 {
			t.Run(fmt.Sprint("after op ", op), func(t *testing.T) { check(t, tb, m) })
		}
	}
	t.Run("final", func(t *testing.T) { check(t, tb, m) })
	t.Run("snapshot", func(t *testing.T) { check(t, snap, snapModel) })
}

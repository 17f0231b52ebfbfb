package read

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

var (
	tableKey = storage.KeySchema{Hash: "pk", Range: "sk"}
	byColour = storage.IndexDef{Name: "byColour", Key: storage.KeySchema{Hash: "colour", Range: "sk"}, Local: true,
		ProjectionType: storage.ProjectInclude, NonKey: []string{"weight"}}
)

func num(t *testing.T, n int) attr.Value {
	t.Helper()
	v, err := attr.N(strconv.Itoa(n))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// testTable holds items p/0 … p/9, even ones red, each with a size and
// a note.
func testTable(t *testing.T) *storage.Table {
	t.Helper()
	tb := storage.NewTable(tableKey, []storage.IndexDef{byColour})
	for i := range 10 {
		it := attr.Item{"pk": attr.S("p"), "sk": num(t, i), "weight": num(t, i*10), "note": attr.S("n" + strconv.Itoa(i))}
		if i%2 == 0 {
			it["colour"] = attr.S("red")
		}
		tb.Put(it)
	}
	return tb
}

func scanAll(tb *storage.Table, index string) func(fn func(storage.Record) bool) {
	return func(fn func(storage.Record) bool) { tb.ScanRecords(index, 0, 1, nil, fn) }
}

func filter(t *testing.T, src string, values map[string]attr.Value) *expr.Condition {
	t.Helper()
	p, err := expr.ParseCondition(expr.KindFilter, src)
	if err != nil {
		t.Fatal(err)
	}
	c, err := expr.NewResolver(nil, values).Condition(expr.KindFilter, p)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRun_TablePage reads the table with a filter and a limit: Limit
// counts the items read, the filter only what is returned, and the last
// item read is the key to resume after.
func TestRun_TablePage(t *testing.T) {
	tb := testTable(t)
	p := Plan{Table: tableKey, Limit: 4, Filter: filter(t, "weight > :s", map[string]attr.Value{":s": num(t, 15)})}
	pg := p.Run(scanAll(tb, ""))
	if pg.Scanned != 4 || pg.Count != 2 || pg.Items.Len() != 2 {
		t.Fatalf("page: scanned %d, count %d, %d items; want 4, 2, 2", pg.Scanned, pg.Count, pg.Items.Len())
	}
	if got := pg.Items.At(0); !attr.Equal(got["sk"], num(t, 2)) || len(got) != 5 {
		t.Errorf("first item %v, want p/2 whole", got)
	}
	if want := (attr.Item{"pk": attr.S("p"), "sk": num(t, 3)}); !reflect.DeepEqual(pg.Last, want) {
		t.Errorf("Last = %v, want %v", pg.Last, want)
	}
	if pg.Size <= 0 {
		t.Errorf("Size = %d, want the bytes read", pg.Size)
	}
}

// TestRun_CountAndIndexEntries: Select COUNT returns no list; an INCLUDE
// index read returns the projected entries only.
func TestRun_CountAndIndexEntries(t *testing.T) {
	tb := testTable(t)
	count := Plan{Table: tableKey, Count: true}
	if pg := count.Run(scanAll(tb, "")); pg.Count != 10 || !pg.Items.IsZero() || pg.Last != nil {
		t.Errorf("count page: %d, zero list %v, last %v", pg.Count, pg.Items.IsZero(), pg.Last)
	}
	ix := Plan{Table: tableKey, Index: &byColour}
	pg := ix.Run(scanAll(tb, byColour.Name))
	if pg.Count != 5 {
		t.Fatalf("index page count %d, want 5", pg.Count)
	}
	for i, it := range pg.Items.All() {
		if _, ok := it["note"]; ok || len(it) != 4 {
			t.Errorf("entry %d = %v, want pk, sk, colour and weight only", i, it)
		}
	}
	if got := ix.StartKeyNames(); !reflect.DeepEqual(got, []string{"colour", "sk", "pk"}) {
		t.Errorf("StartKeyNames = %v", got)
	}
}

// TestProjection checks what the INCLUDE index holds.
func TestProjection(t *testing.T) {
	it := attr.Item{"pk": attr.S("p"), "sk": attr.S("1"), "colour": attr.S("red"), "weight": attr.S("9"), "note": attr.S("x")}
	for name, want := range map[string]bool{"pk": true, "sk": true, "colour": true, "weight": true, "note": false} {
		if got := Projects(tableKey, &byColour, name); got != want {
			t.Errorf("Projects(%s) = %v, want %v", name, got, want)
		}
	}
	if e := Entry(tableKey, &byColour, it); len(e) != 4 || e["note"].Type() != 0 {
		t.Errorf("Entry = %v", e)
	}
	delete(it, "colour")
	if e := Entry(tableKey, &byColour, it); e != nil {
		t.Errorf("Entry of an item without the index key = %v, want nil", e)
	}
}

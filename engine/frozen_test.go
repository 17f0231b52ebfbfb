package engine

import (
	"fmt"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// TestFreezeItems: the frozen items are the table's at the freeze, in
// Scan order, a page at a time, whatever is written or deleted after it;
// an unknown table is ResourceNotFoundException.
func TestFreezeItems(t *testing.T) {
	db := New(Options{})
	mustHandle(t, db, "CreateTable", `{"TableName":"Frozen","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	for i := range 50 {
		mustHandle(t, db, "PutItem", fmt.Sprintf(`{"TableName":"Frozen","Item":{"id":{"S":"%d"}}}`, i))
	}
	scan, err := db.Scan(&ScanInput{TableName: "Frozen", ConsistentRead: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.FreezeItems("Frozen")
	if err != nil {
		t.Fatal(err)
	}
	mustHandle(t, db, "PutItem", `{"TableName":"Frozen","Item":{"id":{"S":"later"}}}`)
	mustHandle(t, db, "DeleteItem", `{"TableName":"Frozen","Key":{"id":{"S":"7"}}}`)
	var got []string
	for pages := 0; !f.Done(); pages++ {
		if pages > 50 {
			t.Fatal("Next never reported the end")
		}
		items := f.Next(7)
		if items.Len() > 7 {
			t.Fatalf("Next(7) handed out %d items", items.Len())
		}
		for _, it := range items.Items() {
			got = append(got, it["id"].Str())
		}
		if pages == 2 {
			mustHandle(t, db, "DeleteTable", `{"TableName":"Frozen"}`)
		}
	}
	if f.Next(7).Len() != 0 {
		t.Error("Next after the end handed out items")
	}
	if len(got) != scan.Count {
		t.Fatalf("frozen items: %d, want the %d of the freeze", len(got), scan.Count)
	}
	for i, it := range scan.Items.Items() {
		if got[i] != it["id"].Str() {
			t.Fatalf("frozen item %d is %q, want %q (Scan order)", i, got[i], it["id"].Str())
		}
	}
	db.Advance(tableDeleteTime) // DELETING until then
	if _, err := db.FreezeItems("Frozen"); err == nil || ddberr.As(err).Type != ddberr.TypeResourceNotFound {
		t.Errorf("FreezeItems of a deleted table: %v, want ResourceNotFoundException", err)
	}
}

// TestFrozenItems_AppendJSON: AppendJSON writes the frozen items as
// AppendItemJSON writes them, in Scan order, each once, in pieces of
// about the limit asked for, whatever is written after the freeze.
func TestFrozenItems_AppendJSON(t *testing.T) {
	db := New(Options{})
	mustHandle(t, db, "CreateTable", `{"TableName":"Frozen","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"n","AttributeType":"N"}],
		"KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"n","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"}`)
	for i := range 300 {
		mustHandle(t, db, "PutItem", fmt.Sprintf(`{"TableName":"Frozen","Item":{"id":{"S":"%d"},"n":{"N":"%d"},"pad":{"S":"%0100d"}}}`, i%7, i, i))
	}
	for _, limit := range []int{1, 150, 1000, 1 << 20} {
		scan, err := db.Scan(&ScanInput{TableName: "Frozen", ConsistentRead: true})
		if err != nil {
			t.Fatal(err)
		}
		want := []byte("[")
		for i := range scan.Items.Len() {
			if i > 0 {
				want = append(want, ',')
			}
			want = scan.Items.AppendItemJSON(want, i)
		}
		want = append(want, ']')
		f, err := db.FreezeItems("Frozen")
		if err != nil {
			t.Fatal(err)
		}
		got := []byte("[")
		calls := 0
		for !f.Done() {
			before := len(got)
			got = f.AppendJSON(got, limit, "", ",")
			if calls++; calls > 1000 {
				t.Fatalf("limit %d: AppendJSON never reported the end", limit)
			}
			if grew := len(got) - before; !f.Done() && (grew < limit || grew > limit+200) {
				t.Fatalf("limit %d: one call wrote %d bytes", limit, grew)
			}
			mustHandle(t, db, "PutItem", fmt.Sprintf(`{"TableName":"Frozen","Item":{"id":{"S":"later"},"n":{"N":"%d"}}}`, calls))
			mustHandle(t, db, "DeleteItem", `{"TableName":"Frozen","Key":{"id":{"S":"3"},"n":{"N":"3"}}}`)
		}
		got = append(got, ']')
		if string(got) != string(want) {
			t.Fatalf("limit %d: AppendJSON wrote\n%.300s\nwant the Scan's items at the freeze\n%.300s", limit, got, want)
		}
		if limit == 1 && calls < scan.Count {
			t.Errorf("limit 1: %d calls wrote %d items, want one item per call", calls, scan.Count)
		}
	}
}

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
	if _, err := db.FreezeItems("Frozen"); err == nil || ddberr.As(err).Type != ddberr.TypeResourceNotFound {
		t.Errorf("FreezeItems of a deleted table: %v, want ResourceNotFoundException", err)
	}
}

package engine

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/btree"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// benchItems is the table size of the item benchmarks.
const benchItems = 100_000

// benchItem returns the 1 KB item number i: pk "user#<i>", sk i, and a
// payload filling it to about 1 KB.
func benchItem(i int) attr.Item {
	n, _ := attr.N(fmt.Sprint(i))
	return attr.Item{
		"pk":      attr.S(fmt.Sprintf("user#%06d", i)),
		"sk":      n,
		"count":   n,
		"payload": attr.S(strings.Repeat("p", 1000-len("payload")-30)),
	}
}

// benchDB returns a DB whose on-demand table "bench" (pk S, sk N) holds
// benchItems items, and the items.
func benchDB(b *testing.B) (*DB, []attr.Item) {
	b.Helper()
	db := New(Options{})
	_, err := db.CreateTable(&CreateTableInput{
		TableName:            "bench",
		AttributeDefinitions: []AttributeDefinition{{AttributeName: "pk", AttributeType: "S"}, {AttributeName: "sk", AttributeType: "N"}},
		KeySchema:            []KeySchemaElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}},
		BillingMode:          billingPayPerRequest,
	})
	if err != nil {
		b.Fatal(err)
	}
	waitActive(b, db, "bench")
	items := make([]attr.Item, benchItems)
	for i := range items {
		items[i] = benchItem(i)
		if _, err := db.PutItem(&PutItemInput{TableName: "bench", Item: items[i]}); err != nil {
			b.Fatal(err)
		}
	}
	return db, items
}

// rawEntry is an item in the raw B-tree baseline, keyed like storage keys it.
type rawEntry struct {
	key  string
	item attr.Item
}

func rawKey(it attr.Item) string {
	return string(attr.AppendKey(attr.AppendKey(nil, it["pk"]), it["sk"]))
}

func rawTree(items []attr.Item) *btree.BTreeG[rawEntry] {
	tr := btree.NewG(32, func(a, b rawEntry) bool { return a.key < b.key })
	for _, it := range items {
		tr.ReplaceOrInsert(rawEntry{rawKey(it), it})
	}
	return tr
}

// BenchmarkItemOps compares the typed engine operations on a 100k-item
// table of 1 KB items with the bare google/btree operation on the same keys;
// the handle-json cases add the DynamoDB JSON decoding and encoding of
// Handle, for reference.
func BenchmarkItemOps(b *testing.B) {
	db, items := benchDB(b)
	tr := rawTree(items)
	keys := make([]attr.Item, len(items))
	for i, it := range items {
		keys[i] = attr.Item{"pk": it["pk"], "sk": it["sk"]}
	}

	b.Run("PutItem/engine", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := db.PutItem(&PutItemInput{TableName: "bench", Item: items[i%benchItems]}); err != nil {
				b.Fatal(err)
			}
			i += 7919
		}
	})
	b.Run("PutItem/btree", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			it := items[i%benchItems]
			tr.ReplaceOrInsert(rawEntry{rawKey(it), it})
			i += 7919
		}
	})
	b.Run("PutItem/handle-json", func(b *testing.B) {
		bodies := make([][]byte, 64)
		for i := range bodies {
			item, err := json.Marshal(items[i*997%benchItems])
			if err != nil {
				b.Fatal(err)
			}
			bodies[i] = append(append([]byte(`{"TableName":"bench","Item":`), item...), '}')
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := db.Handle("PutItem", bodies[i%len(bodies)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("GetItem/engine", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			out, err := db.GetItem(&GetItemInput{TableName: "bench", Key: keys[i%benchItems]})
			if err != nil || out.Item == nil {
				b.Fatal(err)
			}
			i += 7919
		}
	})
	b.Run("GetItem/btree", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, ok := tr.Get(rawEntry{key: rawKey(keys[i%benchItems])}); !ok {
				b.Fatal("missing")
			}
			i += 7919
		}
	})
	one, _ := attr.N("1")
	b.Run("UpdateItem/engine", func(b *testing.B) {
		b.ReportAllocs()
		upd := "SET #c = #c + :one"
		names := map[string]string{"#c": "count"}
		values := map[string]attr.Value{":one": one}
		i := 0
		for b.Loop() {
			_, err := db.UpdateItem(&UpdateItemInput{TableName: "bench", Key: keys[i%benchItems],
				UpdateExpression: &upd, ExpressionAttributeNames: names, ExpressionAttributeValues: values})
			if err != nil {
				b.Fatal(err)
			}
			i += 7919
		}
	})
	b.Run("GetItem/handle-json", func(b *testing.B) {
		bodies := make([][]byte, 64)
		for i := range bodies {
			key, err := json.Marshal(keys[i*997%benchItems])
			if err != nil {
				b.Fatal(err)
			}
			bodies[i] = append(append([]byte(`{"TableName":"bench","Key":`), key...), '}')
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := db.Handle("GetItem", bodies[i%len(bodies)]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("UpdateItem/btree", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			e, ok := tr.Get(rawEntry{key: rawKey(keys[i%benchItems])})
			if !ok {
				b.Fatal("missing")
			}
			n, _ := attr.Add(e.item["count"], one)
			it := make(attr.Item, len(e.item))
			for k, v := range e.item {
				it[k] = v
			}
			it["count"] = n
			tr.ReplaceOrInsert(rawEntry{e.key, it})
			i += 7919
		}
	})
}

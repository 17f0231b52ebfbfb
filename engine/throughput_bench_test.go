package engine

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// BenchmarkThrottle measures what throughput enforcement costs on the hot
// path: PutItem and GetItem on the 100,000-item on-demand table of
// BenchmarkItemOps, with enforcement off (the native default: one atomic
// load) and on (metering every request against its partition, the table's
// per-second limit and the metrics). The engine clock runs 1,000 times
// faster than real time so that the table's capacity is never the limit:
// a throttled request fails the benchmark.
func BenchmarkThrottle(b *testing.B) {
	db, items := benchDB(b)
	if err := db.Clock().SetSpeed(1000); err != nil {
		b.Fatal(err)
	}
	keys := make([]attr.Item, len(items))
	for i, it := range items {
		keys[i] = attr.Item{"pk": it["pk"], "sk": it["sk"]}
	}
	for _, on := range []bool{false, true} {
		name := map[bool]string{false: "off", true: "on"}[on]
		db.SetThrottle(on)
		b.Run("PutItem/"+name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := db.PutItem(&PutItemInput{TableName: "bench", Item: items[i%benchItems]}); err != nil {
					b.Fatal(err)
				}
				i += 7919
			}
		})
		b.Run("GetItem/"+name, func(b *testing.B) {
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
	}
}

// BenchmarkCapacityJSON measures the observability API (partitions with
// their items and bytes, per-second metrics) on the 1M-item table of the
// Query benchmarks, with a GSI: "changed" after a write (one walk of the
// table's and the index's entries), "unchanged" when nothing was written
// since the last call (the statistics are cached).
func BenchmarkCapacityJSON(b *testing.B) {
	db := benchBigDB(b)
	db.SetThrottle(true)
	touch := []byte(`{"TableName":"big","Item":{"pk":{"S":"p00000"},"sk":{"N":"0"}}}`)
	b.Run("changed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := db.Handle("PutItem", touch); err != nil {
				b.Fatal(err)
			}
			if _, err := db.CapacityJSON("big"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := db.CapacityJSON("big"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package engine

import (
	"fmt"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// BenchmarkThrottle measures what throughput enforcement costs on the hot
// path: PutItem and GetItem on the 100,000-item on-demand table of
// BenchmarkItemOps, with enforcement off (the native default: one atomic
// load) and on (metering every request against its partition, the table's
// per-second limit and the metrics). Each mode has its own table, built
// alike, and off and on alternate (PutItem off, on, then GetItem off, on),
// so that both have seen the same writes: a GetItem after a run of
// PutItems reads records scattered over the heap, slower than the freshly
// loaded ones. The engine clock runs 1,000 times faster than real time so
// that the table's capacity is never the limit: a throttled request fails
// the benchmark.
func BenchmarkThrottle(b *testing.B) {
	dbs := map[bool]*DB{}
	var items []attr.Item
	for _, on := range []bool{false, true} {
		db, its := benchDB(b)
		if err := db.Clock().SetSpeed(1000); err != nil {
			b.Fatal(err)
		}
		db.SetThrottle(on)
		dbs[on], items = db, its
	}
	keys := make([]attr.Item, len(items))
	for i, it := range items {
		keys[i] = attr.Item{"pk": it["pk"], "sk": it["sk"]}
	}
	name := map[bool]string{false: "off", true: "on"}
	for _, on := range []bool{false, true} {
		db := dbs[on]
		b.Run("PutItem/"+name[on], func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			m := cpuMeter{b: b}
			for m.loop() {
				if _, err := db.PutItem(&PutItemInput{TableName: "bench", Item: items[i%benchItems]}); err != nil {
					b.Fatal(err)
				}
				i += 7919
			}
		})
	}
	for _, on := range []bool{false, true} {
		db := dbs[on]
		b.Run("GetItem/"+name[on], func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			m := cpuMeter{b: b}
			for m.loop() {
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
// their items, bytes and item collections, per-second metrics) on the
// 1M-item table of the Query benchmarks, with a GSI: "changed" right after
// a write, "unchanged" with no write since the last call, "history" with
// writes in every one of the last 900 seconds on every partition (the
// largest answer: 15 minutes of per-second metrics). None walks the items:
// the counts are the storage's running ones (the first call, in the setup,
// counts the items under the table's eight starting partitions once). The
// clock is paused and stepped: 1 ms per write, so that none is throttled.
func BenchmarkCapacityJSON(b *testing.B) {
	db := benchBigDB(b)
	db.SetThrottle(true)
	clk := db.Clock()
	clk.Pause()
	defer clk.Resume()
	if _, err := db.CapacityJSON("big"); err != nil {
		b.Fatal(err)
	}
	touch := make([][]byte, 1000)
	for i := range touch {
		touch[i] = []byte(fmt.Sprintf(`{"TableName":"big","Item":{"pk":{"S":"p%05d"},"sk":{"N":"0"}}}`, i*(benchPartitions/len(touch))))
	}
	i := 0
	write := func() {
		clk.Step(time.Millisecond)
		if _, err := db.Handle("PutItem", touch[i%len(touch)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	call := func() {
		if _, err := db.CapacityJSON("big"); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("changed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			write()
			call()
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			call()
		}
	})
	for range 900 * 50 {
		write() // 50 writes a second over 1,000 keys: every partition, every second
		if i%50 == 0 {
			clk.Step(time.Second - 50*time.Millisecond)
		}
	}
	b.Run("history", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			call()
		}
	})
}

// cpuMeter reports the process CPU time per op as "cpu-ns/op" when the
// benchmark loop ends (from the first b.Loop call, so the setup is left
// out): on a busy machine the wall time counts waiting for a CPU too.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
	n     int
}

func (m *cpuMeter) loop() bool {
	if m.n == 0 {
		m.start = processCPU()
	}
	if m.b.Loop() {
		m.n++
		return true
	}
	if d := processCPU() - m.start; d > 0 && m.n > 0 {
		m.b.ReportMetric(float64(d.Nanoseconds())/float64(m.n), "cpu-ns/op")
	}
	return false
}

package loadgen

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkLoad_TenMinutesAt1000rps plays the lab benchmark's load —
// 10 minutes of virtual time at 1,000 requests/s, half 1 KB PutItems and
// half eventually consistent GetItems, keys uniform over 100,000 items of
// an on-demand table — natively, in one-minute slices, and reports the
// real seconds a whole load takes and the time per request. With -short
// it plays one minute (and reports ten minutes' time from it).
func BenchmarkLoad_TenMinutesAt1000rps(b *testing.B) {
	db := newDB(b)
	create(b, db, tableSpec{name: "Big", pk: "id", pkType: "S"})
	fill(b, db, "Big", 100000, 1000)
	spec := Spec{Table: "Big", Reads: 0.5, RPS: 1000, Seconds: 600, ItemBytes: 1000, Keys: 100000, Dist: Uniform}
	if testing.Short() {
		spec.Seconds = 60 // a quick look (under Node, say)
	}
	b.ResetTimer()
	var reqs int
	t0 := time.Now()
	for range b.N {
		_, sum := play(b, db, spec, 60)
		reqs += sum.Requests
	}
	el := time.Since(t0)
	b.ReportMetric(el.Seconds()/float64(b.N)*600/float64(spec.Seconds), "s/10min-load")
	b.ReportMetric(float64(el.Nanoseconds())/float64(reqs), "ns/request")
}

// BenchmarkPlay_PerRequest plays one virtual second at 1,000 requests/s
// per iteration, on an on-demand table of 100,000 items of about 1 KB,
// for the lab benchmark's mix and for each operation alone, and reports
// the time and heap allocations per request (what GC costs in wasm
// follows).
func BenchmarkPlay_PerRequest(b *testing.B) {
	db := newDB(b)
	create(b, db, tableSpec{name: "Big", pk: "id", pkType: "S"})
	fill(b, db, "Big", 100000, 1000)
	create(b, db, tableSpec{name: "Coll", pk: "id", pkType: "S", sk: "n", skType: "N"})
	for _, c := range []struct {
		name string
		spec Spec
	}{
		{"mix", Spec{Table: "Big", Reads: 0.5}},
		{"GetItem", Spec{Table: "Big", Reads: 1}},
		{"PutItem", Spec{Table: "Big", Reads: 0}},
		{"UpdateItem", Spec{Table: "Big", Reads: 0, Updates: 1}},
		{"Query", Spec{Table: "Coll", Reads: 1, Queries: 1, SortKeys: 4}},
		{"zipf", Spec{Table: "Big", Reads: 0.5, Dist: Zipf}},
	} {
		b.Run(c.name, func(b *testing.B) {
			spec := c.spec
			spec.RPS, spec.Seconds, spec.ItemBytes, spec.Keys = 1000, MaxSeconds, 1000, 100000
			r, err := New(db, nil, spec)
			if err != nil {
				b.Fatal(err)
			}
			r.Play(1) // warm up
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			b.ResetTimer()
			for range b.N {
				if r.Done() {
					b.StopTimer()
					r, _ = New(db, nil, spec)
					b.StartTimer()
				}
				r.Play(1)
			}
			b.StopTimer()
			runtime.ReadMemStats(&m1)
			n := float64(b.N) * spec.RPS
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/request")
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/n, "allocs/request")
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/n, "B/request")
		})
	}
}

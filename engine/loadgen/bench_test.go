package loadgen

import (
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

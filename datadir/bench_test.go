package datadir

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
)

// handler is what the benchmarks write through: an in-memory engine.DB or
// a Store.
type handler interface {
	Serve(op string, body []byte) (status int, resp []byte, wrote bool)
}

// BenchmarkPutItem: a PutItem of a 1 KB item through the in-memory engine
// and through a data directory under each sync policy, one writer at a
// time and from parallel writers (whose syncs the log groups). The disk's
// fdatasync latency dominates "sync always".
func BenchmarkPutItem(b *testing.B) {
	pad := strings.Repeat("x", 1000)
	setups := []struct {
		name string
		open func(b *testing.B) handler
	}{
		{"memory", func(b *testing.B) handler { return engine.New(engine.Options{}) }},
		{"data-sync-always", func(b *testing.B) handler { return benchStore(b, SyncAlways) }},
		{"data-sync-none", func(b *testing.B) handler { return benchStore(b, SyncNone) }},
	}
	for _, s := range setups {
		for _, parallel := range []bool{false, true} {
			name := s.name
			if parallel {
				name += "/parallel"
			}
			b.Run(name, func(b *testing.B) {
				h := s.open(b)
				if st, resp, _ := h.Serve("CreateTable", []byte(createMusic)); st != 200 {
					b.Fatalf("%d %s", st, resp)
				}
				// Wait as a user does until the new table is ACTIVE (2 s).
				for {
					_, d, _ := h.Serve("DescribeTable", []byte(`{"TableName":"Music"}`))
					if strings.Contains(string(d), `"TableStatus":"ACTIVE"`) {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				var n atomic.Int64
				put := func() {
					body := fmt.Sprintf(`{"TableName":"Music","Item":{"Artist":{"S":"a%d"},"Song":{"S":"s"},"pad":{"S":"%s"}}}`, n.Add(1), pad)
					if st, resp, _ := h.Serve("PutItem", []byte(body)); st != 200 {
						b.Fatalf("%d %s", st, resp)
					}
				}
				b.ResetTimer()
				if parallel {
					b.SetParallelism(4)
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							put()
						}
					})
				} else {
					for b.Loop() {
						put()
					}
				}
			})
		}
	}
}

func benchStore(b *testing.B, sync Sync) *Store {
	s, err := Open(b.TempDir(), Options{Sync: sync})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

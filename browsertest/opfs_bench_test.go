package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkOPFSWrite asks why Chromium's browser process works for every
// write to the write log: in a bare page (test/opfs-write.html), a
// dedicated worker makes 1,000 writes of 100 bytes to an OPFS file through
// a FileSystemSyncAccessHandle in each mode of opfs-write-worker.js
// (inside a file allocated ahead, growing the file, with flush() or
// getSize() per write, overwriting one record; a read and nothing as
// controls), sleeping gap ms between writes as the engine's worker blocks
// between awaited calls, and reports per write: the worker's own time
// (µs/write-worker), the browser process's CPU time (µs/write-browser-cpu)
// and how many times its threads were scheduled (runs/write-browser).
// DDBPLAY_BENCH_VERBOSE=1 logs the browser threads that ran.
func BenchmarkOPFSWrite(b *testing.B) {
	ctx := newBrowserFor(b, 10*time.Minute)
	navigate(b, ctx, "/test/opfs-write.html")
	const n = 1000
	modes := []string{"presized", "append", "flush", "getsize", "same", "read", "none"}
	for _, gap := range []float64{0.2, 0} {
		for _, mode := range modes {
			b.Run(fmt.Sprintf("%s/gap-%gms", mode, gap), func(b *testing.B) {
				evalAsync(b, ctx, fmt.Sprintf(`window.opfsWrites(%q, 100, %g)`, mode, gap), nil) // warm-up
				var worker, cpu, runs float64
				threads := map[string]threadUse{}
				for range b.N {
					before, ok := browserThreads(ctx)
					if !ok {
						b.Skip("no /proc: the browser's CPU time is not known here")
					}
					var us float64
					evalAsync(b, ctx, fmt.Sprintf(`window.opfsWrites(%q, %d, %g)`, mode, n, gap), &us)
					after, _ := browserThreads(ctx)
					worker += us
					for tid, a := range after {
						d := threadUse{name: a.name, ns: a.ns - before[tid].ns, runs: a.runs - before[tid].runs}
						cpu += float64(d.ns) / 1e3 / n
						runs += float64(d.runs) / n
						t := threads[a.name]
						t.name, t.ns, t.runs = a.name, t.ns+d.ns, t.runs+d.runs
						threads[a.name] = t
					}
				}
				k := float64(b.N)
				b.ReportMetric(worker/k, "µs/write-worker")
				b.ReportMetric(cpu/k, "µs/write-browser-cpu")
				b.ReportMetric(runs/k, "runs/write-browser")
				if os.Getenv("DDBPLAY_BENCH_VERBOSE") != "" {
					var list []threadUse
					for _, t := range threads {
						if t.ns > 0 {
							list = append(list, t)
						}
					}
					sort.Slice(list, func(i, j int) bool { return list[i].ns > list[j].ns })
					var parts []string
					for _, t := range list {
						parts = append(parts, fmt.Sprintf("%s %.1f µs/%.2f runs", t.name, float64(t.ns)/1e3/n/k, float64(t.runs)/n/k))
					}
					b.Logf("%s gap %g ms, per write: %s", mode, gap, strings.Join(parts, ", "))
				}
			})
		}
	}
}

// threadUse is one thread's CPU time and how many times it was scheduled.
type threadUse struct {
	name     string
	ns, runs int64
}

// browserThreads returns the use so far of every thread of the browser
// process of ctx by thread id (Linux /proc), or ok false.
func browserThreads(ctx context.Context) (map[string]threadUse, bool) {
	c := chromedp.FromContext(ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return nil, false
	}
	dirs, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", c.Browser.Process().Pid))
	out := map[string]threadUse{}
	for _, d := range dirs {
		stat, err1 := os.ReadFile(filepath.Join(d, "schedstat"))
		comm, err2 := os.ReadFile(filepath.Join(d, "comm"))
		if err1 != nil || err2 != nil {
			continue // a thread that ended meanwhile
		}
		f := strings.Fields(string(stat))
		if len(f) < 3 {
			continue
		}
		ns, _ := strconv.ParseInt(f[0], 10, 64)
		runs, _ := strconv.ParseInt(f[2], 10, 64)
		out[filepath.Base(d)] = threadUse{name: strings.TrimSpace(string(comm)), ns: ns, runs: runs}
	}
	return out, len(out) > 0
}

// BenchmarkOPFSRoundTrip measures the floor of an awaited write with the
// write log as the page sees it: in a bare page (test/opfs-write.html),
// the page asks a dedicated worker through shared memory, as the engine's
// lane does, and the worker writes one 100-byte record to a presized OPFS
// file through a FileSystemSyncAccessHandle (or writes nothing) before it
// answers; no engine, no JSON. The page waits for the answer spinning,
// awaiting the worker's message, or in Atomics.waitAsync, the waits and
// write/none alternating in rounds. µs per awaited call, median and p90.
func BenchmarkOPFSRoundTrip(b *testing.B) {
	ctx := newBrowserFor(b, 10*time.Minute)
	navigate(b, ctx, "/test/opfs-write.html")
	waits := []string{"spin", "message", "waitAsync"}
	var warm map[string][]float64
	evalAsync(b, ctx, `window.opfsRoundTrips(["spin", "message", "waitAsync"], 1, 200)`, &warm)
	all := map[string][]float64{}
	for range b.N {
		var got map[string][]float64
		evalAsync(b, ctx, `window.opfsRoundTrips(["spin", "message", "waitAsync"], 6, 300)`, &got)
		for k, xs := range got {
			all[k] = append(all[k], xs...)
		}
	}
	for _, w := range waits {
		for _, kind := range []string{"write", "none"} {
			xs := all[w+"/"+kind]
			sort.Float64s(xs)
			b.ReportMetric(quantile(xs, 0.5), "µs/"+w+"-"+kind)
			b.ReportMetric(quantile(xs, 0.9), "µs-p90/"+w+"-"+kind)
		}
	}
}

package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkBrowserLabLoad reports how long the large-tables lab's load
// generator takes to play 10 minutes of engine time at 1,000 requests per
// second (half 1 KB PutItems, half eventually consistent GetItems, keys
// uniform over the items) on a table of 100,000 items, run from the lab's
// form in the page (aim: under 10 s), and the page's frame intervals
// meanwhile (median, 95th percentile and longest), while the charts redraw,
// and the time the page then takes to save the state the load changed.
func BenchmarkBrowserLabLoad(b *testing.B) {
	ctx := newBrowserFor(b, 10*time.Minute)
	navigate(b, ctx, "/?space=bench-lab")
	labWaitReady(b, ctx)
	// Setup through the door: 100,000 items of about 1 KB, keys k0…k99999.
	evalAsync(b, ctx, `(async () => {
		const db = window.ddbplay;
		const pad = "x".repeat(990);
		const items = Array.from({length: 100000}, (_, i) => ({id: {S: "k" + i}, data: {S: pad}}));
		await db.importSnapshot({format: "ddbplay-snapshot", version: 1, tables: [{TableName: "Big",
			BillingMode: "PAY_PER_REQUEST",
			AttributeDefinitions: [{AttributeName: "id", AttributeType: "S"}],
			KeySchema: [{AttributeName: "id", KeyType: "HASH"}], items}]});
		await db.flush();
		return true;
	})()`, nil)
	navigate(b, ctx, "/?space=bench-lab")
	labWaitReady(b, ctx)
	var secs, rates, medians, p95s, maxes, saves, cpus, wcpus []float64
	b.ResetTimer()
	for range b.N {
		evalAsync(b, ctx, `document.getElementById("tab-lab").click()`, nil)
		uiWaitB(b, ctx, `[...document.getElementById("lab-table").options].some((o) => o.value === "Big")`)
		evalAsync(b, ctx, `(() => {
			const sel = document.getElementById("lab-table");
			sel.value = "Big";
			sel.dispatchEvent(new Event("change"));
			const set = (id, v) => { const el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event("change")); };
			set("load-reads", "50"); set("load-rps", "1000"); set("load-duration", "600");
			set("load-size", "1000"); set("load-dist", "uniform"); set("load-keys", "100000");
			document.getElementById("load-summary").replaceChildren();
			window.labFrames = [];
			const tick = (t) => { window.labFrames.push(t); if (!document.querySelector('[data-testid="load-summary"]')) requestAnimationFrame(tick); };
			requestAnimationFrame(tick);
			return true;
		})()`, nil)
		uiWaitB(b, ctx, `document.getElementById("lab-cap-facts") && document.getElementById("lab-table").value === "Big"`)
		cpu0, wcpu0, cpuOK := browserCPU()
		evalAsync(b, ctx, `document.getElementById("load-run").click()`, nil)
		// A load still running after 4 minutes (a busy machine) is
		// cancelled, and its rate gives the estimate (logged as such).
		var finished bool
		evalAsync(b, ctx, `new Promise((resolve) => {
			const t0 = performance.now();
			const tick = () => {
				if (document.querySelector('[data-testid="load-summary"]')) return resolve(true);
				if (performance.now() - t0 > 240000) {
					document.getElementById("task-cancel").click();
					return resolve(false);
				}
				setTimeout(tick, 50);
			};
			tick();
		})`, &finished)
		uiWaitB(b, ctx, `document.querySelector('[data-testid="load-summary"]')`)
		cpu1, wcpu1, cpuOK1 := browserCPU()
		var out struct {
			Head   string
			Frames []float64
		}
		evalAsync(b, ctx, `({Head: document.querySelector('[data-testid="load-summary"] h4').textContent,
			Frames: window.labFrames.slice(1).map((t, i) => t - window.labFrames[i])})`, &out)
		// Then the state is saved (the load's writes bypass the write log).
		uiWaitB(b, ctx, `!document.getElementById("load-run").disabled`)
		var saved string
		evalAsync(b, ctx, `document.querySelector('[data-testid="load-saved"]').textContent`, &saved)
		if m := savedRE.FindStringSubmatch(saved); m != nil {
			s, _ := strconv.ParseFloat(m[1], 64)
			saves = append(saves, s)
		} else {
			b.Fatalf("after the load: %q, want the time the save took", saved)
		}
		// "Load done: 600,000 requests in 8.1 s of real time" or "Cancelled after N requests in …"
		f := strings.Fields(strings.ReplaceAll(out.Head, ",", ""))
		var n, s float64
		for i, w := range f {
			if w == "requests" && i > 0 {
				n, _ = strconv.ParseFloat(f[i-1], 64)
			}
			if w == "in" && i+1 < len(f) {
				s, _ = strconv.ParseFloat(f[i+1], 64)
			}
		}
		if n <= 0 || s <= 0 || (finished && n != 600000) {
			b.Fatalf("summary %q: want 600,000 requests and a time", out.Head)
		}
		if !finished {
			b.Logf("the load did not finish within 4 minutes on this machine: %s; the 10-minute time is estimated from its rate", out.Head)
		}
		secs = append(secs, 600000/(n/s))
		if cpuOK && cpuOK1 {
			cpus = append(cpus, (cpu1-cpu0)*600000/n)
			wcpus = append(wcpus, (wcpu1-wcpu0)*600000/n)
		}
		rates = append(rates, n/s)
		fr := slices.Clone(out.Frames)
		slices.Sort(fr)
		if len(fr) == 0 {
			fr = []float64{0}
		}
		medians = append(medians, fr[len(fr)/2])
		p95s = append(p95s, fr[len(fr)*95/100])
		maxes = append(maxes, fr[len(fr)-1])
	}
	b.ReportMetric(median(secs), "s/10min-at-1000rps")
	b.ReportMetric(median(rates), "requests/s")
	b.ReportMetric(median(medians), "ms/frame-median")
	b.ReportMetric(median(p95s), "ms/frame-p95")
	b.ReportMetric(median(maxes), "ms/frame-max")
	b.ReportMetric(median(saves), "s/save-after")
	if len(cpus) == len(secs) {
		// The browser's processor time during the load: what a quiet
		// machine's real time would be, about (the wall time on a busy
		// machine counts the other programs' turns too).
		b.ReportMetric(median(cpus), "cpu-s/load")
		// The engine's worker thread alone.
		b.ReportMetric(median(wcpus), "worker-cpu-s/load")
	}
}

// browserCPU returns the processor time (user and system, in seconds)
// used so far by this process's descendants that are still running (the
// browser's processes), and by their Web Worker threads (the engine's
// host), from /proc; ok is false where there is none.
func browserCPU() (all, worker float64, ok bool) {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(stats) == 0 {
		return 0, 0, false
	}
	// stat reads pid, comm, ppid and utime+stime (fields 14 and 15) of a
	// /proc stat file.
	stat := func(path string) (pid int, comm string, ppid int, ticks float64, ok bool) {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0, "", 0, 0, false
		}
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open {
			return 0, "", 0, 0, false
		}
		f := strings.Fields(s[end+1:])
		if len(f) < 13 {
			return 0, "", 0, 0, false
		}
		pid, _ = strconv.Atoi(strings.TrimSpace(s[:open]))
		ppid, _ = strconv.Atoi(f[1])
		ut, _ := strconv.ParseFloat(f[11], 64)
		st, _ := strconv.ParseFloat(f[12], 64)
		return pid, s[open+1 : end], ppid, ut + st, true
	}
	type proc struct {
		ppid  int
		ticks float64
	}
	procs := map[int]proc{}
	for _, f := range stats {
		if pid, _, ppid, ticks, ok := stat(f); ok {
			procs[pid] = proc{ppid, ticks}
		}
	}
	self := os.Getpid()
	for pid, p := range procs {
		for q, n := p.ppid, 0; q > 1 && n < 64; q, n = procs[q].ppid, n+1 {
			if q != self {
				continue
			}
			all += p.ticks / 100 // USER_HZ is 100 on Linux
			ok = true
			tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/[0-9]*/stat")
			for _, t := range tasks {
				if _, comm, _, ticks, tok := stat(t); tok && strings.HasPrefix(comm, "DedicatedWorker") {
					worker += ticks / 100
				}
			}
			break
		}
	}
	return all, worker, ok
}

// savedRE reads the save's time from "What the load wrote is saved (2.5 s)."
var savedRE = regexp.MustCompile(`saved \(([0-9.]+) s\)`)

// labWaitReady waits for the playground page to start (benchmark flavour).
func labWaitReady(b *testing.B, ctx context.Context) {
	b.Helper()
	uiWaitB(b, ctx, `document.body && document.body.dataset.ready === "true"`)
}

// uiWaitB waits, with the harness's page timeout, until cond is truthy.
func uiWaitB(b *testing.B, ctx context.Context, cond string) {
	b.Helper()
	c, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	if err := evalErr(c, `new Promise((resolve) => {
		const tick = () => { try { if (`+cond+`) return resolve(true); } catch (e) {} setTimeout(tick, 20); };
		tick();
	})`, nil); err != nil {
		b.Fatalf("waiting for %s: %v", cond, err)
	}
}

package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/chromedp/chromedp"
)

// pageSched is what the page's renderer threads used so far (Linux
// /proc/<pid>/task/<tid>/schedstat): CPU time, and time spent ready to run
// but waiting for a core (the run queue's delay), in ns, for the page's
// main thread and its dedicated workers (the engine's worker) together.
type pageSched struct {
	mainRun, mainWait     int64
	workerRun, workerWait int64
}

// sub returns p - q.
func (p pageSched) sub(q pageSched) pageSched {
	return pageSched{p.mainRun - q.mainRun, p.mainWait - q.mainWait, p.workerRun - q.workerRun, p.workerWait - q.workerWait}
}

// add returns p + q.
func (p pageSched) add(q pageSched) pageSched {
	return pageSched{p.mainRun + q.mainRun, p.mainWait + q.mainWait, p.workerRun + q.workerRun, p.workerWait + q.workerWait}
}

// pageSchedOf returns the use so far of the renderer threads of the
// browser of ctx (the renderer processes among its descendants: a
// benchmark's browser shows one page), or ok false (no /proc).
func pageSchedOf(ctx context.Context) (s pageSched, ok bool) {
	c := chromedp.FromContext(ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return s, false
	}
	for _, pid := range descendants(c.Browser.Process().Pid) {
		cmd, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil || !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		dirs, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*", pid))
		for _, d := range dirs {
			stat, err1 := os.ReadFile(filepath.Join(d, "schedstat"))
			comm, err2 := os.ReadFile(filepath.Join(d, "comm"))
			f := strings.Fields(string(stat))
			if err1 != nil || err2 != nil || len(f) < 2 {
				continue // a thread that ended meanwhile
			}
			run, _ := strconv.ParseInt(f[0], 10, 64)
			wait, _ := strconv.ParseInt(f[1], 10, 64)
			switch {
			case filepath.Base(d) == strconv.Itoa(pid):
				s.mainRun += run
				s.mainWait += wait
				ok = true
			case strings.HasPrefix(strings.TrimSpace(string(comm)), "DedicatedWorker"):
				s.workerRun += run
				s.workerWait += wait
			}
		}
	}
	return s, ok
}

// descendants returns the process ids whose ancestry leads to pid.
func descendants(pid int) []int {
	parent := map[int]int{}
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		p, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join(d, "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces and parentheses.
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 2 {
			continue
		}
		if pp, err := strconv.Atoi(f[1]); err == nil {
			parent[p] = pp
		}
	}
	var out []int
	for p := range parent {
		for q, n := parent[p], 0; q != 0 && n < 64; q, n = parent[q], n+1 {
			if q == pid {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

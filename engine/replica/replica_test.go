package replica

import (
	"fmt"
	"testing"
)

const ms = int64(1e6)

// Rule (Developer Guide, "Read consistency"): a replica lagging by the
// replication lag serves the state as of that long ago; with no lag, the
// latest write.
func TestLog_AtLag(t *testing.T) {
	var l Log[string]
	if _, ok := l.At(0, 0); ok {
		t.Fatal("At on an empty log reported a version")
	}
	l.Reset("v0")
	l.Record(1000*ms, 500*ms, "v1")
	l.Record(1200*ms, 500*ms, "v2")
	cases := []struct {
		now, lag int64
		want     string
	}{
		{1000 * ms, 0, "v1"},
		{1499 * ms, 500 * ms, "v0"},
		{1500 * ms, 500 * ms, "v1"},
		{1700 * ms, 500 * ms, "v2"},
		{1300 * ms, 0, "v2"},
	}
	for _, c := range cases {
		if got, _ := l.At(c.now, c.lag); got != c.want {
			t.Errorf("At(%d ms, lag %d ms) = %s, want %s", c.now/ms, c.lag/ms, got, c.want)
		}
	}
}

func TestLog_TrimsWhatNoReplicaNeeds(t *testing.T) {
	var l Log[int]
	l.Reset(0)
	for i := 1; i <= 100; i++ {
		l.Record(int64(i)*100*ms, 1000*ms, i)
	}
	// At 10 s with a 1 s lag, a replica needs the version of 9 s and later.
	if l.Len() != 11 {
		t.Fatalf("log holds %d versions, want 11", l.Len())
	}
	if v, _ := l.At(10000*ms, 1000*ms); v != 90 {
		t.Fatalf("At = %d, want 90", v)
	}
}

// Rule (issue: the replica of an eventually consistent read is chosen by
// a seeded generator, reproducibly): the same seed, the same replicas;
// all three replicas serve reads.
func TestChooser_Seeded(t *testing.T) {
	a, b := NewChooser(42), NewChooser(42)
	seen := [Replicas]int{}
	for range 300 {
		x, y := a.Pick(), b.Pick()
		if x != y {
			t.Fatal("two choosers with the same seed differ")
		}
		seen[x]++
	}
	for r, n := range seen {
		if n < 50 {
			t.Errorf("replica %d served %d of 300 reads", r, n)
		}
	}
}

func ExampleLog() {
	var l Log[string]
	l.Reset("empty")
	l.Record(1000, 500, "after the write")
	v, _ := l.At(1200, 500) // the lagging replica has not got it yet
	fmt.Println(v)
	v, _ = l.At(1500, 500)
	fmt.Println(v)
	// Output:
	// empty
	// after the write
}

type fixedClock int64

func (c *fixedClock) Now() int64 { return int64(*c) }

// Rule (Developer Guide, "Read consistency"): with a lag, a strongly
// consistent read of the table gets the leader's state, an index and the
// lagging replica the state of one lag ago; with no lag nothing is kept
// and every read is current.
func TestSet_ReadsByConsistency(t *testing.T) {
	var s Set[string]
	clk := fixedClock(0)
	snap := func(v string) func() string { return func() string { return v } }
	const lag = 10
	s.Reset(lag, snap("v0"))
	clk = 5
	s.Written(&clk, lag, snap("v1"))
	clk = 8
	if got := s.Read(&clk, lag, true, false, NewChooser(1), "v1"); got != "v1" {
		t.Fatalf("strongly consistent read: %s, want the leader's v1", got)
	}
	if got := s.Read(&clk, lag, true, true, NewChooser(1), "v1"); got != "v0" {
		t.Fatalf("index read within the lag: %s, want v0", got)
	}
	seen := map[string]int{}
	c := NewChooser(7)
	for range 300 {
		seen[s.Read(&clk, lag, false, false, c, "v1")]++
	}
	if seen["v0"] == 0 || seen["v1"] == 0 || seen["v0"]+seen["v1"] != 300 {
		t.Fatalf("eventually consistent reads within the lag saw %v, want both versions", seen)
	}
	clk = 15
	if got := s.Read(&clk, lag, true, true, NewChooser(1), "v1"); got != "v1" {
		t.Fatalf("index read after the lag: %s, want v1", got)
	}
	s.Reset(0, snap("v2"))
	if s.Versions() != 0 || s.Read(&clk, 0, false, true, NewChooser(1), "v2") != "v2" {
		t.Fatalf("no lag: %d versions kept", s.Versions())
	}
	s.Written(&clk, 0, func() string { t.Fatal("snapshot taken with no lag"); return "" })
}

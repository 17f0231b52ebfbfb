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

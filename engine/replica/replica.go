package replica

import (
	"math"
	"math/rand/v2"
	"sync"
)

// Replicas is how many copies of a table DynamoDB keeps.
const Replicas = 3

// Lagging is the replica that receives writes after the lag; 0 is the
// leader and 1 the replica that acknowledged the write with it.
const Lagging = 2

// Log holds the versions of one table that a lagging replica may still
// serve. The zero Log is empty; it is not safe for concurrent use (the
// engine guards it with its own lock).
type Log[T any] struct {
	versions []version[T] // ascending by at
}

type version[T any] struct {
	at int64
	v  T
}

// Reset forgets every version and makes base the state a lagging replica
// has seen since forever (the table as it is when lag is switched on).
func (l *Log[T]) Reset(base T) {
	clear(l.versions)
	l.versions = append(l.versions[:0], version[T]{at: math.MinInt64, v: base})
}

// Len returns how many versions the log holds.
func (l *Log[T]) Len() int { return len(l.versions) }

// Record adds the state v that a write made at time now (Unix
// nanoseconds, not before the previous write's), and drops the versions
// that no replica lagging by lag needs any more.
func (l *Log[T]) Record(now, lag int64, v T) {
	l.versions = append(l.versions, version[T]{at: now, v: v})
	l.trim(now - lag)
}

// trim keeps the newest version written at or before cut and every later one.
func (l *Log[T]) trim(cut int64) {
	i := 0
	for i+1 < len(l.versions) && l.versions[i+1].at <= cut {
		i++
	}
	if i > 0 {
		n := copy(l.versions, l.versions[i:])
		clear(l.versions[n:])
		l.versions = l.versions[:n]
	}
}

// At returns the state a replica lagging by lag sees at time now: the
// newest version written at or before now−lag. ok is false when the log is
// empty (never Reset).
func (l *Log[T]) At(now, lag int64) (v T, ok bool) {
	cut := now - lag
	for i := len(l.versions) - 1; i >= 0; i-- {
		if l.versions[i].at <= cut {
			return l.versions[i].v, true
		}
	}
	return v, false
}

// Chooser picks the replica that serves each eventually consistent read,
// from a seeded generator: the same seed gives the same sequence. It is
// safe for concurrent use.
type Chooser struct {
	mu  sync.Mutex
	rng *rand.Rand
}

// NewChooser returns a chooser seeded with seed.
func NewChooser(seed uint64) *Chooser {
	return &Chooser{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Pick returns the replica (0, 1 or Lagging) of the next eventually
// consistent read.
func (c *Chooser) Pick() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rng.IntN(Replicas)
}

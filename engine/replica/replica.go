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

// Clock is the time source of a Set: the engine's virtual clock.
type Clock interface{ Now() int64 }

// Set is one table's replicas as writes and reads meet them, for a state
// T that the caller snapshots in O(1) (the engine's storage clones). With
// no lag it keeps nothing and every read is current. The zero Set is
// ready; it is not safe for concurrent use (the engine guards it).
type Set[T any] struct {
	log Log[T]
}

// Reset makes the current state, snapshot(), what the lagging replica
// and the indexes have seen (when lag is switched on or changed), or
// forgets every version when lag is 0 or less.
func (s *Set[T]) Reset(lag int64, snapshot func() T) {
	if lag > 0 {
		s.log.Reset(snapshot())
	} else {
		s.log = Log[T]{}
	}
}

// Written records the state a committed write left, snapshot(), at the
// clock's now; nothing when there is no lag.
func (s *Set[T]) Written(clk Clock, lag int64, snapshot func() T) {
	if lag <= 0 {
		return
	}
	if s.log.Len() == 0 {
		s.log.Reset(snapshot())
		return
	}
	s.log.Record(clk.Now(), lag, snapshot())
}

// Read returns the state a read is served from: cur, the leader's, for a
// strongly consistent read of the table or when there is no lag; else,
// for an index (which always receives writes after the lag) or when the
// chooser picks the lagging replica, the state of one lag ago.
func (s *Set[T]) Read(clk Clock, lag int64, consistent, index bool, c *Chooser, cur T) T {
	if lag <= 0 || (consistent && !index) {
		return cur
	}
	if !index && c.Pick() != Lagging {
		return cur
	}
	if v, ok := s.log.At(clk.Now(), lag); ok {
		return v
	}
	return cur
}

// Versions returns how many versions the set keeps for its lagging replica.
func (s *Set[T]) Versions() int { return s.log.Len() }

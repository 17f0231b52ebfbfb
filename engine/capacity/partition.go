package capacity

import "math"

// partition is one partition of a resource: the partition-key hashes
// [lo, hi], and its per-second consumption.
type partition struct {
	id      int
	lo, hi  uint64
	parent  int
	created int64
	cause   string

	// sec is the current second and cur the partition's activity in it.
	sec int64
	cur tally
	// keys counts this second's units per partition-key hash, for
	// adaptive capacity's isolation of frequently accessed items.
	keys map[uint64]float64
	// isolated is the last second adaptive capacity considered splitting it.
	isolated int64
	// hist holds the completed seconds with any activity, oldest first,
	// up to HistorySeconds back.
	hist []Second
}

// maxTrackedKeys bounds the per-second hot-key table of a partition.
const maxTrackedKeys = 32

func (r *Resource) newPartition(lo uint64, parent int, now int64, cause string) *partition {
	p := &partition{id: r.nextID, lo: lo, parent: parent, created: now, cause: cause, sec: now / second}
	r.nextID++
	return p
}

// find returns the index in r.parts of the partition holding hash.
func (r *Resource) find(hash uint64) int {
	lo, hi := 0, len(r.parts) // the answer is in [lo, hi)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if r.parts[m].lo <= hash {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// PartitionOf returns the ID of the partition that holds partition-key
// hash (see storage.PartitionHash). It is deterministic: the same keys
// land in the same partitions in every run.
func (r *Resource) PartitionOf(hash uint64) int {
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	return r.parts[r.find(hash)].id
}

// roll moves p's accounting to now's second, keeping the second that ends
// in the history when it had any activity.
func (p *partition) roll(now int64) {
	s := now / second
	if s <= p.sec {
		return
	}
	if p.cur != (tally{}) {
		p.hist = append(p.hist, p.cur.second(p.sec))
	}
	p.sec, p.cur = s, tally{}
	clear(p.keys)
	p.hist = trimSeconds(p.hist, s)
}

// split replaces the partition at index i of r.parts by partitions
// starting at the given hashes (the first is p.lo; all within p), for cause.
func (r *Resource) split(i int, starts []uint64, now int64, cause string) {
	p := r.parts[i]
	kids := make([]*partition, len(starts))
	s := Split{At: now, Parent: p.id, Cause: cause}
	for j, lo := range starts {
		kids[j] = r.newPartition(lo, p.id, now, cause)
		s.Children = append(s.Children, kids[j].id)
	}
	for j := range kids {
		if j+1 < len(kids) {
			kids[j].hi = kids[j+1].lo - 1
		} else {
			kids[j].hi = p.hi
		}
	}
	r.parts = append(r.parts[:i], append(kids, r.parts[i+1:]...)...)
	r.nparts.Store(int32(len(r.parts)))
	r.splits = append(r.splits, s)
}

// halve splits the partition at index i in the middle of its hash range.
// A partition of a single hash cannot split; halve reports whether it did.
func (r *Resource) halve(i int, now int64, cause string) bool {
	p := r.parts[i]
	if p.lo == p.hi {
		return false
	}
	mid := p.lo + (p.hi-p.lo)/2 + 1
	r.split(i, []uint64{p.lo, mid}, now, cause)
	return true
}

// splitForThroughput splits the widest partitions in two until there are
// as many as the settings need ("throughput increase" splits).
func (r *Resource) splitForThroughput(now int64) {
	for n := r.needed(); len(r.parts) < n; {
		w := 0
		for i, p := range r.parts {
			if p.hi-p.lo > r.parts[w].hi-r.parts[w].lo {
				w = i
			}
		}
		if !r.halve(w, now, "throughput") {
			return
		}
	}
}

// isolate splits the partition at index i so that its hottest key this
// second has a partition of its own (adaptive capacity: "isolate
// frequently accessed items"). It does nothing when one key made all the
// traffic, since splitting cannot help a single key, or when no key made
// a tenth of it; and at most once a second.
func (r *Resource) isolate(i int, now int64) {
	p := r.parts[i]
	if len(p.keys) < 2 || p.isolated == p.sec {
		return
	}
	p.isolated = p.sec
	var hot uint64
	best, total := -1.0, 0.0
	for h, u := range p.keys {
		total += u
		if u > best || (u == best && h < hot) {
			hot, best = h, u
		}
	}
	if best < total/10 {
		return // no frequently accessed item: traffic is spread
	}
	starts := []uint64{p.lo}
	if hot > p.lo {
		starts = append(starts, hot)
	}
	if hot < p.hi && hot+1 != 0 {
		starts = append(starts, hot+1)
	}
	if len(starts) > 1 {
		r.split(i, starts, now, "hot key")
	}
}

// Size is what a partition holds: items, their bytes, and item
// collections (distinct partition-key values).
type Size struct {
	Items, Bytes, Collections int64
}

// Store is the storage of one table as its capacity sees it, for the
// table (index "") and each global secondary index: their bytes, and
// running counts of items, bytes and item collections under ranges of
// partition-key hashes that it keeps up to date at every write. The
// engine implements it over package storage (HashStats, SetHashBounds).
type Store interface {
	// Bytes returns the size of the table or index.
	Bytes(index string) int64
	// Sizes returns what the table or index holds under each range of
	// partition-key hashes: bounds are the ranges' first hashes in
	// ascending order (the first is 0), each range ending before the
	// next.
	Sizes(index string, bounds []uint64) []Size
	// Ranges returns how many ranges the store keeps its counts under,
	// and SetBounds makes it keep them under new ones.
	Ranges(index string) int
	SetBounds(index string, bounds []uint64)
}

// Follow makes r's store keep its counts under r's current partitions,
// after they split: cheap (two loads) while none did, since partitions
// only split and never merge. A resource without a store does nothing.
// The caller must not be running a write of the store concurrently.
func (r *Resource) Follow() {
	if r.store != nil && r.Partitions() != r.store.Ranges(r.name) {
		r.store.SetBounds(r.name, r.Bounds())
	}
}

// CheckSize splits, at time now, every partition holding more than the
// partition size limit, in the middle of its hash range until each part
// fits or holds a single hash. While the whole resource is within the
// limit no partition can be over it: the check then costs one call of
// the store and takes no lock. It runs at most once per second of virtual
// time, and not at all without a store. Admit runs it after each write it
// admits.
func (r *Resource) CheckSize(now int64) {
	if r.store == nil || r.store.Bytes(r.name) <= r.maxBytes {
		return
	}
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	r.checkSize(now)
}

// checkSize is CheckSize with the lock held and the total known to be over
// the limit.
func (r *Resource) checkSize(now int64) {
	if now/second == r.sizeCheck {
		return
	}
	r.sizeCheck = now / second
	for range 64 { // each round halves every oversized partition
		sizes := r.store.Sizes(r.name, r.bounds())
		split := false
		for i := len(r.parts) - 1; i >= 0; i-- {
			if sizes[i].Bytes > r.maxBytes && r.halve(i, now, "size") {
				split = true
			}
		}
		if !split {
			return
		}
	}
}

// Partitions returns how many partitions r has now. It takes no lock, so
// that a caller may check cheaply whether r split since it last looked
// (partitions only split, so the count tells).
func (r *Resource) Partitions() int { return int(r.nparts.Load()) }

// Bounds returns the first hash of every partition, in ascending order.
func (r *Resource) Bounds() []uint64 {
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	return r.bounds()
}

// bounds returns the first hash of every partition.
func (r *Resource) bounds() []uint64 {
	b := make([]uint64, len(r.parts))
	for i, p := range r.parts {
		b[i] = p.lo
	}
	return b
}

// width returns the fraction of the hash space p covers.
func (p *partition) width() float64 { return (float64(p.hi-p.lo) + 1) / math.Exp2(64) }

package engine

import (
	"math/bits"
	"sync/atomic"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/replica"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// throughput is the DB's large-table model: capacity metering and
// throttling (package capacity) and replication (package replica), both
// on the DB's virtual clock. The operations meet it in a few places:
// apply (write.go) admits a single write before storing it, the reads
// admit what they read before answering, and every committed write is
// replicated.
//
// Enforcement off (the native default) costs one atomic load per
// request: nothing is metered. Lag 0 (the default) keeps no versions and
// every read is current.
type throughput struct {
	clk     *clock.Clock
	enforce atomic.Bool
	lag     atomic.Int64 // nanoseconds
	meter   capacity.Meter
	chooser *replica.Chooser
	// partitionBytes is the partition split size given to new resources
	// (0: capacity.PartitionBytes; tests lower it).
	partitionBytes int64
}

func newThroughput(clk *clock.Clock, opts Options) *throughput {
	seed := opts.Seed
	if seed == 0 {
		seed = 1
	}
	thr := &throughput{clk: clk, chooser: replica.NewChooser(seed)}
	thr.enforce.Store(opts.Throttle)
	thr.lag.Store(int64(max(opts.ReplicaLag, 0)))
	return thr
}

// Clock returns the engine's virtual clock: real time (Options.Now) by
// default; hosts pause it, step it and speed it up for lessons.
func (db *DB) Clock() *clock.Clock { return db.clk }

// SetThrottle turns throughput enforcement on or off (Options.Throttle).
func (db *DB) SetThrottle(on bool) { db.thr.enforce.Store(on) }

// Throttle reports whether throughput is enforced.
func (db *DB) Throttle() bool { return db.thr.enforce.Load() }

// MaxReplicaLag is the longest replica lag the lesson controls set (both
// hosts check it; SetReplicaLag itself takes any).
const MaxReplicaLag = time.Hour

// ValidReplicaLagMs reports whether ms milliseconds is a replica lag the
// lesson controls set.
func ValidReplicaLagMs(ms float64) bool {
	return ms >= 0 && ms <= float64(MaxReplicaLag/time.Millisecond)
}

// SetReplicaLag sets the replication lag (Options.ReplicaLag; negative is
// 0). The lagging replica and the indexes start from the current state.
func (db *DB) SetReplicaLag(d time.Duration) {
	_ = db.update(func(tx *txn) error {
		tx.keep() // no item or table changes
		db.thr.lag.Store(int64(max(d, 0)))
		for _, t := range db.tables {
			t.resetLog()
		}
		return nil
	})
}

// ReplicaLag returns the replication lag.
func (db *DB) ReplicaLag() time.Duration { return time.Duration(db.thr.lag.Load()) }

// settings returns the capacity settings of t.
func (t *table) settings() capacity.Settings {
	if t.billing == billingPayPerRequest {
		return capacity.Settings{Mode: capacity.OnDemand, MaxRead: t.maxRead, MaxWrite: t.maxWrite}
	}
	return capacity.Settings{Mode: capacity.Provisioned, Read: t.read, Write: t.write}
}

// settings returns the capacity settings of GSI ix of t.
func (ix *index) settings(t *table) capacity.Settings {
	if t.billing == billingPayPerRequest {
		return capacity.Settings{Mode: capacity.OnDemand, MaxRead: ix.maxRead, MaxWrite: ix.maxWrite}
	}
	return capacity.Settings{Mode: capacity.Provisioned, Read: ix.read, Write: ix.write}
}

// attachCapacity gives a new table t (with its ARNs set) and its GSIs
// their capacity resources, and its replicas their starting state. The
// caller holds the write lock.
func (thr *throughput) attach(t *table) {
	// Capacity (and burst) starts when the table is ACTIVE: nothing can
	// use it while the table is CREATING.
	now := max(thr.clk.Now(), t.readyAt)
	t.thr = thr
	t.cap = thr.meter.NewResource(capacity.Config{ARN: t.arn, Settings: t.settings(),
		PartitionBytes: thr.partitionBytes, Store: tableStore{t}}, now)
	for _, ix := range t.indexes {
		if !ix.def.Local {
			thr.attachIndex(t, ix, now)
		}
	}
	t.syncStats()
	t.resetLog()
}

// attachIndex gives GSI ix of t its capacity resource.
func (thr *throughput) attachIndex(t *table, ix *index, now int64) {
	ix.cap = thr.meter.NewResource(capacity.Config{ARN: ix.arn, Index: true, Settings: ix.settings(t),
		PartitionBytes: thr.partitionBytes, Store: tableStore{t}, Name: ix.def.Name}, now)
}

// updateCapacity applies t's (and its GSIs') current settings to their
// resources after UpdateTable; a GSI created there gets its resource.
func (t *table) updateCapacity() {
	now := t.thr.clk.Now()
	t.cap.Update(t.settings(), now)
	for _, ix := range t.indexes {
		switch {
		case ix.def.Local:
		case ix.cap == nil:
			t.thr.attachIndex(t, ix, now)
		default:
			ix.cap.Update(ix.settings(t), now)
		}
	}
	t.syncStats()
}

// enforced reports whether t's throughput is enforced now.
func (t *table) enforced() bool { return t.thr != nil && t.thr.enforce.Load() }

// writeCharges returns the capacity charges of a write that turns old
// into new on t: the table's partition of the item's key and, for each
// GSI entry touched, the index's partition of the entry's key. LSI
// writes are charged to the table, whose throughput LSIs share.
func (t *table) writeCharges(w change, transactional bool, dst []capacity.Charge) []capacity.Charge {
	writeCosts(t, w, transactional, func(ix *index, entry attr.Item, u float64) {
		r, key := t.cap, t.key.Hash
		if ix != nil && !ix.def.Local {
			r, key = ix.cap, ix.def.Key.Hash
		}
		dst = append(dst, capacity.Charge{R: r, Op: capacity.Write, Hash: storage.PartitionHash(entry[key]), Units: u})
	})
	return dst
}

// admitWrite admits a non-transactional write c on t (oldSize is the
// replaced item's size when apply did not read it, else -1), or returns
// the throttling error; nothing is charged when enforcement is off. The
// caller holds the write lock and has not stored anything yet.
func (t *table) admitWrite(c change, oldSize int) error {
	if !t.enforced() {
		return nil
	}
	if oldSize > c.size && c.old == nil {
		// A table without indexes, whose old item was not decoded: the
		// write costs the larger of the two sizes (writeCosts).
		c.size = oldSize
	}
	var buf [4]capacity.Charge
	return t.admit(t.writeCharges(c, false, buf[:0]))
}

// admit charges capacity at the clock's now (capacity.Meter.Admit, which
// also splits partitions grown past the size limit).
func (t *table) admit(charges []capacity.Charge) error {
	if reasons := t.thr.meter.Admit(t.thr.clk.Now(), charges); reasons != nil {
		return capacity.ThrottleError(reasons)
	}
	return nil
}

// syncStats makes t's storage keep its running counts under the current
// partitions of the table and its GSIs, after they split
// (capacity.Resource.Follow). The caller holds the write lock.
func (t *table) syncStats() {
	if t.cap == nil || t.data == nil {
		return
	}
	t.cap.Follow()
	for _, ix := range t.indexes {
		if ix.cap != nil {
			ix.cap.Follow()
		}
	}
}

// tableStore is the capacity.Store of a table: its current storage (which
// a transaction may swap for a clone, so it is read at each call).
type tableStore struct{ t *table }

func (s tableStore) Bytes(index string) int64 {
	if index == "" {
		return s.t.data.SizeBytes()
	}
	return s.t.data.IndexSizeBytes(index)
}

func (s tableStore) Sizes(index string, bounds []uint64) []capacity.Size {
	st := s.t.data.HashStats(index, bounds)
	out := make([]capacity.Size, len(st))
	for i, r := range st {
		out[i] = capacity.Size(r)
	}
	return out
}

func (s tableStore) Ranges(index string) int { return s.t.data.HashRanges(index) }

func (s tableStore) SetBounds(index string, bounds []uint64) { s.t.data.SetHashBounds(index, bounds) }

// admitRead admits units of read capacity on t (or on GSI ix; an LSI
// reads the table's capacity) for the item collection whose partition
// key is key, or returns the throttling error. Nothing is charged when
// enforcement is off.
func (t *table) admitRead(ix *index, key attr.Value, units float64) error {
	if !t.enforced() {
		return nil
	}
	return t.admitReadHash(ix, storage.PartitionHash(key), units)
}

func (t *table) admitReadHash(ix *index, hash uint64, units float64) error {
	r := t.cap
	if ix != nil && !ix.def.Local {
		r = ix.cap
	}
	return t.admit([]capacity.Charge{{R: r, Op: capacity.Read, Hash: hash, Units: units}})
}

// admitScan admits a Scan page, charged to the partition it starts in:
// its ExclusiveStartKey's, else its segment's first.
func (t *table) admitScan(p *readPlan, segment, total int, start attr.Item, units float64) error {
	if !t.enforced() {
		return nil
	}
	h, _ := bits.Div64(uint64(segment), 0, uint64(total))
	if v, ok := start[p.keys.Hash]; ok {
		h = storage.PartitionHash(v)
	}
	return t.admitReadHash(p.ix, h, units)
}

// isThrottle reports whether err is a throttling error of Admit.
func isThrottle(err error) bool {
	e, ok := err.(*ddberr.Error)
	return ok && (e.Type == ddberr.TypeProvisionedThroughputExceeded || e.Type == ddberr.TypeRequestLimitExceeded ||
		e.Type == ddberr.TypeThrottling)
}

// resetLog makes the table's current state what its lagging replica and
// its indexes have seen, or forgets the versions when there is no lag.
// The caller holds the write lock.
func (t *table) resetLog() {
	if t.thr != nil && t.data != nil {
		t.reps.Reset(t.thr.lag.Load(), t.data.Clone)
	}
}

// replicate records t's state after a committed write, for the lagging
// replica and the indexes (package replica). The caller holds the write
// lock.
func (t *table) replicate() {
	if t.thr != nil {
		t.reps.Written(t.thr.clk, t.thr.lag.Load(), t.data.Clone)
	}
}

// readData returns the storage a read is served from (replica.Set.Read):
// the leader's (t.data) or, with a lag, the lagging replica's for an
// eventually consistent read or a GSI. The caller holds the read lock.
func (t *table) readData(consistent, gsi bool) *storage.Table {
	if t.thr == nil {
		return t.data
	}
	return t.reps.Read(t.thr.clk, t.thr.lag.Load(), consistent, gsi, t.thr.chooser, t.data)
}

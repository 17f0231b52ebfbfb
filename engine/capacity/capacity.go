package capacity

import (
	"math"
	"math/bits"
	"sync"
	"sync/atomic"
)

// Op is the kind of capacity a charge consumes.
type Op uint8

// Read and Write capacity.
const (
	Read Op = iota
	Write
)

func (o Op) String() string {
	if o == Read {
		return "Read"
	}
	return "Write"
}

// Mode is a resource's capacity mode.
type Mode uint8

// Provisioned and OnDemand (PAY_PER_REQUEST) capacity.
const (
	Provisioned Mode = iota
	OnDemand
)

// DynamoDB's documented limits.
const (
	// PartitionReadUnits and PartitionWriteUnits are what one partition
	// serves per second at most ("Partitions and data distribution").
	PartitionReadUnits  = 3000
	PartitionWriteUnits = 1000
	// BurstSeconds is how long unused provisioned capacity is kept
	// ("Burst capacity": up to five minutes).
	BurstSeconds = 300
	// OnDemandInitialRead and OnDemandInitialWrite are what a new
	// on-demand table serves at once ("Initial throughput for on-demand
	// capacity mode").
	OnDemandInitialRead  = 12000
	OnDemandInitialWrite = 4000
	// TableQuota is the per-table throughput quota of an on-demand table
	// ("Quotas": 40,000 read and 40,000 write request units).
	TableQuota = 40000
	// HistorySeconds is how much per-second history Info reports: 15 minutes.
	HistorySeconds = 900
	// PartitionBytes is the size past which a partition splits (about 10 GB).
	PartitionBytes = 10 << 30
)

const second = int64(1e9)

// Settings are a resource's capacity settings, as CreateTable and
// UpdateTable set them.
type Settings struct {
	Mode Mode
	// Read and Write are the provisioned RCU and WCU (Provisioned only).
	Read, Write int64
	// MaxRead and MaxWrite are OnDemandThroughput's maximums (OnDemand
	// only); 0 means none.
	MaxRead, MaxWrite int64
}

// Config describes a new resource.
type Config struct {
	// ARN names the resource in throttling reasons.
	ARN string
	// Index is set for a global secondary index ("Index…" reasons).
	Index    bool
	Settings Settings
	// PartitionBytes is the split size; 0 means PartitionBytes (tests lower it).
	PartitionBytes int64
	// NoAdaptive turns adaptive capacity off, so that tests can show what
	// it does; DynamoDB always has it on.
	NoAdaptive bool
	// Store, when not nil, is the storage of the resource's table, and
	// Name the resource in it ("" for the table, else the index name):
	// partitions split on its sizes (CheckSize), Info reports them, and
	// Follow keeps its counts under the partitions.
	Store Store
	Name  string
}

// Meter holds the lock shared by its resources. The zero Meter is ready
// to use.
type Meter struct {
	mu sync.Mutex
}

// Resource is the capacity state of one table or global secondary index.
type Resource struct {
	m        *Meter
	arn      string
	index    bool
	settings Settings
	maxBytes int64
	adaptive bool
	store    Store
	name     string

	parts  []*partition // ordered by lo, covering the whole hash space
	nparts atomic.Int32 // len(parts), read without the lock
	nextID int
	splits []Split

	// burst holds the provisioned token buckets (read, write): capacity
	// units available now, up to BurstSeconds of the provisioned rate; it
	// may go below zero after a large request (that debt is repaid first).
	burst   [2]float64
	burstAt int64
	// peak is the on-demand previous peak (read, write) per second; the
	// resource serves up to twice it at once.
	peak [2]float64
	// sec is the current second (Unix seconds) and cur the resource's
	// activity in it (its units consumed are what the on-demand limits
	// count); hist holds the completed seconds with any activity, oldest
	// first, up to HistorySeconds back.
	sec       int64
	cur       tally
	hist      []Second
	sizeCheck int64 // second of the last size check
}

// Split records one partition split.
type Split struct {
	At       int64 // Unix nanoseconds
	Parent   int
	Children []int
	// Cause is "size", "throughput" or "hot key" (adaptive capacity
	// isolating a frequently accessed item).
	Cause string
}

// NewResource returns a resource with the partitions its settings need,
// at time now. A provisioned resource starts with one second of its
// throughput as burst balance.
func (m *Meter) NewResource(cfg Config, now int64) *Resource {
	r := &Resource{m: m, arn: cfg.ARN, index: cfg.Index, settings: cfg.Settings,
		maxBytes: cfg.PartitionBytes, adaptive: !cfg.NoAdaptive, burstAt: now, sec: now / second,
		store: cfg.Store, name: cfg.Name}
	if r.maxBytes <= 0 {
		r.maxBytes = PartitionBytes
	}
	r.peak = [2]float64{OnDemandInitialRead / 2, OnDemandInitialWrite / 2}
	r.burst = [2]float64{float64(cfg.Settings.Read), float64(cfg.Settings.Write)}
	n := r.needed()
	for i := range n {
		lo, _ := bits.Div64(uint64(i), 0, uint64(n))
		r.parts = append(r.parts, r.newPartition(lo, -1, now, ""))
	}
	for i := 0; i+1 < len(r.parts); i++ {
		r.parts[i].hi = r.parts[i+1].lo - 1
	}
	r.parts[len(r.parts)-1].hi = math.MaxUint64
	r.nparts.Store(int32(len(r.parts)))
	return r
}

// ARN returns the resource's ARN.
func (r *Resource) ARN() string { return r.arn }

// needed returns how many partitions the settings call for: enough to
// serve the provisioned throughput, or (on demand) twice the previous
// peak, at 3,000 RCU and 1,000 WCU each; at least one.
func (r *Resource) needed() int {
	var rd, wr float64
	if r.settings.Mode == Provisioned {
		rd, wr = float64(r.settings.Read), float64(r.settings.Write)
	} else {
		rd, wr = 2*r.peak[Read], 2*r.peak[Write]
	}
	n := int(math.Ceil(rd/PartitionReadUnits + wr/PartitionWriteUnits - 1e-9))
	return max(n, 1)
}

// Settings returns the resource's current settings.
func (r *Resource) Settings() Settings {
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	return r.settings
}

// Update applies new settings at time now (UpdateTable). Partitions split
// when the new throughput needs more of them; they never merge. The burst
// balance is kept, capped at the new maximum. Switching to on-demand
// takes half the provisioned throughput as the previous peak, when that
// is higher, so the table serves at least what it was provisioned for.
func (r *Resource) Update(s Settings, now int64) {
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	r.refill(now)
	if s.Mode == OnDemand && r.settings.Mode == Provisioned {
		r.peak[Read] = max(r.peak[Read], float64(r.settings.Read)/2)
		r.peak[Write] = max(r.peak[Write], float64(r.settings.Write)/2)
	}
	if s.Mode == Provisioned && r.settings.Mode == OnDemand {
		r.burst = [2]float64{float64(s.Read), float64(s.Write)}
	}
	r.settings = s
	r.refill(now)
	r.splitForThroughput(now)
}

// refill brings the burst buckets up to now: each gains its provisioned
// rate per second, up to BurstSeconds of it.
func (r *Resource) refill(now int64) {
	if now <= r.burstAt {
		return
	}
	if r.settings.Mode == Provisioned {
		dt := float64(now-r.burstAt) / 1e9
		for op, rate := range [2]int64{r.settings.Read, r.settings.Write} {
			r.burst[op] = min(r.burst[op]+float64(rate)*dt, float64(rate)*BurstSeconds)
		}
	}
	r.burstAt = now
}

// roll moves the per-second accounting to now's second, keeping the
// second that ends in the history when it had any activity (with the
// burst balance as its last request left it: roll before refill); that
// second raises the on-demand peak if it was higher, which may split
// partitions.
func (r *Resource) roll(now int64) {
	s := now / second
	if s <= r.sec {
		return
	}
	grew := false
	for op := range r.peak {
		if r.cur.units[op] > r.peak[op] {
			r.peak[op] = r.cur.units[op]
			grew = true
		}
	}
	if r.cur != (tally{}) {
		r.hist = append(r.hist, r.second())
	}
	r.hist = trimSeconds(r.hist, s)
	r.sec, r.cur = s, tally{}
	if grew && r.settings.Mode == OnDemand {
		r.splitForThroughput(now)
	}
}

// onDemandLimit returns how much an on-demand resource serves in one
// second for op, and the limit type that binds.
func (r *Resource) onDemandLimit(op Op) (float64, string) {
	lim, why := 2*r.peak[op], limitKeyRange
	if lim >= TableQuota {
		lim, why = TableQuota, limitAccount
	}
	mx := r.settings.MaxRead
	if op == Write {
		mx = r.settings.MaxWrite
	}
	if mx > 0 && float64(mx) <= lim {
		lim, why = float64(mx), limitMaxOnDemand
	}
	return lim, why
}

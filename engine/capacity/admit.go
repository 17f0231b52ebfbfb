package capacity

// Limit types of a throttling reason (ThrottlingReason.reason is
// ResourceType + OperationType + LimitType).
const (
	limitProvisioned = "ProvisionedThroughputExceeded"
	limitKeyRange    = "KeyRangeThroughputExceeded"
	limitMaxOnDemand = "MaxOnDemandThroughputExceeded"
	limitAccount     = "AccountLimitExceeded"
)

// Charge is capacity that one request consumed on one resource: Units of
// Op for the item or item collection whose partition key hashes to Hash.
type Charge struct {
	R     *Resource
	Op    Op
	Hash  uint64
	Units float64
}

// Reason is one of DynamoDB's ThrottlingReasons: why a request was
// throttled (e.g. "TableWriteKeyRangeThroughputExceeded") and the ARN of
// the table or index that throttled it.
type Reason struct {
	Reason   string
	Resource string
	// onDemand is set when the resource was on demand: its throttles
	// are ThrottlingException (see ThrottleError).
	onDemand bool
}

// undo is one value changed by Admit, to restore if the request is
// throttled after all.
type undo struct {
	p   *float64
	old float64
}

// Admit charges a request's capacity at time now, all or nothing: it
// returns nil when every charge fits (the capacity is consumed), or the
// reasons the request is throttled, without duplicates (nothing is
// consumed, and the units are counted as throttled on the partitions that
// refused them). Charges on the same resource and partition add up.
//
// A charge fits when
//   - its partition has served nothing yet this second, or will not pass
//     3,000 RCU / 1,000 WCU with it (KeyRangeThroughputExceeded); without
//     adaptive capacity the partition is also held to its share of the
//     provisioned throughput;
//   - on a provisioned resource, the burst balance is above zero
//     (ProvisionedThroughputExceeded): a request may take it below zero,
//     and that debt is repaid before the next request is served;
//   - on an on-demand resource, the resource has served nothing yet this
//     second or stays within twice its previous peak
//     (KeyRangeThroughputExceeded), the table quota (AccountLimitExceeded)
//     and its OnDemandThroughput maximum (MaxOnDemandThroughputExceeded).
//
// After an admitted write, a resource over the partition size limit in
// all splits the partitions that outgrew it (CheckSize).
//
// Adaptive capacity: a partition that refuses a request while several
// keys share it this second, and one of them made a tenth or more of its
// traffic, is split so that key has a partition of its own (at most once
// per partition and second).
func (m *Meter) Admit(now int64, charges []Charge) []Reason {
	m.mu.Lock()
	defer m.mu.Unlock()
	var undos [16]undo
	changed := undos[:0]
	var reasons []Reason
	type fail struct {
		i    int
		part bool // refused by its partition's limit
	}
	var failed [8]fail
	fails := failed[:0]
	var found [8]*partition // the partition of each of the first charges
	for i, c := range charges {
		r := c.R
		r.roll(now)
		r.refill(now)
		p := r.parts[r.find(c.Hash)]
		if i < len(found) {
			found[i] = p
		}
		p.roll(now)
		if why, part := r.refuse(p, c.Op, c.Units); why != "" {
			reasons = addReason(reasons, r.reason(c.Op, why))
			fails = append(fails, fail{i, part})
			continue
		}
		changed = append(changed, undo{&p.cur.units[c.Op], p.cur.units[c.Op]}, undo{&r.cur.units[c.Op], r.cur.units[c.Op]})
		p.cur.units[c.Op] += c.Units
		r.cur.units[c.Op] += c.Units
		if r.settings.Mode == Provisioned {
			changed = append(changed, undo{&r.burst[c.Op], r.burst[c.Op]})
			r.burst[c.Op] -= c.Units
		}
	}
	if reasons == nil {
		for i, c := range charges {
			p := (*partition)(nil)
			if i < len(found) {
				p = found[i]
			} else {
				p = c.R.parts[c.R.find(c.Hash)]
			}
			p.countKey(c.Op, c.Hash, c.Units)
			// The request counts once per resource and partition.
			onR, onP := repeats(charges[:i], c)
			if !onR {
				c.R.cur.reqs[c.Op]++
			}
			if !onP {
				p.cur.reqs[c.Op]++
			}
			if c.Op == Write && (i == 0 || charges[i-1].R != c.R) && c.R.store != nil &&
				c.R.store.Bytes(c.R.name) > c.R.maxBytes {
				c.R.checkSize(now) // a write may have grown a partition past the limit
			}
		}
		return nil
	}
	for i := len(changed) - 1; i >= 0; i-- {
		*changed[i].p = changed[i].old
	}
	for k, f := range fails {
		c := charges[f.i]
		pi := c.R.find(c.Hash)
		p := c.R.parts[pi]
		p.cur.units[2+c.Op] += c.Units
		c.R.cur.units[2+c.Op] += c.Units
		// A throttled request counts once per resource and partition.
		var onR, onP bool
		for _, g := range fails[:k] {
			r, p := repeats(charges[g.i:g.i+1], c)
			onR, onP = onR || r, onP || p
		}
		if !onR {
			c.R.cur.reqs[2+c.Op]++
		}
		if !onP {
			p.cur.reqs[2+c.Op]++
		}
		p.addKey(c.Hash, c.Units)
		if c.R.adaptive && f.part {
			c.R.isolate(pi, now)
		}
	}
	return reasons
}

// refuse returns the limit type that refuses units of op on partition p
// of r, or "" when they fit; part is set when the partition's own limit
// refused them.
func (r *Resource) refuse(p *partition, op Op, units float64) (why string, part bool) {
	lim := float64(PartitionReadUnits)
	if op == Write {
		lim = PartitionWriteUnits
	}
	if !r.adaptive && r.settings.Mode == Provisioned {
		rate := float64(r.settings.Read)
		if op == Write {
			rate = float64(r.settings.Write)
		}
		lim = min(lim, rate*p.width())
	}
	if p.cur.units[op] > 0 && p.cur.units[op]+units > lim {
		return limitKeyRange, true
	}
	if r.settings.Mode == Provisioned {
		if r.burst[op] <= 0 {
			return limitProvisioned, false
		}
		return "", false
	}
	if lim, why := r.onDemandLimit(op); r.cur.units[op] > 0 && r.cur.units[op]+units > lim {
		return why, false
	}
	return "", false
}

// reason returns the ThrottlingReason for op refused by limit type why.
func (r *Resource) reason(op Op, why string) Reason {
	kind := "Table"
	if r.index {
		kind = "Index"
	}
	return Reason{Reason: kind + op.String() + why, Resource: r.arn, onDemand: r.settings.Mode == OnDemand}
}

// repeats reports whether one of earlier charges is of c's kind on c's
// resource (onR), and on c's partition too (onP).
func repeats(earlier []Charge, c Charge) (onR, onP bool) {
	for _, d := range earlier {
		if d.R == c.R && d.Op == c.Op {
			onR = true
			if d.Hash == c.Hash || c.R.find(d.Hash) == c.R.find(c.Hash) {
				return true, true
			}
		}
	}
	return onR, false
}

func addReason(list []Reason, x Reason) []Reason {
	for _, y := range list {
		if y == x {
			return list
		}
	}
	return append(list, x)
}

// countKey adds units to p's hot-key table for hash once p has served
// half its limit this second: only a partition near its limit may need a
// hot key isolated, and the others skip the map.
func (p *partition) countKey(op Op, hash uint64, units float64) {
	half := float64(PartitionReadUnits / 2)
	if op == Write {
		half = PartitionWriteUnits / 2
	}
	if p.cur.units[op] >= half {
		p.addKey(hash, units)
	}
}

func (p *partition) addKey(hash uint64, units float64) {
	if p.keys == nil {
		p.keys = make(map[uint64]float64, 4)
	}
	if _, ok := p.keys[hash]; ok || len(p.keys) < maxTrackedKeys {
		p.keys[hash] += units
	}
}

package loadgen

import "github.com/ddbplay/ddbplay/engine/attr"

// Slice is what one Play sent, second by second of virtual time: index i
// of every series is Unix second From+i (the engine's own seconds, as its
// capacity metrics count them).
type Slice struct {
	From int64
	// Requests, OK, Throttled and Errors count the requests sent in each
	// second and how they ended.
	Requests, OK, Throttled, Errors []int
	// Resources are the table (first) and each GSI, as the engine's
	// capacity metering counted them in each second (DB.CapacityHistory),
	// read when the slice ends: a second that two slices share shows in
	// both, whole in the later one. They are zero while throughput is not
	// enforced (nothing is metered).
	Resources []ResourceSeries
	// Partitions are the table's partitions that requests went to, by
	// the partition of their partition key, in the order first reached.
	Partitions []PartitionSeries
}

// ResourceSeries is a table's or GSI's capacity, second by second.
type ResourceSeries struct {
	Name  string // the table's name, or the index's
	Index bool
	ARN   string
	// Provisioned is the provisioned RCU and WCU (0 for on-demand).
	Provisioned [2]int64
	// ConsumedRead and ConsumedWrite are the units consumed: a table's
	// include its local secondary indexes, which share its throughput.
	ConsumedRead, ConsumedWrite []float64
	// ThrottledReads and ThrottledWrites count the requests that the
	// resource throttled (a request whose ThrottlingReasons name it).
	ThrottledReads, ThrottledWrites []int
}

// PartitionSeries is one table partition's share of the load's requests.
type PartitionSeries struct {
	ID                  int
	Requests, Throttled []int
}

func (r *Run) newSlice(now int64) *Slice {
	s := &Slice{From: now / 1e9}
	s.Resources = append(s.Resources, ResourceSeries{Name: r.tbl.name, ARN: r.tbl.arn, Provisioned: r.tbl.prov})
	for _, g := range r.tbl.gsis {
		s.Resources = append(s.Resources, ResourceSeries{Name: g.name, Index: true, ARN: g.arn, Provisioned: g.prov})
	}
	return s
}

// at grows the series of s to second sec and returns its index.
func (s *Slice) at(sec int64) int {
	i := int(sec - s.From)
	for len(s.Requests) <= i {
		s.Requests = append(s.Requests, 0)
		s.OK = append(s.OK, 0)
		s.Throttled = append(s.Throttled, 0)
		s.Errors = append(s.Errors, 0)
		for j := range s.Partitions {
			p := &s.Partitions[j]
			p.Requests = append(p.Requests, 0)
			p.Throttled = append(p.Throttled, 0)
		}
	}
	return i
}

// partition returns the series of partition id, added if new.
func (s *Slice) partition(id int) *PartitionSeries {
	for j := range s.Partitions {
		if s.Partitions[j].ID == id {
			return &s.Partitions[j]
		}
	}
	n := len(s.Requests)
	s.Partitions = append(s.Partitions, PartitionSeries{ID: id, Requests: make([]int, n), Throttled: make([]int, n)})
	return &s.Partitions[len(s.Partitions)-1]
}

// meter fills the resource series of s from the engine's capacity
// history, and adds to the summary what the table consumed in the seconds
// that ended since the last call (and in the current one too when the
// load is done).
func (r *Run) meter(s *Slice) {
	hist, err := r.db.CapacityHistory(r.tbl.name, min(s.From, r.counted))
	if err != nil {
		return // the table was deleted meanwhile: nothing to read
	}
	n := len(s.Requests)
	for j := range s.Resources {
		x := &s.Resources[j]
		x.ConsumedRead, x.ConsumedWrite = make([]float64, n), make([]float64, n)
		x.ThrottledReads, x.ThrottledWrites = make([]int, n), make([]int, n)
	}
	now := r.db.Clock().Now() / 1e9
	cut := now // seconds before it have ended
	if r.Done() {
		cut++
	}
	for _, h := range hist {
		for j := range s.Resources {
			x := &s.Resources[j]
			if x.ARN != h.ARN {
				continue
			}
			for _, sec := range h.Seconds {
				if i := int(sec.At - s.From); i >= 0 && i < n {
					x.ConsumedRead[i], x.ConsumedWrite[i] = sec.ConsumedRead, sec.ConsumedWrite
					x.ThrottledReads[i], x.ThrottledWrites[i] = sec.ThrottledReadRequests, sec.ThrottledWriteRequests
				}
				if j == 0 && sec.At >= r.counted && sec.At < cut {
					r.sum.Consumed[0] += sec.ConsumedRead - r.before[0]
					r.sum.Consumed[1] += sec.ConsumedWrite - r.before[1]
					r.before = [2]float64{}
				}
			}
		}
	}
	r.counted = max(r.counted, cut)
	r.sum.Metered = r.db.Throttle()
}

// count records one request: its op, partition-key number k, key (its
// item for a PutItem), table partition and error.
func (r *Run) count(s *Slice, sec int64, op Op, k int, key attr.Item, part int, err error) {
	i := s.at(sec)
	p := s.partition(part)
	sum := &r.sum
	sum.Requests++
	s.Requests[i]++
	p.Requests[i]++
	sum.ops[op]++
	r.keyCounts[k]++
	pc := r.parts[part]
	if pc == nil {
		pc = &PartitionCount{ID: part}
		r.parts[part] = pc
	}
	pc.Requests++
	if err == nil {
		sum.OK++
		s.OK[i]++
		return
	}
	reasons, isThrottle := throttled(err)
	if !isThrottle {
		sum.Errors++
		s.Errors[i]++
		if sum.FirstError == nil {
			sum.FirstError = r.failure(op, key, err)
		}
		return
	}
	sum.Throttled++
	s.Throttled[i]++
	p.Throttled[i]++
	pc.Throttled++
	if sum.FirstThrottle == nil {
		sum.FirstThrottle = r.failure(op, key, err)
	}
	if len(reasons) == 0 {
		sum.Reasons["(none)"]++
	}
	for _, x := range reasons {
		m, _ := x.(map[string]any)
		reason, _ := m["reason"].(string)
		sum.Reasons[reason]++
	}
}

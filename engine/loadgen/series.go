package loadgen

import (
	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
)

// Slice is what one Play sent, second by second of virtual time: index i
// of every series is Unix second From+i (the engine's own seconds, as its
// capacity metrics count them).
type Slice struct {
	From int64
	// Requests, OK, Throttled and Errors count the requests sent in each
	// second and how they ended.
	Requests, OK, Throttled, Errors []int
	// Resources are the table (first) and each GSI.
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
	// ConsumedRead and ConsumedWrite are the units the load's successful
	// requests consumed (their ConsumedCapacity): a table's includes its
	// local secondary indexes, which share its throughput.
	ConsumedRead, ConsumedWrite []float64
	// ThrottledReads and ThrottledWrites count the requests that the
	// resource throttled (a request whose ThrottlingReasons name it).
	ThrottledReads, ThrottledWrites []int
}

// PartitionSeries is one table partition's share of the load.
type PartitionSeries struct {
	ID                          int
	Requests, Throttled         []int
	ConsumedRead, ConsumedWrite []float64
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
		for j := range s.Resources {
			x := &s.Resources[j]
			x.ConsumedRead = append(x.ConsumedRead, 0)
			x.ConsumedWrite = append(x.ConsumedWrite, 0)
			x.ThrottledReads = append(x.ThrottledReads, 0)
			x.ThrottledWrites = append(x.ThrottledWrites, 0)
		}
		for j := range s.Partitions {
			p := &s.Partitions[j]
			p.Requests = append(p.Requests, 0)
			p.Throttled = append(p.Throttled, 0)
			p.ConsumedRead = append(p.ConsumedRead, 0)
			p.ConsumedWrite = append(p.ConsumedWrite, 0)
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
	s.Partitions = append(s.Partitions, PartitionSeries{ID: id, Requests: make([]int, n), Throttled: make([]int, n),
		ConsumedRead: make([]float64, n), ConsumedWrite: make([]float64, n)})
	return &s.Partitions[len(s.Partitions)-1]
}

// count records one request: its op, partition-key number k, key,
// table partition, consumed capacity (on success) and error.
func (r *Run) count(s *Slice, sec int64, op Op, k int, key attr.Item, part int, cc *engine.ConsumedCapacity, err error) {
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
	read := op.read()
	if err == nil {
		sum.OK++
		s.OK[i]++
		table := tableUnits(cc)
		if read {
			s.Resources[0].ConsumedRead[i] += table
			p.ConsumedRead[i] += table
			sum.Consumed[0] += table
		} else {
			s.Resources[0].ConsumedWrite[i] += table
			p.ConsumedWrite[i] += table
			sum.Consumed[1] += table
		}
		if cc != nil {
			for j := 1; j < len(s.Resources); j++ {
				if c := cc.GlobalSecondaryIndexes[s.Resources[j].Name]; c != nil {
					if read {
						s.Resources[j].ConsumedRead[i] += c.CapacityUnits
					} else {
						s.Resources[j].ConsumedWrite[i] += c.CapacityUnits
					}
				}
			}
		}
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
		resource, _ := m["resource"].(string)
		sum.Reasons[reason]++
		for j := range s.Resources {
			if s.Resources[j].ARN == resource {
				if read {
					s.Resources[j].ThrottledReads[i]++
				} else {
					s.Resources[j].ThrottledWrites[i]++
				}
			}
		}
	}
}

// tableUnits returns the units a request consumed on its table and local
// secondary indexes (which share the table's throughput).
func tableUnits(cc *engine.ConsumedCapacity) float64 {
	if cc == nil {
		return 0
	}
	if cc.Table == nil { // TOTAL: no GSI, so everything is the table's
		return cc.CapacityUnits
	}
	u := cc.Table.CapacityUnits
	for _, c := range cc.LocalSecondaryIndexes {
		u += c.CapacityUnits
	}
	return u
}

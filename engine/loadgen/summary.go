package loadgen

import (
	"math"
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Summary sums up a load so far.
type Summary struct {
	Requests, OK, Throttled, Errors int
	ops                             [4]int // by Op
	// Reasons counts throttled requests by ThrottlingReasons reason
	// (a request may give several); "(none)" when it gave none.
	Reasons map[string]int
	// FirstThrottle and FirstError are the first throttled request and
	// the first request that failed otherwise, or nil.
	FirstThrottle, FirstError *Failure
	// HotKey is the partition-key value requested most, and HotPartition
	// the table partition requested most (nil before any request).
	HotKey       *KeyCount
	HotPartition *PartitionCount
	// Consumed is the RCU and WCU the table consumed (with its LSIs), as
	// the engine's capacity metering counted them; Metered is false when
	// throughput was not enforced, so nothing was metered.
	Consumed [2]float64
	Metered  bool
	// Played and Seconds are the virtual seconds played and in all.
	Played  float64
	Seconds int
	// Need is the RCU and WCU per second the load asks of the table,
	// from the spec (as DynamoDB charges: reads by 4 KB, eventually
	// consistent ones half, a Query once for its whole item collection;
	// writes by 1 KB of the whole item).
	Need [2]float64
	// Advice says what to change, one sentence each.
	Advice []string
}

// Count returns the number of requests of op sent.
func (s *Summary) Count(op Op) int { return s.ops[op] }

// Failure is a request that failed: its operation, its DynamoDB JSON
// body, and the error's HTTP status and body.
type Failure struct {
	Op      string
	Request []byte
	Status  int
	Body    []byte
}

// KeyCount is a partition-key value and how many requests asked for it.
type KeyCount struct {
	Key   attr.Value
	Count int
}

// PartitionCount is a table partition and the load's requests on it.
type PartitionCount struct {
	ID, Requests, Throttled int
}

// failure records a failed request: sent is its key (its item for a
// PutItem).
func (r *Run) failure(op Op, sent attr.Item, err error) *Failure {
	status, body := engine.ErrorBody(err)
	return &Failure{Op: op.String(), Request: r.request(op, sent), Status: status, Body: body}
}

// request returns the DynamoDB JSON of a request the load sent: key is
// its key (its item for a PutItem).
func (r *Run) request(op Op, key attr.Item) []byte {
	b := append([]byte(`{"TableName":`), wire.AppendString(nil, r.tbl.name)...)
	consistent := `,"ConsistentRead":` + strconv.FormatBool(r.spec.Consistent)
	switch op {
	case GetItem:
		b = attr.AppendItemJSON(append(b, `,"Key":`...), key)
		b = append(b, consistent...)
	case Query:
		b = append(b, `,"KeyConditionExpression":"#k = :k","ExpressionAttributeNames":{"#k":`...)
		b = wire.AppendString(b, r.tbl.pk)
		b = attr.AppendJSON(append(b, `},"ExpressionAttributeValues":{":k":`...), key[r.tbl.pk])
		b = append(append(b, '}'), consistent...)
	case PutItem:
		b = attr.AppendItemJSON(append(b, `,"Item":`...), key)
	case UpdateItem:
		b = attr.AppendItemJSON(append(b, `,"Key":`...), key)
		b = append(b, `,"UpdateExpression":"ADD #n :one","ExpressionAttributeNames":{"#n":`...)
		b = wire.AppendString(b, r.countName)
		b = append(b, `},"ExpressionAttributeValues":{":one":{"N":"1"}}`...)
	}
	return append(b, '}')
}

// Summary returns the load's summary so far.
func (r *Run) Summary() Summary {
	s := r.sum
	s.Reasons = make(map[string]int, len(r.sum.Reasons))
	for k, v := range r.sum.Reasons {
		s.Reasons[k] = v
	}
	best := -1
	for k, c := range r.keyCounts {
		if c > 0 && (best < 0 || c > r.keyCounts[best]) {
			best = k
		}
	}
	if best >= 0 {
		s.HotKey = &KeyCount{Key: KeyValue(r.tbl.pkType, best), Count: int(r.keyCounts[best])}
	}
	ids := make([]int, 0, len(r.parts))
	for id := range r.parts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if p := r.parts[id]; s.HotPartition == nil || p.Requests > s.HotPartition.Requests {
			c := *p
			s.HotPartition = &c
		}
	}
	s.Need = r.need()
	s.Advice = r.advice(&s)
	return s
}

// need returns the RCU and WCU per second the spec asks of the table.
func (r *Run) need() [2]float64 {
	sp := r.spec
	size := float64(sp.ItemBytes)
	get := math.Ceil(size / 4096)
	query := math.Ceil(size * float64(sp.SortKeys) / 4096)
	if r.tbl.sk == "" {
		query = get
	}
	read := sp.RPS * sp.Reads * ((1-sp.Queries)*get + sp.Queries*query)
	if !sp.Consistent {
		read /= 2
	}
	write := sp.RPS * (1 - sp.Reads) * math.Ceil(size/1024)
	return [2]float64{read, write}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func has(reasons map[string]int, pred func(string) bool) bool {
	for k := range reasons {
		if pred(k) {
			return true
		}
	}
	return false
}

func prefixed(p, s string) bool { return len(s) >= len(p) && s[:len(p)] == p }
func suffixed(s, x string) bool { return len(s) >= len(x) && s[len(s)-len(x):] == x }

// advice says what to change, from the load and the table's capacity.
func (r *Run) advice(s *Summary) []string {
	var out []string
	needR, needW := int64(math.Ceil(s.Need[0])), int64(math.Ceil(s.Need[1]))
	prov := !r.tbl.onDemand
	if s.Throttled == 0 {
		line := "Nothing was throttled: the capacity fits this load"
		if prov {
			line += " (it needs about " + itoa(needW) + " WCU and " + itoa(needR) + " RCU per second)."
		} else {
			line += "."
		}
		return append(out, line)
	}
	keyRange := has(s.Reasons, func(x string) bool { return suffixed(x, "KeyRangeThroughputExceeded") })
	if !keyRange && r.spec.Dist == Hot {
		out = append(out, "Every request goes to one key, so to one partition. Here the table's capacity is the limit; once it is raised, that one key still cannot go past 1,000 WCU or 3,000 RCU per second, the most a partition serves.")
	}
	if keyRange {
		share := "most"
		if s.HotKey != nil && s.Requests > 0 {
			share = itoa(int64(math.Round(100*float64(s.HotKey.Count)/float64(s.Requests)))) + " %"
		}
		out = append(out, "One partition key takes "+share+" of the traffic. A partition serves at most 1,000 WCU and 3,000 RCU per second whatever the table has: spread the key (add a random or calculated suffix, write sharding) or cache hot reads.")
	}
	if has(s.Reasons, func(x string) bool { return prefixed("TableWrite", x) && suffixed(x, "ProvisionedThroughputExceeded") }) {
		line := "The table's writes need about " + itoa(needW) + " WCU per second"
		if prov {
			line += " and it has " + itoa(r.tbl.prov[1])
		}
		line += ": raise WriteCapacityUnits (Change capacity, above) or switch to on-demand."
		if r.spec.Updates > 0 {
			line += " An UpdateItem costs the size of the whole item (the larger of before and after), however little it changes."
		}
		out = append(out, line)
	}
	if has(s.Reasons, func(x string) bool { return prefixed("TableRead", x) && suffixed(x, "ProvisionedThroughputExceeded") }) {
		line := "The table's reads need about " + itoa(needR) + " RCU per second"
		if prov {
			line += " and it has " + itoa(r.tbl.prov[0])
		}
		line += ": raise ReadCapacityUnits, use eventually consistent reads (half the cost) or switch to on-demand."
		if r.spec.Queries > 0 && r.tbl.sk != "" && r.spec.SortKeys > 1 {
			line += " A Query reads the whole item collection (" + itoa(int64(r.spec.SortKeys)) + " items here), rounded up to 4 KB once: fetch fewer items (Limit, a narrower key condition) if you do not need them all."
		}
		out = append(out, line)
	}
	if has(s.Reasons, func(x string) bool { return prefixed("Index", x) }) {
		out = append(out, "An index is short of capacity: raise its RCU/WCU (Change capacity, above); an index short of write capacity throttles the table's writes.")
	}
	if has(s.Reasons, func(x string) bool { return suffixed(x, "MaxOnDemandThroughputExceeded") }) {
		out = append(out, "The on-demand maximum was reached: raise or remove it.")
	}
	if len(out) == 0 {
		out = append(out, "Lower the request rate, retry throttled requests with exponential backoff, or add capacity.")
	}
	return out
}

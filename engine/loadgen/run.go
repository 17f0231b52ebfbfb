package loadgen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Op is a kind of request of a load.
type Op uint8

// The operations a load sends.
const (
	GetItem Op = iota
	Query
	PutItem
	UpdateItem
)

var opNames = [...]string{"GetItem", "Query", "PutItem", "UpdateItem"}

func (o Op) String() string { return opNames[o] }

// read reports whether o reads.
func (o Op) read() bool { return o == GetItem || o == Query }

// Run is a load in progress: New starts it, Play plays it slice by slice.
type Run struct {
	db   *engine.DB
	clk  *clock.Clock
	spec Spec
	tbl  tableInfo

	rng   *rand.Rand
	cdf   []float64 // Zipf's cumulative distribution, or nil
	tick  int       // ticks played
	ticks int       // ticks in the whole load

	pad                  string // "xxx…", sliced for each item's data
	dataName, countName  string // the attributes PutItem and UpdateItem write
	consistent           *bool
	rcc                  string // ReturnConsumedCapacity
	queryExpr, updateExp string
	queryNames, updNames map[string]string
	updValues            engine.ExpressionValues // {":one": 1}, never changed

	keyCounts []uint32 // requests per partition-key number
	parts     map[int]*PartitionCount
	sum       Summary
}

// tableInfo is what a load needs of its table.
type tableInfo struct {
	name, arn      string
	pk, sk         string
	pkType, skType string // S, N or B
	onDemand       bool
	prov           [2]int64 // provisioned RCU, WCU (0 on demand)
	gsis           []gsiInfo
}

type gsiInfo struct {
	name, arn string
	prov      [2]int64
}

// New starts a load of spec on db: it checks the spec (a
// ValidationException with the problem) and reads the table's key schema
// and capacity (ResourceNotFoundException for an unknown table). Nothing
// is sent before Play.
//
// clk is the clock Play pauses and steps: nil for db.Clock(), or the
// clock db's clock follows (engine.Options.Now), as a host's virtual
// clock that the page shows, pauses and resumes.
func New(db *engine.DB, clk *clock.Clock, spec Spec) (*Run, error) {
	spec, err := spec.check()
	if err != nil {
		return nil, err
	}
	out, err := db.DescribeTable(&engine.DescribeTableInput{TableName: spec.Table})
	if err != nil {
		return nil, err
	}
	if clk == nil {
		clk = db.Clock()
	}
	r := &Run{db: db, clk: clk, spec: spec, tbl: describe(out.Table)}
	r.rng = rand.New(rand.NewPCG(spec.Seed, 0x6c6f616467656e)) // "loadgen"
	if spec.Dist == Zipf {
		r.cdf = zipfCDF(spec.Keys)
	}
	r.ticks = spec.Seconds * spec.Ticks
	r.dataName = unusedName("data", r.tbl.pk, r.tbl.sk)
	r.countName = unusedName("n", r.tbl.pk, r.tbl.sk)
	r.pad = strings.Repeat("x", spec.ItemBytes)
	r.consistent = &spec.Consistent
	r.rcc = "TOTAL"
	if len(r.tbl.gsis) > 0 {
		r.rcc = "INDEXES"
	}
	r.queryExpr, r.queryNames = "#k = :k", map[string]string{"#k": r.tbl.pk}
	r.updateExp, r.updNames = "ADD #n :one", map[string]string{"#n": r.countName}
	one, _ := attr.N("1")
	r.updValues = engine.ExpressionValues{":one": one}
	r.keyCounts = make([]uint32, spec.Keys)
	r.parts = map[int]*PartitionCount{}
	r.sum = Summary{Seconds: spec.Seconds, Reasons: map[string]int{}}
	return r, nil
}

// describe reads what a load needs from a table's description.
func describe(d *engine.TableDescription) tableInfo {
	ti := tableInfo{name: d.TableName, arn: d.TableArn}
	for _, k := range d.KeySchema {
		if k.KeyType == "HASH" {
			ti.pk = k.AttributeName
		} else {
			ti.sk = k.AttributeName
		}
	}
	for _, a := range d.AttributeDefinitions {
		switch a.AttributeName {
		case ti.pk:
			ti.pkType = a.AttributeType
		case ti.sk:
			ti.skType = a.AttributeType
		}
	}
	ti.onDemand = d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode == "PAY_PER_REQUEST"
	if !ti.onDemand && d.ProvisionedThroughput != nil {
		ti.prov = [2]int64{d.ProvisionedThroughput.ReadCapacityUnits, d.ProvisionedThroughput.WriteCapacityUnits}
	}
	for _, g := range d.GlobalSecondaryIndexes {
		gi := gsiInfo{name: g.IndexName, arn: g.IndexArn}
		if !ti.onDemand && g.ProvisionedThroughput != nil {
			gi.prov = [2]int64{g.ProvisionedThroughput.ReadCapacityUnits, g.ProvisionedThroughput.WriteCapacityUnits}
		}
		ti.gsis = append(ti.gsis, gi)
	}
	return ti
}

// unusedName returns name, or name with underscores added until it is
// neither key attribute.
func unusedName(name, pk, sk string) string {
	for name == pk || name == sk {
		name += "_"
	}
	return name
}

// zipfCDF returns the cumulative distribution of Zipf's law over n keys.
func zipfCDF(n int) []float64 {
	cdf := make([]float64, n)
	sum := 0.0
	for k := range cdf {
		sum += 1 / math.Pow(float64(k+1), ZipfExponent)
		cdf[k] = sum
	}
	for k := range cdf {
		cdf[k] /= sum
	}
	return cdf
}

// Spec returns the run's spec, with its defaults filled in.
func (r *Run) Spec() Spec { return r.spec }

// Done reports whether the whole load has been played.
func (r *Run) Done() bool { return r.tick >= r.ticks }

// Played returns the virtual seconds played so far.
func (r *Run) Played() float64 { return float64(r.tick) / float64(r.spec.Ticks) }

// Play plays the next seconds virtual seconds of the load (fewer if less
// is left; none once Done) and returns their per-second series. It
// pauses the run's clock (the caller resumes it when it wants: requests
// of one tick must land in one instant) and steps it 1/Ticks of a second
// after each tick's requests, deleting expired items (TTL) after each
// virtual second, as the clock's own step does.
func (r *Run) Play(seconds int) *Slice {
	clk := r.clk
	clk.Pause()
	n := min(max(seconds, 0)*r.spec.Ticks, r.ticks-r.tick)
	s := r.newSlice(r.db.Clock().Now())
	for range n {
		k := r.due(r.tick+1) - r.due(r.tick)
		sec := r.db.Clock().Now() / int64(time.Second)
		for range k {
			r.one(s, sec)
		}
		// Step to the tick's exact end, so that Ticks steps make a second.
		t, ticks := int64(r.tick%r.spec.Ticks), int64(r.spec.Ticks)
		clk.Step(time.Duration((t+1)*int64(time.Second)/ticks - t*int64(time.Second)/ticks))
		r.tick++
		if r.tick%r.spec.Ticks == 0 {
			r.db.ExpireItems()
		}
	}
	r.sum.Played = r.Played()
	return s
}

// due returns how many requests are due in the load's first t ticks:
// RPS per second, spread evenly (a whole rate sends exactly RPS a second).
func (r *Run) due(t int) int {
	return int(math.Floor(r.spec.RPS*float64(t)/float64(r.spec.Ticks) + 1e-9))
}

// pickKey returns the next partition-key number.
func (r *Run) pickKey() int {
	switch {
	case r.spec.Dist == Hot:
		return 0
	case r.cdf != nil:
		u := r.rng.Float64()
		lo, hi := 0, len(r.cdf)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if r.cdf[mid] < u {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	default:
		return r.rng.IntN(r.spec.Keys)
	}
}

// pickOp returns the next request's operation.
func (r *Run) pickOp() Op {
	if r.spec.Reads > 0 && r.rng.Float64() < r.spec.Reads {
		if r.spec.Queries > 0 && r.rng.Float64() < r.spec.Queries {
			return Query
		}
		return GetItem
	}
	if r.spec.Updates > 0 && r.rng.Float64() < r.spec.Updates {
		return UpdateItem
	}
	return PutItem
}

// KeyValue returns key number k of attribute type t ("S", "N" or "B"):
// "k<k>", k, or the bytes of "k<k>".
func KeyValue(t string, k int) attr.Value {
	switch t {
	case "N":
		v, _ := attr.N(strconv.Itoa(k)) // never fails: an integer's digits
		return v
	case "B":
		return attr.TrustedB("k" + strconv.Itoa(k))
	}
	return attr.S("k" + strconv.Itoa(k))
}

// key returns the primary key of the next request on partition key k,
// with room for extra more attributes.
func (r *Run) key(k, extra int) attr.Item {
	key := make(attr.Item, 2+extra)
	key[r.tbl.pk] = KeyValue(r.tbl.pkType, k)
	if r.tbl.sk != "" {
		j := 0
		if r.spec.SortKeys > 1 {
			j = r.rng.IntN(r.spec.SortKeys)
		}
		key[r.tbl.sk] = KeyValue(r.tbl.skType, j)
	}
	return key
}

// one sends one request during virtual second sec. Each request
// allocates one map (its key, item or key condition's values).
func (r *Run) one(s *Slice, sec int64) {
	k := r.pickKey()
	op := r.pickOp()
	var (
		cc  *engine.ConsumedCapacity
		err error
		// sent is the request's key (its item for a PutItem).
		sent attr.Item
		pkv  attr.Value
	)
	switch op {
	case GetItem:
		sent = r.key(k, 0)
		pkv = sent[r.tbl.pk]
		var out *engine.GetItemOutput
		out, err = r.db.GetItem(&engine.GetItemInput{TableName: r.tbl.name, Key: sent, ConsistentRead: r.consistent, ReturnConsumedCapacity: r.rcc})
		if err == nil {
			cc = out.ConsumedCapacity
		}
	case Query:
		pkv = KeyValue(r.tbl.pkType, k)
		var out *engine.QueryOutput
		out, err = r.db.Query(&engine.QueryInput{TableName: r.tbl.name, KeyConditionExpression: &r.queryExpr,
			ExpressionAttributeNames: r.queryNames, ExpressionAttributeValues: engine.ExpressionValues{":k": pkv},
			ConsistentRead: r.spec.Consistent, ReturnConsumedCapacity: r.rcc})
		if err == nil {
			cc = out.ConsumedCapacity
		} else {
			sent = attr.Item{r.tbl.pk: pkv}
		}
	case PutItem:
		sent = r.item(r.key(k, 1))
		pkv = sent[r.tbl.pk]
		var out *engine.PutItemOutput
		out, err = r.db.PutItem(&engine.PutItemInput{TableName: r.tbl.name, Item: sent, ReturnConsumedCapacity: r.rcc})
		if err == nil {
			cc = out.ConsumedCapacity
		}
	case UpdateItem:
		sent = r.key(k, 0)
		pkv = sent[r.tbl.pk]
		var out *engine.UpdateItemOutput
		out, err = r.db.UpdateItem(&engine.UpdateItemInput{TableName: r.tbl.name, Key: sent, UpdateExpression: &r.updateExp,
			ExpressionAttributeNames: r.updNames, ExpressionAttributeValues: r.updValues,
			ReturnConsumedCapacity: r.rcc})
		if err == nil {
			cc = out.ConsumedCapacity
		}
	}
	part, _ := r.db.PartitionOf(r.tbl.name, "", pkv)
	r.count(s, sec, op, k, sent, part, cc, err)
}

// item adds to key (which has room for one more attribute) a string
// attribute filling it to ItemBytes (attribute names count, as in
// DynamoDB's item size) and returns it: the item PutItem writes.
func (r *Run) item(key attr.Item) attr.Item {
	size := 0
	for n, v := range key {
		size += len(n) + attr.Size(v)
	}
	if fill := r.spec.ItemBytes - size - len(r.dataName); fill > 0 {
		key[r.dataName] = attr.S(r.pad[:fill])
	}
	return key
}

// throttled returns the throttling reasons of a throttling error, or ok
// false when err is not one. DynamoDB's member is ThrottlingReasons, or
// throttlingReasons in a ThrottlingException.
func throttled(err error) (reasons []any, ok bool) {
	switch e := ddberr.As(err); e.Type {
	case ddberr.TypeProvisionedThroughputExceeded, ddberr.TypeRequestLimitExceeded, ddberr.TypeThrottling:
		list, _ := e.Fields["ThrottlingReasons"].([]any)
		if list == nil {
			list, _ = e.Fields["throttlingReasons"].([]any)
		}
		return list, true
	}
	return nil, false
}

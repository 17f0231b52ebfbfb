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
	queryExpr, updateExp string
	queryNames, updNames map[string]string
	updValues            engine.ExpressionValues // {":one": 1}, never changed

	// keys are the texts of key numbers; keyMap, putItem and queryValues
	// are the maps each request of a kind fills again: the engine keeps
	// none of them (a PutItem's item only when the table has a stream,
	// and then each put gets a map of its own: see streamed).
	keys        keyText
	keyMap      attr.Item
	putItem     attr.Item
	queryValues engine.ExpressionValues
	streamed    bool // the table had a stream enabled when this Play began

	// counted is the first Unix second whose capacity the summary has
	// not counted yet (see meter); before is what the table had consumed
	// in the load's first second before the load.
	counted int64
	before  [2]float64

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
	r.queryExpr, r.queryNames = "#k = :k", map[string]string{"#k": r.tbl.pk}
	r.updateExp, r.updNames = "ADD #n :one", map[string]string{"#n": r.countName}
	one, _ := attr.N("1")
	r.updValues = engine.ExpressionValues{":one": one}
	r.keys = newKeyText(max(spec.Keys, spec.SortKeys))
	r.keyMap = make(attr.Item, 2)
	r.putItem = make(attr.Item, 3)
	r.queryValues = engine.ExpressionValues{":k": attr.Value{}}
	r.streamed = streamEnabled(out.Table)
	r.counted = db.Clock().Now() / 1e9
	if hist, _ := db.CapacityHistory(spec.Table, r.counted); len(hist) > 0 {
		for _, sec := range hist[0].Seconds {
			r.before = [2]float64{sec.ConsumedRead, sec.ConsumedWrite}
		}
	}
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
	if out, err := r.db.DescribeTable(&engine.DescribeTableInput{TableName: r.tbl.name}); err == nil {
		r.streamed = streamEnabled(out.Table)
	}
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
	r.meter(s)
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

// streamEnabled reports whether a table has a stream enabled.
func streamEnabled(d *engine.TableDescription) bool {
	s := d.StreamSpecification
	return s != nil && s.StreamEnabled != nil && *s.StreamEnabled
}

// key sets in key the primary key of the next request on partition key k
// and returns key.
func (r *Run) key(key attr.Item, k int) attr.Item {
	key[r.tbl.pk] = r.keys.value(r.tbl.pkType, k)
	if r.tbl.sk != "" {
		j := 0
		if r.spec.SortKeys > 1 {
			j = r.rng.IntN(r.spec.SortKeys)
		}
		key[r.tbl.sk] = r.keys.value(r.tbl.skType, j)
	}
	return key
}

// one sends one request during virtual second sec. It allocates no map
// of its own: the key, item and values maps are the run's, filled again
// (a PutItem's item is a new map when the table has a stream, whose
// records keep it).
func (r *Run) one(s *Slice, sec int64) {
	k := r.pickKey()
	op := r.pickOp()
	var (
		err error
		// sent is the request's key (its item for a PutItem).
		sent attr.Item
		pkv  attr.Value
	)
	// No ReturnConsumedCapacity: the engine's capacity metering counts
	// what the load consumes (see meter), and a PutItem that reports no
	// capacity need not decode the item it replaces.
	switch op {
	case GetItem:
		sent = r.key(r.keyMap, k)
		pkv = sent[r.tbl.pk]
		_, err = r.db.GetItemUndecoded(&engine.GetItemInput{TableName: r.tbl.name, Key: sent, ConsistentRead: r.consistent})
	case Query:
		pkv = r.keys.value(r.tbl.pkType, k)
		r.queryValues[":k"] = pkv
		_, err = r.db.Query(&engine.QueryInput{TableName: r.tbl.name, KeyConditionExpression: &r.queryExpr,
			ExpressionAttributeNames: r.queryNames, ExpressionAttributeValues: r.queryValues,
			ConsistentRead: r.spec.Consistent})
		if err != nil {
			sent = attr.Item{r.tbl.pk: pkv}
		}
	case PutItem:
		item := r.putItem
		if r.streamed {
			item = make(attr.Item, 3)
		}
		sent = r.item(r.key(item, k))
		pkv = sent[r.tbl.pk]
		_, err = r.db.PutItem(&engine.PutItemInput{TableName: r.tbl.name, Item: sent})
	case UpdateItem:
		sent = r.key(r.keyMap, k)
		pkv = sent[r.tbl.pk]
		_, err = r.db.UpdateItem(&engine.UpdateItemInput{TableName: r.tbl.name, Key: sent, UpdateExpression: &r.updateExp,
			ExpressionAttributeNames: r.updNames, ExpressionAttributeValues: r.updValues})
	}
	part, _ := r.db.PartitionOf(r.tbl.name, "", pkv)
	r.count(s, sec, op, k, sent, part, err)
}

// item sets in key (which holds a primary key, and may hold the data
// attribute of an earlier item) a string attribute filling it to
// ItemBytes (attribute names count, as in DynamoDB's item size), or none
// when the key alone is that large, and returns it: the item PutItem
// writes.
func (r *Run) item(key attr.Item) attr.Item {
	size := len(r.tbl.pk) + attr.Size(key[r.tbl.pk])
	if r.tbl.sk != "" {
		size += len(r.tbl.sk) + attr.Size(key[r.tbl.sk])
	}
	if fill := r.spec.ItemBytes - size - len(r.dataName); fill > 0 {
		key[r.dataName] = attr.S(r.pad[:fill])
	} else {
		delete(key, r.dataName)
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

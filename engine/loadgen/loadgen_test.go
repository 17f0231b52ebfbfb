package loadgen

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

func TestNew_RefusesBadSpecs(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Tab", pk: "id", pkType: "S"})
	good := Spec{Table: "Tab", RPS: 10, Seconds: 10, ItemBytes: 100, Keys: 10}
	cases := []struct {
		name string
		edit func(*Spec)
		msg  string
	}{
		{"no table", func(s *Spec) { s.Table = "" }, msgTable},
		{"rate 0", func(s *Spec) { s.RPS = 0 }, msgRPS},
		{"rate too high", func(s *Spec) { s.RPS = MaxRPS + 1 }, msgRPS},
		{"rate NaN", func(s *Spec) { s.RPS = math.NaN() }, msgRPS},
		{"duration 0", func(s *Spec) { s.Seconds = 0 }, msgSeconds},
		{"duration too long", func(s *Spec) { s.Seconds = MaxSeconds + 1 }, msgSeconds},
		{"item 0 bytes", func(s *Spec) { s.ItemBytes = 0 }, msgItemBytes},
		{"item over 400 KB", func(s *Spec) { s.ItemBytes = MaxItemBytes + 1 }, msgItemBytes},
		{"no keys", func(s *Spec) { s.Keys = 0 }, msgKeys},
		{"too many keys", func(s *Spec) { s.Keys = MaxKeys + 1 }, msgKeys},
		{"sort keys", func(s *Spec) { s.SortKeys = MaxSortKeys + 1 }, msgSortKeys},
		{"reads over 1", func(s *Spec) { s.Reads = 1.5 }, msgShare},
		{"queries below 0", func(s *Spec) { s.Queries = -0.1 }, msgShare},
		{"updates NaN", func(s *Spec) { s.Updates = math.NaN() }, msgShare},
		{"distribution", func(s *Spec) { s.Dist = "pareto" }, msgDist},
		{"ticks", func(s *Spec) { s.Ticks = MaxTicks + 1 }, msgTicks},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := good
			c.edit(&s)
			_, err := New(db, nil, s)
			var e *ddberr.Error
			if !errors.As(err, &e) || e.Type != ddberr.TypeValidation || e.Message != c.msg {
				t.Fatalf("New = %v, want ValidationException %q", err, c.msg)
			}
		})
	}
	if _, err := New(db, nil, good); err != nil {
		t.Fatalf("the good spec: %v", err)
	}
	s := good
	s.Table = "Missing"
	if _, err := New(db, nil, s); !errors.Is(err, ddberr.ErrResourceNotFound) {
		t.Fatalf("unknown table: %v, want ResourceNotFoundException", err)
	}
}

// steady returns the mean of xs[from:].
func steady(xs []float64, from int) float64 {
	sum := 0.0
	for _, x := range xs[from:] {
		sum += x
	}
	return sum / float64(len(xs)-from)
}

// joined returns a series of every slice, one after another.
func joined(slices []*Slice, get func(*Slice) []float64) []float64 {
	var out []float64
	for _, s := range slices {
		out = append(out, get(s)...)
	}
	return out
}

// A provisioned table serves its provisioned rate (plus what burst
// capacity it kept) and throttles the rest with
// TableWriteProvisionedThroughputExceeded; raised with UpdateTable, it
// serves the same load whole ("Provisioned capacity mode", "Burst
// capacity" in the Developer Guide).
func TestProvisioned_ThrottlesAboveTheTableRate(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Hot", pk: "id", pkType: "S", rcu: 5, wcu: 5, gsi: "ByG"})
	spec := Spec{Table: "Hot", RPS: 10, Seconds: 300, ItemBytes: 1000, Keys: 1000, Dist: Hot}
	slices, sum := play(t, db, spec, 60)
	if sum.Requests != 3000 || sum.OK+sum.Throttled != 3000 || sum.Errors != 0 {
		t.Fatalf("%d requests, %d ok, %d throttled, %d errors; want 3,000 ok or throttled", sum.Requests, sum.OK, sum.Throttled, sum.Errors)
	}
	// 5 WCU a second for 300 s, plus at most 300 s of burst.
	if sum.OK < 5*300 || sum.OK > 5*300+5*300 {
		t.Errorf("%d writes of 1 WCU succeeded, want between 1,500 and 3,000", sum.OK)
	}
	if len(sum.Reasons) != 1 || sum.Reasons["TableWriteProvisionedThroughputExceeded"] != sum.Throttled {
		t.Errorf("reasons %v, want TableWriteProvisionedThroughputExceeded × %d", sum.Reasons, sum.Throttled)
	}
	wcu := joined(slices, func(s *Slice) []float64 { return s.Resources[0].ConsumedWrite })
	if len(wcu) != 300 {
		t.Fatalf("%d seconds in the series, want 300", len(wcu))
	}
	if got := steady(wcu, 60); math.Abs(got-5) > 0.1 {
		t.Errorf("steady consumption %.2f WCU per second, want the provisioned 5", got)
	}
	if sum.HotKey == nil || !attr.Equal(sum.HotKey.Key, attr.S("k0")) || sum.HotKey.Count != 3000 {
		t.Errorf("hot key %+v, want k0 × 3,000", sum.HotKey)
	}
	if sum.HotPartition == nil || sum.HotPartition.ID != 0 || sum.HotPartition.Throttled != sum.Throttled {
		t.Errorf("hot partition %+v, want #0 with every throttle", sum.HotPartition)
	}
	if sum.FirstThrottle == nil || sum.FirstThrottle.Op != "PutItem" || !strings.Contains(string(sum.FirstThrottle.Body), "TableWriteProvisionedThroughputExceeded") {
		t.Errorf("first throttle %+v", sum.FirstThrottle)
	}
	if !strings.Contains(strings.Join(sum.Advice, " "), "raise WriteCapacityUnits") || !strings.Contains(strings.Join(sum.Advice, " "), "it has 5") {
		t.Errorf("advice %q does not say to raise WriteCapacityUnits from 5", sum.Advice)
	}
	if _, err := db.UpdateTable(&engine.UpdateTableInput{TableName: "Hot",
		ProvisionedThroughput: &engine.ProvisionedThroughput{ReadCapacityUnits: i64(5), WriteCapacityUnits: i64(50)}}); err != nil {
		t.Fatal(err)
	}
	db.Clock().Step(time.Second) // the debt of the last second is paid
	_, sum = play(t, db, spec, 60)
	if sum.Throttled != 0 || sum.OK != 3000 {
		t.Errorf("at 50 WCU: %d ok, %d throttled (%v); want all 3,000", sum.OK, sum.Throttled, sum.Reasons)
	}
	if !strings.HasPrefix(sum.Advice[0], "Nothing was throttled") {
		t.Errorf("advice %q", sum.Advice)
	}
}

// One partition serves at most 1,000 WCU a second, however much an
// on-demand table could serve: a hot key is throttled with
// TableWriteKeyRangeThroughputExceeded ("Partition key design").
func TestOnDemand_HotKeyStopsAtThePartitionLimit(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "OnDemand", pk: "id", pkType: "S"})
	slices, sum := play(t, db, Spec{Table: "OnDemand", RPS: 1500, Seconds: 20, ItemBytes: 1000, Keys: 10, Dist: Hot}, 5)
	if sum.Throttled == 0 || sum.Reasons["TableWriteKeyRangeThroughputExceeded"] != sum.Throttled {
		t.Fatalf("%d throttled, reasons %v; want TableWriteKeyRangeThroughputExceeded", sum.Throttled, sum.Reasons)
	}
	for i, u := range joined(slices, func(s *Slice) []float64 { return s.Resources[0].ConsumedWrite }) {
		if u > 1000 {
			t.Errorf("second %d: %v WCU on one key, over a partition's 1,000", i, u)
		}
	}
	if advice := strings.Join(sum.Advice, " "); !strings.Contains(advice, "write sharding") || !strings.Contains(advice, "100 %") {
		t.Errorf("advice %q does not point at the hot key", advice)
	}
}

// A GSI short of write capacity throttles the table's writes
// (IndexWriteProvisionedThroughputExceeded), and the index's series
// shows it ("Provisioned throughput considerations for GSIs").
func TestGSI_ShortOfWriteCapacityThrottlesTheTable(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Gsi", pk: "id", pkType: "S", rcu: 100, wcu: 100, gsi: "ByData", gsiKey: "data", gsiRCU: 100, gsiWCU: 2})
	slices, sum := play(t, db, Spec{Table: "Gsi", RPS: 20, Seconds: 60, ItemBytes: 500, Keys: 1000}, 60)
	if sum.Throttled == 0 || sum.Reasons["IndexWriteProvisionedThroughputExceeded"] != sum.Throttled {
		t.Fatalf("%d throttled, reasons %v; want IndexWriteProvisionedThroughputExceeded", sum.Throttled, sum.Reasons)
	}
	ix := slices[0].Resources[1]
	if ix.Name != "ByData" || !ix.Index || ix.Provisioned != [2]int64{100, 2} {
		t.Fatalf("index series %+v", ix)
	}
	var thr int
	var used float64
	for i := range ix.ThrottledWrites {
		thr += ix.ThrottledWrites[i]
		used += ix.ConsumedWrite[i]
	}
	// A rewrite that leaves an entry as it was costs the index nothing.
	if thr != sum.Throttled || used <= 0 || used > sum.Consumed[1] {
		t.Errorf("index: %d throttled, %v WCU; want %d and at most the table's %v", thr, used, sum.Throttled, sum.Consumed[1])
	}
	if !strings.Contains(strings.Join(sum.Advice, " "), "An index is short of capacity") {
		t.Errorf("advice %q", sum.Advice)
	}
}

// Each request costs what the Developer Guide says ("Read/write capacity
// units"): reads by 4 KB, eventually consistent ones half; a Query once
// for its whole item collection; writes by 1 KB of the whole item, an
// UpdateItem too, however little it changes.
func TestCosts_AsDocumented(t *testing.T) {
	db := newDB(t) // on demand: nothing throttles at 20 requests a second
	create(t, db, tableSpec{name: "Costs", pk: "pk", pkType: "S", sk: "sk", skType: "N"})
	// Ten items of 1,000 bytes under each of 5 keys, 3,000 under key 9.
	for k := range 5 {
		for j := range 10 {
			it := attr.Item{"pk": KeyValue("S", k), "sk": KeyValue("N", j)}
			it["data"] = attr.S(strings.Repeat("x", 1000-attr.ItemSize(it)-4))
			if _, err := db.PutItem(&engine.PutItemInput{TableName: "Costs", Item: it}); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name     string
		spec     Spec
		perRead  float64
		perWrite float64
	}{
		{"GetItem eventually consistent, 1,000 B", Spec{Reads: 1, Keys: 5, SortKeys: 10}, 0.5, 0},
		{"GetItem strongly consistent, 1,000 B", Spec{Reads: 1, Keys: 5, SortKeys: 10, Consistent: true}, 1, 0},
		{"Query of 10 × 1,000 B, strongly", Spec{Reads: 1, Queries: 1, Keys: 5, SortKeys: 10, Consistent: true}, 3, 0},
		{"Query of 10 × 1,000 B, eventually", Spec{Reads: 1, Queries: 1, Keys: 5, SortKeys: 10}, 1.5, 0},
		{"PutItem of 2,048 B", Spec{ItemBytes: 2048, Keys: 1, SortKeys: 1}, 0, 2},
		{"PutItem of 2,049 B", Spec{ItemBytes: 2049, Keys: 1, SortKeys: 1}, 0, 3},
		// Item k0/0 is 2,049 B now: an UpdateItem adding 1 costs 3 WCU.
		{"UpdateItem of a 2,049 B item", Spec{Updates: 1, Keys: 1, SortKeys: 1}, 0, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := c.spec
			s.Table, s.RPS, s.Seconds = "Costs", 20, 2
			if s.ItemBytes == 0 {
				s.ItemBytes = 1000
			}
			_, sum := play(t, db, s, 2)
			reads, writes := sum.Count(GetItem)+sum.Count(Query), sum.Count(PutItem)+sum.Count(UpdateItem)
			if sum.OK != 40 || reads+writes != 40 || !sum.Metered {
				t.Fatalf("%d ok of %d reads and %d writes, metered %v: want 40, metered", sum.OK, reads, writes, sum.Metered)
			}
			if got, want := sum.Consumed[0], c.perRead*float64(reads); got != want {
				t.Errorf("consumed %v RCU for %d reads, want %v", got, reads, want)
			}
			if got, want := sum.Consumed[1], c.perWrite*float64(writes); got != want {
				t.Errorf("consumed %v WCU for %d writes, want %v", got, writes, want)
			}
		})
	}
	// Without enforcement nothing is metered, and the summary says so.
	db.SetThrottle(false)
	if _, sum := play(t, db, Spec{Table: "Costs", RPS: 20, Seconds: 2, ItemBytes: 100, Keys: 5, SortKeys: 10}, 2); sum.Metered || sum.Consumed != [2]float64{} || sum.OK != 40 {
		t.Errorf("unenforced: metered %v, consumed %v, %d ok; want unmetered, nothing, 40", sum.Metered, sum.Consumed, sum.OK)
	}
	out, err := db.GetItem(&engine.GetItemInput{TableName: "Costs", Key: attr.Item{"pk": attr.S("k0"), "sk": KeyValue("N", 0)}})
	if err != nil || out.Item == nil {
		t.Fatalf("GetItem: %v", err)
	}
	if n, ok := out.Item["n"]; !ok || !attr.Equal(n, KeyValue("N", 40)) || attr.ItemSize(out.Item)-len("n")-attr.Size(n) != 2049 {
		t.Errorf("item of %d bytes, counter %v: want a 2,049-byte item and 40 updates", attr.ItemSize(out.Item), out.Item["n"])
	}
}

// capacityJSON is the part of engine.DB.CapacityJSON the tests read.
type capacityJSON struct {
	Tables []struct {
		Resources []struct {
			Seconds    []secondJSON `json:"seconds"`
			Partitions []struct {
				ID      int          `json:"id"`
				Cause   string       `json:"cause"`
				Seconds []secondJSON `json:"seconds"`
			} `json:"partitions"`
		} `json:"resources"`
	} `json:"tables"`
}

type secondJSON struct {
	At                     int64   `json:"at"`
	ConsumedRead           float64 `json:"consumedRead"`
	ConsumedWrite          float64 `json:"consumedWrite"`
	ReadRequests           int     `json:"readRequests"`
	WriteRequests          int     `json:"writeRequests"`
	ThrottledReadRequests  int     `json:"throttledReadRequests"`
	ThrottledWriteRequests int     `json:"throttledWriteRequests"`
}

// The load's per-second and per-partition counts agree with what the
// engine metered, and its resource series are the engine's.
func TestSeries_AgreeWithTheEnginesMetrics(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Metrics", pk: "id", pkType: "N", rcu: 6000, wcu: 2000})
	spec := Spec{Table: "Metrics", Reads: 0.5, Updates: 0.3, RPS: 800, Seconds: 30, ItemBytes: 700, Keys: 5000, Dist: Zipf}
	slices, sum := play(t, db, spec, 7)
	if sum.Requests != 800*30 || sum.Errors != 0 || !sum.Metered {
		t.Fatalf("%d requests, %d errors, metered %v", sum.Requests, sum.Errors, sum.Metered)
	}
	type counts struct{ ok, throttled int }
	perSecond := map[int64]counts{}
	perPart := map[int]counts{}
	mine := map[int64][2]float64{}
	for _, s := range slices {
		for i := range s.Requests {
			c := perSecond[s.From+int64(i)]
			perSecond[s.From+int64(i)] = counts{c.ok + s.OK[i], c.throttled + s.Throttled[i]}
			mine[s.From+int64(i)] = [2]float64{s.Resources[0].ConsumedRead[i], s.Resources[0].ConsumedWrite[i]}
		}
		for _, p := range s.Partitions {
			for i := range p.Requests {
				c := perPart[p.ID]
				perPart[p.ID] = counts{c.ok + p.Requests[i] - p.Throttled[i], c.throttled + p.Throttled[i]}
			}
		}
	}
	if len(perPart) < 2 {
		t.Fatalf("the load reached %d partitions, want several (6,000 RCU and 2,000 WCU need 4)", len(perPart))
	}
	b, err := db.CapacityJSON("Metrics")
	if err != nil {
		t.Fatal(err)
	}
	var cj capacityJSON
	if err := json.Unmarshal(b, &cj); err != nil {
		t.Fatal(err)
	}
	table := cj.Tables[0].Resources[0]
	var consumed [2]float64
	for _, s := range table.Seconds {
		got := counts{s.ReadRequests + s.WriteRequests, s.ThrottledReadRequests + s.ThrottledWriteRequests}
		if want := perSecond[s.At]; got != want {
			t.Errorf("second %d: the engine counted %+v requests, the load %+v", s.At, got, want)
		}
		if m := mine[s.At]; math.Abs(m[0]-s.ConsumedRead) > 1e-6 || math.Abs(m[1]-s.ConsumedWrite) > 1e-6 {
			t.Errorf("second %d: the slice says %v RCU/WCU, the engine %v/%v", s.At, m, s.ConsumedRead, s.ConsumedWrite)
		}
		consumed[0] += s.ConsumedRead
		consumed[1] += s.ConsumedWrite
	}
	if len(table.Seconds) != 30 {
		t.Errorf("the engine has %d seconds of the table's history, want 30", len(table.Seconds))
	}
	if math.Abs(consumed[0]-sum.Consumed[0]) > 1e-6 || math.Abs(consumed[1]-sum.Consumed[1]) > 1e-6 || consumed[1] == 0 {
		t.Errorf("the engine metered %v RCU/WCU, the summary says %v", consumed, sum.Consumed)
	}
	for _, p := range table.Partitions {
		var got counts
		for _, s := range p.Seconds {
			got.ok += s.ReadRequests + s.WriteRequests
			got.throttled += s.ThrottledReadRequests + s.ThrottledWriteRequests
		}
		if want := perPart[p.ID]; got != want {
			t.Errorf("partition %d: the engine counted %+v requests, the load %+v", p.ID, got, want)
		}
	}
}

// A load played in slices sends the same requests as in one go.
func TestPlay_SlicesAreOneLoad(t *testing.T) {
	spec := Spec{Table: "Slices", Reads: 0.6, Queries: 0.3, Updates: 0.5, RPS: 333, Seconds: 40, ItemBytes: 1500,
		Keys: 300, SortKeys: 3, Dist: Zipf, Seed: 7, Ticks: 7}
	var sums [][]byte
	for _, slice := range []int{40, 3, 1} {
		db := newDB(t)
		create(t, db, tableSpec{name: "Slices", pk: "pk", pkType: "B", sk: "sk", skType: "S", rcu: 300, wcu: 200})
		_, sum := play(t, db, spec, slice)
		if sum.Requests != 333*40 || sum.Played != 40 {
			t.Fatalf("slices of %d s: %d requests in %v s", slice, sum.Requests, sum.Played)
		}
		sums = append(sums, sum.AppendJSON(nil))
	}
	for i := 1; i < len(sums); i++ {
		if string(sums[i]) != string(sums[0]) {
			t.Errorf("summary in slices differs:\n%s\n%s", sums[i], sums[0])
		}
	}
}

// The engine's clock moves 1 s per virtual second, tick by tick.
func TestPlay_StepsTheClock(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Tab", pk: "id", pkType: "S"})
	r, err := New(db, nil, Spec{Table: "Tab", RPS: 1, Seconds: 10, ItemBytes: 10, Keys: 1, Ticks: 3})
	if err != nil {
		t.Fatal(err)
	}
	t0 := db.Clock().Now()
	s := r.Play(4)
	if got := db.Clock().Now() - t0; got != int64(4*time.Second) {
		t.Errorf("the clock moved %v, want 4 s", time.Duration(got))
	}
	if s.From != start.Unix() || len(s.Requests) != 4 || r.Played() != 4 || r.Done() {
		t.Errorf("slice from %d, %d seconds; played %v", s.From, len(s.Requests), r.Played())
	}
	r.Play(100)
	if !r.Done() || r.Played() != 10 || db.Clock().Now()-t0 != int64(10*time.Second) {
		t.Errorf("after the rest: done %v, played %v", r.Done(), r.Played())
	}
	if s := r.Play(5); len(s.Requests) != 0 || db.Clock().Now()-t0 != int64(10*time.Second) {
		t.Errorf("a done load played %d seconds", len(s.Requests))
	}
}

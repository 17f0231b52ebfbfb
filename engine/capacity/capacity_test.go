package capacity

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

// t0 is a fixed virtual time: 2026-01-01T00:00:00Z.
var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()

const tableARN = "arn:aws:dynamodb:us-east-1:000000000000:table/T"
const indexARN = tableARN + "/index/G"

func at(d time.Duration) int64 { return t0 + int64(d) }

func provisioned(m *Meter, read, write int64) *Resource {
	return m.NewResource(Config{ARN: tableARN, Settings: Settings{Mode: Provisioned, Read: read, Write: write}}, t0)
}

// admit1 charges units of op on hash of r alone.
func admit1(m *Meter, now int64, r *Resource, op Op, hash uint64, units float64) []Reason {
	return m.Admit(now, []Charge{{R: r, Op: op, Hash: hash, Units: units}})
}

// keyIn returns a hash inside the partition with index i of r.
func keyIn(r *Resource, i int) uint64 { return r.parts[i].lo + (r.parts[i].hi-r.parts[i].lo)/2 }

func wantReason(t *testing.T, got []Reason, reason, arn string) {
	t.Helper()
	if len(got) != 1 || got[0].Reason != reason || got[0].Resource != arn {
		t.Fatalf("reasons = %v, want [{%s %s}]", got, reason, arn)
	}
}

// Rule (Developer Guide, "Burst capacity"): DynamoDB retains up to five
// minutes (300 seconds) of unused read and write capacity, which a burst
// can consume; past it, requests are throttled.
func TestBurst_AbsorbsUpTo300SecondsThenThrottles(t *testing.T) {
	var m Meter
	r := provisioned(&m, 1, 1)
	now := at(10 * time.Minute) // idle for longer than 300 s: the balance is full
	for i := range 300 {
		if rs := admit1(&m, now, r, Write, uint64(i), 1); rs != nil {
			t.Fatalf("write %d of the 300-second burst throttled: %v", i+1, rs)
		}
	}
	wantReason(t, admit1(&m, now, r, Write, 7, 1), "TableWriteProvisionedThroughputExceeded", tableARN)
	// One second later the table has earned one more unit.
	if rs := admit1(&m, now+second, r, Write, 7, 1); rs != nil {
		t.Fatalf("write one second later throttled: %v", rs)
	}
}

// Rule (Developer Guide, "Provisioned capacity mode"): a table serves its
// provisioned RCU/WCU per second; a rate just under it is never throttled,
// a rate just over it eventually is.
func TestSteadyRate_UnderNeverThrottles_OverEventuallyDoes(t *testing.T) {
	run := func(perSecond int) (admitted, throttled int) {
		var m Meter
		r := provisioned(&m, 10, 10)
		for s := range 1000 {
			for j := range perSecond {
				now := at(time.Duration(s)*time.Second + time.Duration(j)*time.Second/time.Duration(perSecond))
				if admit1(&m, now, r, Write, uint64(j), 1) == nil {
					admitted++
				} else {
					throttled++
				}
			}
		}
		return
	}
	if _, th := run(9); th != 0 {
		t.Errorf("9 WCU/s on a 10-WCU table: %d writes throttled, want none", th)
	}
	adm, th := run(11)
	if th == 0 {
		t.Fatal("11 WCU/s on a 10-WCU table for 1000 s: nothing throttled")
	}
	// Over 1000 s the table serves its rate plus its starting balance.
	if adm < 9990 || adm > 10020 {
		t.Errorf("11 WCU/s for 1000 s: %d admitted, want about 10,010", adm)
	}
}

// Rule (Developer Guide, "Partitions and data distribution" and the
// throttling guide's KeyRangeThroughputExceeded): a partition serves at
// most 1,000 WCU and 3,000 RCU per second, however much the table has.
func TestHotKey_ThrottlesAtPartitionLimitBelowTableThroughput(t *testing.T) {
	var m Meter
	r := provisioned(&m, 12000, 5000)
	if len(r.parts) != 9 {
		t.Fatalf("12,000 RCU + 5,000 WCU: %d partitions, want 9", len(r.parts))
	}
	now := at(10 * time.Minute)
	hot := keyIn(r, 0)
	for i := range 1000 {
		if rs := admit1(&m, now, r, Write, hot, 1); rs != nil {
			t.Fatalf("write %d to the hot key throttled: %v", i+1, rs)
		}
	}
	wantReason(t, admit1(&m, now, r, Write, hot, 1), "TableWriteKeyRangeThroughputExceeded", tableARN)
	if r.cur.units[Write] != 1000 || r.cur.units[Write] >= float64(r.settings.Write) {
		t.Fatalf("table consumed %v WCU, want 1000 (below its 5000)", r.cur.units[Write])
	}
	if rs := admit1(&m, now, r, Write, keyIn(r, 5), 1); rs != nil {
		t.Fatalf("a key of another partition throttled: %v", rs)
	}
	for range 3000 {
		if rs := admit1(&m, now, r, Read, hot, 1); rs != nil {
			t.Fatalf("reads of the hot key throttled before 3,000 RCU: %v", rs)
		}
	}
	wantReason(t, admit1(&m, now, r, Read, hot, 1), "TableReadKeyRangeThroughputExceeded", tableARN)
}

// Rule (Developer Guide, "Adaptive capacity"): a hot partition may use the
// table's unused throughput, beyond its share, up to the partition limit.
// Partitions never merge, so a table lowered from 10,000 WCU (and 1 RCU)
// to 100 WCU keeps its 11 partitions, each with a share of about 9 WCU.
func TestAdaptiveCapacity_HotPartitionUsesUnusedCapacity(t *testing.T) {
	for _, adaptive := range []bool{true, false} {
		var m Meter
		r := m.NewResource(Config{ARN: tableARN, NoAdaptive: !adaptive,
			Settings: Settings{Mode: Provisioned, Read: 1, Write: 10000}}, t0)
		r.Update(Settings{Mode: Provisioned, Read: 1, Write: 100}, t0)
		if len(r.parts) != 11 {
			t.Fatalf("partitions after the decrease: %d, want 11", len(r.parts))
		}
		hot := keyIn(r, 3)
		throttled := 0
		for s := 1; s <= 20; s++ {
			for j := range 50 {
				if admit1(&m, at(time.Duration(s)*time.Second+time.Duration(j)*time.Millisecond), r, Write, hot, 1) != nil {
					throttled++
				}
			}
		}
		if adaptive && throttled != 0 {
			t.Errorf("adaptive capacity on: 50 WCU/s on one partition of a 100-WCU table: %d throttled, want 0", throttled)
		}
		if !adaptive && throttled < 20*40 {
			t.Errorf("adaptive capacity off: %d of 1000 throttled, want at least 800 (share about 9 WCU/s)", throttled)
		}
	}
}

// Rule (Developer Guide, "Adaptive capacity": isolating frequently
// accessed items): when several hot keys share a partition, DynamoDB
// rebalances so that they no longer share it.
func TestAdaptiveCapacity_IsolatesFrequentlyAccessedItems(t *testing.T) {
	var m Meter
	r := provisioned(&m, 1, 3000)
	a, b := uint64(100), uint64(200) // both in the first partition
	if r.PartitionOf(a) != r.PartitionOf(b) {
		t.Fatal("test keys start in different partitions")
	}
	now := at(10 * time.Minute)
	for range 600 {
		admit1(&m, now, r, Write, a, 1)
	}
	for range 400 {
		admit1(&m, now, r, Write, b, 1)
	}
	wantReason(t, admit1(&m, now, r, Write, a, 1), "TableWriteKeyRangeThroughputExceeded", tableARN)
	if r.PartitionOf(a) == r.PartitionOf(b) {
		t.Fatal("the hot keys still share a partition after throttling")
	}
	last := r.splits[len(r.splits)-1]
	if last.Cause != "hot key" {
		t.Fatalf("last split cause %q, want hot key", last.Cause)
	}
	next := now + second
	for range 1000 {
		if rs := admit1(&m, next, r, Write, a, 1); rs != nil {
			t.Fatalf("isolated key a throttled: %v", rs)
		}
		if rs := admit1(&m, next, r, Write, b, 1); rs != nil {
			t.Fatalf("key b throttled after isolation: %v", rs)
		}
	}
}

// Rule (Developer Guide, "Using global secondary indexes": provisioned
// throughput considerations): a GSI without enough write capacity
// throttles writes to its base table, and the table consumes nothing.
func TestGSI_TooLittleWriteCapacityThrottlesBaseTable(t *testing.T) {
	var m Meter
	table := provisioned(&m, 100, 100)
	gsi := m.NewResource(Config{ARN: indexARN, Index: true, Settings: Settings{Mode: Provisioned, Read: 1, Write: 1}}, t0)
	now := at(time.Second) // the index's balance: 2 WCU
	write := func() []Reason {
		return m.Admit(now, []Charge{{R: table, Op: Write, Hash: 1, Units: 1}, {R: gsi, Op: Write, Hash: 9, Units: 1}})
	}
	for range 2 {
		if rs := write(); rs != nil {
			t.Fatalf("write throttled early: %v", rs)
		}
	}
	before := table.burst[Write]
	rs := write()
	wantReason(t, rs, "IndexWriteProvisionedThroughputExceeded", indexARN)
	if table.burst[Write] != before || table.cur.units[Write] != 2 {
		t.Fatalf("the throttled write consumed table capacity: balance %v → %v, used %v", before, table.burst[Write], table.cur.units[Write])
	}
	e := ThrottleError(rs)
	if e.Type != "ProvisionedThroughputExceededException" || e.Status != 400 || !strings.Contains(e.Message, "global secondary indexes") {
		t.Fatalf("error = %v (status %d)", e, e.Status)
	}
}

// Rule (Developer Guide, "On-demand capacity mode": peak traffic and
// scaling): a new on-demand table serves up to 4,000 WCU / 12,000 RCU at
// once, then up to twice its previous peak; OnDemandThroughput maximums
// and the per-table quota (40,000) cap it.
func TestOnDemand_DoublingAndCeilings(t *testing.T) {
	t.Run("doubling", func(t *testing.T) {
		var m Meter
		r := m.NewResource(Config{ARN: tableARN, Settings: Settings{Mode: OnDemand}}, t0)
		if len(r.parts) != 8 {
			t.Fatalf("new on-demand table: %d partitions, want 8", len(r.parts))
		}
		limit := 4000.0
		for s := range 5 {
			now := at(time.Duration(s) * time.Second)
			served := fill(&m, now, r, Write, 100)
			if served != min(limit, TableQuota) {
				t.Fatalf("second %d: served %v WCU, want %v", s, served, min(limit, TableQuota))
			}
			limit *= 2
		}
	})
	t.Run("maximum", func(t *testing.T) {
		var m Meter
		r := m.NewResource(Config{ARN: tableARN, Settings: Settings{Mode: OnDemand, MaxWrite: 6000}}, t0)
		fill(&m, t0, r, Write, 100)
		if got := fill(&m, at(time.Second), r, Write, 100); got != 6000 {
			t.Fatalf("served %v with MaxWriteRequestUnits 6000", got)
		}
		wantReason(t, admit1(&m, at(time.Second), r, Write, keyIn(r, 0), 1), "TableWriteMaxOnDemandThroughputExceeded", tableARN)
	})
	t.Run("quota", func(t *testing.T) {
		var m Meter
		r := m.NewResource(Config{ARN: tableARN, Settings: Settings{Mode: OnDemand}}, t0)
		for s := range 4 {
			fill(&m, at(time.Duration(s)*time.Second), r, Write, 100)
		}
		now := at(4 * time.Second)
		if got := fill(&m, now, r, Write, 100); got != TableQuota {
			t.Fatalf("served %v, want the 40,000 quota", got)
		}
		rs := admit1(&m, now, r, Write, keyIn(r, 1), 1)
		wantReason(t, rs, "TableWriteAccountLimitExceeded", tableARN)
		if e := ThrottleError(rs); e.Type != "RequestLimitExceeded" {
			t.Fatalf("error type %s, want RequestLimitExceeded", e.Type)
		}
	})
}

// fill sends chunks of units to every partition in turn, at most 900 per
// partition (below its limit), until the resource refuses one, and
// returns what it served.
func fill(m *Meter, now int64, r *Resource, op Op, chunk float64) float64 {
	served := 0.0
	r.Info(now) // start the second: an on-demand table may split
	for round := 0; round < 9; round++ {
		for i := 0; i < len(r.parts); i++ {
			if admit1(m, now, r, op, keyIn(r, i), chunk) != nil {
				return served
			}
			served += chunk
		}
	}
	return served
}

// Rule (Developer Guide, "Partitions and data distribution"): a table
// gets enough partitions for its throughput; raising throughput beyond
// what they serve splits them; they never merge.
func TestSplit_OnThroughputIncrease(t *testing.T) {
	var m Meter
	r := provisioned(&m, 6000, 1000)
	if len(r.parts) != 3 {
		t.Fatalf("6,000 RCU + 1,000 WCU: %d partitions, want 3", len(r.parts))
	}
	r.Update(Settings{Mode: Provisioned, Read: 6000, Write: 4000}, at(time.Hour))
	if len(r.parts) != 6 {
		t.Fatalf("after raising to 4,000 WCU: %d partitions, want 6", len(r.parts))
	}
	for _, s := range r.splits {
		if s.Cause != "throughput" || len(s.Children) != 2 {
			t.Fatalf("split %+v", s)
		}
	}
	checkCover(t, r)
	r.Update(Settings{Mode: Provisioned, Read: 1, Write: 1}, at(2*time.Hour))
	if len(r.parts) != 6 {
		t.Fatalf("after a decrease: %d partitions, want still 6", len(r.parts))
	}
}

// checkCover checks that the partitions cover the hash space in order.
func checkCover(t *testing.T, r *Resource) {
	t.Helper()
	if r.parts[0].lo != 0 || r.parts[len(r.parts)-1].hi != math.MaxUint64 {
		t.Fatalf("partitions do not cover the hash space: %d…%d", r.parts[0].lo, r.parts[len(r.parts)-1].hi)
	}
	for i := 1; i < len(r.parts); i++ {
		if r.parts[i].lo != r.parts[i-1].hi+1 {
			t.Fatalf("gap or overlap between partitions %d and %d", i-1, i)
		}
	}
}

// hashStore is a Store holding items of 100 bytes at the given hashes,
// counting its Sizes calls, and keeping the bounds Follow gives it.
type hashStore struct {
	hashes []uint64
	calls  int
	bounds []uint64
}

func (s *hashStore) Bytes(string) int64 { return int64(100 * len(s.hashes)) }

func (s *hashStore) Sizes(_ string, bounds []uint64) []Size {
	s.calls++
	sizes := make([]Size, len(bounds))
	for _, h := range s.hashes {
		i := 0
		for i+1 < len(bounds) && bounds[i+1] <= h {
			i++
		}
		sizes[i].Items++
		sizes[i].Bytes += 100
		sizes[i].Collections++
	}
	return sizes
}

func (s *hashStore) Ranges(string) int { return max(len(s.bounds), 1) }

func (s *hashStore) SetBounds(_ string, b []uint64) { s.bounds = b }

// Rule (Developer Guide, "Partitions and data distribution"): a partition
// holds about 10 GB; DynamoDB splits one that grows past it. The store
// then counts under the new partitions (Follow), and Info reports them.
func TestSplit_OnSize(t *testing.T) {
	var m Meter
	// 40 items of 100 bytes spread over the hash space: 4,000 bytes.
	store := &hashStore{}
	for i := range 40 {
		store.hashes = append(store.hashes, uint64(i)*(math.MaxUint64/40))
	}
	r := m.NewResource(Config{ARN: tableARN, PartitionBytes: 1000, Store: store,
		Settings: Settings{Mode: Provisioned, Read: 5, Write: 5}}, t0)
	r.CheckSize(at(time.Second))
	if len(r.parts) < 4 {
		t.Fatalf("4,000 bytes with a 1,000-byte limit: %d partitions", len(r.parts))
	}
	for i, s := range store.Sizes("", r.bounds()) {
		if s.Bytes > 1000 {
			t.Errorf("partition %d holds %d bytes after splitting", i, s.Bytes)
		}
	}
	checkCover(t, r)
	n := store.calls
	r.CheckSize(at(time.Second))
	if store.calls != n {
		t.Fatalf("CheckSize walked the table again within the second (%d → %d calls)", n, store.calls)
	}
	store.hashes = store.hashes[:9]
	r.CheckSize(at(2 * time.Second))
	if store.calls != n {
		t.Fatalf("CheckSize asked for sizes while the table is under the limit (%d → %d calls)", n, store.calls)
	}
	r.Follow()
	if len(store.bounds) != len(r.parts) || store.bounds[1] != r.parts[1].lo {
		t.Fatalf("after Follow the store counts under %v, the partitions start at %v", store.bounds, r.bounds())
	}
	var items int64
	for _, p := range r.Info(at(2 * time.Second)).Partitions {
		items += p.Items
	}
	if items != 9 {
		t.Fatalf("Info reports %d items, the store holds 9", items)
	}
}

// Rule (issue: "which partition a key lands in is deterministic and
// queryable"): the same hash always lands in the same partition.
func TestPartitionOf_Deterministic(t *testing.T) {
	var m1, m2 Meter
	a, b := provisioned(&m1, 12000, 4000), provisioned(&m2, 12000, 4000)
	for _, h := range []uint64{0, 1, 1 << 63, math.MaxUint64, 0x9e3779b97f4a7c15} {
		if a.PartitionOf(h) != b.PartitionOf(h) {
			t.Errorf("hash %x: partition %d and %d", h, a.PartitionOf(h), b.PartitionOf(h))
		}
	}
	if a.PartitionOf(0) != 0 || a.PartitionOf(math.MaxUint64) != 7 {
		t.Errorf("ends of the hash space in partitions %d and %d, want 0 and 7", a.PartitionOf(0), a.PartitionOf(math.MaxUint64))
	}
}

// Admit is all or nothing: a refused charge undoes the others.
func TestAdmit_AllOrNothing(t *testing.T) {
	var m Meter
	r := provisioned(&m, 5, 5)
	now := at(time.Second)
	before := r.burst
	rs := m.Admit(now, []Charge{{R: r, Op: Write, Hash: 1, Units: 3}, {R: r, Op: Write, Hash: 1, Units: 990}})
	if rs != nil {
		t.Fatalf("a debt request was refused with a positive balance: %v", rs)
	}
	rs = m.Admit(now, []Charge{{R: r, Op: Read, Hash: 1, Units: 1}, {R: r, Op: Write, Hash: 1, Units: 1}})
	wantReason(t, rs, "TableWriteProvisionedThroughputExceeded", tableARN)
	if r.burst[Read] != before[Read]+5 || r.cur.units[Read] != 0 {
		t.Fatalf("the refused request consumed reads: balance %v, used %v", r.burst[Read], r.cur.units[Read])
	}
	in := r.Info(now)
	if s := in.Partitions[0].Seconds; len(s) != 1 || s[0].ThrottledWrite != 1 || s[0].ConsumedWrite != 993 {
		t.Fatalf("history %+v, want 993 consumed and 1 throttled WCU", s)
	}
}

// Rule (issue: metrics for the last 15 minutes of virtual time).
func TestInfo_KeepsFifteenMinutes(t *testing.T) {
	var m Meter
	r := provisioned(&m, 100, 100)
	admit1(&m, at(time.Second), r, Read, 1, 2)
	admit1(&m, at(2*time.Second), r, Write, 1, 3)
	in := r.Info(at(10 * time.Second))
	if s := in.Partitions[0].Seconds; len(s) != 2 || s[0].ConsumedRead != 2 || s[1].ConsumedWrite != 3 {
		t.Fatalf("history %+v", s)
	}
	in = r.Info(at(901*time.Second + time.Millisecond))
	if s := in.Partitions[0].Seconds; len(s) != 1 || s[0].At != at(2*time.Second)/second {
		t.Fatalf("history after 15 minutes %+v, want only the second at 2 s", s)
	}
	if in.Burst[Write] != 100*BurstSeconds {
		t.Fatalf("burst balance %v, want the full 300 s", in.Burst[Write])
	}
	var v map[string]any
	if err := json.Unmarshal(in.AppendJSON(nil), &v); err != nil {
		t.Fatalf("AppendJSON: %v", err)
	}
	parts := v["partitions"].([]any)
	if p := parts[0].(map[string]any); p["lo"] != "0000000000000000" || p["hi"] != "ffffffffffffffff" {
		t.Fatalf("partition JSON %v", p)
	}
}

// Rule (Developer Guide, "Quotas": decreasing provisioned throughput): up
// to four decreases at any time in a UTC day, then one more per hour
// without a decrease, so at most 27 a day.
func TestDecreaseAllowed(t *testing.T) {
	var today, last int64
	n := 0
	day := t0
	for now := day; now < day+24*hour; now += int64(time.Minute) {
		if DecreaseAllowed(today, last, now) {
			today++
			last = now
			n++
		}
	}
	if n != 27 {
		t.Fatalf("decreases in a day at the fastest pace: %d, want 27", n)
	}
	if DecreaseAllowed(4, t0, t0+int64(59*time.Minute)) || !DecreaseAllowed(4, t0, t0+hour) {
		t.Fatal("the fifth decrease must wait one hour after the fourth")
	}
	e := DecreaseLimitError(4, time.Date(2020, 1, 1, 2, 19, 11, 0, time.UTC).UnixNano())
	want := "Number of decreases today: 4. Last decrease at Wednesday, January 1, 2020 2:19:11 AM UTC. Next decrease can be made at Wednesday, January 1, 2020 3:19:11 AM UTC"
	if e.Type != "LimitExceededException" || !strings.HasSuffix(e.Message, want) {
		t.Fatalf("error %v", e)
	}
}

// Rule (Developer Guide, "Considerations when switching capacity modes"):
// provisioned to on-demand up to four times in a 24-hour rolling window.
func TestSwitchAllowed(t *testing.T) {
	var switches []int64
	for i := range 4 {
		now := at(time.Duration(i) * time.Hour)
		if !SwitchAllowed(switches, now) {
			t.Fatalf("switch %d refused", i+1)
		}
		switches = append(switches, now)
	}
	if SwitchAllowed(switches, at(23*time.Hour)) {
		t.Fatal("a fifth switch within 24 hours was allowed")
	}
	if !SwitchAllowed(switches, at(24*time.Hour)) {
		t.Fatal("a switch 24 hours after the first was refused")
	}
}

func TestThrottleError_Body(t *testing.T) {
	e := ThrottleError([]Reason{{Reason: "TableWriteProvisionedThroughputExceeded", Resource: tableARN}})
	b, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ThrottlingReasons":[{"reason":"TableWriteProvisionedThroughputExceeded","resource":"` + tableARN +
		`"}],"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."}`
	if string(b) != want {
		t.Fatalf("body\n%s\nwant\n%s", b, want)
	}
}

// Rule (API Reference, ThrottlingReason; Developer Guide, "Error handling
// with DynamoDB": error messages and codes): a reason is ResourceType
// (Table, Index) + OperationType (Read, Write) + LimitType, the resource
// is the table's or index's ARN, and the exception is
// ProvisionedThroughputExceededException on a provisioned table or index,
// ThrottlingException on an on-demand one ("for tables using on-demand
// mode … any data plane API operation", with reasons such as
// TableReadKeyRangeThroughputExceeded or
// IndexWriteMaxOnDemandThroughputExceeded), and RequestLimitExceeded for
// the account's per-table quota, each HTTP 400 with its message.
func TestThrottleError_DeveloperGuide(t *testing.T) {
	cases := []struct {
		mode             Mode
		index            bool
		op               Op
		why              string
		reason, typ, msg string
	}{
		{Provisioned, false, Write, limitProvisioned, "TableWriteProvisionedThroughputExceeded", "ProvisionedThroughputExceededException", msgTableThrottled},
		{Provisioned, true, Read, limitProvisioned, "IndexReadProvisionedThroughputExceeded", "ProvisionedThroughputExceededException", msgIndexThrottled},
		{Provisioned, false, Read, limitKeyRange, "TableReadKeyRangeThroughputExceeded", "ProvisionedThroughputExceededException", msgTableThrottled},
		{Provisioned, true, Write, limitKeyRange, "IndexWriteKeyRangeThroughputExceeded", "ProvisionedThroughputExceededException", msgIndexThrottled},
		{OnDemand, false, Read, limitKeyRange, "TableReadKeyRangeThroughputExceeded", "ThrottlingException", msgOnDemand},
		{OnDemand, true, Read, limitKeyRange, "IndexReadKeyRangeThroughputExceeded", "ThrottlingException", msgOnDemand},
		{OnDemand, false, Read, limitMaxOnDemand, "TableReadMaxOnDemandThroughputExceeded", "ThrottlingException", "Rate of requests exceeds the allowed throughput."},
		{OnDemand, true, Write, limitMaxOnDemand, "IndexWriteMaxOnDemandThroughputExceeded", "ThrottlingException", "Rate of requests exceeds the allowed throughput."},
		{OnDemand, false, Write, limitAccount, "TableWriteAccountLimitExceeded", "RequestLimitExceeded",
			"Throughput exceeds the current throughput limit for your account. To request a limit increase, contact AWS Support at https://aws.amazon.com/support."},
		{OnDemand, true, Read, limitAccount, "IndexReadAccountLimitExceeded", "RequestLimitExceeded", msgAccount},
	}
	for _, c := range cases {
		var m Meter
		arn := tableARN
		if c.index {
			arn = indexARN
		}
		r := m.NewResource(Config{ARN: arn, Index: c.index, Settings: Settings{Mode: c.mode, Read: 1, Write: 1}}, t0)
		reason := r.reason(c.op, c.why)
		if reason.Reason != c.reason || reason.Resource != arn {
			t.Errorf("%+v: reason %q on %q, want %q on %q", c, reason.Reason, reason.Resource, c.reason, arn)
			continue
		}
		e := ThrottleError([]Reason{reason})
		if e.Type != c.typ || e.Message != c.msg || e.Status != 400 {
			t.Errorf("%s: %s (HTTP %d) %q, want %s %q", c.reason, e.Type, e.Status, e.Message, c.typ, c.msg)
		}
		// The service model's member name: throttlingReasons in
		// ThrottlingException, ThrottlingReasons in the others.
		field := "ThrottlingReasons"
		if c.typ == "ThrottlingException" {
			field = "throttlingReasons"
		}
		if list, ok := e.Fields[field].([]any); !ok || len(list) != 1 || len(e.Fields) != 1 {
			t.Errorf("%s: fields %v, want the reasons under %s only", c.reason, e.Fields, field)
		}
	}
}

// BenchmarkAdmit is the metering added to each request when throughput
// is enforced: one charge on a provisioned table of 4 partitions.
func BenchmarkAdmit(b *testing.B) {
	var m Meter
	r := provisioned(&m, 12000, 4000)
	c := []Charge{{R: r, Op: Write, Units: 1}}
	now := t0
	b.ReportAllocs()
	for b.Loop() {
		now += 1e6 // 1 ms: a thousand requests a second, within the table's limits
		c[0].Hash = uint64(now) * 0x9e3779b97f4a7c15
		if m.Admit(now, c) != nil {
			b.Fatal("throttled")
		}
	}
}

// The observability API's answer is JSON with the clock in milliseconds,
// the replication state and each resource's partitions with their items,
// bytes and itemCollections (the names the page reads).
func TestReport_AppendJSON(t *testing.T) {
	var m Meter
	store := &hashStore{hashes: []uint64{1, 2, 3}}
	r := m.NewResource(Config{ARN: tableARN, Store: store, Settings: Settings{Mode: Provisioned, Read: 5, Write: 5}}, t0)
	rep := Report{Now: t0, Throttle: true, Lag: 250e6, Tables: []TableReport{{Name: "Tbl", Versions: 2, Resources: []Info{r.Info(t0)}}}}
	var got struct {
		Now          int64   `json:"now"`
		Throttle     bool    `json:"throttle"`
		ReplicaLagMs float64 `json:"replicaLagMs"`
		Tables       []struct {
			Table       string `json:"table"`
			Replication struct {
				Replicas    int   `json:"replicas"`
				LaggingAsOf int64 `json:"laggingAsOf"`
				Versions    int   `json:"versions"`
			} `json:"replication"`
			Resources []struct {
				Arn        string `json:"arn"`
				Partitions []struct {
					Items           int64 `json:"items"`
					Bytes           int64 `json:"bytes"`
					ItemCollections int64 `json:"itemCollections"`
				} `json:"partitions"`
			} `json:"resources"`
		} `json:"tables"`
	}
	b := rep.AppendJSON(nil)
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	tb := got.Tables[0]
	if got.Now != t0/1e6 || !got.Throttle || got.ReplicaLagMs != 250 || tb.Table != "Tbl" || tb.Replication.Replicas != 3 ||
		tb.Replication.LaggingAsOf != (t0-250e6)/1e6 || tb.Replication.Versions != 2 {
		t.Fatalf("report %s", b)
	}
	p := tb.Resources[0].Partitions[0]
	if tb.Resources[0].Arn != tableARN || p.Items != 3 || p.Bytes != 300 || p.ItemCollections != 3 {
		t.Fatalf("resource %s", b)
	}
}

// A resource keeps its own per-second history — units, requests served
// and throttled (once per request, however many charges it made), the
// burst balance — and it outlives a partition that splits.
func TestHistory_CountsRequestsAndOutlivesSplits(t *testing.T) {
	var m Meter
	r := provisioned(&m, 10, 10)
	s1 := at(time.Second)
	// One request charging two index entries on the same partition, one
	// on another: one write request on each partition and on r.
	if rs := m.Admit(s1, []Charge{{R: r, Op: Write, Hash: 1, Units: 2}, {R: r, Op: Write, Hash: 1, Units: 1}}); rs != nil {
		t.Fatal(rs)
	}
	admit1(&m, s1, r, Read, 2, 0.5)
	r.burst[Write] = 0 // spent: the next write is throttled
	wantReason(t, m.Admit(s1, []Charge{{R: r, Op: Write, Hash: 1, Units: 1}, {R: r, Op: Write, Hash: 1, Units: 1}}), "TableWriteProvisionedThroughputExceeded", tableARN)
	burst := r.burst
	r.halve(0, s1, "size") // partition 0 splits: its history goes with it
	s2 := at(2 * time.Second)
	admit1(&m, s2, r, Read, 3, 1)
	h := r.History(s2, 0)
	want := []Second{
		{At: s1 / second, ConsumedRead: 0.5, ConsumedWrite: 3, ThrottledWrite: 2, ReadRequests: 1, WriteRequests: 1,
			ThrottledWriteRequests: 1, BurstRead: burst[Read], BurstWrite: burst[Write]},
		{At: s2 / second, ConsumedRead: 1, ReadRequests: 1, BurstRead: r.burst[Read], BurstWrite: r.burst[Write]},
	}
	if len(h) != 2 || h[0] != want[0] || h[1] != want[1] {
		t.Fatalf("history\n%+v\nwant\n%+v", h, want)
	}
	if h := r.History(s2, s2/second); len(h) != 1 || h[0].At != s2/second {
		t.Errorf("history from the second second: %+v", h)
	}
	in := r.Info(s2)
	if len(in.Seconds) != 2 || len(in.Partitions) != 2 || len(in.Partitions[0].Seconds) != 1 {
		t.Fatalf("info: %d seconds, %d partitions (first with %d seconds): want 2, 2 and 1 (after the split)",
			len(in.Seconds), len(in.Partitions), len(in.Partitions[0].Seconds))
	}
	var v map[string]any
	if err := json.Unmarshal(in.AppendJSON(nil), &v); err != nil {
		t.Fatal(err)
	}
	sec := v["seconds"].([]any)[1].(map[string]any)
	if _, ok := sec["throttledWrite"]; ok || sec["readRequests"] != 1.0 || sec["consumedRead"] != 1.0 {
		t.Errorf("JSON second %v: want zeros left out", sec)
	}
}

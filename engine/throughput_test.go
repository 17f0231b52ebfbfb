package engine

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// The large-table rules, through Handle on a paused virtual clock. Each
// test names the documented rule it checks (README, "Large tables").

var ltStart = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// ltDB returns a DB with throughput enforced (and the given options) whose
// clock is paused at ltStart.
func ltDB(t *testing.T, opts Options) *DB {
	t.Helper()
	opts.Now = func() time.Time { return ltStart }
	db := New(opts)
	db.Clock().Pause()
	return db
}

// ltTable creates table name with partition key pk (S), sort key sk (N),
// and the given extra CreateTable members (billing, throughput, GSIs).
func ltTable(t *testing.T, db *DB, name, extra string) {
	t.Helper()
	defs := `{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}`
	if strings.Contains(extra, "GlobalSecondaryIndexes") {
		defs += `,{"AttributeName":"g","AttributeType":"S"}`
	}
	createActive(t, db, `{"TableName":"`+name+`","AttributeDefinitions":[`+defs+`],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]`+extra+`}`)
}

const provisioned1 = `,"BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}`

func provisionedRW(r, w int) string {
	return `,"BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":` + strconv.Itoa(r) +
		`,"WriteCapacityUnits":` + strconv.Itoa(w) + `}`
}

// put writes a small item (one WCU) and returns the error, if any.
func put(db *DB, table, pk string, sk int) error {
	_, err := db.Handle("PutItem", []byte(`{"TableName":"`+table+`","Item":{"pk":{"S":"`+pk+`"},"sk":{"N":"`+strconv.Itoa(sk)+`"}}}`))
	return err
}

// wantThrottle checks err is a throttling error (HTTP 400) with exactly
// one ThrottlingReason: ProvisionedThroughputExceededException, or
// ThrottlingException for an on-demand maximum (Developer Guide, "Error
// messages and codes").
func wantThrottle(t *testing.T, err error, reason, resource string) {
	t.Helper()
	typ := "ProvisionedThroughputExceededException"
	if strings.HasSuffix(reason, "MaxOnDemandThroughputExceeded") {
		typ = "ThrottlingException"
	}
	if err == nil {
		t.Fatalf("no error, want %s (%s)", typ, reason)
	}
	de, ok := err.(*ddberr.Error)
	if !ok {
		t.Fatalf("error %v is not a DynamoDB error", err)
	}
	body, _ := de.MarshalJSON()
	var got struct {
		Type    string `json:"__type"`
		Reasons []struct {
			Reason   string `json:"reason"`
			Resource string `json:"resource"`
		} `json:"ThrottlingReasons"`
		Lower []struct {
			Reason   string `json:"reason"`
			Resource string `json:"resource"`
		} `json:"throttlingReasons"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if typ == "ThrottlingException" {
		// The service model spells its member throttlingReasons.
		got.Reasons, got.Lower = got.Lower, got.Reasons
	}
	if got.Lower != nil {
		t.Fatalf("error body %s: reasons under both spellings, or the wrong one for %s", body, typ)
	}
	if !strings.HasSuffix(got.Type, "#"+typ) || len(got.Reasons) != 1 ||
		got.Reasons[0].Reason != reason || got.Reasons[0].Resource != resource {
		t.Fatalf("error body %s, want %s on %s", body, reason, resource)
	}
	if de.Status != 400 {
		t.Fatalf("status %d, want 400", de.Status)
	}
}

const arnT = "arn:aws:dynamodb:us-east-1:000000000000:table/Tbl"

// Rule: with enforcement off (the native default, like DynamoDB Local)
// nothing is throttled — ten 293-WCU writes on a 1-WCU table all succeed.
func TestThrottle_OffByDefault(t *testing.T) {
	db := New(Options{Now: func() time.Time { return ltStart }})
	ltTable(t, db, "Tbl", provisioned1)
	big := strings.Repeat("x", 293*1024-100)
	for i := range 10 {
		coreCall(t, db, "PutItem", `{"TableName":"Tbl","Item":{"pk":{"S":"k"},"sk":{"N":"`+strconv.Itoa(i)+`"},"b":{"S":"`+big+`"}}}`)
	}
}

// Rule (Developer Guide, "Burst capacity"): unused capacity is kept for up
// to 300 seconds; a burst uses it, then requests are throttled with
// TableWriteProvisionedThroughputExceeded, and nothing is written.
func TestThrottle_BurstUpTo300SecondsThenThrottles(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisioned1)
	db.Clock().Step(10 * time.Minute)
	for i := range 300 {
		if err := put(db, "Tbl", "k"+strconv.Itoa(i), i); err != nil {
			t.Fatalf("write %d of the 300-second burst: %v", i+1, err)
		}
	}
	wantThrottle(t, put(db, "Tbl", "late", 1), "TableWriteProvisionedThroughputExceeded", arnT)
	db.SetThrottle(false)
	if got := coreCall(t, db, "GetItem", `{"TableName":"Tbl","Key":{"pk":{"S":"late"},"sk":{"N":"1"}}}`); got["Item"] != nil {
		t.Fatal("the throttled write was stored")
	}
}

// Rule (Developer Guide, "Provisioned capacity mode"): a steady rate just
// under the provisioned throughput never throttles; just over it, it
// eventually does.
func TestThrottle_SteadyRateUnderAndOver(t *testing.T) {
	for _, c := range []struct {
		perSecond int
		throttles bool
	}{{4, false}, {6, true}} {
		db := ltDB(t, Options{Throttle: true})
		ltTable(t, db, "Tbl", provisionedRW(1, 5))
		throttled := 0
		for s := range 600 {
			for j := range c.perSecond {
				if err := put(db, "Tbl", "k"+strconv.Itoa(j), s); err != nil {
					throttled++
				}
				db.Clock().Step(time.Second / time.Duration(c.perSecond))
			}
		}
		if (throttled > 0) != c.throttles {
			t.Errorf("%d WCU/s on a 5-WCU table for 600 s: %d writes throttled", c.perSecond, throttled)
		}
	}
}

// Rule (Developer Guide, "Partitions and data distribution"; throttling
// guide, KeyRangeThroughputExceeded): one partition key is served at most
// 1,000 WCU per second, even while the table uses far less than its
// provisioned throughput.
func TestThrottle_HotPartitionKeyAt1000WCU(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisionedRW(1, 5000))
	db.Clock().Step(time.Minute)
	for i := range 1000 {
		if err := put(db, "Tbl", "hot", i); err != nil {
			t.Fatalf("write %d to the hot key: %v", i+1, err)
		}
	}
	wantThrottle(t, put(db, "Tbl", "hot", 1000), "TableWriteKeyRangeThroughputExceeded", arnT)
	hot, _ := db.PartitionOf("Tbl", "", attr.S("hot"))
	cold := "cold"
	for i := 0; ; i++ {
		if p, _ := db.PartitionOf("Tbl", "", attr.S(cold)); p != hot {
			break
		}
		cold = "cold" + strconv.Itoa(i)
	}
	if err := put(db, "Tbl", cold, 1); err != nil {
		t.Fatalf("a key of another partition (table at 1,000 of 5,000 WCU): %v", err)
	}
}

// Rule (Developer Guide, "Adaptive capacity"): a hot partition may use
// the table's unused throughput beyond its share. A table lowered from
// 10,000 to 100 WCU keeps its partitions (they never merge); one of them
// still serves 60 WCU/s.
func TestThrottle_AdaptiveCapacityUsesUnusedThroughput(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisionedRW(1, 10000))
	coreCall(t, db, "UpdateTable", `{"TableName":"Tbl","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":100}}`)
	for s := range 30 {
		for j := range 60 {
			if err := put(db, "Tbl", "hot", s*100+j); err != nil {
				t.Fatalf("second %d, write %d: %v", s, j, err)
			}
		}
		db.Clock().Step(time.Second)
	}
}

// Rule (Developer Guide, "Provisioned throughput considerations for
// GSIs"): a GSI without enough write capacity throttles writes to its
// base table (IndexWriteProvisionedThroughputExceeded on the index).
func TestThrottle_GSIWriteCapacityThrottlesBaseTable(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisionedRW(100, 100)+`,"GlobalSecondaryIndexes":[{"IndexName":"Gix",
		"KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},
		"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]`)
	db.Clock().Step(2 * time.Second) // the index has 3 WCU of burst
	var err error
	n := 0
	for ; n < 10; n++ {
		_, err = db.Handle("PutItem", []byte(`{"TableName":"Tbl","Item":{"pk":{"S":"k`+strconv.Itoa(n)+`"},"sk":{"N":"1"},"g":{"S":"x"}}}`))
		if err != nil {
			break
		}
	}
	if n != 3 {
		t.Fatalf("%d writes went through before the index throttled, want 3", n)
	}
	wantThrottle(t, err, "IndexWriteProvisionedThroughputExceeded", arnT+"/index/Gix")
	if !strings.Contains(err.Error(), "global secondary indexes") {
		t.Fatalf("message %q", err)
	}
	// A write the index does not hold (no g) is not throttled by it.
	if err := put(db, "Tbl", "plain", 1); err != nil {
		t.Fatalf("write outside the index: %v", err)
	}
}

// Rule (API Reference, BatchWriteItem and BatchGetItem): throttled
// requests come back in UnprocessedItems / UnprocessedKeys; the call fails
// with ProvisionedThroughputExceededException only when every request is
// throttled.
func TestThrottle_BatchUnprocessed(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisionedRW(1, 1))
	db.Clock().Step(9 * time.Second) // 10 WCU and 10 RCU of balance
	var reqs []string
	for i := range 25 {
		reqs = append(reqs, `{"PutRequest":{"Item":{"pk":{"S":"k`+strconv.Itoa(i)+`"},"sk":{"N":"1"}}}}`)
	}
	out := coreCall(t, db, "BatchWriteItem", `{"RequestItems":{"Tbl":[`+strings.Join(reqs, ",")+`]}}`)
	un := out["UnprocessedItems"].(map[string]any)["Tbl"].([]any)
	if len(un) != 15 {
		t.Fatalf("%d unprocessed items, want 15 (10 WCU of balance)", len(un))
	}
	again, _ := json.Marshal(map[string]any{"RequestItems": map[string]any{"Tbl": un}})
	wantThrottle(t, func() error { _, err := db.Handle("BatchWriteItem", again); return err }(),
		"TableWriteProvisionedThroughputExceeded", arnT)
	db.Clock().Step(15 * time.Second)
	out = coreCall(t, db, "BatchWriteItem", string(again))
	if len(out["UnprocessedItems"].(map[string]any)) != 0 {
		t.Fatalf("retry after 15 s left %v", out["UnprocessedItems"])
	}

	var keys []string
	for i := range 30 {
		keys = append(keys, `{"pk":{"S":"k`+strconv.Itoa(i)+`"},"sk":{"N":"1"}}`)
	}
	// Strongly consistent reads of small items: one RCU each; the balance
	// is 1 RCU a second since creation, 25 by now.
	out = coreCall(t, db, "BatchGetItem", `{"RequestItems":{"Tbl":{"ConsistentRead":true,"Keys":[`+strings.Join(keys[:30], ",")+`]}}}`)
	got := len(out["Responses"].(map[string]any)["Tbl"].([]any))
	left := len(out["UnprocessedKeys"].(map[string]any)["Tbl"].(map[string]any)["Keys"].([]any))
	if got != 25 || left != 5 {
		t.Fatalf("BatchGetItem: %d items, %d unprocessed keys; want 25 and 5", got, left)
	}
}

// Rule (Developer Guide, "On-demand capacity mode", initial throughput and
// peak traffic): a new on-demand table serves 4,000 WCU at once, then up
// to twice its previous peak.
func TestThrottle_OnDemandDoubling(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", `,"BillingMode":"PAY_PER_REQUEST"`)
	// Writes to 20,000 different keys: partitions that reach 1,000 WCU
	// refuse theirs, the others serve until the table's limit.
	served := func() int {
		n := 0
		for i := range 20000 {
			err := put(db, "Tbl", "k"+strconv.Itoa(i), 1)
			if err == nil {
				n++
			} else if !isThrottle(err) {
				t.Fatal(err)
			}
		}
		return n
	}
	if n := served(); n != 4000 {
		t.Fatalf("first second: %d WCU served, want 4,000", n)
	}
	db.Clock().Step(time.Second)
	if n := served(); n != 8000 {
		t.Fatalf("second second: %d WCU served, want 8,000 (twice the peak)", n)
	}
}

// Rule (Developer Guide, "Quotas", decreasing provisioned throughput): four
// decreases at any time in a UTC day, then one per hour without a
// decrease; NumberOfDecreasesToday counts them.
func TestUpdateTable_DecreaseLimits(t *testing.T) {
	db := ltDB(t, Options{})
	ltTable(t, db, "Tbl", provisionedRW(100, 100))
	set := func(w int) error {
		_, err := db.Handle("UpdateTable", []byte(`{"TableName":"Tbl","ProvisionedThroughput":{"ReadCapacityUnits":100,"WriteCapacityUnits":`+strconv.Itoa(w)+`}}`))
		if err == nil {
			waitActive(t, db, "Tbl") // UPDATING for 2 s
		}
		return err
	}
	for i := range 4 {
		if err := set(50 - i); err != nil {
			t.Fatalf("decrease %d: %v", i+1, err)
		}
	}
	if err := set(200); err != nil {
		t.Fatalf("an increase after four decreases: %v", err)
	}
	err := set(40)
	if err == nil || !strings.Contains(err.Error(), "LimitExceededException: Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day.") ||
		!strings.Contains(err.Error(), "Number of decreases today: 4. Last decrease at Sunday, March 1, 2026 12:00:06 PM UTC. Next decrease can be made at Sunday, March 1, 2026 1:00:06 PM UTC") {
		t.Fatalf("fifth decrease within the hour: %v", err)
	}
	db.Clock().Step(time.Hour)
	if err := set(40); err != nil {
		t.Fatalf("a decrease one hour later: %v", err)
	}
	d := coreCall(t, db, "DescribeTable", `{"TableName":"Tbl"}`)["Table"].(map[string]any)["ProvisionedThroughput"].(map[string]any)
	if d["NumberOfDecreasesToday"] != 5.0 || d["LastIncreaseDateTime"] == nil || d["LastDecreaseDateTime"] == nil {
		t.Fatalf("ProvisionedThroughput %v", d)
	}
}

// Rule (Developer Guide, "Considerations when switching capacity modes"):
// provisioned to on-demand up to four times in a 24-hour rolling window;
// back to provisioned at any time.
func TestUpdateTable_SwitchToOnDemandLimit(t *testing.T) {
	db := ltDB(t, Options{})
	ltTable(t, db, "Tbl", provisionedRW(5, 5))
	toOnDemand := func() error {
		_, err := db.Handle("UpdateTable", []byte(`{"TableName":"Tbl","BillingMode":"PAY_PER_REQUEST"}`))
		if err == nil {
			waitActive(t, db, "Tbl")
		}
		return err
	}
	back := func() {
		coreCall(t, db, "UpdateTable", `{"TableName":"Tbl","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}`)
		waitActive(t, db, "Tbl")
	}
	for i := range 4 {
		if err := toOnDemand(); err != nil {
			t.Fatalf("switch %d: %v", i+1, err)
		}
		back()
		db.Clock().Step(time.Hour)
	}
	if err := toOnDemand(); err == nil || !strings.HasPrefix(err.Error(), "LimitExceededException:") {
		t.Fatalf("fifth switch within 24 hours: %v", err)
	}
	db.Clock().Step(21 * time.Hour)
	if err := toOnDemand(); err != nil {
		t.Fatalf("a switch 24 hours after the first: %v", err)
	}
}

// capacityState decodes CapacityJSON for one table.
type capacityState struct {
	Tables []struct {
		Replication struct {
			Versions int `json:"versions"`
		} `json:"replication"`
		Resources []struct {
			Arn        string  `json:"arn"`
			BurstWrite float64 `json:"burstWrite"`
			Partitions []struct {
				ID      int    `json:"id"`
				Lo      string `json:"lo"`
				Items   int64  `json:"items"`
				Bytes   int64  `json:"bytes"`
				Colls   int64  `json:"itemCollections"`
				Cause   string `json:"cause"`
				Seconds []struct {
					At             int64   `json:"at"`
					ConsumedWrite  float64 `json:"consumedWrite"`
					ThrottledWrite float64 `json:"throttledWrite"`
				} `json:"seconds"`
			} `json:"partitions"`
		} `json:"resources"`
	} `json:"tables"`
}

func capacityOf(t *testing.T, db *DB, table string) capacityState {
	t.Helper()
	b, err := db.CapacityJSON(table)
	if err != nil {
		t.Fatal(err)
	}
	var s capacityState
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("CapacityJSON is not JSON: %v\n%s", err, b)
	}
	return s
}

// Rule (Developer Guide, "Partitions and data distribution"): raising
// throughput beyond what the partitions serve splits them; lowering it
// never merges them.
func TestPartitions_SplitOnThroughputIncrease(t *testing.T) {
	db := ltDB(t, Options{})
	ltTable(t, db, "Tbl", provisionedRW(3000, 1000))
	if n := len(capacityOf(t, db, "Tbl").Tables[0].Resources[0].Partitions); n != 2 {
		t.Fatalf("3,000 RCU + 1,000 WCU: %d partitions, want 2", n)
	}
	coreCall(t, db, "UpdateTable", `{"TableName":"Tbl","ProvisionedThroughput":{"ReadCapacityUnits":3000,"WriteCapacityUnits":4000}}`)
	waitActive(t, db, "Tbl")
	parts := capacityOf(t, db, "Tbl").Tables[0].Resources[0].Partitions
	if len(parts) != 5 {
		t.Fatalf("after raising to 4,000 WCU: %d partitions, want 5", len(parts))
	}
	coreCall(t, db, "UpdateTable", `{"TableName":"Tbl","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}`)
	if n := len(capacityOf(t, db, "Tbl").Tables[0].Resources[0].Partitions); n != 5 {
		t.Fatalf("after a decrease: %d partitions, want still 5", n)
	}
}

// Rule (Developer Guide, "Partitions and data distribution"): a partition
// holds about 10 GB and splits when it grows past that (here the limit is
// lowered to 4 KB).
func TestPartitions_SplitOnSize(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	db.thr.partitionBytes = 4096
	ltTable(t, db, "Tbl", provisionedRW(10000, 1000))
	pad := strings.Repeat("x", 100)
	for i := range 200 {
		coreCall(t, db, "PutItem", `{"TableName":"Tbl","Item":{"pk":{"S":"k`+strconv.Itoa(i)+`"},"sk":{"N":"1"},"pad":{"S":"`+pad+`"}}}`)
		db.Clock().Step(time.Second)
	}
	s := capacityOf(t, db, "Tbl")
	parts := s.Tables[0].Resources[0].Partitions
	var items int64
	for _, p := range parts {
		items += p.Items
		if p.Bytes > 4096 {
			t.Errorf("partition %d holds %d bytes, over the 4 KB limit", p.ID, p.Bytes)
		}
	}
	if items != 200 {
		t.Fatalf("partitions hold %d items, want 200", items)
	}
	var colls int64
	for _, p := range parts {
		colls += p.Colls
	}
	if colls != 200 {
		t.Fatalf("partitions hold %d item collections, want 200 (one per partition key)", colls)
	}
	sized := false
	for _, p := range parts {
		sized = sized || p.Cause == "size"
	}
	if !sized {
		t.Fatal("no partition split for size")
	}
}

// Rule (issue, observability: each partition "with its items, bytes and
// item collections"): after every kind of write — PutItem, UpdateItem,
// DeleteItem, BatchWriteItem, TransactWriteItems, a transaction cancelled
// after writing — each partition of the table and of its GSI reports what a scan of the items finds in its hash range,
// enforced or not.
func TestCapacityJSON_ItemCollections(t *testing.T) {
	for _, on := range []bool{false, true} {
		db := ltDB(t, Options{Throttle: on})
		ltTable(t, db, "Tbl", provisionedRW(9000, 3000)+`,"GlobalSecondaryIndexes":[{"IndexName":"Gix",
			"KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},
			"ProvisionedThroughput":{"ReadCapacityUnits":3000,"WriteCapacityUnits":2000}}]`)
		item := func(pk string, sk int, g string) string {
			s := `{"pk":{"S":"` + pk + `"},"sk":{"N":"` + strconv.Itoa(sk) + `"},"v":{"S":"` + strings.Repeat("v", sk*7) + `"}`
			if g != "" {
				s += `,"g":{"S":"` + g + `"}`
			}
			return s + "}"
		}
		for i := range 40 {
			for sk := range 1 + i%4 {
				g := ""
				if (i+sk)%3 == 0 {
					g = "g" + strconv.Itoa(i%5)
				}
				coreCall(t, db, "PutItem", `{"TableName":"Tbl","Item":`+item("p"+strconv.Itoa(i), sk, g)+`}`)
			}
		}
		var batch []string
		for i := range 20 {
			batch = append(batch, `{"PutRequest":{"Item":`+item("b"+strconv.Itoa(i%7), i, "g9")+`}}`)
		}
		coreCall(t, db, "BatchWriteItem", `{"RequestItems":{"Tbl":[`+strings.Join(batch, ",")+`]}}`)
		for i := 0; i < 40; i += 3 {
			coreCall(t, db, "DeleteItem", `{"TableName":"Tbl","Key":{"pk":{"S":"p`+strconv.Itoa(i)+`"},"sk":{"N":"0"}}}`)
			coreCall(t, db, "UpdateItem", `{"TableName":"Tbl","Key":{"pk":{"S":"p`+strconv.Itoa(i+1)+`"},"sk":{"N":"0"}},
				"UpdateExpression":"SET g = :g","ExpressionAttributeValues":{":g":{"S":"moved"}}}`)
		}
		coreCall(t, db, "TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"Tbl","Item":`+item("t1", 1, "g1")+`}},
			{"Delete":{"TableName":"Tbl","Key":{"pk":{"S":"p2"},"sk":{"N":"1"}}}}]}`)
		if _, err := db.Handle("TransactWriteItems", []byte(`{"TransactItems":[{"Put":{"TableName":"Tbl","Item":`+item("t2", 1, "g2")+`}},
			{"ConditionCheck":{"TableName":"Tbl","Key":{"pk":{"S":"nope"},"sk":{"N":"1"}},"ConditionExpression":"attribute_exists(pk)"}}]}`)); err == nil {
			t.Fatal("a transaction whose condition fails succeeded")
		}

		type want struct{ items, bytes int64 }
		tab, gix := map[int]*want{}, map[int]*want{}
		tabKeys, gixKeys := map[int]map[string]bool{}, map[int]map[string]bool{}
		add := func(m map[int]*want, keys map[int]map[string]bool, index, key string, size int) {
			id, err := db.PartitionOf("Tbl", index, attr.S(key))
			if err != nil {
				t.Fatal(err)
			}
			if m[id] == nil {
				m[id], keys[id] = &want{}, map[string]bool{}
			}
			m[id].items++
			m[id].bytes += int64(size)
			keys[id][key] = true
		}
		db.tables["Tbl"].data.Scan("", 0, 1, nil, func(it attr.Item) bool {
			add(tab, tabKeys, "", it["pk"].Str(), attr.ItemSize(it))
			if g, ok := it["g"]; ok {
				add(gix, gixKeys, "Gix", g.Str(), attr.ItemSize(it))
			}
			return true
		})
		s := capacityOf(t, db, "Tbl").Tables[0]
		for r, oracle := range []map[int]*want{tab, gix} {
			keys := []map[int]map[string]bool{tabKeys, gixKeys}[r]
			parts := s.Resources[r].Partitions
			if len(parts) < 2 {
				t.Fatalf("resource %d: %d partitions, want several", r, len(parts))
			}
			for _, p := range parts {
				w := oracle[p.ID]
				if w == nil {
					w = &want{}
				}
				if p.Items != w.items || p.Bytes != w.bytes || p.Colls != int64(len(keys[p.ID])) {
					t.Errorf("throttle %v, resource %d, partition %d: %d items, %d bytes, %d collections; a scan finds %d, %d, %d",
						on, r, p.ID, p.Items, p.Bytes, p.Colls, w.items, w.bytes, len(keys[p.ID]))
				}
			}
		}
	}
}

// Rule (issue: which partition a key lands in is deterministic and
// queryable): PartitionOf agrees with the hash ranges CapacityJSON shows.
func TestPartitionOf(t *testing.T) {
	db := ltDB(t, Options{})
	ltTable(t, db, "Tbl", provisionedRW(12000, 4000))
	parts := capacityOf(t, db, "Tbl").Tables[0].Resources[0].Partitions
	for _, k := range []string{"a", "b", "Music", "🎵"} {
		id, err := db.PartitionOf("Tbl", "", attr.S(k))
		if err != nil {
			t.Fatal(err)
		}
		h := strconv.FormatUint(storage.PartitionHash(attr.S(k)), 16)
		h = strings.Repeat("0", 16-len(h)) + h
		want := -1
		for _, p := range parts {
			if p.Lo <= h {
				want = p.ID
			}
		}
		if id != want {
			t.Errorf("key %q: partition %d, want %d", k, id, want)
		}
	}
	if _, err := db.PartitionOf("nope", "", attr.S("a")); err == nil {
		t.Fatal("unknown table: no error")
	}
	if _, err := db.PartitionOf("Tbl", "", attr.Bool(true)); err == nil {
		t.Fatal("a BOOL partition key: no error")
	}
}

// Rule (Developer Guide, "Read consistency"): with a replication lag, an
// eventually consistent read may return the item as it was before a write;
// a strongly consistent read never does; after the lag, every read is
// current.
func TestConsistency_StaleReadsWithLag(t *testing.T) {
	db := ltDB(t, Options{ReplicaLag: time.Second, Seed: 7})
	ltTable(t, db, "Tbl", `,"BillingMode":"PAY_PER_REQUEST"`)
	coreCall(t, db, "PutItem", `{"TableName":"Tbl","Item":{"pk":{"S":"k"},"sk":{"N":"1"},"v":{"S":"old"}}}`)
	db.Clock().Step(2 * time.Second)
	coreCall(t, db, "PutItem", `{"TableName":"Tbl","Item":{"pk":{"S":"k"},"sk":{"N":"1"},"v":{"S":"new"}}}`)
	read := func(consistent bool) string {
		out := coreCall(t, db, "GetItem", `{"TableName":"Tbl","Key":{"pk":{"S":"k"},"sk":{"N":"1"}},"ConsistentRead":`+strconv.FormatBool(consistent)+`}`)
		return out["Item"].(map[string]any)["v"].(map[string]any)["S"].(string)
	}
	stale := 0
	for range 60 {
		if read(false) == "old" {
			stale++
		}
		if read(true) != "new" {
			t.Fatal("a strongly consistent read returned the old item")
		}
	}
	if stale == 0 || stale == 60 {
		t.Fatalf("%d of 60 eventually consistent reads were stale; want some, not all (one replica of three lags)", stale)
	}
	db.Clock().Step(time.Second)
	for range 30 {
		if read(false) != "new" {
			t.Fatal("a read after the lag was stale")
		}
	}
}

// Rule (Developer Guide, "Global secondary indexes": read consistency):
// an index receives writes after the lag, so a query can miss an item
// just written; with no lag (the default) it never does.
func TestConsistency_GSIQueryMissesJustWrittenItem(t *testing.T) {
	for _, lag := range []time.Duration{0, 500 * time.Millisecond} {
		db := ltDB(t, Options{ReplicaLag: lag})
		ltTable(t, db, "Tbl", `,"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":"Gix",
			"KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]`)
		coreCall(t, db, "PutItem", `{"TableName":"Tbl","Item":{"pk":{"S":"k"},"sk":{"N":"1"},"g":{"S":"x"}}}`)
		q := `{"TableName":"Tbl","IndexName":"Gix","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}}`
		n := coreCall(t, db, "Query", q)["Count"].(float64)
		if want := map[bool]float64{true: 1, false: 0}[lag == 0]; n != want {
			t.Fatalf("lag %v: the query just after the write found %v items, want %v", lag, n, want)
		}
		db.Clock().Step(lag)
		if n := coreCall(t, db, "Query", q)["Count"].(float64); n != 1 {
			t.Fatalf("lag %v: the query after the lag found %v items", lag, n)
		}
	}
}

// Rule (API Reference, TransactWriteItems): a throttled transaction is
// cancelled with the reason ThrottlingError, and writes nothing.
func TestThrottle_TransactionCancelled(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisioned1)
	// A transactional write costs 2 WCU; the balance is 1.
	coreCall(t, db, "TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"Tbl","Item":{"pk":{"S":"a"},"sk":{"N":"1"}}}}]}`)
	e := coreErr(t, db, "TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"Tbl","Item":{"pk":{"S":"b"},"sk":{"N":"1"}}}}]}`)
	if e.Type != "TransactionCanceledException" || !strings.Contains(e.Message, "[ThrottlingError]") {
		t.Fatalf("error %v", e)
	}
	db.SetThrottle(false)
	if got := coreCall(t, db, "GetItem", `{"TableName":"Tbl","Key":{"pk":{"S":"b"},"sk":{"N":"1"}}}`); got["Item"] != nil {
		t.Fatal("the cancelled transaction wrote its item")
	}
}

// Rule (issue, observability): per-second consumed and throttled capacity
// per partition for the last 15 minutes of virtual time, and the burst
// balance.
func TestCapacityJSON_Metrics(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", provisioned1)
	put(db, "Tbl", "a", 1)
	put(db, "Tbl", "a", 2) // throttled
	s := capacityOf(t, db, "Tbl")
	r := s.Tables[0].Resources[0]
	if r.Arn != arnT || r.BurstWrite != 0 {
		t.Fatalf("resource %+v", r)
	}
	sec := r.Partitions[0].Seconds
	if len(sec) != 1 || sec[0].ConsumedWrite != 1 || sec[0].ThrottledWrite != 1 || sec[0].At != ltStart.Unix() {
		t.Fatalf("seconds %+v", sec)
	}
	db.Clock().Step(15*time.Minute + time.Second)
	if sec := capacityOf(t, db, "Tbl").Tables[0].Resources[0].Partitions[0].Seconds; len(sec) != 0 {
		t.Fatalf("seconds older than 15 minutes still reported: %+v", sec)
	}
	if _, err := db.CapacityJSON("nope"); err == nil {
		t.Fatal("unknown table: no error")
	}
	if all := capacityOf(t, db, ""); len(all.Tables) != 1 {
		t.Fatalf("all tables: %d", len(all.Tables))
	}
}

// Rule (Developer Guide, "DynamoDB maximum throughput for on-demand
// tables"; API Reference, OnDemandThroughput): an on-demand table or GSI
// with a maximum throttles above it (MaxOnDemandThroughputExceeded);
// DescribeTable reports it; -1 removes it.
func TestThrottle_OnDemandMaximum(t *testing.T) {
	db := ltDB(t, Options{Throttle: true})
	ltTable(t, db, "Tbl", `,"BillingMode":"PAY_PER_REQUEST","OnDemandThroughput":{"MaxWriteRequestUnits":10},
		"GlobalSecondaryIndexes":[{"IndexName":"Gix","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
		"Projection":{"ProjectionType":"ALL"},"OnDemandThroughput":{"MaxWriteRequestUnits":3}}]`)
	for i := range 10 {
		if err := put(db, "Tbl", "k"+strconv.Itoa(i), 1); err != nil {
			t.Fatalf("write %d under the maximum: %v", i+1, err)
		}
	}
	wantThrottle(t, put(db, "Tbl", "over", 1), "TableWriteMaxOnDemandThroughputExceeded", arnT)
	db.Clock().Step(time.Second)
	var err error
	n := 0
	for ; n < 5 && err == nil; n++ {
		_, err = db.Handle("PutItem", []byte(`{"TableName":"Tbl","Item":{"pk":{"S":"g`+strconv.Itoa(n)+`"},"sk":{"N":"1"},"g":{"S":"x"}}}`))
	}
	if n != 4 {
		t.Fatalf("%d index writes before the index's maximum of 3 throttled", n-1)
	}
	wantThrottle(t, err, "IndexWriteMaxOnDemandThroughputExceeded", arnT+"/index/Gix")

	d := coreCall(t, db, "DescribeTable", `{"TableName":"Tbl"}`)["Table"].(map[string]any)
	if got, _ := json.Marshal(d["OnDemandThroughput"]); string(got) != `{"MaxReadRequestUnits":-1,"MaxWriteRequestUnits":10}` {
		t.Fatalf("OnDemandThroughput %s", got)
	}
	coreCall(t, db, "UpdateTable", `{"TableName":"Tbl","OnDemandThroughput":{"MaxWriteRequestUnits":-1}}`)
	d = coreCall(t, db, "DescribeTable", `{"TableName":"Tbl"}`)["Table"].(map[string]any)
	if d["OnDemandThroughput"] != nil {
		t.Fatalf("after removing the maximum: %v", d["OnDemandThroughput"])
	}
	db.Clock().Step(time.Second)
	for i := range 20 {
		if err := put(db, "Tbl", "k"+strconv.Itoa(i), 2); err != nil {
			t.Fatalf("write %d without a maximum: %v", i+1, err)
		}
	}
	for _, bad := range []string{
		`{"TableName":"Tbl","OnDemandThroughput":{"MaxReadRequestUnits":0}}`,
		`{"TableName":"Tbl","OnDemandThroughput":{"MaxReadRequestUnits":-2}}`,
	} {
		if e := coreErr(t, db, "UpdateTable", bad); e.Type != "ValidationException" {
			t.Errorf("%s: %v", bad, e)
		}
	}
	ltTable(t, db, "Prov", provisioned1)
	if e := coreErr(t, db, "UpdateTable", `{"TableName":"Prov","OnDemandThroughput":{"MaxReadRequestUnits":5}}`); e.Type != "ValidationException" {
		t.Errorf("OnDemandThroughput on a provisioned table: %v", e)
	}
}

// Concurrent reads (which meter under the read lock), writes, capacity
// reports and setting changes with throttling on and a lag: for the race
// detector. Throttled calls are expected; nothing else may fail.
func TestThrottle_Concurrent(t *testing.T) {
	db := New(Options{Throttle: true, ReplicaLag: 10 * time.Millisecond})
	ltTable(t, db, "Tbl", `,"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":"Gix",
		"KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]`)
	done := make(chan error, 4)
	for w := range 4 {
		go func() {
			var err error
			for i := 0; i < 200 && err == nil; i++ {
				k := strconv.Itoa(i % 20)
				switch w {
				case 0:
					_, err = db.Handle("PutItem", []byte(`{"TableName":"Tbl","Item":{"pk":{"S":"`+k+`"},"sk":{"N":"1"},"g":{"S":"x"}}}`))
				case 1:
					_, err = db.Handle("GetItem", []byte(`{"TableName":"Tbl","Key":{"pk":{"S":"`+k+`"},"sk":{"N":"1"}}}`))
				case 2:
					_, err = db.Handle("Query", []byte(`{"TableName":"Tbl","IndexName":"Gix","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"x"}}}`))
				default:
					_, err = db.CapacityJSON("Tbl")
					if i%50 == 0 {
						db.SetReplicaLag(time.Duration(i) * time.Microsecond)
					}
				}
				if isThrottle(err) {
					err = nil
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

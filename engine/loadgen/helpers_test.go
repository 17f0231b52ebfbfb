package loadgen

import (
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
)

// start is the tests' engine time: a whole second, so that runs are
// reproducible second by second.
var start = time.Unix(1_800_000_000, 0)

// newDB returns a DB with throughput enforced and its clock paused at start.
func newDB(tb testing.TB) *engine.DB {
	tb.Helper()
	db := engine.New(engine.Options{Throttle: true, Now: func() time.Time { return start }})
	db.Clock().Pause()
	return db
}

func i64(n int64) *int64 { return &n }

// tableSpec is a table to create: provisioned when rcu or wcu > 0, else
// on demand; sk "" for none; gsi "" for none (else a GSI of that name on
// attribute gsiKey, "g" when empty, of type S, with gsiRCU/gsiWCU (50
// when 0) when provisioned).
type tableSpec struct {
	name, pk, pkType, sk, skType string
	rcu, wcu                     int64
	gsi, gsiKey                  string
	gsiRCU, gsiWCU               int64
}

func create(tb testing.TB, db *engine.DB, ts tableSpec) {
	tb.Helper()
	in := &engine.CreateTableInput{TableName: ts.name,
		KeySchema:            []engine.KeySchemaElement{{AttributeName: ts.pk, KeyType: "HASH"}},
		AttributeDefinitions: []engine.AttributeDefinition{{AttributeName: ts.pk, AttributeType: ts.pkType}}}
	if ts.sk != "" {
		in.KeySchema = append(in.KeySchema, engine.KeySchemaElement{AttributeName: ts.sk, KeyType: "RANGE"})
		in.AttributeDefinitions = append(in.AttributeDefinitions, engine.AttributeDefinition{AttributeName: ts.sk, AttributeType: ts.skType})
	}
	prov := ts.rcu > 0 || ts.wcu > 0
	if prov {
		in.BillingMode = "PROVISIONED"
		in.ProvisionedThroughput = &engine.ProvisionedThroughput{ReadCapacityUnits: i64(ts.rcu), WriteCapacityUnits: i64(ts.wcu)}
	} else {
		in.BillingMode = "PAY_PER_REQUEST"
	}
	if ts.gsi != "" {
		key := ts.gsiKey
		if key == "" {
			key = "g"
		}
		g := engine.GlobalSecondaryIndex{IndexName: ts.gsi,
			KeySchema:  []engine.KeySchemaElement{{AttributeName: key, KeyType: "HASH"}},
			Projection: &engine.Projection{ProjectionType: "ALL"}}
		if prov {
			r, w := ts.gsiRCU, ts.gsiWCU
			if r == 0 {
				r = 50
			}
			if w == 0 {
				w = 50
			}
			g.ProvisionedThroughput = &engine.ProvisionedThroughput{ReadCapacityUnits: i64(r), WriteCapacityUnits: i64(w)}
		}
		in.GlobalSecondaryIndexes = []engine.GlobalSecondaryIndex{g}
		in.AttributeDefinitions = append(in.AttributeDefinitions, engine.AttributeDefinition{AttributeName: key, AttributeType: "S"})
	}
	// ACTIVE at once, as restored: waiting for it would move the clock
	// the capacity figures of these tests are measured on.
	db.SetRestoring(true)
	defer db.SetRestoring(false)
	if _, err := db.CreateTable(in); err != nil {
		tb.Fatalf("CreateTable %s: %v", ts.name, err)
	}
}

// fill writes items k0…k(n-1) of about size bytes to a table keyed "id"
// (S), without throttling.
func fill(tb testing.TB, db *engine.DB, table string, n, size int) {
	tb.Helper()
	on := db.Throttle()
	db.SetThrottle(false)
	defer db.SetThrottle(on)
	pad := strings.Repeat("x", max(0, size-12))
	for k := range n {
		it := attr.Item{"id": KeyValue("S", k), "data": attr.S(pad)}
		if _, err := db.PutItem(&engine.PutItemInput{TableName: table, Item: it}); err != nil {
			tb.Fatal(err)
		}
	}
}

// play runs a whole load in slices of slice seconds and returns the
// slices and the summary.
func play(tb testing.TB, db *engine.DB, spec Spec, slice int) ([]*Slice, Summary) {
	tb.Helper()
	r, err := New(db, nil, spec)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	var out []*Slice
	for !r.Done() {
		out = append(out, r.Play(slice))
	}
	return out, r.Summary()
}

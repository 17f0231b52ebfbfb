package loadgen

import (
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
)

// newDB returns a DB with throughput enforced and its clock paused.
func newDB(tb testing.TB) *engine.DB {
	tb.Helper()
	db := engine.New(engine.Options{Throttle: true})
	db.Clock().Pause()
	return db
}

func i64(n int64) *int64 { return &n }

// tableSpec is a table to create: provisioned when rcu or wcu > 0, else
// on demand; sk "" for none; gsi "" for none (else a GSI of that name on
// attribute "g", 50/50 when provisioned).
type tableSpec struct {
	name, pk, pkType, sk, skType string
	rcu, wcu                     int64
	gsi                          string
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
		g := engine.GlobalSecondaryIndex{IndexName: ts.gsi,
			KeySchema:  []engine.KeySchemaElement{{AttributeName: "g", KeyType: "HASH"}},
			Projection: &engine.Projection{ProjectionType: "ALL"}}
		if prov {
			g.ProvisionedThroughput = &engine.ProvisionedThroughput{ReadCapacityUnits: i64(50), WriteCapacityUnits: i64(50)}
		}
		in.GlobalSecondaryIndexes = []engine.GlobalSecondaryIndex{g}
		in.AttributeDefinitions = append(in.AttributeDefinitions, engine.AttributeDefinition{AttributeName: "g", AttributeType: "S"})
	}
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

package engine

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Sizes of the read benchmarks' tables.
const (
	benchPartitions   = 10000 // × benchPerPartition items in the big table
	benchPerPartition = 100
	benchScanItems    = 100000
)

var (
	benchBigOnce sync.Once
	benchBig     *DB
)

// benchBigDB returns a DB, built once per test binary, whose table "big"
// (pk S / sk N, GSI "byG" on g S / sk N projecting KEYS_ONLY) holds
// benchPartitions × benchPerPartition = 1,000,000 items, and whose table
// "scan" (pk S) holds benchScanItems items with a number attribute n
// (0–99). Items go straight into storage after the table's own checks, to
// keep the build short.
func benchBigDB(b *testing.B) *DB {
	b.Helper()
	benchBigOnce.Do(func() {
		db := New(Options{})
		mustBench(b, db, "CreateTable", `{"TableName":"big","BillingMode":"PAY_PER_REQUEST",
			"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}],
			"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
			"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}`)
		mustBench(b, db, "CreateTable", `{"TableName":"scan","BillingMode":"PAY_PER_REQUEST",
			"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
			"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
		big := db.tables["big"]
		nums := make([]attr.Value, benchPerPartition)
		for i := range nums {
			nums[i], _ = attr.N(strconv.Itoa(i))
		}
		for p := 0; p < benchPartitions; p++ {
			pk := attr.S(fmt.Sprintf("p%05d", p))
			g := attr.S(fmt.Sprintf("g%03d", p%1000))
			for i := 0; i < benchPerPartition; i++ {
				it := attr.Item{"pk": pk, "sk": nums[i]}
				if i%10 == 0 {
					it["g"] = g
				}
				big.data.Put(it)
			}
		}
		scan := db.tables["scan"]
		for i := 0; i < benchScanItems; i++ {
			scan.data.Put(attr.Item{"pk": attr.S(fmt.Sprintf("s%06d", i)), "n": nums[i%100], "v": attr.S("value")})
		}
		benchBig = db
	})
	return benchBig
}

// mustBench runs op through Handle, failing the benchmark on error.
func mustBench(b *testing.B, db *DB, op, body string) {
	b.Helper()
	if _, err := db.Handle(op, []byte(body)); err != nil {
		b.Fatalf("%s: %v", op, err)
	}
}

func BenchmarkQuery(b *testing.B) {
	db := benchBigDB(b)
	str := func(s string) *string { return &s }
	b.Run("100 items of one partition of 1M", func(b *testing.B) {
		in := &QueryInput{TableName: "big", KeyConditionExpression: str("pk = :p"),
			ExpressionAttributeValues: map[string]attr.Value{":p": attr.S("p04242")}}
		for b.Loop() {
			out, err := db.Query(in)
			if err != nil || out.Count != benchPerPartition {
				b.Fatalf("got %v items, err %v", out, err)
			}
		}
	})
	b.Run("sort key range of 10 items", func(b *testing.B) {
		lo, _ := attr.N("40")
		hi, _ := attr.N("49")
		in := &QueryInput{TableName: "big", KeyConditionExpression: str("pk = :p AND sk BETWEEN :lo AND :hi"),
			ExpressionAttributeValues: map[string]attr.Value{":p": attr.S("p00007"), ":lo": lo, ":hi": hi}}
		for b.Loop() {
			out, err := db.Query(in)
			if err != nil || out.Count != 10 {
				b.Fatalf("got %v, err %v", out, err)
			}
		}
	})
	b.Run("GSI 100 entries", func(b *testing.B) {
		in := &QueryInput{TableName: "big", IndexName: str("byG"), KeyConditionExpression: str("g = :g"),
			ExpressionAttributeValues: map[string]attr.Value{":g": attr.S("g123")}}
		for b.Loop() {
			out, err := db.Query(in)
			if err != nil || out.Count != 100 {
				b.Fatalf("got %v, err %v", out, err)
			}
		}
	})
}

func BenchmarkScan(b *testing.B) {
	db := benchBigDB(b)
	str := func(s string) *string { return &s }
	n, _ := attr.N("98")
	b.Run("filter over 100k items", func(b *testing.B) {
		in := &ScanInput{TableName: "scan", FilterExpression: str("n >= :n"), ExpressionAttributeValues: map[string]attr.Value{":n": n}}
		for b.Loop() {
			total := 0
			in.ExclusiveStartKey = nil
			for {
				out, err := db.Scan(in)
				if err != nil {
					b.Fatal(err)
				}
				total += out.Count
				if out.LastEvaluatedKey == nil {
					break
				}
				in.ExclusiveStartKey = out.LastEvaluatedKey
			}
			if total != benchScanItems/50 {
				b.Fatalf("got %d items, want %d", total, benchScanItems/50)
			}
		}
	})
}

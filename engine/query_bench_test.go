package engine

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/btree"

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
// benchPartitions × benchPerPartition = 1,000,000 items of about 200
// bytes (attr.ItemSize; as storage's benchmarks), and whose table "scan"
// (pk S) holds benchScanItems items with a number attribute n (0–99).
// Items go straight into storage after the table's own checks, to keep
// the build short.
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
		pad := strings.Repeat("x", 200)
		for p := 0; p < benchPartitions; p++ {
			pk := attr.S(fmt.Sprintf("p%05d", p))
			g := attr.S(fmt.Sprintf("g%03d", p%1000))
			for i := 0; i < benchPerPartition; i++ {
				n := strconv.Itoa(p*benchPerPartition + i)
				it := attr.Item{"pk": pk, "sk": nums[i],
					"name":   attr.S("Name Surname " + n),
					"email":  attr.S("someone" + n + "@example.com"),
					"age":    nums[20+i%60],
					"active": attr.Bool(i%2 == 0),
				}
				if i%10 == 0 {
					it["g"] = g
				}
				it["bio"] = attr.S(pad[:max(0, 200-attr.ItemSize(it)-len("bio"))])
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

// walkEntry is shaped like a storage tree entry (head, key, record), for
// the bare B-tree walk the Query benchmark is compared with.
type walkEntry struct {
	head     uint64
	key, rec string
}

var (
	benchWalkOnce sync.Once
	benchWalk     *btree.BTreeG[walkEntry]
)

// benchWalkTree returns a google/btree of storage's degree holding
// 1,000,000 entries like the "big" table's, in partitions of
// benchPerPartition, built once.
func benchWalkTree() *btree.BTreeG[walkEntry] {
	benchWalkOnce.Do(func() {
		tr := btree.NewG(32, func(a, b walkEntry) bool {
			if a.head != b.head {
				return a.head < b.head
			}
			return a.key < b.key
		})
		for p := range uint64(benchPartitions) {
			for i := range benchPerPartition {
				key := fmt.Sprintf("p%05d/%02d", p, i)
				// rec shares key's bytes: the entry has storage's shape
				// without holding a record.
				tr.ReplaceOrInsert(walkEntry{head: p * 0x9E3779B97F4A7C15, key: key, rec: key})
			}
		}
		benchWalk = tr
	})
	return benchWalk
}

// walk100 walks the benchPerPartition entries of partition p of tr.
func walk100(tr *btree.BTreeG[walkEntry], p uint64) {
	k := 0
	tr.AscendGreaterOrEqual(walkEntry{head: p * 0x9E3779B97F4A7C15}, func(walkEntry) bool {
		k++
		return k < benchPerPartition
	})
	if k != benchPerPartition {
		panic("short walk")
	}
}

// benchHotPartition is the partition the "in cache" cases read every time.
const benchHotPartition = 4242

// walkSeconds returns the time of one walk100 (DynamoDB's B-tree cost of
// a 100-item Query, which issue #3 asks a Query to stay within 10 times
// of), timed over n walks (at least 1,000, at most 100,000) of random
// partitions, or of benchHotPartition every time if hot.
func walkSeconds(n int, hot bool) float64 {
	tr := benchWalkTree()
	n = min(max(n, 1000), 100_000)
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Now()
	for range n {
		p := uint64(benchHotPartition)
		if !hot {
			p = r.Uint64N(benchPartitions)
		}
		walk100(tr, p)
	}
	return time.Since(start).Seconds() / float64(n)
}

// mustBench runs op through Handle, failing the benchmark on error.
func mustBench(b *testing.B, db *DB, op, body string) {
	b.Helper()
	if _, err := db.Handle(op, []byte(body)); err != nil {
		b.Fatalf("%s: %v", op, err)
	}
	waitIfCreate(b, db, op, body)
}

// BenchmarkQuery reads the 1M-item table. walk-ratio is a case's time per
// op over that of a bare walk of 100 B-tree entries (walkSeconds), timed
// right after it: the issue #3 aim is under 10 for the 100 items of one
// partition through the typed API.
func BenchmarkQuery(b *testing.B) {
	db := benchBigDB(b)
	str := func(s string) *string { return &s }
	partitions := make([]attr.Value, benchPartitions)
	for i := range partitions {
		partitions[i] = attr.S(fmt.Sprintf("p%05d", i))
	}
	partition := func(i int) attr.Value { return partitions[i] }
	// Random partitions, so that the items are rarely in cache, as in a
	// server with many clients; "in cache" reads one partition every time.
	for _, hot := range []bool{false, true} {
		suffix := ""
		if hot {
			suffix = ", in cache"
		}
		r := rand.New(rand.NewPCG(5, 6))
		parts := make([]int, 1024)
		for i := range parts {
			parts[i] = benchHotPartition
			if !hot {
				parts[i] = r.IntN(benchPartitions)
			}
		}
		b.Run("bare B-tree walk of 100 entries"+suffix, func(b *testing.B) {
			tr := benchWalkTree()
			i := 0
			for b.Loop() {
				walk100(tr, uint64(parts[i%len(parts)]))
				i++
			}
		})
		b.Run("100 items of one partition of 1M"+suffix, func(b *testing.B) {
			in := &QueryInput{TableName: "big", KeyConditionExpression: str("pk = :p"),
				ExpressionAttributeValues: map[string]attr.Value{}}
			i := 0
			start := time.Now()
			for b.Loop() {
				in.ExpressionAttributeValues[":p"] = partition(parts[i%len(parts)])
				i++
				out, err := db.Query(in)
				if err != nil || out.Count != benchPerPartition {
					b.Fatalf("got %v items, err %v", out, err)
				}
			}
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N)/walkSeconds(b.N, hot), "walk-ratio")
		})
		b.Run("100 items of one partition of 1M+JSON"+suffix, func(b *testing.B) {
			bodies := make([][]byte, len(parts))
			for i, p := range parts {
				bodies[i] = []byte(fmt.Sprintf(`{"TableName":"big","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p%05d"}}}`, p))
			}
			i := 0
			start := time.Now()
			for b.Loop() {
				out, err := db.Handle("Query", bodies[i%len(bodies)])
				i++
				if err != nil || len(out) < 100*200 {
					b.Fatalf("got %d bytes, err %v", len(out), err)
				}
			}
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N)/walkSeconds(b.N, hot), "walk-ratio")
		})
	}
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
			if total := scanCount(b, db, in); total != benchScanItems/50 {
				b.Fatalf("got %d items, want %d", total, benchScanItems/50)
			}
		}
	})
}

// scanCount scans every page of in from the start and returns the sum of
// the pages' Count.
func scanCount(b *testing.B, db *DB, in *ScanInput) int {
	b.Helper()
	total := 0
	in.ExclusiveStartKey = nil
	for {
		out, err := db.Scan(in)
		if err != nil {
			b.Fatal(err)
		}
		total += out.Count
		if out.LastEvaluatedKey == nil {
			return total
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

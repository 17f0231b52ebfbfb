package storage

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Benchmark data: items of about 200 bytes (attr.ItemSize) in partitions of
// 100 items each.
const (
	benchPerPartition = 100
	benchBigItems     = 1_000_000
	benchSmallItems   = 100_000
)

var benchPad = strings.Repeat("x", 200)

// benchItem returns item i: partition "user#<i/100>", sort key i%100,
// and attributes that bring its size to about 200 bytes.
func benchItem(i int) attr.Item {
	n, err := attr.N(strconv.Itoa(i % benchPerPartition))
	if err != nil {
		panic(err)
	}
	age, err := attr.N(strconv.Itoa(20 + i%60))
	if err != nil {
		panic(err)
	}
	it := attr.Item{
		"pk":     attr.S("user#" + strconv.Itoa(i/benchPerPartition)),
		"sk":     n,
		"name":   attr.S("Name Surname " + strconv.Itoa(i)),
		"email":  attr.S("someone" + strconv.Itoa(i) + "@example.com"),
		"age":    age,
		"active": attr.Bool(i%2 == 0),
		"group":  attr.S("group#" + strconv.Itoa(i%1000)),
	}
	if pad := 200 - attr.ItemSize(it) - len("bio"); pad > 0 {
		it["bio"] = attr.S(benchPad[:pad])
	}
	return it
}

var benchKey = KeySchema{Hash: "pk", Range: "sk"}

// big is the shared 1M-item table, built once, with its memory use.
var big struct {
	once       sync.Once
	tb         *Table
	rawBytes   int64
	heapBytes  uint64
	buildPerOp float64
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func bigTable() *Table {
	big.once.Do(func() {
		before := heapInUse()
		tb := NewTable(benchKey, nil)
		for i := range benchBigItems {
			tb.Put(benchItem(i))
		}
		big.heapBytes = heapInUse() - before
		big.rawBytes = tb.SizeBytes()
		big.tb = tb
	})
	return big.tb
}

// cpuMeter reports the process CPU time per op as "cpu-ns/op" when the
// benchmark function returns: b.Loop times only the loop, so the setup
// before the first b.Loop call is excluded by starting at the first call.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
	n     int
}

// loop wraps b.Loop, starting the CPU clock at the first call and
// reporting when the loop ends.
func (m *cpuMeter) loop() bool {
	if m.n == 0 {
		m.start = processCPU()
	}
	if m.b.Loop() {
		m.n++
		return true
	}
	if d := processCPU() - m.start; d > 0 && m.n > 0 {
		m.b.ReportMetric(float64(d.Nanoseconds())/float64(m.n), "cpu-ns/op")
	}
	return false
}

func BenchmarkTable(b *testing.B) {
	items := make([]attr.Item, benchSmallItems)
	keys := make([]entry, benchSmallItems)
	for i := range items {
		items[i] = benchItem(i)
		k, _, _ := appendKey(nil, benchKey, items[i])
		keys[i] = newEntry(string(k), string(appendRecord(nil, items[i], attr.ItemSize(items[i]))))
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(benchSmallItems)

	b.Run("btree/ReplaceOrInsert", func(b *testing.B) {
		tr := newTree()
		for i, m := 0, (&cpuMeter{b: b}); m.loop(); i++ {
			tr.ReplaceOrInsert(keys[order[i%len(order)]])
		}
	})
	b.Run("btree/Get", func(b *testing.B) {
		tr := newTree()
		for _, e := range keys {
			tr.ReplaceOrInsert(e)
		}
		for i, m := 0, (&cpuMeter{b: b}); m.loop(); i++ {
			if _, ok := tr.Get(keys[order[i%len(order)]]); !ok {
				b.Fatal("miss")
			}
		}
	})
	b.Run("Put", func(b *testing.B) {
		tb := NewTable(benchKey, nil)
		for i, m := 0, (&cpuMeter{b: b}); m.loop(); i++ {
			tb.Put(items[order[i%len(order)]])
		}
	})
	b.Run("Put/gsi+lsi", func(b *testing.B) {
		tb := NewTable(benchKey, benchIndexes)
		for i, m := 0, (&cpuMeter{b: b}); m.loop(); i++ {
			tb.Put(items[order[i%len(order)]])
		}
	})
	b.Run("Get", func(b *testing.B) {
		tb := NewTable(benchKey, nil)
		for _, it := range items {
			tb.Put(it)
		}
		for i, m := 0, (&cpuMeter{b: b}); m.loop(); i++ {
			if _, ok := tb.Get(items[order[i%len(order)]]); !ok {
				b.Fatal("miss")
			}
		}
	})
	b.Run("Clone+Put", func(b *testing.B) {
		tb := NewTable(benchKey, benchIndexes)
		for _, it := range items {
			tb.Put(it)
		}
		for i, m := 0, (&cpuMeter{b: b}); m.loop(); i++ {
			c := tb.Clone()
			c.Put(items[order[i%len(order)]])
		}
	})

	// The bare walk over the 100 entries of a random partition, touching
	// no key or record. (Until the search entry had its head, this walked
	// the tree's first 100 entries every time, always in cache.)
	b.Run("1M/btree-walk100", func(b *testing.B) {
		tb := bigTable()
		p := string(appendPartition(nil, attr.S("user#42")))
		var keys []string
		tb.tree.AscendGreaterOrEqual(pivot(p), func(e entry) bool {
			keys = append(keys, e.key)
			return len(keys) < benchPerPartition
		})
		if !strings.HasPrefix(keys[0], p) || !strings.HasPrefix(keys[len(keys)-1], p) {
			b.Fatal("the walk does not start at the partition")
		}
		r := rand.New(rand.NewPCG(3, 4))
		for m := (&cpuMeter{b: b}); m.loop(); {
			walk100(tb, r)
		}
	})
	// What storage hands a Query: 100 records, not decoded. The aim
	// (issue #3) is a Query of 100 items under 10 times btree-walk100;
	// walk-ratio is this benchmark's time per op over that of the same
	// walks timed right after it.
	b.Run("1M/QueryRecords100", func(b *testing.B) {
		tb := bigTable()
		r := rand.New(rand.NewPCG(3, 4))
		start := time.Now()
		for m := (&cpuMeter{b: b}); m.loop(); {
			n := 0
			tb.QueryRecords("", attr.S("user#"+strconv.Itoa(r.IntN(benchBigItems/benchPerPartition))), RangeCond{}, true, nil, func(Record) bool {
				n++
				return true
			})
			if n != benchPerPartition {
				b.Fatalf("query handed out %d records", n)
			}
		}
		perOp := time.Since(start).Seconds() / float64(b.N)
		b.ReportMetric(perOp/walkSeconds(tb, b.N), "walk-ratio")
	})
	// The records' DynamoDB JSON, as the engine writes a Query response.
	b.Run("1M/QueryRecords100+JSON", func(b *testing.B) {
		tb := bigTable()
		r := rand.New(rand.NewPCG(3, 4))
		var buf []byte
		for m := (&cpuMeter{b: b}); m.loop(); {
			buf = buf[:0]
			tb.QueryRecords("", attr.S("user#"+strconv.Itoa(r.IntN(benchBigItems/benchPerPartition))), RangeCond{}, true, nil, func(rec Record) bool {
				buf = rec.AppendJSON(buf, nil)
				return true
			})
		}
	})
	b.Run("1M/Query100", func(b *testing.B) {
		tb := bigTable()
		r := rand.New(rand.NewPCG(3, 4))
		for m := (&cpuMeter{b: b}); m.loop(); {
			n := 0
			tb.Query("", attr.S("user#"+strconv.Itoa(r.IntN(benchBigItems/benchPerPartition))), RangeCond{}, true, nil, func(it attr.Item) bool {
				n++
				return true
			})
			if n != benchPerPartition {
				b.Fatalf("query handed out %d items", n)
			}
		}
	})
	// What a Query request costs the engine beyond storage: the items'
	// DynamoDB JSON, for scale.
	b.Run("1M/Query100+JSON", func(b *testing.B) {
		tb := bigTable()
		r := rand.New(rand.NewPCG(3, 4))
		var buf []byte
		for m := (&cpuMeter{b: b}); m.loop(); {
			buf = buf[:0]
			tb.Query("", attr.S("user#"+strconv.Itoa(r.IntN(benchBigItems/benchPerPartition))), RangeCond{}, true, nil, func(it attr.Item) bool {
				buf = attr.AppendItemJSON(buf, it)
				return true
			})
		}
	})
	b.Run("1M/Query10-between", func(b *testing.B) {
		tb := bigTable()
		r := rand.New(rand.NewPCG(3, 4))
		lo, _ := attr.N("40")
		hi, _ := attr.N("49")
		for m := (&cpuMeter{b: b}); m.loop(); {
			n := 0
			tb.Query("", attr.S("user#"+strconv.Itoa(r.IntN(benchBigItems/benchPerPartition))), RangeCond{Op: OpBetween, A: lo, B: hi}, false, nil, func(it attr.Item) bool {
				n++
				return true
			})
			if n != 10 {
				b.Fatalf("query handed out %d items", n)
			}
		}
	})
	b.Run("1M/Scan100k", func(b *testing.B) {
		tb := bigTable()
		for m := (&cpuMeter{b: b}); m.loop(); {
			n := 0
			tb.Scan("", 0, 10, nil, func(it attr.Item) bool {
				n++
				return n < benchSmallItems
			})
			if n != benchSmallItems {
				b.Fatalf("scan handed out %d items", n)
			}
		}
	})
	b.Run("1M/memory", func(b *testing.B) {
		tb := bigTable()
		for m := (&cpuMeter{b: b}); m.loop(); {
			_ = tb.Len()
		}
		b.ReportMetric(float64(big.heapBytes)/float64(tb.Len()), "heap-bytes/item")
		b.ReportMetric(float64(big.rawBytes)/float64(tb.Len()), "raw-bytes/item")
		b.ReportMetric(float64(big.heapBytes)/float64(big.rawBytes), "heap/raw")
	})

	b.Run("100k/IndexQuery100", func(b *testing.B) {
		tb := NewTable(benchKey, benchIndexes)
		for _, it := range items {
			tb.Put(it)
		}
		r := rand.New(rand.NewPCG(5, 6))
		for m := (&cpuMeter{b: b}); m.loop(); {
			n := 0
			tb.Query("byGroup", attr.S("group#"+strconv.Itoa(r.IntN(1000))), RangeCond{}, true, nil, func(it attr.Item) bool {
				n++
				return true
			})
			if n != benchSmallItems/1000 {
				b.Fatalf("index query handed out %d items", n)
			}
		}
	})
}

// walk100 walks the tree entries of a random partition of tb, the
// first 100 of them (all, in the 1M-item table), touching no key or record.
func walk100(tb *Table, r *rand.Rand) {
	p := string(appendPartition(nil, attr.S("user#"+strconv.Itoa(r.IntN(benchBigItems/benchPerPartition)))))
	n := 0
	tb.tree.AscendGreaterOrEqual(pivot(p), func(e entry) bool {
		n++
		return n < benchPerPartition
	})
	if n != benchPerPartition {
		panic("short walk")
	}
}

// walkSeconds returns the time of one btree-walk100 op (walk100 of tb),
// timed over n walks (at least 1,000, at most 100,000).
func walkSeconds(tb *Table, n int) float64 {
	n = min(max(n, 1000), 100_000)
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Now()
	for range n {
		walk100(tb, r)
	}
	return time.Since(start).Seconds() / float64(n)
}

var benchIndexes = []IndexDef{
	{Name: "byGroup", Key: KeySchema{Hash: "group", Range: "name"}, ProjectionType: ProjectKeysOnly},
	{Name: "byAge", Key: KeySchema{Hash: "pk", Range: "age"}, Local: true, ProjectionType: ProjectAll},
}

// BenchmarkRecord measures encoding and decoding one 200-byte benchmark
// item's record, and (for scale) building a map of the same attributes.
func BenchmarkRecord(b *testing.B) {
	it := benchItem(12345)
	size := attr.ItemSize(it)
	rec := string(appendRecord(nil, it, size))
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for m := (&cpuMeter{b: b}); m.loop(); {
			if got := decodeRecord(rec); len(got) != len(it) {
				b.Fatalf("decoded %d attributes, want %d", len(got), len(it))
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for m := (&cpuMeter{b: b}); m.loop(); {
			buf = appendRecord(buf[:0], it, size)
		}
	})
	b.Run("map-copy", func(b *testing.B) {
		b.ReportAllocs()
		for m := (&cpuMeter{b: b}); m.loop(); {
			c := make(attr.Item, len(it))
			for k, v := range it {
				c[k] = v
			}
			if len(c) != len(it) {
				b.Fatal("short copy")
			}
			benchSink = c
		}
	})
}

// benchSink keeps benchmark results alive, so that they are allocated as in use.
var benchSink attr.Item

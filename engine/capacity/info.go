package capacity

import (
	"strconv"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// Info is what the observability API reports of one table or index.
type Info struct {
	ARN      string
	Index    bool
	Settings Settings
	// Burst is the provisioned burst balance (read, write) in capacity
	// units; zero on demand.
	Burst [2]float64
	// Limit is what the resource serves per second now (read, write): the
	// provisioned throughput, or on demand twice the previous peak within
	// the quota and maximums.
	Limit [2]float64
	// Peak is the on-demand previous peak per second (read, write).
	Peak [2]float64
	// Seconds are the resource's seconds with any activity in the last
	// 15 minutes of virtual time (History): the sums over its partitions,
	// those that split since included, and the burst balance.
	Seconds    []Second
	Partitions []PartitionInfo
	Splits     []Split
}

// PartitionInfo is one partition in Info.
type PartitionInfo struct {
	ID     int
	Lo, Hi uint64 // the partition-key hashes it covers, inclusive
	Items  int64
	Bytes  int64
	// Collections is how many item collections (distinct partition-key
	// values) the partition holds; Items for a table without a sort key.
	Collections int64
	Parent      int    // -1 for an original partition
	Cause       string // why its parent split ("" for an original partition)
	// Seconds are its seconds with any activity in the last 15 minutes of
	// virtual time, the current one included, oldest first.
	Seconds []Second
}

// Info returns the resource's state at time now, with each partition's
// items, bytes and item collections from the store (zeros without one).
func (r *Resource) Info(now int64) Info {
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	r.roll(now)
	r.refill(now)
	in := Info{ARN: r.arn, Index: r.index, Settings: r.settings, Peak: r.peak,
		Splits: append([]Split(nil), r.splits...), Seconds: r.history(0, nil)}
	if r.settings.Mode == Provisioned {
		in.Burst = r.burst
		in.Limit = [2]float64{float64(r.settings.Read), float64(r.settings.Write)}
	} else {
		in.Limit[Read], _ = r.onDemandLimit(Read)
		in.Limit[Write], _ = r.onDemandLimit(Write)
	}
	var sizes []Size
	if r.store != nil {
		sizes = r.store.Sizes(r.name, r.bounds())
	}
	s := now / second
	for i, p := range r.parts {
		p.roll(now)
		p.hist = trimSeconds(p.hist, s)
		pi := PartitionInfo{ID: p.id, Lo: p.lo, Hi: p.hi, Parent: p.parent, Cause: p.cause,
			Seconds: append([]Second(nil), p.hist...)}
		if p.cur != (tally{}) {
			pi.Seconds = append(pi.Seconds, p.cur.second(p.sec))
		}
		if sizes != nil {
			pi.Items, pi.Bytes, pi.Collections = sizes[i].Items, sizes[i].Bytes, sizes[i].Collections
		}
		in.Partitions = append(in.Partitions, pi)
	}
	return in
}

// Report is what the observability API answers (DB.CapacityJSON): the
// clock, the switches, and per table its replication and resources.
type Report struct {
	Now      int64 // Unix nanoseconds of the virtual clock
	Throttle bool
	Lag      int64 // replication lag, nanoseconds
	Tables   []TableReport
}

// TableReport is one table in a Report.
type TableReport struct {
	Name string
	// Versions is how many versions its lagging replica keeps.
	Versions int
	// Resources are the table's and then each GSI's.
	Resources []Info
}

// AppendJSON appends r as JSON (times in Unix milliseconds):
//
//	{"now":ms,"throttle":bool,"replicaLagMs":n,"tables":[{
//	  "table":"Music",
//	  "replication":{"replicas":3,"lagMs":n,"laggingAsOf":ms,"versions":n},
//	  "resources":[{table}, {each GSI}]}]}
//
// with each resource as Info.AppendJSON writes it.
func (r *Report) AppendJSON(dst []byte) []byte {
	lagMs := float64(r.Lag) / 1e6
	dst = append(dst, `{"now":`...)
	dst = strconv.AppendInt(dst, r.Now/1e6, 10)
	dst = append(dst, `,"throttle":`...)
	dst = strconv.AppendBool(dst, r.Throttle)
	dst = appendFloat(dst, "replicaLagMs", lagMs)
	dst = append(dst, `,"tables":[`...)
	for i, t := range r.Tables {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"table":`...)
		dst = wire.AppendString(dst, t.Name)
		dst = append(dst, `,"replication":{"replicas":`...)
		dst = strconv.AppendInt(dst, replicas, 10)
		dst = appendFloat(dst, "lagMs", lagMs)
		dst = appendInt(dst, "laggingAsOf", (r.Now-r.Lag)/1e6)
		dst = appendInt(dst, "versions", int64(t.Versions))
		dst = append(dst, `},"resources":[`...)
		for j := range t.Resources {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = t.Resources[j].AppendJSON(dst)
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, "]}"...)
}

// replicas is how many replicas a table has (replica.Replicas; capacity
// does not import replica).
const replicas = 3

// ModeName returns DynamoDB's BillingMode for m.
func ModeName(m Mode) string {
	if m == OnDemand {
		return "PAY_PER_REQUEST"
	}
	return "PROVISIONED"
}

// AppendJSON appends in as a JSON object. Hashes are written as 16
// hexadecimal digits (JavaScript numbers cannot hold 64 bits), times as
// Unix milliseconds (splits) and Unix seconds (per-second history).
func (in *Info) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"arn":`...)
	dst = wire.AppendString(dst, in.ARN)
	dst = append(dst, `,"index":`...)
	dst = strconv.AppendBool(dst, in.Index)
	dst = append(dst, `,"billingMode":`...)
	dst = wire.AppendString(dst, ModeName(in.Settings.Mode))
	dst = appendInt(dst, "readCapacityUnits", in.Settings.Read)
	dst = appendInt(dst, "writeCapacityUnits", in.Settings.Write)
	dst = appendInt(dst, "maxReadRequestUnits", in.Settings.MaxRead)
	dst = appendInt(dst, "maxWriteRequestUnits", in.Settings.MaxWrite)
	dst = appendFloat(dst, "burstRead", in.Burst[Read])
	dst = appendFloat(dst, "burstWrite", in.Burst[Write])
	dst = appendFloat(dst, "limitRead", in.Limit[Read])
	dst = appendFloat(dst, "limitWrite", in.Limit[Write])
	dst = appendFloat(dst, "peakRead", in.Peak[Read])
	dst = appendFloat(dst, "peakWrite", in.Peak[Write])
	dst = appendSeconds(append(dst, `,"seconds":`...), in.Seconds)
	dst = append(dst, `,"partitions":[`...)
	for i, p := range in.Partitions {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"id":`...)
		dst = strconv.AppendInt(dst, int64(p.ID), 10)
		dst = append(dst, `,"lo":`...)
		dst = appendHash(dst, p.Lo)
		dst = append(dst, `,"hi":`...)
		dst = appendHash(dst, p.Hi)
		dst = appendInt(dst, "items", p.Items)
		dst = appendInt(dst, "bytes", p.Bytes)
		dst = appendInt(dst, "itemCollections", p.Collections)
		dst = appendInt(dst, "parent", int64(p.Parent))
		dst = append(dst, `,"cause":`...)
		dst = wire.AppendString(dst, p.Cause)
		dst = appendSeconds(append(dst, `,"seconds":`...), p.Seconds)
		dst = append(dst, '}')
	}
	dst = append(dst, `],"splits":[`...)
	for i, s := range in.Splits {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"at":`...)
		dst = strconv.AppendInt(dst, s.At/1e6, 10)
		dst = appendInt(dst, "parent", int64(s.Parent))
		dst = append(dst, `,"children":[`...)
		for j, c := range s.Children {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(dst, int64(c), 10)
		}
		dst = append(dst, `],"cause":`...)
		dst = wire.AppendString(dst, s.Cause)
		dst = append(dst, '}')
	}
	return append(dst, "]}"...)
}

// The JSON helpers below are never inlined: the package is compiled with
// inlining (the Makefile keeps it for admission, on every request), and
// inlined into AppendJSON's ~40 calls they made it 25 KB of WebAssembly
// (2.8 KB of the module's gzip -9 size).
//
//go:noinline
func appendInt(dst []byte, name string, v int64) []byte {
	dst = append(dst, ",\""...)
	dst = append(dst, name...)
	dst = append(dst, "\":"...)
	return strconv.AppendInt(dst, v, 10)
}

//go:noinline
func appendFloat(dst []byte, name string, v float64) []byte {
	dst = append(dst, ",\""...)
	dst = append(dst, name...)
	dst = append(dst, "\":"...)
	return strconv.AppendFloat(dst, v, 'f', -1, 64)
}

//go:noinline
func appendHash(dst []byte, h uint64) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 60; i >= 0; i -= 4 {
		dst = append(dst, hex[h>>uint(i)&15])
	}
	return append(dst, '"')
}

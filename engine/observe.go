package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/replica"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// CapacityJSON returns the large-table state of the table called name, or
// of every table when name is "" — not a DynamoDB operation, but what the
// page draws and the native server serves under /_ddbplay/capacity:
//
//	{"now":ms,"throttle":bool,"replicaLagMs":n,"tables":[{
//	  "table":"Music",
//	  "replication":{"replicas":3,"lagMs":n,"laggingAsOf":ms,"versions":n},
//	  "resources":[{table}, {each GSI}]}]}
//
// where each resource is capacity.Info's JSON: settings, burst balance,
// per-second limit, on-demand peak, partitions (id, hash range as 16 hex
// digits, items, bytes, parent, cause, per-second consumed and throttled
// RCU/WCU over the last 15 minutes of virtual time) and the split history.
// Items, bytes and item collections are the storage's running counts, kept
// by every write under the current partitions (storage.SetHashBounds), so
// the call costs O(partitions + history), not O(items); after a split
// that only a read caused, it counts the new partitions once. It holds the
// write lock for that, briefly. An unknown table is
// ResourceNotFoundException.
func (db *DB) CapacityJSON(name string) ([]byte, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var tables []*table
	if name != "" {
		t, ok := db.tables[name]
		if !ok {
			return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgResourceNotFoundTableFmt, name)
		}
		tables = append(tables, t)
	} else {
		for _, t := range db.tables {
			tables = append(tables, t)
		}
		slices.SortFunc(tables, func(a, b *table) int { return strings.Compare(a.name, b.name) })
	}
	now := db.clk.Now()
	lag := db.thr.lag.Load()
	dst := []byte(`{"now":`)
	dst = strconv.AppendInt(dst, now/1e6, 10)
	dst = append(dst, `,"throttle":`...)
	dst = strconv.AppendBool(dst, db.thr.enforce.Load())
	dst = append(dst, `,"replicaLagMs":`...)
	dst = strconv.AppendFloat(dst, float64(lag)/1e6, 'f', -1, 64)
	dst = append(dst, `,"tables":[`...)
	for i, t := range tables {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"table":`...)
		dst = wire.AppendString(dst, t.name)
		dst = append(dst, `,"replication":{"replicas":`...)
		dst = strconv.AppendInt(dst, replica.Replicas, 10)
		dst = append(dst, `,"lagMs":`...)
		dst = strconv.AppendFloat(dst, float64(lag)/1e6, 'f', -1, 64)
		dst = append(dst, `,"laggingAsOf":`...)
		dst = strconv.AppendInt(dst, (now-lag)/1e6, 10)
		dst = append(dst, `,"versions":`...)
		dst = strconv.AppendInt(dst, int64(t.reps.Versions()), 10)
		dst = append(dst, `},"resources":[`...)
		if t.cap != nil {
			t.syncStats()
			in := t.cap.Info(now, t.sizer(""))
			dst = in.AppendJSON(dst)
			for _, ix := range t.indexes {
				if ix.cap != nil {
					in := ix.cap.Info(now, t.sizer(ix.def.Name))
					dst = in.AppendJSON(append(dst, ','))
				}
			}
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, "]}"...), nil
}

// PartitionOf returns the ID of the partition of the table called name (or
// of its GSI index, when index is not "") that holds the partition key
// value key: deterministic, from the storage's stable hash. Errors are
// ResourceNotFoundException for an unknown table and ValidationException
// for an unknown index or a key value that is not S, N or B.
func (db *DB) PartitionOf(name, index string, key attr.Value) (int, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, ok := db.tables[name]
	if !ok {
		return 0, ddberr.Newf(ddberr.TypeResourceNotFound, msgResourceNotFoundTableFmt, name)
	}
	if !key.Type().IsScalarKey() {
		return 0, validationf(msgPartitionKeyType)
	}
	r := t.cap
	if index != "" {
		ix, err := t.indexNamed(index)
		if err != nil {
			return 0, err
		}
		if !ix.def.Local {
			r = ix.cap
		}
	}
	return r.PartitionOf(storage.PartitionHash(key)), nil
}

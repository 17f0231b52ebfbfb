package engine

import (
	"slices"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// CapacityJSON returns the large-table state of the table called name, or
// of every table when name is "" — not a DynamoDB operation, but what the
// page draws and the native server serves under /_ddbplay/capacity: a
// capacity.Report (its AppendJSON gives the shape). Items, bytes and item
// collections are the storage's running counts, so the call costs
// O(partitions + history), not O(items); it holds the write lock briefly,
// to let the counts follow a split that a read caused. An unknown table is
// ResourceNotFoundException.
func (db *DB) CapacityJSON(name string) ([]byte, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	var tables []*table
	if name != "" {
		t, err := db.controlTable(name)
		if err != nil {
			return nil, err
		}
		tables = append(tables, t)
	} else {
		for _, t := range db.tables {
			tables = append(tables, t)
		}
		slices.SortFunc(tables, func(a, b *table) int { return strings.Compare(a.name, b.name) })
	}
	rep := capacity.Report{Now: db.clk.Now(), Throttle: db.thr.enforce.Load(), Lag: db.thr.lag.Load()}
	for _, t := range tables {
		tr := capacity.TableReport{Name: t.name, Versions: t.reps.Versions()}
		if t.cap != nil {
			t.syncStats()
			tr.Resources = append(tr.Resources, t.cap.Info(rep.Now))
			for _, ix := range t.indexes {
				if ix.cap != nil {
					tr.Resources = append(tr.Resources, ix.cap.Info(rep.Now))
				}
			}
		}
		rep.Tables = append(rep.Tables, tr)
	}
	return rep.AppendJSON(nil), nil
}

// PartitionOf returns the ID of the partition of the table called name (or
// of its GSI index, when index is not "") that holds the partition key
// value key: deterministic, from the storage's stable hash. Errors are
// ResourceNotFoundException for an unknown table and ValidationException
// for an unknown index or a key value that is not S, N or B.
func (db *DB) PartitionOf(name, index string, key attr.Value) (int, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.controlTable(name)
	if err != nil {
		return 0, err
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

// ResourceHistory is the per-second activity of a table or of one of its
// global secondary indexes, as capacity metering counted it.
type ResourceHistory struct {
	ARN     string
	Index   bool
	Seconds []capacity.Second
}

// CapacityHistory returns the per-second activity of the table called
// name and then of each of its GSIs (capacity.Resource.History): their
// seconds with any activity from Unix second from on, the current one
// included, at most 15 minutes back. Nothing is metered, so the seconds
// are empty, while throughput is not enforced. An unknown table is
// ResourceNotFoundException.
func (db *DB) CapacityHistory(name string, from int64) ([]ResourceHistory, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.controlTable(name)
	if err != nil {
		return nil, err
	}
	if t.cap == nil {
		return nil, nil
	}
	now := db.clk.Now()
	out := []ResourceHistory{{ARN: t.cap.ARN(), Seconds: t.cap.History(now, from)}}
	for _, ix := range t.indexes {
		if ix.cap != nil {
			out = append(out, ResourceHistory{ARN: ix.cap.ARN(), Index: true, Seconds: ix.cap.History(now, from)})
		}
	}
	return out, nil
}

// GetItemUndecoded is GetItem for a caller that does not look at the item
// (the lab's load generator): the same checks, read, capacity and
// throttling, but an item read whole is left undecoded, so the output's
// Item is nil whether or not the item exists.
func (db *DB) GetItemUndecoded(in *GetItemInput) (*GetItemOutput, error) {
	out, err := db.getItem(in, true) // raw: a whole item stays a record
	if out != nil {
		out.Item = nil // a projected one was decoded: drop it too
	}
	return out, err
}

package engine

import (
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/ttl"
)

// Time to Live: UpdateTimeToLive, DescribeTimeToLive, and the expiry of
// items whose TTL attribute holds a time in the past.
//
// Expiry is not tied to reads: as in DynamoDB, an expired item stays
// visible until a sweep deletes it. A sweep (ExpireItems) runs when the
// clock is moved with Advance, and the HTTP handler runs one before a
// request when the engine clock has moved at least a second since its last
// sweep. A sweep costs nothing beyond a look at the catalog when no table
// has TTL enabled, and a scan of each TTL-enabled table otherwise. The
// rules (which changes are refused, when an item has expired) are package
// ttl's.

func init() {
	registerPkg("UpdateTimeToLive", (*DB).UpdateTimeToLive)
	registerPkg("DescribeTimeToLive", (*DB).DescribeTimeToLive)
}

// The Time to Live types are package ttl's.
type (
	TimeToLiveSpecification  = ttl.TimeToLiveSpecification
	TimeToLiveDescription    = ttl.TimeToLiveDescription
	UpdateTimeToLiveInput    = ttl.UpdateTimeToLiveInput
	UpdateTimeToLiveOutput   = ttl.UpdateTimeToLiveOutput
	DescribeTimeToLiveInput  = ttl.DescribeTimeToLiveInput
	DescribeTimeToLiveOutput = ttl.DescribeTimeToLiveOutput
)

// UpdateTimeToLive is ttl.UpdateTimeToLive.
func (db *DB) UpdateTimeToLive(in *UpdateTimeToLiveInput) (*UpdateTimeToLiveOutput, error) {
	return ttl.UpdateTimeToLive((*catalog)(db), in)
}

// DescribeTimeToLive is ttl.DescribeTimeToLive.
func (db *DB) DescribeTimeToLive(in *DescribeTimeToLiveInput) (*DescribeTimeToLiveOutput, error) {
	return ttl.DescribeTimeToLive((*catalog)(db), in)
}

// controlTable returns the table called name (one being deleted too), or
// ResourceNotFoundException in the wording of DynamoDB's control-plane
// operations ("Requested resource not found: Table: X not found"), which
// the TTL operations are. The caller holds db.mu.
func (db *DB) controlTable(name string) (*table, error) {
	if t, ok := db.tables[name]; ok {
		return t, nil
	}
	if t := db.beingDeleted(name); t != nil {
		return t, nil
	}
	return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgResourceNotFoundTableFmt, name)
}

// Advance moves the engine clock forward by d (backward if d < 0) and then
// runs a TTL sweep (ExpireItems), returning the number of items it deleted.
// Tests and tutorials use it instead of waiting. Safe for concurrent use.
func (db *DB) Advance(d time.Duration) int {
	db.clk.Step(d)
	return db.ExpireItems()
}

// ExpireItems deletes, from every table with TTL enabled, the items whose
// TTL attribute is a number of epoch seconds at or before the engine
// clock's now (and not more than five years before it), maintaining every
// index. Items whose TTL attribute is missing or not a number are kept. It
// returns the number of items deleted, and takes only the read lock when
// nothing has expired. Safe for concurrent use.
func (db *DB) ExpireItems() int {
	db.mu.RLock()
	found := db.expiredLocked(true)
	db.mu.RUnlock()
	if found == nil {
		return 0
	}
	n := 0
	_ = db.update(func(tx *txn) error {
		for t, items := range db.expiredLocked(false) {
			for _, it := range items {
				if old, ok := t.data.Delete(it); ok {
					tx.record(t, change{old: old}, true)
					n++
				}
			}
		}
		if n == 0 {
			tx.keep()
		}
		return nil
	})
	return n
}

// expiredLocked returns the expired items of each TTL-enabled table, or
// nil if there are none. With firstOnly it stops at the first one found.
// The caller holds db.mu.
func (db *DB) expiredLocked(firstOnly bool) map[*table][]attr.Item {
	var out map[*table][]attr.Item
	var now, oldest attr.Value
	for _, t := range db.tables {
		if t.ttlAttribute == "" || t.data == nil {
			continue
		}
		if now.IsZero() {
			now, oldest = ttl.Window(clockNow(db))
		}
		name := t.ttlAttribute
		t.data.Scan("", 0, 1, nil, func(it attr.Item) bool {
			if !ttl.Expired(it[name], now, oldest) {
				return true
			}
			if out == nil {
				out = make(map[*table][]attr.Item)
			}
			out[t] = append(out[t], it)
			return !firstOnly
		})
		if firstOnly && out != nil {
			return out
		}
	}
	return out
}

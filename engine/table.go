package engine

import (
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/read"
	"github.com/ddbplay/ddbplay/engine/replica"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/streams"
)

// Table and index statuses.
const (
	statusCreating = "CREATING"
	statusActive   = "ACTIVE"
	statusDeleting = "DELETING"
	statusUpdating = "UPDATING"
)

// Billing modes.
const (
	billingPayPerRequest = schema.PayPerRequest
	billingProvisioned   = schema.Provisioned
)

// table is one table of the catalog. Fields are guarded by DB.mu; a write
// operation may replace data (e.g. with a Clone after an all-or-nothing
// batch) while holding the write lock.
type table struct {
	name    string
	id      string // TableId, a UUID
	arn     string
	created stamp
	status  string // statusActive or statusDeleting (see statusAt)
	// readyAt is the engine-clock time (Unix ns) the table's creation
	// ends (tableCreateTime after CreateTable): before it the table is
	// CREATING, data-plane calls find no such table and UpdateTable and
	// DeleteTable are ResourceInUseException. 0 for a table that was
	// ACTIVE from the start (a restore, see DB.SetRestoring).
	readyAt int64
	// updatedAt is the engine-clock time (Unix ns) an UpdateTable's change
	// ends (tableUpdateTime after it): before it the table is UPDATING and
	// UpdateTable and DeleteTable are ResourceInUseException; reads and
	// writes go on. goneAt is, for a table being deleted, the time it is
	// gone (tableDeleteTime after DeleteTable; see DB.deleting).
	updatedAt, goneAt int64

	// key is the primary key; hashType and rangeType its attribute types
	// (rangeType 0 without a sort key).
	key       storage.KeySchema
	hashType  attr.Type
	rangeType attr.Type

	// attrDefs are the AttributeDefinitions: the table's and its indexes'
	// key attributes, in the order given at creation (new index keys appended).
	attrDefs []AttributeDefinition

	billing string // billingPayPerRequest or billingProvisioned
	// billingNamed is set once BillingMode was given (CreateTable or
	// UpdateTable); DynamoDB reports no BillingModeSummary before that.
	billingNamed   bool
	billingUpdated stamp
	read, write    int64 // provisioned throughput; 0 for on-demand
	// maxRead and maxWrite are OnDemandThroughput's maximums; 0 for none.
	maxRead, maxWrite int64
	decreases         int64 // decreases on the UTC day of lastDecrease
	lastIncrease      stamp
	lastDecrease      stamp

	// indexes are the secondary indexes, LSIs and GSIs, in creation order.
	indexes []*index
	// dropping is the last GSI deleted by UpdateTable, DELETING until its
	// goneAt (one GSI is created or deleted at a time): DescribeTable
	// shows it meanwhile, nothing else sees it (it is out of indexes and
	// of data already). nil if none.
	dropping *index
	// indexOnly is set when the table's last UpdateTable changed nothing
	// but its GSIs (a GSI created or deleted, GSI throughput): while that
	// keeps it UPDATING, its GSIs may still change (see UpdateTable).
	indexOnly bool

	data *storage.Table
	// collectionLimit is the item-collection size limit in bytes, set on
	// tables with a local secondary index (DB.collectionLimit); 0 for none.
	collectionLimit int64

	// Time to Live and tags, kept for the TTL and tagging operations (ttl.go,
	// tags.go). ttlAttribute is "" when TTL is disabled.
	ttlAttribute string
	ttlStatus    string
	tags         map[string]string

	deletionProtection bool

	// The large-table model (throughput.go): the DB's model, the table's
	// capacity (its partitions, burst, metrics), the versions a lagging
	// replica still serves, and the times of switches to on-demand.
	thr      *throughput
	cap      *capacity.Resource
	reps     replica.Set[*storage.Table]
	switches []int64

	// stream is the table's latest DynamoDB stream (enabled or not), or
	// nil if it never had one.
	stream *streams.Stream
}

// How long a table stays CREATING, UPDATING (after a change of billing,
// throughput, streams or indexes) and DELETING, on the engine clock:
// short and deterministic (DynamoDB's take seconds to minutes), long
// enough that code which does not wait fails here as it fails on DynamoDB.
const (
	tableCreateTime = 2 * time.Second
	tableUpdateTime = 2 * time.Second
	tableDeleteTime = 2 * time.Second
)

// The ResourceInUseException texts for a change of a table that is being
// updated or deleted (DynamoDB's, as reported from its answers; the one
// for CREATING is msgTableBeingCreatedFmt).
const (
	msgTableBeingUpdatedFmt = "Attempt to change a resource which is still in use: Table is being updated: %s"
	msgTableBeingDeletedFmt = "Attempt to change a resource which is still in use: Table is being deleted: %s"
)

// The limits on table operations in progress (API Reference,
// LimitExceededException): "up to 500 simultaneous table operations"
// (tables CREATING, UPDATING or DELETING), and 250 CreateTable requests
// of tables with secondary indexes. AWS documents no message; the first
// is worded as DynamoDB words it (reported with its older limit of 10).
const (
	maxBusyTables         = 500
	maxBusyIndexedCreates = 250

	msgTooManyTableOpsFmt      = "Subscriber limit exceeded: Only %d tables can be created, updated, or deleted simultaneously"
	msgTooManyIndexedCreateFmt = "Subscriber limit exceeded: Only %d tables with secondary indexes can be created simultaneously"
)

// checkBusy returns the LimitExceededException another table operation
// gets while maxBusyTables tables are CREATING, UPDATING or DELETING (and,
// for the CreateTable of a table with secondary indexes, while
// maxBusyIndexedCreates such tables are CREATING), or nil. Restoring has
// no limit (nothing takes time then). The caller holds the write lock.
func (db *DB) checkBusy(withIndexes bool) error {
	if db.restoring.Load() {
		return nil
	}
	now := db.clk.Now()
	busy, indexed := 0, 0
	for _, t := range db.tables {
		switch t.statusAt(now) {
		case statusCreating:
			busy++
			if len(t.indexes) > 0 {
				indexed++
			}
		case statusUpdating:
			busy++
		}
	}
	for name := range db.deleting {
		if db.beingDeleted(name) != nil {
			busy++
		}
	}
	switch {
	case busy >= maxBusyTables:
		return ddberr.Newf(ddberr.TypeLimitExceeded, msgTooManyTableOpsFmt, maxBusyTables)
	case withIndexes && indexed >= maxBusyIndexedCreates:
		return ddberr.Newf(ddberr.TypeLimitExceeded, msgTooManyIndexedCreateFmt, maxBusyIndexedCreates)
	}
	return nil
}

// statusAt returns the table's TableStatus at now (engine-clock Unix ns):
// DELETING once deleted, CREATING until readyAt, UPDATING until
// updatedAt, else ACTIVE.
func (t *table) statusAt(now int64) string {
	switch {
	case t.status == statusDeleting:
		return statusDeleting
	case now < t.readyAt:
		return statusCreating
	case now < t.updatedAt:
		return statusUpdating
	}
	return statusActive
}

// creating reports whether t is still being created at now (Unix ns).
func (t *table) creating(now int64) bool { return now < t.readyAt }

// errInUse returns the ResourceInUseException a control-plane change of
// t gets while t is not ACTIVE at now, or nil.
func (t *table) errInUse(now int64) error {
	switch t.statusAt(now) {
	case statusCreating:
		return ddberr.Newf(ddberr.TypeResourceInUse, msgTableBeingCreatedFmt, t.name)
	case statusUpdating:
		return ddberr.Newf(ddberr.TypeResourceInUse, msgTableBeingUpdatedFmt, t.name)
	case statusDeleting:
		return ddberr.Newf(ddberr.TypeResourceInUse, msgTableBeingDeletedFmt, t.name)
	}
	return nil
}

// index is one secondary index of a table.
type index struct {
	def       storage.IndexDef
	arn       string
	hashType  attr.Type
	rangeType attr.Type // 0 when the index has no sort key

	// readyAt is, for a GSI added by UpdateTable, the engine-clock time
	// (Unix ns) its backfill ends (see backfillTime): before it the index
	// is CREATING and cannot be read; 0 for an index built with its table.
	readyAt int64
	// goneAt is, for a GSI deleted by UpdateTable (table.dropping), the
	// engine-clock time (Unix ns) its deletion ends: before it the index
	// is DELETING, then gone; 0 for an index not being deleted.
	goneAt       int64
	read, write  int64 // GSI provisioned throughput; 0 for on-demand
	decreases    int64 // decreases on the UTC day of lastDecrease
	lastDecrease stamp
	// maxRead and maxWrite are the GSI's OnDemandThroughput; 0 for none.
	maxRead, maxWrite int64
	// cap is a GSI's capacity (nil for an LSI, which shares the table's).
	cap *capacity.Resource
}

// statusAt returns the index's IndexStatus at now (Unix ns).
func (ix *index) statusAt(now int64) string {
	switch {
	case ix.goneAt != 0:
		return statusDeleting
	case now < ix.readyAt:
		return statusCreating
	}
	return statusActive
}

// indexBusy returns the GSI of t being created (backfilling) or deleted
// at now (Unix ns), or nil: DynamoDB builds or drops one at a time.
func (t *table) indexBusy(now int64) *index {
	for _, ix := range t.indexes {
		if now < ix.readyAt {
			return ix
		}
	}
	if ix := t.dropping; ix != nil && now < ix.goneAt {
		return ix
	}
	return nil
}

// name returns the index name.
func (ix *index) name() string { return ix.def.Name }

// local reports whether ix is a local secondary index.
func (ix *index) local() bool { return ix.def.Local }

// index returns the secondary index called name, or nil.
func (t *table) index(name string) *index {
	for _, ix := range t.indexes {
		if ix.def.Name == name {
			return ix
		}
	}
	return nil
}

// indexNamed returns the secondary index called name, or a
// ValidationException "The table does not have the specified index: name".
func (t *table) indexNamed(name string) (*index, error) {
	if ix := t.index(name); ix != nil {
		return ix, nil
	}
	return nil, validationf(msgIndexNotFoundFmt, name)
}

// hasLSI reports whether t has a local secondary index (which makes item
// collections limited to 10 GB and ItemCollectionMetrics reported).
func (t *table) hasLSI() bool {
	for _, ix := range t.indexes {
		if ix.def.Local {
			return true
		}
	}
	return false
}

// attrType returns the type declared in AttributeDefinitions for name, or 0.
func (t *table) attrType(name string) attr.Type {
	for _, d := range t.attrDefs {
		if d.AttributeName == name {
			ty, _ := attr.ParseType(d.AttributeType)
			return ty
		}
	}
	return 0
}

// indexEntry returns the entry item has in ix, nil if none (read.Entry).
func (t *table) indexEntry(ix *index, item attr.Item) attr.Item {
	return read.Entry(t.key, &ix.def, item)
}

// isKeyAttr reports whether name is a key attribute of the table (not of an index).
func (t *table) isKeyAttr(name string) bool {
	return name == t.key.Hash || (t.key.Range != "" && name == t.key.Range)
}

// stamp is a time on the engine clock as a table keeps it (see DB): Unix
// milliseconds, the precision DynamoDB reports times with, and whether it
// is set; the zero stamp is "never".
type stamp struct {
	ms  int64
	set bool
}

// stampOf returns t as a stamp; the zero time.Time is the zero stamp.
func stampOf(t time.Time) stamp {
	if t.IsZero() {
		return stamp{}
	}
	return stamp{ms: t.UnixMilli(), set: true}
}

// epoch returns s as EpochSeconds.
func (s stamp) epoch() EpochSeconds { return EpochSeconds(float64(s.ms) / 1000) }

// epochPtr is epoch for optional members: nil for the zero stamp.
func (s stamp) epochPtr() *EpochSeconds {
	if !s.set {
		return nil
	}
	e := s.epoch()
	return &e
}

// decreasesToday returns NumberOfDecreasesToday at now: the count of
// decreases made on now's UTC day, the day of the last one.
func decreasesToday(count int64, last stamp, now time.Time) int64 {
	if last.set && sameUTCDay(time.UnixMilli(last.ms), now) {
		return count
	}
	return 0
}

// sameUTCDay reports whether a and b fall on the same UTC calendar day.
func sameUTCDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}

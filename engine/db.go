package engine

import (
	"encoding/binary"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/idempotency"
	"github.com/ddbplay/ddbplay/engine/streams"
)

// Options configure a DB.
type Options struct {
	// Now is the engine's clock (TTL expiry, CreationDateTime, idempotency
	// windows). Nil means time.Now. Tests and tutorials move it forward
	// instead of waiting. The engine reads it as Unix nanoseconds (so
	// between the years 1678 and 2262), without a monotonic reading.
	Now func() time.Time
	// Region and AccountID appear in ARNs; defaults "us-east-1" and "000000000000".
	Region    string
	AccountID string

	// Throttle turns throughput enforcement on: requests beyond a table's
	// capacity fail with ProvisionedThroughputExceededException (see
	// throughput.go). The browser host turns it on; the native server
	// leaves it off unless started with --throttle, like DynamoDB Local.
	Throttle bool
	// ReplicaLag is how long the third replica and every global secondary
	// index take to receive a write; 0 (the default) makes every read
	// current. Eventually consistent reads may be stale when it is set.
	ReplicaLag time.Duration
	// Seed seeds the choice of the replica serving each eventually
	// consistent read (0 means 1), so that a lesson is reproducible.
	Seed uint64
	// OnPanic, if not nil, is told about every panic Serve recovers: the
	// operation, the panic value and the stack. A panic is a bug.
	OnPanic func(op string, recovered any, stack []byte)
}

// DB is an in-memory DynamoDB. It is safe for concurrent use: read
// operations hold mu's read lock, write operations its write lock, for
// their whole duration.
//
// Neither DB nor anything it holds (tables, indexes) has a time.Time in a
// field or a method signature: tables keep stamps and the clock reads Unix
// nanoseconds. register's generic closures make the linker treat the
// operations' function types, and so every type reachable from *DB, as
// used in interfaces; a time.Time among them would keep its String,
// MarshalJSON and UnmarshalJSON methods, and with them time's formatting
// and parsing, in the browser's WebAssembly module (~28 KB gzip; see
// TestWasmLinks).
type DB struct {
	mu sync.RWMutex
	// clk is the engine's virtual clock, following Options.Now.
	clk *clock.Clock
	// thr is the large-table model: capacity, throttling, replication.
	thr *throughput
	// changes counts the write transactions that changed the DB (see
	// update and Changes).
	changes atomic.Uint64
	// restoring makes new tables and indexes ACTIVE at once (SetRestoring).
	restoring atomic.Bool
	region    string
	account   string
	// tx is the write transaction update runs, reused from one to the next
	// (not allocated per write). Guarded by mu.
	tx txn
	// tables is the catalog, by table name. Guarded by mu.
	tables map[string]*table
	// deleting holds the tables being deleted (DELETING until their goneAt;
	// deletetable.go), out of the catalog. Guarded by mu.
	deleting map[string]*table
	// streamLog holds every table's DynamoDB Streams records. Guarded by mu.
	streamLog *streams.Log
	// collectionLimit is the item-collection size limit given to new tables
	// with local secondary indexes (10 GB; tests lower it).
	collectionLimit int64
	// tokens are the ClientRequestTokens of successful TransactWriteItems
	// requests, remembered for the idempotency window (TransactWriteItems).
	// Guarded by mu.
	tokens idempotency.Tokens[*TransactWriteItemsOutput]

	// onPanic is Options.OnPanic; host is the Host of DB.Serve.
	onPanic func(op string, recovered any, stack []byte)
	host    *Host
}

// New returns an empty DB.
func New(opts Options) *DB {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	clk := clock.New(func() int64 { return now().UnixNano() })
	db := &DB{
		clk:     clk,
		thr:     newThroughput(clk, opts),
		region:  opts.Region,
		account: opts.AccountID,
		tables:  make(map[string]*table),

		collectionLimit: defaultCollectionLimit,
		onPanic:         opts.OnPanic,
	}
	db.host = db.NewHost()
	if db.region == "" {
		db.region = "us-east-1"
	}
	if db.account == "" {
		db.account = "000000000000"
	}
	db.streamLog = streams.NewLog(db.region, db.account)
	return db
}

// clockNow returns the engine clock's current time: Options.Now as the
// virtual clock runs it (moved by Advance, paused, sped up). Safe for
// concurrent use.
func clockNow(db *DB) time.Time { return time.Unix(0, db.clk.Now()) }

// Changes returns a count that moves on whenever a write changes the DB
// (an item, a table, a tag, TTL settings, an expiry sweep that deleted
// items). A host compares it before and after a call to learn whether the
// state it keeps changed. Safe for concurrent use.
func (db *DB) Changes() uint64 { return db.changes.Load() }

// Region returns the region used in ARNs.
func (db *DB) Region() string { return db.region }

// AccountID returns the account used in ARNs.
func (db *DB) AccountID() string { return db.account }

// table returns the table called name, or ResourceNotFoundException
// "Requested resource not found" (the data-plane wording), which is also
// DynamoDB's answer while the table is CREATING. The caller holds db.mu
// (read or write).
func (db *DB) table(name string) (*table, error) {
	if t, ok := db.tables[name]; ok && !t.creating(db.clk.Now()) {
		return t, nil
	}
	return nil, errResourceNotFound()
}

// tableArn returns the ARN of the table called name.
func (db *DB) tableArn(name string) string {
	return ddberr.Sprintf("arn:aws:dynamodb:%s:%s:table/%s", db.region, db.account, name)
}

// newUUID returns a random version-4 UUID in its canonical text form. Table
// IDs need no secrecy: math/rand/v2 keeps crypto/rand out of the browser
// build, which makes the wasm file about 50 KB (gzip) smaller.
func newUUID() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[0:8], rand.Uint64())
	binary.LittleEndian.PutUint64(b[8:16], rand.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return ddberr.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

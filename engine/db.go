package engine

import (
	"encoding/binary"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Options configure a DB.
type Options struct {
	// Now is the engine's clock (TTL expiry, CreationDateTime, idempotency
	// windows). Nil means time.Now. Tests and tutorials move it forward
	// instead of waiting.
	Now func() time.Time
	// Region and AccountID appear in ARNs; defaults "us-east-1" and "000000000000".
	Region    string
	AccountID string
}

// DB is an in-memory DynamoDB. It is safe for concurrent use: read
// operations hold mu's read lock, write operations its write lock, for
// their whole duration.
type DB struct {
	mu    sync.RWMutex
	clock func() time.Time
	// skew is how far Advance has moved the clock, in nanoseconds.
	skew    atomic.Int64
	region  string
	account string
	// tables is the catalog, by table name. Guarded by mu.
	tables map[string]*table
	// collectionLimit is the item-collection size limit given to new tables
	// with local secondary indexes (10 GB; tests lower it).
	collectionLimit int64
}

// New returns an empty DB.
func New(opts Options) *DB {
	db := &DB{
		clock:   opts.Now,
		region:  opts.Region,
		account: opts.AccountID,
		tables:  make(map[string]*table),

		collectionLimit: defaultCollectionLimit,
	}
	if db.clock == nil {
		db.clock = time.Now
	}
	if db.region == "" {
		db.region = "us-east-1"
	}
	if db.account == "" {
		db.account = "000000000000"
	}
	return db
}

// Now returns the engine clock's current time: Options.Now moved forward by
// every Advance so far. Safe for concurrent use.
func (db *DB) Now() time.Time { return db.now() }

func (db *DB) now() time.Time { return db.clock().Add(time.Duration(db.skew.Load())) }

// Region returns the region used in ARNs.
func (db *DB) Region() string { return db.region }

// AccountID returns the account used in ARNs.
func (db *DB) AccountID() string { return db.account }

// table returns the table called name, or ResourceNotFoundException
// "Requested resource not found" (the data-plane wording). The caller
// holds db.mu (read or write).
func (db *DB) table(name string) (*table, error) {
	if t, ok := db.tables[name]; ok {
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

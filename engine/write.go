package engine

import (
	"math"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/consumed"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/storage"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// defaultCollectionLimit is DynamoDB's item-collection size limit on
// tables with local secondary indexes: 10 GB.
const defaultCollectionLimit = 10 << 30

// txn is a write in progress: update hands one to its function, under the
// DB's write lock. A function that may fail after writing some items (a
// batch, a transaction) calls protect on each table before writing to it;
// if the function then fails, every protected table is put back as it was.
type txn struct {
	db *DB
	// originals holds the data of each protected table as it was before
	// the transaction, in protect order.
	originals []original
	// unchanged is set by a function that changed nothing (see keep).
	unchanged bool
	// records are the stream records of the writes so far (see record),
	// appended to the tables' streams when the transaction commits.
	records []pendingRecord
}

// original is a protected table and its data before the transaction.
type original struct {
	t    *table
	data *storage.Table
}

// update runs fn as one write transaction: it holds the DB's write lock
// for fn's whole run, and commits when fn returns nil: the writes stay and
// the DB's change count (Changes) moves on. When fn returns an error, the
// protected tables are rolled back and the error returned. Operations
// never commit or roll back themselves, and never take the lock.
func (db *DB) update(fn func(tx *txn) error) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	tx := &db.tx // one update at a time, under the lock: not allocated per write
	*tx = txn{db: db}
	err := fn(tx)
	if err != nil {
		for _, o := range tx.originals {
			o.t.data = o.data
		}
	} else {
		if !tx.unchanged {
			db.changes.Add(1)
		}
		for _, r := range tx.records {
			db.recordChanges(r.t, r.c)
		}
	}
	*tx = txn{} // not keeping what it points to
	return err
}

// table returns the table called name, or ResourceNotFoundException in
// the data-plane wording.
func (tx *txn) table(name string) (*table, error) { return tx.db.table(name) }

// protect makes the writes to t's items from now on undone if the
// transaction fails: the first call for a table swaps its data for an O(1)
// copy-on-write clone, and keeps the original for the rollback.
func (tx *txn) protect(t *table) {
	for _, o := range tx.originals {
		if o.t == t {
			return
		}
	}
	tx.originals = append(tx.originals, original{t: t, data: t.data})
	t.data = t.data.Clone()
}

// keep tells update that the function, though it succeeds, changed
// nothing (a replayed idempotent request, a description that found no
// index to advance): the change count stays.
func (tx *txn) keep() { tx.unchanged = true }

// write is the validated condition of a single-item write, ready to run
// under the write lock.
type write struct {
	cond      *expr.Condition // nil: unconditional
	onFailure string          // ReturnValuesOnConditionCheckFailure
	// txn marks an action of a transaction, which admits its capacity
	// and replicates as a whole (transactwriteitems.go); batch marks a
	// request of a batch, admitted one by one but replicated as a whole.
	txn, batch bool
	// noOld marks a write whose caller needs no old item (PutItem without
	// ReturnValues ALL_OLD or ReturnConsumedCapacity): unless apply reads
	// it anyway or the table has a stream, the item a put replaces is not
	// decoded, and change.old stays nil.
	noOld bool
}

// change is what one item write did: the item before and after it (nil:
// none) and the size of the new item.
type change struct {
	old, new attr.Item
	size     int // attr.ItemSize(new); 0 when new is nil
}

// apply runs one single-item write on t; the caller holds the write lock
// and has validated the request. It reads the item with key's primary key
// (key may be a whole item), checks the condition, computes the new item —
// newItem (of size newSize), or update(old) when update is not nil — and
// stores it; a nil result deletes the item. Item collections of tables
// with LSIs may not grow past the limit. With throughput enforced, a write
// beyond the table's capacity is throttled (admitWrite). Nothing is
// written when an error is returned.
func (t *table) apply(w *write, key, newItem attr.Item, newSize int, update func(old attr.Item) (attr.Item, int, error)) (c change, err error) {
	// read: old was read here, so storage need not decode it again.
	// Metering needs the old item for its index entries (and a
	// transaction's), only its size otherwise: then the put itself hands
	// it to admitWrite (storage.PutAdmit), with no second lookup.
	var found, read bool
	enforced := t.enforced()
	if w.cond != nil || update != nil || newItem == nil || t.collectionLimit > 0 || enforced && (w.txn || len(t.indexes) > 0) {
		read = true
		c.old, found = t.data.Get(key)
		if !found {
			c.old = nil
		}
		if w.cond != nil && !w.cond.Eval(c.old) {
			return change{}, conditionFailed(c.old, w.onFailure)
		}
	}
	c.new, c.size = newItem, newSize
	if update != nil {
		if c.new, c.size, err = update(c.old); err != nil {
			return change{}, err
		}
	}
	meter := enforced && !w.txn
	if meter {
		// Admission may split partitions: the storage's running counts
		// follow them once the write is done (or refused).
		defer t.syncStats()
		if read {
			if err := t.admitWrite(c, -1); err != nil {
				return change{}, err
			}
		}
	}
	if !w.txn && !w.batch {
		defer func() {
			if err == nil {
				t.replicate()
			}
		}()
	}
	if c.new == nil {
		if found {
			t.data.DeleteAfterGet(key, c.old)
		}
		return c, nil
	}
	if t.collectionLimit > 0 {
		delta := t.collectionBytes(c.new, c.size) - t.collectionBytes(c.old, -1)
		if delta > 0 && t.data.CollectionSize(c.new[t.key.Hash])+delta > t.collectionLimit {
			return change{}, ddberr.New(ddberr.TypeItemCollectionSizeLimitExceeded, msgCollectionTooLarge)
		}
	}
	if read {
		t.data.PutAfterGetSized(c.new, c.old, c.size)
		return c, nil
	}
	var admit func(oldSize int64) error
	if meter {
		admit = func(oldSize int64) error { return t.admitWrite(c, int(oldSize)) }
	}
	if w.noOld && (t.stream == nil || !t.stream.Enabled()) {
		_, err = t.data.PutAdmitNoOld(c.new, c.size, admit)
	} else {
		c.old, _, err = t.data.PutAdmit(c.new, c.size, admit)
	}
	if err != nil {
		return change{}, err
	}
	return c, nil
}

// collectionBytes is the size item adds to its item collection: its own
// size (size, or computed when negative) plus its local-secondary-index
// entries. Zero for nil.
func (t *table) collectionBytes(item attr.Item, size int) int64 {
	if item == nil {
		return 0
	}
	if size < 0 {
		size = attr.ItemSize(item)
	}
	n := int64(size)
	for _, ix := range t.indexes {
		if ix.def.Local {
			if e := t.indexEntry(ix, item); e != nil {
				n += int64(attr.ItemSize(e))
			}
		}
	}
	return n
}

// singleWrite holds the members PutItem, DeleteItem and UpdateItem share,
// and runs what they share: the member checks, the write transaction on
// the named table, and the capacity and collection reports.
type singleWrite struct {
	tableName           string
	keyMember           string // "item" or "key"
	key                 attr.Item
	returnValues        string
	onFailure           string
	returnCapacity      string
	returnMetrics       string
	conditionalOperator string
}

// check records the member constraints (table name, the item or key
// present, the enums) and, when rvAllowed is not empty, rejects a
// ReturnValues the operation does not support.
func (s *singleWrite) check(rvAllowed ...string) error {
	var v violations
	v.TableName("tableName", s.tableName)
	if s.key == nil {
		v.Add("null", s.keyMember, validate.NotNull)
	}
	v.returnValues(s.returnValues)
	v.ReturnValuesOnFailure(s.onFailure)
	v.ReturnConsumedCapacity(s.returnCapacity)
	v.ReturnItemCollectionMetrics(s.returnMetrics)
	v.Enum("conditionalOperator", s.conditionalOperator, "AND", "OR")
	if err := v.Err(); err != nil {
		return err
	}
	if len(rvAllowed) > 0 {
		return checkReturnValues(s.returnValues, rvAllowed...)
	}
	return nil
}

// run runs fn on the named table in a write transaction and returns its
// change with the ConsumedCapacity and ItemCollectionMetrics to report.
func (s *singleWrite) run(db *DB, fn func(t *table) (change, error)) (c change, cc *ConsumedCapacity, m *ItemCollectionMetrics, err error) {
	err = db.update(func(tx *txn) error {
		t, err := tx.table(s.tableName)
		if err != nil {
			return err
		}
		if c, err = fn(t); err != nil {
			return err
		}
		tx.record(t, c, false)
		used := newConsumption(s.returnCapacity, t.name, false)
		addWrite(used, t, c, false)
		cc = consumed.Of(used)
		m = t.collectionMetrics(s.returnMetrics, s.key)
		return nil
	})
	return c, cc, m, err
}

// collectionMetrics returns the ItemCollectionMetrics for the collection of
// item (any item holding the partition key) when mode is SIZE and t has a
// local secondary index; otherwise nil. The estimate is the 1 GB range
// holding the collection's current size.
func (t *table) collectionMetrics(mode string, item attr.Item) *ItemCollectionMetrics {
	if mode != "SIZE" || !t.hasLSI() || item == nil {
		return nil
	}
	h := item[t.key.Hash]
	gb := math.Floor(float64(t.data.CollectionSize(h)) / (1 << 30))
	return &ItemCollectionMetrics{
		ItemCollectionKey:   attr.Item{t.key.Hash: h},
		SizeEstimateRangeGB: []float64{gb, gb + 1},
	}
}

package storage

import "github.com/ddbplay/ddbplay/engine/attr"

// This file holds the agreed exported API. The storage owner gives each a
// real body in its proper file, may add more exports, and deletes this file
// when it is empty. Changing a signature here needs the ops owner's agreement.

// KeySchema names the key attributes of a table or index.
type KeySchema struct {
	Hash  string
	Range string // "" when there is no sort key
}

// Projection types of a secondary index.
const (
	ProjectAll      = "ALL"
	ProjectKeysOnly = "KEYS_ONLY"
	ProjectInclude  = "INCLUDE"
)

// IndexDef describes a secondary index kept beside a table.
type IndexDef struct {
	Name           string
	Key            KeySchema
	Local          bool     // LSI (shares the table's partition key)
	ProjectionType string   // ProjectAll, ProjectKeysOnly or ProjectInclude
	NonKey         []string // projected non-key attributes for ProjectInclude
}

// Table holds one table's items and indexes. Items passed in are kept, not
// copied, and must not be modified afterwards; items handed out must not be
// modified either.
type Table struct{ _ int }

// NewTable returns an empty table.
func NewTable(key KeySchema, indexes []IndexDef) *Table { panic("todo") }

// Clone returns an O(1) copy-on-write snapshot: later writes to either
// table are not seen by the other.
func (t *Table) Clone() *Table { panic("todo") }

// Get returns the item whose primary key equals the key attributes of key
// (other attributes of key are ignored).
func (t *Table) Get(key attr.Item) (attr.Item, bool) { panic("todo") }

// Put inserts or replaces item (which holds valid key attributes) and
// updates every index: an item lacking an index key attribute is not in
// that index; a changed index key moves the entry.
func (t *Table) Put(item attr.Item) (old attr.Item, existed bool) { panic("todo") }

// Delete removes the item with key's primary key, from the table and every index.
func (t *Table) Delete(key attr.Item) (old attr.Item, existed bool) { panic("todo") }

// Len returns the number of items; SizeBytes their total attr.ItemSize.
func (t *Table) Len() int { panic("todo") }

// SizeBytes returns the total attr.ItemSize of the table's items.
func (t *Table) SizeBytes() int64 { panic("todo") }

// AddIndex adds a secondary index and fills it from the existing items.
func (t *Table) AddIndex(def IndexDef) { panic("todo") }

// DropIndex removes a secondary index.
func (t *Table) DropIndex(name string) { panic("todo") }

// IndexLen returns the number of entries of an index; IndexSizeBytes their
// total size counted on the projected attributes (DynamoDB's IndexSizeBytes).
func (t *Table) IndexLen(name string) int { panic("todo") }

// IndexSizeBytes: see IndexLen.
func (t *Table) IndexSizeBytes(name string) int64 { panic("todo") }

// CollectionSize returns the item-collection size for a partition key value:
// the sizes of the table's items with that partition key plus their
// local-secondary-index entries (for the 10 GB LSI limit and
// ItemCollectionMetrics).
func (t *Table) CollectionSize(hash attr.Value) int64 { panic("todo") }

// Range ops for Query.
const (
	OpNone       = ""
	OpEq         = "="
	OpLt         = "<"
	OpLe         = "<="
	OpGt         = ">"
	OpGe         = ">="
	OpBetween    = "BETWEEN"
	OpBeginsWith = "BEGINS_WITH"
)

// RangeCond restricts the sort key of a Query. For OpBetween A and B are
// the bounds (inclusive); otherwise A is the operand.
type RangeCond struct {
	Op   string
	A, B attr.Value
}

// Query calls fn for each item of the partition hash (of the table, or of
// index when index != ""), in sort-key order (reversed when !forward),
// restricted by rc, starting after the exclusive start key start (nil to
// start at the beginning; for an index it holds the index keys and the
// table's primary key), until fn returns false. Index queries hand out the
// full table item; projection is the caller's work.
func (t *Table) Query(index string, hash attr.Value, rc RangeCond, forward bool, start attr.Item, fn func(attr.Item) bool) {
	panic("todo")
}

// Scan calls fn for each item of the table (or of index) in hash order,
// restricted to parallel-scan segment of total (total 1 for all items:
// segment i covers hashes [i·2⁶⁴/total, (i+1)·2⁶⁴/total)), starting after
// the exclusive start key start (nil for the beginning), until fn returns false.
func (t *Table) Scan(index string, segment, total int, start attr.Item, fn func(attr.Item) bool) {
	panic("todo")
}

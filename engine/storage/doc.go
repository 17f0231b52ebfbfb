// Package storage keeps a table's items and its secondary indexes in
// google/btree trees.
//
// A table's tree is ordered by (hash of the partition key, partition key,
// sort key), so a Query reads one contiguous item collection in sort-key
// order and a Scan walks items in hash order, as DynamoDB does; parallel-scan
// segments are contiguous hash ranges. Each index is its own tree ordered by
// (hash of the index partition key, index partition key, index sort key,
// table primary key). The hash (FNV-1a 64 with a murmur3 finaliser over
// attr.AppendKey's encoding) is stable across runs and platforms, so native
// and WebAssembly builds scan in the same order.
//
// Items are held in a record (see record.go): one string per item, shared
// by the table entry and every index entry, with no Go pointers inside, so
// a large table costs little memory and little garbage collector work.
// Items handed out are decoded from it on each call; QueryRecords and
// ScanRecords hand out the records themselves (Record), so that a reader
// needing only an item's size or a few attributes decodes only those
// (GetRecord likewise), and a write after Get (PutAfterGet,
// DeleteAfterGet) does not decode the old item again.
//
// A record holds the item's DynamoDB JSON (as attr.AppendItemJSON writes
// it) and, after it, its attributes in a binary form whose long texts
// point into that JSON, so Record.AppendJSON copies an item's JSON: the
// engine answers a GetItem, Query or Scan that returns items whole without
// building them or writing their JSON afresh.
//
// Where read time goes (BenchmarkRecord, BenchmarkTable): decoding a
// 200-byte item costs about what copying it into a fresh attr.Item map
// does, so handing out whole items is bounded by building Go maps (about
// 10× the bare B-tree walk of a random partition for a 100-item Query on a
// 1M-item table, and 50× or more a walk already in cache), and about
// a third of that is garbage-collector marking of the table's million
// record allocations (fewer, larger allocations for records, slabs, would
// cut that, at the price of freeing replaced records late). Handing out
// the records (1M/QueryRecords100) costs little more than the walk
// (1.3–2.5× btree-walk100): the extra is loading the 100 items' keys,
// which the bare walk does not touch.
//
// Each tree also keeps running counts (items, bytes, item collections)
// under ranges of partition-key hashes that the caller sets
// (SetHashBounds: the capacity model's partitions), updated by every
// write, so HashStats answers in O(ranges) without walking the entries.
//
// A Table is not safe for concurrent use: the engine allows one writer or
// many readers at a time. Clone gives an O(1) copy-on-write snapshot, used
// for all-or-nothing batches and transactions.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, github.com/google/btree
//	must not import: engine/expr, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
package storage

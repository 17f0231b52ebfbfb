// Package streams is DynamoDB Streams: a log of item changes per table,
// kept in shards of records with sequence numbers, read through the
// Streams API (ListStreams, DescribeStream, GetShardIterator, GetRecords).
//
// The engine owns one Log per database. It turns a table's stream on and
// off (Enable, Disable) and hands every committed change to Append while it
// still holds its write lock, so that a change and its record are written
// together: a write that fails writes no record, a transaction's records
// all appear. Reading (Handle) does not modify the log and needs only the
// read lock: records older than the retention period (24 hours on the
// engine's clock) are hidden at once and dropped on the next Append.
//
// streams imports attr, ddberr and wire only; it must not import expr,
// storage, net/http or syscall/js:
//
//	may import:      engine/attr, engine/ddberr, engine/wire
//	must not import: engine/expr, engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
package streams

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
// The API's requests and responses (api.go) declare their members once,
// in field tables (package fieldtab), as the engine's operations do:
// Handle decodes a request and writes its response by them, with the
// Streams API's own SerializationException wording.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/ddberr, engine/fieldtab, engine/wire
//	must not import: engine/expr, engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
package streams

// Package datadir keeps a ddbplay database in a directory on disk, so that
// every write a client saw acknowledged survives a restart, a kill -9 and,
// with the default sync policy, a power loss (ddbplay --data DIR).
//
// # Layout of a data directory
//
//	DIR/ddbplay-data.json     marker: {"format":"ddbplay-data","version":1}
//	DIR/LOCK                  flock'ed by the one process that has DIR open
//	DIR/snap-<gen>.json       the newest snapshot, in engine/snapshot's format
//	DIR/wal-<gen>.log         write-ahead log of the writes since that snapshot
//	DIR/files/<component>/    files other components keep in DIR (Store.FilesDir)
//
// gen is a generation number, 16 hex digits. The state is the snapshot of
// the highest generation G (none: empty) followed by the records of every
// log whose generation is G or higher, in order.
//
// # Writes
//
// Store.Serve runs each call through an engine.Host (the policy every host
// shares), one call at a time, at one engine time read when it starts.
// When a call changed the database (engine.DB.Changes), its request —
// operation, body and that time — is appended to the log as one record
// before the answer is returned: a BatchWriteItem or TransactWriteItems is
// one record, so recovery replays all of it or none of it. A failed write
// changes nothing and is not logged. TTL sweeps that delete items are
// logged too (their time only). Replaying a record runs the same request
// on the same state at the same engine time, which gives the same result.
//
// Sync policies: SyncAlways (the default) returns an answer only once its
// record is on stable storage (fdatasync; writers waiting at the same time
// share one sync); SyncNone returns once the record is written to the
// operating system: it survives the process being killed, not a power loss
// or a kernel crash.
//
// # Snapshots
//
// When the log passes Options.SnapshotBytes, and on Close, the store takes
// a snapshot: under the write lock (reads go on; writes wait) it exports
// the state and starts the log of the next generation; it then writes
// snap-<gen+1>.json (to a temporary name, fsync, rename, fsync of the
// directory) and deletes the older snapshot and logs. A crash at any point
// leaves a directory that recovers to the same state.
//
// # Recovery
//
// Open locks DIR (a second process gets an error naming DIR), checks the
// marker, imports the newest snapshot and replays the logs. A torn record
// at the very end of the newest log — an append cut short by the crash —
// is cut off and reported through Options.Logf. Anything else that does
// not read back — a foreign directory (files but no marker), a marker of
// another format or version, a snapshot that does not import, a bad record
// in the middle, a record the engine refuses — is an error: Open never
// starts empty over data it could not read.
//
// datadir imports the engine and the standard library (os and syscall for
// the lock); it must not import net/http.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      datadir/wal, engine, engine/ddberr, engine/snapshot
//	must not import: web, net/http, syscall/js
package datadir

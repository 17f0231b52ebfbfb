package datadir

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ddbplay/ddbplay/datadir/wal"
	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/snapshot"
)

// Marker file contents.
const (
	markerName    = "ddbplay-data.json"
	markerFormat  = "ddbplay-data"
	markerVersion = 1
	lockName      = "LOCK"
	filesName     = "files"
)

// DefaultSnapshotBytes is Options.SnapshotBytes when it is 0.
const DefaultSnapshotBytes = 64 << 20

// Sync is a sync policy: when an acknowledged write is on stable storage.
type Sync int

const (
	// SyncAlways acknowledges a write once its log record is on stable
	// storage (fdatasync): it survives kill -9 and a power loss.
	SyncAlways Sync = iota
	// SyncNone acknowledges a write once its log record is handed to the
	// operating system: it survives kill -9, not a power loss.
	SyncNone
)

// ParseSync reads a sync policy by name: "always" or "none".
func ParseSync(s string) (Sync, error) {
	switch s {
	case "always":
		return SyncAlways, nil
	case "none":
		return SyncNone, nil
	}
	return 0, fmt.Errorf("unknown sync policy %q (want always or none)", s)
}

// Options configure Open.
type Options struct {
	// Engine configures the DB. Its clock (Now) is read once per write and
	// logged with it.
	Engine engine.Options
	// Sync is the sync policy (default SyncAlways).
	Sync Sync
	// SnapshotBytes is the log size past which a snapshot is taken in the
	// background; 0 means DefaultSnapshotBytes.
	SnapshotBytes int64
	// Logf, if not nil, is told about recovery (records replayed, a torn
	// tail cut off) and background snapshot failures.
	Logf func(format string, args ...any)
}

// writeOps are the operations that change the database: a store that can
// no longer write refuses them up front. (What is logged is decided by
// whether a call changed the database, engine.DB.Changes.)
var writeOps = map[string]bool{
	"PutItem": true, "UpdateItem": true, "DeleteItem": true, "BatchWriteItem": true,
	"TransactWriteItems": true, "CreateTable": true, "UpdateTable": true, "DeleteTable": true,
	"UpdateTimeToLive": true, "TagResource": true, "UntagResource": true,
}

// Store is a database kept in a data directory. Its methods are safe for
// concurrent use.
type Store struct {
	dir  string
	opts Options
	lock *os.File

	db   atomic.Pointer[engine.DB]
	host *engine.Host // of db, sweeping through sweep; guarded by mu
	// swept is db.Changes() after the running call's sweep (or before the
	// call when it did not sweep); guarded by mu.
	swept uint64
	// pinned, when not 0, is the engine clock's reading (Unix nanoseconds)
	// for the write being run or replayed.
	pinned atomic.Int64
	now    func() time.Time

	mu      sync.Mutex // the write lock: one write, sweep or snapshot at a time
	log     *wal.Log
	gen     uint64
	failed  error // a log write failed: no more writes
	closing bool  // Close has begun: no more background snapshots
	closed  bool

	snapMu   sync.Mutex // one snapshot at a time
	snapping atomic.Bool
	snapWG   sync.WaitGroup
}

// Open opens the data directory dir, creating it (and its parents) if it
// does not exist, and recovers its database. See the package
// documentation. The caller must Close the store.
func Open(dir string, opts Options) (s *Store, err error) {
	if opts.SnapshotBytes <= 0 {
		opts.SnapshotBytes = DefaultSnapshotBytes
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDir(filepath.Join(dir, lockName))
	if err != nil {
		return nil, fmt.Errorf("data directory %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			lock.Close()
		}
	}()
	s = &Store{dir: dir, opts: opts, lock: lock, now: opts.Engine.Now}
	if s.now == nil {
		s.now = time.Now
	}
	opts.Engine.Now = s.clock
	s.opts.Engine = opts.Engine
	if err := s.checkMarker(); err != nil {
		return nil, err
	}
	if err := s.recover(); err != nil {
		return nil, err
	}
	return s, nil
}

// clock is the engine's clock: the pinned time of the write being run or
// replayed, else Options.Engine.Now.
func (s *Store) clock() time.Time {
	if p := s.pinned.Load(); p != 0 {
		return time.Unix(0, p)
	}
	return s.now()
}

func (s *Store) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}

// Record kinds.
const (
	kindOp     = 'o' // an operation: time, op name, request body
	kindExpire = 'x' // a TTL sweep that deleted items: time
)

// encodeRecord returns a log record.
func encodeRecord(kind byte, at int64, op string, body []byte) []byte {
	rec := make([]byte, 0, 1+8+binary.MaxVarintLen64+len(op)+len(body))
	rec = append(rec, kind)
	rec = binary.LittleEndian.AppendUint64(rec, uint64(at))
	if kind == kindOp {
		rec = binary.AppendUvarint(rec, uint64(len(op)))
		rec = append(rec, op...)
		rec = append(rec, body...)
	}
	return rec
}

// decodeRecord splits a log record.
func decodeRecord(rec []byte) (kind byte, at int64, op string, body []byte, err error) {
	if len(rec) < 9 || rec[0] != kindOp && rec[0] != kindExpire {
		return 0, 0, "", nil, errors.New("unknown record")
	}
	kind, at, rest := rec[0], int64(binary.LittleEndian.Uint64(rec[1:9])), rec[9:]
	if kind == kindExpire {
		if len(rest) != 0 {
			return 0, 0, "", nil, errors.New("bad sweep record")
		}
		return kind, at, "", nil, nil
	}
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)-k) {
		return 0, 0, "", nil, errors.New("bad operation record")
	}
	op = string(rest[k : k+int(n)])
	if op == "" {
		return 0, 0, "", nil, errors.New("record without an operation")
	}
	return kind, at, op, rest[k+int(n):], nil
}

// replay applies one log record at its own engine time.
func (s *Store) replay(rec []byte) error {
	kind, at, op, body, err := decodeRecord(rec)
	if err != nil {
		return err
	}
	s.pinned.Store(at)
	defer s.pinned.Store(0)
	db := s.db.Load()
	// A replayed CreateTable's table is ACTIVE at once: the writes logged
	// after it were accepted once it was.
	db.SetRestoring(true)
	defer db.SetRestoring(false)
	if kind == kindExpire {
		db.ExpireItems()
		return nil
	}
	if _, err := db.Handle(op, body); err != nil {
		return fmt.Errorf("%s failed on replay: %w", op, err)
	}
	return nil
}

// Serve runs the operation op on the DynamoDB JSON request body with the
// host policy of engine.Host.Serve (TTL sweep, panics, error bodies) and
// the same results. Calls run one at a time, each at one engine time. A
// call that changed the database is logged (and, with SyncAlways, synced)
// before Serve returns, and so is a TTL sweep that deleted items. If the
// log cannot be written, the answer is an InternalServerError and every
// later write fails the same way (the failed write may stay visible until
// a restart, which recovers what the log holds).
func (s *Store) Serve(op string, body []byte) (status int, resp []byte, wrote bool) {
	s.mu.Lock()
	if err := s.writable(); err != nil && writeOps[op] {
		s.mu.Unlock()
		status, resp = engine.ErrorBody(err)
		return status, resp, false
	}
	db := s.db.Load()
	at := s.now().UnixNano()
	s.pinned.Store(at)
	before := db.Changes()
	s.swept = before
	status, resp, _ = s.host.Serve(op, body)
	s.pinned.Store(0)
	after := db.Changes()
	if status != 200 || after == s.swept {
		s.mu.Unlock()
		return status, resp, after != before
	}
	l, end, err := s.appendLocked(encodeRecord(kindOp, at, op, body))
	s.mu.Unlock()
	if err == nil {
		err = s.sync(l, end)
	}
	if err != nil {
		status, resp = engine.ErrorBody(err)
	}
	return status, resp, true
}

// sweep is the TTL sweep of the store's engine.Host: it runs inside Serve,
// under mu, at the call's pinned time, and logs a sweep that deleted
// items. Its record needs no sync of its own: a later record's sync covers
// it, and a lost sweep is redone by the next one.
func (s *Store) sweep() int {
	db := s.db.Load()
	n := db.ExpireItems()
	s.swept = db.Changes()
	if n > 0 && s.writable() == nil {
		_, _, _ = s.appendLocked(encodeRecord(kindExpire, s.pinned.Load(), "", nil))
	}
	return n
}

// ExpireItems runs a TTL sweep now, as engine.DB.ExpireItems does, logged
// when it deleted items.
func (s *Store) ExpireItems() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pinned.Store(s.now().UnixNano())
	defer s.pinned.Store(0)
	return s.sweep()
}

// writable returns the error that refuses writes, if any. The caller
// holds mu.
func (s *Store) writable() error {
	if s.closed {
		return ddberr.New(ddberr.TypeInternalServerError, msgClosed)
	}
	if s.failed != nil {
		return ddberr.New(ddberr.TypeInternalServerError, msgCannotWrite+s.failed.Error())
	}
	return nil
}

// appendLocked logs a record; the caller holds mu. It starts a background
// snapshot when the log has grown past SnapshotBytes.
func (s *Store) appendLocked(rec []byte) (*wal.Log, int64, error) {
	end, err := s.log.Append(rec)
	if err != nil {
		s.failed = err
		s.logf("data directory %s: log write failed, refusing further writes: %v", s.dir, err)
		return nil, 0, ddberr.New(ddberr.TypeInternalServerError, msgCannotWrite+err.Error())
	}
	if end > s.opts.SnapshotBytes && !s.closing && s.snapping.CompareAndSwap(false, true) {
		s.snapWG.Add(1)
		go func() {
			defer s.snapWG.Done()
			defer s.snapping.Store(false)
			if err := s.Snapshot(); err != nil {
				s.logf("data directory %s: snapshot failed (the log keeps every write): %v", s.dir, err)
			}
		}()
	}
	return s.log, end, nil
}

// sync waits for the record ending at end under the sync policy.
func (s *Store) sync(l *wal.Log, end int64) error {
	if s.opts.Sync == SyncNone {
		return nil
	}
	if err := l.Sync(end); err != nil {
		s.mu.Lock()
		if s.failed == nil {
			s.failed = err
		}
		s.mu.Unlock()
		return ddberr.New(ddberr.TypeInternalServerError, msgCannotWrite+err.Error())
	}
	return nil
}

// Snapshot writes the current state as the snapshot of a new generation
// and deletes the older snapshot and logs. Writes wait while the state is
// exported; reads go on.
func (s *Store) Snapshot() error {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	s.mu.Lock()
	if err := s.writable(); err != nil {
		s.mu.Unlock()
		return err
	}
	data, g, err := s.rotateLocked(s.db.Load())
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return s.writeSnapshot(data, g)
}

// rotateLocked exports db and starts the log of the next generation; the
// caller holds mu. It returns the snapshot text and its generation.
func (s *Store) rotateLocked(db *engine.DB) ([]byte, uint64, error) {
	data, err := snapshot.Export(db)
	if err != nil {
		return nil, 0, err
	}
	// The old log is whole on stable storage before the new one exists:
	// only the newest log may end in a torn record.
	old := s.log
	if err := old.Sync(old.Size()); err != nil {
		return nil, 0, err
	}
	g := s.gen + 1
	l, err := wal.Create(filepath.Join(s.dir, logName(g)))
	if err != nil {
		return nil, 0, err
	}
	if err := syncDir(s.dir); err != nil {
		l.Close()
		return nil, 0, err
	}
	s.log, s.gen = l, g
	if err := old.Close(); err != nil {
		s.logf("data directory %s: closing %s: %v", s.dir, old.Path(), err)
	}
	return data, g, nil
}

// writeSnapshot writes snap-<g>.json durably and deletes what it replaces.
func (s *Store) writeSnapshot(data []byte, g uint64) error {
	if err := writeFileSync(s.dir, snapName(g), data); err != nil {
		return err
	}
	s.removeBefore(g)
	return nil
}

// Export returns the whole database as a snapshot (engine/snapshot's
// format). Writes wait while it is taken, so it is consistent.
func (s *Store) Export() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return snapshot.Export(s.db.Load())
}

// Import replaces the whole database with the snapshot data, all or
// nothing (errors are engine/snapshot's *ddberr.Error), and makes it
// durable as a new generation before returning.
func (s *Store) Import(data []byte) error {
	db, err := snapshot.Import(data, snapshot.Options{Engine: s.opts.Engine, MaxBytes: len(data) + 1})
	if err != nil {
		return err
	}
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	s.mu.Lock()
	if err := s.writable(); err != nil {
		s.mu.Unlock()
		return err
	}
	out, g, err := s.rotateLocked(db)
	if err == nil {
		// Write the snapshot before anyone sees the new state: a crash now
		// recovers the old state from the old generation.
		err = s.writeSnapshot(out, g)
	}
	if err == nil {
		s.db.Store(db)
		s.host = db.NewHostSweeping(s.sweep)
	}
	s.mu.Unlock()
	return err
}

// FilesDir returns DIR/files/<component>, created if needed: the place
// where another part of ddbplay (say, short links) keeps its own files in
// the data directory, under the same lock. component must be a simple name
// ([a-z0-9-]). Write files there with WriteFile to keep them whole across
// a crash.
func (s *Store) FilesDir(component string) (string, error) {
	if component == "" || strings.Trim(component, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "", fmt.Errorf("datadir: bad component name %q", component)
	}
	dir := filepath.Join(s.dir, filesName, component)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// WriteFile writes data to dir/name so that after a crash the file holds
// either its old contents or data, never a mix: it writes a temporary
// file, syncs it, renames it over name and syncs dir.
func WriteFile(dir, name string, data []byte) error { return writeFileSync(dir, name, data) }

// Dir returns the data directory's path.
func (s *Store) Dir() string { return s.dir }

// Close takes a final snapshot (so the next Open has no log to replay),
// closes the log and releases the directory. Writes after Close fail.
func (s *Store) Close() error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.snapWG.Wait()
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	var data []byte
	var g uint64
	var err error
	if s.failed == nil {
		data, g, err = s.rotateLocked(s.db.Load())
	}
	s.closed = true
	s.mu.Unlock()
	if err == nil && data != nil {
		err = s.writeSnapshot(data, g)
	}
	if cerr := s.log.Close(); err == nil {
		err = cerr
	}
	if cerr := s.lock.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeFileSync writes dir/name through a synced temporary file and a
// rename, then syncs dir.
func writeFileSync(dir, name string, data []byte) error {
	tmp := filepath.Join(dir, name+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// syncDir makes the creation, rename or removal of files in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

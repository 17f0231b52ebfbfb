package wal

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

const (
	// MaxRecord is the largest payload a record may hold: 64 MiB.
	MaxRecord = 64 << 20
	// frameBytes is the size of a record's frame (length and CRC).
	frameBytes = 8
	// headerBytes is the size of the file header.
	headerBytes = 8
	// version is the format version this package writes and reads.
	version = 1
)

// header is the first headerBytes of every log file.
var header = [headerBytes]byte{'d', 'd', 'b', 'w', 'a', 'l', 0, version}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrTooLarge is returned by Append for a payload over MaxRecord.
var ErrTooLarge = errors.New("wal: record larger than MaxRecord")

// ErrEmpty is returned by Append for an empty payload: a length of zero
// marks the zeros a file system may leave after a crash, never a record.
var ErrEmpty = errors.New("wal: empty record")

// ErrBroken is returned by Append and Sync after an earlier write or sync
// of the log failed: what the file holds past the last good record is
// unknown, so the log takes no more records.
var ErrBroken = errors.New("wal: an earlier write to the log failed; it takes no more records")

// CorruptError reports a log that cannot be read to its end.
type CorruptError struct {
	Path   string
	Offset int64  // where the bad record or header starts
	Reason string // what is wrong there
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("corrupt write-ahead log %s at byte %d: %s", e.Path, e.Offset, e.Reason)
}

// Recovery says what Open found.
type Recovery struct {
	Records int   // whole records read
	Dropped int64 // bytes of a torn tail cut off (0 when the log ended cleanly)
	Reason  string
}

// Log is an open log file. Append, Sync, Size and Close are safe for
// concurrent use.
type Log struct {
	path string
	f    *os.File

	mu     sync.Mutex // guards end, broken, closed and writes to f
	end    int64      // bytes of whole records (and the header) written
	broken error
	closed bool

	syncMu sync.Mutex   // held by the one goroutine running fdatasync
	synced atomic.Int64 // bytes known to be on stable storage; written under syncMu
}

// Create makes a new, empty log at path (which must not exist), with its
// header on stable storage. The caller syncs the directory.
func Create(path string) (*Log, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(header[:]); err != nil {
		f.Close()
		return nil, err
	}
	if err := fdatasync(f); err != nil {
		f.Close()
		return nil, err
	}
	l := &Log{path: path, f: f, end: headerBytes}
	l.synced.Store(headerBytes)
	return l, nil
}

// Open opens the existing log at path, calls record with each whole
// record's payload in order (record must not keep the slice), and returns
// the log positioned after the last whole record. A bad record — cut
// short, too long, or failing its CRC — ends the log: with tornTail the
// log is truncated there and Recovery says how many bytes were dropped,
// otherwise Open returns a *CorruptError. With tornTail, a file cut short
// inside its header (a crash while Create wrote it) is an empty log; any
// other bad header is a *CorruptError, and so is an error returned by record (wrapped).
func Open(path string, tornTail bool, record func(payload []byte) error) (*Log, Recovery, error) {
	var rec Recovery
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, rec, err
	}
	if tornTail {
		if err := repairHeader(f); err != nil {
			f.Close()
			return nil, rec, err
		}
	}
	end, rec, err := read(f, path, tornTail, record)
	if err != nil {
		f.Close()
		return nil, rec, err
	}
	if rec.Dropped > 0 {
		if err := f.Truncate(end); err != nil {
			f.Close()
			return nil, rec, err
		}
		if err := fdatasync(f); err != nil {
			f.Close()
			return nil, rec, err
		}
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		f.Close()
		return nil, rec, err
	}
	l := &Log{path: path, f: f, end: end}
	l.synced.Store(end)
	return l, rec, nil
}

// repairHeader rewrites the header of a file cut short while Create wrote
// it (shorter than the header and a prefix of it): a crash right after a
// new log was created.
func repairHeader(f *os.File) error {
	info, err := f.Stat()
	if err != nil || info.Size() >= headerBytes {
		return err
	}
	h := make([]byte, info.Size())
	if _, err := io.ReadFull(f, h); err != nil {
		return err
	}
	if !bytes.HasPrefix(header[:], h) {
		return nil // not ours: read reports it
	}
	if _, err := f.WriteAt(header[:], 0); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return fdatasync(f)
}

// read scans f from the start; it returns the offset after the last whole
// record.
func read(f *os.File, path string, tornTail bool, record func([]byte) error) (int64, Recovery, error) {
	var rec Recovery
	info, err := f.Stat()
	if err != nil {
		return 0, rec, err
	}
	size := info.Size()
	r := bufio.NewReaderSize(f, 1<<16)
	var h [headerBytes]byte
	if _, err := io.ReadFull(r, h[:]); err != nil || h != header {
		reason := "not a ddbplay write-ahead log (bad header)"
		if err == nil && string(h[:6]) == string(header[:6]) {
			reason = fmt.Sprintf("unknown log format version %d", h[7])
		}
		return 0, rec, &CorruptError{Path: path, Offset: 0, Reason: reason}
	}
	off := int64(headerBytes)
	var payload []byte
	for off < size {
		bad := ""
		var frame [frameBytes]byte
		n := uint32(0)
		if _, err := io.ReadFull(r, frame[:]); err != nil {
			bad = "record frame cut short"
		} else if n = binary.LittleEndian.Uint32(frame[0:4]); n > MaxRecord || n == 0 {
			bad = fmt.Sprintf("record length %d out of range", n)
		} else if int64(n) > size-off-frameBytes {
			bad = "record cut short"
		} else {
			if cap(payload) < int(n) {
				payload = make([]byte, n)
			}
			payload = payload[:n]
			if _, err := io.ReadFull(r, payload); err != nil {
				return 0, rec, err
			}
			if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(frame[4:8]) {
				bad = "record checksum mismatch"
			}
		}
		if bad != "" {
			if !tornTail {
				return 0, rec, &CorruptError{Path: path, Offset: off, Reason: bad}
			}
			rec.Dropped, rec.Reason = size-off, bad
			return off, rec, nil
		}
		if err := record(payload); err != nil {
			return 0, rec, fmt.Errorf("%s: record %d at byte %d: %w", path, rec.Records+1, off, err)
		}
		rec.Records++
		off += frameBytes + int64(n)
	}
	return off, rec, nil
}

// Append writes one record and returns the log's end offset after it, to
// pass to Sync. It does not wait for the disk. If the write fails, the
// file is cut back to the last whole record when possible and the log is
// broken either way (ErrBroken from then on).
func (l *Log) Append(payload []byte) (end int64, err error) {
	if len(payload) > MaxRecord {
		return 0, ErrTooLarge
	}
	if len(payload) == 0 {
		return 0, ErrEmpty
	}
	buf := make([]byte, frameBytes+len(payload))
	binary.LittleEndian.PutUint32(buf[0:4], uint32(len(payload)))
	binary.LittleEndian.PutUint32(buf[4:8], crc32.Checksum(payload, castagnoli))
	copy(buf[frameBytes:], payload)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.broken != nil {
		return 0, ErrBroken
	}
	if l.closed {
		return 0, os.ErrClosed
	}
	if _, err := l.f.Write(buf); err != nil {
		l.broken = err
		if terr := l.f.Truncate(l.end); terr == nil {
			_, _ = l.f.Seek(l.end, io.SeekStart)
		}
		return 0, err
	}
	l.end += int64(len(buf))
	return l.end, nil
}

// Sync returns once every record up to the offset end (from Append) is on
// stable storage. Callers waiting at the same time share one fdatasync.
func (l *Log) Sync(end int64) error {
	if l.synced.Load() >= end {
		return nil
	}
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	if l.synced.Load() >= end {
		return nil
	}
	l.mu.Lock()
	target, broken, closed := l.end, l.broken, l.closed
	l.mu.Unlock()
	if broken != nil {
		return ErrBroken
	}
	if closed {
		return os.ErrClosed
	}
	if err := fdatasync(l.f); err != nil {
		l.mu.Lock()
		l.broken = err
		l.mu.Unlock()
		return err
	}
	l.synced.Store(target)
	return nil
}

// Size returns the log's length in bytes (header and whole records).
func (l *Log) Size() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.end
}

// Path returns the log file's path.
func (l *Log) Path() string { return l.path }

// Close syncs the log and closes the file. A later Sync of an offset that
// was synced returns nil; Append returns os.ErrClosed.
func (l *Log) Close() error {
	err := l.Sync(l.Size())
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return err
	}
	l.closed = true
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	return err
}

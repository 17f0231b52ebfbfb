package shortlink

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrNotFound is the error of Store.Get for an id it does not hold.
var ErrNotFound = errors.New("shortlink: no such link")

// ErrFull is the error of Store.Put when the store has no room left.
var ErrFull = errors.New("shortlink: storage full")

// Entry is one stored link: its bytes and when it expires.
type Entry struct {
	Data    []byte
	Expires time.Time
}

// Store keeps links by id. Implementations must be safe for concurrent
// use. Get may return an entry whose Expires has passed (the Handler treats
// it as missing); Put replaces the entry under id, data and expiry both.
type Store interface {
	Get(ctx context.Context, id string) (Entry, error)
	Put(ctx context.Context, id string, e Entry) error
}

// MemoryStore is a Store in memory, holding at most MaxBytes of link data
// (0: no limit). Expired links are dropped when read and when a Put needs
// room. The zero value is not usable: use NewMemoryStore.
type MemoryStore struct {
	MaxBytes int64

	mu    sync.Mutex
	links map[string]Entry
	bytes int64
}

// NewMemoryStore returns an empty MemoryStore holding at most maxBytes.
func NewMemoryStore(maxBytes int64) *MemoryStore {
	return &MemoryStore{MaxBytes: maxBytes, links: map[string]Entry{}}
}

// Get returns the entry under id, or ErrNotFound.
func (m *MemoryStore) Get(_ context.Context, id string) (Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.links[id]
	if !ok {
		return Entry{}, ErrNotFound
	}
	if !e.Expires.After(time.Now()) {
		m.drop(id)
		return Entry{}, ErrNotFound
	}
	return e, nil
}

// Put stores e under id; ErrFull if it would pass MaxBytes even after
// dropping every expired link.
func (m *MemoryStore) Put(_ context.Context, id string, e Entry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.drop(id)
	size := int64(len(e.Data))
	if m.MaxBytes > 0 && m.bytes+size > m.MaxBytes {
		now := time.Now()
		for k, old := range m.links {
			if !old.Expires.After(now) {
				m.drop(k)
			}
		}
		if m.bytes+size > m.MaxBytes {
			return ErrFull
		}
	}
	m.links[id] = Entry{Data: append([]byte(nil), e.Data...), Expires: e.Expires}
	m.bytes += size
	return nil
}

func (m *MemoryStore) drop(id string) {
	if old, ok := m.links[id]; ok {
		m.bytes -= int64(len(old.Data))
		delete(m.links, id)
	}
}

// DirStore is a Store in a directory: one file per link, named by its id
// with ".gz" appended, whose modification time is the link's expiry. A
// file is written to a temporary name and renamed, so readers never see
// half a link. Expired files are removed when read; `find DIR -name '*.gz'
// ! -newermt now -delete` removes the rest. Ids are checked by the
// Handler (ValidID) before they reach the store.
type DirStore struct {
	Dir string
}

// Get returns the link stored in the directory under id, or ErrNotFound.
func (d DirStore) Get(_ context.Context, id string) (Entry, error) {
	name := filepath.Join(d.Dir, id+".gz")
	info, err := os.Stat(name)
	if errors.Is(err, os.ErrNotExist) {
		return Entry{}, ErrNotFound
	}
	if err != nil {
		return Entry{}, err
	}
	if !info.ModTime().After(time.Now()) {
		os.Remove(name)
		return Entry{}, ErrNotFound
	}
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return Entry{}, ErrNotFound
	}
	if err != nil {
		return Entry{}, err
	}
	return Entry{Data: data, Expires: info.ModTime()}, nil
}

// Put writes the link to the directory, its expiry as the file's time.
func (d DirStore) Put(_ context.Context, id string, e Entry) error {
	f, err := os.CreateTemp(d.Dir, ".put-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(e.Data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chtimes(tmp, e.Expires, e.Expires)
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(d.Dir, id+".gz"))
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

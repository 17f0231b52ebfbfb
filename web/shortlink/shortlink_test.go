package shortlink_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/internal/shortlinktest"
	"github.com/ddbplay/ddbplay/web/shortlink"
)

func serve(t *testing.T, cfg shortlink.Config) string {
	t.Helper()
	srv := httptest.NewServer(shortlink.New(cfg).Route(http.NotFoundHandler()))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestHandler_MemoryStore(t *testing.T) {
	url := serve(t, shortlink.Config{Store: shortlink.NewMemoryStore(0), Limiter: shortlink.NewMemoryLimiter(10, time.Minute)})
	shortlinktest.Run(t, url, shortlink.DefaultMaxBytes, 10)
}

func TestHandler_DirStore(t *testing.T) {
	url := serve(t, shortlink.Config{Store: shortlink.DirStore{Dir: t.TempDir()}, Limiter: shortlink.NewMemoryLimiter(3, time.Minute), MaxBytes: 5000})
	shortlinktest.Run(t, url, 5000, 3)
}

func TestHandler_OtherPathsPassThrough(t *testing.T) {
	url := serve(t, shortlink.Config{Store: shortlink.NewMemoryStore(0)})
	for _, p := range []string{"/", "/sx", "/static/s/abc"} {
		if a := shortlinktest.Do(t, http.MethodGet, url+p, "", nil, nil); a.Status != http.StatusNotFound || bytes.Contains(a.Body, []byte(`"error"`)) {
			t.Errorf("GET %s: %d %s, want the next handler's 404", p, a.Status, a.Body)
		}
	}
}

// TestHandler_Expiry: a link opened with less than half its TTL left is
// stored again with a full TTL; an expired link is gone.
func TestHandler_Expiry(t *testing.T) {
	store := shortlink.NewMemoryStore(0)
	start := time.Now()
	now := start
	const ttl = 10 * time.Hour
	url := serve(t, shortlink.Config{Store: store, TTL: ttl, Now: func() time.Time { return now }})
	data := shortlinktest.Gzip(t, `{"a":1}`)
	id := shortlinktest.Create(t, url, data)
	expires := func() time.Time {
		e, err := store.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return e.Expires
	}
	if got := expires(); !got.Equal(start.Add(ttl)) {
		t.Fatalf("expires %v, want %v", got, start.Add(ttl))
	}
	now = start.Add(4 * time.Hour) // 6 h left: no write
	if a := shortlinktest.Do(t, http.MethodGet, url+"/s/"+id, "", nil, nil); a.Status != http.StatusOK {
		t.Fatalf("GET: %d", a.Status)
	}
	if got := expires(); !got.Equal(start.Add(ttl)) {
		t.Errorf("expiry moved to %v with more than half the TTL left", got)
	}
	now = start.Add(6 * time.Hour) // 4 h left: stored again for 10 h
	if a := shortlinktest.Do(t, http.MethodGet, url+"/s/"+id, "", nil, nil); a.Status != http.StatusOK {
		t.Fatalf("GET: %d", a.Status)
	}
	if got, want := expires(), now.Add(ttl); !got.Equal(want) {
		t.Errorf("expires %v after use, want %v", got, want)
	}
	now = now.Add(ttl)
	if a := shortlinktest.Do(t, http.MethodGet, url+"/s/"+id, "", nil, nil); a.Status != http.StatusNotFound {
		t.Errorf("GET of an expired link: %d, want 404", a.Status)
	}
}

func TestHandler_StorageFull(t *testing.T) {
	url := serve(t, shortlink.Config{Store: shortlink.NewMemoryStore(100)})
	shortlinktest.Create(t, url, shortlinktest.Gzip(t, `{"a":1}`))
	big := shortlinktest.Gzip(t, `{"b":"`+string(bytes.Repeat([]byte("x"), 200))+`"}`)
	big = append(big[:len(big):len(big)], make([]byte, 60)...) // trailing bytes: still a valid envelope
	a := shortlinktest.Do(t, http.MethodPost, url+"/s", shortlink.MediaType, big, nil)
	if a.Status != http.StatusInsufficientStorage || !bytes.Contains(a.Body, []byte(`"StorageFull"`)) {
		t.Errorf("POST over the store's room: %d %s, want 507 StorageFull", a.Status, a.Body)
	}
}

func TestMemoryStore_DropsExpired(t *testing.T) {
	m := shortlink.NewMemoryStore(10)
	ctx := context.Background()
	if err := m.Put(ctx, "a", shortlink.Entry{Data: make([]byte, 8), Expires: time.Now().Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Get(ctx, "a"); !errors.Is(err, shortlink.ErrNotFound) {
		t.Errorf("Get of an expired entry: %v, want ErrNotFound", err)
	}
	if err := m.Put(ctx, "b", shortlink.Entry{Data: make([]byte, 8), Expires: time.Now().Add(-time.Second)}); err != nil {
		t.Fatal(err)
	}
	if err := m.Put(ctx, "c", shortlink.Entry{Data: make([]byte, 8), Expires: time.Now().Add(time.Hour)}); err != nil {
		t.Errorf("Put when only expired entries fill the store: %v", err)
	}
	if err := m.Put(ctx, "d", shortlink.Entry{Data: make([]byte, 8), Expires: time.Now().Add(time.Hour)}); !errors.Is(err, shortlink.ErrFull) {
		t.Errorf("Put over MaxBytes: %v, want ErrFull", err)
	}
}

func TestDirStore(t *testing.T) {
	dir := t.TempDir()
	d := shortlink.DirStore{Dir: dir}
	ctx := context.Background()
	exp := time.Now().Add(time.Hour).Truncate(time.Second)
	if err := d.Put(ctx, "abc", shortlink.Entry{Data: []byte("hello"), Expires: exp}); err != nil {
		t.Fatal(err)
	}
	e, err := d.Get(ctx, "abc")
	if err != nil || string(e.Data) != "hello" || !e.Expires.Equal(exp) {
		t.Fatalf("Get = %q %v %v, want hello %v", e.Data, e.Expires, err, exp)
	}
	if _, err := d.Get(ctx, "nope"); !errors.Is(err, shortlink.ErrNotFound) {
		t.Errorf("Get of a missing id: %v", err)
	}
	if err := d.Put(ctx, "old", shortlink.Entry{Data: []byte("x"), Expires: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Get(ctx, "old"); !errors.Is(err, shortlink.ErrNotFound) {
		t.Errorf("Get of an expired link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.gz")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the expired file is still there: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d files, want 1 (no temporary files left)", len(entries))
	}
}

func TestMemoryLimiter(t *testing.T) {
	l := shortlink.NewMemoryLimiter(2, time.Hour)
	ctx := context.Background()
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.Allow(ctx, "a"); ok != want {
			t.Errorf("call %d for a: %v, want %v", i, ok, want)
		}
	}
	if ok, _ := l.Allow(ctx, "b"); !ok {
		t.Error("another client is limited too")
	}
}

func TestID(t *testing.T) {
	a, b := shortlink.ID([]byte("x")), shortlink.ID([]byte("y"))
	if a == b || len(a) != shortlink.IDLength || !shortlink.ValidID(a) || a != shortlink.ID([]byte("x")) {
		t.Errorf("ID: %q %q", a, b)
	}
	for _, bad := range []string{"", "short", "AAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAA."} {
		if shortlink.ValidID(bad) {
			t.Errorf("ValidID(%q) = true", bad)
		}
	}
}

// FuzzCreate posts arbitrary bodies: never a panic, only the documented
// answers, and a created link reads back byte for byte.
func FuzzCreate(f *testing.F) {
	f.Add(shortlinktest.Gzip(f, `{"format":"ddbplay-share"}`))
	f.Add(shortlinktest.Gzip(f, `  {`))
	f.Add(shortlinktest.Gzip(f, `[1]`))
	f.Add(shortlinktest.Gzip(f, ``))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Add([]byte(`{"a":1}`))
	f.Add([]byte{})
	h := shortlink.New(shortlink.Config{Store: shortlink.NewMemoryStore(0), MaxBytes: 4096})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/s", bytes.NewReader(body))
		req.Header.Set("Content-Type", shortlink.MediaType)
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusCreated, http.StatusOK:
			rec2 := httptest.NewRecorder()
			h.ServeHTTP(rec2, httptest.NewRequest(http.MethodGet, "/s/"+shortlink.ID(body), nil))
			if rec2.Code != http.StatusOK || !bytes.Equal(rec2.Body.Bytes(), body) {
				t.Fatalf("created, but GET answers %d", rec2.Code)
			}
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if !bytes.HasPrefix(rec.Body.Bytes(), []byte(`{"error":"`)) {
				t.Fatalf("error body %q", rec.Body)
			}
		default:
			t.Fatalf("status %d %q", rec.Code, rec.Body)
		}
	})
}

// TestHandler_ClientByAddress: the limit counts per IPv4 address and per
// IPv6 /64.
func TestHandler_ClientByAddress(t *testing.T) {
	h := shortlink.New(shortlink.Config{Store: shortlink.NewMemoryStore(0), Limiter: shortlink.NewMemoryLimiter(1, time.Hour)})
	post := func(addr, doc string) int {
		req := httptest.NewRequest(http.MethodPost, "/s", bytes.NewReader(shortlinktest.Gzip(t, doc)))
		req.Header.Set("Content-Type", shortlink.MediaType)
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for i, c := range []struct {
		addr string
		want int
	}{
		{"192.0.2.1:1000", http.StatusCreated},
		{"192.0.2.1:2000", http.StatusTooManyRequests},
		{"192.0.2.2:1000", http.StatusCreated},
		{"[2001:db8:1:2::1]:1000", http.StatusCreated},
		{"[2001:db8:1:2:ffff::9]:1000", http.StatusTooManyRequests},
		{"[2001:db8:1:3::1]:1000", http.StatusCreated},
		{"2001:db8:1:4::1", http.StatusCreated},
	} {
		if got := post(c.addr, `{"i":`+strconv.Itoa(i)+`}`); got != c.want {
			t.Errorf("%s: %d, want %d", c.addr, got, c.want)
		}
	}
}

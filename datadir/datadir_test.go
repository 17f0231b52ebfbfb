package datadir

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/datadir/wal"
)

// open opens dir with opts, failing the test on error; the store is closed
// when the test ends unless the test closed it.
func open(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// do runs a request that must succeed and returns its answer. After a
// CreateTable it waits until the table is ACTIVE (a new table is CREATING
// for 2 s of engine time), moving the engine clock on a second at a time
// instead of sleeping.
func do(t *testing.T, s *Store, op, body string) string {
	t.Helper()
	status, out, _ := s.Serve(op, []byte(body))
	if status != 200 {
		t.Fatalf("%s %s: %d %s", op, body, status, out)
	}
	if op == "CreateTable" {
		name := string(out)[strings.Index(string(out), `"TableName":"`)+len(`"TableName":"`):]
		name = name[:strings.IndexByte(name, '"')]
		for i := 0; ; i++ {
			_, d, _ := s.Serve("DescribeTable", []byte(`{"TableName":"`+name+`"}`))
			if strings.Contains(string(d), `"TableStatus":"ACTIVE"`) {
				break
			}
			if i == 60 {
				t.Fatalf("table %s still not ACTIVE: %s", name, d)
			}
			s.db.Load().Advance(time.Second)
		}
	}
	return string(out)
}

// export returns the store's snapshot text.
func export(t *testing.T, s *Store) string {
	t.Helper()
	b, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// crashImage copies the files of dir (not its lock) to a new directory, as
// a crash would leave them: every write the store acknowledged is in the
// files (written to the OS, which a kill -9 keeps).
func crashImage(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(out, rel), 0o755)
		}
		if rel == lockName {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const createMusic = `{"TableName":"Music","BillingMode":"PAY_PER_REQUEST",
 "AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"Song","AttributeType":"S"},{"AttributeName":"Year","AttributeType":"N"}],
 "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Song","KeyType":"RANGE"}],
 "GlobalSecondaryIndexes":[{"IndexName":"ByYear","KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}],
 "Tags":[{"Key":"team","Value":"music"}]}`

// fill writes a bit of everything to s.
func fill(t *testing.T, s *Store) {
	t.Helper()
	do(t, s, "CreateTable", createMusic)
	do(t, s, "UpdateTimeToLive", `{"TableName":"Music","TimeToLiveSpecification":{"AttributeName":"ttl","Enabled":true}}`)
	do(t, s, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"1"},"Year":{"N":"1999"}}}`)
	do(t, s, "UpdateItem", `{"TableName":"Music","Key":{"Artist":{"S":"A"},"Song":{"S":"1"}},"UpdateExpression":"SET plays = :n","ExpressionAttributeValues":{":n":{"N":"3"}}}`)
	do(t, s, "BatchWriteItem", `{"RequestItems":{"Music":[{"PutRequest":{"Item":{"Artist":{"S":"B"},"Song":{"S":"1"}}}},{"PutRequest":{"Item":{"Artist":{"S":"B"},"Song":{"S":"2"}}}}]}}`)
	do(t, s, "TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"Music","Item":{"Artist":{"S":"C"},"Song":{"S":"1"}}}},{"Delete":{"TableName":"Music","Key":{"Artist":{"S":"B"},"Song":{"S":"2"}}}}]}`)
	do(t, s, "TagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Music","Tags":[{"Key":"stage","Value":"dev"}]}`)
	// A failed write changes nothing and is not logged.
	if st, _, _ := s.Serve("PutItem", []byte(`{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"1"}},"ConditionExpression":"attribute_not_exists(Artist)"}`)); st == 200 {
		t.Fatal("conditional put on an existing item succeeded")
	}
}

func TestStore_ReopenKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	fill(t, s)
	want := export(t, s)
	for _, w := range []string{`"ByYear"`, `"stage"`, `"TimeToLiveSpecification"`, `"plays"`} {
		if !strings.Contains(want, w) {
			t.Fatalf("export lacks %s: %s", w, want)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Close took a snapshot: one snapshot, one empty log.
	snaps, logs, _ := (&Store{dir: dir}).generations()
	if len(snaps) != 1 || len(logs) != 1 {
		t.Errorf("after Close: snapshots %v, logs %v; want one of each", snaps, logs)
	}
	s2 := open(t, dir, Options{})
	if got := export(t, s2); got != want {
		t.Errorf("after reopen:\n%s\nwant\n%s", got, want)
	}
	if st, _, _ := s.Serve("PutItem", []byte(`{"TableName":"Music","Item":{"Artist":{"S":"Z"},"Song":{"S":"1"}}}`)); st == 200 {
		t.Error("a write to a closed store succeeded")
	}
}

func TestStore_CrashRecoversFromTheLog(t *testing.T) {
	for _, sync := range []Sync{SyncAlways, SyncNone} {
		dir := t.TempDir()
		s := open(t, dir, Options{Sync: sync})
		fill(t, s)
		want := export(t, s)
		img := crashImage(t, dir)
		s2 := open(t, img, Options{})
		if got := export(t, s2); got != want {
			t.Errorf("sync %d: recovered\n%s\nwant\n%s", sync, got, want)
		}
	}
}

func TestStore_CorruptTail(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	do(t, s, "CreateTable", createMusic)
	do(t, s, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"1"}}}`)
	want := export(t, s)
	do(t, s, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"2"}}}`)
	img := crashImage(t, dir)
	_, logs, _ := (&Store{dir: img}).generations()
	path := filepath.Join(img, logName(logs[len(logs)-1]))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The last record cut in the middle, as a crash during its append.
	if err := os.WriteFile(path, data[:len(data)-7], 0o644); err != nil {
		t.Fatal(err)
	}
	var msgs []string
	s2 := open(t, img, Options{Logf: func(f string, a ...any) { msgs = append(msgs, fmt.Sprintf(f, a...)) }})
	if got := export(t, s2); got != want {
		t.Errorf("recovered\n%s\nwant (all but the torn record)\n%s", got, want)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "torn record") {
		t.Errorf("log %q does not report the torn record", msgs)
	}
	// The store goes on writing after the cut.
	do(t, s2, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"3"}}}`)
	want = export(t, s2)
	s3 := open(t, crashImage(t, img), Options{})
	if got := export(t, s3); got != want {
		t.Errorf("after writing past the cut:\n%s\nwant\n%s", got, want)
	}
}

func TestStore_SecondOpenRefused(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	_, err := Open(dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "in use by another ddbplay") {
		t.Fatalf("second Open: got %v, want an in-use error", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s2.Close()
}

func TestStore_RefusesWhatItCannotRead(t *testing.T) {
	// A directory from an earlier store, to damage.
	good := t.TempDir()
	s := open(t, good, Options{SnapshotBytes: 1})
	fill(t, s)
	s.snapWG.Wait()
	do(t, s, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"Q"},"Song":{"S":"1"}}}`)
	s.snapWG.Wait()
	cases := []struct {
		name    string
		damage  func(dir string) error
		wantErr string
	}{
		{"foreign directory", func(dir string) error {
			if err := os.Remove(filepath.Join(dir, markerName)); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hi"), 0o644)
		}, "is not a ddbplay data directory"},
		{"marker of another version", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, markerName), []byte(`{"format":"ddbplay-data","version":9}`), 0o644)
		}, "version 9"},
		{"marker of another format", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, markerName), []byte(`{"format":"other"}`), 0o644)
		}, "not a ddbplay data directory marker"},
		{"corrupt snapshot", func(dir string) error {
			snaps, _, _ := (&Store{dir: dir}).generations()
			return os.WriteFile(filepath.Join(dir, snapName(snaps[len(snaps)-1])), []byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{]}`), 0o644)
		}, "does not load"},
		{"bad record in an older log", func(dir string) error {
			_, logs, _ := (&Store{dir: dir}).generations()
			// A second log after the newest makes the newest an older one.
			next := logs[len(logs)-1] + 1
			l, err := wal.Create(filepath.Join(dir, logName(next)))
			if err != nil {
				return err
			}
			l.Close()
			path := filepath.Join(dir, logName(logs[len(logs)-1]))
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(path, data[:len(data)-3], 0o644)
		}, "corrupt write-ahead log"},
		{"record the engine refuses", func(dir string) error {
			_, logs, _ := (&Store{dir: dir}).generations()
			l, _, err := wal.Open(filepath.Join(dir, logName(logs[len(logs)-1])), false, func([]byte) error { return nil })
			if err != nil {
				return err
			}
			defer l.Close()
			_, err = l.Append(encodeRecord(kindOp, 1, "PutItem", []byte(`{"TableName":"Nope","Item":{"k":{"S":"1"}}}`)))
			return err
		}, "failed on replay"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := crashImage(t, good)
			if err := c.damage(dir); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir, Options{})
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want an error containing %q", c.wantErr)
			}
			if !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("got %v, want an error containing %q", err, c.wantErr)
			}
		})
	}
}

func TestStore_SnapshotsWhileWriting(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{SnapshotBytes: 2048, Sync: SyncNone})
	do(t, s, "CreateTable", createMusic)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 100 {
				body := fmt.Sprintf(`{"TableName":"Music","Item":{"Artist":{"S":"w%d"},"Song":{"S":"%03d"},"pad":{"S":"%s"}}}`, w, i, strings.Repeat("x", 100))
				if st, resp, _ := s.Serve("PutItem", []byte(body)); st != 200 {
					t.Errorf("%d %s", st, resp)
					return
				}
			}
		})
	}
	wg.Wait()
	s.snapWG.Wait()
	want := export(t, s)
	if n := strings.Count(want, `"pad"`); n != 400 {
		t.Fatalf("%d items, want 400", n)
	}
	snaps, _, _ := s.generations()
	if len(snaps) == 0 {
		t.Fatal("no snapshot was taken")
	}
	s2 := open(t, crashImage(t, dir), Options{})
	if got := export(t, s2); got != want {
		t.Errorf("recovered %d items, want 400", strings.Count(got, `"pad"`))
	}
}

// TestStore_TTLSweepIsReplayed: a write that succeeded only because a
// sweep had deleted an expired item replays the same way.
func TestStore_TTLSweepIsReplayed(t *testing.T) {
	var mu sync.Mutex
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	dir := t.TempDir()
	s := open(t, dir, Options{})
	s.now = clock
	do(t, s, "CreateTable", createMusic)
	do(t, s, "UpdateTimeToLive", `{"TableName":"Music","TimeToLiveSpecification":{"AttributeName":"ttl","Enabled":true}}`)
	do(t, s, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"1"},"ttl":{"N":"1700000100"}}}`)
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	if n := s.ExpireItems(); n != 1 {
		t.Fatalf("sweep deleted %d, want 1", n)
	}
	do(t, s, "PutItem", `{"TableName":"Music","Item":{"Artist":{"S":"A"},"Song":{"S":"1"},"v":{"S":"new"}},"ConditionExpression":"attribute_not_exists(Artist)"}`)
	want := export(t, s)
	// Recovery runs at a later wall-clock time; the log's times rule.
	s2 := open(t, crashImage(t, dir), Options{})
	if got := export(t, s2); got != want {
		t.Errorf("recovered\n%s\nwant\n%s", got, want)
	}
}

func TestStore_ImportExport(t *testing.T) {
	src := open(t, t.TempDir(), Options{})
	fill(t, src)
	snap := export(t, src)
	dir := t.TempDir()
	s := open(t, dir, Options{})
	do(t, s, "CreateTable", strings.Replace(createMusic, `"Music"`, `"Old"`, 1))
	if err := s.Import([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"x"}]}`)); err == nil {
		t.Fatal("a bad snapshot imported")
	}
	if !strings.Contains(export(t, s), `"Old"`) {
		t.Fatal("a failed import changed the store")
	}
	if err := s.Import([]byte(snap)); err != nil {
		t.Fatal(err)
	}
	if got := export(t, s); got != snap {
		t.Errorf("after import:\n%s\nwant\n%s", got, snap)
	}
	s2 := open(t, crashImage(t, dir), Options{})
	if got := export(t, s2); got != snap {
		t.Errorf("after import and a crash:\n%s\nwant\n%s", got, snap)
	}
}

func TestStore_FilesDir(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir, Options{})
	links, err := s.FilesDir("links")
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(links, "abc", []byte("hello")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "files", "links", "abc")); err != nil || string(b) != "hello" {
		t.Errorf("got %q, %v", b, err)
	}
	for _, bad := range []string{"", "../x", "a/b", "A"} {
		if _, err := s.FilesDir(bad); err == nil {
			t.Errorf("FilesDir(%q) succeeded", bad)
		}
	}
	// The files survive a reopen (the directory stays a data directory).
	s.Close()
	open(t, dir, Options{})
}

func FuzzDecodeRecord(f *testing.F) {
	f.Add(encodeRecord(kindOp, 42, "PutItem", []byte(`{"TableName":"T"}`)))
	f.Add(encodeRecord(kindExpire, 42, "", nil))
	f.Add([]byte("o12345678\x03Get"))
	f.Fuzz(func(t *testing.T, rec []byte) {
		kind, at, op, body, err := decodeRecord(rec)
		if err != nil {
			return
		}
		if again := encodeRecord(kind, at, op, body); !bytes.Equal(again, rec) && kind == kindOp {
			// Uvarint accepts non-minimal encodings; the decoded record
			// must still encode to one that decodes the same.
			k2, at2, op2, body2, err := decodeRecord(again)
			if err != nil || k2 != kind || at2 != at || op2 != op || !bytes.Equal(body2, body) {
				t.Fatalf("re-encoding changed the record")
			}
		}
	})
}

package wal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// writeLog creates a log at a fresh path holding records and returns the
// path and each record's end offset.
func writeLog(t *testing.T, records ...string) (string, []int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wal")
	l, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var ends []int64
	for _, r := range records {
		end, err := l.Append([]byte(r))
		if err != nil {
			t.Fatal(err)
		}
		ends = append(ends, end)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return path, ends
}

// readAll opens path and returns its records.
func readAll(t *testing.T, path string, tornTail bool) ([]string, Recovery, error) {
	t.Helper()
	var got []string
	l, rec, err := Open(path, tornTail, func(p []byte) error {
		got = append(got, string(p))
		return nil
	})
	if err == nil {
		l.Close()
	}
	return got, rec, err
}

func TestLog_RoundTrip(t *testing.T) {
	path, _ := writeLog(t, "one", "2", "three")
	got, rec, err := readAll(t, path, false)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[one 2 three]" || rec.Records != 3 || rec.Dropped != 0 {
		t.Errorf("got %q, %+v; want [one 2 three], 3 records, none dropped", got, rec)
	}
	// Appending after Open continues the log.
	l, _, err := Open(path, false, func([]byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	end, err := l.Append([]byte("four"))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Sync(end); err != nil {
		t.Fatal(err)
	}
	l.Close()
	got, _, _ = readAll(t, path, false)
	if fmt.Sprint(got) != "[one 2 three four]" {
		t.Errorf("after append: got %q", got)
	}
}

func TestLog_TornTail(t *testing.T) {
	path, ends := writeLog(t, "alpha", "beta", "gamma")
	full, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"cut in the payload", full[:len(full)-2], "[alpha beta]"},
		{"cut in the frame", full[:ends[1]+3], "[alpha beta]"},
		{"garbage appended", append(bytes.Clone(full), 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4, 5), "[alpha beta gamma]"},
		{"last record flipped", append(bytes.Clone(full[:len(full)-1]), full[len(full)-1]^1), "[alpha beta]"},
		{"zeros after the end", append(bytes.Clone(full), make([]byte, 4096)...), "[alpha beta gamma]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "wal")
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, _, err := readAll(t, p, false); !errors.As(err, new(*CorruptError)) {
				t.Errorf("without tornTail: got %v, want a *CorruptError", err)
			}
			got, rec, err := readAll(t, p, true)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != c.want || rec.Dropped == 0 {
				t.Errorf("got %q (dropped %d), want %s with bytes dropped", got, rec.Dropped, c.want)
			}
			// The torn tail is gone from the file: reading again is clean,
			// and a new record follows the last whole one.
			l, rec2, err := Open(p, false, func([]byte) error { return nil })
			if err != nil || rec2.Dropped != 0 {
				t.Fatalf("reopen: %v, %+v", err, rec2)
			}
			if _, err := l.Append([]byte("delta")); err != nil {
				t.Fatal(err)
			}
			l.Close()
			got, _, err = readAll(t, p, false)
			if err != nil || fmt.Sprint(got) != c.want[:len(c.want)-1]+" delta]" {
				t.Errorf("after append: got %q, %v", got, err)
			}
		})
	}
}

func TestLog_BadHeader(t *testing.T) {
	for name, data := range map[string][]byte{
		"short":   []byte("ddx"),
		"foreign": []byte(`{"format":"ddbplay-snapshot"}`),
		"version": {'d', 'd', 'b', 'w', 'a', 'l', 0, 9},
	} {
		p := filepath.Join(t.TempDir(), "wal")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := readAll(t, p, true)
		var ce *CorruptError
		if !errors.As(err, &ce) || ce.Offset != 0 {
			t.Errorf("%s: got %v, want a *CorruptError at byte 0", name, err)
		}
	}
}

func TestLog_TornHeader(t *testing.T) {
	for _, n := range []int{0, 3, headerBytes - 1} {
		p := filepath.Join(t.TempDir(), "wal")
		if err := os.WriteFile(p, header[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := readAll(t, p, false); !errors.As(err, new(*CorruptError)) {
			t.Errorf("%d bytes, no tornTail: got %v, want a *CorruptError", n, err)
		}
		got, _, err := readAll(t, p, true)
		if err != nil || len(got) != 0 {
			t.Errorf("%d bytes of header: got %q, %v; want an empty log", n, got, err)
		}
		if _, _, err := readAll(t, p, false); err != nil {
			t.Errorf("%d bytes of header: after repair: %v", n, err)
		}
	}
}

func TestLog_RecordError(t *testing.T) {
	path, _ := writeLog(t, "a", "b")
	boom := errors.New("boom")
	_, _, err := Open(path, true, func(p []byte) error {
		if string(p) == "b" {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("got %v, want the record callback's error", err)
	}
}

func TestLog_ConcurrentAppendSync(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wal")
	l, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 50 {
				end, err := l.Append([]byte(fmt.Sprintf("%d-%d", w, i)))
				if err == nil {
					err = l.Sync(end)
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	l.Close()
	got, _, err := readAll(t, path, false)
	if err != nil || len(got) != 400 {
		t.Fatalf("got %d records, %v; want 400", len(got), err)
	}
	if _, err := l.Append([]byte("x")); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Append after Close: got %v, want os.ErrClosed", err)
	}
}

func TestLog_TooLargeOrEmpty(t *testing.T) {
	l, err := Create(filepath.Join(t.TempDir(), "wal"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Append(make([]byte, MaxRecord+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
	if _, err := l.Append(nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("got %v, want ErrEmpty", err)
	}
}

// FuzzOpen: any file content opens without panicking, as records, a torn
// tail or a *CorruptError; what Open keeps reads back the same.
func FuzzOpen(f *testing.F) {
	f.Add(append(header[:], 3, 0, 0, 0, 0, 0, 0, 0, 'a', 'b', 'c'))
	f.Add(header[:])
	f.Add([]byte("ddbwal"))
	f.Add(append(header[:], 0xff, 0xff, 0xff, 0xff))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "wal")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		first, rec, err := readAll(t, p, true)
		if err != nil {
			if !errors.As(err, new(*CorruptError)) {
				t.Fatalf("error %v is not a *CorruptError", err)
			}
			return
		}
		again, rec2, err := readAll(t, p, false)
		if err != nil || rec2.Dropped != 0 || fmt.Sprint(again) != fmt.Sprint(first) || rec2.Records != rec.Records {
			t.Fatalf("reopen: %q %+v %v, want %q", again, rec2, err, first)
		}
	})
}

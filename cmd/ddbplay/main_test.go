package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ddbplay/ddbplay/internal/shortlinktest"
)

// syncBuffer is a bytes.Buffer safe for the server's and the test's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the command in-process with args and returns its URL, its log
// and a stop function that shuts it down and returns run's error.
func start(t *testing.T, args ...string) (url string, logs *syncBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, logs, func(u string) { urls <- u }) }()
	select {
	case url = <-urls:
	case err := <-done:
		cancel()
		t.Fatalf("run returned before listening: %v (log %q)", err, logs)
	}
	stopped := false
	stop = func() error {
		stopped = true
		cancel()
		return <-done
	}
	t.Cleanup(func() {
		if !stopped {
			_ = stop()
		}
	})
	return url, logs, stop
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestRun_EndpointOnly(t *testing.T) {
	url, logs, stop := start(t, "--addr", "127.0.0.1:0")
	if !strings.Contains(logs.String(), url) {
		t.Errorf("log %q does not name the URL %s", logs, url)
	}
	status, body := get(t, url+"/")
	if status != 200 || !strings.HasPrefix(body, "healthy") {
		t.Errorf("GET / = %d %q, want 200 healthy…", status, body)
	}
	req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.NoSuchOperation")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "UnknownOperationException") {
		t.Errorf("POST unknown op = %d %s, want 400 UnknownOperationException", resp.StatusCode, b)
	}
	if err := stop(); err != nil {
		t.Errorf("run after shutdown = %v, want nil", err)
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Errorf("server still answers after shutdown")
	}
}

func TestRun_Site(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<p>play</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	url, _, stop := start(t, "--addr", "127.0.0.1:0", "--site", dir)
	status, body := get(t, url+"/")
	if status != 200 || body != "<p>play</p>" {
		t.Errorf("GET / = %d %q, want 200 <p>play</p>", status, body)
	}
	if err := stop(); err != nil {
		t.Errorf("run after shutdown = %v, want nil", err)
	}
}

func TestRun_BadArgs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown flag", []string{"--nope"}, "flag provided but not defined"},
		{"extra argument", []string{"extra"}, `unexpected argument "extra"`},
		{"missing site", []string{"--site", filepath.Join(file, "missing")}, "not a directory"},
		{"site is a file", []string{"--site", file}, "not a directory"},
		{"bad address", []string{"--addr", "127.0.0.1:notaport"}, "unknown port"},
		{"bad lag", []string{"--replica-lag", "soon"}, "invalid value"},
		{"negative lag", []string{"--replica-lag", "-1s"}, "must be between 0 and 1h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, io.Discard, nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("run(%q) = %v, want an error containing %q", tt.args, err, tt.wantErr)
			}
		})
	}
}

// --throttle and --replica-lag reach the engine, and --help shows them.
func TestRun_ThrottleAndLag(t *testing.T) {
	url, logs, _ := start(t, "--addr", "127.0.0.1:0", "--throttle", "--replica-lag", "750ms")
	if !strings.Contains(logs.String(), "throughput enforced: true; replica lag: 750ms") {
		t.Errorf("log %q does not report the settings", logs)
	}
	status, body := get(t, url+"/_ddbplay/settings")
	if status != 200 || body != `{"replicaLagMs":750,"throttle":true}` {
		t.Errorf("GET /_ddbplay/settings = %d %s", status, body)
	}
	var help bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, &help, nil); err == nil {
		t.Fatal("--help: no error")
	}
	for _, want := range []string{"-throttle", "-replica-lag lag", "ProvisionedThroughputExceededException"} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("--help does not mention %q:\n%s", want, help.String())
		}
	}
}

// TestShortLinks runs the short-link table against the native server, then
// restarts it on the same --share-dir and finds the link again.
func TestShortLinks(t *testing.T) {
	dir := t.TempDir()
	url, logs, stop := start(t, "--addr", "127.0.0.1:0", "--share-dir", dir, "--share-limit", "5", "--share-max", "1000")
	t.Run("Table", func(t *testing.T) { shortlinktest.Run(t, url, 1000, 5) })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "short links (/s) kept in "+dir) {
		t.Errorf("log does not say where links are kept: %q", logs)
	}
	url, _, stop = start(t, "--addr", "127.0.0.1:0", "--share-dir", dir, "--share-limit", "0")
	data := shortlinktest.Gzip(t, `{"kept":"across restarts"}`)
	id := shortlinktest.Create(t, url, data)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	url, _, _ = start(t, "--addr", "127.0.0.1:0", "--share-dir", dir)
	a := shortlinktest.Do(t, http.MethodGet, url+"/s/"+id, "", nil, nil)
	if a.Status != http.StatusOK || !bytes.Equal(a.Body, data) {
		t.Fatalf("after a restart GET /s/%s = %d, want 200 and the link", id, a.Status)
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/internal/shortlinktest"
)

// child is ddbplay running in a child process (the test binary running
// main).
type child struct {
	cmd *exec.Cmd
	url string
	log *syncBuffer
}

// startChild starts ddbplay with args in a child process and waits for it
// to log its endpoint.
func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, log: &syncBuffer{}}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(stderr)
	urlRe := regexp.MustCompile(`endpoint at (http://\S+)`)
	for c.url == "" && lines.Scan() {
		fmt.Fprintln(c.log, lines.Text())
		if m := urlRe.FindStringSubmatch(lines.Text()); m != nil {
			c.url = m[1]
		}
	}
	if c.url == "" {
		t.Fatalf("no URL logged; log:\n%s", c.log)
	}
	go func() {
		for lines.Scan() {
			fmt.Fprintln(c.log, lines.Text())
		}
	}()
	return c
}

// kill9 kills the child with SIGKILL and waits for it to die.
func (c *child) kill9(t *testing.T) {
	t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = c.cmd.Wait()
}

// call sends one DynamoDB request and decodes the answer into out (if not
// nil). It returns the HTTP status, or an error when no answer came.
// waitActive polls DescribeTable, as the SDKs' table-exists waiters do,
// until the table called name is ACTIVE: a new table is CREATING for 2 s
// of the server's clock, which runs in real time.
func waitActive(t testing.TB, url, name string) {
	t.Helper()
	for range 600 {
		var out struct{ Table struct{ TableStatus string } }
		if _, err := call(http.DefaultClient, url, "DescribeTable", map[string]any{"TableName": name}, &out); err != nil {
			t.Fatal(err)
		}
		if out.Table.TableStatus == "ACTIVE" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("table %s still not ACTIVE after 30 s", name)
}

func call(client *http.Client, url, op string, in any, out any) (int, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return 0, err
		}
	}
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("%s: %d %s", op, resp.StatusCode, data)
	}
	return resp.StatusCode, nil
}

type av = map[string]string

// crashGroup is the items one write put: a single PutItem, a
// BatchWriteItem or a TransactWriteItems. After a crash all of them are
// present or none is, and all of them if the write was acknowledged.
type crashGroup struct {
	keys  []string // sort keys of the items, in partition "p"
	acked bool
}

// writeGroup builds the request for group id g of writer w, alternating
// PutItem, BatchWriteItem (5 items) and TransactWriteItems (3 items).
func writeGroup(w, g int) (op string, req any, keys []string) {
	tag := fmt.Sprintf("w%d-g%d", w, g)
	item := func(k int) map[string]av {
		sk := fmt.Sprintf("%s-%d", tag, k)
		keys = append(keys, sk)
		return map[string]av{"pk": {"S": "p"}, "sk": {"S": sk}, "group": {"S": tag}, "pad": {"S": strings.Repeat("x", 200)}}
	}
	switch g % 3 {
	case 0:
		return "PutItem", map[string]any{"TableName": "Crash", "Item": item(0)}, keys
	case 1:
		var reqs []any
		for k := range 5 {
			reqs = append(reqs, map[string]any{"PutRequest": map[string]any{"Item": item(k)}})
		}
		return "BatchWriteItem", map[string]any{"RequestItems": map[string]any{"Crash": reqs}}, keys
	default:
		var items []any
		for k := range 3 {
			items = append(items, map[string]any{"Put": map[string]any{"TableName": "Crash", "Item": item(k)}})
		}
		return "TransactWriteItems", map[string]any{"TransactItems": items}, keys
	}
}

// scanKeys returns the sort keys of every item of table Crash.
func scanKeys(t *testing.T, url string) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	var start any
	for {
		in := map[string]any{"TableName": "Crash", "ProjectionExpression": "sk"}
		if start != nil {
			in["ExclusiveStartKey"] = start
		}
		var out struct {
			Items            []map[string]av
			LastEvaluatedKey map[string]any
		}
		if _, err := call(http.DefaultClient, url, "Scan", in, &out); err != nil {
			t.Fatal(err)
		}
		for _, it := range out.Items {
			keys[it["sk"]["S"]] = true
		}
		if out.LastEvaluatedKey == nil {
			return keys
		}
		start = out.LastEvaluatedKey
	}
}

// TestDataDir_KillNine: concurrent writers write single items, batches and
// transactions to ddbplay --data; the server is killed with SIGKILL at a
// random moment (after a random number of acknowledged writes), 20 times,
// restarted on the same directory each time. After every restart every
// acknowledged write is present and every write is whole or absent. Small
// snapshots make kills land during snapshots too.
func TestDataDir_KillNine(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--data", dir, "--snapshot-bytes", "65536"}
	c := startChild(t, args...)
	_, err := call(http.DefaultClient, c.url, "CreateTable", map[string]any{
		"TableName": "Crash", "BillingMode": "PAY_PER_REQUEST",
		"AttributeDefinitions": []any{map[string]string{"AttributeName": "pk", "AttributeType": "S"}, map[string]string{"AttributeName": "sk", "AttributeType": "S"}},
		"KeySchema":            []any{map[string]string{"AttributeName": "pk", "KeyType": "HASH"}, map[string]string{"AttributeName": "sk", "KeyType": "RANGE"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	waitActive(t, c.url, "Crash")
	const writers = 4
	var mu sync.Mutex
	var groups []*crashGroup
	nextGroup := make([]int, writers)
	for round := range 20 {
		target := 10 + rand.IntN(150)
		acked := 0
		reached := make(chan struct{})
		var wg sync.WaitGroup
		ctx, stop := context.WithCancel(context.Background())
		client := &http.Client{Transport: &http.Transport{}}
		for w := range writers {
			wg.Go(func() {
				for ctx.Err() == nil {
					g := nextGroup[w]
					nextGroup[w]++
					op, req, keys := writeGroup(w, g)
					grp := &crashGroup{keys: keys}
					mu.Lock()
					groups = append(groups, grp)
					mu.Unlock()
					status, err := call(client, c.url, op, req, nil)
					if err != nil {
						if status != 0 {
							t.Errorf("round %d: %v", round, err)
						}
						return // the server is gone
					}
					mu.Lock()
					grp.acked = true
					acked++
					if acked == target {
						close(reached)
					}
					mu.Unlock()
				}
			})
		}
		<-reached
		c.kill9(t)
		stop()
		wg.Wait()
		client.CloseIdleConnections()
		if t.Failed() {
			t.FailNow()
		}

		c = startChild(t, args...)
		present := scanKeys(t, c.url)
		mu.Lock()
		nAcked := 0
		for _, g := range groups {
			n := 0
			for _, k := range g.keys {
				if present[k] {
					n++
				}
			}
			if g.acked {
				nAcked++
			}
			switch {
			case g.acked && n != len(g.keys):
				t.Errorf("round %d: acknowledged write %v: %d of %d items present after the crash", round, g.keys, n, len(g.keys))
			case n != 0 && n != len(g.keys):
				t.Errorf("round %d: partial write %v: %d of %d items present", round, g.keys, n, len(g.keys))
			}
		}
		mu.Unlock()
		if t.Failed() {
			t.Fatalf("log of the restarted server:\n%s", c.log)
		}
		t.Logf("round %d: killed after %d acknowledged writes; %d acknowledged so far, all present", round, target, nAcked)
	}
	// The directory went through snapshots, not only one growing log.
	snaps, _ := filepath.Glob(filepath.Join(dir, "snap-*.json"))
	if len(snaps) == 0 {
		t.Error("no snapshot in the data directory")
	}
}

// TestDataDir_SecondServerRefused: a second ddbplay on the same directory
// fails to start and says why.
func TestDataDir_SecondServerRefused(t *testing.T) {
	dir := t.TempDir()
	start(t, "--addr", "127.0.0.1:0", "--data", dir)
	var logs syncBuffer
	err := run(context.Background(), []string{"--addr", "127.0.0.1:0", "--data", dir}, &logs, func(string) {
		t.Error("the second server started listening")
	})
	if err == nil || !strings.Contains(err.Error(), "in use by another ddbplay") {
		t.Fatalf("got %v, want an in-use error", err)
	}
}

// TestDataDir_ExportImport: --export writes the directory's database as a
// snapshot; --import replaces another directory's database with it.
func TestDataDir_ExportImport(t *testing.T) {
	dir := t.TempDir()
	url, _, stop := start(t, "--addr", "127.0.0.1:0", "--data", dir)
	_, err := call(http.DefaultClient, url, "CreateTable", map[string]any{
		"TableName": "Kept", "BillingMode": "PAY_PER_REQUEST",
		"AttributeDefinitions": []any{map[string]string{"AttributeName": "k", "AttributeType": "S"}},
		"KeySchema":            []any{map[string]string{"AttributeName": "k", "KeyType": "HASH"}},
	}, nil)
	if err == nil {
		waitActive(t, url, "Kept")
		_, err = call(http.DefaultClient, url, "PutItem", map[string]any{"TableName": "Kept", "Item": map[string]av{"k": {"S": "v"}}}, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "snap.json")
	var logs syncBuffer
	if err := run(context.Background(), []string{"--data", dir, "--export", file}, &logs, nil); err != nil {
		t.Fatal(err)
	}
	snap, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(snap, []byte(`"ddbplay-snapshot"`)) || !bytes.Contains(snap, []byte(`{"k":{"S":"v"}}`)) {
		t.Fatalf("export: %q, %v", snap, err)
	}
	other := t.TempDir()
	if err := run(context.Background(), []string{"--data", other, "--import", file}, &logs, nil); err != nil {
		t.Fatal(err)
	}
	url2, _, _ := start(t, "--addr", "127.0.0.1:0", "--data", other)
	var out struct{ Item map[string]av }
	if _, err := call(http.DefaultClient, url2, "GetItem", map[string]any{"TableName": "Kept", "Key": map[string]av{"k": {"S": "v"}}}, &out); err != nil || out.Item["k"]["S"] != "v" {
		t.Errorf("after import: %v, %v", out.Item, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format":"nope"}`), 0o644)
	if err := run(context.Background(), []string{"--data", t.TempDir(), "--import", bad}, &logs, nil); err == nil || !strings.Contains(err.Error(), "Invalid snapshot") {
		t.Errorf("importing a bad file: got %v", err)
	}
}

// TestDataDir_ShortLinksKept: with --data and no --share-dir, short links
// live in DIR/files/links and survive a restart.
func TestDataDir_ShortLinksKept(t *testing.T) {
	dir := t.TempDir()
	url, logs, stop := start(t, "--addr", "127.0.0.1:0", "--data", dir, "--share-limit", "0")
	data := shortlinktest.Gzip(t, `{"kept":"in the data directory"}`)
	id := shortlinktest.Create(t, url, data)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	links := filepath.Join(dir, "files", "links")
	if !strings.Contains(logs.String(), "short links (/s) kept in "+links) {
		t.Errorf("log does not say the links are in %s: %q", links, logs)
	}
	url, _, _ = start(t, "--addr", "127.0.0.1:0", "--data", dir)
	a := shortlinktest.Do(t, http.MethodGet, url+"/s/"+id, "", nil, nil)
	if a.Status != http.StatusOK || !bytes.Equal(a.Body, data) {
		t.Fatalf("after a restart GET /s/%s = %d, want 200 and the link", id, a.Status)
	}
}

// TestDataDir_RefusesThrottle: --throttle is not available with --data.
func TestDataDir_RefusesThrottle(t *testing.T) {
	var logs syncBuffer
	err := run(context.Background(), []string{"--addr", "127.0.0.1:0", "--data", t.TempDir(), "--throttle"}, &logs, nil)
	if err == nil || !strings.Contains(err.Error(), "--throttle does not work with --data") {
		t.Errorf("got %v, want a refusal", err)
	}
}

package web

import (
	"encoding/json"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/static"
)

// TestProtocol_EngineAgrees: the engine recognises DynamoDB Streams'
// operations by the prefix protocol.js declares.
func TestProtocol_EngineAgrees(t *testing.T) {
	if engine.StreamsTargetPrefix != static.Protocol.StreamsTargetPrefix {
		t.Errorf("engine.StreamsTargetPrefix = %q, protocol.js %q", engine.StreamsTargetPrefix, static.Protocol.StreamsTargetPrefix)
	}
}

// TestProtocol_PageAgrees runs the page's protocol.js under Node and
// checks that the page writes what this package writes: the same header
// names, the same x-amz-crc32 for the same bodies (the page's crc32
// against hash/crc32 and against a handler's answer), and request ids of
// the same form.
func TestProtocol_PageAgrees(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found (%v): this test runs static/protocol.js under Node; install nodejs", err)
	}
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "static", "protocol.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "protocol.mjs"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	bodies := []string{"", "{}", `{"TableName":"t","Item":{"pk":{"S":"é✓😀"}}}`, strings.Repeat(`{"n":{"N":"12345"}},`, 5000)}
	in, _ := json.Marshal(bodies)
	script := `import { protocol, requestId, crc32 } from "./protocol.mjs";
const bodies = JSON.parse(process.argv[2]);
const enc = new TextEncoder();
console.log(JSON.stringify({
  protocol,
  crcs: bodies.map(b => crc32(enc.encode(b))),
  ids: [requestId(), requestId(), requestId()],
}));
`
	if err := os.WriteFile(filepath.Join(dir, "run.mjs"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "run.mjs", string(in))
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var page struct {
		Protocol static.ProtocolDetails
		Crcs     []uint32
		Ids      []string
	}
	if err := json.Unmarshal(out, &page); err != nil {
		t.Fatalf("node printed %s: %v", out, err)
	}
	if page.Protocol != static.Protocol {
		t.Errorf("the page's protocol %+v, this package's %+v", page.Protocol, static.Protocol)
	}
	h := fakeHandler(t)
	for i, b := range bodies {
		if want := crc32.ChecksumIEEE([]byte(b)); page.Crcs[i] != want {
			t.Errorf("body %d: the page's crc32 %d, hash/crc32 %d", i, page.Crcs[i], want)
		}
		// The handler echoes the body: its answer's x-amz-crc32 is the
		// page's for the same bytes.
		rec := post(h, TargetPrefix+"Echo", b)
		if rec.Body.String() != b {
			t.Fatalf("body %d: Echo answered %.40q", i, rec.Body.String())
		}
		if got := rec.Result().Header.Get(headerCRC32); got != strconv.FormatUint(uint64(page.Crcs[i]), 10) {
			t.Errorf("body %d: the handler's %s %s, the page's %d", i, headerCRC32, got, page.Crcs[i])
		}
	}
	seen := map[string]bool{}
	for _, id := range append(page.Ids, string(appendRequestID(nil))) {
		if len(id) != requestIDLen || strings.Trim(id, requestIDAlphabet) != "" || seen[id] {
			t.Errorf("request id %q: want %d fresh characters of %s", id, requestIDLen, requestIDAlphabet)
		}
		seen[id] = true
	}
}

// TestProtocol_OneHome: no other front-end module spells out the
// protocol's values in its code; they import protocol.js.
func TestProtocol_OneHome(t *testing.T) {
	p := static.Protocol
	err := filepath.WalkDir(filepath.Join("..", "static"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") || filepath.Base(path) == "protocol.js" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for n, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") {
				continue // comments may name them
			}
			for _, v := range []string{p.TargetPrefix, p.StreamsTargetPrefix, p.ContentType, p.RequestIDAlphabet} {
				if strings.Contains(line, `"`+v) {
					t.Errorf("%s:%d spells out %q: import it from protocol.js", path, n+1, v)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

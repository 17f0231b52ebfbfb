package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The native benchmark's shape: 8 keep-alive connections driven by 8
// goroutines, items of 1 KB (DynamoDB's item size: names plus values),
// nativeKeys items for GetItem and PutItem, one partition of 100 such
// items for Query100.
const (
	nativeConns  = 8
	nativeKeys   = 1000
	nativeItemKB = 1024
	// nativeRounds is the fewest alternating rounds a run measures (b.N
	// rounds when -benchtime asks for more); nativePhase is how long each
	// server is driven in a round.
	nativeRounds = 21
	nativePhase  = 60 * time.Millisecond
)

// BenchmarkNative measures the native server against the physical limit:
// a trivial net/http server (trivialServer) that answers every request
// with a fixed body of the size of ddbplay's answer, driven by the same
// client with 8 keep-alive connections and 8 goroutines, on the same
// machine in the same process. ddbplay is the command's own server (run,
// as main starts it: the same handler chain and http.Server settings),
// without --data. Requests carry the headers the AWS SDK for Go v2 sends
// (signed; neither server checks).
//
// Each case runs with two clients: raw (rawDriver: prepared request bytes
// on 8 TCP connections, answers skipped by Content-Length, no allocation:
// the cheap client, so that the ratio shows the servers' own costs) and
// nethttp (net/http's Transport, MaxConnsPerHost 8).
//
// Each round drives both servers for nativePhase each, the order
// alternating from round to round so that drift of a shared machine falls
// on both; a GC runs before each phase so that neither pays for the
// other's garbage. It reports the median over the rounds of each server's
// request rate (trivial-req/s, ddbplay-req/s), of the per-round ratio
// (ratio: ddbplay's rate over the trivial server's, the figure that
// counts), ddbplay's time per request (ns/op), and for each server the
// process's CPU time per request (client and server together:
// trivial-cpu-ns/req, ddbplay-cpu-ns/req; cpu-ratio is the median of the
// trivial server's over ddbplay's, the ratio the rates would have on two
// otherwise idle cores, less disturbed by other work on a shared machine)
// and heap allocations per request (trivial-allocs/req,
// ddbplay-allocs/req; allocs/op and B/op are ddbplay's).
//
// Each server's goroutines carry the profiler label server=trivial or
// server=ddbplay, so that a -cpuprofile splits by server (go tool pprof
// -tagfocus server=ddbplay).
//
// Cases: GetItem and PutItem of 1 KB items (keys cycling over nativeKeys
// items), Query100 (one partition of 100 items of 1 KB, ~115 KB answer).
func BenchmarkNative(b *testing.B) {
	ddb := startNative(b)
	triv := startTrivial(b)
	c := newNativeClient()
	defer c.close()
	setupNativeTables(b, c, ddb)

	for _, bc := range nativeCases() {
		dreq := c.requests(ddb, bc.op, bc.bodies)
		// The trivial server answers with a body of the size of ddbplay's
		// answer to the first request.
		first, err := c.do(dreq[0])
		if err != nil {
			b.Fatal(err)
		}
		treq := c.requests(triv.url, bc.op, bc.bodies)
		for _, d := range []nativeDriver{&rawDriver{}, c} {
			b.Run(bc.name+"/"+d.name(), func(b *testing.B) {
				triv.setBody(first)
				defer d.close()
				runNative(b, d, treq, dreq, len(first))
			})
		}
	}
}

// runNative measures one case with one client: alternating rounds of the
// trivial server's requests treq and ddbplay's dreq.
func runNative(b *testing.B, d nativeDriver, treq, dreq []nativeRequest, respBytes int) {
	// Warm up: connections opened, code and pools hot.
	phase(b, d, treq, nativePhase)
	phase(b, d, dreq, nativePhase)

	rounds := max(b.N, nativeRounds)
	var trates, drates, ratios, tcpu, dcpu, cpuRatios, tallocs, dallocs, dbytes []float64
	for i := range rounds {
		var t, dd phaseResult
		if i%2 == 0 {
			t = phase(b, d, treq, nativePhase)
			dd = phase(b, d, dreq, nativePhase)
		} else {
			dd = phase(b, d, dreq, nativePhase)
			t = phase(b, d, treq, nativePhase)
		}
		trates = append(trates, t.rate())
		drates = append(drates, dd.rate())
		ratios = append(ratios, dd.rate()/t.rate())
		tcpu = append(tcpu, t.cpuPerReq())
		dcpu = append(dcpu, dd.cpuPerReq())
		cpuRatios = append(cpuRatios, t.cpuPerReq()/dd.cpuPerReq())
		tallocs = append(tallocs, t.allocsPerReq())
		dallocs = append(dallocs, dd.allocsPerReq())
		dbytes = append(dbytes, dd.bytesPerReq())
	}
	b.ReportMetric(median(trates), "trivial-req/s")
	b.ReportMetric(median(drates), "ddbplay-req/s")
	b.ReportMetric(median(ratios), "ratio")
	b.ReportMetric(1e9/median(drates), "ns/op")
	b.ReportMetric(median(tcpu), "trivial-cpu-ns/req")
	b.ReportMetric(median(dcpu), "ddbplay-cpu-ns/req")
	b.ReportMetric(median(cpuRatios), "cpu-ratio")
	b.ReportMetric(median(tallocs), "trivial-allocs/req")
	b.ReportMetric(median(dallocs), "ddbplay-allocs/req")
	// -benchmem's figures would count every round of both servers: they
	// are ddbplay's per request instead (client and server together).
	b.ReportMetric(median(dallocs), "allocs/op")
	b.ReportMetric(median(dbytes), "B/op")
	b.ReportMetric(float64(respBytes), "resp-bytes")
}

// nativeCase is one request kind of BenchmarkNative: the operation and the
// request bodies its client cycles through.
type nativeCase struct {
	name, op string
	bodies   [][]byte
}

func nativeCases() []nativeCase {
	var get, put [][]byte
	for i := range nativeKeys {
		get = append(get, fmt.Appendf(nil, `{"TableName":"native","Key":{"pk":{"S":"%s"}}}`, nativeKey(i)))
		put = append(put, fmt.Appendf(nil, `{"TableName":"native","Item":%s}`, nativeItem(nativeKey(i), "", i)))
	}
	query := [][]byte{[]byte(`{"TableName":"native100","KeyConditionExpression":"pk = :p",` +
		`"ExpressionAttributeValues":{":p":{"S":"partition"}}}`)}
	return []nativeCase{{"GetItem", "GetItem", get}, {"PutItem", "PutItem", put}, {"Query100", "Query", query}}
}

func nativeKey(i int) string { return fmt.Sprintf("item-%06d", i) }

// nativeItem returns an item of exactly nativeItemKB bytes by DynamoDB's
// measure: the key (pk, and sk when not empty), a few small attributes of
// several types, and a payload string filling the rest.
func nativeItem(pk, sk string, i int) string {
	var s strings.Builder
	size := 0
	add := func(name, typ, val string, valSize int) {
		if s.Len() > 0 {
			s.WriteByte(',')
		}
		fmt.Fprintf(&s, `"%s":{"%s":%s}`, name, typ, val)
		size += len(name) + valSize
	}
	add("pk", "S", strconv.Quote(pk), len(pk))
	if sk != "" {
		add("sk", "S", strconv.Quote(sk), len(sk))
	}
	name := fmt.Sprintf("user %d", i)
	add("name", "S", strconv.Quote(name), len(name))
	add("email", "S", strconv.Quote(name+"@example.com"), len(name)+len("@example.com"))
	count := strconv.Itoa(i * 7)
	add("count", "N", strconv.Quote(count), (len(count)+1)/2+1) // DynamoDB's size of a small integer
	add("active", "BOOL", "true", 1)
	add("tags", "SS", `["red","green","blue"]`, len("red")+len("green")+len("blue"))
	payload := nativeItemKB - size - len("payload")
	add("payload", "S", strconv.Quote(strings.Repeat("x", payload)), payload)
	return "{" + s.String() + "}"
}

// setupNativeTables creates the benchmark's tables on ddbplay and fills them.
func setupNativeTables(b *testing.B, c *nativeClient, base string) {
	b.Helper()
	must := func(op, body string) {
		b.Helper()
		if _, err := c.do(c.requests(base, op, [][]byte{[]byte(body)})[0]); err != nil {
			b.Fatal(err)
		}
	}
	must("CreateTable", `{"TableName":"native","BillingMode":"PAY_PER_REQUEST",`+
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	must("CreateTable", `{"TableName":"native100","BillingMode":"PAY_PER_REQUEST",`+
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]}`)
	waitActive(b, base, "native")
	waitActive(b, base, "native100")
	for i := range nativeKeys {
		must("PutItem", `{"TableName":"native","Item":`+nativeItem(nativeKey(i), "", i)+`}`)
	}
	for i := range 100 {
		must("PutItem", `{"TableName":"native100","Item":`+nativeItem("partition", fmt.Sprintf("sk-%03d", i), i)+`}`)
	}
}

// startNative runs the command as main does, on a free loopback port, and
// returns its URL.
func startNative(b *testing.B) string {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go pprof.Do(ctx, pprof.Labels("server", "ddbplay"), func(ctx context.Context) {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0"}, io.Discard, func(u string) { urls <- u })
	})
	var u string
	select {
	case u = <-urls:
	case err := <-done:
		cancel()
		b.Fatalf("run returned before listening: %v", err)
	}
	b.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			b.Errorf("run: %v", err)
		}
	})
	return u
}

// trivialServer is the physical limit: net/http with the http.Server
// settings of run, a handler that reads the request body and answers
// every request with the same body (the size of ddbplay's answer) and
// Content-Type.
type trivialServer struct {
	url  string
	body atomic.Pointer[[]byte]
}

func startTrivial(b *testing.B) *trivialServer {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ts := &trivialServer{url: "http://" + ln.Addr().String()}
	ts.setBody([]byte("{}"))
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			body := *ts.body.Load()
			hd := w.Header()
			hd.Set("Content-Type", "application/x-amz-json-1.0")
			hd.Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body)
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go pprof.Do(context.Background(), pprof.Labels("server", "trivial"), func(context.Context) { _ = srv.Serve(ln) })
	b.Cleanup(func() { _ = srv.Close() })
	return ts
}

// setBody sets the answer to body (the same length as ddbplay's, all
// spaces: its content costs nothing to make).
func (ts *trivialServer) setBody(like []byte) {
	body := bytes.Repeat([]byte(" "), len(like))
	ts.body.Store(&body)
}

// nativeClient is the benchmark's client: one http.Transport with 8
// keep-alive connections to each server, requests built before the
// measurement with the headers of the AWS SDK for Go v2 (signed; neither
// server checks the signature), answers read into a per-goroutine buffer
// and dropped.
type nativeClient struct {
	tr *http.Transport
}

func newNativeClient() *nativeClient {
	return &nativeClient{tr: &http.Transport{
		MaxConnsPerHost:     nativeConns,
		MaxIdleConnsPerHost: nativeConns,
		MaxIdleConns:        4 * nativeConns,
		DisableCompression:  true,
		IdleConnTimeout:     time.Minute,
	}}
}

func (c *nativeClient) close() { c.tr.CloseIdleConnections() }

// nativeRequest is one prepared request.
type nativeRequest struct {
	url    *url.URL
	header http.Header
	body   []byte
	raw    []byte // the whole request as rawDriver sends it
}

// requests prepares one request per body for op at base.
func (c *nativeClient) requests(base, op string, bodies [][]byte) []nativeRequest {
	u, err := url.Parse(base + "/")
	if err != nil {
		panic(err)
	}
	out := make([]nativeRequest, len(bodies))
	for i, body := range bodies {
		hd := http.Header{}
		hd.Set("Content-Type", "application/x-amz-json-1.0")
		hd.Set("X-Amz-Target", "DynamoDB_20120810."+op)
		hd.Set("User-Agent", "aws-sdk-go-v2/1.39.0 ua/2.1 os/linux lang/go#1.26 md/GOOS#linux md/GOARCH#amd64 api/dynamodb#1.50.0 m/E,j")
		hd.Set("Accept-Encoding", "identity")
		hd.Set("Amz-Sdk-Invocation-Id", fmt.Sprintf("6c2d0f5e-58a1-4b8e-9d3a-%012d", i))
		hd.Set("Amz-Sdk-Request", "attempt=1; max=3")
		hd.Set("X-Amz-Date", "20261203T120000Z")
		hd.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/dynamodb/aws4_request, "+
			"SignedHeaders=accept-encoding;amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-target, "+
			"Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
		var raw bytes.Buffer
		fmt.Fprintf(&raw, "POST / HTTP/1.1\r\nHost: %s\r\n", u.Host)
		_ = hd.Write(&raw)
		fmt.Fprintf(&raw, "Content-Length: %d\r\n\r\n", len(body))
		raw.Write(body)
		out[i] = nativeRequest{url: u, header: hd, body: body, raw: raw.Bytes()}
	}
	return out
}

// do sends r once and returns the answer's body; an answer other than 200
// is an error.
func (c *nativeClient) do(r nativeRequest) ([]byte, error) {
	resp, err := c.tr.RoundTrip(r.httpRequest())
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %d %s", r.header.Get("X-Amz-Target"), resp.StatusCode, body)
	}
	return body, nil
}

func (r *nativeRequest) httpRequest() *http.Request {
	return &http.Request{
		Method:        http.MethodPost,
		URL:           r.url,
		Host:          r.url.Host,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        r.header, // read only by the transport
		Body:          io.NopCloser(bytes.NewReader(r.body)),
		ContentLength: int64(len(r.body)),
	}
}

// phaseResult is what one server did in one phase.
type phaseResult struct {
	n       int64
	elapsed time.Duration
	cpu     time.Duration // the process's CPU time: client and server
	mallocs uint64
	bytes   uint64 // allocated
}

func (p phaseResult) rate() float64 { return float64(p.n) / p.elapsed.Seconds() }

func (p phaseResult) cpuPerReq() float64 { return float64(p.cpu) / float64(p.n) }

func (p phaseResult) allocsPerReq() float64 { return float64(p.mallocs) / float64(p.n) }

func (p phaseResult) bytesPerReq() float64 { return float64(p.bytes) / float64(p.n) }

// nativeDriver sends requests for BenchmarkNative: one goroutine of
// nativeConns, numbered conn, sends r and reads its whole answer, which
// must have status 200.
type nativeDriver interface {
	name() string
	send(conn int, r *nativeRequest, buf []byte) error
	close()
}

// The net/http client (nativeClient) as a driver: http.Transport with 8
// keep-alive connections per server, the answers read into buf.
func (c *nativeClient) name() string { return "nethttp" }

func (c *nativeClient) send(_ int, r *nativeRequest, buf []byte) error {
	resp, err := c.tr.RoundTrip(r.httpRequest())
	if err != nil {
		return err
	}
	for err == nil {
		_, err = resp.Body.Read(buf)
	}
	_ = resp.Body.Close()
	if err != io.EOF {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d", r.header.Get("X-Amz-Target"), resp.StatusCode)
	}
	return nil
}

// rawDriver is the cheap client: each goroutine keeps one keep-alive TCP
// connection per server, writes the request's prepared bytes and reads
// the answer's status line and headers with a bufio.Reader, skipping the
// body by its Content-Length. It allocates nothing per request, so that
// the client's share of two cores stays small and the ratio shows the
// servers' own costs.
type rawDriver struct {
	mu    sync.Mutex
	conns map[string][]*rawConn // by host, nativeConns each
}

type rawConn struct {
	c  net.Conn
	br *bufio.Reader
}

func (d *rawDriver) name() string { return "raw" }

func (d *rawDriver) conn(i int, host string) (*rawConn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.conns == nil {
		d.conns = map[string][]*rawConn{}
	}
	cs := d.conns[host]
	if cs == nil {
		cs = make([]*rawConn, nativeConns)
		d.conns[host] = cs
	}
	if cs[i] == nil {
		c, err := net.Dial("tcp", host)
		if err != nil {
			return nil, err
		}
		cs[i] = &rawConn{c: c, br: bufio.NewReaderSize(c, 64<<10)}
	}
	return cs[i], nil
}

func (d *rawDriver) send(i int, r *nativeRequest, _ []byte) error {
	rc, err := d.conn(i, r.url.Host)
	if err != nil {
		return err
	}
	if _, err := rc.c.Write(r.raw); err != nil {
		return err
	}
	line, err := rc.br.ReadSlice('\n')
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
		return fmt.Errorf("%s: %q", r.header.Get("X-Amz-Target"), line)
	}
	length := -1
	for {
		line, err = rc.br.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) <= 2 { // the blank line ending the headers
			break
		}
		if name, value, ok := bytes.Cut(line, []byte(":")); ok && strings.EqualFold(string(name), "Content-Length") {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(value))); err != nil {
				return err
			}
		}
	}
	if length < 0 {
		return fmt.Errorf("%s: answer without Content-Length", r.header.Get("X-Amz-Target"))
	}
	_, err = rc.br.Discard(length)
	return err
}

func (d *rawDriver) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, cs := range d.conns {
		for _, c := range cs {
			if c != nil {
				_ = c.c.Close()
			}
		}
	}
	d.conns = nil
}

// phase drives the server of reqs with nativeConns goroutines of d for
// dur, cycling through reqs, and counts the answers.
func phase(b *testing.B, d nativeDriver, reqs []nativeRequest, dur time.Duration) phaseResult {
	b.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs, allocated := ms.Mallocs, ms.TotalAlloc
	var next, done atomic.Int64
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	cpu := processCPU()
	start := time.Now()
	deadline := start.Add(dur)
	for conn := range nativeConns {
		wg.Go(func() {
			buf := make([]byte, 32<<10)
			for time.Now().Before(deadline) {
				r := &reqs[int(next.Add(1))%len(reqs)]
				if err := d.send(conn, r, buf); err != nil {
					failed.CompareAndSwap(nil, &err)
					return
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu = processCPU() - cpu
	if err := failed.Load(); err != nil {
		b.Fatal(*err)
	}
	runtime.ReadMemStats(&ms)
	return phaseResult{n: done.Load(), elapsed: elapsed, cpu: cpu, mallocs: ms.Mallocs - mallocs, bytes: ms.TotalAlloc - allocated}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

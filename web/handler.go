package web

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math/bits"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/static"
)

// MaxBodyBytes is the largest request body accepted: DynamoDB's 16 MB
// request limit plus 1 MiB of slack for JSON overhead. A larger body is
// answered with HTTP 413 and error type RequestEntityTooLarge without being
// read further.
const MaxBodyBytes = 16<<20 + 1<<20

// Header names and values of the protocol, as static/protocol.js
// declares them for the page and this package alike.
var (
	contentTypeJSON = static.Protocol.ContentType
	headerTarget    = static.Protocol.TargetHeader
	headerRequestID = static.Protocol.RequestIDHeader
	headerCRC32     = static.Protocol.CRC32Header
)

// CORS: any origin may call the endpoint; these are the request headers the
// AWS SDKs send and the response headers they read.
const (
	corsAllowHeaders = "Content-Type, X-Amz-Target, X-Amz-User-Agent, X-Amz-Date, " +
		"X-Amz-Security-Token, X-Amz-Content-Sha256, Authorization, " +
		"Amz-Sdk-Invocation-Id, Amz-Sdk-Request, X-Amz-Api-Version, Accept-Encoding"
	corsAllowMethods = "POST, GET, HEAD, OPTIONS"
	corsMaxAge       = "86400"
)

// corsExposeHeaders are the answer's headers the SDKs read.
var corsExposeHeaders = headerRequestID + ", " + headerCRC32 + ", Date"

// NewHandler returns DynamoDB's JSON 1.0 protocol in front of db.
//
//   - POST with "X-Amz-Target: DynamoDB_20120810.<Operation>" runs
//     db.Handle(Operation, body). The answer is the engine's JSON with
//     status 200, or the *ddberr.Error body
//     {"__type":"com.amazonaws.dynamodb.v20120810#Type","message":"…"} with
//     the error's status. Every answer carries Content-Type
//     application/x-amz-json-1.0, a unique x-amzn-RequestId and x-amz-crc32
//     (the IEEE CRC32 of the body, in decimal).
//   - "X-Amz-Target: DynamoDBStreams_20120810.<Operation>" runs DynamoDB
//     Streams' operation the same way (db.Handle with the whole target).
//   - A missing target, or one without either prefix, is the
//     engine's UnknownOperationException (as for an unknown operation); a
//     body over MaxBodyBytes is 413 RequestEntityTooLarge; malformed JSON is
//     the engine's SerializationException. The Content-Type of the request
//     is not checked, nor is the signature.
//   - GET or HEAD without a target answers 200 "healthy: ddbplay", as
//     DynamoDB answers a GET on its endpoint.
//   - OPTIONS is a CORS preflight: 204 with Access-Control-Allow-* headers.
//     An answer to a POST carries Access-Control-Allow-Origin: * and
//     exposes x-amzn-RequestId, x-amz-crc32 and Date when the request has
//     an Origin header, as every browser's POST has (the Fetch standard:
//     only a request with an Origin is a CORS request, and only its answer's
//     CORS headers are read); the SDKs and the CLI send none, and their
//     answers go without those two headers. Every other answer carries them
//     always.
//
// Operations run through the Serve of a new engine.Host of db, which holds
// the policy every host shares: the TTL sweep before the handler's first
// request and then at most once a second, a recovered engine panic
// answered as a 500 InternalServerError (and reported to
// engine.Options.OnPanic), and DynamoDB's error bodies (engine.ErrorBody).
// The handler is safe for concurrent use.
func NewHandler(db *engine.DB) http.Handler {
	return NewBackendHandler(db.NewHost())
}

// Backend runs operations for the endpoint with the host policy of
// engine.Host.Serve: an *engine.Host, or a *datadir.Store, which also logs
// every write to its data directory before answering.
type Backend interface {
	Serve(op string, body []byte) (status int, resp []byte, wrote bool)
}

// appendBackend is a Backend that can append its answer to a buffer of
// the caller's (engine.Host.ServeAppend) and keeps neither the request
// body nor the answer: the handler then reuses both buffers.
type appendBackend interface {
	ServeAppend(dst []byte, op string, body []byte) (status int, resp []byte, wrote bool)
}

var (
	_ Backend       = (*engine.Host)(nil)
	_ appendBackend = (*engine.Host)(nil)
)

// NewBackendHandler is NewHandler in front of b.
func NewBackendHandler(b Backend) http.Handler {
	if ab, ok := b.(appendBackend); ok {
		return &handler{serve: ab.ServeAppend, reuse: true}
	}
	return &handler{serve: func(_ []byte, op string, body []byte) (int, []byte, bool) { return b.Serve(op, body) }}
}

// handler serves the protocol over an operation runner (Host.ServeAppend;
// tests pass fakes), which appends its answer to the buffer it is given.
// With reuse, the request and answer buffers go back to a pool once the
// answer is written.
type handler struct {
	serve func(dst []byte, op string, body []byte) (status int, resp []byte, wrote bool)
	reuse bool
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		// The hot path: writeAnswer sets the CORS headers with the others.
		h.serveOperation(w, r)
		return
	}
	setCORS(w.Header())
	switch {
	case r.Method == http.MethodOptions:
		preflight(w, r)
	case r.Header.Get(headerTarget) == "" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Length", strconv.Itoa(len(healthText)))
		if r.Method == http.MethodGet {
			_, _ = io.WriteString(w, healthText)
		}
	default:
		w.Header().Set("Allow", corsAllowMethods)
		e := ddberr.New(ddberr.TypeUnknownOperation, msgMethod)
		e.Status = http.StatusMethodNotAllowed
		writeError(w, e, true)
	}
}

// serveOperation answers a POST to the endpoint.
func (h *handler) serveOperation(w http.ResponseWriter, r *http.Request) {
	// r.Header.Get(headerTarget), without canonicalizing the name again.
	var target string
	if v := r.Header[keyTarget]; len(v) > 0 {
		target = v[0]
	}
	cors := len(r.Header["Origin"]) > 0 // see NewHandler
	op, ok := strings.CutPrefix(target, TargetPrefix)
	if strings.HasPrefix(target, engine.StreamsTargetPrefix) {
		// DynamoDB Streams on the same endpoint: the engine takes the
		// whole target (engine.DB.Handle).
		op, ok = target, len(target) > len(engine.StreamsTargetPrefix)
	}
	if !ok || op == "" {
		// The engine words UnknownOperationException ("" is no operation).
		op, ok = "", false
	}
	if ok && r.ContentLength > MaxBodyBytes {
		writeError(w, errTooLarge(), cors)
		return
	}
	var buf *[]byte // pooled: the request body, then the answer
	if h.reuse {
		buf = getBuffer()
		defer putBuffer(buf)
	} else {
		buf = new([]byte)
	}
	body := (*buf)[:0]
	if ok {
		var err error
		body, err = readBody(*buf, w, r)
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, errTooLarge(), cors)
			} else {
				writeError(w, errReadBody(), cors)
			}
			return
		}
	}
	// The answer goes after the body in the same buffer.
	status, out, _ := h.serve(body[len(body):], op, body)
	// net/http's own ResponseWriter (HTTP/1) adds the Content-Length of a
	// short answer itself, from its buffer, without an entry in the header
	// map to clone, sort and write (see autoLengthMax).
	_, server := w.(http.Hijacker)
	writeAnswer(w, status, out, !server || len(out) > autoLengthMax, cors)
	if h.reuse && cap(out) > cap(body)-len(body) {
		*buf = out[:0] // the answer outgrew the buffer: keep its larger one
	} else {
		*buf = body[:0]
	}
}

// readBody reads the request body (at most MaxBodyBytes) into buf's spare
// capacity and returns it.
func readBody(buf []byte, w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if n := r.ContentLength; n >= 0 {
		// The length is known (at most MaxBodyBytes, checked before) and
		// net/http's body stops there: read it at once.
		body := slices.Grow(buf[:0], int(n))[:n]
		if _, err := io.ReadFull(r.Body, body); err != nil {
			return nil, err
		}
		return body, nil
	}
	rd := http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// bufferPool holds the buffers of requests and answers; a buffer larger
// than maxPooledBuffer is left to the garbage collector.
var bufferPool = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

const maxPooledBuffer = 4 << 20

func getBuffer() *[]byte { return bufferPool.Get().(*[]byte) }

func putBuffer(b *[]byte) {
	if cap(*b) <= maxPooledBuffer {
		bufferPool.Put(b)
	}
}

// writeError sends err as a DynamoDB error body (engine.ErrorBody), with
// the CORS headers when cors is set.
func writeError(w http.ResponseWriter, err error, cors bool) {
	status, body := engine.ErrorBody(err)
	writeAnswer(w, status, body, true, cors)
}

// Canonical forms of the answer's header names (http.CanonicalHeaderKey),
// set straight into the header map.
const (
	keyAllowOrigin   = "Access-Control-Allow-Origin"
	keyExposeHeaders = "Access-Control-Expose-Headers"
	keyContentType   = "Content-Type"
	keyContentLength = "Content-Length"
)

var (
	keyTarget    = http.CanonicalHeaderKey(headerTarget)
	keyRequestID = http.CanonicalHeaderKey(headerRequestID)
	keyCRC32     = http.CanonicalHeaderKey(headerCRC32)
)

// autoLengthMax is the longest answer for which the handler leaves
// Content-Length to net/http's server: an answer written in one Write
// by a handler that then returns, no longer than the buffer the server
// holds answers in before it must choose between a length and chunks
// (2,048 bytes in net/http's server.go), gets its Content-Length from
// the server (documented on http.ResponseWriter.Write: "if the total size
// of all written data is under a few KB and there are no Flush calls,
// the Content-Length header is added automatically"). TestAutoLength
// checks that it still does, at this length, through a real server.
const autoLengthMax = 2048

// writeAnswer sends a protocol answer with DynamoDB's headers, the
// Content-Length header only when length is set (else the server must add
// it: see autoLengthMax) and the CORS headers of setCORS only when cors is
// set. Its header values are made with one allocation (answerHeader).
func writeAnswer(w http.ResponseWriter, status int, body []byte, length, cors bool) {
	h := new(answerHeader)
	t := appendRequestID(h.text[:0])
	if string(body) == "{}" { // the commonest write answer: its CRC is known
		t = append(t, emptyObjectCRC...)
	} else {
		t = strconv.AppendUint(t, uint64(crc32.ChecksumIEEE(body)), 10)
	}
	crcEnd := len(t)
	t = strconv.AppendInt(t, int64(len(body)), 10)
	// The values' texts are h.text, which is never written again.
	all := unsafe.String(&h.text[0], len(t))
	h.vals = [6]string{"*", corsExposeHeaders, contentTypeJSON, all[crcEnd:], all[:requestIDLen], all[requestIDLen:crcEnd]}
	hd := w.Header()
	if cors {
		hd[keyAllowOrigin] = h.vals[0:1:1]
		hd[keyExposeHeaders] = h.vals[1:2:2]
	}
	hd[keyContentType] = h.vals[2:3:3]
	if length {
		hd[keyContentLength] = h.vals[3:4:4]
	}
	hd[keyRequestID] = h.vals[4:5:5]
	hd[keyCRC32] = h.vals[5:6:6]
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// emptyObjectCRC is the x-amz-crc32 of the answer {}.
var emptyObjectCRC = strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte("{}"))), 10)

// answerHeader holds the header values of an answer (writeAnswer): the
// one-element slices the header map takes and the text of the request
// id, CRC and length they point into.
type answerHeader struct {
	vals [6]string
	text [maxRequestIDLen + 2*20]byte
}

// setCORS adds the headers every endpoint answer carries.
func setCORS(hd http.Header) {
	hd.Set("Access-Control-Allow-Origin", "*")
	hd.Set("Access-Control-Expose-Headers", corsExposeHeaders)
}

// preflight answers a CORS preflight request. Besides the headers the AWS
// SDKs send, it allows whatever other headers the preflight asks for (the
// endpoint checks no credentials, so no header is sensitive), so that a
// newer SDK's extra headers do not break browsers.
func preflight(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	allow := corsAllowHeaders
	if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" && isTokenList(asked) {
		allow += ", " + asked
	}
	hd.Set("Access-Control-Allow-Methods", corsAllowMethods)
	hd.Set("Access-Control-Allow-Headers", allow)
	hd.Add("Vary", "Access-Control-Request-Headers")
	hd.Set("Access-Control-Max-Age", corsMaxAge)
	w.WriteHeader(http.StatusNoContent)
}

// isTokenList reports whether s is a comma-separated list of HTTP header
// names (safe to echo in a response header).
func isTokenList(s string) bool {
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			return false
		}
		for i := 0; i < len(f); i++ {
			c := f[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
				return false
			}
		}
	}
	return true
}

// requestIDAlphabet and requestIDLen shape request ids like DynamoDB's
// (static/protocol.js: 52 characters of A–Z and 0–9).
var (
	requestIDAlphabet = static.Protocol.RequestIDAlphabet
	requestIDLen      = min(static.Protocol.RequestIDLength, maxRequestIDLen)
)

// maxRequestIDLen bounds the request id appendRequestID makes.
const maxRequestIDLen = 64

// requestIDPairs holds every pair of characters of requestIDAlphabet,
// little-endian: pair k (0 ≤ k < n², n = len(requestIDAlphabet)) is the
// digits of k in base n.
var requestIDPairs = func() []uint16 {
	n := len(requestIDAlphabet)
	p := make([]uint16, n*n)
	for k := range p {
		p[k] = uint16(requestIDAlphabet[k/n]) | uint16(requestIDAlphabet[k%n])<<8
	}
	return p
}()

// appendRequestID appends a fresh random request id to dst. The bits come
// from math/rand/v2's generator (ChaCha8, seeded from the system's
// randomness): 52 characters hold over 200 random bits, unique without a
// system call per request; an id is no secret.
//
// Each 64-bit word, read as a fraction of 2⁶⁴, gives 5 pairs of
// characters as its first 5 digits in base n² (n = len(requestIDAlphabet);
// a multiplication each, where a division would cost ten times as much,
// and a table lookup of the pair): 10 characters of 36 use about 52 of
// its bits. Two words are drawn (the first 20 characters: over 100 random
// bits, which make the id unique); the words of the others are mixed from
// them (SplitMix64's finalizer), a few instructions where a draw costs
// tens.
func appendRequestID(dst []byte) []byte {
	nn := uint64(len(requestIDAlphabet) * len(requestIDAlphabet))
	pairs := requestIDPairs
	var id [maxRequestIDLen + 10]byte
	w0, w1 := rand.Uint64(), rand.Uint64()
	for i, k := 0, uint64(0); i < requestIDLen; i, k = i+10, k+1 {
		b := id[i : i+10 : i+10]
		x := w0
		switch {
		case k == 1:
			x = w1
		case k > 1:
			z := w0 ^ (w1 + k*0x9e3779b97f4a7c15)
			z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
			z = (z ^ z>>27) * 0x94d049bb133111eb
			x = z ^ z>>31
		}
		var p0, p1, p2, p3, p4 uint64
		p0, x = bits.Mul64(x, nn)
		p1, x = bits.Mul64(x, nn)
		p2, x = bits.Mul64(x, nn)
		p3, x = bits.Mul64(x, nn)
		p4, _ = bits.Mul64(x, nn)
		binary.LittleEndian.PutUint16(b[0:], pairs[p0])
		binary.LittleEndian.PutUint16(b[2:], pairs[p1])
		binary.LittleEndian.PutUint16(b[4:], pairs[p2])
		binary.LittleEndian.PutUint16(b[6:], pairs[p3])
		binary.LittleEndian.PutUint16(b[8:], pairs[p4])
	}
	return append(dst, id[:requestIDLen]...)
}

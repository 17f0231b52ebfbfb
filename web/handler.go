package web

import (
	"crypto/rand"
	"errors"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"

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
//     Every answer carries Access-Control-Allow-Origin: * and exposes
//     x-amzn-RequestId and x-amz-crc32.
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

var _ Backend = (*engine.Host)(nil)

// NewBackendHandler is NewHandler in front of b.
func NewBackendHandler(b Backend) http.Handler {
	return &handler{serve: b.Serve}
}

// handler serves the protocol over an operation runner (Host.Serve; tests
// pass fakes).
type handler struct {
	serve func(op string, body []byte) (status int, resp []byte, wrote bool)
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
	case r.Method != http.MethodPost:
		w.Header().Set("Allow", corsAllowMethods)
		e := ddberr.New(ddberr.TypeUnknownOperation, msgMethod)
		e.Status = http.StatusMethodNotAllowed
		writeError(w, e)
	default:
		h.serveOperation(w, r)
	}
}

// serveOperation answers a POST to the endpoint.
func (h *handler) serveOperation(w http.ResponseWriter, r *http.Request) {
	target := r.Header.Get(headerTarget)
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
		writeError(w, errTooLarge())
		return
	}
	var body []byte
	if ok {
		var err error
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, errTooLarge())
			} else {
				writeError(w, errReadBody())
			}
			return
		}
	}
	status, out, _ := h.serve(op, body)
	writeBody(w, status, out)
}

// writeError sends err as a DynamoDB error body (engine.ErrorBody).
func writeError(w http.ResponseWriter, err error) {
	status, body := engine.ErrorBody(err)
	writeBody(w, status, body)
}

// writeBody sends a protocol answer with DynamoDB's headers.
func writeBody(w http.ResponseWriter, status int, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", contentTypeJSON)
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	hd.Set(headerRequestID, newRequestID())
	hd.Set(headerCRC32, strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
	w.WriteHeader(status)
	_, _ = w.Write(body)
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

// maxRequestIDLen bounds the request id newRequestID makes on its stack.
const maxRequestIDLen = 64

// newRequestID returns a fresh random request id.
func newRequestID() string {
	var buf [maxRequestIDLen]byte
	b := buf[:requestIDLen]
	_, _ = rand.Read(b) // crypto/rand.Read never fails.
	for i, c := range b {
		b[i] = requestIDAlphabet[int(c)%len(requestIDAlphabet)]
	}
	return string(b)
}

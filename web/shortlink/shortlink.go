package shortlink

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Defaults of Config.
const (
	DefaultMaxBytes = 1 << 20
	DefaultTTL      = 365 * 24 * time.Hour
	// IDLength is the length of an id in base64url characters (96 bits).
	IDLength = 16
	// MediaType is the Content-Type of a link's bytes, in and out.
	MediaType = "application/gzip"
)

// Config configures a Handler.
type Config struct {
	// Store keeps the links. Required.
	Store Store
	// Limiter limits how many links a client creates; nil: no limit.
	Limiter Limiter
	// RetryAfter is the Retry-After of a RateLimited answer (default 60 s).
	RetryAfter time.Duration
	// MaxBytes is the largest link accepted, in bytes (default 1 MiB).
	MaxBytes int64
	// TTL is how long a link lives after it was created or last opened
	// (default a year).
	TTL time.Duration
	// Client names the client of a request for the Limiter; default: the
	// host of RemoteAddr.
	Client func(*http.Request) string
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Handler serves POST /s and GET /s/<id>; see the package documentation.
type Handler struct {
	cfg Config
}

// New returns a Handler for cfg, with defaults filled in.
func New(cfg Config) *Handler {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.TTL <= 0 {
		cfg.TTL = DefaultTTL
	}
	if cfg.RetryAfter <= 0 {
		cfg.RetryAfter = time.Minute
	}
	if cfg.Client == nil {
		cfg.Client = remoteHost
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Handler{cfg: cfg}
}

// Route returns a handler that sends /s and /s/… to h and everything else
// to next.
func (h *Handler) Route(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if IsPath(r.URL.Path) {
			h.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// IsPath reports whether a URL path belongs to the short-link API.
func IsPath(p string) bool { return p == "/s" || strings.HasPrefix(p, "/s/") }

// ID returns the id of a link's bytes.
func ID(data []byte) string {
	sum := sha256.Sum256(data)
	return base64.RawURLEncoding.EncodeToString(sum[:])[:IDLength]
}

// ValidID reports whether id has the form of an id.
func ValidID(id string) bool {
	if len(id) != IDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/s":
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "Create a link with POST /s.")
			return
		}
		h.create(w, r)
	case strings.HasPrefix(r.URL.Path, "/s/"):
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "Read a link with GET /s/<id>.")
			return
		}
		h.read(w, r, strings.TrimPrefix(r.URL.Path, "/s/"))
	default:
		writeError(w, http.StatusNotFound, "NotFound", "No such link.")
	}
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != MediaType {
		writeError(w, http.StatusUnsupportedMediaType, "UnsupportedMediaType",
			"A link is a gzip-compressed JSON document sent with Content-Type: "+MediaType+".")
		return
	}
	tooLarge := "A link holds at most " + strconv.FormatInt(h.cfg.MaxBytes, 10) + " bytes (compressed)."
	if r.ContentLength > h.cfg.MaxBytes {
		writeError(w, http.StatusRequestEntityTooLarge, "TooLarge", tooLarge)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, h.cfg.MaxBytes+1))
	if err != nil {
		writeError(w, http.StatusBadRequest, "Malformed", "The request body could not be read.")
		return
	}
	if int64(len(data)) > h.cfg.MaxBytes {
		writeError(w, http.StatusRequestEntityTooLarge, "TooLarge", tooLarge)
		return
	}
	if msg := checkEnvelope(data); msg != "" {
		writeError(w, http.StatusBadRequest, "Malformed", msg)
		return
	}
	if h.cfg.Limiter != nil {
		ok, err := h.cfg.Limiter.Allow(ctx, h.cfg.Client(r))
		if err != nil {
			writeError(w, http.StatusInternalServerError, "Internal", "The rate limit could not be checked.")
			return
		}
		if !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(h.cfg.RetryAfter.Seconds())))
			writeError(w, http.StatusTooManyRequests, "RateLimited", "Too many links created from your address; try again later.")
			return
		}
	}
	id := ID(data)
	status := http.StatusCreated
	if old, err := h.get(ctx, id); err == nil && bytes.Equal(old.Data, data) {
		status = http.StatusOK
		err = h.refresh(ctx, id, old)
		if err != nil {
			writeStoreError(w, err)
			return
		}
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		writeStoreError(w, err)
		return
	} else if err := h.cfg.Store.Put(ctx, id, Entry{Data: data, Expires: h.cfg.Now().Add(h.cfg.TTL)}); err != nil {
		writeStoreError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Location", "/s/"+id)
	w.WriteHeader(status)
	io.WriteString(w, `{"id":"`+id+`","url":"/s/`+id+`"}`)
}

// get reads a link, treating an expired one as missing.
func (h *Handler) get(ctx context.Context, id string) (Entry, error) {
	e, err := h.cfg.Store.Get(ctx, id)
	if err != nil {
		return Entry{}, err
	}
	if !e.Expires.After(h.cfg.Now()) {
		return Entry{}, ErrNotFound
	}
	return e, nil
}

// refresh stores e again with a fresh expiry once less than half its TTL
// is left.
func (h *Handler) refresh(ctx context.Context, id string, e Entry) error {
	now := h.cfg.Now()
	if e.Expires.Sub(now) >= h.cfg.TTL/2 {
		return nil
	}
	return h.cfg.Store.Put(ctx, id, Entry{Data: e.Data, Expires: now.Add(h.cfg.TTL)})
}

func (h *Handler) read(w http.ResponseWriter, r *http.Request, id string) {
	w.Header().Add("Vary", "Sec-Fetch-Mode, Accept")
	if !ValidID(id) {
		writeError(w, http.StatusNotFound, "NotFound", "No such link: an id is "+strconv.Itoa(IDLength)+" letters, digits, - or _.")
		return
	}
	if isNavigation(r) {
		// A person opening the link: the page fetches and opens it.
		w.Header().Set("Location", "/?s="+id)
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusSeeOther)
		return
	}
	ctx := r.Context()
	e, err := h.get(ctx, id)
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "NotFound", "No such link: it never existed or it expired.")
		return
	}
	if err != nil {
		writeStoreError(w, err)
		return
	}
	if err := h.refresh(ctx, id, e); err != nil && !errors.Is(err, ErrFull) {
		writeStoreError(w, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", MediaType)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	hd.Set("Content-Disposition", `attachment; filename="ddbplay-`+id+`.json.gz"`)
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	hd.Set("Cache-Control", "private, max-age=3600")
	hd.Set("Content-Length", strconv.Itoa(len(e.Data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(e.Data)
	}
}

// isNavigation reports whether r is a browser opening the URL as a page.
func isNavigation(r *http.Request) bool {
	if mode := r.Header.Get("Sec-Fetch-Mode"); mode != "" {
		return mode == "navigate"
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "text/html")
}

// checkEnvelope returns why data is not a gzip stream whose document starts
// as a JSON object, or "".
func checkEnvelope(data []byte) string {
	if len(data) == 0 {
		return "The request body is empty: a link is a gzip-compressed JSON document."
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return "The request body is not gzip-compressed."
	}
	head := make([]byte, 64)
	n, err := io.ReadFull(zr, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "The request body is not a valid gzip stream."
	}
	doc := bytes.TrimLeft(head[:n], " \t\r\n")
	if len(doc) == 0 || doc[0] != '{' {
		return "The compressed document is not a JSON object."
	}
	return ""
}

func writeStoreError(w http.ResponseWriter, err error) {
	if errors.Is(err, ErrFull) {
		writeError(w, http.StatusInsufficientStorage, "StorageFull", "The server holds as many links as it can; try again later.")
		return
	}
	writeError(w, http.StatusInternalServerError, "Internal", "The link store failed.")
}

// writeError writes the JSON error {"error": code, "message": msg}.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	io.WriteString(w, `{"error":"`+code+`","message":"`+jsonEscape(msg)+`"}`)
}

// jsonEscape escapes the characters our own messages may hold.
func jsonEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// remoteHost names the client of r by its address (r.RemoteAddr, with or
// without a port): an IPv4 address whole, an IPv6 address by its /64, the
// block one household or one machine is usually given.
func remoteHost(r *http.Request) string {
	host := r.RemoteAddr
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

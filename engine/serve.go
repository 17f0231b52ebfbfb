package engine

import (
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Host is one host's entry to a DB (the HTTP handler of package web, the
// browser module of package wasm): its Serve runs operations with the
// policy every host shares. Each host keeps its own TTL sweep schedule.
// Safe for concurrent use.
type Host struct {
	db    *DB
	sweep sweeper
	// expire deletes expired TTL items (db.ExpireItems; tests replace it).
	expire func() int
}

// NewHost returns a new host of db, whose first call sweeps.
func (db *DB) NewHost() *Host { return &Host{db: db, expire: db.ExpireItems} }

// NewHostSweeping is NewHost with the TTL sweep done by sweep instead of
// ExpireItems: sweep must call db.ExpireItems and return its count, and may
// record what it deleted (package datadir logs it). Serve calls sweep on
// the goroutine running the operation, before it.
func (db *DB) NewHostSweeping(sweep func() int) *Host { return &Host{db: db, expire: sweep} }

// Serve is the host's one entry, with the policy every host shares:
//
//   - Before the operation, at most once per second of wall-clock time
//     (and at the host's first call), the items whose Time to Live has
//     passed are deleted (ExpireItems). Tests and tutorials that move the
//     engine clock use Advance, which sweeps at once.
//   - The operation runs through Handle. Its answer is status 200 with the
//     response body, or the error's status (400 when it has none in
//     400–599) with DynamoDB's error body (ErrorBody).
//   - A panic of the engine is recovered and answered as a 500
//     InternalServerError "Internal server error"; Options.OnPanic, if
//     set, is told about it (it is a bug).
//   - wrote reports whether the DB changed during the call (the sweep
//     included), so that a host keeping the state knows when to save it.
//     With concurrent calls it may also report another call's change.
//
// Safe for concurrent use.
func (h *Host) Serve(op string, body []byte) (status int, resp []byte, wrote bool) {
	return h.ServeAppend(nil, op, body)
}

// ServeAppend is Serve appending the response body (the answer or the
// error body) to dst, which may be a buffer the caller reuses: the
// response never shares memory with the DB.
func (h *Host) ServeAppend(dst []byte, op string, body []byte) (status int, resp []byte, wrote bool) {
	return h.serve(dst, op, body, h.db.HandleAppend)
}

// Serve is Host.Serve on a host the DB keeps for callers that need only
// one (tests, tools).
func (db *DB) Serve(op string, body []byte) (status int, resp []byte, wrote bool) {
	return db.host.Serve(op, body)
}

// sweepEvery is the shortest wall-clock time between two TTL sweeps run
// by Serve.
const sweepEvery = time.Second

// sweeper remembers when a host last swept (see maybeExpire): Unix
// nanoseconds of the wall clock, 0 before the first. Calls between sweeps
// only load it (no lock, no write to a shared cache line).
type sweeper struct {
	last atomic.Int64
}

// serve is ServeAppend with the operation runner given (tests pass fakes).
func (h *Host) serve(dst []byte, op string, body []byte, handle func(dst []byte, op string, body []byte) ([]byte, error)) (status int, resp []byte, wrote bool) {
	db := h.db
	before := db.changes.Load()
	defer func() {
		if p := recover(); p != nil {
			if db.onPanic != nil {
				db.onPanic(op, p, debug.Stack())
			}
			status, resp = ErrorBody(ddberr.Internal(msgInternal))
			resp = append(dst, resp...)
		}
		wrote = db.changes.Load() != before
	}()
	h.maybeExpire()
	out, err := handle(dst, op, body)
	if err != nil {
		status, resp = ErrorBody(err)
		return status, append(dst, resp...), false
	}
	return 200, out, false
}

// maybeExpire runs a TTL sweep if the last one is sweepEvery ago.
func (h *Host) maybeExpire() {
	now := time.Now().UnixNano()
	last := h.sweep.last.Load()
	if last != 0 && now-last < int64(sweepEvery) {
		return
	}
	// Due: the call that moves last on sweeps; concurrent ones do not.
	if h.sweep.last.CompareAndSwap(last, now) {
		h.expire()
	}
}

// ErrorBody returns the HTTP status and DynamoDB's JSON error body
// ({"__type":"com.amazonaws.dynamodb.v20120810#Type","message":"…"} and
// the error's extra members) for err. Anything that is not a
// *ddberr.Error is an InternalServerError; a status outside 400–599 is
// 400. An extra member that cannot be written leaves the bare error.
func ErrorBody(err error) (status int, body []byte) {
	e := ddberr.As(err)
	status = e.Status
	if status < 400 || status > 599 {
		status = 400
	}
	body, merr := e.MarshalJSON()
	if merr != nil {
		body, _ = (&ddberr.Error{Type: e.Type, Message: e.Message}).MarshalJSON()
	}
	return status, body
}

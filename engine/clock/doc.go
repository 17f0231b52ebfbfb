// Package clock is the engine's virtual clock: every rule that depends on
// time (capacity metering, burst, TTL expiry, replication lag, idempotency
// windows) reads one Clock.
//
// A Clock follows a source (real time by default) and can be paused,
// stepped forward by a duration, and run faster than its source (×1 to
// ×1000). Times are Unix nanoseconds (int64): nothing here holds a
// time.Time, so that time's formatting stays out of the browser's
// WebAssembly module (see engine.DB).
//
// clock imports only the standard library's sync and time; it must not
// import any other package of the engine.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, net/http, syscall/js, encoding/json, fmt, reflect
package clock

//go:build js && wasm

// Command wasm is ddbplay's engine in the browser. It keeps one engine.DB.
//
// The hot path, one operation, is a WebAssembly export (no JS callback
// machinery): the host writes the operation name and the DynamoDB JSON body
// into the buffer that ddbplay_input(n) returns, calls
// ddbplay_handle(opLen, bodyLen), and reads the response (or error) body of
// the returned length at ddbplay_output(), with its HTTP status from
// ddbplay_status() (200, or the error's status; the error body is DynamoDB's
// {"__type":…,"message":…}). The output stays valid until the next call.
//
// Snapshots are exports too, so that a save's slices cost no call through
// syscall/js (whose return runs Go's scheduler, and with it whatever is
// left of a garbage collection's marking: 10–90 ms measured in one slice):
// ddbplay_export_start() begins a snapshot of the state as it is now
// (snapshot.Start) and returns its estimated length, and each ddbplay_export_step(maxBytes) writes the next
// maxBytes or so of its UTF-8 text at ddbplay_output() (status 206, or
// 200 with the last bytes); requests may run in between and are not in it.
// The clock too, which the page reads every second:
// ddbplay_clock(actionLen, value) answers the clock's state as JSON
// {"now":ms,"paused":b,"speed":n} after the action named in the input
// buffer: "" (none), "pause", "resume", "step" (value seconds, then a TTL
// sweep) or "speed" (value 1…1000).
//
// The rare calls sit on globalThis.ddbplayEngine:
//
//	importSnapshot(n, fn)     → null, or {error, status}: imports the snapshot text
//	                            of n bytes in the input buffer (see ddbplay_input);
//	                            fn(done, total) reports progress: at the start,
//	                            every 1,000 items or so, and at the end
//	reset()                   → null; the DB becomes empty
//	advanceClock(seconds)     → number of items whose TTL expired: moves the
//	                            engine clock forward (engine.DB.Advance)
//	settings(throttle, lagMs) → {"replicaLagMs":n,"throttle":b} as JSON, after setting
//	                            whichever argument is not null (throughput enforcement is
//	                            on by default in the browser; the replica lag is 0)
//	capacity(table)           → engine.DB.CapacityJSON(table) as a string, or {error, status}
//	partition(table, index, keyJSON) → the ID of the partition (of the table, or of its
//	                            GSI index when index is not "") holding partition-key value
//	                            keyJSON (e.g. {"S":"a"}): engine.DB.PartitionOf, or {error, status}
//	runLoad(requestJSON)      → the answer of loadgen.Host.Call as a string, or {error, status}:
//	                            starts a generated load ({"spec":…}) and plays its next
//	                            seconds ({"seconds":n}) on the virtual clock (the lab's load)
//
// The virtual clock, the throttling switch and the lag belong to the host:
// they survive reset and importSnapshot. A snapshot imports and exports
// without throttling.
//
// A failed import leaves the DB as it was. main then blocks forever.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine, engine/attr, engine/clock, engine/ddberr, engine/loadgen, engine/snapshot
//	must not import: web, datadir, net/http, github.com/syumai/workers
package main

import (
	"bytes"
	"strconv"
	"syscall/js"
	"time"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/loadgen"
	"github.com/ddbplay/ddbplay/engine/snapshot"
)

var (
	// vclock is the virtual clock every DB of this host follows.
	vclock = clock.New(nil)
	// throttle and lag are the host's large-table settings: enforcement on,
	// as DynamoDB is; no lag.
	throttle = true
	lag      time.Duration
	db       = engine.New(options())
	host     = db.NewHost()
	in       = make([]byte, 4096) // request bytes from the host
	out      []byte               // the last answer
	status   int                  // the last answer's HTTP status
	wrote    bool                 // whether the last call changed the state
)

func main() {
	js.Global().Set("ddbplayEngine", js.ValueOf(map[string]any{
		"importSnapshot": js.FuncOf(func(_ js.Value, a []js.Value) any { return importSnapshot(a[0].Int(), a[1]) }),
		"reset":          js.FuncOf(func(js.Value, []js.Value) any { setDB(engine.New(options())); return nil }),
		"advanceClock": js.FuncOf(func(_ js.Value, a []js.Value) any {
			vclock.Step(time.Duration(a[0].Float() * float64(time.Second)))
			return db.ExpireItems()
		}),
		"settings": js.FuncOf(func(_ js.Value, a []js.Value) any { return settingsCall(a[0], a[1]) }),
		// restoring(on): while on, new tables and indexes are ACTIVE at
		// once (DB.SetRestoring), for replaying a write log.
		"restoring": js.FuncOf(func(_ js.Value, a []js.Value) any { db.SetRestoring(a[0].Truthy()); return nil }),
		"capacity": js.FuncOf(func(_ js.Value, a []js.Value) any {
			b, err := db.CapacityJSON(a[0].String())
			if err != nil {
				return failure(err)
			}
			return string(b)
		}),
		"partition": js.FuncOf(func(_ js.Value, a []js.Value) any { return partitionCall(a[0].String(), a[1].String(), a[2].String()) }),
		"runLoad":   js.FuncOf(func(_ js.Value, a []js.Value) any { return loadCall(a[0].String()) }),
	}))
	select {}
}

// setDB makes d the engine's DB, with a host of its own.
func setDB(d *engine.DB) { db, host = d, d.NewHost() }

//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_input
func input(n int32) uint32 {
	if cap(in) < int(n) {
		in = make([]byte, n)
	}
	in = in[:cap(in)]
	return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(in))))
}

//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_handle
func handle(opLen, bodyLen int32) int32 {
	op := string(in[:opLen])
	body := bytes.Clone(in[opLen : opLen+bodyLen])
	if cap(in) > 1<<20 {
		in = make([]byte, 4096) // let a large request's buffer go
	}
	status, out, wrote = host.Serve(op, body)
	return int32(len(out))
}

//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_output
func output() uint32 { return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(out)))) }

//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_status
func lastStatus() int32 { return int32(status) }

//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_wrote
func lastWrote() int32 {
	if wrote {
		return 1
	}
	return 0
}

func failure(err error) any {
	code, body := engine.ErrorBody(err)
	return map[string]any{"error": string(body), "status": code}
}

// exporting is the snapshot being written in steps, or nil.
var exporting *snapshot.Exporter

// exportStart begins a snapshot of the state as it is now and returns an
// estimate of its length in bytes (status 200, no output), or fails (the
// error's status and body).
//
//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_export_start
func exportStart() (n int32) {
	exporting = nil
	defer func() {
		if r := recover(); r != nil {
			n = fail(ddberr.Internal("%v", r))
		}
	}()
	// Saving is not a learner's read: it is never throttled nor metered.
	if throttle {
		db.SetThrottle(false)
		defer db.SetThrottle(true)
	}
	e, err := snapshot.Start(db)
	if err != nil {
		return fail(err)
	}
	exporting = e
	status, out = 200, nil
	return int32(min(e.SizeHint(), 1<<31-1))
}

// exportStep writes at least maxBytes more of the snapshot begun by
// exportStart (or the rest) and returns its length: the bytes are at
// ddbplay_output(), valid until the next call; status 206 while more is
// to come, 200 with the last bytes, or a failure.
//
//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_export_step
func exportStep(maxBytes int32) (n int32) {
	defer func() {
		if r := recover(); r != nil {
			exporting = nil
			n = fail(ddberr.Internal("%v", r))
		}
	}()
	e := exporting
	if e == nil {
		return fail(ddberr.Internal(msgNoExport))
	}
	done := e.Step(int(max(maxBytes, 1)))
	status, out = 206, e.Take()
	if done {
		status, exporting = 200, nil
	}
	return int32(len(out))
}

// fail makes err the last answer and returns its length.
func fail(err error) int32 {
	status, out = engine.ErrorBody(err)
	return int32(len(out))
}

// progressStep is how many items importSnapshot imports between two calls
// of its progress function (besides the first and the last call).
const progressStep = 1000

// importSnapshot imports the snapshot text of n bytes in the input buffer.
func importSnapshot(n int, progress js.Value) (result any) {
	defer func() {
		in = make([]byte, 4096) // let a large snapshot's buffer go
		if r := recover(); r != nil {
			result = failure(ddberr.Internal("%v", r))
		}
	}()
	opts := snapshot.Options{}
	if progress.Type() == js.TypeFunction {
		last := -1
		opts.Progress = func(done, total int) {
			// Each call crosses into JavaScript; the host shows progress
			// at most every 50 ms anyway, so report every progressStep items.
			if last < 0 || done == total || done-last >= progressStep {
				last = done
				progress.Invoke(done, total)
			}
		}
	}
	opts.Engine = options()
	opts.Engine.Throttle = false // a saved state loads at once
	fresh, err := snapshot.Import(in[:n], opts)
	if err != nil {
		return failure(err)
	}
	fresh.SetThrottle(throttle)
	setDB(fresh)
	return nil
}

// options returns the engine options of a DB of this host.
func options() engine.Options {
	return engine.Options{Now: func() time.Time { return time.Unix(0, vclock.Now()) }, Throttle: throttle, ReplicaLag: lag}
}

// clockExport runs the clock action named by the actionLen bytes in the input
// buffer (see clockCall) and returns the length of the answer: the
// clock's state as JSON, or a failure. An export, not a syscall/js
// function, as the page asks every second: a call through syscall/js
// returns through Go's scheduler, which first finishes any garbage
// collection under way (285 ms measured at load 12).
//
//lint:ignore U1000 exported to the host by go:wasmexport
//go:wasmexport ddbplay_clock
func clockExport(actionLen int32, value float64) int32 {
	switch r := clockCall(string(in[:actionLen]), value).(type) {
	case string:
		status, out = 200, []byte(r)
	case map[string]any:
		status, out = r["status"].(int), []byte(r["error"].(string))
	}
	return int32(len(out))
}

// clockCall runs a clock action and returns the clock's state as JSON.
func clockCall(action string, value float64) any {
	switch action {
	case "pause":
		vclock.Pause()
	case "resume":
		vclock.Resume()
	case "step":
		if !clock.ValidStep(value) {
			return failure(ddberr.Validation(msgStep))
		}
		vclock.Step(time.Duration(value * float64(time.Second)))
		db.ExpireItems()
	case "speed":
		if value != float64(int(value)) || vclock.SetSpeed(int(value)) != nil {
			return failure(ddberr.Validation(msgSpeed))
		}
	case "":
	default:
		return failure(ddberr.Validation(msgClockActionFmt, action))
	}
	st := vclock.State()
	b := append([]byte(`{"now":`), strconv.FormatInt(st.Now/1e6, 10)...)
	b = append(append(b, `,"paused":`...), strconv.FormatBool(st.Paused)...)
	b = append(append(b, `,"speed":`...), strconv.Itoa(st.Speed)...)
	return string(append(b, '}'))
}

// settingsCall sets throttling and the replica lag (in milliseconds) when
// given (not null or undefined) and returns the settings as JSON.
func settingsCall(th, lagMs js.Value) any {
	if lagMs.Type() == js.TypeNumber {
		ms := lagMs.Float()
		if !engine.ValidReplicaLagMs(ms) {
			return failure(ddberr.Validation(msgReplicaLag))
		}
		lag = time.Duration(ms * float64(time.Millisecond))
		db.SetReplicaLag(lag)
	}
	if th.Type() == js.TypeBoolean {
		throttle = th.Bool()
		db.SetThrottle(throttle)
	}
	b := append([]byte(`{"replicaLagMs":`), strconv.FormatFloat(float64(lag)/1e6, 'f', -1, 64)...)
	b = append(append(b, `,"throttle":`...), strconv.FormatBool(throttle)...)
	return string(append(b, '}'))
}

// partitionCall returns the partition that holds the partition-key value
// keyJSON in table (or its index), or a failure.
func partitionCall(table, index, keyJSON string) any {
	var key attr.Value
	if err := key.UnmarshalJSON([]byte(keyJSON)); err != nil {
		return failure(ddberr.Validation(msgInvalidKeyFmt, ddberr.As(err).Message))
	}
	id, err := db.PartitionOf(table, index, key)
	if err != nil {
		return failure(err)
	}
	return id
}

// loads keeps the load in progress between runLoad calls.
var loads = loadgen.Host{Clock: vclock}

// loadCall serves runLoad: one loadgen.Host.Call on the current DB.
func loadCall(req string) any {
	b, err := loads.Call(db, []byte(req))
	if err != nil {
		return failure(err)
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is never written again
}

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
// The rare calls sit on globalThis.ddbplayEngine:
//
//	exportSnapshot()          → snapshot string, or {error, status}
//	importSnapshot(n, fn)     → null, or {error, status}: imports the snapshot text
//	                            of n bytes in the input buffer (see ddbplay_input);
//	                            fn(done, total) reports progress: at the start,
//	                            every 1,000 items or so, and at the end
//	reset()                   → null; the DB becomes empty
//	advanceClock(seconds)     → number of items whose TTL expired: moves the
//	                            engine clock forward (engine.DB.Advance)
//
// A failed import leaves the DB as it was. main then blocks forever.
package main

import (
	"bytes"
	"syscall/js"
	"time"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/snapshot"
)

var (
	db     = engine.New(engine.Options{})
	host   = db.NewHost()
	in     = make([]byte, 4096) // request bytes from the host
	out    []byte               // the last answer
	status int                  // the last answer's HTTP status
	wrote  bool                 // whether the last call changed the state
)

func main() {
	js.Global().Set("ddbplayEngine", js.ValueOf(map[string]any{
		"exportSnapshot": js.FuncOf(func(js.Value, []js.Value) any { return exportSnapshot() }),
		"importSnapshot": js.FuncOf(func(_ js.Value, a []js.Value) any { return importSnapshot(a[0].Int(), a[1]) }),
		"reset":          js.FuncOf(func(js.Value, []js.Value) any { setDB(engine.New(engine.Options{})); return nil }),
		"advanceClock": js.FuncOf(func(_ js.Value, a []js.Value) any {
			return db.Advance(time.Duration(a[0].Float() * float64(time.Second)))
		}),
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

func exportSnapshot() (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = failure(ddberr.Internal("%v", r))
		}
	}()
	text, err := snapshot.Export(db)
	if err != nil {
		return failure(err)
	}
	return unsafe.String(unsafe.SliceData(text), len(text)) // text is never written again
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
	fresh, err := snapshot.Import(in[:n], opts)
	if err != nil {
		return failure(err)
	}
	setDB(fresh)
	return nil
}

//go:build js && wasm

// Command wasm is ddbplay's engine in the browser. It keeps one engine.DB
// and publishes globalThis.ddbplayEngine for static/engine-worker.js:
//
//	handle(op, body)          → response body string, or {error: body, status}
//	exportSnapshot()          → snapshot string, or {error, status}
//	importSnapshot(text, fn)  → null, or {error, status}; fn(done, total) reports progress
//	reset()                   → null; the DB becomes empty
//
// error is the DynamoDB error body ({"__type":…,"message":…}). A failed
// import leaves the DB as it was. Then main blocks forever.
package main

import (
	"syscall/js"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/snapshot"
)

var db = engine.New(engine.Options{})

func main() {
	js.Global().Set("ddbplayEngine", js.ValueOf(map[string]any{
		"handle":         js.FuncOf(func(_ js.Value, a []js.Value) any { return do(a[0].String(), a[1].String()) }),
		"exportSnapshot": js.FuncOf(func(js.Value, []js.Value) any { return do("export", "") }),
		"importSnapshot": js.FuncOf(func(_ js.Value, a []js.Value) any { return importSnapshot(a[0].String(), a[1]) }),
		"reset":          js.FuncOf(func(js.Value, []js.Value) any { db = engine.New(engine.Options{}); return nil }),
	}))
	select {}
}

// do runs one operation, or the export, turning a panic into an
// InternalServerError so that the Go program survives it.
func do(op, body string) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = failure(ddberr.Internal("%v", r))
		}
	}()
	var out []byte
	var err error
	if op == "export" {
		out, err = snapshot.Export(db)
	} else {
		out, err = db.Handle(op, []byte(body))
	}
	if err != nil {
		return failure(err)
	}
	return unsafe.String(unsafe.SliceData(out), len(out)) // out is never written again
}

func importSnapshot(text string, progress js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			result = failure(ddberr.Internal("%v", r))
		}
	}()
	opts := snapshot.Options{}
	if progress.Type() == js.TypeFunction {
		opts.Progress = func(done, total int) { progress.Invoke(done, total) }
	}
	// Import neither modifies nor keeps its input.
	fresh, err := snapshot.Import(unsafe.Slice(unsafe.StringData(text), len(text)), opts)
	if err != nil {
		return failure(err)
	}
	db = fresh
	return nil
}

func failure(err error) any {
	e := ddberr.As(err)
	body, _ := e.MarshalJSON()
	return map[string]any{"error": string(body), "status": e.Status}
}

//go:build !(js && wasm)

package engine

import "time"

// The parts of the Go API left out of the browser's WebAssembly build,
// which needs neither: Parameters, and Now (a method of DB returning a
// time.Time would link time.Time's formatting and parsing; see DB).

// Now returns the engine clock's current time: Options.Now moved forward by
// every Advance so far. Safe for concurrent use.
func (db *DB) Now() time.Time { return clockNow(db) }

// Parameters returns the request members the operation op accepts (their
// DynamoDB JSON names, in the order of the request's field table), or nil
// if op is not registered. The README's table of operations is checked against it.
func Parameters(op string) []string {
	newInput, ok := opInputs[op]
	if !ok {
		return nil
	}
	return paramNames(newInput())
}

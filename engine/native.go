//go:build !(js && wasm)

package engine

import (
	"reflect"
	"strings"
	"time"
)

// The parts of the Go API left out of the browser's WebAssembly build:
// they would link reflection (Parameters) or time.Time's formatting and
// parsing (Now, a method of DB returning a time.Time; see DB).

// Now returns the engine clock's current time: Options.Now moved forward by
// every Advance so far. Safe for concurrent use.
func (db *DB) Now() time.Time { return clockNow(db) }

// Parameters returns the request members the operation op accepts (their
// DynamoDB JSON names, in declaration order), or nil if op is not
// registered. The README's table of operations is checked against it.
func Parameters(op string) []string {
	newInput, ok := opInputs[op]
	if !ok {
		return nil
	}
	t := reflect.TypeOf(newInput()).Elem()
	var names []string
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names = append(names, name)
	}
	return names
}

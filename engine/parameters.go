//go:build !(js && wasm)

package engine

import (
	"reflect"
	"strings"
)

// Parameters returns the request members the operation op accepts (their
// DynamoDB JSON names, in declaration order), or nil if op is not
// registered. The README's table of operations is checked against it. It
// reads the request type's json tags by reflection, so it is left out of
// the browser's WebAssembly build, which links no reflection.
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

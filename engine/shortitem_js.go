//go:build js && wasm

package engine

// shortItemOp is shortitem.go's, which the browser's WebAssembly build
// leaves out: every request takes the general path.
func (db *DB) shortItemOp(dst []byte, op string, body []byte) (_ []byte, ok bool) { return nil, false }

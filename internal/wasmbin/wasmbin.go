// Package wasmbin reads the encodings of a WebAssembly module's binary
// form (bytes, LEB128 integers) for the build tools that take a module
// apart: internal/wasmslim and internal/wasmsize.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine, web, net/http
package wasmbin

import "errors"

// Reader reads WebAssembly's encodings from B, starting at I; the first
// error sticks in Err.
type Reader struct {
	B   []byte
	I   int
	Err error
}

// ErrShort is the error of a read past the end of B.
var ErrShort = errors.New("unexpected end")

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.Err != nil || r.I >= len(r.B) {
		r.Err = ErrShort
		return 0
	}
	r.I++
	return r.B[r.I-1]
}

// Bytes reads the next n bytes (a slice of B).
func (r *Reader) Bytes(n int) []byte {
	if r.Err != nil || n < 0 || n > len(r.B)-r.I {
		r.Err = ErrShort
		return nil
	}
	r.I += n
	return r.B[r.I-n : r.I]
}

// U32 reads an unsigned LEB128 of at most 32 bits.
func (r *Reader) U32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.Byte()
		if r.Err != nil {
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			if v > 0xffffffff {
				r.Err = errors.New("u32 out of range")
				return 0
			}
			return uint32(v)
		}
	}
	r.Err = errors.New("u32 too long")
	return 0
}

// S32 reads a signed LEB128 of at most 32 bits.
func (r *Reader) S32() int32 {
	var v int64
	for shift := 0; shift < 35; shift += 7 {
		c := r.Byte()
		if r.Err != nil {
			return 0
		}
		v |= int64(c&0x7f) << shift
		if c < 0x80 {
			if c&0x40 != 0 {
				v -= 1 << (shift + 7)
			}
			if v < -1<<31 || v > 1<<31-1 {
				r.Err = errors.New("s32 out of range")
				return 0
			}
			return int32(v)
		}
	}
	r.Err = errors.New("s32 too long")
	return 0
}

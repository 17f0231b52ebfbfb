package wire

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Long strings (an item's payload, a document) are checked with the
// standard library's vector searches for '"' and '\\' and a test of 16
// bytes at a time for the rest, several times fewer instructions than a
// word at a time with every test: ScanString and PlainString switch to it
// once a string has gone on for longFrom plain bytes.
const longFrom = 32

// printableASCII reports whether every byte of b is from 0x20 to 0x7F.
// (Bytes below 0x80 only: x-0x20*ones sets a byte's high bit where the
// byte is below 0x20, borrows aside, which only follow such a byte.)
func printableASCII(b []byte) bool {
	for len(b) >= 32 {
		w, x := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		y, z := binary.LittleEndian.Uint64(b[16:]), binary.LittleEndian.Uint64(b[24:])
		if (w|(w-low)|x|(x-low)|y|(y-low)|z|(z-low))&highs != 0 {
			return false
		}
		b = b[32:]
	}
	for _, c := range b {
		if c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// printableASCIIString is printableASCII for a string.
func printableASCIIString(s string) bool {
	for len(s) >= 32 {
		w, x, y, z := load8(s, 0), load8(s, 8), load8(s, 16), load8(s, 24)
		if (w|(w-low)|x|(x-low)|y|(y-low)|z|(z-low))&highs != 0 {
			return false
		}
		s = s[32:]
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 {
			return false
		}
	}
	return true
}

// low is 0x20 in every byte of a word, for printableASCII.
const low = 0x20 * ones

// plainRun returns the position of the '"' that ends the run of plain
// ASCII bytes (see plainASCII) starting at b[i], when the bytes from b[i]
// to the next '"' are all plain; otherwise it returns -1 (the caller then
// goes on a word at a time). It looks no further than that '"'.
func plainRun(b []byte, i int) int {
	j := bytes.IndexByte(b[i:], '"')
	if j < 0 {
		return -1
	}
	run := b[i : i+j]
	if bytes.IndexByte(run, '\\') >= 0 || !printableASCII(run) {
		return -1
	}
	return i + j
}

// plainLong reports whether s, which must be at least longFrom bytes,
// is plain ASCII throughout (PlainString's answer, then, is true); false
// means PlainString must look byte by byte.
func plainLong(s string) bool {
	return strings.IndexByte(s, '"') < 0 && strings.IndexByte(s, '\\') < 0 && printableASCIIString(s)
}

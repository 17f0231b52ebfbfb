package loadgen

import (
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// keyBlock is how many keys' texts keyText builds at once.
const keyBlock = 4096

// keyText holds the texts of key numbers, "k0k1k2…", built a block of
// keyBlock keys at a time on first use: a request's key values are
// slices of it, so that a load allocates nothing per request for them.
type keyText struct {
	blocks []string // block b holds keys b*keyBlock…(b+1)*keyBlock-1; "" until used
}

// newKeyText returns the texts of keys 0…n-1 (none built yet).
func newKeyText(n int) keyText {
	return keyText{blocks: make([]string, (n+keyBlock-1)/keyBlock)}
}

// keyOffset returns where the text of key k ("k<k>") starts in the
// texts of all keys from 0, and its length.
func keyOffset(k int) (off, n int) {
	lo, hi, width := 0, 10, 2
	for k >= hi {
		off += (hi - lo) * width
		lo, hi, width = hi, hi*10, width+1
	}
	return off + (k-lo)*width, width
}

// text returns "k<k>"; k must be below the n given to newKeyText.
func (t *keyText) text(k int) string {
	b := k / keyBlock
	first := b * keyBlock
	s := t.blocks[b]
	if s == "" {
		end, _ := keyOffset(first + keyBlock)
		start, _ := keyOffset(first)
		buf := make([]byte, 0, end-start)
		for i := first; i < first+keyBlock; i++ {
			buf = strconv.AppendInt(append(buf, 'k'), int64(i), 10)
		}
		s = string(buf)
		t.blocks[b] = s
	}
	base, _ := keyOffset(first)
	off, n := keyOffset(k)
	return s[off-base : off-base+n]
}

// value returns KeyValue(typ, k), sharing the key's text.
func (t *keyText) value(typ string, k int) attr.Value {
	s := t.text(k)
	switch typ {
	case "N":
		return attr.TrustedN(s[1:]) // a whole number's digits are canonical
	case "B":
		return attr.TrustedB(s)
	}
	return attr.S(s)
}

package attr

// Key encoding. For S and B, the bytes are written with 0x00 escaped as
// 0x00 0xFF and a terminator 0x00 0x01, so a prefix sorts first and the
// encoding ends unambiguously.
//
// For N the encoding is one class byte (negative, zero, positive); for a
// non-zero number written 0.d₁d₂…dₙ × 10^E then one byte for E and one byte
// per pair of digits (value 1–100; an odd last digit is padded with 0),
// ended by a 0 byte. Canonical digits have no trailing zero, so a shorter
// digit string that is a prefix of a longer one is the smaller number. For
// negative numbers every byte after the class byte is inverted, which
// reverses the order.
const (
	keyEscape     = 0x00
	keyEscaped0   = 0xFF
	keyTerminator = 0x01

	keyNumNeg  = 0x01
	keyNumZero = 0x02
	keyNumPos  = 0x03
)

// AppendKey appends an order-preserving, self-delimiting encoding of the
// scalar key value v (S, N or B) to dst: for two values a, b of the same
// type, bytes.Compare(AppendKey(nil, a), AppendKey(nil, b)) equals
// Compare(a, b), and the encoding of a composite key (several values
// appended one after another) orders by the first value, then the next.
//
// The encoding carries no type tag: only values of the same type compare
// meaningfully. For any other type (or the zero Value) AppendKey returns
// dst unchanged.
func AppendKey(dst []byte, v Value) []byte {
	switch v.t {
	case TypeS, TypeB:
		return appendKeyBytes(dst, v.s)
	case TypeN:
		return appendKeyNum(dst, v.s)
	}
	return dst
}

func appendKeyBytes(dst []byte, s string) []byte {
	for {
		i := indexZero(s)
		if i < 0 {
			dst = append(dst, s...)
			break
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, keyEscape, keyEscaped0)
		s = s[i+1:]
	}
	return append(dst, keyEscape, keyTerminator)
}

func indexZero(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return i
		}
	}
	return -1
}

func appendKeyNum(dst []byte, canon string) []byte {
	d := viewNum(canon)
	if d.n() == 0 {
		return append(dst, keyNumZero)
	}
	var inv byte
	if d.neg {
		dst = append(dst, keyNumNeg)
		inv = 0xFF
	} else {
		dst = append(dst, keyNumPos)
	}
	// exp is within [minExp, maxExp] for every valid N; clamp defensively.
	e := d.exp - minExp
	if e < 0 {
		e = 0
	} else if e > 255 {
		e = 255
	}
	dst = append(dst, byte(e)^inv)
	half := -1 // a digit waiting for its pair
	for _, part := range [2]string{d.hi, d.lo} {
		for i := 0; i < len(part); i++ {
			x := int(part[i] - '0')
			if half < 0 {
				half = x
				continue
			}
			dst = append(dst, byte(half*10+x+1)^inv)
			half = -1
		}
	}
	if half >= 0 {
		dst = append(dst, byte(half*10+1)^inv)
	}
	return append(dst, inv)
}

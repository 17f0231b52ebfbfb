package attr

import (
	"bytes"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// DynamoDB's number limits.
const (
	// MaxNumberDigits is the most significant digits a Number may hold.
	MaxNumberDigits = 38
	// maxExp and minExp bound E for a non-zero number written 0.d₁d₂… × 10^E
	// with d₁ ≠ 0: 9.99…E+125 has E = 126, 1E-130 has E = -129.
	maxExp = 126
	minExp = -129
)

// decimal is a number seen as text without copying: zero if n() == 0,
// else (-1 if neg) × 0.d₁d₂…dₙ × 10^exp, where the digits are hi followed
// by lo (two pieces so that a decimal point between them needs no copy),
// with no leading zero in hi and no trailing zero at the end.
type decimal struct {
	neg    bool
	hi, lo string
	exp    int
}

// n returns the number of significant digits.
func (d decimal) n() int { return len(d.hi) + len(d.lo) }

// digit returns digit i (0-based) as 0–9.
func (d decimal) digit(i int) int {
	if i < len(d.hi) {
		return int(d.hi[i] - '0')
	}
	return int(d.lo[i-len(d.hi)] - '0')
}

// N parses text as a DynamoDB number and returns the N value holding its
// canonical form ("1.50" → "1.5", "1e2" → "100", "-0" → "0"). Unparsable,
// more than 38 significant digits, or out of range → *ddberr.Error
// ValidationException with DynamoDB's message.
//
// Accepted syntax is that of DynamoDB (Java's BigDecimal): an optional sign
// ("+" or "-"), digits with an optional decimal point (".5" and "5." are
// accepted), and an optional exponent ("e" or "E", optional sign, digits).
// Spaces, "NaN", "Infinity" and hexadecimal are rejected.
//
// The canonical form is plain decimal notation without an exponent, without
// leading zeros in the integer part or trailing zeros in the fraction, and
// "0" for every zero. A text already canonical is kept without a copy.
func N(text string) (Value, error) {
	if plainInteger(text) {
		return Value{t: TypeN, s: text}, nil
	}
	return parseN(text)
}

// plainInteger reports whether text is an integer in canonical form within
// DynamoDB's limits — "0", or an optional "-" and 1 to 38 digits, the
// first not 0 — which N keeps as it is (parseN would return the same
// value: FuzzNumber checks it). Counts, years, prices in cents and
// timestamps are written so.
func plainInteger(text string) bool {
	i := 0
	if len(text) > 0 && text[0] == '-' {
		i = 1
	}
	if n := len(text) - i; n < 1 || n > MaxNumberDigits {
		return false
	}
	if text[i] == '0' {
		return text == "0"
	}
	for ; i < len(text); i++ {
		if c := text[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseN is N for any text: its syntax, limits and canonical form.
func parseN(text string) (Value, error) {
	d, ok := scanDecimal(text)
	if !ok {
		return Value{}, ddberr.Validation(msgNumberInvalid, text)
	}
	if err := d.check(); err != nil {
		return Value{}, err
	}
	return Value{t: TypeN, s: d.canonical(text)}, nil
}

// check reports whether d is within DynamoDB's digits and magnitude limits.
func (d decimal) check() error {
	if d.n() == 0 {
		return nil
	}
	if d.n() > MaxNumberDigits {
		return ddberr.Validation(msgNumberDigits)
	}
	if d.exp > maxExp {
		return ddberr.Validation(msgNumberOverflow)
	}
	if d.exp < minExp {
		return ddberr.Validation(msgNumberUnderflow)
	}
	return nil
}

// scanDecimal parses BigDecimal syntax without range checks. The result's
// digits are substrings of s.
func scanDecimal(s string) (decimal, bool) {
	var d decimal
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	// Mantissa: integer digits, optionally '.' and fraction digits.
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intDigits := s[start:i]
	var fracDigits string
	if i < len(s) && s[i] == '.' {
		i++
		start = i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		fracDigits = s[start:i]
	}
	if intDigits == "" && fracDigits == "" {
		return decimal{}, false
	}
	// Exponent.
	exp := 0
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return decimal{}, false
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return decimal{}, false
		}
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return decimal{}, false
			}
			if exp < 1e9 { // saturate: anything this large is out of range anyway
				exp = exp*10 + int(c-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	// Strip leading zeros (from the integer digits, then the fraction) and
	// trailing zeros (from the fraction, then the integer digits).
	hi, lo := intDigits, fracDigits
	lead := 0
	for lead < len(hi) && hi[lead] == '0' {
		lead++
	}
	hi = hi[lead:]
	if hi == "" {
		z := 0
		for z < len(lo) && lo[z] == '0' {
			z++
		}
		lead += z
		hi, lo = lo[z:], ""
	}
	lo = strings.TrimRight(lo, "0")
	if lo == "" {
		hi = strings.TrimRight(hi, "0")
	}
	if hi == "" {
		return decimal{}, true // zero, whatever its sign and exponent
	}
	d.hi, d.lo = hi, lo
	d.exp = len(intDigits) + exp - lead
	return d, true
}

// canonical returns d in canonical plain notation, returning text itself
// if it is already that.
func (d decimal) canonical(text string) string {
	var buf [64]byte
	b := d.appendCanonical(buf[:0])
	if string(b) == text {
		return text
	}
	return string(b)
}

// String returns d in canonical plain notation.
func (d decimal) String() string { return string(d.appendCanonical(nil)) }

func (d decimal) appendCanonical(b []byte) []byte {
	n := d.n()
	if n == 0 {
		return append(b, '0')
	}
	if d.neg {
		b = append(b, '-')
	}
	switch {
	case d.exp <= 0:
		b = append(b, "0."...)
		for range -d.exp {
			b = append(b, '0')
		}
		b = append(b, d.hi...)
		b = append(b, d.lo...)
	case d.exp >= n:
		b = append(b, d.hi...)
		b = append(b, d.lo...)
		for range d.exp - n {
			b = append(b, '0')
		}
	default:
		for i := range n {
			if i == d.exp {
				b = append(b, '.')
			}
			b = append(b, byte('0'+d.digit(i)))
		}
	}
	return b
}

// viewNum splits a canonical number text (as held by an N Value) into a
// decimal without copying or validating it.
func viewNum(canon string) decimal {
	var v decimal
	if canon == "0" || canon == "" {
		return v
	}
	if canon[0] == '-' {
		v.neg = true
		canon = canon[1:]
	}
	intPart, frac, _ := strings.Cut(canon, ".")
	switch {
	case intPart == "0":
		lead := 0
		for lead < len(frac) && frac[lead] == '0' {
			lead++
		}
		v.hi, v.exp = frac[lead:], -lead
	case frac == "":
		v.hi, v.exp = strings.TrimRight(intPart, "0"), len(intPart)
	default:
		v.hi, v.lo, v.exp = intPart, frac, len(intPart)
	}
	return v
}

// compareNumText compares two canonical number texts numerically.
func compareNumText(a, b string) int {
	sa, sb := numSign(a), numSign(b)
	if sa != sb {
		if sa < sb {
			return -1
		}
		return 1
	}
	if sa == 0 {
		return 0
	}
	c := compareAbs(strings.TrimPrefix(a, "-"), strings.TrimPrefix(b, "-"))
	if sa < 0 {
		return -c
	}
	return c
}

func numSign(s string) int {
	switch {
	case s == "0" || s == "":
		return 0
	case s[0] == '-':
		return -1
	default:
		return 1
	}
}

// compareAbs compares two unsigned canonical number texts.
func compareAbs(a, b string) int {
	ai, af, _ := strings.Cut(a, ".")
	bi, bf, _ := strings.Cut(b, ".")
	if len(ai) != len(bi) {
		if len(ai) < len(bi) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(ai, bi); c != 0 {
		return c
	}
	return strings.Compare(af, bf)
}

// Add returns a+b for two N values; Sub returns a-b. Results beyond
// DynamoDB's range or 38 significant digits → ValidationException with
// DynamoDB's message (e.g. "Number overflow. Attempting to store a number
// with magnitude larger than supported range"). If a or b is not an N
// value, the error is DynamoDB's ValidationException "An operand in the
// update expression has an incorrect data type".
//
// The sum is exact: schoolbook arithmetic on the two numbers' digits,
// which for in-range operands span at most maxExp-minExp+38 decimal
// places. (A general decimal library, cockroachdb/apd, checks it in the
// tests; it is not linked in, as it would bring math/big into the
// browser's WebAssembly binary for these two operations.)
func Add(a, b Value) (Value, error) { return addSub(a, b, false) }

// Sub returns a-b for two N values; see Add.
func Sub(a, b Value) (Value, error) { return addSub(a, b, true) }

func addSub(a, b Value, sub bool) (Value, error) {
	if a.t != TypeN || b.t != TypeN {
		return Value{}, ddberr.Validation(msgArithTypes)
	}
	x, y := viewNum(a.s), viewNum(b.s)
	if sub {
		y.neg = !y.neg
	}
	if y.n() == 0 {
		return a, nil
	}
	if x.n() == 0 {
		return Value{t: TypeN, s: y.String()}, nil
	}
	// Lay both out on the decimal places from the highest weight
	// (10^(top-1)) down to the lowest (10^low), one extra place on top for
	// a carry. Digit i of d has weight 10^(d.exp-1-i).
	top := max(x.exp, y.exp) + 1
	low := min(x.exp-x.n(), y.exp-y.n())
	width := top - low
	xs, ys := make([]byte, width), make([]byte, width)
	place := func(dst []byte, d decimal) {
		off := top - d.exp
		for i := range d.n() {
			dst[off+i] = byte(d.digit(i))
		}
	}
	place(xs, x)
	place(ys, y)
	neg := x.neg
	if x.neg == y.neg {
		carry := byte(0)
		for i := width - 1; i >= 0; i-- {
			s := xs[i] + ys[i] + carry
			carry = s / 10
			xs[i] = s % 10
		}
	} else {
		// Subtract the smaller magnitude from the larger; the result
		// takes the larger one's sign.
		if bytes.Compare(xs, ys) < 0 {
			xs, ys = ys, xs
			neg = y.neg
		}
		borrow := byte(0)
		for i := width - 1; i >= 0; i-- {
			s := int(xs[i]) - int(ys[i]) - int(borrow)
			borrow = 0
			if s < 0 {
				s += 10
				borrow = 1
			}
			xs[i] = byte(s)
		}
	}
	// Trim to the significant digits and turn them into text.
	first, last := 0, width
	for first < width && xs[first] == 0 {
		first++
	}
	if first == width {
		return Value{t: TypeN, s: "0"}, nil
	}
	for xs[last-1] == 0 {
		last--
	}
	digits := xs[first:last]
	for i := range digits {
		digits[i] += '0'
	}
	d := decimal{neg: neg, hi: string(digits), exp: top - first}
	// A result out of range reports the range, even if it also has too
	// many digits.
	if d.exp > maxExp || d.exp < minExp {
		d.hi = d.hi[:1]
	}
	if err := d.check(); err != nil {
		return Value{}, err
	}
	return Value{t: TypeN, s: d.String()}, nil
}

// numSize is DynamoDB's storage size of a number: one byte of exponent,
// one byte per pair of digits counted in base 100 aligned on the decimal
// point, and one more byte for a negative number; zero takes 1 byte.
func numSize(canon string) int {
	d := viewNum(canon)
	n := d.n()
	if n == 0 {
		return 1
	}
	// Digit i (1-based) has weight 10^(exp-i); count the distinct
	// base-100 positions floor((exp-i)/2) for i = 1..n.
	pairs := floorDiv2(d.exp-1) - floorDiv2(d.exp-n) + 1
	size := 1 + pairs
	if d.neg {
		size++
	}
	return size
}

func floorDiv2(x int) int {
	if x >= 0 {
		return x / 2
	}
	return -((-x + 1) / 2)
}

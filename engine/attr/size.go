package attr

// MaxItemSize is DynamoDB's largest item: 400 KB, names and values
// included, as measured by ItemSize.
const MaxItemSize = 400 * 1024

// Size returns the size in bytes DynamoDB charges for v (without a name):
//
//   - S: UTF-8 length; B: number of bytes; BOOL and NULL: 1.
//   - N: 1 byte plus 1 byte per two significant digits (counted in base
//     100, aligned on the decimal point), plus 1 if negative; 0 is 1 byte.
//     So "1" and "12" take 2 bytes, "1.5" and "123" take 3.
//   - SS, NS, BS: the sum of the members' sizes.
//   - M: 3 bytes, plus for each member 1 byte, its name's UTF-8 length and
//     its value's size. L: 3 bytes, plus for each element 1 byte and its size.
//
// The zero Value has size 0.
func Size(v Value) int {
	switch v.t {
	case TypeS, TypeB:
		return len(v.s)
	case TypeN:
		return numSize(v.s)
	case TypeBOOL, TypeNULL:
		return 1
	case TypeSS, TypeBS:
		n := 0
		for _, m := range v.l {
			n += len(m.s)
		}
		return n
	case TypeNS:
		n := 0
		for _, m := range v.l {
			n += numSize(m.s)
		}
		return n
	case TypeL:
		n := 3
		for _, e := range v.l {
			n += 1 + Size(e)
		}
		return n
	case TypeM:
		n := 3
		for k, e := range v.m {
			n += 1 + len(k) + Size(e)
		}
		return n
	}
	return 0
}

// ItemSize returns DynamoDB's size of an item: for each attribute, the
// UTF-8 length of its name plus Size of its value.
func ItemSize(it Item) int {
	n := 0
	for k, v := range it {
		n += len(k) + Size(v)
	}
	return n
}

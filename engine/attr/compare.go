package attr

import "strings"

// Equal reports whether a and b are the same DynamoDB value (numbers
// compared numerically, sets compared as sets, maps and lists deeply).
// Two zero Values are equal; a zero Value equals nothing else.
func Equal(a, b Value) bool {
	if a.t != b.t {
		return false
	}
	switch a.t {
	case TypeM:
		if len(a.m) != len(b.m) {
			return false
		}
		for k, av := range a.m {
			bv, ok := b.m[k]
			if !ok || !Equal(av, bv) {
				return false
			}
		}
		return true
	case TypeL:
		if len(a.l) != len(b.l) {
			return false
		}
		for i := range a.l {
			if !Equal(a.l[i], b.l[i]) {
				return false
			}
		}
		return true
	case TypeSS, TypeNS, TypeBS:
		if len(a.l) != len(b.l) {
			return false
		}
		// Members are unique, so equal sizes and a ⊆ b mean a = b.
		if len(a.l) <= smallSet {
			for _, v := range a.l {
				if !containsRaw(b.l, v.s) {
					return false
				}
			}
			return true
		}
		in := make(map[string]struct{}, len(b.l))
		for _, v := range b.l {
			in[v.s] = struct{}{}
		}
		for _, v := range a.l {
			if _, ok := in[v.s]; !ok {
				return false
			}
		}
		return true
	default:
		// S, N (canonical text), B, BOOL, NULL and zero compare by payload.
		return a.s == b.s
	}
}

// Compare orders two scalar values of the same type: S by UTF-8 bytes, N
// numerically, B by unsigned bytes. ok is false if the types differ or are
// not S, N or B. c is -1, 0 or +1.
func Compare(a, b Value) (c int, ok bool) {
	if a.t != b.t {
		return 0, false
	}
	switch a.t {
	case TypeS, TypeB:
		return strings.Compare(a.s, b.s), true
	case TypeN:
		return compareNumText(a.s, b.s), true
	}
	return 0, false
}

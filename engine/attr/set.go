package attr

import (
	"encoding/base64"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// SS returns a string set; it fails (ValidationException, DynamoDB's
// message) if members is empty or holds duplicates. Members keep their
// order.
func SS(members []string) (Value, error) {
	if len(members) == 0 {
		return Value{}, ddberr.Validation(msgSetEmpty, "string")
	}
	l := make([]Value, len(members))
	for i, m := range members {
		l[i] = S(m)
	}
	if hasDuplicates(l) {
		return Value{}, duplicatesError(members)
	}
	return Value{t: TypeSS, l: l}, nil
}

// NS returns a number set of the numbers' canonical forms; it fails on an
// empty set, an invalid number, or duplicates (numerically equal members,
// such as "1" and "1.0"). Members keep their order.
func NS(members []string) (Value, error) {
	if len(members) == 0 {
		return Value{}, ddberr.Validation(msgSetEmpty, "number")
	}
	l := make([]Value, len(members))
	for i, m := range members {
		n, err := N(m)
		if err != nil {
			return Value{}, err
		}
		l[i] = n
	}
	if hasDuplicates(l) {
		return Value{}, duplicatesError(members)
	}
	return Value{t: TypeNS, l: l}, nil
}

// BS returns a binary set; it fails on an empty set or duplicates. The
// members are copied. A duplicates message shows members in base64.
func BS(members [][]byte) (Value, error) {
	if len(members) == 0 {
		return Value{}, ddberr.Validation(msgSetEmpty, "binary")
	}
	l := make([]Value, len(members))
	for i, m := range members {
		l[i] = B(m)
	}
	if hasDuplicates(l) {
		texts := make([]string, len(members))
		for i, m := range members {
			texts[i] = base64.StdEncoding.EncodeToString(m)
		}
		return Value{}, duplicatesError(texts)
	}
	return Value{t: TypeBS, l: l}, nil
}

// memberType returns the scalar type of the members of set type t.
func memberType(t Type) Type {
	switch t {
	case TypeSS:
		return TypeS
	case TypeNS:
		return TypeN
	case TypeBS:
		return TypeB
	}
	return 0
}

// SetOf returns a set of type t (TypeSS, TypeNS or TypeBS) from members of
// the matching scalar type (S, N, B). Used by ADD/DELETE on sets. An empty
// members slice is allowed here and returns the zero Value (the attribute
// disappears, as DynamoDB removes a set that becomes empty).
//
// Members of another type are ignored and duplicates are dropped (the
// first one is kept), so the result is always a valid set. If t is not a
// set type, SetOf returns the zero Value. members is not modified.
func SetOf(t Type, members []Value) Value {
	mt := memberType(t)
	if mt == 0 {
		return Value{}
	}
	l := make([]Value, 0, len(members))
	var seen map[string]struct{}
	if len(members) > smallSet {
		seen = make(map[string]struct{}, len(members))
	}
	for _, m := range members {
		if m.t != mt {
			continue
		}
		if seen != nil {
			if _, dup := seen[m.s]; dup {
				continue
			}
			seen[m.s] = struct{}{}
		} else if containsRaw(l, m.s) {
			continue
		}
		l = append(l, m)
	}
	if len(l) == 0 {
		return Value{}
	}
	return Value{t: t, l: l}
}

// smallSet is the size up to which set operations scan instead of hashing.
const smallSet = 16

func containsRaw(l []Value, s string) bool {
	for _, v := range l {
		if v.s == s {
			return true
		}
	}
	return false
}

// hasDuplicates reports whether two members of l have the same payload
// (N members are canonical, so equal payloads mean equal numbers).
func hasDuplicates(l []Value) bool {
	if len(l) <= smallSet {
		for i := 1; i < len(l); i++ {
			if containsRaw(l[:i], l[i].s) {
				return true
			}
		}
		return false
	}
	seen := make(map[string]struct{}, len(l))
	for _, v := range l {
		if _, dup := seen[v.s]; dup {
			return true
		}
		seen[v.s] = struct{}{}
	}
	return false
}

func duplicatesError(texts []string) error {
	return ddberr.Validation(msgSetDuplicates, "["+strings.Join(texts, ", ")+"]")
}

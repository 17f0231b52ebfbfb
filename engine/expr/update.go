package expr

import (
	"maps"
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Paths returns every document path the update writes or removes, in the
// order SET, REMOVE, ADD, DELETE (for the key-attribute check and
// UPDATED_OLD / UPDATED_NEW).
func (u *Update) Paths() []Path {
	var out []Path
	for _, list := range [][]updAction{u.set, u.remove, u.add, u.del} {
		for _, a := range list {
			out = append(out, a.path.rpath)
		}
	}
	return out
}

// Apply returns the updated copy of item (item may be nil when the item does
// not exist; it is never modified). All SET operands are read from the item
// as it was before the update; then SET, REMOVE (list elements removed
// from the highest index down, so indexes refer to the original list), ADD
// and DELETE are applied. Errors are the ValidationExceptions DynamoDB
// raises when reading the item: "The provided expression refers to an
// attribute that does not exist in the item", "An operand in the update
// expression has an incorrect data type", "The document path provided in
// the update expression is invalid for update", and the number overflow
// errors of attr.Add / attr.Sub.
func (u *Update) Apply(item attr.Item) (attr.Item, error) {
	vals := make([]attr.Value, len(u.set))
	for i, a := range u.set {
		v, err := u.evalValue(a.val, item)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	out := make(attr.Item, len(item)+len(u.set)+len(u.add))
	maps.Copy(out, item)
	for i, a := range u.set {
		if err := setPath(out, a.path.rpath, vals[i]); err != nil {
			return nil, err
		}
	}
	removes := make([]Path, len(u.remove))
	for i, a := range u.remove {
		removes[i] = a.path.rpath
	}
	slices.SortStableFunc(removes, func(a, b Path) int { return comparePaths(b, a) })
	for _, p := range removes {
		if err := removePath(out, p); err != nil {
			return nil, err
		}
	}
	for _, a := range u.add {
		if err := u.add1(out, a.path.rpath, a.val.val); err != nil {
			return nil, err
		}
	}
	for _, a := range u.del {
		if err := u.delete1(out, a.path.rpath, a.val.val); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// comparePaths orders paths by name, then step by step (indexes
// numerically, keys as strings); a prefix sorts first.
func comparePaths(a, b Path) int {
	if a.Name != b.Name {
		if a.Name < b.Name {
			return -1
		}
		return 1
	}
	for i := 0; i < len(a.Steps) && i < len(b.Steps); i++ {
		sa, sb := a.Steps[i], b.Steps[i]
		switch {
		case sa.Index < sb.Index:
			return -1
		case sa.Index > sb.Index:
			return 1
		case sa.Key < sb.Key:
			return -1
		case sa.Key > sb.Key:
			return 1
		}
	}
	return len(a.Steps) - len(b.Steps)
}

func (u *Update) typeError() error {
	if u.legacy {
		return ddberr.Validation(msgLegacyMismatch)
	}
	return ddberr.Validation(msgBadDataType)
}

// evalValue computes a SET operand against the original item.
func (u *Update) evalValue(o *operand, item attr.Item) (attr.Value, error) {
	switch o.kind {
	case opValue:
		return o.val, nil
	case opPath:
		v, ok := lookup(item, o.rpath)
		if !ok {
			return attr.Value{}, ddberr.Validation(msgNoSuchAttr)
		}
		return v, nil
	case opArith:
		a, b, err := u.evalPair(o, item)
		if err != nil {
			return attr.Value{}, err
		}
		if a.Type() != attr.TypeN || b.Type() != attr.TypeN {
			return attr.Value{}, u.typeError()
		}
		if o.name == "+" {
			return attr.Add(a, b)
		}
		return attr.Sub(a, b)
	case opFunc:
		if o.name == "if_not_exists" {
			if v, ok := lookup(item, o.args[0].rpath); ok {
				return v, nil
			}
			return u.evalValue(o.args[1], item)
		}
		// list_append
		a, b, err := u.evalPair(o, item)
		if err != nil {
			return attr.Value{}, err
		}
		if a.Type() != attr.TypeL || b.Type() != attr.TypeL {
			return attr.Value{}, u.typeError()
		}
		return appendLists(a, b), nil
	}
	return attr.Value{}, u.typeError()
}

// evalPair evaluates the two operands of a binary operation (+, -,
// list_append) in order.
func (u *Update) evalPair(o *operand, item attr.Item) (a, b attr.Value, err error) {
	if a, err = u.evalValue(o.args[0], item); err != nil {
		return a, b, err
	}
	b, err = u.evalValue(o.args[1], item)
	return a, b, err
}

func appendLists(a, b attr.Value) attr.Value {
	l := make([]attr.Value, 0, len(a.List())+len(b.List()))
	l = append(l, a.List()...)
	return attr.L(append(l, b.List()...))
}

// setPath stores v at p in item (which the caller owns), copying every map
// and list on the way. A list index past the end appends.
func setPath(item attr.Item, p Path, v attr.Value) error {
	if len(p.Steps) == 0 {
		item[p.Name] = v
		return nil
	}
	root, ok := item[p.Name]
	if !ok {
		return ddberr.Validation(msgBadUpdatePath)
	}
	nv, err := setIn(root, p.Steps, v)
	if err != nil {
		return err
	}
	item[p.Name] = nv
	return nil
}

func setIn(cur attr.Value, steps []Step, v attr.Value) (attr.Value, error) {
	s := steps[0]
	if s.Index < 0 {
		if cur.Type() != attr.TypeM {
			return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
		}
		m := maps.Clone(cur.Map())
		if len(steps) == 1 {
			m[s.Key] = v
			return attr.M(m), nil
		}
		child, ok := m[s.Key]
		if !ok {
			return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
		}
		nc, err := setIn(child, steps[1:], v)
		if err != nil {
			return attr.Value{}, err
		}
		m[s.Key] = nc
		return attr.M(m), nil
	}
	if cur.Type() != attr.TypeL {
		return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
	}
	l := append([]attr.Value(nil), cur.List()...)
	if len(steps) == 1 {
		if s.Index >= len(l) {
			l = append(l, v)
		} else {
			l[s.Index] = v
		}
		return attr.L(l), nil
	}
	if s.Index >= len(l) {
		return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
	}
	nc, err := setIn(l[s.Index], steps[1:], v)
	if err != nil {
		return attr.Value{}, err
	}
	l[s.Index] = nc
	return attr.L(l), nil
}

// removePath deletes p from item (which the caller owns). A missing last
// element is not an error; a missing or mistyped parent is.
func removePath(item attr.Item, p Path) error {
	if len(p.Steps) == 0 {
		delete(item, p.Name)
		return nil
	}
	root, ok := item[p.Name]
	if !ok {
		return ddberr.Validation(msgBadUpdatePath)
	}
	nv, err := removeIn(root, p.Steps)
	if err != nil {
		return err
	}
	item[p.Name] = nv
	return nil
}

func removeIn(cur attr.Value, steps []Step) (attr.Value, error) {
	s := steps[0]
	if s.Index < 0 {
		if cur.Type() != attr.TypeM {
			return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
		}
		child, ok := cur.Map()[s.Key]
		if len(steps) == 1 {
			if !ok {
				return cur, nil
			}
			m := maps.Clone(cur.Map())
			delete(m, s.Key)
			return attr.M(m), nil
		}
		if !ok {
			return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
		}
		nc, err := removeIn(child, steps[1:])
		if err != nil {
			return attr.Value{}, err
		}
		m := maps.Clone(cur.Map())
		m[s.Key] = nc
		return attr.M(m), nil
	}
	if cur.Type() != attr.TypeL {
		return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
	}
	old := cur.List()
	if len(steps) == 1 {
		if s.Index >= len(old) {
			return cur, nil
		}
		l := make([]attr.Value, 0, len(old)-1)
		l = append(l, old[:s.Index]...)
		return attr.L(append(l, old[s.Index+1:]...)), nil
	}
	if s.Index >= len(old) {
		return attr.Value{}, ddberr.Validation(msgBadUpdatePath)
	}
	nc, err := removeIn(old[s.Index], steps[1:])
	if err != nil {
		return attr.Value{}, err
	}
	l := append([]attr.Value(nil), old...)
	l[s.Index] = nc
	return attr.L(l), nil
}

// add1 applies ADD p v: a missing attribute becomes v; numbers are summed;
// sets are joined; for AttributeUpdates, lists are appended.
func (u *Update) add1(item attr.Item, p Path, v attr.Value) error {
	cur, ok := lookup(item, p)
	if !ok {
		return setPath(item, p, v)
	}
	var nv attr.Value
	switch {
	case cur.Type() == attr.TypeN && v.Type() == attr.TypeN:
		sum, err := attr.Add(cur, v)
		if err != nil {
			return err
		}
		nv = sum
	case cur.Type().IsSet() && cur.Type() == v.Type():
		members := append([]attr.Value(nil), cur.Members()...)
		for _, m := range v.Members() {
			if !hasMember(cur, m) {
				members = append(members, m)
			}
		}
		nv = attr.SetOf(cur.Type(), members)
	case u.legacy && cur.Type() == attr.TypeL && v.Type() == attr.TypeL:
		nv = appendLists(cur, v)
	default:
		return u.typeError()
	}
	return setPath(item, p, nv)
}

// delete1 applies DELETE p v: the members of v leave the set at p; a set
// left empty is removed; a missing attribute is left alone.
func (u *Update) delete1(item attr.Item, p Path, v attr.Value) error {
	cur, ok := lookup(item, p)
	if !ok {
		return nil
	}
	if cur.Type() != v.Type() || !cur.Type().IsSet() {
		return u.typeError()
	}
	var members []attr.Value
	for _, m := range cur.Members() {
		if !hasMember(v, m) {
			members = append(members, m)
		}
	}
	if len(members) == 0 {
		return removePath(item, p)
	}
	return setPath(item, p, attr.SetOf(cur.Type(), members))
}

func hasMember(set, m attr.Value) bool {
	for _, x := range set.Members() {
		if attr.Equal(x, m) {
			return true
		}
	}
	return false
}

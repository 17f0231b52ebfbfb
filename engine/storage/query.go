package storage

import (
	"github.com/google/btree"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Range ops for Query.
const (
	OpNone       = ""
	OpEq         = "="
	OpLt         = "<"
	OpLe         = "<="
	OpGt         = ">"
	OpGe         = ">="
	OpBetween    = "BETWEEN"
	OpBeginsWith = "BEGINS_WITH"
)

// RangeCond restricts the sort key of a Query. For OpBetween A and B are
// the bounds (inclusive); otherwise A is the operand.
type RangeCond struct {
	Op   string
	A, B attr.Value
}

// Query calls fn for each item of the partition hash (of the table, or of
// index when index != ""), in sort-key order (reversed when !forward),
// restricted by rc, starting after the exclusive start key start (nil to
// start at the beginning; for an index it holds the index keys and the
// table's primary key), until fn returns false. Index queries hand out the
// full table item; projection is the caller's work. Items with equal index
// sort keys come in table primary-key order.
//
// The caller validates its input as DynamoDB does; Query itself calls fn
// for no item if index is unknown, hash is not S, N or B, rc has an
// unknown op, an operand that is not S, N or B (S or B for BEGINS_WITH), or
// an op on a tree without sort key, or start lacks a key attribute.
func (t *Table) Query(index string, hash attr.Value, rc RangeCond, forward bool, start attr.Item, fn func(attr.Item) bool) {
	t.QueryRecords(index, hash, rc, forward, start, func(r Record) bool { return fn(r.Item()) })
}

// QueryRecords is Query handing out each item still encoded, for callers
// that need only some of each item (its size, a few attributes).
func (t *Table) QueryRecords(index string, hash attr.Value, rc RangeCond, forward bool, start attr.Item, fn func(Record) bool) {
	tree, ks, x, ok := t.treeFor(index)
	if !ok || !hash.Type().IsScalarKey() {
		return
	}
	p := string(appendPartition(make([]byte, 0, 64), hash))
	lo, hi, ok := rangeBounds(p, ks.Range != "", rc)
	if !ok {
		return
	}
	walk(tree, lo, hi, t, x, start, forward, fn)
}

// treeFor returns the tree and key schema of the table (name "") or of
// the index called name.
func (t *Table) treeFor(name string) (*btree.BTreeG[entry], KeySchema, *index, bool) {
	if name == "" {
		return t.tree, t.key, nil, true
	}
	x := t.findIndex(name)
	if x == nil {
		return nil, KeySchema{}, nil, false
	}
	return x.tree, x.def.Key, x, true
}

// startKey returns the composite key of the exclusive start key start in
// the table's tree (x nil) or index x's tree.
func (t *Table) startKey(x *index, start attr.Item) (string, bool) {
	if x != nil {
		return x.key(start)
	}
	k, _, ok := t.tableKey(start)
	return k, ok
}

// rangeBounds returns the composite-key range [lo, hi) of the entries of
// partition prefix p whose sort key satisfies rc (hi "" for no upper
// bound). hasRange tells whether the tree has a sort key.
func rangeBounds(p string, hasRange bool, rc RangeCond) (lo, hi string, ok bool) {
	end := prefixEnd(p)
	if rc.Op == OpNone {
		return p, end, true
	}
	if !hasRange || !rc.A.Type().IsScalarKey() {
		return "", "", false
	}
	a := p + string(attr.AppendKey(nil, rc.A))
	switch rc.Op {
	case OpEq:
		return a, prefixEnd(a), true
	case OpLt:
		return p, a, true
	case OpLe:
		return p, prefixEnd(a), true
	case OpGt:
		return prefixEnd(a), end, true
	case OpGe:
		return a, end, true
	case OpBetween:
		if !rc.B.Type().IsScalarKey() {
			return "", "", false
		}
		b := p + string(attr.AppendKey(nil, rc.B))
		return a, prefixEnd(b), true
	case OpBeginsWith:
		var next attr.Value
		switch rc.A.Type() {
		case attr.TypeS:
			s := prefixEnd(rc.A.Str())
			if s == "" {
				return a, end, true
			}
			next = attr.S(s)
		case attr.TypeB:
			s := prefixEnd(string(rc.A.Bytes()))
			if s == "" {
				return a, end, true
			}
			next = attr.B([]byte(s))
		default:
			return "", "", false
		}
		// Values starting with A sort from A up to, excluding, the
		// smallest value greater than all of them.
		return a, p + string(attr.AppendKey(nil, next)), true
	}
	return "", "", false
}

// walk calls fn for the records of the entries of tree with keys in [lo, hi)
// (hi "" for no upper bound), ascending or descending, skipping entries up
// to and including the exclusive start key start, until fn returns false.
func walk(tree *btree.BTreeG[entry], lo, hi string, t *Table, x *index, start attr.Item, forward bool, fn func(Record) bool) {
	if start != nil {
		k, ok := t.startKey(x, start)
		if !ok {
			return
		}
		if forward && k >= lo {
			lo = k + "\x00" // the smallest key after k
		}
		if !forward && (hi == "" || k < hi) {
			hi = k
		}
	}
	if hi != "" && lo >= hi {
		return
	}
	if forward {
		iter := func(e entry) bool { return fn(Record{e.rec}) }
		if hi == "" {
			tree.AscendGreaterOrEqual(pivot(lo), iter)
		} else {
			tree.AscendRange(pivot(lo), pivot(hi), iter)
		}
		return
	}
	iter := func(e entry) bool {
		if e.key < lo {
			return false
		}
		if e.key == hi {
			return true // hi is exclusive
		}
		return fn(Record{e.rec})
	}
	if hi == "" {
		tree.Descend(iter)
	} else {
		tree.DescendLessOrEqual(pivot(hi), iter)
	}
}

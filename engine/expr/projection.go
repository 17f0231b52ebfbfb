package expr

import (
	"sort"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// Paths returns the projection's paths in order. The slice is shared; do
// not modify it.
func (p *Projection) Paths() []Path { return p.paths }

// NewProjection returns the projection of the given resolved document
// paths (which must not overlap; Resolver.Projection checks that for
// expressions). The engine uses it for UPDATED_OLD / UPDATED_NEW, which
// select the paths an update wrote exactly as a projection would.
func NewProjection(paths []Path) *Projection {
	p := &Projection{paths: paths, roots: map[string]*projNode{}}
	for _, path := range paths {
		n := p.roots[path.Name]
		if n == nil {
			n = &projNode{}
			p.roots[path.Name] = n
		}
		for _, s := range path.Steps {
			n = n.child(s)
		}
		n.all = true
	}
	return p
}

// projNode is the tree of everything a projection selects below one value.
type projNode struct {
	all     bool // the whole value is selected
	keys    map[string]*projNode
	indexes map[int]*projNode
}

func (n *projNode) child(s Step) *projNode {
	if s.Index >= 0 {
		if n.indexes == nil {
			n.indexes = map[int]*projNode{}
		}
		if n.indexes[s.Index] == nil {
			n.indexes[s.Index] = &projNode{}
		}
		return n.indexes[s.Index]
	}
	if n.keys == nil {
		n.keys = map[string]*projNode{}
	}
	if n.keys[s.Key] == nil {
		n.keys[s.Key] = &projNode{}
	}
	return n.keys[s.Key]
}

// Apply returns a new item holding only the projected parts of item: map
// members named by the paths, and list elements named by index, kept in
// index order and packed together, as DynamoDB does. Paths that select
// nothing are left out. It never modifies item.
func (p *Projection) Apply(item attr.Item) attr.Item {
	out := attr.Item{}
	for name, n := range p.roots {
		v, ok := item[name]
		if !ok {
			continue
		}
		if pv, ok := project(v, n); ok {
			out[name] = pv
		}
	}
	return out
}

// project returns the parts of v that n selects, and false for none.
func project(v attr.Value, n *projNode) (attr.Value, bool) {
	if n.all {
		return v, true
	}
	switch {
	case n.keys != nil && v.Type() == attr.TypeM:
		m := v.Map()
		out := map[string]attr.Value{}
		for k, kn := range n.keys {
			if mv, ok := m[k]; ok {
				if pv, ok := project(mv, kn); ok {
					out[k] = pv
				}
			}
		}
		if len(out) == 0 {
			return attr.Value{}, false
		}
		return attr.M(out), true
	case n.indexes != nil && v.Type() == attr.TypeL:
		l := v.List()
		idx := make([]int, 0, len(n.indexes))
		for i := range n.indexes {
			if i < len(l) {
				idx = append(idx, i)
			}
		}
		sort.Ints(idx)
		var out []attr.Value
		for _, i := range idx {
			if pv, ok := project(l[i], n.indexes[i]); ok {
				out = append(out, pv)
			}
		}
		if len(out) == 0 {
			return attr.Value{}, false
		}
		return attr.L(out), true
	}
	return attr.Value{}, false
}

package expr

// Paths returns every document path c reads, in the order they appear
// (duplicates kept), including paths inside function arguments. A nil
// *Condition has none. Query uses it to reject a FilterExpression that
// names a key attribute.
func (c *Condition) Paths() []Path {
	if c == nil || c.root == nil {
		return nil
	}
	var out []Path
	var walkOperand func(o *operand)
	walkOperand = func(o *operand) {
		if o == nil {
			return
		}
		if o.kind == opPath {
			out = append(out, o.rpath)
		}
		for _, a := range o.args {
			walkOperand(a)
		}
	}
	var walk func(n *condNode)
	walk = func(n *condNode) {
		for _, k := range n.kids {
			walk(k)
		}
		for _, a := range n.args {
			walkOperand(a)
		}
	}
	walk(c.root)
	return out
}

package expr

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Path is a resolved document path: a top-level attribute name followed by
// map keys and list indexes.
type Path struct {
	Name  string
	Steps []Step
}

// Step is one step of a Path after its first name: a map key or a list index.
type Step struct {
	Key   string // map member name, when Index < 0
	Index int    // list index, or -1 for a map key
}

// String renders p as DynamoDB does in messages: a.b[3].c
func (p Path) String() string {
	var b strings.Builder
	b.WriteString(p.Name)
	for _, s := range p.Steps {
		if s.Index >= 0 {
			b.WriteString("[" + strconv.Itoa(s.Index) + "]")
		} else {
			b.WriteString("." + s.Key)
		}
	}
	return b.String()
}

// elemString renders p as DynamoDB does in the overlap and conflict
// messages: [a, b, [3]].
func (p Path) elemString() string {
	parts := []string{p.Name}
	for _, s := range p.Steps {
		if s.Index >= 0 {
			parts = append(parts, "["+strconv.Itoa(s.Index)+"]")
		} else {
			parts = append(parts, s.Key)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Resolver substitutes ExpressionAttributeNames and ExpressionAttributeValues
// into the parsed expressions of one request and remembers which were used.
// Every method first rejects a malformed key of either map (see checkKeys).
// It is not safe for concurrent use.
type Resolver struct {
	names      map[string]string
	values     map[string]attr.Value
	usedNames  map[string]bool
	usedValues map[string]bool
}

// NewResolver returns a Resolver for one request's names and values (either
// may be nil). The maps are read, never modified.
func NewResolver(names map[string]string, values map[string]attr.Value) *Resolver {
	return &Resolver{names: names, values: values, usedNames: map[string]bool{}, usedValues: map[string]bool{}}
}

// checkKeys reports a key of ExpressionAttributeNames that is not "#"
// followed by one or more of [A-Za-z0-9_] (likewise ":" for
// ExpressionAttributeValues), as DynamoDB does before using either map:
// `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`.
// Names are checked first; among several bad keys the smallest is named.
// A name that maps to "" is refused too (names are one character or more).
func (r *Resolver) checkKeys() error {
	check := func(param string, prefix byte, keys []string) error {
		sort.Strings(keys)
		for _, k := range keys {
			ok := len(k) > 1 && k[0] == prefix
			for i := 1; ok && i < len(k); i++ {
				ok = isIdentChar(k[i])
			}
			if !ok {
				return ddberr.Validation(msgInvalidKey, param, k)
			}
		}
		return nil
	}
	names := make([]string, 0, len(r.names))
	for k := range r.names {
		names = append(names, k)
	}
	if err := check("ExpressionAttributeNames", '#', names); err != nil {
		return err
	}
	for _, k := range names {
		if r.names[k] == "" {
			return ddberr.Validation(msgEmptyName, k)
		}
	}
	values := make([]string, 0, len(r.values))
	for k := range r.values {
		values = append(values, k)
	}
	return check("ExpressionAttributeValues", ':', values)
}

// CheckUnused reports names or values given but used by no expression of the
// request: "Value provided in ExpressionAttributeNames unused in
// expressions: keys: {#a, #b}" (likewise ExpressionAttributeValues; names
// are checked first, keys are sorted). Call it after resolving every
// expression of the request.
func (r *Resolver) CheckUnused() error {
	if err := r.checkKeys(); err != nil {
		return err
	}
	check := func(param string, keys []string, used map[string]bool) error {
		var unused []string
		for _, k := range keys {
			if !used[k] {
				unused = append(unused, k)
			}
		}
		if len(unused) == 0 {
			return nil
		}
		sort.Strings(unused)
		return ddberr.Validation(msgUnused, param, strings.Join(unused, ", "))
	}
	names := make([]string, 0, len(r.names))
	for k := range r.names {
		names = append(names, k)
	}
	if err := check("ExpressionAttributeNames", names, r.usedNames); err != nil {
		return err
	}
	values := make([]string, 0, len(r.values))
	for k := range r.values {
		values = append(values, k)
	}
	return check("ExpressionAttributeValues", values, r.usedValues)
}

// resolution is the state of resolving one expression.
type resolution struct {
	r    *Resolver
	kind Kind
}

// operand returns a resolved copy of o.
func (s *resolution) operand(o *operand) (*operand, error) {
	c := &operand{kind: o.kind, name: o.name}
	switch o.kind {
	case opPath:
		p, err := s.path(o.path)
		if err != nil {
			return nil, err
		}
		c.rpath = p
	case opValue:
		v, ok := s.r.values[o.name]
		if !ok {
			return nil, s.kind.errorf(msgUndefinedValue, o.name)
		}
		s.r.usedValues[o.name] = true
		c.val = v
	case opFunc, opArith:
		c.args = make([]*operand, len(o.args))
		for i, a := range o.args {
			ra, err := s.operand(a)
			if err != nil {
				return nil, err
			}
			c.args[i] = ra
		}
	}
	return c, nil
}

func (s *resolution) name(n string) (string, error) {
	if !strings.HasPrefix(n, "#") {
		return n, nil
	}
	v, ok := s.r.names[n]
	if !ok {
		return "", s.kind.errorf(msgUndefinedName, n)
	}
	s.r.usedNames[n] = true
	return v, nil
}

func (s *resolution) path(elems []pathElem) (Path, error) {
	name, err := s.name(elems[0].name)
	if err != nil {
		return Path{}, err
	}
	p := Path{Name: name}
	for _, e := range elems[1:] {
		if e.index >= 0 {
			p.Steps = append(p.Steps, Step{Index: e.index})
			continue
		}
		k, err := s.name(e.name)
		if err != nil {
			return Path{}, err
		}
		p.Steps = append(p.Steps, Step{Key: k, Index: -1})
	}
	return p, nil
}

// Condition resolves a parsed condition. Undefined names/values are
// ValidationException: "Invalid ConditionExpression: An expression attribute
// name used in the document path is not defined; attribute name: #n" /
// "… An expression attribute value used in expression is not defined;
// attribute value: :v". Type errors DynamoDB detects before reading the
// item (a function or ordering comparison applied to a literal of the wrong
// type, an invalid attribute_type name, BETWEEN bounds in the wrong order)
// also fail here. kind selects the message prefix.
func (r *Resolver) Condition(kind Kind, p *ParsedCondition) (*Condition, error) {
	if err := r.checkKeys(); err != nil {
		return nil, err
	}
	s := &resolution{r: r, kind: kind}
	root, err := s.cond(p.root)
	if err != nil {
		return nil, err
	}
	return &Condition{root: root}, nil
}

func (s *resolution) cond(n *condNode) (*condNode, error) {
	c := &condNode{op: n.op, name: n.name}
	for _, k := range n.kids {
		rk, err := s.cond(k)
		if err != nil {
			return nil, err
		}
		c.kids = append(c.kids, rk)
	}
	for _, a := range n.args {
		ra, err := s.operand(a)
		if err != nil {
			return nil, err
		}
		c.args = append(c.args, ra)
	}
	if err := s.checkCond(c); err != nil {
		return nil, err
	}
	return c, nil
}

// literalType returns the type of a resolved literal operand, or 0 when
// the operand's type is only known when the item is read.
func literalType(o *operand) attr.Type {
	if o.kind == opValue {
		return o.val.Type()
	}
	return 0
}

// checkCond applies the type checks DynamoDB makes before reading the item.
func (s *resolution) checkCond(c *condNode) error {
	for _, a := range c.args {
		if err := s.checkOperand(a); err != nil {
			return err
		}
	}
	if err := s.checkDistinct(c); err != nil {
		return err
	}
	switch c.op {
	case condCompare:
		if c.name == "=" || c.name == "<>" {
			return nil
		}
		for _, a := range c.args {
			if t := literalType(a); t != 0 && !t.IsScalarKey() {
				return s.kind.errorf(msgOperandType, c.name, t)
			}
		}
	case condBetween:
		for _, a := range c.args {
			if t := literalType(a); t != 0 && !t.IsScalarKey() {
				return s.kind.errorf(msgOperandType, "BETWEEN", t)
			}
		}
		lo, hi := c.args[1], c.args[2]
		if literalType(lo) != 0 && literalType(lo) == literalType(hi) {
			if cmp, ok := attr.Compare(lo.val, hi.val); ok && cmp > 0 {
				return s.kind.errorf(msgBetweenBounds, lo.val.Type(), scalarText(lo.val), hi.val.Type(), scalarText(hi.val))
			}
		}
	case condFunc:
		switch c.name {
		case "attribute_type":
			t := c.args[1]
			if lt := literalType(t); lt != 0 {
				if lt != attr.TypeS {
					return s.kind.errorf(msgOperandType, c.name, lt)
				}
				if _, ok := attr.ParseType(t.val.Str()); !ok {
					return s.kind.errorf(msgAttrTypeName, t.val.Str())
				}
			}
		case "begins_with":
			for _, a := range c.args {
				if t := literalType(a); t != 0 && t != attr.TypeS && t != attr.TypeB {
					return s.kind.errorf(msgOperandType, c.name, t)
				}
			}
		}
	}
	return nil
}

// checkDistinct rejects a comparison, BETWEEN or IN whose first operand is
// a document path that appears again among the other operands.
func (s *resolution) checkDistinct(c *condNode) error {
	if c.op != condCompare && c.op != condBetween && c.op != condIn {
		return nil
	}
	first := c.args[0]
	if first.kind != opPath {
		return nil
	}
	for _, o := range c.args[1:] {
		if o.kind == opPath && comparePaths(o.rpath, first.rpath) == 0 {
			op := c.name
			if c.op == condBetween {
				op = "BETWEEN"
			} else if c.op == condIn {
				op = "IN"
			}
			return s.kind.errorf(msgNotDistinct, op, first.rpath.elemString())
		}
	}
	return nil
}

// checkOperand checks the literal argument of size.
func (s *resolution) checkOperand(o *operand) error {
	if o.kind != opFunc {
		return nil
	}
	for _, a := range o.args {
		if err := s.checkOperand(a); err != nil {
			return err
		}
	}
	if o.name == "size" {
		if t := literalType(o.args[0]); t == attr.TypeN || t == attr.TypeBOOL || t == attr.TypeNULL {
			return s.kind.errorf(msgOperandType, o.name, t)
		}
	}
	return nil
}

// scalarText renders a scalar value as DynamoDB does inside messages.
func scalarText(v attr.Value) string {
	switch v.Type() {
	case attr.TypeS:
		return v.Str()
	case attr.TypeN:
		return v.NumText()
	case attr.TypeB:
		return string(v.Bytes())
	}
	return ""
}

// Projection resolves a parsed projection; two paths that overlap (one is
// a prefix of the other) or conflict (one indexes a list where the other
// names a map member) are ValidationException.
func (r *Resolver) Projection(p *ParsedProjection) (*Projection, error) {
	if err := r.checkKeys(); err != nil {
		return nil, err
	}
	s := &resolution{r: r, kind: KindProjection}
	var paths []Path
	for _, o := range p.paths {
		rp, err := s.path(o.path)
		if err != nil {
			return nil, err
		}
		paths = append(paths, rp)
	}
	if err := checkOverlaps(KindProjection, paths); err != nil {
		return nil, err
	}
	return NewProjection(paths), nil
}

// checkOverlaps reports the first pair of paths that overlap or conflict.
func checkOverlaps(kind Kind, paths []Path) error {
	for i := range paths {
		for j := i + 1; j < len(paths); j++ {
			a, b := paths[i], paths[j]
			if a.Name != b.Name {
				continue
			}
			overlap := true
			for k := 0; k < len(a.Steps) && k < len(b.Steps); k++ {
				sa, sb := a.Steps[k], b.Steps[k]
				if (sa.Index < 0) != (sb.Index < 0) {
					return kind.errorf(msgConflict, a.elemString(), b.elemString())
				}
				if sa != sb {
					overlap = false
					break
				}
			}
			if overlap {
				return kind.errorf(msgOverlap, a.elemString(), b.elemString())
			}
		}
	}
	return nil
}

// Update resolves a parsed update and checks what DynamoDB checks before
// reading the item: overlapping or conflicting paths, and the types of
// literal operands of ADD, DELETE, +, - and list_append.
func (r *Resolver) Update(p *ParsedUpdate) (*Update, error) {
	if err := r.checkKeys(); err != nil {
		return nil, err
	}
	s := &resolution{r: r, kind: KindUpdate}
	u := &Update{}
	var paths []Path
	resolve := func(in []updAction, out *[]updAction, clause string) error {
		for _, a := range in {
			ra := updAction{}
			rp, err := s.operand(a.path)
			if err != nil {
				return err
			}
			ra.path = rp
			if a.val != nil {
				if ra.val, err = s.operand(a.val); err != nil {
					return err
				}
				if err := s.checkUpdateValue(clause, ra.val); err != nil {
					return err
				}
			}
			paths = append(paths, rp.rpath)
			*out = append(*out, ra)
		}
		return nil
	}
	if err := resolve(p.set, &u.set, "SET"); err != nil {
		return nil, err
	}
	if err := resolve(p.remove, &u.remove, "REMOVE"); err != nil {
		return nil, err
	}
	if err := resolve(p.add, &u.add, "ADD"); err != nil {
		return nil, err
	}
	if err := resolve(p.del, &u.del, "DELETE"); err != nil {
		return nil, err
	}
	if err := checkOverlaps(KindUpdate, paths); err != nil {
		return nil, err
	}
	return u, nil
}

// checkUpdateValue checks literal operand types of one update action.
func (s *resolution) checkUpdateValue(clause string, v *operand) error {
	switch clause {
	case "ADD":
		if t := v.val.Type(); t != attr.TypeN && !t.IsSet() {
			return s.kind.errorf(msgUpdOperandType, clause, longTypeName(t))
		}
		return nil
	case "DELETE":
		if t := v.val.Type(); !t.IsSet() {
			return s.kind.errorf(msgUpdOperandType, clause, longTypeName(t))
		}
		return nil
	}
	var walk func(o *operand) error
	walk = func(o *operand) error {
		for _, a := range o.args {
			if err := walk(a); err != nil {
				return err
			}
		}
		switch {
		case o.kind == opArith:
			for _, a := range o.args {
				if t := literalType(a); t != 0 && t != attr.TypeN {
					return s.kind.errorf(msgOperandType, o.name, t)
				}
			}
		case o.kind == opFunc && o.name == "list_append":
			for _, a := range o.args {
				if t := literalType(a); t != 0 && t != attr.TypeL {
					return s.kind.errorf(msgOperandType, o.name, t)
				}
			}
		}
		return nil
	}
	return walk(v)
}

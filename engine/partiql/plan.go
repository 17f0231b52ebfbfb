package partiql

import (
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// KeySchema names the key attributes of a table or an index; Range is ""
// when there is no sort key.
type KeySchema struct {
	Hash, Range string
}

// Schema returns the key schema of the table (index "") or of one of its
// indexes, or the DynamoDB error for a table or index that does not exist.
type Schema func(table, index string) (KeySchema, error)

// Plan is a statement bound to its parameters and its table, in the
// engine's terms. Expressions use the placeholders in Names and Values,
// which are always non-nil.
type Plan struct {
	Kind  Kind
	Table string
	Index string // SELECT only

	// SELECT and EXISTS.
	//
	// Query says the statement runs as a Query: once per value of
	// HashValues, in order, with KeyCondition's value HashPlaceholder set
	// to that value. Otherwise it runs as a Scan. Filter is the rest of
	// the WHERE clause ("" for none), Projection the selected paths (""
	// for *), and Forward the order of ORDER BY (true unless DESC).
	Query        bool
	HashValues   []attr.Value
	KeyCondition string
	Filter       string
	Projection   string
	Forward      bool

	// Key is the primary key the WHERE clause fixes by equality: for
	// UPDATE, DELETE and EXISTS always; for a SELECT when its WHERE clause
	// is exactly an equality on every key attribute of the table (the
	// form BatchExecuteStatement requires), else nil.
	Key attr.Item

	// INSERT: the item.
	Item attr.Item

	// UPDATE: the update expression.
	Update string

	// Condition is the condition the write or check applies ("" for
	// none): the non-key rest of the WHERE clause, and for INSERT, UPDATE
	// and EXISTS whether the item exists (INSERT: must not; UPDATE,
	// EXISTS: must). A DELETE of a missing item succeeds.
	Condition string

	// ReturnValues is the RETURNING clause as UpdateItem's and
	// DeleteItem's ReturnValues ("NONE" without one).
	ReturnValues string

	Names  map[string]string
	Values map[string]attr.Value
}

// HashPlaceholder is the value placeholder of the partition key in a
// Query plan's KeyCondition.
const HashPlaceholder = ":pk"

// planner builds the expressions of one plan.
type planner struct {
	params []attr.Value
	names  map[string]string // placeholder → name
	byName map[string]string // name → placeholder
	values map[string]attr.Value
}

func (b *planner) name(n string) string {
	if ph, ok := b.byName[n]; ok {
		return ph
	}
	ph := "#" + strconv.Itoa(len(b.names))
	b.names[ph] = n
	b.byName[n] = ph
	return ph
}

func (b *planner) value(v attr.Value) string {
	ph := ":" + strconv.Itoa(len(b.values))
	b.values[ph] = v
	return ph
}

// Plan binds the statement's ? parameters, in order, and looks up its
// table's keys, and decides how it runs. Errors are DynamoDB's:
// ValidationException for a wrong number of parameters, a WHERE clause
// without the key equalities an UPDATE or DELETE needs, or a literal that
// is no valid attribute value; whatever schema returns for a missing table
// or index.
func (s *Statement) Plan(params []attr.Value, schema Schema) (*Plan, error) {
	if len(params) != s.params {
		return nil, validation(msgParamCount)
	}
	keys, err := schema(s.table, s.index)
	if err != nil {
		return nil, err
	}
	b := &planner{params: params, names: map[string]string{}, byName: map[string]string{}, values: map[string]attr.Value{}}
	p := &Plan{Kind: s.kind, Table: s.table, Index: s.index, Forward: true, ReturnValues: "NONE"}
	err = b.catch(func() {
		switch s.kind {
		case KindSelect:
			b.planSelect(s, keys, p)
		case KindInsert:
			b.planInsert(s, keys, p)
		case KindUpdate:
			b.planUpdate(s, keys, p)
		case KindDelete:
			b.planDelete(s, keys, p)
		case KindExists:
			b.planExists(s, keys, p)
		}
	})
	if err != nil {
		return nil, err
	}
	p.Names, p.Values = b.names, b.values
	return p, nil
}

// catch runs f, turning a bailout into its error.
func (b *planner) catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			bo, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			err = bo.err
		}
	}()
	f()
	return nil
}

func (b *planner) fail(err *ddberr.Error) { panic(bailout{err}) }

// conjuncts returns the top-level AND terms of c.
func conjuncts(c *cond) []*cond {
	if c == nil {
		return nil
	}
	if c.op == cAnd {
		return c.kids
	}
	return []*cond{c}
}

// topName returns the attribute name of v if v is a one-step path.
func topName(v *val) (string, bool) {
	if v.kind == vPath && len(v.path) == 1 && v.path[0].index < 0 {
		return v.path[0].name, true
	}
	return "", false
}

// isConst reports whether v is a literal or a parameter (no paths or
// functions inside).
func isConst(v *val) bool {
	switch v.kind {
	case vConst, vParam:
		return true
	case vList, vMap, vSet:
		for _, e := range v.elems {
			if !isConst(e) {
				return false
			}
		}
		return true
	}
	return false
}

// equality returns the key attribute and value of a conjunct name = const
// (either way round).
func equality(c *cond) (string, *val, bool) {
	if c.op != cCompare || c.name != "=" {
		return "", nil, false
	}
	if n, ok := topName(c.args[0]); ok && isConst(c.args[1]) {
		return n, c.args[1], true
	}
	if n, ok := topName(c.args[1]); ok && isConst(c.args[0]) {
		return n, c.args[0], true
	}
	return "", nil, false
}

// refersTo reports whether c mentions the top-level attribute name.
func refersTo(c *cond, name string) bool {
	for _, k := range c.kids {
		if refersTo(k, name) {
			return true
		}
	}
	for _, a := range c.args {
		if valRefersTo(a, name) {
			return true
		}
	}
	return false
}

func valRefersTo(v *val, name string) bool {
	if v.kind == vPath && v.path[0].name == name {
		return true
	}
	for _, e := range v.elems {
		if valRefersTo(e, name) {
			return true
		}
	}
	return false
}

// splitKey takes from the conjuncts of where one equality on each key
// attribute of keys; it returns the key and the other conjuncts, or fails
// with msgKeyEquality.
func (b *planner) splitKey(where *cond, keys KeySchema) (attr.Item, []*cond) {
	key := attr.Item{}
	var rest []*cond
	for _, c := range conjuncts(where) {
		if n, v, ok := equality(c); ok && (n == keys.Hash || (n == keys.Range && keys.Range != "")) {
			if _, dup := key[n]; !dup {
				key[n] = b.constant(v)
				continue
			}
		}
		rest = append(rest, c)
	}
	if _, ok := key[keys.Hash]; !ok {
		b.fail(validation(msgKeyEquality))
	}
	if _, ok := key[keys.Range]; keys.Range != "" && !ok {
		b.fail(validation(msgKeyEquality))
	}
	return key, rest
}

// and joins conditions with AND ("" for none).
func (b *planner) and(cs []*cond) string {
	if len(cs) == 0 {
		return ""
	}
	if len(cs) == 1 {
		return b.cond(cs[0])
	}
	return b.cond(&cond{op: cAnd, kids: cs})
}

// keyCondition reports whether c can be the sort-key part of a key
// condition on rng.
func keyCondition(c *cond, rng string) bool {
	switch c.op {
	case cCompare:
		if c.name == "<>" {
			return false
		}
		n, ok := topName(c.args[0])
		return ok && n == rng && isConst(c.args[1])
	case cBetween:
		n, ok := topName(c.args[0])
		return ok && !c.neg && n == rng && isConst(c.args[1]) && isConst(c.args[2])
	case cFunc:
		n, ok := topName(c.args[0])
		return ok && c.name == "begins_with" && n == rng && isConst(c.args[1])
	}
	return false
}

// hashValues returns the partition-key values c fixes: name = v, name IN
// [v…], or an OR of such equalities.
func hashValues(c *cond, hash string) ([]*val, bool) {
	switch c.op {
	case cCompare:
		if n, v, ok := equality(c); ok && n == hash {
			return []*val{v}, true
		}
	case cIn:
		if n, ok := topName(c.args[0]); ok && n == hash && !c.neg {
			for _, a := range c.args[1:] {
				if !isConst(a) {
					return nil, false
				}
			}
			return c.args[1:], true
		}
	case cOr:
		var all []*val
		for _, k := range c.kids {
			vs, ok := hashValues(k, hash)
			if !ok {
				return nil, false
			}
			all = append(all, vs...)
		}
		return all, true
	}
	return nil, false
}

// planSelect decides between Query and Scan as DynamoDB does: a WHERE
// clause whose top-level AND terms fix the partition key with = or IN (or
// an OR of equalities) runs as a Query, one per value; a sort-key term
// (=, <, <=, >, >=, BETWEEN, begins_with) joins the key condition. When
// another term still names a key attribute (which Query's filter cannot
// hold) or none fixes the partition key, it runs as a Scan of the whole
// WHERE clause.
func (b *planner) planSelect(s *Statement, keys KeySchema, p *Plan) {
	p.Projection = b.projection(s.proj)
	cs := conjuncts(s.where)
	hashAt, rangeAt := -1, -1
	var hvals []*val
	for i, c := range cs {
		if vs, ok := hashValues(c, keys.Hash); ok && hashAt < 0 {
			hashAt, hvals = i, vs
		} else if keys.Range != "" && rangeAt < 0 && keyCondition(c, keys.Range) {
			rangeAt = i
		}
	}
	var rest []*cond
	for i, c := range cs {
		if i != hashAt && i != rangeAt {
			rest = append(rest, c)
		}
	}
	clean := true
	for _, c := range rest {
		if refersTo(c, keys.Hash) || (keys.Range != "" && refersTo(c, keys.Range)) {
			clean = false
		}
	}
	if hashAt >= 0 && clean {
		p.Query = true
		seen := map[string]bool{}
		for _, v := range hvals {
			c := b.constant(v)
			k := string(attr.AppendKey([]byte{byte(c.Type())}, c))
			if !seen[k] {
				seen[k] = true
				p.HashValues = append(p.HashValues, c)
			}
		}
		kc := b.name(keys.Hash) + " = " + HashPlaceholder
		if rangeAt >= 0 {
			kc += " AND " + b.cond(cs[rangeAt])
		}
		p.KeyCondition = kc
		p.Filter = b.and(rest)
		if s.index == "" && len(hvals) == 1 && len(rest) == 0 && cs[hashAt].op == cCompare {
			if keys.Range == "" && rangeAt < 0 {
				p.Key = attr.Item{keys.Hash: p.HashValues[0]}
			} else if rangeAt >= 0 {
				if n, v, ok := equality(cs[rangeAt]); ok && n == keys.Range {
					p.Key = attr.Item{keys.Hash: p.HashValues[0], keys.Range: b.constant(v)}
				}
			}
		}
	} else {
		p.Filter = b.and(cs)
	}
	for _, o := range s.order {
		if !p.Query {
			b.fail(validation(msgOrderByScan))
		}
		if o.name != keys.Hash && o.name != keys.Range {
			b.fail(validation(msgOrderByKey, o.name))
		}
		if o.name == keys.Range || keys.Range == "" {
			p.Forward = !o.desc
		}
	}
}

func (b *planner) planInsert(s *Statement, keys KeySchema, p *Plan) {
	if s.item.kind != vMap {
		if s.item.kind == vParam {
			v := b.params[s.item.n]
			if v.Type() == attr.TypeM {
				p.Item = attr.Item(v.Map())
			}
		}
		if p.Item == nil {
			b.fail(validation(msgInsertNotTuple))
		}
	} else {
		if !isConst(s.item) {
			b.fail(validation(msgInsertLiteral))
		}
		p.Item = attr.Item(b.constant(s.item).Map())
	}
	p.Condition = "attribute_not_exists(" + b.name(keys.Hash) + ")"
}

func (b *planner) planUpdate(s *Statement, keys KeySchema, p *Plan) {
	key, rest := b.splitKey(s.where, keys)
	p.Key = key
	var set, remove, add, del []string
	for _, a := range s.actions {
		path := b.path(a.path)
		switch {
		case a.v == nil:
			remove = append(remove, path)
		case a.v.kind == vFunc && (a.v.name == "set_add" || a.v.name == "set_delete"):
			if a.v.elems[0].kind != vPath || b.path(a.v.elems[0].path) != path {
				b.fail(validation(msgSetFuncPath, a.v.name))
			}
			operand := path + " " + b.operand(a.v.elems[1])
			if a.v.name == "set_add" {
				add = append(add, operand)
			} else {
				del = append(del, operand)
			}
		default:
			set = append(set, path+" = "+b.operand(a.v))
		}
	}
	var u []string
	for _, c := range []struct {
		kw      string
		actions []string
	}{{"SET", set}, {"REMOVE", remove}, {"ADD", add}, {"DELETE", del}} {
		if len(c.actions) > 0 {
			u = append(u, c.kw+" "+strings.Join(c.actions, ", "))
		}
	}
	p.Update = strings.Join(u, " ")
	p.Condition = "attribute_exists(" + b.name(keys.Hash) + ")"
	if extra := b.and(rest); extra != "" {
		p.Condition += " AND (" + extra + ")"
	}
	if s.returning != "" {
		p.ReturnValues = s.returning
	}
}

func (b *planner) planDelete(s *Statement, keys KeySchema, p *Plan) {
	key, rest := b.splitKey(s.where, keys)
	p.Key = key
	if extra := b.and(rest); extra != "" {
		p.Condition = "attribute_not_exists(" + b.name(keys.Hash) + ") OR (" + extra + ")"
	}
	switch s.returning {
	case "", "ALL_OLD":
		if s.returning != "" {
			p.ReturnValues = s.returning
		}
	default:
		b.fail(validation(msgReturningKind, "DELETE", s.returning))
	}
}

func (b *planner) planExists(s *Statement, keys KeySchema, p *Plan) {
	key, rest := b.splitKey(s.where, keys)
	p.Key = key
	p.Condition = "attribute_exists(" + b.name(keys.Hash) + ")"
	if extra := b.and(rest); extra != "" {
		p.Condition += " AND (" + extra + ")"
	}
}

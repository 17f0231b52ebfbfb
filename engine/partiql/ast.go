package partiql

import "github.com/ddbplay/ddbplay/engine/attr"

// Kind says what a statement does.
type Kind uint8

// The statement kinds.
const (
	KindSelect Kind = iota + 1 // SELECT … FROM … [WHERE …] [ORDER BY …]
	KindInsert                 // INSERT INTO … VALUE {…}
	KindUpdate                 // UPDATE … SET/REMOVE … WHERE … [RETURNING …]
	KindDelete                 // DELETE FROM … WHERE … [RETURNING ALL OLD *]
	KindExists                 // EXISTS(SELECT … WHERE …): a condition check, in transactions only
)

// IsRead reports whether statements of kind k only read (SELECT, EXISTS).
func (k Kind) IsRead() bool { return k == KindSelect || k == KindExists }

// elem is one step of a document path: an attribute name or a list index.
type elem struct {
	name  string
	index int // -1 for a name
}

// valKind classifies a value node.
type valKind uint8

const (
	vPath  valKind = iota + 1 // a document path
	vConst                    // a scalar literal, or a substituted parameter
	vParam                    // ? (n is its position)
	vList                     // [a, b]
	vMap                      // {'k': v}
	vSet                      // <<a, b>>
	vFunc                     // name(args…): size, list_append, set_add, set_delete, if_not_exists
	vArith                    // args[0] + args[1] or args[0] - args[1] (name is the operator)
)

// val is a value-producing node.
type val struct {
	kind  valKind
	path  []elem
	c     attr.Value
	n     int
	name  string
	keys  []string // vMap keys, parallel to elems
	elems []*val   // vList, vMap, vSet elements; vFunc, vArith arguments
}

// condOp classifies a condition node.
type condOp uint8

const (
	cAnd     condOp = iota + 1 // kids[0] AND kids[1] AND …
	cOr                        // kids[0] OR kids[1] OR …
	cNot                       // NOT kids[0]
	cCompare                   // args[0] <name> args[1]
	cBetween                   // args[0] [NOT] BETWEEN args[1] AND args[2]
	cIn                        // args[0] [NOT] IN [args[1:]…]
	cIs                        // args[0] IS [NOT] MISSING|NULL (name)
	cFunc                      // name(args…): begins_with, contains, attribute_type
)

// cond is a boolean node of a WHERE clause.
type cond struct {
	op   condOp
	name string
	neg  bool
	kids []*cond
	args []*val
}

// setAction is one action of an UPDATE: SET path = value, or REMOVE path
// (v nil).
type setAction struct {
	path []elem
	v    *val
}

// Statement is a parsed statement, before its parameters are bound. It is
// immutable and safe to share between goroutines.
type Statement struct {
	kind      Kind
	table     string
	index     string
	proj      [][]elem // nil for *
	where     *cond
	order     []orderKey
	item      *val // INSERT's tuple
	actions   []setAction
	returning string // ReturnValues: "", ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW
	params    int    // number of ? placeholders
}

// orderKey is one key of ORDER BY.
type orderKey struct {
	name string
	desc bool
}

// Kind returns what the statement does.
func (s *Statement) Kind() Kind { return s.kind }

// Table returns the name of the table the statement names.
func (s *Statement) Table() string { return s.table }

// Index returns the index a SELECT names ("table"."index"), or "".
func (s *Statement) Index() string { return s.index }

// Params returns the number of ? placeholders in the statement.
func (s *Statement) Params() int { return s.params }

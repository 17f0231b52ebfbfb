package expr

import "github.com/ddbplay/ddbplay/engine/attr"

// This file holds the agreed exported API. The expr owner gives each a real
// body in its proper file, may add more exports, and deletes this file when
// it is empty. Changing a signature here needs the ops owner's agreement.

// Kind names the request parameter an expression came from; it selects the
// prefix of error messages ("Invalid ConditionExpression: …") and which
// constructs are allowed (no functions other than begins_with in a key
// condition, …).
type Kind int

const (
	KindCondition Kind = iota + 1 // ConditionExpression
	KindFilter                    // FilterExpression
	KindKeyCondition              // KeyConditionExpression
	KindProjection                // ProjectionExpression
	KindUpdate                    // UpdateExpression
)

// ParsedCondition is the syntax tree of a condition, filter or key-condition
// expression, before names and values are resolved.
type ParsedCondition struct{ _ int }

// ParsedProjection is the syntax tree of a projection expression.
type ParsedProjection struct{ _ int }

// ParsedUpdate is the syntax tree of an update expression.
type ParsedUpdate struct{ _ int }

// ParseCondition parses a ConditionExpression, FilterExpression or
// KeyConditionExpression (kind says which). Errors are ValidationException
// with DynamoDB's wording, e.g. `Invalid ConditionExpression: Syntax error;
// token: "<EOF>", near: "a ="`, or the reserved-word error
// `Invalid ConditionExpression: Attribute name is a reserved keyword;
// reserved keyword: status`.
func ParseCondition(kind Kind, src string) (*ParsedCondition, error) { panic("todo") }

// ParseProjection parses a ProjectionExpression.
func ParseProjection(src string) (*ParsedProjection, error) { panic("todo") }

// ParseUpdate parses an UpdateExpression.
func ParseUpdate(src string) (*ParsedUpdate, error) { panic("todo") }

// Resolver substitutes ExpressionAttributeNames and ExpressionAttributeValues
// into the parsed expressions of one request and remembers which were used.
type Resolver struct{ _ int }

// NewResolver returns a Resolver for one request's names and values (either
// may be nil).
func NewResolver(names map[string]string, values map[string]attr.Value) *Resolver { panic("todo") }

// Condition resolves a parsed condition. Undefined names/values are
// ValidationException: "Invalid ConditionExpression: An expression attribute
// name used in the document path is not defined; attribute name: #n" /
// "… An expression attribute value used in expression is not defined;
// attribute value: :v". Type errors DynamoDB detects before reading the
// item (e.g. a function applied to a literal of the wrong type) also fail here.
func (r *Resolver) Condition(kind Kind, p *ParsedCondition) (*Condition, error) { panic("todo") }

// Projection resolves a parsed projection.
func (r *Resolver) Projection(p *ParsedProjection) (*Projection, error) { panic("todo") }

// Update resolves a parsed update and checks what DynamoDB checks before
// reading the item (overlapping or conflicting paths, operand types of
// literals, …).
func (r *Resolver) Update(p *ParsedUpdate) (*Update, error) { panic("todo") }

// CheckUnused reports names or values given but used by no expression of the
// request: "Value provided in ExpressionAttributeNames unused in
// expressions: keys: {#a, #b}" (likewise ExpressionAttributeValues). Call it
// after resolving every expression of the request.
func (r *Resolver) CheckUnused() error { panic("todo") }

// Condition is a resolved condition, ready to evaluate.
type Condition struct{ _ int }

// Eval reports whether item (nil for "no item") satisfies c. It never fails:
// comparisons of mismatched types are false, as in DynamoDB.
func (c *Condition) Eval(item attr.Item) bool { panic("todo") }

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
func (p Path) String() string { panic("todo") }

// Projection is a resolved list of document paths.
type Projection struct{ _ int }

// Paths returns the projection's paths in order.
func (p *Projection) Paths() []Path { panic("todo") }

// Apply returns a new item holding only the projected parts of item (list
// elements kept in order, as DynamoDB does); it never modifies item.
func (p *Projection) Apply(item attr.Item) attr.Item { panic("todo") }

// Update is a resolved update expression (or AttributeUpdates), ready to apply.
type Update struct{ _ int }

// Paths returns every document path the update writes or removes (for the
// key-attribute check and UPDATED_OLD / UPDATED_NEW).
func (u *Update) Paths() []Path { panic("todo") }

// Apply returns the updated copy of item (item may be nil when the item does
// not exist; it is never modified). Errors are the ValidationExceptions
// DynamoDB raises when reading the item, e.g. "The provided expression refers
// to an attribute that does not exist in the item", "An operand in the
// update expression has an incorrect data type", "The document path provided
// in the update expression is invalid for update".
func (u *Update) Apply(item attr.Item) (attr.Item, error) { panic("todo") }

// KeyCond is a key condition split into its parts.
type KeyCond struct {
	HashName  string
	Hash      attr.Value
	RangeName string     // "" when the condition has no sort-key part
	RangeOp   string     // "=", "<", "<=", ">", ">=", "BETWEEN", "BEGINS_WITH"
	RangeA    attr.Value // operand (the lower bound for BETWEEN)
	RangeB    attr.Value // upper bound for BETWEEN
}

// SplitKeyCondition checks a resolved key condition against a key schema
// (hash and range attribute names; rangeName "" when there is no sort key)
// and splits it, with DynamoDB's errors ("Query condition missed key schema
// element: pk", "Query key condition not supported", "KeyConditionExpressions
// must only contain one condition per key", …).
func SplitKeyCondition(c *Condition, hashName, rangeName string) (*KeyCond, error) { panic("todo") }

// ExpectedValue is one entry of the legacy Expected, KeyConditions,
// QueryFilter or ScanFilter parameters, as DynamoDB's JSON spells it.
type ExpectedValue struct {
	Value              *attr.Value  `json:"Value,omitempty"`
	Exists             *bool        `json:"Exists,omitempty"`
	ComparisonOperator string       `json:"ComparisonOperator,omitempty"`
	AttributeValueList []attr.Value `json:"AttributeValueList,omitempty"`
}

// AttributeUpdate is one entry of the legacy AttributeUpdates parameter.
type AttributeUpdate struct {
	Action string      `json:"Action,omitempty"` // PUT (default), ADD, DELETE
	Value  *attr.Value `json:"Value,omitempty"`
}

// FromExpected translates a legacy Expected / QueryFilter / ScanFilter /
// KeyConditions map, joined by conditionalOperator ("AND" default, "OR"),
// into a Condition, with DynamoDB's validation messages for malformed
// entries. param names the parameter in messages ("Expected", "QueryFilter", …).
func FromExpected(param string, m map[string]ExpectedValue, conditionalOperator string) (*Condition, error) {
	panic("todo")
}

// FromAttributeUpdates translates legacy AttributeUpdates into an Update.
func FromAttributeUpdates(m map[string]AttributeUpdate) (*Update, error) { panic("todo") }

// FromAttributesToGet turns legacy AttributesToGet into a Projection
// (duplicates are DynamoDB's ValidationException).
func FromAttributesToGet(names []string) (*Projection, error) { panic("todo") }

package expr

import (
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Params gathers the expression-related parameters of one request, to
// check how they combine before any expression is parsed: a request uses
// the expression parameters or the legacy ones, never both, and its
// ExpressionAttributeNames and ExpressionAttributeValues only with
// expressions.
type Params struct {
	Names  map[string]string
	Values map[string]attr.Value
	// ValuesNull finishes "ExpressionAttributeValues can only be specified
	// when using expressions: …", e.g. "ConditionExpression is null".
	ValuesNull string
	legacy     []string // non-expression parameters present: "AttributesToGet", "Expected", …
	modern     []string // expression parameters present: "ProjectionExpression", …
}

// UseLegacy records a legacy (non-expression) parameter when present is
// true.
func (p *Params) UseLegacy(name string, present bool) {
	if present {
		p.legacy = append(p.legacy, name)
	}
}

// UseExpr records an expression parameter when src is not nil.
func (p *Params) UseExpr(name string, src *string) {
	if src != nil {
		p.modern = append(p.modern, name)
	}
}

// Resolver checks how the parameters combine, with DynamoDB's messages,
// and returns the Resolver for the request's expressions.
func (p *Params) Resolver() (*Resolver, error) {
	if len(p.legacy) > 0 && len(p.modern) > 0 {
		return nil, ddberr.Validation(msgMixedParamsFmt, strings.Join(p.legacy, ", "), strings.Join(p.modern, ", "))
	}
	if p.Names != nil && len(p.modern) == 0 {
		return nil, ddberr.Validation(msgNamesWithoutExpr)
	}
	if p.Values != nil && len(p.modern) == 0 {
		return nil, ddberr.Validation(msgValuesWithoutExprFmt, p.ValuesNull)
	}
	if p.Names != nil && len(p.Names) == 0 {
		return nil, ddberr.Validation(msgNamesEmpty)
	}
	if p.Values != nil && len(p.Values) == 0 {
		return nil, ddberr.Validation(msgValuesEmpty)
	}
	return NewResolver(p.Names, p.Values), nil
}

// ConditionParam parses and resolves a ConditionExpression (nil src: no
// condition), or translates the legacy Expected map (with its
// ConditionalOperator op) when src is nil.
func ConditionParam(r *Resolver, src *string, expected map[string]ExpectedValue, op string) (*Condition, error) {
	if src != nil {
		pc, err := ParseCondition(KindCondition, *src)
		if err != nil {
			return nil, err
		}
		return r.Condition(KindCondition, pc)
	}
	if expected != nil {
		return FromExpected("Expected", expected, op)
	}
	if op != "" {
		return nil, ddberr.Validation(msgConditionalOperatorAlone)
	}
	return nil, nil
}

// ProjectionParam parses and resolves a ProjectionExpression, or
// translates the legacy AttributesToGet; nil when neither is given.
func ProjectionParam(r *Resolver, src *string, attributesToGet []string) (*Projection, error) {
	if src != nil {
		pp, err := ParseProjection(*src)
		if err != nil {
			return nil, err
		}
		return r.Projection(pp)
	}
	if attributesToGet != nil {
		return FromAttributesToGet(attributesToGet)
	}
	return nil, nil
}

// ReadProjection checks how a read's projection parameters combine, then
// parses and resolves its ProjectionExpression (or AttributesToGet): nil
// when neither is given.
func ReadProjection(names map[string]string, src *string, attributesToGet []string) (*Projection, error) {
	p := Params{Names: names}
	p.UseLegacy("AttributesToGet", attributesToGet != nil)
	p.UseExpr("ProjectionExpression", src)
	r, err := p.Resolver()
	if err != nil {
		return nil, err
	}
	proj, err := ProjectionParam(r, src, attributesToGet)
	if err != nil {
		return nil, err
	}
	return proj, r.CheckUnused()
}

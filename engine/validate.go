package engine

import (
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// validationf returns a ValidationException with a formatted message.
func validationf(format string, args ...any) error {
	return ddberr.Validation(format, args...)
}

// violations is the validation builder of package validate; the
// engine's per-operation rules (returnValues, keySchema, tagKey, …) are
// its methods, beside their operations.
type violations struct{ validate.Violations }

// checkTableName validates a single table name of a request at member
// "tableName".
func checkTableName(name string) error {
	var v violations
	v.TableName("tableName", name)
	return v.Err()
}

// keyTypes returns the table's key with its attribute types.
func (t *table) keyTypes() schema.KeyTypes {
	return schema.KeyTypes{Hash: t.key.Hash, Range: t.key.Range, HashType: t.hashType, RangeType: t.rangeType}
}

// checkItemKey checks the primary key of item, a full item to be
// written (schema.KeyTypes.CheckItem).
func (t *table) checkItemKey(item attr.Item) error { return t.keyTypes().CheckItem(item) }

// checkKey validates a Key parameter (schema.KeyTypes.CheckKey).
func (t *table) checkKey(key attr.Item) error { return t.keyTypes().CheckKey(key) }

// checkKeyValue rejects empty S/B key values and oversized keys.
func checkKeyValue(name string, v attr.Value, hash bool) error {
	return schema.CheckKeyValue(name, v, hash)
}

// keyOf returns the primary-key attributes of item (which holds them).
func (t *table) keyOf(item attr.Item) attr.Item {
	key := make(attr.Item, 2)
	key[t.key.Hash] = item[t.key.Hash]
	if t.key.Range != "" {
		key[t.key.Range] = item[t.key.Range]
	}
	return key
}

// checkIndexKeys checks the index key attributes item carries
// (schema.KeyTypes.CheckIndexKey).
func (t *table) checkIndexKeys(item attr.Item) error {
	for _, ix := range t.indexes {
		k := schema.KeyTypes{Hash: ix.def.Key.Hash, Range: ix.def.Key.Range, HashType: ix.hashType, RangeType: ix.rangeType}
		if err := k.CheckIndexKey(ix.def.Name, item, t.isKeyAttr); err != nil {
			return err
		}
	}
	return nil
}

// exprParams gathers the expression-related parameters of one request, to
// check how they combine before any expression is parsed.
type exprParams struct {
	legacy []string // non-expression parameters present: "AttributesToGet", "Expected", …
	modern []string // expression parameters present: "ProjectionExpression", …
	names  map[string]string
	values map[string]attr.Value
	// valuesNull finishes "ExpressionAttributeValues can only be specified
	// when using expressions: …", e.g. "ConditionExpression is null".
	valuesNull string
}

// use records a legacy (non-expression) parameter when present is true.
func (p *exprParams) useLegacy(name string, present bool) {
	if present {
		p.legacy = append(p.legacy, name)
	}
}

// useExpr records an expression parameter when src is not nil.
func (p *exprParams) useExpr(name string, src *string) {
	if src != nil {
		p.modern = append(p.modern, name)
	}
}

// resolver checks how the parameters combine, with DynamoDB's messages,
// and returns the Resolver for the request's expressions.
func (p *exprParams) resolver() (*expr.Resolver, error) {
	if len(p.legacy) > 0 && len(p.modern) > 0 {
		return nil, validationf(msgMixedParamsFmt, strings.Join(p.legacy, ", "), strings.Join(p.modern, ", "))
	}
	if p.names != nil && len(p.modern) == 0 {
		return nil, validationf(msgNamesWithoutExpr)
	}
	if p.values != nil && len(p.modern) == 0 {
		return nil, validationf(msgValuesWithoutExprFmt, p.valuesNull)
	}
	if p.names != nil && len(p.names) == 0 {
		return nil, validationf(msgNamesEmpty)
	}
	if p.values != nil && len(p.values) == 0 {
		return nil, validationf(msgValuesEmpty)
	}
	return expr.NewResolver(p.names, p.values), nil
}

// condition parses and resolves a ConditionExpression (nil src: no
// condition), or translates the legacy Expected map (with its
// ConditionalOperator) when src is nil.
func condition(r *expr.Resolver, src *string, expected map[string]expr.ExpectedValue, op string) (*expr.Condition, error) {
	if src != nil {
		pc, err := expr.ParseCondition(expr.KindCondition, *src)
		if err != nil {
			return nil, err
		}
		return r.Condition(expr.KindCondition, pc)
	}
	if expected != nil {
		return expr.FromExpected("Expected", expected, op)
	}
	if op != "" {
		return nil, validationf(msgConditionalOperatorAlone)
	}
	return nil, nil
}

// projection parses and resolves a ProjectionExpression, or translates the
// legacy AttributesToGet; nil when neither is given.
func projection(r *expr.Resolver, src *string, attributesToGet []string) (*expr.Projection, error) {
	if src != nil {
		pp, err := expr.ParseProjection(*src)
		if err != nil {
			return nil, err
		}
		return r.Projection(pp)
	}
	if attributesToGet != nil {
		return expr.FromAttributesToGet(attributesToGet)
	}
	return nil, nil
}

// readProjection checks how a read's projection parameters combine,
// then parses and resolves its ProjectionExpression (or AttributesToGet):
// nil when neither is given.
func readProjection(names map[string]string, src *string, attributesToGet []string) (*expr.Projection, error) {
	p := exprParams{names: names}
	p.useLegacy("AttributesToGet", attributesToGet != nil)
	p.useExpr("ProjectionExpression", src)
	r, err := p.resolver()
	if err != nil {
		return nil, err
	}
	proj, err := projection(r, src, attributesToGet)
	if err != nil {
		return nil, err
	}
	return proj, r.CheckUnused()
}

// checkItemSize rejects an item above DynamoDB's 400 KB limit with msg.
func checkItemSize(item attr.Item, msg string) (int, error) {
	size := attr.ItemSize(item)
	if size > schema.MaxItemBytes {
		return size, validationf("%s", msg)
	}
	return size, nil
}

// ExpressionValues is an ExpressionAttributeValues parameter
// (fieldtab.ExpressionValues).
type ExpressionValues = fieldtab.ExpressionValues

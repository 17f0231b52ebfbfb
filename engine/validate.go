package engine

import (
	"strings"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/expr"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// Limits DynamoDB enforces on names and keys.
const (
	maxHashKeyBytes = 2048
	maxSortKeyBytes = 1024
	maxItemBytes    = 400 * 1024
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

// checkItemKey checks the primary key of item, a full item to be
// written (PutItem): presence, types, empty values and sizes, with
// DynamoDB's PutItem messages.
func (t *table) checkItemKey(item attr.Item) error {
	for i, name := range [2]string{t.key.Hash, t.key.Range} {
		if name == "" {
			continue
		}
		want := t.hashType
		if i == 1 {
			want = t.rangeType
		}
		v, ok := item[name]
		if !ok {
			return validationf(msgMissingKeyFmt, name)
		}
		if v.Type() != want {
			return validationf(msgKeyTypeMismatchFmt, name, want, v.Type())
		}
		if err := checkKeyValue(name, v, i == 0); err != nil {
			return err
		}
	}
	return nil
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

// checkKey validates a Key parameter (GetItem, DeleteItem, UpdateItem, …):
// exactly the table's key attributes with their declared types, else
// "The provided key element does not match the schema"; then empty values
// and sizes.
func (t *table) checkKey(key attr.Item) error {
	n := 1
	if t.key.Range != "" {
		n = 2
	}
	if len(key) != n {
		return validationf(msgKeySchemaMismatch)
	}
	h, ok := key[t.key.Hash]
	if !ok || h.Type() != t.hashType {
		return validationf(msgKeySchemaMismatch)
	}
	if t.key.Range != "" {
		r, ok := key[t.key.Range]
		if !ok || r.Type() != t.rangeType {
			return validationf(msgKeySchemaMismatch)
		}
	}
	if err := checkKeyValue(t.key.Hash, h, true); err != nil {
		return err
	}
	if t.key.Range != "" {
		return checkKeyValue(t.key.Range, key[t.key.Range], false)
	}
	return nil
}

// keyValueSize is the size counted against the key limits: the bytes of
// S text, B data, or N canonical text.
func keyValueSize(v attr.Value) int {
	switch v.Type() {
	case attr.TypeS:
		return len(v.Str())
	case attr.TypeB:
		return len(v.Bytes())
	case attr.TypeN:
		return attr.Size(v)
	}
	return 0
}

// checkKeyValue rejects empty S/B key values and oversized keys.
func checkKeyValue(name string, v attr.Value, hash bool) error {
	switch {
	case v.Type() == attr.TypeS && v.Str() == "":
		return validationf(msgEmptyStringKeyFmt, name)
	case v.Type() == attr.TypeB && len(v.Bytes()) == 0:
		return validationf(msgEmptyBinaryKeyFmt, name)
	}
	size := keyValueSize(v)
	if hash && size > maxHashKeyBytes {
		return validationf(msgHashKeyTooLargeFmt, maxHashKeyBytes)
	}
	if !hash && size > maxSortKeyBytes {
		return validationf(msgRangeKeyTooLargeFmt, maxSortKeyBytes)
	}
	return nil
}

// checkIndexKeys checks the index key attributes item carries: each one
// present must have the type its AttributeDefinition declares, must not
// be an empty string or binary, and must fit the key length limits (2048
// bytes for a partition key, 1024 for a sort key).
func (t *table) checkIndexKeys(item attr.Item) error {
	for _, ix := range t.indexes {
		for i, name := range [2]string{ix.def.Key.Hash, ix.def.Key.Range} {
			if name == "" || t.isKeyAttr(name) {
				continue
			}
			v, ok := item[name]
			if !ok {
				continue
			}
			want := ix.hashType
			if i == 1 {
				want = ix.rangeType
			}
			if v.Type() != want {
				return validationf(msgIndexKeyTypeFmt, name, want, v.Type(), ix.def.Name)
			}
			if (v.Type() == attr.TypeS && v.Str() == "") || (v.Type() == attr.TypeB && len(v.Bytes()) == 0) {
				kind := "string"
				if v.Type() == attr.TypeB {
					kind = "binary"
				}
				return validationf(msgEmptyIndexKeyFmt, kind, ix.def.Name, name)
			}
			// An index key has the key length limits of the table's keys.
			if size := keyValueSize(v); i == 0 && size > maxHashKeyBytes {
				return validationf(msgHashKeyTooLargeFmt, maxHashKeyBytes)
			} else if i == 1 && size > maxSortKeyBytes {
				return validationf(msgRangeKeyTooLargeFmt, maxSortKeyBytes)
			}
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

// checkItemSize rejects an item above DynamoDB's 400 KB limit with msg.
func checkItemSize(item attr.Item, msg string) (int, error) {
	size := attr.ItemSize(item)
	if size > maxItemBytes {
		return size, validationf("%s", msg)
	}
	return size, nil
}

// ExpressionValues is an ExpressionAttributeValues parameter. Decoding
// words an invalid value as DynamoDB does for this parameter:
// "ExpressionAttributeValues contains invalid value: <reason> for key :v"
// (the first invalid key in sorted order); shape errors stay
// SerializationExceptions. JSON null decodes to nil. Its decoder is
// fieldtab.ReadValues (cValues, codecs.go).
type ExpressionValues map[string]attr.Value

package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
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

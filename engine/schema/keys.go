package schema

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Limits DynamoDB enforces on keys and items.
const (
	maxHashKeyBytes = 2048
	maxSortKeyBytes = 1024
	// MaxItemBytes is the largest item: 400 KB.
	MaxItemBytes = 400 * 1024
)

// KeyTypes is a table's or an index's key: its attribute names and the
// types their AttributeDefinitions declare (Range "" and RangeType 0
// without a sort key).
type KeyTypes struct {
	Hash, Range         string
	HashType, RangeType attr.Type
}

// CheckItem checks the primary key of item, a full item to be written
// (PutItem): presence, types, empty values and sizes, with DynamoDB's
// PutItem messages.
func (k KeyTypes) CheckItem(item attr.Item) error {
	for i, name := range [2]string{k.Hash, k.Range} {
		if name == "" {
			continue
		}
		want := k.HashType
		if i == 1 {
			want = k.RangeType
		}
		v, ok := item[name]
		if !ok {
			return ddberr.Validation(msgMissingKeyFmt, name)
		}
		if v.Type() != want {
			return ddberr.Validation(msgKeyTypeMismatchFmt, name, want, v.Type())
		}
		if err := CheckKeyValue(name, v, i == 0); err != nil {
			return err
		}
	}
	return nil
}

// CheckKey validates a Key parameter (GetItem, DeleteItem, UpdateItem, …):
// exactly the key attributes with their declared types, else "The
// provided key element does not match the schema"; then empty values and
// sizes.
func (k KeyTypes) CheckKey(key attr.Item) error {
	n := 1
	if k.Range != "" {
		n = 2
	}
	if len(key) != n {
		return ddberr.Validation(MsgKeySchemaMismatch)
	}
	h, ok := key[k.Hash]
	if !ok || h.Type() != k.HashType {
		return ddberr.Validation(MsgKeySchemaMismatch)
	}
	var r attr.Value
	if k.Range != "" {
		if r, ok = key[k.Range]; !ok || r.Type() != k.RangeType {
			return ddberr.Validation(MsgKeySchemaMismatch)
		}
	}
	if err := CheckKeyValue(k.Hash, h, true); err != nil {
		return err
	}
	if k.Range != "" {
		return CheckKeyValue(k.Range, r, false)
	}
	return nil
}

// CheckIndexKey checks the key attributes of the index called index that
// item carries, but for those isTableKey reports (the table's own key,
// checked apart): each one present must have the type its
// AttributeDefinition declares, must not be an empty string or binary,
// and must fit the key length limits (2048 bytes for a partition key,
// 1024 for a sort key).
func (k KeyTypes) CheckIndexKey(index string, item attr.Item, isTableKey func(string) bool) error {
	for i, name := range [2]string{k.Hash, k.Range} {
		if name == "" || isTableKey(name) {
			continue
		}
		v, ok := item[name]
		if !ok {
			continue
		}
		want := k.HashType
		if i == 1 {
			want = k.RangeType
		}
		if v.Type() != want {
			return ddberr.Validation(msgIndexKeyTypeFmt, name, want, v.Type(), index)
		}
		if (v.Type() == attr.TypeS && v.Str() == "") || (v.Type() == attr.TypeB && len(v.Bytes()) == 0) {
			kind := "string"
			if v.Type() == attr.TypeB {
				kind = "binary"
			}
			return ddberr.Validation(msgEmptyIndexKeyFmt, kind, index, name)
		}
		// An index key has the key length limits of the table's keys.
		if size := keyValueSize(v); i == 0 && size > maxHashKeyBytes {
			return ddberr.Validation(msgHashKeyTooLargeFmt, maxHashKeyBytes)
		} else if i == 1 && size > maxSortKeyBytes {
			return ddberr.Validation(msgRangeKeyTooLargeFmt, maxSortKeyBytes)
		}
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

// CheckKeyValue rejects an empty S or B key value and an oversized key
// (a partition key when hash, else a sort key).
func CheckKeyValue(name string, v attr.Value, hash bool) error {
	switch {
	case v.Type() == attr.TypeS && v.Str() == "":
		return ddberr.Validation(msgEmptyStringKeyFmt, name)
	case v.Type() == attr.TypeB && len(v.Bytes()) == 0:
		return ddberr.Validation(msgEmptyBinaryKeyFmt, name)
	}
	size := keyValueSize(v)
	if hash && size > maxHashKeyBytes {
		return ddberr.Validation(msgHashKeyTooLargeFmt, maxHashKeyBytes)
	}
	if !hash && size > maxSortKeyBytes {
		return ddberr.Validation(msgRangeKeyTooLargeFmt, maxSortKeyBytes)
	}
	return nil
}

package read

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// The projection of a secondary index: which attributes of a table's item
// its entry holds. table is the table's primary key, ix the index.

// InIndex reports whether item has an entry in ix: it carries every key
// attribute of the index.
func InIndex(ix *storage.IndexDef, item attr.Item) bool {
	if _, ok := item[ix.Key.Hash]; !ok {
		return false
	}
	if ix.Key.Range != "" {
		if _, ok := item[ix.Key.Range]; !ok {
			return false
		}
	}
	return true
}

// Projects reports whether ix holds the attribute name: always for ALL;
// for the table's and the index's key attributes; for KEYS_ONLY nothing
// else; for INCLUDE the NonKeyAttributes.
func Projects(table storage.KeySchema, ix *storage.IndexDef, name string) bool {
	if ix.ProjectionType == storage.ProjectAll || name == table.Hash || (table.Range != "" && name == table.Range) ||
		name == ix.Key.Hash || name == ix.Key.Range {
		return true
	}
	if ix.ProjectionType == storage.ProjectInclude {
		for _, n := range ix.NonKey {
			if n == name {
				return true
			}
		}
	}
	return false
}

// Entry returns the entry item has in ix — the projected attributes of
// item — or nil when item is not in ix. For an ALL projection it is item
// itself (not copied); otherwise a new Item sharing item's values.
func Entry(table storage.KeySchema, ix *storage.IndexDef, item attr.Item) attr.Item {
	if !InIndex(ix, item) {
		return nil
	}
	return Project(table, ix, item)
}

// Project returns the attributes of item that ix projects, whether or
// not item is in the index. For ALL it returns item itself.
func Project(table storage.KeySchema, ix *storage.IndexDef, item attr.Item) attr.Item {
	if ix.ProjectionType == storage.ProjectAll {
		return item
	}
	out := make(attr.Item, 4+len(ix.NonKey))
	for _, n := range [4]string{table.Hash, table.Range, ix.Key.Hash, ix.Key.Range} {
		if v, ok := item[n]; ok && n != "" {
			out[n] = v
		}
	}
	if ix.ProjectionType == storage.ProjectInclude {
		for _, n := range ix.NonKey {
			if v, ok := item[n]; ok {
				out[n] = v
			}
		}
	}
	return out
}

package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// inIndex reports whether item has an entry in ix: it carries every key
// attribute of the index.
func (t *table) inIndex(ix *index, item attr.Item) bool {
	if _, ok := item[ix.def.Key.Hash]; !ok {
		return false
	}
	if ix.def.Key.Range != "" {
		if _, ok := item[ix.def.Key.Range]; !ok {
			return false
		}
	}
	return true
}

// projects reports whether ix holds the attribute name: always for ALL;
// for the table's and the index's key attributes; for KEYS_ONLY nothing
// else; for INCLUDE the NonKeyAttributes.
func (t *table) projects(ix *index, name string) bool {
	if ix.def.ProjectionType == storage.ProjectAll || t.isKeyAttr(name) ||
		name == ix.def.Key.Hash || name == ix.def.Key.Range {
		return true
	}
	if ix.def.ProjectionType == storage.ProjectInclude {
		for _, n := range ix.def.NonKey {
			if n == name {
				return true
			}
		}
	}
	return false
}

// indexEntry returns the entry item has in ix — the projected attributes
// of item — or nil when item is not in ix. For an ALL projection it is
// item itself (not copied); otherwise a new Item sharing item's values.
func (t *table) indexEntry(ix *index, item attr.Item) attr.Item {
	if !t.inIndex(ix, item) {
		return nil
	}
	return t.projectIndex(ix, item)
}

// projectIndex returns the attributes of item that ix projects, whether or
// not item is in the index. For ALL it returns item itself.
func (t *table) projectIndex(ix *index, item attr.Item) attr.Item {
	if ix.def.ProjectionType == storage.ProjectAll {
		return item
	}
	out := make(attr.Item, 4+len(ix.def.NonKey))
	for _, n := range [4]string{t.key.Hash, t.key.Range, ix.def.Key.Hash, ix.def.Key.Range} {
		if v, ok := item[n]; ok && n != "" {
			out[n] = v
		}
	}
	if ix.def.ProjectionType == storage.ProjectInclude {
		for _, n := range ix.def.NonKey {
			if v, ok := item[n]; ok {
				out[n] = v
			}
		}
	}
	return out
}

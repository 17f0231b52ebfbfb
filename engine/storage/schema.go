package storage

import "github.com/ddbplay/ddbplay/engine/attr"

// KeySchema names the key attributes of a table or index.
type KeySchema struct {
	Hash  string
	Range string // "" when there is no sort key
	// HashType and RangeType, when not zero, are the types (S, N or B) the
	// key attributes must have: an item whose index key attribute has
	// another type is not in that index, as DynamoDB skips such items when
	// it backfills a new global secondary index. Zero accepts S, N and B.
	HashType, RangeType attr.Type
}

// Projection types of a secondary index.
const (
	ProjectAll      = "ALL"
	ProjectKeysOnly = "KEYS_ONLY"
	ProjectInclude  = "INCLUDE"
)

// IndexDef describes a secondary index kept beside a table.
type IndexDef struct {
	Name           string
	Key            KeySchema
	Local          bool     // LSI (shares the table's partition key)
	ProjectionType string   // ProjectAll, ProjectKeysOnly or ProjectInclude
	NonKey         []string // projected non-key attributes for ProjectInclude
}

// clone returns a copy of d that shares no slice with d.
func (d IndexDef) clone() IndexDef {
	if d.NonKey != nil {
		d.NonKey = append([]string(nil), d.NonKey...)
	}
	return d
}

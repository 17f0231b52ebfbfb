package engine

import (
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// ListTablesInput is the ListTables request.
type ListTablesInput struct {
	ExclusiveStartTableName *string `json:"ExclusiveStartTableName,omitempty"`
	Limit                   *int64  `json:"Limit,omitempty"`
}

func (in *ListTablesInput) members(f *fields) {
	member(f, "ExclusiveStartTableName", &in.ExclusiveStartTableName, &cStringPtr, omitEmpty)
	member(f, "Limit", &in.Limit, &cInt64Ptr, omitEmpty)
}

// ListTablesOutput is the ListTables response.
type ListTablesOutput struct {
	TableNames             []string `json:"TableNames"`
	LastEvaluatedTableName string   `json:"LastEvaluatedTableName,omitempty"`
}

func (o *ListTablesOutput) members(f *fields) {
	member(f, "TableNames", &o.TableNames, &cStrings, 0)
	member(f, "LastEvaluatedTableName", &o.LastEvaluatedTableName, &cString, omitEmpty)
}

func init() { register("ListTables", (*DB).ListTables) }

// listTablesMax is the largest (and default) ListTables Limit.
const listTablesMax = 100

// ListTables returns table names in ascending order, at most Limit (1–100,
// default 100) of them, after ExclusiveStartTableName. LastEvaluatedTableName
// is the last name returned when more names follow.
func (db *DB) ListTables(in *ListTablesInput) (*ListTablesOutput, error) {
	var v violations
	if in.ExclusiveStartTableName != nil {
		v.Name("exclusiveStartTableName", *in.ExclusiveStartTableName, validate.TableNameMin, validate.TableNameMax)
	}
	limit := int64(listTablesMax)
	if in.Limit != nil {
		limit = *in.Limit
		if limit < 1 {
			v.Add(validate.Quote(strconv.FormatInt(limit, 10)), "limit", ddberr.Sprintf(validate.MinValFmt, 1))
		} else if limit > listTablesMax {
			v.Add(validate.Quote(strconv.FormatInt(limit, 10)), "limit", ddberr.Sprintf(validate.MaxValFmt, listTablesMax))
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	db.mu.RLock()
	names := make([]string, 0, len(db.tables)+len(db.deleting))
	for n := range db.tables {
		if in.ExclusiveStartTableName == nil || n > *in.ExclusiveStartTableName {
			names = append(names, n)
		}
	}
	for n := range db.deleting { // DELETING tables are listed until gone
		if db.beingDeleted(n) != nil && (in.ExclusiveStartTableName == nil || n > *in.ExclusiveStartTableName) {
			names = append(names, n)
		}
	}
	db.mu.RUnlock()
	slices.Sort(names)
	out := &ListTablesOutput{TableNames: names}
	if int64(len(names)) > limit {
		out.TableNames = names[:limit]
		out.LastEvaluatedTableName = names[limit-1]
	}
	return out, nil
}

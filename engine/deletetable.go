package engine

import "github.com/ddbplay/ddbplay/engine/ddberr"

// DeleteTableInput is the DeleteTable request.
type DeleteTableInput struct {
	TableName string `json:"TableName"`
}

// DeleteTableOutput is the DeleteTable response.
type DeleteTableOutput struct {
	TableDescription *TableDescription `json:"TableDescription"`
}

func init() { register("DeleteTable", (*DB).DeleteTable) }

// DeleteTable deletes a table and its items at once; the response
// describes it with TableStatus DELETING, and later requests find no such
// table. A table with deletion protection enabled is not deleted.
func (db *DB) DeleteTable(in *DeleteTableInput) (*DeleteTableOutput, error) {
	if err := checkTableName(in.TableName); err != nil {
		return nil, err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	t, ok := db.tables[in.TableName]
	if !ok {
		return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgResourceNotFoundTableFmt, in.TableName)
	}
	if t.deletionProtection {
		return nil, validationf(msgDeletionProtected)
	}
	d := db.describe(t)
	d.TableStatus = statusDeleting
	delete(db.tables, in.TableName)
	t.status = statusDeleting
	db.streamLog.Disable(t.name, db.clock()+db.skew.Load())
	return &DeleteTableOutput{TableDescription: d}, nil
}

package engine

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
	var d *TableDescription
	err := db.update(func(*txn) error {
		t, err := db.controlTable(in.TableName)
		if err != nil {
			return err
		}
		if t.deletionProtection {
			return validationf(msgDeletionProtected)
		}
		d = db.describe(t)
		d.TableStatus = statusDeleting
		delete(db.tables, in.TableName)
		t.status = statusDeleting
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &DeleteTableOutput{TableDescription: d}, nil
}

package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/schema"
)

// DeleteTableInput is the DeleteTable request.
type DeleteTableInput struct {
	TableName string `json:"TableName"`
}

func (in *DeleteTableInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
}

// DeleteTableOutput is the DeleteTable response.
type DeleteTableOutput struct {
	TableDescription *DeletedTableDescription `json:"TableDescription"`
}

// DeletedTableDescription is schema.DeletedTableDescription.
type DeletedTableDescription = schema.DeletedTableDescription

func (o *DeleteTableOutput) members(f *fields) {
	member(f, "TableDescription", &o.TableDescription, &schema.CodecDeletedTableDescriptionPtr, 0)
}

func (o *DeleteTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, 512), o), nil
}

func init() { register("DeleteTable", (*DB).DeleteTable) }

// DeleteTable deletes a table and its items at once; the response
// describes it with TableStatus DELETING, and later requests find no such
// table (DynamoDB keeps it DELETING for a few seconds; see the README). A
// table with deletion protection enabled is not deleted, nor one still
// CREATING (ResourceInUseException).
func (db *DB) DeleteTable(in *DeleteTableInput) (*DeleteTableOutput, error) {
	if err := checkTableName(in.TableName); err != nil {
		return nil, err
	}
	var d *DeletedTableDescription
	err := db.update(func(*txn) error {
		t, err := db.controlTable(in.TableName)
		if err != nil {
			return err
		}
		if err := t.errInUse(db.clk.Now()); err != nil {
			return err
		}
		if t.deletionProtection {
			return validationf(msgDeletionProtected)
		}
		d = db.describe(t).Deleted(statusDeleting)
		delete(db.tables, in.TableName)
		t.status = statusDeleting
		db.streamLog.Disable(t.name, db.clk.Now())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &DeleteTableOutput{TableDescription: d}, nil
}

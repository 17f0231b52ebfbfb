package engine

import (
	"slices"

	"github.com/ddbplay/ddbplay/engine/ddberr"
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

// DeleteTable deletes a table and its items. The table is DELETING for
// tableDeleteTime on the engine clock, then gone: DescribeTable and
// ListTables show it meanwhile, reads and writes find no such table (the
// API Reference allows either), UpdateTable is ResourceInUseException
// "…Table is being deleted: NAME", a second DeleteTable answers as the
// first (the API Reference: "no error is returned"), and CreateTable of
// the name is "Table already exists". While restoring (DB.SetRestoring)
// the table is gone at once. A table with deletion protection enabled is
// not deleted, nor one CREATING or UPDATING, nor one with a GSI still
// backfilling or being deleted (ResourceInUseException "…Cannot delete
// table while indexes are being created, updated, or deleted.").
func (db *DB) DeleteTable(in *DeleteTableInput) (*DeleteTableOutput, error) {
	if err := checkTableName(in.TableName); err != nil {
		return nil, err
	}
	var d *DeletedTableDescription
	err := db.update(func(*txn) error {
		db.purgeDeleted()
		t, err := db.controlTable(in.TableName)
		if err != nil {
			return err
		}
		if t.status == statusDeleting {
			d = db.describe(t).Deleted(statusDeleting)
			return nil
		}
		now := db.clk.Now()
		if err := t.errInUse(now); err != nil {
			return err
		}
		if t.indexBusy(now) != nil {
			return ddberr.New(ddberr.TypeResourceInUse, msgIndexesBusy)
		}
		if t.deletionProtection {
			return validationf(msgDeletionProtected)
		}
		if err := db.checkBusy(false); err != nil {
			return err
		}
		d = db.describe(t).Deleted(statusDeleting)
		delete(db.tables, in.TableName)
		t.status = statusDeleting
		db.streamLog.Disable(t.name, now)
		if !db.restoring.Load() {
			t.goneAt = now + int64(tableDeleteTime)
			if db.deleting == nil {
				db.deleting = map[string]*table{}
			}
			db.deleting[t.name] = t
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &DeleteTableOutput{TableDescription: d}, nil
}

// beingDeleted returns the table called name if it is DELETING at the
// engine clock's now (not yet gone), or nil. The caller holds db.mu.
func (db *DB) beingDeleted(name string) *table {
	if t, ok := db.deleting[name]; ok && db.clk.Now() < t.goneAt {
		return t
	}
	return nil
}

// purgeDeleted drops the tables whose deletion has ended. The caller
// holds the write lock.
func (db *DB) purgeDeleted() {
	now := db.clk.Now()
	for name, t := range db.deleting {
		if now >= t.goneAt {
			delete(db.deleting, name)
		}
	}
}

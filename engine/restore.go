package engine

import "github.com/ddbplay/ddbplay/engine/ddberr"

// SetCreationDateTime sets the CreationDateTime that DescribeTable reports
// for the table called name to unixMillis (Unix time in milliseconds), so
// that a table restored from a snapshot (engine/snapshot) keeps the time it
// was first created instead of the time of the restore. It fails with
// ResourceNotFoundException when there is no such table, and with a
// ValidationException for a negative time.
func (db *DB) SetCreationDateTime(name string, unixMillis int64) error {
	if unixMillis < 0 {
		return ddberr.Validation(msgCreationBefore1970)
	}
	return db.update(func(tx *txn) error {
		tx.keep() // a date, not a change the host saves (the restore made the table)
		t, err := tx.table(name)
		if err != nil {
			return err
		}
		t.created = stamp{ms: unixMillis, set: true}
		return nil
	})
}

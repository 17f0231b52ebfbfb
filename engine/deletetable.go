package engine

// DeleteTableInput is the DeleteTable request.
type DeleteTableInput struct {
	TableName string `json:"TableName"`
}

// DeleteTableOutput is the DeleteTable response.
type DeleteTableOutput struct {
	TableDescription *DeletedTableDescription `json:"TableDescription"`
}

// DeletedTableDescription is the TableDescription of a DeleteTable
// response: DynamoDB leaves out the key schema, attribute definitions,
// creation time, indexes and stream members there.
type DeletedTableDescription struct {
	TableName             string                            `json:"TableName"`
	TableStatus           string                            `json:"TableStatus"`
	ProvisionedThroughput *ProvisionedThroughputDescription `json:"ProvisionedThroughput"`
	TableSizeBytes        int64                             `json:"TableSizeBytes"`
	ItemCount             int64                             `json:"ItemCount"`
	TableArn              string                            `json:"TableArn"`
	TableId               string                            `json:"TableId"`
	BillingModeSummary    *BillingModeSummary               `json:"BillingModeSummary,omitempty"`
}

func init() { register("DeleteTable", (*DB).DeleteTable) }

// DeleteTable deletes a table and its items at once; the response
// describes it with TableStatus DELETING, and later requests find no such
// table. A table with deletion protection enabled is not deleted.
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
		if t.deletionProtection {
			return validationf(msgDeletionProtected)
		}
		full := db.describe(t)
		d = &DeletedTableDescription{TableName: full.TableName, TableStatus: statusDeleting,
			ProvisionedThroughput: full.ProvisionedThroughput, TableSizeBytes: full.TableSizeBytes, ItemCount: full.ItemCount,
			TableArn: full.TableArn, TableId: full.TableId, BillingModeSummary: full.BillingModeSummary}
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

package engine

import (
	"slices"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
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

var (
	cDeletedTableDescription = codec[DeletedTableDescription]{X: erased{Kind: kObj, Size: unsafe.Sizeof(DeletedTableDescription{}), At: fieldtab.GrowAt[DeletedTableDescription],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*DeletedTableDescription)(p)
			member(f, "TableName", &t.TableName, &cString, 0)
			member(f, "TableStatus", &t.TableStatus, &cString, 0)
			member(f, "ProvisionedThroughput", &t.ProvisionedThroughput, &schema.CodecProvisionedThroughputDescriptionPtr, 0)
			member(f, "TableSizeBytes", &t.TableSizeBytes, &cInt64, 0)
			member(f, "ItemCount", &t.ItemCount, &cInt64, 0)
			member(f, "TableArn", &t.TableArn, &cString, 0)
			member(f, "TableId", &t.TableId, &cString, 0)
			member(f, "BillingModeSummary", &t.BillingModeSummary, &schema.CodecBillingModeSummaryPtr, omitEmpty)
		}}}
	cDeletedTableDescriptionPtr = codec[*DeletedTableDescription]{X: erased{Kind: kPtr, Elem: &cDeletedTableDescription.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

func (o *DeleteTableOutput) members(f *fields) {
	member(f, "TableDescription", &o.TableDescription, &cDeletedTableDescriptionPtr, 0)
}

func (o *DeleteTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(slices.Grow(dst, 512), o), nil
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

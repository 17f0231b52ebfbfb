package engine

import (
	"slices"
	"time"

	"github.com/ddbplay/ddbplay/engine/schema"
)

// EpochSeconds is schema.EpochSeconds.
type EpochSeconds = schema.EpochSeconds

// EpochTime returns e as a time.Time. It is not a method of EpochSeconds:
// the outputs holding EpochSeconds are used as interfaces, so a method
// returning a time.Time would link time's formatting and parsing (time.Time's
// own methods) into the browser's WebAssembly module.
func EpochTime(e EpochSeconds) time.Time {
	return time.UnixMilli(int64(float64(e) * 1000))
}

// ProvisionedThroughputDescription is schema.ProvisionedThroughputDescription.
type ProvisionedThroughputDescription = schema.ProvisionedThroughputDescription

// BillingModeSummary is schema.BillingModeSummary.
type BillingModeSummary = schema.BillingModeSummary

// GlobalSecondaryIndexDescription is schema.GlobalSecondaryIndexDescription.
type GlobalSecondaryIndexDescription = schema.GlobalSecondaryIndexDescription

// LocalSecondaryIndexDescription is schema.LocalSecondaryIndexDescription.
type LocalSecondaryIndexDescription = schema.LocalSecondaryIndexDescription

// TableDescription is schema.TableDescription.
type TableDescription = schema.TableDescription

// DescribeTableInput is the DescribeTable request.
type DescribeTableInput struct {
	TableName string `json:"TableName"`
}

func (in *DescribeTableInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
}

// DescribeTableOutput is the DescribeTable response.
type DescribeTableOutput struct {
	Table *TableDescription `json:"Table"`
}

func (o *DescribeTableOutput) members(f *fields) {
	member(f, "Table", &o.Table, &schema.CodecTableDescriptionPtr, 0)
}

func (o *DescribeTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(growTable(dst, o.Table), o), nil
}

func init() { register("DescribeTable", (*DB).DescribeTable) }

// DescribeTable describes a table. A new table is CREATING (its GSIs
// too) for tableCreateTime on the engine clock, then ACTIVE (see
// createtable.go). A GSI added by UpdateTable is reported
// CREATING with Backfilling true while it backfills on the engine clock,
// then ACTIVE; one deleted by UpdateTable is DELETING for gsiDeleteTime
// (see updatetable.go). A missing table is
// ResourceNotFoundException "Requested resource not found: Table: X not
// found".
func (db *DB) DescribeTable(in *DescribeTableInput) (*DescribeTableOutput, error) {
	if err := checkTableName(in.TableName); err != nil {
		return nil, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.controlTable(in.TableName)
	if err != nil {
		return nil, err
	}
	return &DescribeTableOutput{Table: db.describe(t)}, nil
}

// describe returns t's current TableDescription. The caller holds db.mu.
func (db *DB) describe(t *table) *TableDescription {
	now := clockNow(db)
	d := &TableDescription{
		AttributeDefinitions: append([]AttributeDefinition(nil), t.attrDefs...),
		TableName:            t.name,
		KeySchema:            schema.KeySchemaOf(t.key.Hash, t.key.Range),
		TableStatus:          t.statusAt(now.UnixNano()),
		CreationDateTime:     t.created.epoch(),
		ProvisionedThroughput: &ProvisionedThroughputDescription{
			LastIncreaseDateTime:   t.lastIncrease.epochPtr(),
			LastDecreaseDateTime:   t.lastDecrease.epochPtr(),
			NumberOfDecreasesToday: decreasesToday(t.decreases, t.lastDecrease, now),
			ReadCapacityUnits:      t.read,
			WriteCapacityUnits:     t.write,
		},
		TableSizeBytes:            t.data.SizeBytes(),
		ItemCount:                 int64(t.data.Len()),
		TableArn:                  t.arn,
		TableId:                   t.id,
		BillingModeSummary:        &BillingModeSummary{BillingMode: t.billing},
		DeletionProtectionEnabled: t.deletionProtection,
	}
	d.OnDemandThroughput = schema.MaxThroughputOf(t.maxRead, t.maxWrite)
	switch {
	case t.billing == billingPayPerRequest:
		d.BillingModeSummary.LastUpdateToPayPerRequestDateTime = t.billingUpdated.epochPtr()
	case !t.billingNamed:
		d.BillingModeSummary = nil
	}
	// A GSI deleted by UpdateTable is described DELETING until its goneAt
	// (zero counts: its entries are dropped already).
	indexes := t.indexes
	if ix := t.dropping; ix != nil && now.UnixNano() < ix.goneAt {
		indexes = append(slices.Clip(indexes), ix)
	}
	for _, ix := range indexes {
		p := Projection{ProjectionType: ix.def.ProjectionType}
		if len(ix.def.NonKey) > 0 {
			p.NonKeyAttributes = append([]string(nil), ix.def.NonKey...)
		}
		ks := schema.KeySchemaOf(ix.def.Key.Hash, ix.def.Key.Range)
		size, count := t.data.IndexSizeBytes(ix.def.Name), int64(t.data.IndexLen(ix.def.Name))
		if ix.def.Local {
			d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, LocalSecondaryIndexDescription{
				IndexName: ix.def.Name, KeySchema: ks, Projection: p,
				IndexSizeBytes: size, ItemCount: count, IndexArn: ix.arn,
			})
			continue
		}
		g := GlobalSecondaryIndexDescription{
			IndexName: ix.def.Name, KeySchema: ks, Projection: p,
			IndexStatus: ix.statusAt(now.UnixNano()),
			ProvisionedThroughput: &ProvisionedThroughputDescription{
				NumberOfDecreasesToday: decreasesToday(ix.decreases, ix.lastDecrease, now),
				ReadCapacityUnits:      ix.read,
				WriteCapacityUnits:     ix.write,
			},
			IndexSizeBytes: size, ItemCount: count, IndexArn: ix.arn,
			OnDemandThroughput: schema.MaxThroughputOf(ix.maxRead, ix.maxWrite),
		}
		switch d.TableStatus {
		case statusCreating:
			g.IndexStatus = statusCreating // built with its table
		case statusDeleting:
			g.IndexStatus = statusDeleting // deleted with its table
		}
		// Backfilling is reported for an index added by UpdateTable only
		// (GlobalSecondaryIndexDescription: not for one created with its
		// table): true while it backfills, then false; not once deleted.
		if ix.readyAt != 0 && ix.goneAt == 0 {
			g.Backfilling = new(g.IndexStatus == statusCreating)
		}
		if g.IndexStatus == statusCreating {
			g.IndexSizeBytes, g.ItemCount = 0, 0
		}
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, g)
	}
	d.StreamSpecification, d.LatestStreamArn, d.LatestStreamLabel = t.streamDescription()
	return d
}

package engine

import (
	"time"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
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

var (
	cProvisionedThroughputDescription = codec[ProvisionedThroughputDescription]{X: erased{Kind: kObj, Size: unsafe.Sizeof(ProvisionedThroughputDescription{}),
		Members: func(ptr unsafe.Pointer, f *fields) {
			p := (*ProvisionedThroughputDescription)(ptr)
			member(f, "LastIncreaseDateTime", &p.LastIncreaseDateTime, &cEpochPtr, omitEmpty)
			member(f, "LastDecreaseDateTime", &p.LastDecreaseDateTime, &cEpochPtr, omitEmpty)
			member(f, "NumberOfDecreasesToday", &p.NumberOfDecreasesToday, &cInt64, 0)
			member(f, "ReadCapacityUnits", &p.ReadCapacityUnits, &cInt64, 0)
			member(f, "WriteCapacityUnits", &p.WriteCapacityUnits, &cInt64, 0)
		}}}
	cProvisionedThroughputDescriptionPtr = codec[*ProvisionedThroughputDescription]{X: erased{Kind: kPtr, Elem: &cProvisionedThroughputDescription.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// BillingModeSummary is schema.BillingModeSummary.
type BillingModeSummary = schema.BillingModeSummary

var (
	cBillingModeSummary = codec[BillingModeSummary]{X: erased{Kind: kObj, Size: unsafe.Sizeof(BillingModeSummary{}),
		Members: func(p unsafe.Pointer, f *fields) {
			b := (*BillingModeSummary)(p)
			member(f, "BillingMode", &b.BillingMode, &cString, 0)
			member(f, "LastUpdateToPayPerRequestDateTime", &b.LastUpdateToPayPerRequestDateTime, &cEpochPtr, omitEmpty)
		}}}
	cBillingModeSummaryPtr = codec[*BillingModeSummary]{X: erased{Kind: kPtr, Elem: &cBillingModeSummary.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// GlobalSecondaryIndexDescription is schema.GlobalSecondaryIndexDescription.
type GlobalSecondaryIndexDescription = schema.GlobalSecondaryIndexDescription

var (
	cGlobalSecondaryIndexDescription = codec[GlobalSecondaryIndexDescription]{X: erased{Kind: kObj, Size: unsafe.Sizeof(GlobalSecondaryIndexDescription{}),
		Members: func(p unsafe.Pointer, f *fields) {
			g := (*GlobalSecondaryIndexDescription)(p)
			member(f, "IndexName", &g.IndexName, &cString, 0)
			member(f, "KeySchema", &g.KeySchema, &cKeySchemaElementList, 0)
			member(f, "Projection", &g.Projection, &cProjection, 0)
			member(f, "IndexStatus", &g.IndexStatus, &cString, 0)
			member(f, "Backfilling", &g.Backfilling, &cBoolPtr, omitEmpty)
			member(f, "ProvisionedThroughput", &g.ProvisionedThroughput, &cProvisionedThroughputDescriptionPtr, omitEmpty)
			member(f, "IndexSizeBytes", &g.IndexSizeBytes, &cInt64, 0)
			member(f, "ItemCount", &g.ItemCount, &cInt64, 0)
			member(f, "IndexArn", &g.IndexArn, &cString, 0)
			member(f, "OnDemandThroughput", &g.OnDemandThroughput, &cOnDemandThroughputPtr, omitEmpty)
		}}}
	cGlobalSecondaryIndexDescriptionList = codec[[]GlobalSecondaryIndexDescription]{X: erased{Kind: kList, Elem: &cGlobalSecondaryIndexDescription.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// LocalSecondaryIndexDescription is schema.LocalSecondaryIndexDescription.
type LocalSecondaryIndexDescription = schema.LocalSecondaryIndexDescription

var (
	cLocalSecondaryIndexDescription = codec[LocalSecondaryIndexDescription]{X: erased{Kind: kObj, Size: unsafe.Sizeof(LocalSecondaryIndexDescription{}),
		Members: func(p unsafe.Pointer, f *fields) {
			l := (*LocalSecondaryIndexDescription)(p)
			member(f, "IndexName", &l.IndexName, &cString, 0)
			member(f, "KeySchema", &l.KeySchema, &cKeySchemaElementList, 0)
			member(f, "Projection", &l.Projection, &cProjection, 0)
			member(f, "IndexSizeBytes", &l.IndexSizeBytes, &cInt64, 0)
			member(f, "ItemCount", &l.ItemCount, &cInt64, 0)
			member(f, "IndexArn", &l.IndexArn, &cString, 0)
		}}}
	cLocalSecondaryIndexDescriptionList = codec[[]LocalSecondaryIndexDescription]{X: erased{Kind: kList, Elem: &cLocalSecondaryIndexDescription.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// TableDescription is schema.TableDescription.
type TableDescription = schema.TableDescription

var (
	cTableDescription = codec[TableDescription]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TableDescription{}),
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TableDescription)(p)
			member(f, "AttributeDefinitions", &t.AttributeDefinitions, &cAttributeDefinitionList, 0)
			member(f, "TableName", &t.TableName, &cString, 0)
			member(f, "KeySchema", &t.KeySchema, &cKeySchemaElementList, 0)
			member(f, "TableStatus", &t.TableStatus, &cString, 0)
			member(f, "CreationDateTime", &t.CreationDateTime, &cEpoch, 0)
			member(f, "ProvisionedThroughput", &t.ProvisionedThroughput, &cProvisionedThroughputDescriptionPtr, 0)
			member(f, "TableSizeBytes", &t.TableSizeBytes, &cInt64, 0)
			member(f, "ItemCount", &t.ItemCount, &cInt64, 0)
			member(f, "TableArn", &t.TableArn, &cString, 0)
			member(f, "TableId", &t.TableId, &cString, 0)
			member(f, "BillingModeSummary", &t.BillingModeSummary, &cBillingModeSummaryPtr, omitEmpty)
			member(f, "LocalSecondaryIndexes", &t.LocalSecondaryIndexes, &cLocalSecondaryIndexDescriptionList, omitEmpty)
			member(f, "GlobalSecondaryIndexes", &t.GlobalSecondaryIndexes, &cGlobalSecondaryIndexDescriptionList, omitEmpty)
			member(f, "StreamSpecification", &t.StreamSpecification, &cStreamSpecificationPtr, omitEmpty)
			member(f, "LatestStreamLabel", &t.LatestStreamLabel, &cString, omitEmpty)
			member(f, "LatestStreamArn", &t.LatestStreamArn, &cString, omitEmpty)
			member(f, "DeletionProtectionEnabled", &t.DeletionProtectionEnabled, &cBool, 0)
			member(f, "OnDemandThroughput", &t.OnDemandThroughput, &cOnDemandThroughputPtr, omitEmpty)
		}}}
	cTableDescriptionPtr = codec[*TableDescription]{X: erased{Kind: kPtr, Elem: &cTableDescription.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

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
	member(f, "Table", &o.Table, &cTableDescriptionPtr, 0)
}

func (o *DescribeTableOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(growTable(dst, o.Table), o), nil
}

func init() { register("DescribeTable", (*DB).DescribeTable) }

// DescribeTable describes a table. A GSI added by UpdateTable is reported
// CREATING with Backfilling true while it backfills on the engine clock,
// then ACTIVE (see updatetable.go). A missing table is
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
		TableStatus:          t.status,
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
	for _, ix := range t.indexes {
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
		if g.IndexStatus == statusCreating {
			g.Backfilling = new(true)
			g.IndexSizeBytes, g.ItemCount = 0, 0
		}
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, g)
	}
	d.StreamSpecification, d.LatestStreamArn, d.LatestStreamLabel = t.streamDescription()
	return d
}

package schema

import (
	"strconv"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The field tables (package fieldtab) of the schema's types, beside the
// types: the engine's CreateTable, UpdateTable, DescribeTable and
// DeleteTable members name them (&schema.CodecTableDescriptionPtr), and
// TestFieldTables_MatchTypes checks them against the types.

var (
	CodecKeySchemaElement = fieldtab.Codec[KeySchemaElement]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(KeySchemaElement{}), At: fieldtab.GrowAt[KeySchemaElement],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			k := (*KeySchemaElement)(p)
			fieldtab.Member(f, "AttributeName", &k.AttributeName, &fieldtab.String, 0)
			fieldtab.Member(f, "KeyType", &k.KeyType, &fieldtab.String, 0)
		}}}
	CodecKeySchemaElementList = fieldtab.Codec[[]KeySchemaElement]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecKeySchemaElement.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecAttributeDefinition = fieldtab.Codec[AttributeDefinition]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(AttributeDefinition{}), At: fieldtab.GrowAt[AttributeDefinition],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			a := (*AttributeDefinition)(p)
			fieldtab.Member(f, "AttributeName", &a.AttributeName, &fieldtab.String, 0)
			fieldtab.Member(f, "AttributeType", &a.AttributeType, &fieldtab.String, 0)
		}}}
	CodecAttributeDefinitionList = fieldtab.Codec[[]AttributeDefinition]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecAttributeDefinition.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecProjection = fieldtab.Codec[Projection]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Projection{}), At: fieldtab.GrowAt[Projection],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*Projection)(ptr)
			fieldtab.Member(f, "ProjectionType", &p.ProjectionType, &fieldtab.String, fieldtab.OmitEmpty)
			fieldtab.Member(f, "NonKeyAttributes", &p.NonKeyAttributes, &fieldtab.Strings, fieldtab.OmitEmpty)
		}}}
	CodecProjectionPtr = fieldtab.Codec[*Projection]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecProjection.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecProvisionedThroughput = fieldtab.Codec[ProvisionedThroughput]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ProvisionedThroughput{}), At: fieldtab.GrowAt[ProvisionedThroughput],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*ProvisionedThroughput)(ptr)
			fieldtab.Member(f, "ReadCapacityUnits", &p.ReadCapacityUnits, &fieldtab.Int64Ptr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "WriteCapacityUnits", &p.WriteCapacityUnits, &fieldtab.Int64Ptr, fieldtab.OmitEmpty)
		}}}
	CodecProvisionedThroughputPtr = fieldtab.Codec[*ProvisionedThroughput]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecProvisionedThroughput.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecOnDemandThroughput = fieldtab.Codec[OnDemandThroughput]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(OnDemandThroughput{}), At: fieldtab.GrowAt[OnDemandThroughput],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			o := (*OnDemandThroughput)(ptr)
			fieldtab.Member(f, "MaxReadRequestUnits", &o.MaxReadRequestUnits, &fieldtab.Int64Ptr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "MaxWriteRequestUnits", &o.MaxWriteRequestUnits, &fieldtab.Int64Ptr, fieldtab.OmitEmpty)
		}}}
	CodecOnDemandThroughputPtr = fieldtab.Codec[*OnDemandThroughput]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecOnDemandThroughput.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecGlobalSecondaryIndex = fieldtab.Codec[GlobalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(GlobalSecondaryIndex{}), At: fieldtab.GrowAt[GlobalSecondaryIndex],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			g := (*GlobalSecondaryIndex)(p)
			fieldtab.Member(f, "IndexName", &g.IndexName, &fieldtab.String, 0)
			fieldtab.Member(f, "KeySchema", &g.KeySchema, &CodecKeySchemaElementList, 0)
			fieldtab.Member(f, "Projection", &g.Projection, &CodecProjectionPtr, 0)
			fieldtab.Member(f, "ProvisionedThroughput", &g.ProvisionedThroughput, &CodecProvisionedThroughputPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "OnDemandThroughput", &g.OnDemandThroughput, &CodecOnDemandThroughputPtr, fieldtab.OmitEmpty)
		}}}
	CodecGlobalSecondaryIndexPtr  = fieldtab.Codec[*GlobalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecGlobalSecondaryIndex.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	CodecGlobalSecondaryIndexList = fieldtab.Codec[[]GlobalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecGlobalSecondaryIndex.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecLocalSecondaryIndex = fieldtab.Codec[LocalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(LocalSecondaryIndex{}), At: fieldtab.GrowAt[LocalSecondaryIndex],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			l := (*LocalSecondaryIndex)(p)
			fieldtab.Member(f, "IndexName", &l.IndexName, &fieldtab.String, 0)
			fieldtab.Member(f, "KeySchema", &l.KeySchema, &CodecKeySchemaElementList, 0)
			fieldtab.Member(f, "Projection", &l.Projection, &CodecProjectionPtr, 0)
		}}}
	CodecLocalSecondaryIndexList = fieldtab.Codec[[]LocalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecLocalSecondaryIndex.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecProvisionedThroughputDescription = fieldtab.Codec[ProvisionedThroughputDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ProvisionedThroughputDescription{}),
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*ProvisionedThroughputDescription)(ptr)
			fieldtab.Member(f, "LastIncreaseDateTime", &p.LastIncreaseDateTime, &CodecEpochPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "LastDecreaseDateTime", &p.LastDecreaseDateTime, &CodecEpochPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "NumberOfDecreasesToday", &p.NumberOfDecreasesToday, &fieldtab.Int64, 0)
			fieldtab.Member(f, "ReadCapacityUnits", &p.ReadCapacityUnits, &fieldtab.Int64, 0)
			fieldtab.Member(f, "WriteCapacityUnits", &p.WriteCapacityUnits, &fieldtab.Int64, 0)
		}}}
	CodecProvisionedThroughputDescriptionPtr = fieldtab.Codec[*ProvisionedThroughputDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecProvisionedThroughputDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecBillingModeSummary = fieldtab.Codec[BillingModeSummary]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(BillingModeSummary{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			b := (*BillingModeSummary)(p)
			fieldtab.Member(f, "BillingMode", &b.BillingMode, &fieldtab.String, 0)
			fieldtab.Member(f, "LastUpdateToPayPerRequestDateTime", &b.LastUpdateToPayPerRequestDateTime, &CodecEpochPtr, fieldtab.OmitEmpty)
		}}}
	CodecBillingModeSummaryPtr = fieldtab.Codec[*BillingModeSummary]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecBillingModeSummary.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecGlobalSecondaryIndexDescription = fieldtab.Codec[GlobalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(GlobalSecondaryIndexDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			g := (*GlobalSecondaryIndexDescription)(p)
			fieldtab.Member(f, "IndexName", &g.IndexName, &fieldtab.String, 0)
			fieldtab.Member(f, "KeySchema", &g.KeySchema, &CodecKeySchemaElementList, 0)
			fieldtab.Member(f, "Projection", &g.Projection, &CodecProjection, 0)
			fieldtab.Member(f, "IndexStatus", &g.IndexStatus, &fieldtab.String, 0)
			fieldtab.Member(f, "Backfilling", &g.Backfilling, &fieldtab.BoolPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "ProvisionedThroughput", &g.ProvisionedThroughput, &CodecProvisionedThroughputDescriptionPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "IndexSizeBytes", &g.IndexSizeBytes, &fieldtab.Int64, 0)
			fieldtab.Member(f, "ItemCount", &g.ItemCount, &fieldtab.Int64, 0)
			fieldtab.Member(f, "IndexArn", &g.IndexArn, &fieldtab.String, 0)
			fieldtab.Member(f, "OnDemandThroughput", &g.OnDemandThroughput, &CodecOnDemandThroughputPtr, fieldtab.OmitEmpty)
		}}}
	CodecGlobalSecondaryIndexDescriptionList = fieldtab.Codec[[]GlobalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecGlobalSecondaryIndexDescription.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecLocalSecondaryIndexDescription = fieldtab.Codec[LocalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(LocalSecondaryIndexDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			l := (*LocalSecondaryIndexDescription)(p)
			fieldtab.Member(f, "IndexName", &l.IndexName, &fieldtab.String, 0)
			fieldtab.Member(f, "KeySchema", &l.KeySchema, &CodecKeySchemaElementList, 0)
			fieldtab.Member(f, "Projection", &l.Projection, &CodecProjection, 0)
			fieldtab.Member(f, "IndexSizeBytes", &l.IndexSizeBytes, &fieldtab.Int64, 0)
			fieldtab.Member(f, "ItemCount", &l.ItemCount, &fieldtab.Int64, 0)
			fieldtab.Member(f, "IndexArn", &l.IndexArn, &fieldtab.String, 0)
		}}}
	CodecLocalSecondaryIndexDescriptionList = fieldtab.Codec[[]LocalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecLocalSecondaryIndexDescription.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecTableDescription = fieldtab.Codec[TableDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TableDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TableDescription)(p)
			fieldtab.Member(f, "AttributeDefinitions", &t.AttributeDefinitions, &CodecAttributeDefinitionList, 0)
			fieldtab.Member(f, "TableName", &t.TableName, &fieldtab.String, 0)
			fieldtab.Member(f, "KeySchema", &t.KeySchema, &CodecKeySchemaElementList, 0)
			fieldtab.Member(f, "TableStatus", &t.TableStatus, &fieldtab.String, 0)
			fieldtab.Member(f, "CreationDateTime", &t.CreationDateTime, &CodecEpoch, 0)
			fieldtab.Member(f, "ProvisionedThroughput", &t.ProvisionedThroughput, &CodecProvisionedThroughputDescriptionPtr, 0)
			fieldtab.Member(f, "TableSizeBytes", &t.TableSizeBytes, &fieldtab.Int64, 0)
			fieldtab.Member(f, "ItemCount", &t.ItemCount, &fieldtab.Int64, 0)
			fieldtab.Member(f, "TableArn", &t.TableArn, &fieldtab.String, 0)
			fieldtab.Member(f, "TableId", &t.TableId, &fieldtab.String, 0)
			fieldtab.Member(f, "BillingModeSummary", &t.BillingModeSummary, &CodecBillingModeSummaryPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "LocalSecondaryIndexes", &t.LocalSecondaryIndexes, &CodecLocalSecondaryIndexDescriptionList, fieldtab.OmitEmpty)
			fieldtab.Member(f, "GlobalSecondaryIndexes", &t.GlobalSecondaryIndexes, &CodecGlobalSecondaryIndexDescriptionList, fieldtab.OmitEmpty)
			fieldtab.Member(f, "StreamSpecification", &t.StreamSpecification, &CodecStreamSpecificationPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "LatestStreamLabel", &t.LatestStreamLabel, &fieldtab.String, fieldtab.OmitEmpty)
			fieldtab.Member(f, "LatestStreamArn", &t.LatestStreamArn, &fieldtab.String, fieldtab.OmitEmpty)
			fieldtab.Member(f, "DeletionProtectionEnabled", &t.DeletionProtectionEnabled, &fieldtab.Bool, 0)
			fieldtab.Member(f, "OnDemandThroughput", &t.OnDemandThroughput, &CodecOnDemandThroughputPtr, fieldtab.OmitEmpty)
		}}}
	CodecTableDescriptionPtr = fieldtab.Codec[*TableDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecTableDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecUpdateGlobalSecondaryIndexAction = fieldtab.Codec[UpdateGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(UpdateGlobalSecondaryIndexAction{}), At: fieldtab.GrowAt[UpdateGlobalSecondaryIndexAction],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			u := (*UpdateGlobalSecondaryIndexAction)(p)
			fieldtab.Member(f, "IndexName", &u.IndexName, &fieldtab.String, 0)
			fieldtab.Member(f, "ProvisionedThroughput", &u.ProvisionedThroughput, &CodecProvisionedThroughputPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "OnDemandThroughput", &u.OnDemandThroughput, &CodecOnDemandThroughputPtr, fieldtab.OmitEmpty)
		}}}
	CodecUpdateGlobalSecondaryIndexActionPtr = fieldtab.Codec[*UpdateGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecUpdateGlobalSecondaryIndexAction.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecDeleteGlobalSecondaryIndexAction = fieldtab.Codec[DeleteGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(DeleteGlobalSecondaryIndexAction{}), At: fieldtab.GrowAt[DeleteGlobalSecondaryIndexAction],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			d := (*DeleteGlobalSecondaryIndexAction)(p)
			fieldtab.Member(f, "IndexName", &d.IndexName, &fieldtab.String, 0)
		}}}
	CodecDeleteGlobalSecondaryIndexActionPtr = fieldtab.Codec[*DeleteGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecDeleteGlobalSecondaryIndexAction.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecGlobalSecondaryIndexUpdate = fieldtab.Codec[GlobalSecondaryIndexUpdate]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(GlobalSecondaryIndexUpdate{}), At: fieldtab.GrowAt[GlobalSecondaryIndexUpdate],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			g := (*GlobalSecondaryIndexUpdate)(p)
			fieldtab.Member(f, "Create", &g.Create, &CodecGlobalSecondaryIndexPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "Update", &g.Update, &CodecUpdateGlobalSecondaryIndexActionPtr, fieldtab.OmitEmpty)
			fieldtab.Member(f, "Delete", &g.Delete, &CodecDeleteGlobalSecondaryIndexActionPtr, fieldtab.OmitEmpty)
		}}}
	CodecGlobalSecondaryIndexUpdateList = fieldtab.Codec[[]GlobalSecondaryIndexUpdate]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecGlobalSecondaryIndexUpdate.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecStreamSpecification = fieldtab.Codec[StreamSpecification]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(StreamSpecification{}), At: fieldtab.GrowAt[StreamSpecification],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			s := (*StreamSpecification)(p)
			fieldtab.Member(f, "StreamEnabled", &s.StreamEnabled, &fieldtab.BoolPtr, 0)
			fieldtab.Member(f, "StreamViewType", &s.StreamViewType, &fieldtab.String, fieldtab.OmitEmpty)
		}}}
	CodecStreamSpecificationPtr = fieldtab.Codec[*StreamSpecification]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecStreamSpecification.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	// CodecEpoch writes plain decimal seconds, as EpochSeconds.MarshalJSON.
	CodecEpoch = fieldtab.Codec[EpochSeconds]{X: fieldtab.Erased{
		Write: func(dst []byte, p unsafe.Pointer) []byte {
			return strconv.AppendFloat(dst, float64(*(*EpochSeconds)(p)), 'f', -1, 64)
		},
		Empty: func(p unsafe.Pointer) bool { return *(*EpochSeconds)(p) == 0 },
		Size:  8,
	}}
	CodecEpochPtr = fieldtab.Codec[*EpochSeconds]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecEpoch.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecDeletedTableDescription = fieldtab.Codec[DeletedTableDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(DeletedTableDescription{}), At: fieldtab.GrowAt[DeletedTableDescription],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*DeletedTableDescription)(p)
			fieldtab.Member(f, "TableName", &t.TableName, &fieldtab.String, 0)
			fieldtab.Member(f, "TableStatus", &t.TableStatus, &fieldtab.String, 0)
			fieldtab.Member(f, "ProvisionedThroughput", &t.ProvisionedThroughput, &CodecProvisionedThroughputDescriptionPtr, 0)
			fieldtab.Member(f, "TableSizeBytes", &t.TableSizeBytes, &fieldtab.Int64, 0)
			fieldtab.Member(f, "ItemCount", &t.ItemCount, &fieldtab.Int64, 0)
			fieldtab.Member(f, "TableArn", &t.TableArn, &fieldtab.String, 0)
			fieldtab.Member(f, "TableId", &t.TableId, &fieldtab.String, 0)
			fieldtab.Member(f, "BillingModeSummary", &t.BillingModeSummary, &CodecBillingModeSummaryPtr, fieldtab.OmitEmpty)
		}}}
	CodecDeletedTableDescriptionPtr = fieldtab.Codec[*DeletedTableDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecDeletedTableDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

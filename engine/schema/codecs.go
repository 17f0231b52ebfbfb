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
			fieldtab.Field(f, "AttributeName", unsafe.Pointer(&k.AttributeName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeyType", unsafe.Pointer(&k.KeyType), &fieldtab.String.X, 0)
		}}}
	CodecKeySchemaElementList = fieldtab.Codec[[]KeySchemaElement]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecKeySchemaElement.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecAttributeDefinition = fieldtab.Codec[AttributeDefinition]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(AttributeDefinition{}), At: fieldtab.GrowAt[AttributeDefinition],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			a := (*AttributeDefinition)(p)
			fieldtab.Field(f, "AttributeName", unsafe.Pointer(&a.AttributeName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "AttributeType", unsafe.Pointer(&a.AttributeType), &fieldtab.String.X, 0)
		}}}
	CodecAttributeDefinitionList = fieldtab.Codec[[]AttributeDefinition]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecAttributeDefinition.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecProjection = fieldtab.Codec[Projection]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Projection{}), At: fieldtab.GrowAt[Projection],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*Projection)(ptr)
			fieldtab.Field(f, "ProjectionType", unsafe.Pointer(&p.ProjectionType), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "NonKeyAttributes", unsafe.Pointer(&p.NonKeyAttributes), &fieldtab.Strings.X, fieldtab.OmitEmpty)
		}}}
	CodecProjectionPtr = fieldtab.Codec[*Projection]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecProjection.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecProvisionedThroughput = fieldtab.Codec[ProvisionedThroughput]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ProvisionedThroughput{}), At: fieldtab.GrowAt[ProvisionedThroughput],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*ProvisionedThroughput)(ptr)
			fieldtab.Field(f, "ReadCapacityUnits", unsafe.Pointer(&p.ReadCapacityUnits), &fieldtab.Int64Ptr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "WriteCapacityUnits", unsafe.Pointer(&p.WriteCapacityUnits), &fieldtab.Int64Ptr.X, fieldtab.OmitEmpty)
		}}}
	CodecProvisionedThroughputPtr = fieldtab.Codec[*ProvisionedThroughput]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecProvisionedThroughput.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecOnDemandThroughput = fieldtab.Codec[OnDemandThroughput]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(OnDemandThroughput{}), At: fieldtab.GrowAt[OnDemandThroughput],
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			o := (*OnDemandThroughput)(ptr)
			fieldtab.Field(f, "MaxReadRequestUnits", unsafe.Pointer(&o.MaxReadRequestUnits), &fieldtab.Int64Ptr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "MaxWriteRequestUnits", unsafe.Pointer(&o.MaxWriteRequestUnits), &fieldtab.Int64Ptr.X, fieldtab.OmitEmpty)
		}}}
	CodecOnDemandThroughputPtr = fieldtab.Codec[*OnDemandThroughput]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecOnDemandThroughput.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecGlobalSecondaryIndex = fieldtab.Codec[GlobalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(GlobalSecondaryIndex{}), At: fieldtab.GrowAt[GlobalSecondaryIndex],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			g := (*GlobalSecondaryIndex)(p)
			fieldtab.Field(f, "IndexName", unsafe.Pointer(&g.IndexName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeySchema", unsafe.Pointer(&g.KeySchema), &CodecKeySchemaElementList.X, 0)
			fieldtab.Field(f, "Projection", unsafe.Pointer(&g.Projection), &CodecProjectionPtr.X, 0)
			fieldtab.Field(f, "ProvisionedThroughput", unsafe.Pointer(&g.ProvisionedThroughput), &CodecProvisionedThroughputPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "OnDemandThroughput", unsafe.Pointer(&g.OnDemandThroughput), &CodecOnDemandThroughputPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecGlobalSecondaryIndexPtr  = fieldtab.Codec[*GlobalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecGlobalSecondaryIndex.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	CodecGlobalSecondaryIndexList = fieldtab.Codec[[]GlobalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecGlobalSecondaryIndex.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecLocalSecondaryIndex = fieldtab.Codec[LocalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(LocalSecondaryIndex{}), At: fieldtab.GrowAt[LocalSecondaryIndex],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			l := (*LocalSecondaryIndex)(p)
			fieldtab.Field(f, "IndexName", unsafe.Pointer(&l.IndexName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeySchema", unsafe.Pointer(&l.KeySchema), &CodecKeySchemaElementList.X, 0)
			fieldtab.Field(f, "Projection", unsafe.Pointer(&l.Projection), &CodecProjectionPtr.X, 0)
		}}}
	CodecLocalSecondaryIndexList = fieldtab.Codec[[]LocalSecondaryIndex]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecLocalSecondaryIndex.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecProvisionedThroughputDescription = fieldtab.Codec[ProvisionedThroughputDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ProvisionedThroughputDescription{}),
		Members: func(ptr unsafe.Pointer, f *fieldtab.Fields) {
			p := (*ProvisionedThroughputDescription)(ptr)
			fieldtab.Field(f, "LastIncreaseDateTime", unsafe.Pointer(&p.LastIncreaseDateTime), &CodecEpochPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "LastDecreaseDateTime", unsafe.Pointer(&p.LastDecreaseDateTime), &CodecEpochPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "NumberOfDecreasesToday", unsafe.Pointer(&p.NumberOfDecreasesToday), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "ReadCapacityUnits", unsafe.Pointer(&p.ReadCapacityUnits), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "WriteCapacityUnits", unsafe.Pointer(&p.WriteCapacityUnits), &fieldtab.Int64.X, 0)
		}}}
	CodecProvisionedThroughputDescriptionPtr = fieldtab.Codec[*ProvisionedThroughputDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecProvisionedThroughputDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecBillingModeSummary = fieldtab.Codec[BillingModeSummary]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(BillingModeSummary{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			b := (*BillingModeSummary)(p)
			fieldtab.Field(f, "BillingMode", unsafe.Pointer(&b.BillingMode), &fieldtab.String.X, 0)
			fieldtab.Field(f, "LastUpdateToPayPerRequestDateTime", unsafe.Pointer(&b.LastUpdateToPayPerRequestDateTime), &CodecEpochPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecBillingModeSummaryPtr = fieldtab.Codec[*BillingModeSummary]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecBillingModeSummary.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecGlobalSecondaryIndexDescription = fieldtab.Codec[GlobalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(GlobalSecondaryIndexDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			g := (*GlobalSecondaryIndexDescription)(p)
			fieldtab.Field(f, "IndexName", unsafe.Pointer(&g.IndexName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeySchema", unsafe.Pointer(&g.KeySchema), &CodecKeySchemaElementList.X, 0)
			fieldtab.Field(f, "Projection", unsafe.Pointer(&g.Projection), &CodecProjection.X, 0)
			fieldtab.Field(f, "IndexStatus", unsafe.Pointer(&g.IndexStatus), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Backfilling", unsafe.Pointer(&g.Backfilling), &fieldtab.BoolPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "ProvisionedThroughput", unsafe.Pointer(&g.ProvisionedThroughput), &CodecProvisionedThroughputDescriptionPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "IndexSizeBytes", unsafe.Pointer(&g.IndexSizeBytes), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "ItemCount", unsafe.Pointer(&g.ItemCount), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "IndexArn", unsafe.Pointer(&g.IndexArn), &fieldtab.String.X, 0)
			fieldtab.Field(f, "OnDemandThroughput", unsafe.Pointer(&g.OnDemandThroughput), &CodecOnDemandThroughputPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecGlobalSecondaryIndexDescriptionList = fieldtab.Codec[[]GlobalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecGlobalSecondaryIndexDescription.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecLocalSecondaryIndexDescription = fieldtab.Codec[LocalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(LocalSecondaryIndexDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			l := (*LocalSecondaryIndexDescription)(p)
			fieldtab.Field(f, "IndexName", unsafe.Pointer(&l.IndexName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeySchema", unsafe.Pointer(&l.KeySchema), &CodecKeySchemaElementList.X, 0)
			fieldtab.Field(f, "Projection", unsafe.Pointer(&l.Projection), &CodecProjection.X, 0)
			fieldtab.Field(f, "IndexSizeBytes", unsafe.Pointer(&l.IndexSizeBytes), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "ItemCount", unsafe.Pointer(&l.ItemCount), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "IndexArn", unsafe.Pointer(&l.IndexArn), &fieldtab.String.X, 0)
		}}}
	CodecLocalSecondaryIndexDescriptionList = fieldtab.Codec[[]LocalSecondaryIndexDescription]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecLocalSecondaryIndexDescription.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecTableDescription = fieldtab.Codec[TableDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TableDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TableDescription)(p)
			fieldtab.Field(f, "AttributeDefinitions", unsafe.Pointer(&t.AttributeDefinitions), &CodecAttributeDefinitionList.X, 0)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&t.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeySchema", unsafe.Pointer(&t.KeySchema), &CodecKeySchemaElementList.X, 0)
			fieldtab.Field(f, "TableStatus", unsafe.Pointer(&t.TableStatus), &fieldtab.String.X, 0)
			fieldtab.Field(f, "CreationDateTime", unsafe.Pointer(&t.CreationDateTime), &CodecEpoch.X, 0)
			fieldtab.Field(f, "ProvisionedThroughput", unsafe.Pointer(&t.ProvisionedThroughput), &CodecProvisionedThroughputDescriptionPtr.X, 0)
			fieldtab.Field(f, "TableSizeBytes", unsafe.Pointer(&t.TableSizeBytes), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "ItemCount", unsafe.Pointer(&t.ItemCount), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "TableArn", unsafe.Pointer(&t.TableArn), &fieldtab.String.X, 0)
			fieldtab.Field(f, "TableId", unsafe.Pointer(&t.TableId), &fieldtab.String.X, 0)
			fieldtab.Field(f, "BillingModeSummary", unsafe.Pointer(&t.BillingModeSummary), &CodecBillingModeSummaryPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "LocalSecondaryIndexes", unsafe.Pointer(&t.LocalSecondaryIndexes), &CodecLocalSecondaryIndexDescriptionList.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "GlobalSecondaryIndexes", unsafe.Pointer(&t.GlobalSecondaryIndexes), &CodecGlobalSecondaryIndexDescriptionList.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "StreamSpecification", unsafe.Pointer(&t.StreamSpecification), &CodecStreamSpecificationPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "LatestStreamLabel", unsafe.Pointer(&t.LatestStreamLabel), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "LatestStreamArn", unsafe.Pointer(&t.LatestStreamArn), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "DeletionProtectionEnabled", unsafe.Pointer(&t.DeletionProtectionEnabled), &fieldtab.Bool.X, 0)
			fieldtab.Field(f, "OnDemandThroughput", unsafe.Pointer(&t.OnDemandThroughput), &CodecOnDemandThroughputPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecTableDescriptionPtr = fieldtab.Codec[*TableDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecTableDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecUpdateGlobalSecondaryIndexAction = fieldtab.Codec[UpdateGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(UpdateGlobalSecondaryIndexAction{}), At: fieldtab.GrowAt[UpdateGlobalSecondaryIndexAction],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			u := (*UpdateGlobalSecondaryIndexAction)(p)
			fieldtab.Field(f, "IndexName", unsafe.Pointer(&u.IndexName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "ProvisionedThroughput", unsafe.Pointer(&u.ProvisionedThroughput), &CodecProvisionedThroughputPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "OnDemandThroughput", unsafe.Pointer(&u.OnDemandThroughput), &CodecOnDemandThroughputPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecUpdateGlobalSecondaryIndexActionPtr = fieldtab.Codec[*UpdateGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecUpdateGlobalSecondaryIndexAction.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecDeleteGlobalSecondaryIndexAction = fieldtab.Codec[DeleteGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(DeleteGlobalSecondaryIndexAction{}), At: fieldtab.GrowAt[DeleteGlobalSecondaryIndexAction],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			d := (*DeleteGlobalSecondaryIndexAction)(p)
			fieldtab.Field(f, "IndexName", unsafe.Pointer(&d.IndexName), &fieldtab.String.X, 0)
		}}}
	CodecDeleteGlobalSecondaryIndexActionPtr = fieldtab.Codec[*DeleteGlobalSecondaryIndexAction]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecDeleteGlobalSecondaryIndexAction.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

var (
	CodecGlobalSecondaryIndexUpdate = fieldtab.Codec[GlobalSecondaryIndexUpdate]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(GlobalSecondaryIndexUpdate{}), At: fieldtab.GrowAt[GlobalSecondaryIndexUpdate],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			g := (*GlobalSecondaryIndexUpdate)(p)
			fieldtab.Field(f, "Create", unsafe.Pointer(&g.Create), &CodecGlobalSecondaryIndexPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Update", unsafe.Pointer(&g.Update), &CodecUpdateGlobalSecondaryIndexActionPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Delete", unsafe.Pointer(&g.Delete), &CodecDeleteGlobalSecondaryIndexActionPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecGlobalSecondaryIndexUpdateList = fieldtab.Codec[[]GlobalSecondaryIndexUpdate]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecGlobalSecondaryIndexUpdate.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

var (
	CodecStreamSpecification = fieldtab.Codec[StreamSpecification]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(StreamSpecification{}), At: fieldtab.GrowAt[StreamSpecification],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			s := (*StreamSpecification)(p)
			fieldtab.Field(f, "StreamEnabled", unsafe.Pointer(&s.StreamEnabled), &fieldtab.BoolPtr.X, 0)
			fieldtab.Field(f, "StreamViewType", unsafe.Pointer(&s.StreamViewType), &fieldtab.String.X, fieldtab.OmitEmpty)
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
			fieldtab.Field(f, "TableName", unsafe.Pointer(&t.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "TableStatus", unsafe.Pointer(&t.TableStatus), &fieldtab.String.X, 0)
			fieldtab.Field(f, "ProvisionedThroughput", unsafe.Pointer(&t.ProvisionedThroughput), &CodecProvisionedThroughputDescriptionPtr.X, 0)
			fieldtab.Field(f, "TableSizeBytes", unsafe.Pointer(&t.TableSizeBytes), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "ItemCount", unsafe.Pointer(&t.ItemCount), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "TableArn", unsafe.Pointer(&t.TableArn), &fieldtab.String.X, 0)
			fieldtab.Field(f, "TableId", unsafe.Pointer(&t.TableId), &fieldtab.String.X, 0)
			fieldtab.Field(f, "BillingModeSummary", unsafe.Pointer(&t.BillingModeSummary), &CodecBillingModeSummaryPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecDeletedTableDescriptionPtr = fieldtab.Codec[*DeletedTableDescription]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecDeletedTableDescription.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

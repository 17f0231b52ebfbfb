package consumed

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// ItemCollectionMetrics reports the size of an item collection of a table
// with local secondary indexes.
type ItemCollectionMetrics struct {
	ItemCollectionKey   attr.Item `json:"ItemCollectionKey"`
	SizeEstimateRangeGB []float64 `json:"SizeEstimateRangeGB"`
}

var (
	codecItemCollectionMetrics = fieldtab.Codec[ItemCollectionMetrics]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ItemCollectionMetrics{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			i := (*ItemCollectionMetrics)(p)
			fieldtab.Field(f, "ItemCollectionKey", unsafe.Pointer(&i.ItemCollectionKey), &fieldtab.Item.X, 0)
			fieldtab.Field(f, "SizeEstimateRangeGB", unsafe.Pointer(&i.SizeEstimateRangeGB), &fieldtab.Floats.X, 0)
		}}}
	CodecItemCollectionMetricsPtr        = fieldtab.Codec[*ItemCollectionMetrics]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &codecItemCollectionMetrics.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	codecItemCollectionMetricsPtrList    = fieldtab.Codec[[]*ItemCollectionMetrics]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecItemCollectionMetricsPtr.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
	CodecItemCollectionMetricsPtrListMap = fieldtab.Codec[map[string][]*ItemCollectionMetrics]{X: fieldtab.Erased{Kind: fieldtab.KMap, Elem: &codecItemCollectionMetricsPtrList.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &fieldtab.MapOps{Keys: fieldtab.KeysOf[[]*ItemCollectionMetrics], Get: fieldtab.MapGet[[]*ItemCollectionMetrics], Make: fieldtab.MapMake[[]*ItemCollectionMetrics], Set: fieldtab.MapSet[[]*ItemCollectionMetrics], Len: fieldtab.MapLen[[]*ItemCollectionMetrics]}}}
)

// AppendMetrics appends m to list unless list already holds its item
// collection.
func AppendMetrics(list []*ItemCollectionMetrics, m *ItemCollectionMetrics) []*ItemCollectionMetrics {
	for _, x := range list {
		if attr.Equal(attr.M(x.ItemCollectionKey), attr.M(m.ItemCollectionKey)) {
			return list
		}
	}
	return append(list, m)
}

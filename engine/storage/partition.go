package storage

import "github.com/ddbplay/ddbplay/engine/attr"

// PartitionHash returns the stable 64-bit hash of partition-key value v
// (S, N or B) that starts the composite key of every table and index
// entry with that partition key: the hash that decides which partition of
// the capacity model holds the item, and its place in scan order.
func PartitionHash(v attr.Value) uint64 {
	var buf [64]byte
	return partitionHash(attr.AppendKey(buf[:0], v))
}

// HashStats returns, for the table (index "") or the named index, the
// number of entries and their bytes under each range of partition-key
// hashes: bounds holds the ranges' first hashes in ascending order (the
// first is 0), each range ending where the next begins. Table entries
// count their item's size, index entries their item's size too (an
// overestimate for KEYS_ONLY and INCLUDE indexes, which keep fewer
// attributes). It walks every entry without decoding it: O(entries). An
// unknown index gives zeros.
func (t *Table) HashStats(index string, bounds []uint64) (items, bytes []int64) {
	items, bytes = make([]int64, len(bounds)), make([]int64, len(bounds))
	tree, _, _, ok := t.treeFor(index)
	if !ok || len(bounds) == 0 {
		return items, bytes
	}
	i := 0
	tree.Ascend(func(e entry) bool {
		for i+1 < len(bounds) && e.head >= bounds[i+1] {
			i++
		}
		items[i]++
		bytes[i] += recordSize(e.rec)
		return true
	})
	return items, bytes
}

package storage

import (
	"github.com/google/btree"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// PartitionHash returns the stable 64-bit hash of partition-key value v
// (S, N or B) that starts the composite key of every table and index
// entry with that partition key: the hash that decides which partition of
// the capacity model holds the item, and its place in scan order.
func PartitionHash(v attr.Value) uint64 {
	var buf [64]byte
	return partitionHash(attr.AppendKey(buf[:0], v))
}

// RangeStats counts the entries of a table or index under one range of
// partition-key hashes: how many, their bytes, and how many item
// collections (distinct partition-key hashes: distinct partition-key
// values but for a 64-bit hash collision, which is vanishingly rare).
type RangeStats struct {
	Items, Bytes, Collections int64
}

// hashStats keeps a tree's RangeStats under ranges of partition-key
// hashes, updated by every write: bounds are the ranges' first hashes,
// ascending, the first 0 (nil: one range, the whole hash space). Table
// entries count their item's size, index entries their projected size (as
// IndexSizeBytes does). A clone shares n until either side writes.
type hashStats struct {
	bounds []uint64 // never modified in place: replaced whole
	n      []RangeStats
	shared bool
}

// clone returns a copy of s sharing its counts until either is written.
func (s *hashStats) clone() hashStats {
	s.shared = true
	return *s
}

// at returns the index of the range holding hash h.
func (s *hashStats) at(h uint64) int {
	lo, hi := 0, len(s.bounds) // the answer is in [lo, hi)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if s.bounds[m] <= h {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// add adds to the range of hash h.
func (s *hashStats) add(h uint64, items, bytes, collections int64) {
	if s.n == nil {
		s.n = make([]RangeStats, max(len(s.bounds), 1))
	} else if s.shared {
		s.n = append([]RangeStats(nil), s.n...)
		s.shared = false
	}
	r := &s.n[s.at(h)]
	r.Items += items
	r.Bytes += bytes
	r.Collections += collections
}

// boundsOf returns s's bounds, [0] when none were set.
func (s *hashStats) boundsOf() []uint64 {
	if s.bounds == nil {
		return []uint64{0}
	}
	return s.bounds
}

// lone reports whether no entry of tree but the one with key k has k's
// partition-key hash h: its item collection holds that entry alone. k is
// "" to ask whether the collection is empty (after a delete).
func lone(tree *btree.BTreeG[entry], h uint64, k string) bool {
	lone := true
	tree.AscendGreaterOrEqual(pivot(hashKey(h)), func(e entry) bool {
		if e.head != h {
			return false
		}
		if e.key != k {
			lone = false
			return false
		}
		return true
	})
	return lone
}

// statsFor returns the tree and statistics of the table (index "") or the
// named index, or false for an unknown index.
func (t *Table) statsFor(index string) (*btree.BTreeG[entry], *hashStats, *index, bool) {
	if index == "" {
		return t.tree, &t.stats, nil, true
	}
	if x := t.findIndex(index); x != nil {
		return x.tree, &x.stats, x, true
	}
	return nil, nil, nil, false
}

// SetHashBounds makes the table (index "") or the named index keep its
// RangeStats under the ranges of partition-key hashes starting at bounds
// (ascending, the first 0), from now on kept up to date by every write, so
// that HashStats answers for them without walking. Bounds that refine the
// current ones (each current bound among them, as partitions only split)
// cost a walk of the ranges that split; others a walk of every entry.
// An unknown index is ignored.
func (t *Table) SetHashBounds(index string, bounds []uint64) {
	_, s, _, ok := t.statsFor(index)
	if !ok {
		return
	}
	n := t.HashStats(index, bounds)
	*s = hashStats{bounds: append([]uint64(nil), bounds...), n: n}
}

// HashRanges returns how many ranges of partition-key hashes the table
// (index "") or the named index keeps its statistics under (SetHashBounds;
// 1 until it is called, 0 for an unknown index).
func (t *Table) HashRanges(index string) int {
	_, s, _, ok := t.statsFor(index)
	if !ok {
		return 0
	}
	return max(len(s.bounds), 1)
}

// HashStats returns, for the table (index "") or the named index, the
// RangeStats under each range of partition-key hashes: bounds holds the
// ranges' first hashes in ascending order (the first is 0), each range
// ending where the next begins. A range that is one of those kept
// (SetHashBounds) is read from the running counts: O(len(bounds)) when
// bounds are the kept ones. Any other range is counted by walking its
// entries (without decoding them, but for the projected size of a
// KEYS_ONLY or INCLUDE index's entries). An unknown index gives zeros.
func (t *Table) HashStats(index string, bounds []uint64) []RangeStats {
	out := make([]RangeStats, len(bounds))
	tree, s, x, ok := t.statsFor(index)
	if !ok || len(bounds) == 0 {
		return out
	}
	kept := s.boundsOf()
	for i, lo := range bounds {
		last := i+1 == len(bounds)
		var hi uint64
		if !last {
			hi = bounds[i+1]
		}
		j := s.at(lo)
		if kept[j] == lo && (j+1 == len(kept)) == last && (last || kept[j+1] == hi) {
			if s.n != nil {
				out[i] = s.n[j]
			}
			continue
		}
		out[i] = walkStats(tree, x, lo, hi, last)
	}
	return out
}

// walkStats counts the entries of tree (of index x, nil for the table)
// whose hash is in [lo, hi), or from lo on when last is set.
func walkStats(tree *btree.BTreeG[entry], x *index, lo, hi uint64, last bool) RangeStats {
	var r RangeStats
	prev, first := uint64(0), true
	tree.AscendGreaterOrEqual(pivot(hashKey(lo)), func(e entry) bool {
		if !last && e.head >= hi {
			return false
		}
		r.Items++
		if x == nil || x.def.ProjectionType == ProjectAll {
			r.Bytes += recordSize(e.rec)
		} else {
			r.Bytes += x.projectedSize(Record{e.rec}.Attrs(x.entryAttrs...))
		}
		if first || e.head != prev {
			r.Collections++
		}
		prev, first = e.head, false
		return true
	})
	return r
}

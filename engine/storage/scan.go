package storage

import "github.com/ddbplay/ddbplay/engine/attr"

// MaxSegments is the largest TotalSegments of a parallel scan.
const MaxSegments = 1000000

// Scan calls fn for each item of the table (or of index) in hash order,
// restricted to parallel-scan segment of total (total 1 for all items:
// segment i covers hashes [i·2⁶⁴/total, (i+1)·2⁶⁴/total)), starting after
// the exclusive start key start (nil for the beginning), until fn returns false.
// Index scans hand out the full table item. The segments of one total
// together hand out every item exactly once.
//
// The caller validates its input as DynamoDB does; Scan itself calls fn
// for no item if index is unknown, total is outside [1, MaxSegments],
// segment outside [0, total), or start lacks a key attribute.
func (t *Table) Scan(index string, segment, total int, start attr.Item, fn func(attr.Item) bool) {
	t.ScanRecords(index, segment, total, start, func(r Record) bool { return fn(r.Item()) })
}

// ScanRecords is Scan handing out each item still encoded, for callers
// that need only some of each item (its size, a few attributes).
func (t *Table) ScanRecords(index string, segment, total int, start attr.Item, fn func(Record) bool) {
	tree, _, x, ok := t.treeFor(index)
	if !ok || total < 1 || total > MaxSegments || segment < 0 || segment >= total {
		return
	}
	lo := hashKey(segmentStart(segment, total))
	hi := ""
	if segment+1 < total {
		hi = hashKey(segmentStart(segment+1, total))
	}
	walk(tree, lo, hi, t, x, start, true, fn)
}

// InSegment reports whether the exclusive start key start (of the table,
// or of the named index) lies in parallel-scan segment segment of total,
// as DynamoDB requires of a Scan's ExclusiveStartKey. A start key the
// tree cannot place (a missing key attribute) is reported in it: the
// caller rejects such keys on its own terms.
func (t *Table) InSegment(index string, segment, total int, start attr.Item) bool {
	_, _, x, ok := t.treeFor(index)
	if !ok || total < 1 || segment < 0 || segment >= total {
		return true
	}
	k, ok := t.startKey(x, start)
	if !ok || len(k) < hashLen {
		return true
	}
	if k < hashKey(segmentStart(segment, total)) {
		return false
	}
	return segment+1 == total || k < hashKey(segmentStart(segment+1, total))
}

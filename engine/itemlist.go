package engine

import (
	"iter"
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/storage"
)

// ItemList is the Items of a Query or Scan output. Items returned whole
// (or as an index projects them) are kept as the table's stored records
// and decoded only when asked for, so that a response is written straight
// from storage; items a projection or a fetch had to build are kept as
// they are.
//
// The zero ItemList is no list at all: it is what Select COUNT returns,
// and encoding/json leaves it out of a struct field marked omitzero (as
// DynamoDB leaves Items out). A read that returns items, even none, has a
// non-zero ItemList, written as a JSON array ([] when nothing matched).
//
// An ItemList is immutable and safe for concurrent use; it stays valid
// after later writes to the table.
type ItemList struct {
	entries []listEntry
	// names, when not nil, keeps only these top-level attributes of
	// every record (an index's KEYS_ONLY or INCLUDE projection).
	names []string
}

// listEntry is one item of an ItemList: item when not nil, else rec.
type listEntry struct {
	rec  storage.Record
	item attr.Item
}

// newItemList returns an empty, non-zero ItemList with room for n items.
func newItemList(n int) ItemList { return ItemList{entries: make([]listEntry, 0, n)} }

func (l *ItemList) addRecord(r storage.Record) { l.entries = append(l.entries, listEntry{rec: r}) }

// addItem adds it, which must not be nil.
func (l *ItemList) addItem(it attr.Item) { l.entries = append(l.entries, listEntry{item: it}) }

// IsZero reports whether l is the zero ItemList (no list, as for Select
// COUNT), as opposed to an empty list.
func (l ItemList) IsZero() bool { return l.entries == nil }

// Len returns the number of items.
func (l ItemList) Len() int { return len(l.entries) }

// At returns item i (0 ≤ i < Len()), decoded afresh from its record if it
// is held as one: the caller may modify the map, though not the values'
// contents.
func (l ItemList) At(i int) attr.Item {
	e := l.entries[i]
	if e.item != nil {
		return attr.CloneItem(e.item)
	}
	if l.names != nil {
		return e.rec.Attrs(l.names...)
	}
	return e.rec.Item()
}

// All returns an iterator over the index and the item (as At gives it)
// of each item, in order.
func (l ItemList) All() iter.Seq2[int, attr.Item] {
	return func(yield func(int, attr.Item) bool) {
		for i := range l.entries {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// Items returns every item as At gives it, or nil for the zero ItemList.
func (l ItemList) Items() []attr.Item {
	if l.entries == nil {
		return nil
	}
	items := make([]attr.Item, len(l.entries))
	for i := range l.entries {
		items[i] = l.At(i)
	}
	return items
}

// AppendItemJSON appends item i (0 ≤ i < Len()) to dst as
// attr.AppendItemJSON writes it, without decoding a stored record.
func (l ItemList) AppendItemJSON(dst []byte, i int) []byte {
	e := l.entries[i]
	if e.item != nil {
		return attr.AppendItemJSON(dst, e.item)
	}
	return e.rec.AppendJSON(dst, l.names)
}

// AppendJSON appends l as a JSON array of items (null for the zero
// ItemList): what encoding/json writes for the []attr.Item of Items().
func (l ItemList) AppendJSON(dst []byte) []byte {
	if l.entries == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range l.entries {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = l.AppendItemJSON(dst, i)
	}
	return append(dst, ']')
}

// MarshalJSON encodes l as AppendJSON does. It never fails.
func (l ItemList) MarshalJSON() ([]byte, error) {
	return l.AppendJSON(make([]byte, 0, l.sizeHint())), nil
}

// sizeHint estimates the length of l's JSON.
func (l ItemList) sizeHint() int {
	n := 2
	for _, e := range l.entries {
		if e.item != nil {
			n += 64 + attr.ItemSize(e.item)*5/4
		} else {
			n += 64 + int(e.rec.Size())*5/4
		}
	}
	return n
}

// appendReadOutput appends the JSON of a QueryOutput or ScanOutput with
// these members, exactly as marshalPlain writes the struct: members in
// declaration order, Items left out when zero, LastEvaluatedKey when empty
// and ConsumedCapacity when nil.
func appendReadOutput(dst []byte, items ItemList, count, scanned int, last attr.Item, cc *ConsumedCapacity) ([]byte, error) {
	dst = slices.Grow(dst, items.sizeHint()+64)
	dst = append(dst, '{')
	if !items.IsZero() {
		dst = append(dst, `"Items":`...)
		dst = items.AppendJSON(dst)
		dst = append(dst, ',')
	}
	dst = append(dst, `"Count":`...)
	dst = strconv.AppendInt(dst, int64(count), 10)
	dst = append(dst, `,"ScannedCount":`...)
	dst = strconv.AppendInt(dst, int64(scanned), 10)
	if len(last) > 0 {
		dst = append(dst, `,"LastEvaluatedKey":`...)
		dst = attr.AppendItemJSON(dst, last)
	}
	if cc != nil {
		b, err := marshalPlain(cc)
		if err != nil {
			return nil, err
		}
		dst = append(dst, `,"ConsumedCapacity":`...)
		dst = append(dst, b...)
	}
	return append(dst, '}'), nil
}

func (o *QueryOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendReadOutput(dst, o.Items, o.Count, o.ScannedCount, o.LastEvaluatedKey, o.ConsumedCapacity)
}

func (o *ScanOutput) appendJSON(dst []byte) ([]byte, error) {
	return appendReadOutput(dst, o.Items, o.Count, o.ScannedCount, o.LastEvaluatedKey, o.ConsumedCapacity)
}

package read

import (
	"iter"

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
	// A list holds records or built items, not both: the items of one
	// page are all returned the same way.
	recs  []storage.Record
	items []attr.Item
	// names, when not nil, keeps only these top-level attributes of
	// every record (an index's KEYS_ONLY or INCLUDE projection).
	names []string
	list  bool // false for the zero ItemList
}

// NewItemList returns an empty, non-zero ItemList.
func NewItemList() ItemList { return ItemList{list: true} }

// addRecord adds the item stored as r (filtered by l.names). l must not
// hold built items.
func (l *ItemList) addRecord(r storage.Record) {
	if l.items != nil {
		panic("read: ItemList of built items given a record")
	}
	if l.recs == nil {
		l.recs = make([]storage.Record, 0, 64)
	}
	l.recs = append(l.recs, r)
}

// addItem adds it, which must not be nil. l must not hold records.
func (l *ItemList) addItem(it attr.Item) {
	if l.recs != nil {
		panic("read: ItemList of records given a built item")
	}
	if l.items == nil {
		l.items = make([]attr.Item, 0, 16)
	}
	l.items = append(l.items, it)
}

// IsZero reports whether l is the zero ItemList (no list, as for Select
// COUNT), as opposed to an empty list.
func (l ItemList) IsZero() bool { return !l.list }

// Len returns the number of items.
func (l ItemList) Len() int { return len(l.recs) + len(l.items) }

// At returns item i (0 ≤ i < Len()), decoded afresh from its record if it
// is held as one: the caller may modify the map, though not the values'
// contents.
func (l ItemList) At(i int) attr.Item {
	if l.items != nil {
		return attr.CloneItem(l.items[i])
	}
	if l.names != nil {
		return l.recs[i].Attrs(l.names...)
	}
	return l.recs[i].Item()
}

// All returns an iterator over the index and the item (as At gives it)
// of each item, in order.
func (l ItemList) All() iter.Seq2[int, attr.Item] {
	return func(yield func(int, attr.Item) bool) {
		for i := range l.Len() {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// Items returns every item as At gives it, or nil for the zero ItemList.
func (l ItemList) Items() []attr.Item {
	if !l.list {
		return nil
	}
	items := make([]attr.Item, l.Len())
	for i := range items {
		items[i] = l.At(i)
	}
	return items
}

// AppendItemJSON appends item i (0 ≤ i < Len()) to dst as
// attr.AppendItemJSON writes it, without decoding a stored record.
func (l ItemList) AppendItemJSON(dst []byte, i int) []byte {
	if l.items != nil {
		return attr.AppendItemJSON(dst, l.items[i])
	}
	return l.recs[i].AppendJSON(dst, l.names)
}

// AppendJSON appends l as a JSON array of items (null for the zero
// ItemList): what encoding/json writes for the []attr.Item of Items().
func (l ItemList) AppendJSON(dst []byte) []byte {
	if !l.list {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range l.Len() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = l.AppendItemJSON(dst, i)
	}
	return append(dst, ']')
}

// MarshalJSON encodes l as AppendJSON does. It never fails.
func (l ItemList) MarshalJSON() ([]byte, error) {
	return l.AppendJSON(make([]byte, 0, l.SizeHint())), nil
}

// SizeHint estimates the length of l's JSON.
func (l ItemList) SizeHint() int {
	n := 2
	for _, it := range l.items {
		n += 64 + attr.ItemSize(it)*5/4
	}
	for _, r := range l.recs {
		n += 1 + r.JSONBound()
	}
	return n
}

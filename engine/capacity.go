package engine

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// Capacity is the capacity consumed on one table or index.
type Capacity struct {
	CapacityUnits      float64  `json:"CapacityUnits"`
	ReadCapacityUnits  *float64 `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits *float64 `json:"WriteCapacityUnits,omitempty"`
}

var (
	cCapacity = codec[Capacity]{X: erased{Kind: kObj, Size: unsafe.Sizeof(Capacity{}),
		Members: func(p unsafe.Pointer, f *fields) {
			c := (*Capacity)(p)
			member(f, "CapacityUnits", &c.CapacityUnits, &cFloat, 0)
			member(f, "ReadCapacityUnits", &c.ReadCapacityUnits, &cFloatPtr, omitEmpty)
			member(f, "WriteCapacityUnits", &c.WriteCapacityUnits, &cFloatPtr, omitEmpty)
		}}}
	cCapacityPtr    = codec[*Capacity]{X: erased{Kind: kPtr, Elem: &cCapacity.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	cCapacityPtrMap = codec[map[string]*Capacity]{X: erased{Kind: kMap, Elem: &cCapacityPtr.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &mapOps{Keys: fieldtab.KeysOf[*Capacity], Get: fieldtab.MapGet[*Capacity], Make: fieldtab.MapMake[*Capacity], Set: fieldtab.MapSet[*Capacity], Len: fieldtab.MapLen[*Capacity]}}}
)

// ConsumedCapacity is DynamoDB's ConsumedCapacity member: the total for a
// table and, with ReturnConsumedCapacity INDEXES, its breakdown by table and
// index.
type ConsumedCapacity struct {
	TableName              string               `json:"TableName"`
	CapacityUnits          float64              `json:"CapacityUnits"`
	ReadCapacityUnits      *float64             `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits     *float64             `json:"WriteCapacityUnits,omitempty"`
	Table                  *Capacity            `json:"Table,omitempty"`
	GlobalSecondaryIndexes map[string]*Capacity `json:"GlobalSecondaryIndexes,omitempty"`
	LocalSecondaryIndexes  map[string]*Capacity `json:"LocalSecondaryIndexes,omitempty"`
}

var (
	cConsumedCapacity = codec[ConsumedCapacity]{X: erased{Kind: kObj, Size: unsafe.Sizeof(ConsumedCapacity{}),
		Members: func(p unsafe.Pointer, f *fields) {
			c := (*ConsumedCapacity)(p)
			member(f, "TableName", &c.TableName, &cString, 0)
			member(f, "CapacityUnits", &c.CapacityUnits, &cFloat, 0)
			member(f, "ReadCapacityUnits", &c.ReadCapacityUnits, &cFloatPtr, omitEmpty)
			member(f, "WriteCapacityUnits", &c.WriteCapacityUnits, &cFloatPtr, omitEmpty)
			member(f, "Table", &c.Table, &cCapacityPtr, omitEmpty)
			member(f, "GlobalSecondaryIndexes", &c.GlobalSecondaryIndexes, &cCapacityPtrMap, omitEmpty)
			member(f, "LocalSecondaryIndexes", &c.LocalSecondaryIndexes, &cCapacityPtrMap, omitEmpty)
		}}}
	cConsumedCapacityPtr     = codec[*ConsumedCapacity]{X: erased{Kind: kPtr, Elem: &cConsumedCapacity.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	cConsumedCapacityPtrList = codec[[]*ConsumedCapacity]{X: erased{Kind: kList, Elem: &cConsumedCapacityPtr.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// ReturnConsumedCapacity values.
const (
	capNone    = "NONE"
	capTotal   = "TOTAL"
	capIndexes = "INDEXES"
)

// Capacity unit sizes.
const (
	readUnitBytes  = 4096
	writeUnitBytes = 1024
)

// checkReturnConsumedCapacity records a violation unless s is "" or one of
// INDEXES, TOTAL, NONE.
func (v *violations) returnConsumedCapacity(s string) {
	v.enum("returnConsumedCapacity", s, capIndexes, capTotal, capNone)
}

// readUnits returns the read capacity for reading size bytes: 4 KB units
// rounded up (at least one), halved for an eventually consistent read.
// Transactional reads are twice a strongly consistent read: use
// txnReadUnits.
func readUnits(size int64, consistent bool) float64 {
	u := float64(units(size, readUnitBytes))
	if !consistent {
		return u / 2
	}
	return u
}

// txnReadUnits returns the capacity of a transactional read of size bytes.
func txnReadUnits(size int64) float64 { return 2 * float64(units(size, readUnitBytes)) }

// writeUnits returns the write capacity for writing size bytes: 1 KB units
// rounded up (at least one), doubled when transactional.
func writeUnits(size int64, transactional bool) float64 {
	u := float64(units(size, writeUnitBytes))
	if transactional {
		return 2 * u
	}
	return u
}

// units is ceil(size/unit), at least 1.
func units(size, unit int64) int64 {
	if size <= 0 {
		return 1
	}
	return (size + unit - 1) / unit
}

// consumption accumulates the capacity one request consumes on one table,
// split between the table and its indexes, and renders it as DynamoDB's
// ConsumedCapacity for the requested mode. A nil *consumption (mode NONE
// or unset) ignores every call and renders nil, so callers never test
// the mode themselves.
type consumption struct {
	mode  string
	name  string
	read  bool
	table float64
	gsi   map[string]float64
	lsi   map[string]float64
}

// newConsumption returns an accumulator for the table called name, or nil
// when mode is "" or NONE. read selects ReadCapacityUnits or
// WriteCapacityUnits in the rendering.
func newConsumption(mode, name string, read bool) *consumption {
	if mode == "" || mode == capNone {
		return nil
	}
	return &consumption{mode: mode, name: name, read: read}
}

// addTable charges u units to the table itself.
func (c *consumption) addTable(u float64) {
	if c != nil {
		c.table += u
	}
}

// addIndex charges u units to the index ix.
func (c *consumption) addIndex(ix *index, u float64) {
	if c == nil {
		return
	}
	if ix.def.Local {
		if c.lsi == nil {
			c.lsi = map[string]float64{}
		}
		c.lsi[ix.def.Name] += u
		return
	}
	if c.gsi == nil {
		c.gsi = map[string]float64{}
	}
	c.gsi[ix.def.Name] += u
}

// addWrite charges a write w that turns w.old into w.new (either may be
// nil) on table t, as writeCosts counts it.
func (c *consumption) addWrite(t *table, w change, transactional bool) {
	if c == nil {
		return
	}
	writeCosts(t, w, transactional, func(ix *index, _ attr.Item, u float64) {
		if ix == nil {
			c.addTable(u)
		} else {
			c.addIndex(ix, u)
		}
	})
}

// writeCosts is the write capacity of a write w that turns w.old into
// w.new (either may be nil) on table t, the one place it is counted: it
// calls charge once for the table (ix nil), for the larger of the two
// item sizes, and once per index entry the write touches — one write for
// an entry added, removed or rewritten in place, a delete and a put when
// the entry's index key changes. entry is the item or index entry charged
// (its partition key places the charge in a partition).
func writeCosts(t *table, w change, transactional bool, charge func(ix *index, entry attr.Item, u float64)) {
	old, new := w.old, w.new
	size, item := int64(w.size), new
	if old != nil {
		size = max(size, int64(attr.ItemSize(old)))
		if new == nil {
			item = old
		}
	}
	charge(nil, item, writeUnits(size, transactional))
	for _, ix := range t.indexes {
		var oe, ne attr.Item
		if old != nil {
			oe = t.indexEntry(ix, old)
		}
		if new != nil {
			ne = t.indexEntry(ix, new)
		}
		switch {
		case oe == nil && ne == nil:
			continue
		case oe == nil:
			charge(ix, ne, writeUnits(int64(attr.ItemSize(ne)), transactional))
		case ne == nil:
			charge(ix, oe, writeUnits(int64(attr.ItemSize(oe)), transactional))
		case !sameIndexKey(ix, oe, ne):
			charge(ix, oe, writeUnits(int64(attr.ItemSize(oe)), transactional))
			charge(ix, ne, writeUnits(int64(attr.ItemSize(ne)), transactional))
		default:
			if !attr.Equal(attr.M(oe), attr.M(ne)) {
				s := max(attr.ItemSize(oe), attr.ItemSize(ne))
				charge(ix, ne, writeUnits(int64(s), transactional))
			}
		}
	}
}

// sameIndexKey reports whether two entries of ix have the same index key.
func sameIndexKey(ix *index, a, b attr.Item) bool {
	if !attr.Equal(a[ix.def.Key.Hash], b[ix.def.Key.Hash]) {
		return false
	}
	return ix.def.Key.Range == "" || attr.Equal(a[ix.def.Key.Range], b[ix.def.Key.Range])
}

// result renders the accumulated capacity, or nil for mode NONE.
func (c *consumption) result() *ConsumedCapacity {
	if c == nil {
		return nil
	}
	total := c.table
	for _, u := range c.gsi {
		total += u
	}
	for _, u := range c.lsi {
		total += u
	}
	cc := &ConsumedCapacity{TableName: c.name, CapacityUnits: total}
	c.split(&cc.ReadCapacityUnits, &cc.WriteCapacityUnits, total)
	if c.mode != capIndexes {
		return cc
	}
	cc.Table = c.capacity(c.table)
	if len(c.gsi) > 0 {
		cc.GlobalSecondaryIndexes = make(map[string]*Capacity, len(c.gsi))
		for n, u := range c.gsi {
			cc.GlobalSecondaryIndexes[n] = c.capacity(u)
		}
	}
	if len(c.lsi) > 0 {
		cc.LocalSecondaryIndexes = make(map[string]*Capacity, len(c.lsi))
		for n, u := range c.lsi {
			cc.LocalSecondaryIndexes[n] = c.capacity(u)
		}
	}
	return cc
}

func (c *consumption) capacity(u float64) *Capacity {
	cp := &Capacity{CapacityUnits: u}
	c.split(&cp.ReadCapacityUnits, &cp.WriteCapacityUnits, u)
	return cp
}

func (c *consumption) split(read, write **float64, u float64) {
	if c.read {
		*read = &u
	} else {
		*write = &u
	}
}

package consumed

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/capacity"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// Capacity is the capacity consumed on one table or index.
type Capacity struct {
	CapacityUnits      float64  `json:"CapacityUnits"`
	ReadCapacityUnits  *float64 `json:"ReadCapacityUnits,omitempty"`
	WriteCapacityUnits *float64 `json:"WriteCapacityUnits,omitempty"`
}

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

// The codecs of Capacity and ConsumedCapacity (package fieldtab).
var (
	CodecCapacity = fieldtab.Codec[Capacity]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Capacity{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			c := (*Capacity)(p)
			fieldtab.Field(f, "CapacityUnits", unsafe.Pointer(&c.CapacityUnits), &fieldtab.Float.X, 0)
			fieldtab.Field(f, "ReadCapacityUnits", unsafe.Pointer(&c.ReadCapacityUnits), &fieldtab.FloatPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "WriteCapacityUnits", unsafe.Pointer(&c.WriteCapacityUnits), &fieldtab.FloatPtr.X, fieldtab.OmitEmpty)
		}}}
	CodecCapacityPtr    = fieldtab.Codec[*Capacity]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecCapacity.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	CodecCapacityPtrMap = fieldtab.Codec[map[string]*Capacity]{X: fieldtab.Erased{Kind: fieldtab.KMap, Elem: &CodecCapacityPtr.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer],
		Maps: &fieldtab.MapOps{Keys: fieldtab.KeysOf[*Capacity], Get: fieldtab.MapGet[*Capacity], Make: fieldtab.MapMake[*Capacity], Set: fieldtab.MapSet[*Capacity], Len: fieldtab.MapLen[*Capacity]}}}

	CodecConsumedCapacity = fieldtab.Codec[ConsumedCapacity]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ConsumedCapacity{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			c := (*ConsumedCapacity)(p)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&c.TableName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "CapacityUnits", unsafe.Pointer(&c.CapacityUnits), &fieldtab.Float.X, 0)
			fieldtab.Field(f, "ReadCapacityUnits", unsafe.Pointer(&c.ReadCapacityUnits), &fieldtab.FloatPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "WriteCapacityUnits", unsafe.Pointer(&c.WriteCapacityUnits), &fieldtab.FloatPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Table", unsafe.Pointer(&c.Table), &CodecCapacityPtr.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "GlobalSecondaryIndexes", unsafe.Pointer(&c.GlobalSecondaryIndexes), &CodecCapacityPtrMap.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "LocalSecondaryIndexes", unsafe.Pointer(&c.LocalSecondaryIndexes), &CodecCapacityPtrMap.X, fieldtab.OmitEmpty)
		}}}
	CodecConsumedCapacityPtr     = fieldtab.Codec[*ConsumedCapacity]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &CodecConsumedCapacity.X, Size: fieldtab.PtrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
	CodecConsumedCapacityPtrList = fieldtab.Codec[[]*ConsumedCapacity]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecConsumedCapacityPtr.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// Of renders c, the capacity a request consumed on the table
// c.TableName, as DynamoDB's ConsumedCapacity; nil for a nil c (mode
// NONE).
func Of(c *capacity.Consumption) *ConsumedCapacity {
	if c == nil {
		return nil
	}
	cc := &ConsumedCapacity{TableName: c.TableName, CapacityUnits: c.Total()}
	split(c, &cc.ReadCapacityUnits, &cc.WriteCapacityUnits, cc.CapacityUnits)
	if !c.Indexes {
		return cc
	}
	cc.Table = capacityOf(c, c.Table)
	cc.GlobalSecondaryIndexes = capacities(c, c.GSI)
	cc.LocalSecondaryIndexes = capacities(c, c.LSI)
	return cc
}

func capacities(c *capacity.Consumption, units map[string]float64) map[string]*Capacity {
	if len(units) == 0 {
		return nil
	}
	m := make(map[string]*Capacity, len(units))
	for n, u := range units {
		m[n] = capacityOf(c, u)
	}
	return m
}

func capacityOf(c *capacity.Consumption, u float64) *Capacity {
	cp := &Capacity{CapacityUnits: u}
	split(c, &cp.ReadCapacityUnits, &cp.WriteCapacityUnits, u)
	return cp
}

// split sets *read or *write to u, as c counts reads or writes.
func split(c *capacity.Consumption, read, write **float64, u float64) {
	if c.Read {
		*read = &u
	} else {
		*write = &u
	}
}

// Add adds c to *sum (a copy of c when *sum is nil): the totals, the
// table's part and each index's.
func Add(sum **ConsumedCapacity, c *ConsumedCapacity) {
	if c == nil {
		return
	}
	if *sum == nil {
		cp := *c
		*sum = &cp
		return
	}
	s := *sum
	s.CapacityUnits += c.CapacityUnits
	addUnits(&s.ReadCapacityUnits, c.ReadCapacityUnits)
	addUnits(&s.WriteCapacityUnits, c.WriteCapacityUnits)
	if c.Table != nil {
		if s.Table == nil {
			s.Table = &Capacity{}
		}
		s.Table.CapacityUnits += c.Table.CapacityUnits
		addUnits(&s.Table.ReadCapacityUnits, c.Table.ReadCapacityUnits)
		addUnits(&s.Table.WriteCapacityUnits, c.Table.WriteCapacityUnits)
	}
	for _, m := range []struct {
		dst *map[string]*Capacity
		src map[string]*Capacity
	}{
		{&s.GlobalSecondaryIndexes, c.GlobalSecondaryIndexes}, {&s.LocalSecondaryIndexes, c.LocalSecondaryIndexes},
	} {
		for name, ic := range m.src {
			if *m.dst == nil {
				*m.dst = map[string]*Capacity{}
			}
			d := (*m.dst)[name]
			if d == nil {
				d = &Capacity{}
				(*m.dst)[name] = d
			}
			d.CapacityUnits += ic.CapacityUnits
			addUnits(&d.ReadCapacityUnits, ic.ReadCapacityUnits)
			addUnits(&d.WriteCapacityUnits, ic.WriteCapacityUnits)
		}
	}
}

func addUnits(dst **float64, u *float64) {
	if u == nil {
		return
	}
	if *dst == nil {
		v := *u
		*dst = &v
		return
	}
	**dst += *u
}

package capacity

// Capacity unit sizes: a read unit covers 4 KB, a write unit 1 KB
// (Developer Guide, "DynamoDB throughput capacity").
const (
	ReadUnitBytes  = 4096
	WriteUnitBytes = 1024
)

// ReadUnits returns the read capacity of reading size bytes: 4 KB units
// rounded up (at least one), halved for an eventually consistent read.
// A transactional read costs TxnReadUnits.
func ReadUnits(size int64, consistent bool) float64 {
	u := float64(units(size, ReadUnitBytes))
	if !consistent {
		return u / 2
	}
	return u
}

// TxnReadUnits returns the capacity of a transactional read of size
// bytes: twice a strongly consistent read.
func TxnReadUnits(size int64) float64 { return 2 * float64(units(size, ReadUnitBytes)) }

// WriteUnits returns the write capacity of writing size bytes: 1 KB units
// rounded up (at least one), doubled when transactional.
func WriteUnits(size int64, transactional bool) float64 {
	u := float64(units(size, WriteUnitBytes))
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

// Consumption accumulates the capacity one request consumes on one
// table, split between the table and its indexes: what DynamoDB reports
// as ConsumedCapacity. The engine renders it; a nil *Consumption (no
// ReturnConsumedCapacity, or NONE) ignores every call.
type Consumption struct {
	// TableName names the table, for the report.
	TableName string
	// Indexes is set for ReturnConsumedCapacity INDEXES (the breakdown by
	// table and index is reported), Read for read capacity.
	Indexes, Read bool
	Table         float64
	// GSI and LSI are the units per index name.
	GSI, LSI map[string]float64
}

// NewConsumption returns an accumulator for ReturnConsumedCapacity mode
// (INDEXES or TOTAL), or nil for "" and NONE.
func NewConsumption(mode string, read bool) *Consumption {
	if mode == "" || mode == "NONE" {
		return nil
	}
	return &Consumption{Indexes: mode == "INDEXES", Read: read}
}

// AddTable charges u units to the table itself.
func (c *Consumption) AddTable(u float64) {
	if c != nil {
		c.Table += u
	}
}

// AddIndex charges u units to the index called name, local or global.
func (c *Consumption) AddIndex(name string, local bool, u float64) {
	if c == nil {
		return
	}
	m := &c.GSI
	if local {
		m = &c.LSI
	}
	if *m == nil {
		*m = map[string]float64{}
	}
	(*m)[name] += u
}

// Total returns the units charged to the table and every index.
func (c *Consumption) Total() float64 {
	total := c.Table
	for _, u := range c.GSI {
		total += u
	}
	for _, u := range c.LSI {
		total += u
	}
	return total
}

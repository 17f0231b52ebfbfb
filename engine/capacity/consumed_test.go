package capacity

import "testing"

// Rule (Developer Guide, "DynamoDB throughput capacity"): one read unit is
// a strongly consistent read of up to 4 KB, half for an eventually
// consistent one, twice for a transactional one; one write unit is a
// write of up to 1 KB, twice when transactional; sizes round up, and a
// read or write of nothing still costs one unit.
func TestUnits(t *testing.T) {
	cases := []struct {
		got, want float64
		what      string
	}{
		{ReadUnits(0, true), 1, "strong read of nothing"},
		{ReadUnits(4096, true), 1, "strong read of 4 KB"},
		{ReadUnits(4097, true), 2, "strong read of 4 KB + 1"},
		{ReadUnits(4097, false), 1, "eventual read of 4 KB + 1"},
		{ReadUnits(100, false), 0.5, "eventual read of 100 B"},
		{TxnReadUnits(8192), 4, "transactional read of 8 KB"},
		{WriteUnits(1024, false), 1, "write of 1 KB"},
		{WriteUnits(1025, false), 2, "write of 1 KB + 1"},
		{WriteUnits(1025, true), 4, "transactional write of 1 KB + 1"},
		{WriteUnits(-1, false), 1, "write of nothing"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %v units, want %v", c.what, c.got, c.want)
		}
	}
}

// ReturnConsumedCapacity: NONE or nothing keeps no account; TOTAL and
// INDEXES add up the table and its indexes, INDEXES keeping the breakdown.
func TestConsumption(t *testing.T) {
	if NewConsumption("", true) != nil || NewConsumption("NONE", true) != nil {
		t.Fatal("an accumulator for no ReturnConsumedCapacity")
	}
	var none *Consumption
	none.AddTable(1)
	none.AddIndex("g", false, 1)
	c := NewConsumption("INDEXES", false)
	c.AddTable(2)
	c.AddIndex("g", false, 1)
	c.AddIndex("g", false, 1)
	c.AddIndex("l", true, 0.5)
	if !c.Indexes || c.Read || c.Total() != 4.5 || c.GSI["g"] != 2 || c.LSI["l"] != 0.5 || c.Table != 2 {
		t.Fatalf("accumulated %+v, total %v", c, c.Total())
	}
	if NewConsumption("TOTAL", true).Indexes {
		t.Fatal("TOTAL keeps the breakdown")
	}
}

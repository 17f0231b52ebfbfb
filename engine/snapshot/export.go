package snapshot

import (
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Export returns the whole state of db as a version 1 snapshot (see the
// package documentation): every table in name order, with its definition,
// tags, TTL specification and items. It reads through db.Handle
// (ListTables, DescribeTable, DescribeTimeToLive, ListTagsOfResource),
// copying the members it keeps from the engine's own JSON answers, and
// the table's items frozen at the start (DB.FreezeItems), writing them as
// attr.AppendItemJSON does, straight from their stored records
// (engine.ItemList.AppendItemJSON); an engine without the TTL or tagging
// operations exports none. Writes running concurrently may or may not be
// included. Errors are *ddberr.Error. It is Start, then Step until done.
func Export(db *engine.DB) ([]byte, error) {
	e, err := Start(db)
	if err != nil {
		return nil, err
	}
	e.out = slices.Grow(e.out, int(e.SizeHint()))
	for !e.Step(1 << 62) {
	}
	return e.Take(), nil
}

// An Exporter writes the snapshot of a DB's state at one instant (Start)
// in steps (Step), so that a host can serve requests in between: what
// they write is not in the snapshot. Take hands out the text written so
// far, so that it need not be held whole.
type Exporter struct {
	size  int64 // the tables' TableSizeBytes and heads (an estimate of the text)
	names []string
	heads [][]byte
	items []*engine.FrozenItems
	out   []byte
	table int  // the table whose items are being written; len(names) when done
	taken bool // out was handed out by Take: the next Step starts it afresh
}

// Start begins the export of db's state as it is now: it describes every
// table and freezes its items (DB.FreezeItems: O(tables + indexes), not
// O(items)). Errors are *ddberr.Error.
func Start(db *engine.DB) (*Exporter, error) {
	names, err := listTables(db)
	if err != nil {
		return nil, err
	}
	e := &Exporter{}
	for _, name := range names {
		head, bytes, err := exportTable(db, name)
		if err != nil {
			return nil, err
		}
		if head == nil {
			continue // DELETING: gone by the time the state is restored
		}
		items, err := db.FreezeItems(name)
		if err != nil {
			return nil, err
		}
		e.names, e.heads, e.items = append(e.names, name), append(e.heads, head), append(e.items, items)
		e.size += bytes + int64(len(head))
	}
	e.out = append(e.out, `{"format":`...)
	e.out = attr.AppendString(e.out, Format)
	e.out = append(e.out, `,"version":`...)
	e.out = strconv.AppendInt(e.out, Version, 10)
	e.out = append(e.out, `,"tables":[`...)
	e.openTable()
	return e, nil
}

// SizeHint estimates the length of the snapshot's text in bytes.
func (e *Exporter) SizeHint() int64 {
	// Item JSON is a little larger than DynamoDB's item size.
	return e.size + e.size/4 + 4096
}

// openTable writes the head of the table e.table, or the end of the
// snapshot after the last table.
func (e *Exporter) openTable() {
	if e.table == len(e.names) {
		e.out = append(e.out, "\n]}\n"...)
		return
	}
	if e.table > 0 {
		e.out = append(e.out, ',')
	}
	e.out = append(e.out, '\n')
	e.out = append(e.out, e.heads[e.table]...)
	e.out = append(e.out, `,"items":[`...)
	e.heads[e.table] = nil
}

// Step writes at least limit more bytes of text (a little more: it stops
// after the item that reaches it) or the rest of the snapshot, whichever
// is less, and reports whether the snapshot is complete. It reads only
// what Start froze, so the DB may change in between. Steps of a bounded
// size bound the time each takes; between Takes the text is written into
// the same memory, so a run of Steps allocates next to nothing.
func (e *Exporter) Step(limit int) bool {
	if e.taken {
		e.out = e.out[:0]
		e.taken = false
	}
	start := len(e.out)
	for e.table < len(e.names) && len(e.out)-start < limit {
		items := e.items[e.table]
		if !items.Done() {
			e.out = items.AppendJSON(e.out, limit-(len(e.out)-start), "\n", ",\n")
			continue
		}
		e.out = append(e.out, "]}"...)
		e.items[e.table] = nil
		e.table++
		e.openTable()
	}
	return e.table == len(e.names)
}

// Take returns the text written since the last Take (from the start of
// the snapshot at first). It stays valid until the next Step, which
// reuses its memory. The snapshot is the concatenation of every Take, the
// last one after Step has reported it complete.
func (e *Exporter) Take() []byte {
	e.taken = true
	return e.out
}

// call runs op with the JSON request body and returns the members of its
// answer, an object, as JSON texts.
func call(db *engine.DB, op string, body []byte) (map[string][]byte, error) {
	resp, err := db.Handle(op, body)
	if err != nil {
		return nil, err
	}
	m, err := members(resp)
	if err != nil {
		return nil, ddberr.Internal(msgExportFailed, op, "response", err.Error())
	}
	return m, nil
}

// members returns the members of the JSON object raw as JSON texts (nil
// for JSON null).
func members(raw []byte) (map[string][]byte, error) {
	s := &scanner{data: raw}
	if s.peek() == 'n' {
		return nil, nil
	}
	if s.peek() != '{' {
		return nil, s.syntaxError("expected an object")
	}
	m := map[string][]byte{}
	err := s.object(1, func(key string) error {
		v, err := s.value(2)
		m[key] = v
		return err
	})
	return m, err
}

// elements returns the elements of the JSON array raw as JSON texts (nil
// for JSON null or an absent member).
func elements(raw []byte) ([][]byte, error) {
	if raw == nil {
		return nil, nil
	}
	s := &scanner{data: raw}
	if s.peek() == 'n' {
		return nil, nil
	}
	if s.peek() != '[' {
		return nil, s.syntaxError("expected an array")
	}
	var out [][]byte
	err := s.array(1, func(int) error {
		v, err := s.value(2)
		out = append(out, v)
		return err
	})
	return out, err
}

// stringMember returns the string member key of m, or "" if it is absent
// or not a string.
func stringMember(m map[string][]byte, key string) string {
	v, err := stringOf(m[key])
	if err != nil {
		return ""
	}
	return v
}

// request returns a JSON request body of string members, in order.
func request(kv ...string) []byte {
	b := []byte{'{'}
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b = append(b, ',')
		}
		b = attr.AppendString(b, kv[i])
		b = append(b, ':')
		b = attr.AppendString(b, kv[i+1])
	}
	return append(b, '}')
}

func listTables(db *engine.DB) ([]string, error) {
	var names []string
	var start string
	for {
		body := []byte(`{"Limit":100}`)
		if start != "" {
			body = request("ExclusiveStartTableName", start)
			body = append(body[:len(body)-1], `,"Limit":100}`...)
		}
		out, err := call(db, "ListTables", body)
		if err != nil {
			return nil, err
		}
		list, err := elements(out["TableNames"])
		if err != nil {
			return nil, ddberr.Internal(msgExportFailed, "ListTables", "response", err.Error())
		}
		for _, raw := range list {
			name, err := stringOf(raw)
			if err != nil {
				return nil, ddberr.Internal(msgExportFailed, "ListTables", "response", err.Error())
			}
			names = append(names, name)
		}
		if start = stringMember(out, "LastEvaluatedTableName"); start == "" {
			return names, nil
		}
	}
}

// head writes one table entry of a snapshot, without its closing brace:
// members in a fixed order, each value copied from the engine's JSON.
type head struct{ b []byte }

func (h *head) member(name string, raw []byte) {
	if len(h.b) > 1 {
		h.b = append(h.b, ',')
	}
	h.b = attr.AppendString(h.b, name)
	h.b = append(h.b, ':')
	if raw == nil {
		raw = []byte("null")
	}
	h.b = append(h.b, raw...)
}

func (h *head) str(name, value string) { h.member(name, attr.AppendString(nil, value)) }

// pick returns the object raw holding only the members named, in that
// order (those it has), as JSON; nil when raw is not an object.
func pick(raw []byte, names ...string) []byte {
	m, err := members(raw)
	if err != nil || m == nil {
		return nil
	}
	h := head{b: []byte{'{'}}
	for _, n := range names {
		if v, ok := m[n]; ok {
			h.member(n, v)
		}
	}
	return append(h.b, '}')
}

// exportTable returns the entry of the table (without its closing brace,
// as the items follow) and its TableSizeBytes; no entry for a table
// being deleted.
func exportTable(db *engine.DB, name string) ([]byte, int64, error) {
	desc, err := call(db, "DescribeTable", request("TableName", name))
	if err != nil {
		return nil, 0, err
	}
	d, err := members(desc["Table"])
	if err != nil || d == nil {
		return nil, 0, ddberr.Internal(msgExportFailed, "DescribeTable", "response", msgNoTableDescription)
	}
	if stringMember(d, "TableStatus") == "DELETING" {
		return nil, 0, nil
	}
	bad := func(err error) ([]byte, int64, error) {
		return nil, 0, ddberr.Internal(msgExportFailed, "DescribeTable", "response", err.Error())
	}
	h := head{b: []byte{'{'}}
	h.str("TableName", name)
	h.member("AttributeDefinitions", d["AttributeDefinitions"])
	h.member("KeySchema", d["KeySchema"])
	billing := "PROVISIONED"
	if summary, err := members(d["BillingModeSummary"]); err == nil {
		if m := stringMember(summary, "BillingMode"); m != "" {
			billing = m
		}
	}
	h.str("BillingMode", billing)
	provisioned := billing == "PROVISIONED"
	throughput := func(raw []byte) []byte { return pick(raw, "ReadCapacityUnits", "WriteCapacityUnits") }
	if provisioned && d["ProvisionedThroughput"] != nil {
		h.member("ProvisionedThroughput", throughput(d["ProvisionedThroughput"]))
	}
	for _, kind := range [2]string{"GlobalSecondaryIndexes", "LocalSecondaryIndexes"} {
		list, err := elements(d[kind])
		if err != nil {
			return bad(err)
		}
		if len(list) == 0 {
			continue
		}
		b := []byte{'['}
		for _, raw := range list {
			ix, err := members(raw)
			if err != nil {
				return bad(err)
			}
			// A GSI being deleted by UpdateTable is left out (its key
			// attributes are out of AttributeDefinitions already).
			if stringMember(ix, "IndexStatus") == "DELETING" {
				continue
			}
			if len(b) > 1 {
				b = append(b, ',')
			}
			e := head{b: []byte{'{'}}
			e.str("IndexName", stringMember(ix, "IndexName"))
			e.member("KeySchema", ix["KeySchema"])
			e.member("Projection", ix["Projection"])
			if kind == "GlobalSecondaryIndexes" && provisioned && ix["ProvisionedThroughput"] != nil {
				e.member("ProvisionedThroughput", throughput(ix["ProvisionedThroughput"]))
			}
			b = append(append(b, e.b...), '}')
		}
		if len(b) > 1 {
			h.member(kind, append(b, ']'))
		}
	}
	if stream, err := members(d["StreamSpecification"]); err == nil && string(stream["StreamEnabled"]) == "true" {
		spec := []byte(`{"StreamEnabled":true`)
		if v := stringMember(stream, "StreamViewType"); v != "" {
			spec = attr.AppendString(append(spec, `,"StreamViewType":`...), v)
		}
		h.member("StreamSpecification", append(spec, '}'))
	}
	if class, err := members(d["TableClassSummary"]); err == nil {
		if c := stringMember(class, "TableClass"); c != "" {
			h.str("TableClass", c)
		}
	}
	if string(d["DeletionProtectionEnabled"]) == "true" {
		h.member("DeletionProtectionEnabled", []byte("true"))
	}
	tags, err := exportTags(db, stringMember(d, "TableArn"))
	if err != nil {
		return nil, 0, err
	}
	if len(tags) > 0 {
		b := []byte{'['}
		for i, t := range tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, t...)
		}
		h.member("Tags", append(b, ']'))
	}
	ttl, err := exportTTL(db, name)
	if err != nil {
		return nil, 0, err
	}
	if ttl != nil {
		h.member("TimeToLiveSpecification", ttl)
	}
	if c := d["CreationDateTime"]; c != nil {
		h.member(memberCreated, c)
	}
	size, _ := strconv.ParseInt(string(d["TableSizeBytes"]), 10, 64)
	return h.b, size, nil
}

// exportTTL returns the table's TimeToLiveSpecification as JSON, or nil
// when TTL is off.
func exportTTL(db *engine.DB, name string) ([]byte, error) {
	out, err := call(db, "DescribeTimeToLive", request("TableName", name))
	if isUnknownOperation(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d, err := members(out["TimeToLiveDescription"])
	if err != nil {
		return nil, ddberr.Internal(msgExportFailed, "DescribeTimeToLive", "response", err.Error())
	}
	switch stringMember(d, "TimeToLiveStatus") {
	case "ENABLED", "ENABLING":
		b := attr.AppendString([]byte(`{"AttributeName":`), stringMember(d, "AttributeName"))
		return append(b, `,"Enabled":true}`...), nil
	}
	return nil, nil
}

// exportTags returns the table's tags as JSON objects.
func exportTags(db *engine.DB, arn string) ([][]byte, error) {
	var tags [][]byte
	var next string
	for {
		body := request("ResourceArn", arn)
		if next != "" {
			body = request("ResourceArn", arn, "NextToken", next)
		}
		out, err := call(db, "ListTagsOfResource", body)
		if isUnknownOperation(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		list, err := elements(out["Tags"])
		if err != nil {
			return nil, ddberr.Internal(msgExportFailed, "ListTagsOfResource", "response", err.Error())
		}
		tags = append(tags, list...)
		if next = stringMember(out, "NextToken"); next == "" {
			return tags, nil
		}
	}
}

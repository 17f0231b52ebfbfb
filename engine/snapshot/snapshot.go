package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

const (
	// Format is the value of a snapshot's "format" member.
	Format = "ddbplay-snapshot"
	// Version is the snapshot format version this package writes and reads.
	Version = 1
	// DefaultMaxBytes is Import's size limit when Options.MaxBytes is 0.
	DefaultMaxBytes = 256 << 20
	// MaxTables is the most tables a snapshot may hold (DynamoDB's default
	// quota of tables per account and region).
	MaxTables = 2500
	// batchSize is the number of items per BatchWriteItem (DynamoDB's limit).
	batchSize = 25
)

// Options configure Import.
type Options struct {
	// Engine configures the new DB (its clock, region and account).
	Engine engine.Options
	// MaxBytes bounds the size of the snapshot text; 0 means
	// DefaultMaxBytes.
	MaxBytes int
	// Progress, if not nil, is called with the number of items written so
	// far and the snapshot's total item count: once with done = 0 before
	// the first item and after every batch of at most 25 items.
	Progress func(done, total int)
}

// createTableMembers are the CreateTable request members a table entry may
// hold, besides "items" and "TimeToLiveSpecification".
var createTableMembers = []string{
	"TableName", "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput",
	"GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification", "SSESpecification",
	"TableClass", "DeletionProtectionEnabled", "Tags", "OnDemandThroughput", "WarmThroughput",
	"ResourcePolicy",
}

const (
	memberItems = "items"
	memberTTL   = "TimeToLiveSpecification"
)

// invalid returns the ValidationException of an unusable snapshot.
func invalid(format string, args ...any) *ddberr.Error {
	return ddberr.Validation("%s", msgPrefix+fmt.Sprintf(format, args...))
}

// table is one decoded, structurally checked table entry.
type table struct {
	name   string
	create map[string]json.RawMessage // the CreateTable request
	ttl    json.RawMessage            // nil when absent
	items  []json.RawMessage
}

// Import builds a new DB holding the snapshot's tables and items, see the
// package documentation. It returns the new DB only if the whole snapshot
// was accepted; on failure the error is a *ddberr.Error
// (ValidationException, "Invalid snapshot: …") and nothing outside the
// discarded new DB has changed.
func Import(data []byte, opts Options) (*engine.DB, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(data) > limit {
		return nil, invalid(msgTooLarge, len(data), limit)
	}
	tables, err := decode(data)
	if err != nil {
		return nil, err
	}
	db := engine.New(opts.Engine)
	total := 0
	for _, t := range tables {
		total += len(t.items)
	}
	done := 0
	if opts.Progress != nil {
		opts.Progress(0, total)
	}
	for _, t := range tables {
		if err := createTable(db, t); err != nil {
			return nil, err
		}
		for start := 0; start < len(t.items); start += batchSize {
			end := min(start+batchSize, len(t.items))
			if err := putItems(db, t, start, end); err != nil {
				return nil, err
			}
			done += end - start
			if opts.Progress != nil {
				opts.Progress(done, total)
			}
		}
	}
	return db, nil
}

// decode parses and structurally checks the snapshot text.
func decode(data []byte) ([]table, error) {
	var doc struct {
		Format  *string            `json:"format"`
		Version *int               `json:"version"`
		Tables  *[]json.RawMessage `json:"tables"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, invalid(msgNotJSON, err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, invalid(msgNotJSON, "data after the snapshot object")
	}
	if doc.Format == nil || *doc.Format != Format {
		return nil, invalid(msgFormat)
	}
	if doc.Version == nil || *doc.Version != Version {
		v := 0
		if doc.Version != nil {
			v = *doc.Version
		}
		return nil, invalid(msgVersion, v, Version)
	}
	if doc.Tables == nil || *doc.Tables == nil {
		return nil, invalid(msgTables)
	}
	list := *doc.Tables
	if len(list) > MaxTables {
		return nil, invalid(msgTooManyTables, len(list), MaxTables)
	}
	tables := make([]table, 0, len(list))
	seen := make(map[string]bool, len(list))
	for i, raw := range list {
		t, err := decodeTable(i, raw)
		if err != nil {
			return nil, err
		}
		if seen[t.name] {
			return nil, invalid(msgDuplicateTable, t.name)
		}
		seen[t.name] = true
		tables = append(tables, t)
	}
	return tables, nil
}

// decodeTable checks the members of the i-th table entry.
func decodeTable(i int, raw json.RawMessage) (table, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil || members == nil {
		return table{}, invalid(msgTableNotObject, i)
	}
	var t table
	if err := json.Unmarshal(members["TableName"], &t.name); err != nil || t.name == "" {
		return table{}, invalid(msgTableName, i)
	}
	if items, ok := members[memberItems]; ok {
		if err := json.Unmarshal(items, &t.items); err != nil {
			return table{}, invalid(msgItemsNotList, t.name)
		}
		delete(members, memberItems)
	}
	if ttl, ok := members[memberTTL]; ok {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(ttl, &probe); err != nil || probe == nil {
			return table{}, invalid(msgTTLNotObject, t.name)
		}
		t.ttl = ttl
		delete(members, memberTTL)
	}
	for name := range members {
		if !slices.Contains(createTableMembers, name) {
			return table{}, invalid(msgUnknownMember, t.name, name)
		}
	}
	t.create = members
	return t, nil
}

// engineFailure words an error of the engine for the snapshot's user.
func engineFailure(err error) (typ, message string) {
	e := ddberr.As(err)
	return e.Type, e.Message
}

// createTable creates t's table (and TTL) in db.
func createTable(db *engine.DB, t table) error {
	body, err := json.Marshal(t.create)
	if err != nil {
		return invalid(msgTableRejected, t.name, ddberr.TypeSerialization, err.Error())
	}
	if _, err := db.Handle("CreateTable", body); err != nil {
		typ, msg := engineFailure(err)
		return invalid(msgTableRejected, t.name, typ, msg)
	}
	if t.ttl == nil {
		return nil
	}
	var spec struct{ Enabled bool }
	_ = json.Unmarshal(t.ttl, &spec)
	if !spec.Enabled {
		return nil
	}
	name, _ := json.Marshal(t.name)
	body = fmt.Appendf(nil, `{"TableName":%s,"TimeToLiveSpecification":%s}`, name, t.ttl)
	if _, err := db.Handle("UpdateTimeToLive", body); err != nil {
		typ, msg := engineFailure(err)
		return invalid(msgTTLRejected, t.name, typ, msg)
	}
	return nil
}

// putItems writes t.items[start:end] with one BatchWriteItem. On failure it
// writes them one by one with PutItem to name the offending item.
func putItems(db *engine.DB, t table, start, end int) error {
	name, _ := json.Marshal(t.name)
	var b bytes.Buffer
	b.WriteString(`{"RequestItems":{`)
	b.Write(name)
	b.WriteString(`:[`)
	for i, item := range t.items[start:end] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"PutRequest":{"Item":`)
		b.Write(item)
		b.WriteString(`}}`)
	}
	b.WriteString(`]}}`)
	out, err := db.Handle("BatchWriteItem", b.Bytes())
	if err == nil {
		var resp struct{ UnprocessedItems map[string]json.RawMessage }
		if json.Unmarshal(out, &resp) != nil || len(resp.UnprocessedItems) > 0 {
			return invalid(msgItemUnprocessed, t.name, start, end-1)
		}
		return nil
	}
	for i := start; i < end; i++ {
		body := fmt.Appendf(nil, `{"TableName":%s,"Item":%s}`, name, t.items[i])
		if _, perr := db.Handle("PutItem", body); perr != nil {
			typ, msg := engineFailure(perr)
			return invalid(msgItemRejected, t.name, i, typ, msg)
		}
	}
	typ, msg := engineFailure(err)
	return invalid(msgItemsRejected, t.name, start, end-1, typ, msg)
}

// isUnknownOperation reports whether err says the engine lacks an operation.
func isUnknownOperation(err error) bool {
	return errors.Is(err, ddberr.ErrUnknownOperation)
}

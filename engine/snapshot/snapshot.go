package snapshot

import (
	"errors"
	"maps"
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
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
	memberItems   = "items"
	memberTTL     = "TimeToLiveSpecification"
	memberCreated = "CreationDateTime"
)

// invalid returns the ValidationException of an unusable snapshot.
func invalid(format string, args ...any) *ddberr.Error {
	return ddberr.Validation("%s", msgPrefix+ddberr.Sprintf(format, args...))
}

// table is one decoded, structurally checked table entry.
type table struct {
	name   string
	create map[string][]byte // the CreateTable request's members, as JSON
	ttl    []byte            // the timeToLive member's JSON; nil when absent
	// created is CreationDateTime in Unix milliseconds; -1 when absent.
	created int64
	items   [][]byte // each item's DynamoDB JSON, in data
}

// Import builds a new DB holding the snapshot's tables and items, see the
// package documentation. It returns the new DB only if the whole snapshot
// was accepted; on failure the error is a *ddberr.Error
// (ValidationException, "Invalid snapshot: …") and nothing outside the
// discarded new DB has changed. data is not modified or kept.
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
	// Restored tables (and their indexes) are ACTIVE at once: they were
	// when saved, or became so before the next write.
	db.SetRestoring(true)
	defer db.SetRestoring(false)
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

// decode checks the syntax and structure of the snapshot text in one pass
// and splits it into tables. Items are not decoded here.
func decode(data []byte) ([]table, error) {
	s := &scanner{data: data}
	if !s.more() {
		return nil, invalid(msgNotJSON, "empty input")
	}
	if s.peek() != '{' {
		if _, err := s.value(0); err != nil {
			return nil, err
		}
		return nil, invalid(msgNotObject)
	}
	var format, version []byte
	var tables []table
	sawTables := false
	err := s.object(0, func(key string) error {
		var err error
		switch key {
		case "format":
			format, err = s.value(1)
		case "version":
			version, err = s.value(1)
		case "tables":
			if s.peek() != '[' {
				if _, err := s.value(1); err != nil {
					return err
				}
				return invalid(msgTables)
			}
			sawTables = true
			tables = tables[:0]
			err = s.array(1, func(i int) error {
				if i >= MaxTables {
					return invalid(msgTooManyTables, MaxTables)
				}
				t, err := decodeTable(s, i)
				if err == nil {
					tables = append(tables, t)
				}
				return err
			})
		default:
			if _, err := s.value(1); err != nil {
				return err
			}
			return invalid(msgUnknownTopMember, key)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if s.more() {
		return nil, invalid(msgNotJSON, ddberr.Sprintf(msgTrailingDataFmt, s.pos))
	}
	if f, err := stringOf(format); err != nil || f != Format {
		return nil, invalid(msgFormat)
	}
	if v, err := strconv.Atoi(string(version)); err != nil || v != Version {
		text := msgNoVersion
		if version != nil {
			text = string(version)
		}
		return nil, invalid(msgVersion, text, Version)
	}
	if !sawTables {
		return nil, invalid(msgTables)
	}
	seen := make(map[string]bool, len(tables))
	for _, t := range tables {
		if seen[t.name] {
			return nil, invalid(msgDuplicateTable, t.name)
		}
		seen[t.name] = true
	}
	return tables, nil
}

// decodeTable walks the i-th table entry, at s.
func decodeTable(s *scanner, i int) (table, error) {
	if s.peek() != '{' {
		if _, err := s.value(2); err != nil {
			return table{}, err
		}
		return table{}, invalid(msgTableNotObject, i)
	}
	t := table{create: map[string][]byte{}, created: -1}
	var badCreated bool
	var unknown []string
	itemsNotList := false
	err := s.object(2, func(key string) error {
		switch {
		case key == memberItems:
			if s.peek() != '[' {
				itemsNotList = true
				_, err := s.value(3)
				return err
			}
			t.items = t.items[:0]
			return s.array(3, func(int) error {
				item, err := s.value(4)
				if err == nil {
					t.items = append(t.items, item)
				}
				return err
			})
		case key == memberTTL:
			raw, err := s.value(3)
			t.ttl = raw
			return err
		case key == memberCreated:
			raw, err := s.value(3)
			if err == nil {
				ms, ok := epochMillis(raw)
				badCreated = !ok
				t.created = ms
			}
			return err
		default:
			raw, err := s.value(3)
			if !slices.Contains(createTableMembers, key) {
				unknown = append(unknown, key)
			}
			t.create[key] = raw
			return err
		}
	})
	if err != nil {
		return table{}, err
	}
	name, err := stringOf(t.create["TableName"])
	if err != nil || name == "" {
		return table{}, invalid(msgTableName, i)
	}
	t.name = name
	if len(unknown) > 0 {
		return table{}, invalid(msgUnknownMember, t.name, unknown[0])
	}
	if itemsNotList {
		return table{}, invalid(msgItemsNotList, t.name)
	}
	if t.ttl != nil && t.ttl[0] != '{' {
		return table{}, invalid(msgTTLNotObject, t.name)
	}
	if badCreated {
		return table{}, invalid(msgCreatedNotTime, t.name)
	}
	return t, nil
}

// engineFailure words an error of the engine for the snapshot's user.
func engineFailure(err error) (typ, message string) {
	e := ddberr.As(err)
	return e.Type, e.Message
}

// createTable creates t's table (and TTL) in db.
func createTable(db *engine.DB, t table) error {
	body := []byte{'{'}
	for _, k := range slices.Sorted(maps.Keys(t.create)) {
		if len(body) > 1 {
			body = append(body, ',')
		}
		body = attr.AppendString(body, k)
		body = append(body, ':')
		body = append(body, t.create[k]...)
	}
	body = append(body, '}')
	if _, err := db.Handle("CreateTable", body); err != nil {
		typ, msg := engineFailure(err)
		return invalid(msgTableRejected, t.name, typ, msg)
	}
	if t.created >= 0 {
		if err := db.SetCreationDateTime(t.name, t.created); err != nil {
			typ, msg := engineFailure(err)
			return invalid(msgTableRejected, t.name, typ, msg)
		}
	}
	if t.ttl == nil {
		return nil
	}
	if !ttlEnabled(t.ttl) {
		return nil
	}
	body = append(attr.AppendString([]byte(`{"TableName":`), t.name), `,"TimeToLiveSpecification":`...)
	body = append(append(body, t.ttl...), '}')
	if _, err := db.Handle("UpdateTimeToLive", body); err != nil {
		typ, msg := engineFailure(err)
		return invalid(msgTTLRejected, t.name, typ, msg)
	}
	return nil
}

// epochMillis parses seconds since 1970 as DescribeTable writes
// CreationDateTime ("1700000000.25": digits, optional fraction, no sign or
// exponent; at most 11 integer digits) into milliseconds, rounding the
// fraction to the nearest millisecond. A hand-written parser: strconv's
// float parser would add 8 KB (gzip) to the browser's module.
func epochMillis(raw []byte) (int64, bool) {
	var secs, frac int64
	i, n := 0, len(raw)
	for ; i < n && raw[i] >= '0' && raw[i] <= '9'; i++ {
		if i >= 11 {
			return 0, false
		}
		secs = secs*10 + int64(raw[i]-'0')
	}
	if i == 0 {
		return 0, false
	}
	if i < n {
		if raw[i] != '.' || i+1 == n {
			return 0, false
		}
		digits := 0
		round := false
		for i++; i < n; i++ {
			c := raw[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			switch {
			case digits < 3:
				frac = frac*10 + int64(c-'0')
			case digits == 3:
				round = c >= '5'
			}
			digits++
		}
		for ; digits < 3; digits++ {
			frac *= 10
		}
		if round {
			frac++
		}
	}
	return secs*1000 + frac, true
}

// stringOf returns the JSON string raw holds (checked by the scanner), or
// an error if raw is absent or not a string.
func stringOf(raw []byte) (string, error) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", errNotString
	}
	return unquote(raw)
}

var errNotString = errors.New("not a string")

// ttlEnabled reports whether a table's timeToLive member (a JSON object,
// checked by the scanner) has "Enabled": true.
func ttlEnabled(raw []byte) bool {
	s := &scanner{data: raw}
	enabled := false
	_ = s.object(3, func(key string) error {
		v, err := s.value(4)
		if key == "Enabled" {
			enabled = string(v) == "true"
		}
		return err
	})
	return enabled
}

// putItems decodes t.items[start:end] with the engine's attribute-value
// decoder and writes them with one BatchWriteItem. If the batch fails it
// writes them one by one with PutItem to name the offending item.
func putItems(db *engine.DB, t table, start, end int) error {
	reqs := make([]engine.WriteRequest, 0, end-start)
	for i := start; i < end; i++ {
		var item attr.Item
		if err := item.UnmarshalJSON(t.items[i]); err != nil {
			typ, msg := engineFailure(err)
			return invalid(msgItemRejected, t.name, i, typ, msg)
		}
		reqs = append(reqs, engine.WriteRequest{PutRequest: &engine.PutRequest{Item: item}})
	}
	out, err := db.BatchWriteItem(&engine.BatchWriteItemInput{
		RequestItems: map[string][]engine.WriteRequest{t.name: reqs},
	})
	if err == nil {
		if len(out.UnprocessedItems) > 0 {
			return invalid(msgItemUnprocessed, t.name, start, end-1)
		}
		return nil
	}
	for i, r := range reqs {
		if _, perr := db.PutItem(&engine.PutItemInput{TableName: t.name, Item: r.PutRequest.Item}); perr != nil {
			typ, msg := engineFailure(perr)
			return invalid(msgItemRejected, t.name, start+i, typ, msg)
		}
	}
	typ, msg := engineFailure(err)
	return invalid(msgItemsRejected, t.name, start, end-1, typ, msg)
}

// isUnknownOperation reports whether err says the engine lacks an operation.
func isUnknownOperation(err error) bool {
	return errors.Is(err, ddberr.ErrUnknownOperation)
}

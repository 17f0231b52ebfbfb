package engine

import (
	"strconv"
	"time"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// Time to Live: UpdateTimeToLive, DescribeTimeToLive, and the expiry of
// items whose TTL attribute holds a time in the past.
//
// Expiry is not tied to reads: as in DynamoDB, an expired item stays
// visible until a sweep deletes it. A sweep (ExpireItems) runs when the
// clock is moved with Advance, and the HTTP handler runs one before a
// request when the engine clock has moved at least a second since its last
// sweep. A sweep costs nothing beyond a look at the catalog when no table
// has TTL enabled, and a scan of each TTL-enabled table otherwise.

func init() {
	register("UpdateTimeToLive", (*DB).UpdateTimeToLive)
	register("DescribeTimeToLive", (*DB).DescribeTimeToLive)
}

// TimeToLive statuses (DescribeTimeToLive). Changes take effect at once, so
// ENABLING and DISABLING are never reported.
const (
	ttlEnabled  = "ENABLED"
	ttlDisabled = "DISABLED"
)

// ttlMaxAge is how far in the past an expiry time may be and still count:
// DynamoDB does not delete items whose TTL value is more than five years
// old (it treats such values as not being expiry times).
const ttlMaxAge = 5 * 365 * 24 * time.Hour

// ttlAttrNameMax is the longest TTL attribute name.
const ttlAttrNameMax = 255

// TimeToLiveSpecification is UpdateTimeToLive's request member and answer.
// In a request both members are required.
type TimeToLiveSpecification struct {
	AttributeName *string `json:"AttributeName,omitempty"`
	Enabled       *bool   `json:"Enabled,omitempty"`
}

var (
	cTimeToLiveSpecification = codec[TimeToLiveSpecification]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TimeToLiveSpecification{}), At: fieldtab.GrowAt[TimeToLiveSpecification],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TimeToLiveSpecification)(p)
			member(f, "AttributeName", &t.AttributeName, &cStringPtr, omitEmpty)
			member(f, "Enabled", &t.Enabled, &cBoolPtr, omitEmpty)
		}}}
	cTimeToLiveSpecificationPtr = codec[*TimeToLiveSpecification]{X: erased{Kind: kPtr, Elem: &cTimeToLiveSpecification.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// UpdateTimeToLiveInput is the UpdateTimeToLive request.
type UpdateTimeToLiveInput struct {
	TableName               string                   `json:"TableName"`
	TimeToLiveSpecification *TimeToLiveSpecification `json:"TimeToLiveSpecification"`
}

func (in *UpdateTimeToLiveInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
	member(f, "TimeToLiveSpecification", &in.TimeToLiveSpecification, &cTimeToLiveSpecificationPtr, 0)
}

// UpdateTimeToLiveOutput is the UpdateTimeToLive answer: the specification
// as requested.
type UpdateTimeToLiveOutput struct {
	TimeToLiveSpecification *TimeToLiveSpecification `json:"TimeToLiveSpecification,omitempty"`
}

func (o *UpdateTimeToLiveOutput) members(f *fields) {
	member(f, "TimeToLiveSpecification", &o.TimeToLiveSpecification, &cTimeToLiveSpecificationPtr, omitEmpty)
}

func (o *UpdateTimeToLiveOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

// DescribeTimeToLiveInput is the DescribeTimeToLive request.
type DescribeTimeToLiveInput struct {
	TableName string `json:"TableName"`
}

func (in *DescribeTimeToLiveInput) members(f *fields) {
	member(f, "TableName", &in.TableName, &cString, 0)
}

// TimeToLiveDescription is a table's TTL state: TimeToLiveStatus ENABLED
// with the AttributeName, or DISABLED without one.
type TimeToLiveDescription struct {
	AttributeName    string `json:"AttributeName,omitempty"`
	TimeToLiveStatus string `json:"TimeToLiveStatus"`
}

var (
	cTimeToLiveDescription = codec[TimeToLiveDescription]{X: erased{Kind: kObj, Size: unsafe.Sizeof(TimeToLiveDescription{}),
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*TimeToLiveDescription)(p)
			member(f, "AttributeName", &t.AttributeName, &cString, omitEmpty)
			member(f, "TimeToLiveStatus", &t.TimeToLiveStatus, &cString, 0)
		}}}
	cTimeToLiveDescriptionPtr = codec[*TimeToLiveDescription]{X: erased{Kind: kPtr, Elem: &cTimeToLiveDescription.X, Size: ptrSize, At: fieldtab.GrowAt[unsafe.Pointer]}}
)

// DescribeTimeToLiveOutput is the DescribeTimeToLive answer.
type DescribeTimeToLiveOutput struct {
	TimeToLiveDescription *TimeToLiveDescription `json:"TimeToLiveDescription"`
}

func (o *DescribeTimeToLiveOutput) members(f *fields) {
	member(f, "TimeToLiveDescription", &o.TimeToLiveDescription, &cTimeToLiveDescriptionPtr, 0)
}

func (o *DescribeTimeToLiveOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

// UpdateTimeToLive enables TTL on a table with the given attribute name, or
// disables it. Enabling while enabled (on any attribute) fails with
// "TimeToLive is already enabled"; disabling while disabled with
// "TimeToLive is already disabled"; disabling with another attribute name
// than the enabled one names the current attribute. Items already expired
// when TTL is enabled go at the next sweep.
func (db *DB) UpdateTimeToLive(in *UpdateTimeToLiveInput) (*UpdateTimeToLiveOutput, error) {
	var v violations
	v.TableName("tableName", in.TableName)
	spec := in.TimeToLiveSpecification
	if spec == nil {
		v.Add("null", "timeToLiveSpecification", validate.NotNull)
	} else {
		switch {
		case spec.AttributeName == nil:
			v.Add("null", "timeToLiveSpecification.attributeName", validate.NotNull)
		case *spec.AttributeName == "":
			v.Add(validate.Quote(""), "timeToLiveSpecification.attributeName", ddberr.Sprintf(validate.MinLenFmt, 1))
		case len(*spec.AttributeName) > ttlAttrNameMax:
			v.Add(validate.Quote(*spec.AttributeName), "timeToLiveSpecification.attributeName", ddberr.Sprintf(validate.MaxLenFmt, ttlAttrNameMax))
		}
		if spec.Enabled == nil {
			v.Add("null", "timeToLiveSpecification.enabled", validate.NotNull)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}

	name := *spec.AttributeName
	err := db.update(func(*txn) error {
		t, err := db.controlTable(in.TableName)
		if err != nil {
			return err
		}
		enabled := t.ttlAttribute != ""
		switch {
		case *spec.Enabled && enabled:
			return ddberr.Validation(msgTTLAlreadyEnabled)
		case !*spec.Enabled && !enabled:
			return ddberr.Validation(msgTTLAlreadyDisabled)
		case !*spec.Enabled && name != t.ttlAttribute:
			return ddberr.Validation(msgTTLOtherAttributeFm, t.ttlAttribute)
		}
		if *spec.Enabled {
			t.ttlAttribute, t.ttlStatus = name, ttlEnabled
		} else {
			t.ttlAttribute, t.ttlStatus = "", ttlDisabled
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &UpdateTimeToLiveOutput{TimeToLiveSpecification: &TimeToLiveSpecification{
		AttributeName: &name,
		Enabled:       spec.Enabled,
	}}, nil
}

// DescribeTimeToLive returns a table's TTL status and attribute.
func (db *DB) DescribeTimeToLive(in *DescribeTimeToLiveInput) (*DescribeTimeToLiveOutput, error) {
	if err := checkTableName(in.TableName); err != nil {
		return nil, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.controlTable(in.TableName)
	if err != nil {
		return nil, err
	}
	d := &TimeToLiveDescription{TimeToLiveStatus: ttlDisabled}
	if t.ttlAttribute != "" {
		d.AttributeName, d.TimeToLiveStatus = t.ttlAttribute, ttlEnabled
	}
	return &DescribeTimeToLiveOutput{TimeToLiveDescription: d}, nil
}

// controlTable returns the table called name, or ResourceNotFoundException
// in the wording of DynamoDB's control-plane operations ("Requested resource
// not found: Table: X not found"), which the TTL operations are. The
// caller holds db.mu.
func (db *DB) controlTable(name string) (*table, error) {
	if t, ok := db.tables[name]; ok {
		return t, nil
	}
	return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgResourceNotFoundTableFmt, name)
}

// Advance moves the engine clock forward by d (backward if d < 0) and then
// runs a TTL sweep (ExpireItems), returning the number of items it deleted.
// Tests and tutorials use it instead of waiting. Safe for concurrent use.
func (db *DB) Advance(d time.Duration) int {
	db.clk.Step(d)
	return db.ExpireItems()
}

// ExpireItems deletes, from every table with TTL enabled, the items whose
// TTL attribute is a number of epoch seconds at or before the engine
// clock's now (and not more than five years before it), maintaining every
// index. Items whose TTL attribute is missing or not a number are kept. It
// returns the number of items deleted, and takes only the read lock when
// nothing has expired. Safe for concurrent use.
func (db *DB) ExpireItems() int {
	db.mu.RLock()
	found := db.expiredLocked(true)
	db.mu.RUnlock()
	if found == nil {
		return 0
	}
	n := 0
	_ = db.update(func(tx *txn) error {
		for t, items := range db.expiredLocked(false) {
			for _, it := range items {
				if old, ok := t.data.Delete(it); ok {
					tx.record(t, old, nil, true)
					n++
				}
			}
		}
		if n == 0 {
			tx.keep()
		}
		return nil
	})
	return n
}

// expiredLocked returns the expired items of each TTL-enabled table, or
// nil if there are none. With firstOnly it stops at the first one found.
// The caller holds db.mu.
func (db *DB) expiredLocked(firstOnly bool) map[*table][]attr.Item {
	var out map[*table][]attr.Item
	var now, oldest attr.Value
	for _, t := range db.tables {
		if t.ttlAttribute == "" || t.data == nil {
			continue
		}
		if now.IsZero() {
			tm := clockNow(db)
			now = epochSeconds(tm)
			oldest = epochSeconds(tm.Add(-ttlMaxAge))
		}
		name := t.ttlAttribute
		t.data.Scan("", 0, 1, nil, func(it attr.Item) bool {
			if !ttlExpired(it[name], now, oldest) {
				return true
			}
			if out == nil {
				out = make(map[*table][]attr.Item)
			}
			out[t] = append(out[t], it)
			return !firstOnly
		})
		if firstOnly && out != nil {
			return out
		}
	}
	return out
}

// ttlExpired reports whether the TTL attribute value v is an N in
// [oldest, now] (epoch seconds, both N values).
func ttlExpired(v attr.Value, now, oldest attr.Value) bool {
	if v.Type() != attr.TypeN {
		return false
	}
	c, _ := attr.Compare(v, now)
	o, _ := attr.Compare(v, oldest)
	return c <= 0 && o >= 0
}

// epochSeconds returns t as an N of seconds since the Unix epoch, exact to
// the nanosecond (no math/big: it keeps the WebAssembly build small).
func epochSeconds(t time.Time) attr.Value {
	ns := t.UnixNano()
	sign := ""
	if ns < 0 {
		sign = "-"
	}
	sec, frac := ns/int64(time.Second), ns%int64(time.Second)
	if ns < 0 {
		sec, frac = -sec, -frac
	}
	text := sign + strconv.FormatInt(sec, 10) + "." + strconv.FormatInt(frac+int64(time.Second), 10)[1:]
	v, err := attr.N(text)
	if err != nil {
		panic("engine: epoch seconds " + text + ": " + err.Error())
	}
	return v
}

package streams

import (
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// ViewType is what a stream record holds beside the keys.
type ViewType string

// The four view types.
const (
	KeysOnly        ViewType = "KEYS_ONLY"
	NewImage        ViewType = "NEW_IMAGE"
	OldImage        ViewType = "OLD_IMAGE"
	NewAndOldImages ViewType = "NEW_AND_OLD_IMAGES"
)

// ParseViewType returns the ViewType named s.
func ParseViewType(s string) (ViewType, bool) {
	switch v := ViewType(s); v {
	case KeysOnly, NewImage, OldImage, NewAndOldImages:
		return v, true
	}
	return "", false
}

// Timings, on the engine's clock.
const (
	// Retention is how long records (and a disabled stream) stay readable.
	Retention = 24 * hour
	// ShardLife is how long a shard takes records before it is closed and
	// a child shard opened.
	ShardLife = 4 * hour
	// IteratorLife is how long a shard iterator can be used.
	IteratorLife = 15 * minute
)

// KeySchema names a table's key attributes (Range "" for none).
type KeySchema struct{ Hash, Range string }

// Change is one committed change of an item: Old nil for an item created,
// New nil for an item deleted. NewSize is attr.ItemSize(New) when the
// caller knows it (the engine computes it once per write), 0 to have it
// computed here. TTL marks a deletion by Time to Live.
type Change struct {
	Old, New attr.Item
	NewSize  int
	TTL      bool
}

// Record is one stream record.
type Record struct {
	EventID   string
	EventName string // INSERT, MODIFY or REMOVE
	Seq       uint64
	Created   int64 // Unix nanoseconds
	Keys      attr.Item
	NewImage  attr.Item // nil unless the view type holds it
	OldImage  attr.Item
	SizeBytes int
	TTL       bool // a deletion by Time to Live: userIdentity is the service
}

// shard is a run of records; it is open (end 0) until closed.
type shard struct {
	id      string
	parent  string
	created int64
	start   uint64 // first sequence number it can hold
	end     uint64 // last sequence number, once closed
	records []Record
	trimmed uint64 // sequence number of the last record dropped by trim
}

// Stream is the stream of one table from one Enable to its Disable.
type Stream struct {
	arn      string
	label    string
	table    string
	view     ViewType
	keys     KeySchema
	created  int64
	disabled int64 // 0 while enabled
	shards   []*shard
}

// Arn returns the stream's ARN.
func (s *Stream) Arn() string { return s.arn }

// Label returns the stream's label, the timestamp that ends its ARN.
func (s *Stream) Label() string { return s.label }

// ViewType returns the stream's view type.
func (s *Stream) ViewType() ViewType { return s.view }

// Enabled reports whether the stream still takes records.
func (s *Stream) Enabled() bool { return s.disabled == 0 }

// Log holds every stream of a database. It is not safe for concurrent
// use: the engine calls Enable, Disable and Append under its write lock
// and Handle under at least its read lock.
type Log struct {
	region, account string
	streams         []*Stream // in order of creation
	byArn           map[string]*Stream
	seq             uint64 // last sequence number given
	ids             uint64 // last event and shard id given
}

// NewLog returns an empty log whose ARNs name region and account.
func NewLog(region, account string) *Log {
	return &Log{region: region, account: account, byArn: map[string]*Stream{}}
}

// Latest returns the table's most recent stream, enabled or not, or nil.
// (A stream stays the table's latest after it is disabled, as
// DescribeTable's LatestStreamArn does.)
func (l *Log) Latest(table string) *Stream {
	for i := len(l.streams) - 1; i >= 0; i-- {
		if l.streams[i].table == table {
			return l.streams[i]
		}
	}
	return nil
}

// current returns the table's enabled stream, or nil.
func (l *Log) current(table string) *Stream {
	if s := l.Latest(table); s != nil && s.Enabled() {
		return s
	}
	return nil
}

// Enable starts a new stream for the table at time now and returns it.
// The caller has checked that the table has no enabled stream.
func (l *Log) Enable(table string, keys KeySchema, view ViewType, now int64) *Stream {
	created := now
	if prev := l.Latest(table); prev != nil && created/1e6 <= prev.created/1e6 {
		created = (prev.created/1e6 + 1) * 1e6 // labels are unique per table, to the millisecond
	}
	s := &Stream{table: table, keys: keys, view: view, created: created, label: label(created)}
	s.arn = "arn:aws:dynamodb:" + l.region + ":" + l.account + ":table/" + table + "/stream/" + s.label
	s.shards = []*shard{l.newShard("", now)}
	l.streams = append(l.streams, s)
	l.byArn[s.arn] = s
	return s
}

// Disable stops the table's enabled stream, if any, at time now. Its
// records stay readable for Retention.
func (l *Log) Disable(table string, now int64) {
	s := l.current(table)
	if s == nil {
		return
	}
	s.disabled = now
	l.closeShard(s.shards[len(s.shards)-1])
}

func (l *Log) newShard(parent string, now int64) *shard {
	l.ids++
	id := "shardId-" + zeroPad(strconv.FormatInt(now/1e6, 10), 20) + "-" + zeroPad(strconv.FormatUint(l.ids*2654435761%(1<<32), 16), 8)
	return &shard{id: id, parent: parent, created: now, start: l.seq + 1}
}

func (l *Log) closeShard(sh *shard) {
	sh.end = sh.start
	if n := len(sh.records); n > 0 {
		sh.end = sh.records[n-1].Seq
	}
}

func zeroPad(s string, width int) string {
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// Append writes the records of changes, committed together at time now,
// to the table's enabled stream (nothing if it has none). A change that
// leaves the item as it was writes no record, as DynamoDB does. It also
// drops records and streams past Retention.
func (l *Log) Append(table string, changes []Change, now int64) {
	l.trim(now)
	s := l.current(table)
	if s == nil {
		return
	}
	sh := s.shards[len(s.shards)-1]
	if now-sh.created >= ShardLife {
		l.closeShard(sh)
		sh = l.newShard(sh.id, now)
		s.shards = append(s.shards, sh)
	}
	for _, c := range changes {
		if c.Old != nil && c.New != nil && attr.Equal(attr.M(c.Old), attr.M(c.New)) {
			continue
		}
		sh.records = append(sh.records, l.record(s, c, now))
	}
}

// record builds the record of one change.
func (l *Log) record(s *Stream, c Change, now int64) Record {
	l.seq++
	l.ids++
	r := Record{Seq: l.seq, Created: now, TTL: c.TTL}
	r.EventID = eventID(l.ids, l.seq)
	from := c.New
	switch {
	case c.Old == nil:
		r.EventName = "INSERT"
	case c.New == nil:
		r.EventName = "REMOVE"
		from = c.Old
	default:
		r.EventName = "MODIFY"
	}
	r.Keys = attr.Item{s.keys.Hash: from[s.keys.Hash]}
	if s.keys.Range != "" {
		r.Keys[s.keys.Range] = from[s.keys.Range]
	}
	if s.view == NewImage || s.view == NewAndOldImages {
		r.NewImage = c.New
	}
	if s.view == OldImage || s.view == NewAndOldImages {
		r.OldImage = c.Old
	}
	r.SizeBytes = attr.ItemSize(r.Keys)
	if r.NewImage != nil {
		if c.NewSize == 0 {
			c.NewSize = attr.ItemSize(c.New)
		}
		r.SizeBytes += c.NewSize
	}
	if r.OldImage != nil {
		r.SizeBytes += attr.ItemSize(r.OldImage)
	}
	return r
}

// eventID returns a 32-hex-digit event ID unique within the log.
func eventID(id, seq uint64) string {
	h := id*0x9E3779B97F4A7C15 ^ seq*0xC2B2AE3D27D4EB4F
	return zeroPad(strconv.FormatUint(h, 16), 16) + zeroPad(strconv.FormatUint(id, 16), 16)
}

// trim drops records older than Retention, and streams disabled longer
// ago than that.
func (l *Log) trim(now int64) {
	horizon := now - Retention
	kept := l.streams[:0]
	for _, s := range l.streams {
		if !s.Enabled() && s.disabled < horizon {
			delete(l.byArn, s.arn)
			continue
		}
		shards := s.shards[:0]
		for _, sh := range s.shards {
			i := 0
			for i < len(sh.records) && sh.records[i].Created < horizon {
				sh.trimmed = sh.records[i].Seq
				i++
			}
			sh.records = sh.records[i:]
			if sh.end != 0 && len(sh.records) == 0 && sh.created < horizon-ShardLife {
				continue // a closed shard with nothing left to read
			}
			shards = append(shards, sh)
		}
		s.shards = shards
		kept = append(kept, s)
	}
	clear(l.streams[len(kept):])
	l.streams = kept
}

// visible returns the stream called arn unless it has expired at now.
func (l *Log) visible(arn string, now int64) (*Stream, error) {
	s, ok := l.byArn[arn]
	if !ok || (!s.Enabled() && s.disabled < now-Retention) {
		return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgStreamNotFound, arn)
	}
	return s, nil
}

// shardByID returns the shard called id of s.
func (s *Stream) shardByID(id string) (*shard, error) {
	for _, sh := range s.shards {
		if sh.id == id {
			return sh, nil
		}
	}
	return nil, ddberr.Newf(ddberr.TypeResourceNotFound, msgShardNotFound, id, s.arn)
}

// CheckChange returns the error of a StreamSpecification (enabled, with
// view, when enabled is not nil) that cannot apply to a table whose
// latest stream is cur: existing is false for a new table, which may ask
// for a stream or for none; an existing table may not enable a stream it
// has enabled, nor disable one it has not. Enabling needs a view type.
func CheckChange(cur *Stream, existing bool, name string, enabled *bool, view string) error {
	on := cur != nil && cur.Enabled()
	switch {
	case enabled == nil:
		return nil
	case *enabled && view == "":
		return ddberr.Validation(msgViewRequired)
	case *enabled && existing && on:
		return ddberr.Validation(msgAlreadyEnabledFmt, name)
	case !*enabled && existing && !on:
		return ddberr.Validation(msgNotEnabledFmt, name)
	}
	return nil
}

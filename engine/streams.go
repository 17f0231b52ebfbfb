package engine

import (
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/streams"
)

// DynamoDB Streams: the log (package streams) lives in DB.streamLog. A
// table's stream is turned on and off by CreateTable and UpdateTable
// (StreamSpecification) and off by DeleteTable; every write hands its
// committed changes to recordChanges under the write lock, so that a change
// and its stream record are written together. The Streams API is reached
// through Handle with the operation name prefixed by StreamsTargetPrefix,
// which is how the HTTP handler and the browser's host pass
// "X-Amz-Target: DynamoDBStreams_20120810.<Operation>".

// StreamsTargetPrefix is the X-Amz-Target prefix of DynamoDB Streams'
// operations. Handle("DynamoDBStreams_20120810.GetRecords", body) runs
// GetRecords.
const StreamsTargetPrefix = "DynamoDBStreams_20120810."

// StreamSpecification is schema.StreamSpecification.
type StreamSpecification = schema.StreamSpecification

// StreamsOperations returns the names of the Streams API's operations,
// sorted.
func StreamsOperations() []string { return streams.Operations }

// handleStreams runs a Streams API operation under the read lock.
func (db *DB) handleStreams(op string, body []byte) ([]byte, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return db.streamLog.Handle(op, body, db.clk.Now())
}

// checkStreamChange returns the error of a StreamSpecification that
// cannot apply to t (nil t: a new table; streams.CheckChange).
func checkStreamChange(t *table, name string, s *StreamSpecification) error {
	if s == nil {
		return nil
	}
	var cur *streams.Stream
	if t != nil {
		cur = t.stream
	}
	return streams.CheckChange(cur, t != nil, name, s.StreamEnabled, s.StreamViewType)
}

// applyStreamChange turns t's stream on or off as s says (checked by
// checkStreamChange). The caller holds the write lock.
func (db *DB) applyStreamChange(t *table, s *StreamSpecification) {
	if s == nil || s.StreamEnabled == nil {
		return
	}
	now := db.clk.Now()
	if *s.StreamEnabled {
		view, _ := streams.ParseViewType(s.StreamViewType)
		t.stream = db.streamLog.Enable(t.name, streams.KeySchema{Hash: t.key.Hash, Range: t.key.Range}, view, now)
		return
	}
	db.streamLog.Disable(t.name, now)
}

// streamDescription returns the stream members of t's TableDescription:
// StreamSpecification while its stream is enabled, and the latest
// stream's ARN and label.
func (t *table) streamDescription() (spec *StreamSpecification, arn, label string) {
	if t.stream == nil {
		return nil, "", ""
	}
	if t.stream.Enabled() {
		on := true
		spec = &StreamSpecification{StreamEnabled: &on, StreamViewType: string(t.stream.ViewType())}
	}
	return spec, t.stream.Arn(), t.stream.Label()
}

// recordChanges writes the stream records of changes committed to t. The
// caller holds the write lock; nothing is written if t's stream is off.
func (db *DB) recordChanges(t *table, changes ...streams.Change) {
	if t.stream == nil || !t.stream.Enabled() || len(changes) == 0 {
		return
	}
	db.streamLog.Append(t.name, changes, db.clk.Now())
}

// pendingRecord is a change waiting in a txn for its commit.
type pendingRecord struct {
	t *table
	c streams.Change
}

// record notes, for the stream of t, the change c (an item from c.old to
// c.new, nil: none; c.size is the new item's size, computed once per
// write); ttl marks a deletion by Time to Live. The record is written
// when the transaction commits, and dropped if it rolls back.
func (tx *txn) record(t *table, c change, ttl bool) {
	if (c.old == nil && c.new == nil) || t.stream == nil || !t.stream.Enabled() {
		return
	}
	tx.records = append(tx.records, pendingRecord{t: t, c: streams.Change{Old: c.old, New: c.new, NewSize: c.size, TTL: ttl}})
}

package streams

import (
	"strconv"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// The Streams API's requests and responses, as Go values. Handle (json.go)
// decodes the first from and encodes the second to JSON.

// ListStreamsInput is ListStreams' request.
type ListStreamsInput struct {
	TableName               string
	Limit                   int
	ExclusiveStartStreamArn string
}

// StreamSummary is one stream in ListStreams' response.
type StreamSummary struct {
	StreamArn, TableName, StreamLabel string
}

// ListStreamsOutput is ListStreams' response.
type ListStreamsOutput struct {
	Streams                []StreamSummary
	LastEvaluatedStreamArn string
}

// DescribeStreamInput is DescribeStream's request.
type DescribeStreamInput struct {
	StreamArn             string
	Limit                 int
	ExclusiveStartShardId string
}

// ShardDescription is one shard in DescribeStream's response.
type ShardDescription struct {
	ShardId, ParentShardId string
	StartingSequenceNumber string
	EndingSequenceNumber   string // "" while the shard is open
}

// StreamDescription is DescribeStream's response.
type StreamDescription struct {
	StreamArn, StreamLabel, StreamStatus string
	StreamViewType                       ViewType
	CreationRequestDateTime              int64 // Unix nanoseconds
	TableName                            string
	KeySchema                            KeySchema
	Shards                               []ShardDescription
	LastEvaluatedShardId                 string
}

// GetShardIteratorInput is GetShardIterator's request.
type GetShardIteratorInput struct {
	StreamArn, ShardId, ShardIteratorType, SequenceNumber string
}

// GetRecordsInput is GetRecords' request.
type GetRecordsInput struct {
	ShardIterator string
	Limit         int
}

// GetRecordsOutput is GetRecords' response; NextShardIterator is "" once a
// closed shard has been read to its end.
type GetRecordsOutput struct {
	Records           []Record
	ViewType          ViewType
	NextShardIterator string
}

func required(v, name string) error {
	if v == "" {
		return ddberr.Validation(msgRequired, name)
	}
	return nil
}

func checkLength(v, name string, lo, hi int) error {
	if len(v) < lo {
		return ddberr.Validation(msgLengthMin, v, name, lo)
	}
	if len(v) > hi {
		return ddberr.Validation(msgLengthMax, v, name, hi)
	}
	return nil
}

func checkLimit(n, hi int) error {
	if n > hi {
		return ddberr.Validation(msgLimitMax, n, hi)
	}
	return nil
}

// ListStreams lists the streams readable at now, oldest first, of one
// table or of all.
func (l *Log) ListStreams(in *ListStreamsInput, now int64, limitSet bool) (*ListStreamsOutput, error) {
	if in.TableName != "" {
		if err := checkLength(in.TableName, "tableName", 3, 255); err != nil {
			return nil, err
		}
	}
	if in.ExclusiveStartStreamArn != "" {
		if err := checkLength(in.ExclusiveStartStreamArn, "exclusiveStartStreamArn", 37, 1024); err != nil {
			return nil, err
		}
	}
	if limitSet && in.Limit < 1 {
		return nil, ddberr.Validation(msgLimitMin, in.Limit)
	}
	if err := checkLimit(in.Limit, 100); err != nil {
		return nil, err
	}
	limit := in.Limit
	if !limitSet {
		limit = 100
	}
	out := &ListStreamsOutput{Streams: []StreamSummary{}}
	started := in.ExclusiveStartStreamArn == ""
	for _, s := range l.streams {
		if _, err := l.visible(s.arn, now); err != nil || (in.TableName != "" && s.table != in.TableName) {
			continue
		}
		if !started {
			started = s.arn == in.ExclusiveStartStreamArn
			continue
		}
		if len(out.Streams) == limit {
			out.LastEvaluatedStreamArn = out.Streams[limit-1].StreamArn
			break
		}
		out.Streams = append(out.Streams, StreamSummary{StreamArn: s.arn, TableName: s.table, StreamLabel: s.label})
	}
	return out, nil
}

// DescribeStream describes a stream and its shards.
func (l *Log) DescribeStream(in *DescribeStreamInput, now int64, limitSet bool) (*StreamDescription, error) {
	if err := required(in.StreamArn, "streamArn"); err != nil {
		return nil, err
	}
	if err := checkLength(in.StreamArn, "streamArn", 37, 1024); err != nil {
		return nil, err
	}
	if in.ExclusiveStartShardId != "" {
		if err := checkLength(in.ExclusiveStartShardId, "exclusiveStartShardId", 28, 65); err != nil {
			return nil, err
		}
	}
	if limitSet && in.Limit < 1 {
		return nil, ddberr.Validation(msgLimitMin, in.Limit)
	}
	if err := checkLimit(in.Limit, 100); err != nil {
		return nil, err
	}
	limit := in.Limit
	if !limitSet {
		limit = 100
	}
	s, err := l.visible(in.StreamArn, now)
	if err != nil {
		return nil, err
	}
	d := &StreamDescription{
		StreamArn: s.arn, StreamLabel: s.label, StreamStatus: "ENABLED", StreamViewType: s.view,
		CreationRequestDateTime: s.created, TableName: s.table, KeySchema: s.keys, Shards: []ShardDescription{},
	}
	if !s.Enabled() {
		d.StreamStatus = "DISABLED"
	}
	started := in.ExclusiveStartShardId == ""
	for _, sh := range s.shards {
		if !started {
			started = sh.id == in.ExclusiveStartShardId
			continue
		}
		if len(d.Shards) == limit {
			d.LastEvaluatedShardId = d.Shards[limit-1].ShardId
			break
		}
		sd := ShardDescription{ShardId: sh.id, ParentShardId: sh.parent, StartingSequenceNumber: seqText(sh.start)}
		if sh.end != 0 {
			sd.EndingSequenceNumber = seqText(sh.end)
		}
		d.Shards = append(d.Shards, sd)
	}
	return d, nil
}

// seqText writes a sequence number as DynamoDB does: decimal digits, here
// padded to 21.
func seqText(n uint64) string { return zeroPad(strconv.FormatUint(n, 10), 21) }

// parseSeq reads a sequence number.
func parseSeq(s string) (uint64, bool) {
	if s == "" || len(s) > 40 {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// hiddenThrough returns the last sequence number of sh that is no longer
// readable at now (trimmed or past Retention), or start-1.
func (sh *shard) hiddenThrough(now int64) uint64 {
	h := sh.start - 1
	if sh.trimmed > h {
		h = sh.trimmed
	}
	for _, r := range sh.records {
		if r.Created >= now-Retention {
			break
		}
		h = r.Seq
	}
	return h
}

// GetShardIterator returns an iterator into a shard.
func (l *Log) GetShardIterator(in *GetShardIteratorInput, now int64) (string, error) {
	if err := required(in.StreamArn, "streamArn"); err != nil {
		return "", err
	}
	if err := required(in.ShardId, "shardId"); err != nil {
		return "", err
	}
	if err := required(in.ShardIteratorType, "shardIteratorType"); err != nil {
		return "", err
	}
	if err := checkLength(in.StreamArn, "streamArn", 37, 1024); err != nil {
		return "", err
	}
	if err := checkLength(in.ShardId, "shardId", 28, 65); err != nil {
		return "", err
	}
	if in.SequenceNumber != "" {
		if err := checkLength(in.SequenceNumber, "sequenceNumber", 21, 40); err != nil {
			return "", err
		}
	}
	typ := in.ShardIteratorType
	bySeq := typ == "AT_SEQUENCE_NUMBER" || typ == "AFTER_SEQUENCE_NUMBER"
	if !bySeq && typ != "TRIM_HORIZON" && typ != "LATEST" {
		return "", ddberr.Validation(msgIteratorTypeEnum, typ)
	}
	if bySeq && in.SequenceNumber == "" {
		return "", ddberr.Validation(msgSeqRequired)
	}
	if !bySeq && in.SequenceNumber != "" {
		return "", ddberr.Validation(msgSeqNotAllowed)
	}
	s, err := l.visible(in.StreamArn, now)
	if err != nil {
		return "", err
	}
	sh, err := s.shardByID(in.ShardId)
	if err != nil {
		return "", err
	}
	var pos uint64
	switch typ {
	case "TRIM_HORIZON":
		pos = sh.hiddenThrough(now) + 1
	case "LATEST":
		pos = l.seq + 1
		if sh.end != 0 {
			pos = sh.end + 1
		}
	default:
		n, ok := parseSeq(in.SequenceNumber)
		if !ok {
			return "", ddberr.Validation(msgSeqInvalid, in.SequenceNumber)
		}
		if n < sh.start || (sh.end != 0 && n > sh.end) || (sh.end == 0 && n > l.seq) {
			return "", ddberr.Validation(msgSeqOutOfShard, in.SequenceNumber, sh.id)
		}
		if n <= sh.hiddenThrough(now) {
			return "", ddberr.New(TypeTrimmedDataAccess, msgTrimmed)
		}
		pos = n
		if typ == "AFTER_SEQUENCE_NUMBER" {
			pos++
		}
	}
	return iterator{arn: s.arn, shard: sh.id, pos: pos, created: now}.String(), nil
}

// iterator is the content of a shard iterator.
type iterator struct {
	arn, shard string
	pos        uint64 // the sequence number to read from
	created    int64
}

func (it iterator) String() string {
	return it.arn + "|" + it.shard + "|" + strconv.FormatUint(it.pos, 10) + "|" + strconv.FormatInt(it.created, 10)
}

func parseIterator(s string) (iterator, bool) {
	parts := strings.Split(s, "|")
	if len(parts) != 4 {
		return iterator{}, false
	}
	pos, err1 := strconv.ParseUint(parts[2], 10, 64)
	created, err2 := strconv.ParseInt(parts[3], 10, 64)
	return iterator{arn: parts[0], shard: parts[1], pos: pos, created: created}, err1 == nil && err2 == nil
}

// GetRecords reads records from a shard iterator's position.
func (l *Log) GetRecords(in *GetRecordsInput, now int64, limitSet bool) (*GetRecordsOutput, error) {
	if err := required(in.ShardIterator, "shardIterator"); err != nil {
		return nil, err
	}
	if err := checkLength(in.ShardIterator, "shardIterator", 1, 2048); err != nil {
		return nil, err
	}
	if limitSet && in.Limit < 1 {
		return nil, ddberr.Validation(msgLimitMin, in.Limit)
	}
	if err := checkLimit(in.Limit, 1000); err != nil {
		return nil, err
	}
	limit := in.Limit
	if !limitSet {
		limit = 1000
	}
	it, ok := parseIterator(in.ShardIterator)
	if !ok {
		return nil, ddberr.Validation(msgIteratorInvalid)
	}
	if now-it.created > IteratorLife {
		return nil, ddberr.Newf(TypeExpiredIterator, msgIteratorExpired, humanTime(it.created), humanTime(now))
	}
	s, err := l.visible(it.arn, now)
	if err != nil {
		return nil, err
	}
	sh, err := s.shardByID(it.shard)
	if err != nil {
		return nil, err
	}
	if it.pos <= sh.hiddenThrough(now) {
		return nil, ddberr.New(TypeTrimmedDataAccess, msgTrimmed)
	}
	out := &GetRecordsOutput{Records: []Record{}, ViewType: s.view}
	next := it.pos
	for _, r := range sh.records {
		if r.Seq < it.pos {
			continue
		}
		if len(out.Records) == limit {
			break
		}
		out.Records = append(out.Records, r)
		next = r.Seq + 1
	}
	more := sh.end == 0
	for i := len(sh.records) - 1; !more && i >= 0 && sh.records[i].Seq >= next; i-- {
		more = true
	}
	if more {
		out.NextShardIterator = iterator{arn: s.arn, shard: sh.id, pos: next, created: now}.String()
	}
	return out, nil
}

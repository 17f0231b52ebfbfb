package streams

import (
	"strconv"
	"strings"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The Streams API's requests and responses, as Go values, each declaring
// its members once (Members: one line per member, in the order of the
// response's JSON); Handle (json.go) decodes the requests and writes the
// responses by those field tables.

// ListStreamsInput is ListStreams' request.
type ListStreamsInput struct {
	TableName               string
	Limit                   *int
	ExclusiveStartStreamArn string
}

func (in *ListStreamsInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "TableName", unsafe.Pointer(&in.TableName), &fieldtab.StringAsGiven.X, 0)
	fieldtab.Field(f, "Limit", unsafe.Pointer(&in.Limit), &fieldtab.IntPtr.X, 0)
	fieldtab.Field(f, "ExclusiveStartStreamArn", unsafe.Pointer(&in.ExclusiveStartStreamArn), &fieldtab.String.X, 0)
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

func (o *ListStreamsOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "LastEvaluatedStreamArn", unsafe.Pointer(&o.LastEvaluatedStreamArn), &fieldtab.String.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "Streams", unsafe.Pointer(&o.Streams), &cStreamSummaries.X, 0)
}

// DescribeStreamInput is DescribeStream's request.
type DescribeStreamInput struct {
	StreamArn             string
	Limit                 *int
	ExclusiveStartShardId string
}

func (in *DescribeStreamInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "StreamArn", unsafe.Pointer(&in.StreamArn), &fieldtab.String.X, 0)
	fieldtab.Field(f, "Limit", unsafe.Pointer(&in.Limit), &fieldtab.IntPtr.X, 0)
	fieldtab.Field(f, "ExclusiveStartShardId", unsafe.Pointer(&in.ExclusiveStartShardId), &fieldtab.String.X, 0)
}

// DescribeStreamOutput is DescribeStream's response.
type DescribeStreamOutput struct {
	StreamDescription StreamDescription
}

func (o *DescribeStreamOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "StreamDescription", unsafe.Pointer(&o.StreamDescription), &cStreamDescription.X, 0)
}

// StreamDescription describes a stream and its shards.
type StreamDescription struct {
	StreamArn, StreamLabel, StreamStatus string
	StreamViewType                       ViewType
	CreationRequestDateTime              float64 // epoch seconds, to the millisecond
	TableName                            string
	KeySchema                            []KeySchemaElement
	Shards                               []ShardDescription
	LastEvaluatedShardId                 string
}

// KeySchemaElement is one key attribute in a StreamDescription.
type KeySchemaElement struct {
	AttributeName, KeyType string
}

// ShardDescription is one shard in DescribeStream's response.
type ShardDescription struct {
	ShardId, ParentShardId string
	SequenceNumberRange    SequenceNumberRange
}

// SequenceNumberRange is the sequence numbers of a shard's records.
type SequenceNumberRange struct {
	StartingSequenceNumber string
	EndingSequenceNumber   string // "" while the shard is open
}

// GetShardIteratorInput is GetShardIterator's request.
type GetShardIteratorInput struct {
	StreamArn, ShardId, ShardIteratorType, SequenceNumber string
}

func (in *GetShardIteratorInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "StreamArn", unsafe.Pointer(&in.StreamArn), &fieldtab.String.X, 0)
	fieldtab.Field(f, "ShardId", unsafe.Pointer(&in.ShardId), &fieldtab.String.X, 0)
	fieldtab.Field(f, "ShardIteratorType", unsafe.Pointer(&in.ShardIteratorType), &fieldtab.String.X, 0)
	fieldtab.Field(f, "SequenceNumber", unsafe.Pointer(&in.SequenceNumber), &fieldtab.String.X, 0)
}

// GetShardIteratorOutput is GetShardIterator's response.
type GetShardIteratorOutput struct {
	ShardIterator string
}

func (o *GetShardIteratorOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "ShardIterator", unsafe.Pointer(&o.ShardIterator), &fieldtab.String.X, 0)
}

// GetRecordsInput is GetRecords' request.
type GetRecordsInput struct {
	ShardIterator *string // nil when missing, told from ""
	Limit         *int
}

func (in *GetRecordsInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "ShardIterator", unsafe.Pointer(&in.ShardIterator), &fieldtab.StringPtr.X, 0)
	fieldtab.Field(f, "Limit", unsafe.Pointer(&in.Limit), &fieldtab.IntPtr.X, 0)
}

// GetRecordsOutput is GetRecords' response; NextShardIterator is "" once a
// closed shard has been read to its end.
type GetRecordsOutput struct {
	Records           []EventRecord
	NextShardIterator string
}

func (o *GetRecordsOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "NextShardIterator", unsafe.Pointer(&o.NextShardIterator), &fieldtab.String.X, fieldtab.OmitEmpty)
	fieldtab.Field(f, "Records", unsafe.Pointer(&o.Records), &cEventRecords.X, 0)
}

// EventRecord is a stream record as GetRecords answers it (the page's
// stream viewer reads the same shape).
type EventRecord struct {
	AwsRegion                 string
	Dynamodb                  StreamRecord
	EventID, EventName        string
	EventSource, EventVersion string
	UserIdentity              *Identity // the service, for a deletion by Time to Live
}

// StreamRecord is the change an EventRecord describes.
type StreamRecord struct {
	ApproximateCreationDateTime int64 // epoch seconds
	Keys, NewImage, OldImage    attr.Item
	SequenceNumber              string
	SizeBytes                   int
	StreamViewType              ViewType
}

// Identity is who made a change: for a deletion by Time to Live, the
// DynamoDB service.
type Identity struct {
	PrincipalId, Type string
}

// The codecs of the responses' nested types.
var (
	cStreamSummary = fieldtab.Codec[StreamSummary]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(StreamSummary{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			s := (*StreamSummary)(p)
			fieldtab.Field(f, "StreamArn", unsafe.Pointer(&s.StreamArn), &fieldtab.String.X, 0)
			fieldtab.Field(f, "StreamLabel", unsafe.Pointer(&s.StreamLabel), &fieldtab.String.X, 0)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&s.TableName), &fieldtab.String.X, 0)
		}}}
	cStreamSummaries   = fieldtab.Codec[[]StreamSummary]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &cStreamSummary.X, Size: fieldtab.SliceSize}}
	cStreamDescription = fieldtab.Codec[StreamDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(StreamDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			d := (*StreamDescription)(p)
			fieldtab.Field(f, "CreationRequestDateTime", unsafe.Pointer(&d.CreationRequestDateTime), &fieldtab.Float.X, 0)
			fieldtab.Field(f, "KeySchema", unsafe.Pointer(&d.KeySchema), &cKeySchema.X, 0)
			fieldtab.Field(f, "LastEvaluatedShardId", unsafe.Pointer(&d.LastEvaluatedShardId), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "Shards", unsafe.Pointer(&d.Shards), &cShards.X, 0)
			fieldtab.Field(f, "StreamArn", unsafe.Pointer(&d.StreamArn), &fieldtab.String.X, 0)
			fieldtab.Field(f, "StreamLabel", unsafe.Pointer(&d.StreamLabel), &fieldtab.String.X, 0)
			fieldtab.Field(f, "StreamStatus", unsafe.Pointer(&d.StreamStatus), &fieldtab.String.X, 0)
			fieldtab.Field(f, "StreamViewType", unsafe.Pointer(&d.StreamViewType), &fieldtab.String.X, 0)
			fieldtab.Field(f, "TableName", unsafe.Pointer(&d.TableName), &fieldtab.String.X, 0)
		}}}
	cKeySchemaElement = fieldtab.Codec[KeySchemaElement]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(KeySchemaElement{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			e := (*KeySchemaElement)(p)
			fieldtab.Field(f, "AttributeName", unsafe.Pointer(&e.AttributeName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "KeyType", unsafe.Pointer(&e.KeyType), &fieldtab.String.X, 0)
		}}}
	cKeySchema = fieldtab.Codec[[]KeySchemaElement]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &cKeySchemaElement.X, Size: fieldtab.SliceSize}}
	cShard     = fieldtab.Codec[ShardDescription]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(ShardDescription{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			s := (*ShardDescription)(p)
			fieldtab.Field(f, "ParentShardId", unsafe.Pointer(&s.ParentShardId), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "SequenceNumberRange", unsafe.Pointer(&s.SequenceNumberRange), &cSequenceNumberRange.X, 0)
			fieldtab.Field(f, "ShardId", unsafe.Pointer(&s.ShardId), &fieldtab.String.X, 0)
		}}}
	cShards              = fieldtab.Codec[[]ShardDescription]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &cShard.X, Size: fieldtab.SliceSize}}
	cSequenceNumberRange = fieldtab.Codec[SequenceNumberRange]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(SequenceNumberRange{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			r := (*SequenceNumberRange)(p)
			fieldtab.Field(f, "EndingSequenceNumber", unsafe.Pointer(&r.EndingSequenceNumber), &fieldtab.String.X, fieldtab.OmitEmpty)
			fieldtab.Field(f, "StartingSequenceNumber", unsafe.Pointer(&r.StartingSequenceNumber), &fieldtab.String.X, 0)
		}}}
	cEventRecord = fieldtab.Codec[EventRecord]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(EventRecord{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			r := (*EventRecord)(p)
			fieldtab.Field(f, "awsRegion", unsafe.Pointer(&r.AwsRegion), &fieldtab.String.X, 0)
			fieldtab.Field(f, "dynamodb", unsafe.Pointer(&r.Dynamodb), &cStreamRecord.X, 0)
			fieldtab.Field(f, "eventID", unsafe.Pointer(&r.EventID), &fieldtab.String.X, 0)
			fieldtab.Field(f, "eventName", unsafe.Pointer(&r.EventName), &fieldtab.String.X, 0)
			fieldtab.Field(f, "eventSource", unsafe.Pointer(&r.EventSource), &fieldtab.String.X, 0)
			fieldtab.Field(f, "eventVersion", unsafe.Pointer(&r.EventVersion), &fieldtab.String.X, 0)
			fieldtab.Field(f, "userIdentity", unsafe.Pointer(&r.UserIdentity), &cIdentityPtr.X, fieldtab.OmitEmpty)
		}}}
	cEventRecords = fieldtab.Codec[[]EventRecord]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &cEventRecord.X, Size: fieldtab.SliceSize}}
	cStreamRecord = fieldtab.Codec[StreamRecord]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(StreamRecord{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			r := (*StreamRecord)(p)
			fieldtab.Field(f, "ApproximateCreationDateTime", unsafe.Pointer(&r.ApproximateCreationDateTime), &fieldtab.Int64.X, 0)
			fieldtab.Field(f, "Keys", unsafe.Pointer(&r.Keys), &fieldtab.Item.X, 0)
			fieldtab.Field(f, "NewImage", unsafe.Pointer(&r.NewImage), &fieldtab.ItemOmitZero.X, fieldtab.OmitZero)
			fieldtab.Field(f, "OldImage", unsafe.Pointer(&r.OldImage), &fieldtab.ItemOmitZero.X, fieldtab.OmitZero)
			fieldtab.Field(f, "SequenceNumber", unsafe.Pointer(&r.SequenceNumber), &fieldtab.String.X, 0)
			fieldtab.Field(f, "SizeBytes", unsafe.Pointer(&r.SizeBytes), &fieldtab.Int.X, 0)
			fieldtab.Field(f, "StreamViewType", unsafe.Pointer(&r.StreamViewType), &fieldtab.String.X, 0)
		}}}
	cIdentity = fieldtab.Codec[Identity]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Identity{}),
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			id := (*Identity)(p)
			fieldtab.Field(f, "PrincipalId", unsafe.Pointer(&id.PrincipalId), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Type", unsafe.Pointer(&id.Type), &fieldtab.String.X, 0)
		}}}
	cIdentityPtr = fieldtab.Codec[*Identity]{X: fieldtab.Erased{Kind: fieldtab.KPtr, Elem: &cIdentity.X, Size: fieldtab.PtrSize}}
)

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

// limitOf returns a request's Limit, 1 to hi, or hi when it gives none.
func limitOf(limit *int, hi int) (int, error) {
	switch {
	case limit == nil:
		return hi, nil
	case *limit < 1:
		return 0, ddberr.Validation(msgLimitMin, *limit)
	case *limit > hi:
		return 0, ddberr.Validation(msgLimitMax, *limit, hi)
	}
	return *limit, nil
}

// ListStreams lists the streams readable at now, oldest first, of one
// table or of all.
func (l *Log) ListStreams(in *ListStreamsInput, now int64) (*ListStreamsOutput, error) {
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
	limit, err := limitOf(in.Limit, 100)
	if err != nil {
		return nil, err
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
func (l *Log) DescribeStream(in *DescribeStreamInput, now int64) (*DescribeStreamOutput, error) {
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
	limit, err := limitOf(in.Limit, 100)
	if err != nil {
		return nil, err
	}
	s, err := l.visible(in.StreamArn, now)
	if err != nil {
		return nil, err
	}
	d := &StreamDescription{
		StreamArn: s.arn, StreamLabel: s.label, StreamStatus: "ENABLED", StreamViewType: s.view,
		CreationRequestDateTime: float64(s.created/1e6) / 1e3, TableName: s.table,
		KeySchema: []KeySchemaElement{{s.keys.Hash, "HASH"}}, Shards: []ShardDescription{},
	}
	if s.keys.Range != "" {
		d.KeySchema = append(d.KeySchema, KeySchemaElement{s.keys.Range, "RANGE"})
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
		sd := ShardDescription{ShardId: sh.id, ParentShardId: sh.parent}
		sd.SequenceNumberRange.StartingSequenceNumber = seqText(sh.start)
		if sh.end != 0 {
			sd.SequenceNumberRange.EndingSequenceNumber = seqText(sh.end)
		}
		d.Shards = append(d.Shards, sd)
	}
	return &DescribeStreamOutput{StreamDescription: *d}, nil
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
func (l *Log) GetRecords(in *GetRecordsInput, now int64) (*GetRecordsOutput, error) {
	if in.ShardIterator == nil {
		return nil, ddberr.Validation(msgRequired, "shardIterator")
	}
	if err := checkLength(*in.ShardIterator, "shardIterator", 1, 2048); err != nil {
		return nil, err
	}
	limit, err := limitOf(in.Limit, 1000)
	if err != nil {
		return nil, err
	}
	it, ok := parseIterator(*in.ShardIterator)
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
	out := &GetRecordsOutput{Records: []EventRecord{}}
	next := it.pos
	for _, r := range sh.records {
		if r.Seq < it.pos {
			continue
		}
		if len(out.Records) == limit {
			break
		}
		out.Records = append(out.Records, r.event(l.region, s.view))
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

// event returns r as GetRecords answers it, from a stream of view type
// view in region.
func (r *Record) event(region string, view ViewType) EventRecord {
	e := EventRecord{AwsRegion: region, EventID: r.EventID, EventName: r.EventName,
		EventSource: "aws:dynamodb", EventVersion: "1.1",
		Dynamodb: StreamRecord{ApproximateCreationDateTime: r.Created / 1e9, Keys: r.Keys,
			NewImage: r.NewImage, OldImage: r.OldImage, SequenceNumber: seqText(r.Seq),
			SizeBytes: r.SizeBytes, StreamViewType: view}}
	if r.TTL {
		e.UserIdentity = &Identity{PrincipalId: "dynamodb.amazonaws.com", Type: "Service"}
	}
	return e
}

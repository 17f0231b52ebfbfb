package streams

import (
	"bytes"
	"errors"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Operations are the Streams API's operation names, as they follow
// "DynamoDBStreams_20120810." in X-Amz-Target.
var Operations = []string{"DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"}

// Handle runs the Streams API operation op on a JSON request body at time
// now and returns the JSON response. Every error is a *ddberr.Error.
// region names the region in the records' awsRegion.
func (l *Log) Handle(op string, body []byte, now int64) ([]byte, error) {
	var r wire.Reader
	r.Reset(bytes.TrimSpace(body))
	if len(bytes.TrimSpace(body)) == 0 {
		r.Reset([]byte("{}"))
	}
	switch op {
	case "ListStreams":
		var in ListStreamsInput
		limitSet, err := readRequest(&r, &in.Limit, func(k string) {
			switch k {
			case "TableName":
				r.String(&in.TableName)
			case "ExclusiveStartStreamArn":
				r.String(&in.ExclusiveStartStreamArn)
			default:
				r.Skip()
			}
		})
		if err != nil {
			return nil, err
		}
		out, err := l.ListStreams(&in, now, limitSet)
		if err != nil {
			return nil, err
		}
		return out.appendJSON(nil), nil
	case "DescribeStream":
		var in DescribeStreamInput
		limitSet, err := readRequest(&r, &in.Limit, func(k string) {
			switch k {
			case "StreamArn":
				r.String(&in.StreamArn)
			case "ExclusiveStartShardId":
				r.String(&in.ExclusiveStartShardId)
			default:
				r.Skip()
			}
		})
		if err != nil {
			return nil, err
		}
		out, err := l.DescribeStream(&in, now, limitSet)
		if err != nil {
			return nil, err
		}
		return out.appendJSON(nil), nil
	case "GetShardIterator":
		var in GetShardIteratorInput
		_, err := readRequest(&r, nil, func(k string) {
			switch k {
			case "StreamArn":
				r.String(&in.StreamArn)
			case "ShardId":
				r.String(&in.ShardId)
			case "ShardIteratorType":
				r.String(&in.ShardIteratorType)
			case "SequenceNumber":
				r.String(&in.SequenceNumber)
			default:
				r.Skip()
			}
		})
		if err != nil {
			return nil, err
		}
		it, err := l.GetShardIterator(&in, now)
		if err != nil {
			return nil, err
		}
		b := append([]byte(`{"ShardIterator":`), wire.AppendString(nil, it)...)
		return append(b, '}'), nil
	case "GetRecords":
		var in GetRecordsInput
		limitSet, err := readRequest(&r, &in.Limit, func(k string) {
			if k == "ShardIterator" {
				r.String(&in.ShardIterator)
			} else {
				r.Skip()
			}
		})
		if err != nil {
			return nil, err
		}
		out, err := l.GetRecords(&in, now, limitSet)
		if err != nil {
			return nil, err
		}
		return out.appendJSON(nil, l.region), nil
	}
	return nil, ddberr.New(ddberr.TypeUnknownOperation, msgUnknownOperation)
}

// readRequest reads a request object, calling member for each member but
// Limit, which, when limit is not nil, it reads into *limit, saying
// whether the request gave it; then it finishes reading (end).
func readRequest(r *wire.Reader, limit *int, member func(key string)) (limitSet bool, err error) {
	var l *int
	readObject(r, func(k string) {
		if k == "Limit" && limit != nil {
			r.IntPtr(&l)
			return
		}
		member(k)
	})
	if err := end(r); err != nil {
		return false, err
	}
	if l != nil {
		*limit = *l
	}
	return l != nil, nil
}

// readObject reads a request object, calling member for each member.
func readObject(r *wire.Reader, member func(key string)) {
	if r.Kind() != wire.Object {
		r.Mismatch(wire.ToMap)
		return
	}
	if r.Object() {
		for r.Member() {
			member(string(r.Key()))
		}
	}
}

// end finishes reading a request: malformed JSON or a member of the wrong
// type is a SerializationException.
func end(r *wire.Reader) error {
	err := r.End()
	if err == nil {
		return nil
	}
	if de, ok := errors.AsType[*ddberr.Error](err); ok {
		return de
	}
	if te, ok := errors.AsType[*wire.TypeError](err); ok && te.Value == wire.Object {
		return ddberr.New(ddberr.TypeSerialization, msgSerialization)
	}
	if _, ok := errors.AsType[*wire.TypeError](err); ok {
		return ddberr.New(ddberr.TypeSerialization, msgUnexpectedType)
	}
	return ddberr.New(ddberr.TypeSerialization, msgMalformed)
}

func (o *ListStreamsOutput) appendJSON(b []byte) []byte {
	b = append(b, '{')
	if o.LastEvaluatedStreamArn != "" {
		b = wire.Name(b, "LastEvaluatedStreamArn")
		b = wire.AppendString(b, o.LastEvaluatedStreamArn)
	}
	b = wire.Name(b, "Streams")
	b = append(b, '[')
	for _, s := range o.Streams {
		b = wire.Comma(b)
		b = append(b, '{')
		b = wire.Name(b, "StreamArn")
		b = wire.AppendString(b, s.StreamArn)
		b = wire.Name(b, "StreamLabel")
		b = wire.AppendString(b, s.StreamLabel)
		b = wire.Name(b, "TableName")
		b = wire.AppendString(b, s.TableName)
		b = append(b, '}')
	}
	return append(b, ']', '}')
}

// appendSeconds writes Unix nanoseconds as epoch seconds with milliseconds.
func appendSeconds(b []byte, t int64) []byte {
	return wire.AppendFloat(b, float64(t/1e6)/1e3)
}

func (d *StreamDescription) appendJSON(b []byte) []byte {
	b = append(b, `{"StreamDescription":{`...)
	b = wire.Name(b, "CreationRequestDateTime")
	b = appendSeconds(b, d.CreationRequestDateTime)
	b = wire.Name(b, "KeySchema")
	b = append(b, `[{"AttributeName":`...)
	b = wire.AppendString(b, d.KeySchema.Hash)
	b = append(b, `,"KeyType":"HASH"}`...)
	if d.KeySchema.Range != "" {
		b = append(b, `,{"AttributeName":`...)
		b = wire.AppendString(b, d.KeySchema.Range)
		b = append(b, `,"KeyType":"RANGE"}`...)
	}
	b = append(b, ']')
	if d.LastEvaluatedShardId != "" {
		b = wire.Name(b, "LastEvaluatedShardId")
		b = wire.AppendString(b, d.LastEvaluatedShardId)
	}
	b = wire.Name(b, "Shards")
	b = append(b, '[')
	for _, sh := range d.Shards {
		b = wire.Comma(b)
		b = append(b, '{')
		if sh.ParentShardId != "" {
			b = wire.Name(b, "ParentShardId")
			b = wire.AppendString(b, sh.ParentShardId)
		}
		b = wire.Name(b, "SequenceNumberRange")
		b = append(b, '{')
		if sh.EndingSequenceNumber != "" {
			b = wire.Name(b, "EndingSequenceNumber")
			b = wire.AppendString(b, sh.EndingSequenceNumber)
		}
		b = wire.Name(b, "StartingSequenceNumber")
		b = wire.AppendString(b, sh.StartingSequenceNumber)
		b = append(b, '}')
		b = wire.Name(b, "ShardId")
		b = wire.AppendString(b, sh.ShardId)
		b = append(b, '}')
	}
	b = append(b, ']')
	for _, m := range [][2]string{{"StreamArn", d.StreamArn}, {"StreamLabel", d.StreamLabel}, {"StreamStatus", d.StreamStatus}, {"StreamViewType", string(d.StreamViewType)}, {"TableName", d.TableName}} {
		b = wire.Name(b, m[0])
		b = wire.AppendString(b, m[1])
	}
	return append(b, '}', '}')
}

func (o *GetRecordsOutput) appendJSON(b []byte, region string) []byte {
	b = append(b, '{')
	if o.NextShardIterator != "" {
		b = wire.Name(b, "NextShardIterator")
		b = wire.AppendString(b, o.NextShardIterator)
	}
	b = wire.Name(b, "Records")
	b = append(b, '[')
	for i := range o.Records {
		b = wire.Comma(b)
		b = o.Records[i].AppendJSON(b, region, o.ViewType)
	}
	return append(b, ']', '}')
}

// AppendJSON appends the record as GetRecords writes it (the page's stream
// viewer reads the same shape).
func (r *Record) AppendJSON(b []byte, region string, view ViewType) []byte {
	b = append(b, '{')
	b = wire.Name(b, "awsRegion")
	b = wire.AppendString(b, region)
	b = wire.Name(b, "dynamodb")
	b = append(b, '{')
	b = wire.Name(b, "ApproximateCreationDateTime")
	b = wire.AppendFloat(b, float64(r.Created/1e9))
	b = wire.Name(b, "Keys")
	b = attr.AppendItemJSON(b, r.Keys)
	if r.NewImage != nil {
		b = wire.Name(b, "NewImage")
		b = attr.AppendItemJSON(b, r.NewImage)
	}
	if r.OldImage != nil {
		b = wire.Name(b, "OldImage")
		b = attr.AppendItemJSON(b, r.OldImage)
	}
	b = wire.Name(b, "SequenceNumber")
	b = wire.AppendString(b, seqText(r.Seq))
	b = wire.Name(b, "SizeBytes")
	b = wire.AppendFloat(b, float64(r.SizeBytes))
	b = wire.Name(b, "StreamViewType")
	b = wire.AppendString(b, string(view))
	b = append(b, '}')
	b = wire.Name(b, "eventID")
	b = wire.AppendString(b, r.EventID)
	b = wire.Name(b, "eventName")
	b = wire.AppendString(b, r.EventName)
	b = append(b, `,"eventSource":"aws:dynamodb","eventVersion":"1.1"`...)
	if r.TTL {
		b = append(b, `,"userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}`...)
	}
	return append(b, '}')
}

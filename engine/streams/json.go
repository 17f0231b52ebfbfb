package streams

import (
	"bytes"
	"errors"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Operations are the Streams API's operation names, as they follow
// "DynamoDBStreams_20120810." in X-Amz-Target.
var Operations = []string{"DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"}

// message is a request or response: its field table (api.go).
type message interface{ Members(f *fieldtab.Fields) }

// Handle runs the Streams API operation op on a JSON request body at time
// now and returns the JSON response, both by the types' field tables.
// Every error is a *ddberr.Error.
func (l *Log) Handle(op string, body []byte, now int64) ([]byte, error) {
	var in message
	switch op {
	case "ListStreams":
		in = new(ListStreamsInput)
	case "DescribeStream":
		in = new(DescribeStreamInput)
	case "GetShardIterator":
		in = new(GetShardIteratorInput)
	case "GetRecords":
		in = new(GetRecordsInput)
	default:
		return nil, ddberr.New(ddberr.TypeUnknownOperation, msgUnknownOperation)
	}
	if err := decode(body, in.Members); err != nil {
		return nil, err
	}
	var out message
	var err error
	switch in := in.(type) {
	case *ListStreamsInput:
		out, err = l.ListStreams(in, now)
	case *DescribeStreamInput:
		out, err = l.DescribeStream(in, now)
	case *GetShardIteratorInput:
		it, e := l.GetShardIterator(in, now)
		out, err = &GetShardIteratorOutput{ShardIterator: it}, e
	case *GetRecordsInput:
		out, err = l.GetRecords(in, now)
	}
	if err != nil {
		return nil, err
	}
	return fieldtab.Encode(nil, out.Members), nil
}

// decode reads a request body by its field table (members); an empty
// body is {}. Malformed JSON or a member of the wrong type is a
// SerializationException, in the Streams API's own wording (not
// fieldtab.DecodeRequest's).
func decode(body []byte, members func(*fieldtab.Fields)) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	var r wire.Reader
	r.Reset(body)
	if r.Kind() != wire.Object {
		r.Mismatch(wire.ToMap)
	} else {
		var f fieldtab.Fields
		fieldtab.Decode(&f, &r, members)
	}
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

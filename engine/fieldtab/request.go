package fieldtab

import (
	"bytes"
	"errors"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// DecodeRequest decodes a JSON request body by its field table
// (members), as encoding/json did. Errors from
// attribute-value decoding (*ddberr.Error) pass through unchanged; every
// other decoding failure is a SerializationException: malformed JSON
// anywhere in the body first, else the first JSON type mismatch. An empty
// body is read as {}; a body that is not a JSON object (null included) is
// refused.
func DecodeRequest(body []byte, members func(*Fields)) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	d := new(decoder) // one allocation for the reader and the fields
	d.r.Reset(body)
	// A top-level null is not the request structure: it gets the answer of
	// every other body that is not a JSON object (the wire reader, as
	// encoding/json, would read it as an empty structure).
	topNull := d.r.Kind() == wire.Null
	Decode(&d.f, &d.r, members)
	err := d.r.End()
	if err == nil {
		if topNull {
			return ddberr.New(ddberr.TypeSerialization, MsgSerializationExpectedMap)
		}
		return nil
	}
	if err != wire.ErrSyntax && !wire.Valid(body) {
		err = wire.ErrSyntax
	}
	if de, ok := errors.AsType[*ddberr.Error](err); ok {
		return de
	}
	if te, ok := errors.AsType[*wire.TypeError](err); ok {
		return ddberr.New(ddberr.TypeSerialization, serializationTypeMessage(te))
	}
	return ddberr.New(ddberr.TypeSerialization, MsgSerializationMalformed)
}

// decoder is the state of DecodeRequest.
type decoder struct {
	r wire.Reader
	f Fields
}

// serializationTypeMessage words a JSON type mismatch as DynamoDB does:
// "NUMBER_VALUE cannot be converted to String", "Start of structure or map
// found where not expected." and so on.
func serializationTypeMessage(te *wire.TypeError) string {
	switch te.Value {
	case wire.Object:
		return MsgSerializationUnexpectedMap
	case wire.Array:
		return MsgSerializationUnexpectedList
	}
	switch te.Target {
	case wire.ToMap:
		return MsgSerializationExpectedMap
	case wire.ToList:
		return MsgSerializationExpectedList
	}
	token := map[wire.Kind]string{wire.Number: "NUMBER_VALUE", wire.String: "STRING_VALUE", wire.Bool: "TRUE_VALUE"}[te.Value]
	target := map[wire.Target]string{wire.ToString: "String", wire.ToBool: "Boolean", wire.ToLong: "Long"}[te.Target]
	return token + " cannot be converted to " + target
}

package engine

import (
	"slices"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// opFunc runs one operation on a DynamoDB JSON request body and appends
// its response to dst; on an error what it appended is garbage.
type opFunc func(db *DB, dst, body []byte) ([]byte, error)

// ops maps operation names ("PutItem") to their handlers. It is filled by
// register from init functions and read-only afterwards.
var ops = map[string]opFunc{}

// opInputs maps operation names to a function returning a new request
// (*In of register), for Parameters and the tests.
var opInputs = map[string]func() any{}

// register makes the operation name reachable through Handle: the request
// body is decoded into a new In by its field table (its members method;
// package fieldtab), fn runs, and its *Out writes its JSON by its field
// table too, optional members left out as DynamoDB does, unless it has
// an appendJSON method of its own (jsonAppender: Query and Scan write
// their items straight from the stored records, the single-item
// operations grow the buffer once). Neither uses encoding/json or
// reflection, which are slow and large in the browser's WebAssembly
// build. Call it from an init function of the operation's file;
// registering a name twice panics, and types without a field table do
// not compile.
//
// Only the small function below is compiled once per operation (In and
// Out are structs of their own shapes); handler, which decodes, runs and
// writes, is compiled once for all of them, and so is adapt (its type
// parameters are pointers, which share one shape). One generic handler
// per operation cost ~20 KB gzip -9 in the browser's module.
func register[In, Out any, PIn interface {
	*In
	message
}, POut interface {
	*Out
	message
}](name string, fn func(db *DB, in PIn) (POut, error)) {
	registerOp(name, func() any { return PIn(new(In)) }, adapt(fn))
}

// registerPkg is register for an operation whose request and response
// declare their field tables with an exported method, Members (Message):
// types of another package (tags, ttl, account, statement, batch). The
// response is written by its field table.
func registerPkg[In, Out any, PIn interface {
	*In
	Message
}, POut interface {
	*Out
	Message
}](name string, fn func(db *DB, in PIn) (POut, error)) {
	registerOp(name, func() any { return PIn(new(In)) }, adapt(fn))
}

// Message is a request or response type of another package than engine:
// Members declares its field table, one member line per field
// (fieldtab.Field).
type Message interface{ Members(f *fieldtab.Fields) }

// adapt returns fn with its request and response as interfaces; a nil
// *Out becomes a nil response.
func adapt[PIn, POut any](fn func(db *DB, in PIn) (POut, error)) func(*DB, any) (any, error) {
	return func(db *DB, in any) (any, error) {
		out, err := fn(db, in.(PIn))
		if err != nil {
			return nil, err
		}
		var none POut
		if any(out) == any(none) {
			return nil, nil
		}
		return out, nil
	}
}

// registerOp registers the operation name (see register): newIn returns
// a new request, run runs it.
func registerOp(name string, newIn func() any, run func(*DB, any) (any, error)) {
	if _, dup := ops[name]; dup {
		panic("engine: operation registered twice: " + name)
	}
	opInputs[name] = newIn
	ops[name] = handler(newIn, run)
}

// handler returns the opFunc of an operation: it decodes the body into a
// new request, runs the operation and appends its response.
func handler(newIn func() any, run func(*DB, any) (any, error)) opFunc {
	return func(db *DB, dst, body []byte) ([]byte, error) {
		in := newIn()
		if err := decodeRequest(body, in); err != nil {
			return nil, err
		}
		out, err := run(db, in)
		if err != nil {
			return nil, ddberr.As(err)
		}
		if out == nil {
			return append(dst, "{}"...), nil
		}
		b, err := appendOutput(dst, out)
		if err != nil {
			return nil, ddberr.As(err)
		}
		return b, nil
	}
}

// membersOf returns the field table of v, a request or response: its
// members method (a type of package engine) or its Members method
// (another package's, Message); nil for a type with neither.
func membersOf(v any) func(f *fields) {
	switch v := v.(type) {
	case message:
		return v.members
	case Message:
		return v.Members
	}
	return nil
}

// appendOutput appends the JSON of out: by its appendJSON method
// (jsonAppender), else by its field table.
func appendOutput(dst []byte, out any) ([]byte, error) {
	if o, ok := out.(jsonAppender); ok {
		return o.appendJSON(dst)
	}
	return fieldtab.Encode(dst, membersOf(out)), nil
}

// jsonAppender is an output that writes its own JSON rather than by its
// field table alone (QueryOutput and ScanOutput write their items
// straight from the stored records).
// appendJSON appends to dst exactly the bytes encoding/json without HTML
// escaping gave for the output (the tests keep encoding/json as the
// oracle).
type jsonAppender interface {
	appendJSON(dst []byte) ([]byte, error)
}

// Operations returns the names of every registered operation, sorted.
func Operations() []string {
	names := make([]string, 0, len(ops))
	for n := range ops {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Handle runs the operation op (e.g. "PutItem") on a DynamoDB JSON request
// body and returns the DynamoDB JSON response body. Every error is a
// *ddberr.Error: malformed JSON is SerializationException, an unknown
// operation UnknownOperationException. An empty body is read as {}; a body
// that is not a JSON object (null too) is a SerializationException.
func (db *DB) Handle(op string, body []byte) ([]byte, error) {
	return db.HandleAppend(nil, op, body)
}

// HandleAppend is Handle appending the response body to dst (which may be
// a reused buffer: the response never shares memory with the DB, so the
// caller may reuse it once done). On an error, the returned slice is nil
// and what dst's spare capacity holds is undefined.
func (db *DB) HandleAppend(dst []byte, op string, body []byte) ([]byte, error) {
	if sop, ok := strings.CutPrefix(op, StreamsTargetPrefix); ok {
		out, err := db.handleStreams(sop, body)
		if err != nil {
			return nil, err
		}
		return append(dst, out...), nil
	}
	if out, ok := db.shortItemOp(dst, op, body); ok {
		return out, nil
	}
	fn, ok := ops[op]
	if !ok {
		return nil, ddberr.New(ddberr.TypeUnknownOperation, msgUnknownOperation)
	}
	out, err := fn(db, dst, body)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeRequest decodes a JSON request body into in, a request, by its
// field table (fieldtab.DecodeRequest).
func decodeRequest(body []byte, in any) error { return fieldtab.DecodeRequest(body, membersOf(in)) }

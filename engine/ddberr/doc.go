// Package ddberr is the one error type of ddbplay: a DynamoDB error with its
// wire type name (the part after '#' in "__type"), its message and its HTTP
// status.
//
// Every error an operation returns to a client is an *Error. Use the
// sentinels with errors.Is:
//
//	if errors.Is(err, ddberr.ErrConditionalCheckFailed) { … }
//
// Sprintf words the messages as fmt.Sprintf would, for the few verbs they
// use, so that the engine needs neither fmt nor reflect.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/wire
//	must not import: engine/attr, engine/expr, engine/storage, engine/snapshot, net/http, syscall/js, encoding/json, fmt, reflect
//
// (wire is its string quoter.)
package ddberr

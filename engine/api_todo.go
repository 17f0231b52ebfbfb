package engine

import "time"

// This file holds the agreed exported API of the engine for the web and
// wasm packages. The ops owner gives it real bodies in proper files and
// deletes this file.

// Options configure a DB.
type Options struct {
	// Now is the engine's clock (TTL expiry, CreationDateTime, idempotency
	// windows). Nil means time.Now. Tests and tutorials move it forward
	// instead of waiting.
	Now func() time.Time
	// Region and AccountID appear in ARNs; defaults "us-east-1" and "000000000000".
	Region    string
	AccountID string
}

// DB is an in-memory DynamoDB. It is safe for concurrent use.
type DB struct{ _ int }

// New returns an empty DB.
func New(opts Options) *DB { panic("todo") }

// Handle runs the operation op (e.g. "PutItem") on a DynamoDB JSON request
// body and returns the DynamoDB JSON response body. Every error is a
// *ddberr.Error: malformed JSON is SerializationException, an unknown
// operation UnknownOperationException.
func (db *DB) Handle(op string, body []byte) ([]byte, error) { panic("todo") }

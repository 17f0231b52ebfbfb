package engine

import (
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// The ClientRequestToken of TransactWriteItems: the DB remembers successful
// requests (DB.tokens, package idempotency) for idempotency.Window.

// fingerprint renders a request without its ClientRequestToken, to compare
// two requests carrying the same token: its JSON as its field table
// writes it (every member in declaration order, maps in sorted key
// order), so that two requests have the same fingerprint exactly when
// their parameters are equal, and a new member counts without a line here.
func fingerprint(in *TransactWriteItemsInput) string {
	c := *in
	c.ClientRequestToken = nil
	return string(encodeMembers(nil, &c))
}

// idempotentResult looks up token: ok is false when the token is unknown
// or older than the idempotency window (the request then runs); otherwise
// the first result is returned again when in matches the first request,
// and IdempotentParameterMismatchException when it does not. The caller
// holds the write lock.
func (db *DB) idempotentResult(token string, in *TransactWriteItemsInput) (*TransactWriteItemsOutput, bool, error) {
	out, found, mismatch := db.tokens.Lookup(clockNow(db), token, fingerprint(in))
	if mismatch {
		return nil, true, ddberr.New(ddberr.TypeIdempotentParameterMismatch, msgIdempotentMismatch)
	}
	return out, found, nil
}

// rememberResult records the result of a successful request sent with
// token. The caller holds the write lock.
func (db *DB) rememberResult(token string, in *TransactWriteItemsInput, out *TransactWriteItemsOutput) {
	db.tokens.Remember(clockNow(db), token, fingerprint(in), out)
}

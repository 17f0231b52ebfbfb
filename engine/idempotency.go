package engine

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/idempotency"
)

// The ClientRequestToken of TransactWriteItems: the DB remembers successful
// requests (DB.tokens, package idempotency) for idempotency.Window.

// fingerprint renders a request without its ClientRequestToken, to compare
// two requests carrying the same token: every member in a fixed order,
// strings quoted, maps in sorted key order, so that two requests have the
// same fingerprint exactly when their parameters are equal.
func fingerprint(in *TransactWriteItemsInput) string {
	var b []byte
	for _, ti := range in.TransactItems {
		switch {
		case ti.ConditionCheck != nil:
			c := ti.ConditionCheck
			b = append(b, "C"...)
			b = idempotency.AppendAction(b, c.TableName, c.Key, nil, c.ConditionExpression, c.ExpressionAttributeNames, attr.Item(c.ExpressionAttributeValues), c.ReturnValuesOnConditionCheckFailure)
		case ti.Put != nil:
			p := ti.Put
			b = append(b, "P"...)
			b = idempotency.AppendAction(b, p.TableName, p.Item, nil, p.ConditionExpression, p.ExpressionAttributeNames, attr.Item(p.ExpressionAttributeValues), p.ReturnValuesOnConditionCheckFailure)
		case ti.Update != nil:
			u := ti.Update
			b = append(b, "U"...)
			b = idempotency.AppendAction(b, u.TableName, u.Key, u.UpdateExpression, u.ConditionExpression, u.ExpressionAttributeNames, attr.Item(u.ExpressionAttributeValues), u.ReturnValuesOnConditionCheckFailure)
		case ti.Delete != nil:
			d := ti.Delete
			b = append(b, "D"...)
			b = idempotency.AppendAction(b, d.TableName, d.Key, nil, d.ConditionExpression, d.ExpressionAttributeNames, attr.Item(d.ExpressionAttributeValues), d.ReturnValuesOnConditionCheckFailure)
		default:
			b = append(b, "-"...)
		}
	}
	b = append(b, ';')
	b = attr.AppendString(b, in.ReturnConsumedCapacity)
	b = attr.AppendString(b, in.ReturnItemCollectionMetrics)
	return string(b)
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

package engine

import (
	"maps"
	"slices"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// idempotencyWindow is how long a ClientRequestToken is remembered,
// measured on the engine clock (Options.Now).
const idempotencyWindow = 10 * time.Minute

// tokenEntry is what a DB remembers of a successful TransactWriteItems
// sent with a ClientRequestToken (DB.tokens).
type tokenEntry struct {
	at          int64  // when, in Unix nanoseconds on the engine clock
	fingerprint string // the request, ClientRequestToken left out
	out         *TransactWriteItemsOutput
}

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
			b = appendWriteAction(b, c.TableName, c.Key, nil, c.ConditionExpression, c.ExpressionAttributeNames, c.ExpressionAttributeValues, c.ReturnValuesOnConditionCheckFailure)
		case ti.Put != nil:
			p := ti.Put
			b = append(b, "P"...)
			b = appendWriteAction(b, p.TableName, p.Item, nil, p.ConditionExpression, p.ExpressionAttributeNames, p.ExpressionAttributeValues, p.ReturnValuesOnConditionCheckFailure)
		case ti.Update != nil:
			u := ti.Update
			b = append(b, "U"...)
			b = appendWriteAction(b, u.TableName, u.Key, u.UpdateExpression, u.ConditionExpression, u.ExpressionAttributeNames, u.ExpressionAttributeValues, u.ReturnValuesOnConditionCheckFailure)
		case ti.Delete != nil:
			d := ti.Delete
			b = append(b, "D"...)
			b = appendWriteAction(b, d.TableName, d.Key, nil, d.ConditionExpression, d.ExpressionAttributeNames, d.ExpressionAttributeValues, d.ReturnValuesOnConditionCheckFailure)
		default:
			b = append(b, "-"...)
		}
	}
	b = append(b, ';')
	b = attr.AppendString(b, in.ReturnConsumedCapacity)
	b = attr.AppendString(b, in.ReturnItemCollectionMetrics)
	return string(b)
}

// appendWriteAction appends the members of one transaction action to a
// fingerprint.
func appendWriteAction(b []byte, table string, item attr.Item, update, cond *string, names map[string]string, values ExpressionValues, rv string) []byte {
	b = attr.AppendString(b, table)
	b = attr.AppendItemJSON(b, item)
	for _, s := range [2]*string{update, cond} {
		if s == nil {
			b = append(b, '-')
		} else {
			b = attr.AppendString(b, *s)
		}
	}
	keys := slices.Sorted(maps.Keys(names))
	b = append(b, '{')
	for _, k := range keys {
		b = attr.AppendString(b, k)
		b = attr.AppendString(b, names[k])
	}
	b = append(b, '}')
	b = attr.AppendItemJSON(b, attr.Item(values))
	return attr.AppendString(b, rv)
}

// idempotentResult looks up token: ok is false when the token is unknown
// or older than the idempotency window (the request then runs); otherwise
// the first result is returned again when in matches the first request,
// and IdempotentParameterMismatchException when it does not. Expired
// tokens are forgotten. The caller holds the write lock.
func (db *DB) idempotentResult(token string, in *TransactWriteItemsInput) (*TransactWriteItemsOutput, bool, error) {
	now := clockNow(db).UnixNano()
	for k, e := range db.tokens {
		if now-e.at >= int64(idempotencyWindow) {
			delete(db.tokens, k)
		}
	}
	e, ok := db.tokens[token]
	if !ok {
		return nil, false, nil
	}
	if e.fingerprint != fingerprint(in) {
		return nil, true, ddberr.New(ddberr.TypeIdempotentParameterMismatch, msgIdempotentMismatch)
	}
	return e.out, true, nil
}

// rememberResult records the result of a successful request sent with
// token. The caller holds the write lock.
func (db *DB) rememberResult(token string, in *TransactWriteItemsInput, out *TransactWriteItemsOutput) {
	if db.tokens == nil {
		db.tokens = map[string]tokenEntry{}
	}
	db.tokens[token] = tokenEntry{at: clockNow(db).UnixNano(), fingerprint: fingerprint(in), out: out}
}

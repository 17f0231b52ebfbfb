// Package idempotency remembers the results of requests sent with a client
// token (TransactWriteItems' ClientRequestToken) for DynamoDB's idempotency
// window, 10 minutes on the engine clock: a repeat of the same request
// gets the first result again without writing, a different request with
// the same token gets a mismatch. The engine keeps one Tokens in its DB
// and gives each request's fingerprint (its JSON without the token).
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      the standard library only
//	must not import: engine/expr, engine/storage, engine/snapshot, encoding/json, fmt, reflect, net/http, syscall/js
package idempotency

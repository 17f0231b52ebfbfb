package idempotency

import (
	"time"
)

// Window is how long a token is remembered, measured on the engine clock.
const Window = 10 * time.Minute

// Tokens remembers the result of each successful request sent with a
// token, with the request's fingerprint. The zero Tokens is empty. It is
// not safe for concurrent use: the engine holds its write lock.
type Tokens[T any] struct {
	m map[string]entry[T]
}

// entry is what Tokens remembers of one request.
type entry[T any] struct {
	at          int64  // when, in Unix nanoseconds on the engine clock
	fingerprint string // the request, its token left out
	out         T
}

// Lookup forgets the tokens older than Window at now, then looks token
// up: found is false when it is unknown (the request then runs);
// otherwise out is the first request's result when fingerprint is the
// first request's, and mismatch is true when it is not (DynamoDB's
// IdempotentParameterMismatchException).
func (t *Tokens[T]) Lookup(now time.Time, token, fingerprint string) (out T, found, mismatch bool) {
	ns := now.UnixNano()
	for k, e := range t.m {
		if ns-e.at >= int64(Window) {
			delete(t.m, k)
		}
	}
	e, ok := t.m[token]
	if !ok {
		return out, false, false
	}
	if e.fingerprint != fingerprint {
		return out, true, true
	}
	return e.out, true, false
}

// Remember records out, the result of a successful request with
// fingerprint sent with token at now.
func (t *Tokens[T]) Remember(now time.Time, token, fingerprint string, out T) {
	if t.m == nil {
		t.m = map[string]entry[T]{}
	}
	t.m[token] = entry[T]{at: now.UnixNano(), fingerprint: fingerprint, out: out}
}

package engine

import (
	"encoding/json"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// idempotencyWindow is how long a ClientRequestToken is remembered,
// measured on the engine clock (Options.Now).
const idempotencyWindow = 10 * time.Minute

// tokenEntry is what a DB remembers of a successful TransactWriteItems
// sent with a ClientRequestToken.
type tokenEntry struct {
	at          time.Time
	fingerprint string // the request, ClientRequestToken left out
	out         *TransactWriteItemsOutput
}

// tokenCache holds one DB's remembered tokens. It is used only under the
// DB's write lock.
type tokenCache struct {
	entries map[string]tokenEntry
}

// tokenCaches maps each live DB to its tokens. The DB is held weakly, and
// its entry is removed when it is garbage collected, so the cache needs no
// field in DB.
var tokenCaches struct {
	sync.Mutex
	m map[weak.Pointer[DB]]*tokenCache
}

// tokens returns db's token cache, creating it on first use.
func (db *DB) tokens() *tokenCache {
	tokenCaches.Lock()
	defer tokenCaches.Unlock()
	if tokenCaches.m == nil {
		tokenCaches.m = map[weak.Pointer[DB]]*tokenCache{}
	}
	k := weak.Make(db)
	c := tokenCaches.m[k]
	if c == nil {
		c = &tokenCache{entries: map[string]tokenEntry{}}
		tokenCaches.m[k] = c
		runtime.AddCleanup(db, func(k weak.Pointer[DB]) {
			tokenCaches.Lock()
			delete(tokenCaches.m, k)
			tokenCaches.Unlock()
		}, k)
	}
	return c
}

// fingerprint renders a request without its ClientRequestToken, to compare
// two requests carrying the same token.
func fingerprint(in *TransactWriteItemsInput) string {
	c := *in
	c.ClientRequestToken = nil
	b, err := json.Marshal(&c)
	if err != nil {
		return ""
	}
	return string(b)
}

// idempotentResult looks up token: ok is false when the token is unknown
// or older than the idempotency window (the request then runs); otherwise
// the first result is returned again when in matches the first request,
// and IdempotentParameterMismatchException when it does not. Expired
// tokens are forgotten. The caller holds the write lock.
func (db *DB) idempotentResult(token string, in *TransactWriteItemsInput) (*TransactWriteItemsOutput, bool, error) {
	c := db.tokens()
	now := db.now()
	for k, e := range c.entries {
		if now.Sub(e.at) >= idempotencyWindow {
			delete(c.entries, k)
		}
	}
	e, ok := c.entries[token]
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
	db.tokens().entries[token] = tokenEntry{at: db.now(), fingerprint: fingerprint(in), out: out}
}

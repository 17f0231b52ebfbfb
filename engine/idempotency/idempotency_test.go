package idempotency

import (
	"testing"
	"time"
)

// TestTokens_Window: a token's first result comes back for the same
// fingerprint, a different fingerprint is a mismatch, and the token is
// forgotten once Window has passed since it was remembered.
func TestTokens_Window(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	var tk Tokens[string]
	if _, found, _ := tk.Lookup(t0, "a", "f"); found {
		t.Fatal("empty Tokens found a token")
	}
	tk.Remember(t0, "a", "f", "first")
	for _, c := range []struct {
		at              time.Duration
		fingerprint     string
		out             string
		found, mismatch bool
	}{
		{time.Second, "f", "first", true, false},
		{time.Minute, "g", "", true, true},
		{Window - time.Nanosecond, "f", "first", true, false},
		{Window, "f", "", false, false},
	} {
		out, found, mismatch := tk.Lookup(t0.Add(c.at), "a", c.fingerprint)
		if out != c.out || found != c.found || mismatch != c.mismatch {
			t.Errorf("Lookup after %v with %q = %q, %v, %v; want %q, %v, %v", c.at, c.fingerprint, out, found, mismatch, c.out, c.found, c.mismatch)
		}
	}
}

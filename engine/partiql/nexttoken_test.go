package partiql

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// TestNextToken_RoundTrip: a token decodes to what it was made from; text
// that is not a token is refused.
func TestNextToken_RoundTrip(t *testing.T) {
	for _, tok := range []NextToken{{}, {Hash: 3}, {Hash: 0, Key: attr.Item{"pk": attr.S("a"), "sk": attr.S("é")}}} {
		got, ok := ParseNextToken(tok.String())
		if !ok || !sameToken(got, tok) {
			t.Errorf("ParseNextToken(%v.String()) = %v, %v", tok, got, ok)
		}
	}
	for _, s := range []string{"", "!", "LTE6e30", "YWJj", "MTp7", "LTE6bnVsbA"} {
		if got, ok := ParseNextToken(s); ok {
			t.Errorf("ParseNextToken(%q) = %v, want refused", s, got)
		}
	}
}

// FuzzParseNextToken: no input panics, and a token accepted encodes back
// to one that decodes to the same value.
func FuzzParseNextToken(f *testing.F) {
	f.Add(NextToken{Hash: 2, Key: attr.Item{"pk": attr.S("a")}}.String())
	f.Add(NextToken{}.String())
	f.Add("MTp7fQ")
	f.Fuzz(func(t *testing.T, s string) {
		tok, ok := ParseNextToken(s)
		if !ok {
			return
		}
		again, ok := ParseNextToken(tok.String())
		if !ok || !sameToken(again, tok) {
			t.Errorf("%q: %v re-encoded decodes to %v, %v", s, tok, again, ok)
		}
	})
}

// sameToken reports whether a and b are the same token. Keys compare by
// attr.Equal: a decoded value may carry a hint (attr.Value.KnownPlain)
// that an equal one made otherwise lacks.
func sameToken(a, b NextToken) bool {
	return a.Hash == b.Hash && (a.Key == nil) == (b.Key == nil) && attr.Equal(attr.M(a.Key), attr.M(b.Key))
}

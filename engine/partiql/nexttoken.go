package partiql

import (
	"encoding/base64"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// NextToken is the content of ExecuteStatement's NextToken for a SELECT
// plan: which of a Query plan's partition-key values (HashValues) to read
// next, and the key to resume after in it (nil: from its start). A Scan
// plan's token has Hash 0.
type NextToken struct {
	Hash int
	Key  attr.Item
}

// String encodes t as the opaque text DynamoDB clients send back:
// "<hash>:<key JSON>" in unpadded base64url.
func (t NextToken) String() string {
	b := strconv.AppendInt(nil, int64(t.Hash), 10)
	b = append(b, ':')
	b = attr.AppendItemJSON(b, t.Key)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseNextToken decodes a token String made; ok is false for anything
// else (the engine answers ValidationException).
func ParseNextToken(s string) (t NextToken, ok bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return NextToken{}, false
	}
	for i, c := range raw {
		if c != ':' {
			continue
		}
		n, err := strconv.Atoi(string(raw[:i]))
		if err != nil || n < 0 {
			break
		}
		t.Hash = n
		if err := t.Key.UnmarshalJSON(raw[i+1:]); err != nil {
			break
		}
		if len(t.Key) == 0 {
			t.Key = nil
		}
		return t, true
	}
	return NextToken{}, false
}

// Package shortreq reads the commonest item requests as the SDKs send
// them — {"TableName":"…","Key":{…}} and {"TableName":"…","Item":{…}},
// compact, nothing else — for the engine's short paths (engine/shortitem.go,
// native builds only): the table name and the item's members in name
// order (attr.DecodeMembers), and the primary key's values among them.
// Whatever it does not take it leaves to the engine's general path, which
// decodes the request afresh and gives DynamoDB's answer.
//
// Imports (make check verifies them; see internal/importcheck):
//
//	may import:      engine/attr, engine/schema, engine/validate
//	must not import: engine/snapshot, engine/expr, net/http, syscall/js, encoding/json, fmt, reflect
package shortreq

import (
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/schema"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// Schema is what KeyValues needs of a table's primary key: the names of
// its attributes and their types (Range "" and RangeType 0 without a
// sort key).
type Schema struct {
	Hash, Range         string
	HashType, RangeType attr.Type
}

// KeyValues returns the values of the primary key attributes of s in ms,
// an item's members, if it holds them with their types and valid values —
// what the engine's checkItemKey (whole false) or checkKey (whole: the key
// attributes and nothing else) accept; ok false otherwise. sk is the zero
// Value without a sort key.
func KeyValues(s Schema, ms []attr.Member, whole bool) (pk, sk attr.Value, ok bool) {
	n := 0
	for _, m := range ms {
		hash := m.Name == s.Hash
		if !hash && (s.Range == "" || m.Name != s.Range) {
			continue
		}
		want := s.HashType
		if !hash {
			want = s.RangeType
		}
		if m.Value.Type() != want || schema.CheckKeyValue(m.Name, m.Value, hash) != nil {
			return pk, sk, false
		}
		if hash {
			pk = m.Value
		} else {
			sk = m.Value
		}
		n++
	}
	want := 1
	if s.Range != "" {
		want = 2
	}
	return pk, sk, n == want && (!whole || len(ms) == want)
}

// Parse parses body as exactly {"TableName":"name","member":{…}}
// (the two in either order, nothing else, no white space between them
// or around the object but what DecodeMembers takes before it),
// decoding the object of member by attr.DecodeMembers (into ms while it
// has room). It returns the table name's bytes (a name DynamoDB's rule
// admits, written without escapes) and the item; ok false for anything
// else, a rule broken in the object included.
func Parse(body []byte, member string, ms []attr.Member) (name []byte, item attr.Members, ok bool) {
	if len(body) < 2 || body[0] != '{' {
		return nil, attr.Members{}, false
	}
	const tableName = `"TableName":"`
	var haveName, haveItem bool
	for i := 1; ; {
		switch rest := body[i:]; {
		case !haveName && len(rest) > len(tableName) && string(rest[:len(tableName)]) == tableName:
			i += len(tableName)
			j := i
			for j < len(body) && body[j] != '"' {
				if c := body[j]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
					return nil, attr.Members{}, false
				}
				j++
			}
			if j == len(body) || j-i < validate.TableNameMin || j-i > validate.TableNameMax {
				return nil, attr.Members{}, false
			}
			name, haveName, i = body[i:j], true, j+1
		case !haveItem && len(rest) > len(member)+3 && rest[0] == '"' && string(rest[1:1+len(member)]) == member &&
			rest[1+len(member)] == '"' && rest[2+len(member)] == ':':
			i += len(member) + 3
			n, got, err := attr.DecodeMembers(body[i:], ms)
			if err != nil {
				return nil, attr.Members{}, false
			}
			item, haveItem, i = got, true, i+n
		default:
			return nil, attr.Members{}, false
		}
		if i < len(body) && body[i] == ',' {
			i++
			continue
		}
		if i == len(body)-1 && body[i] == '}' && haveName && haveItem {
			return name, item, true
		}
		return nil, attr.Members{}, false
	}
}

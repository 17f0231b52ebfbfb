package validate

import (
	"maps"
	"slices"
	"strings"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Length bounds of a table name.
const (
	TableNameMin = 3
	TableNameMax = 255
)

// Violations collects request-level constraint failures and words them
// as DynamoDB does: "1 validation error detected: Value 'ab' at
// 'tableName' failed to satisfy constraint: Member must have length
// greater than or equal to 3", or "2 validation errors detected: …; …".
type Violations struct{ msgs []string }

// Add records that value (already rendered: "'ab'" or "null") at member
// failed constraint.
func (v *Violations) Add(value, member, constraint string) {
	v.msgs = append(v.msgs, ddberr.Sprintf(msgViolationFmt, value, member, constraint))
}

// Err returns the collected failures as one ValidationException, or nil.
func (v *Violations) Err() error {
	switch len(v.msgs) {
	case 0:
		return nil
	case 1:
		return ddberr.Validation(msgOneViolationFmt, v.msgs[0])
	}
	return ddberr.Validation(msgViolationsFmt, len(v.msgs), strings.Join(v.msgs, "; "))
}

// Quote renders a string value for a violation message.
func Quote(s string) string { return "'" + s + "'" }

// TableName checks a table name at member (e.g. "tableName"): not empty,
// 3–255 characters of [a-zA-Z0-9_.-]. An empty name counts as null.
func (v *Violations) TableName(member, name string) {
	v.Name(member, name, TableNameMin, TableNameMax)
}

// EmptyName stands, in a decoded TableName, for the empty string given
// as the name (""), which DynamoDB refuses for its length, apart from a
// name left out (""), which it refuses as null. It is not valid UTF-8
// and holds NULs: no name a client means is mistaken for it.
const EmptyName = "\x00\xff(empty)\xff\x00"

// Name checks a table or index name at member against DynamoDB's pattern
// and the length bounds min..max. A TableName given as "" (EmptyName) is
// refused for its length alone, as DynamoDB words it: its TableName
// members now take 1 to 1024 characters (a name or an ARN).
func (v *Violations) Name(member, name string, min, max int) {
	if name == "" {
		v.Add("null", member, NotNull)
		return
	}
	if name == EmptyName {
		v.Add("''", member, ddberr.Sprintf(MinLenFmt, 1))
		return
	}
	if !ValidName(name) {
		v.Add(Quote(name), member, NameRe)
	}
	if len(name) < min {
		v.Add(Quote(name), member, ddberr.Sprintf(MinLenFmt, min))
	}
	if len(name) > max {
		v.Add(Quote(name), member, ddberr.Sprintf(MaxLenFmt, max))
	}
}

// Enum checks that s, when not empty, is one of allowed.
func (v *Violations) Enum(member, s string, allowed ...string) {
	if s == "" {
		return
	}
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	v.Add(Quote(s), member, ddberr.Sprintf(EnumFmt, strings.Join(allowed, ", ")))
}

// ReturnConsumedCapacity checks a ReturnConsumedCapacity member: "" or
// one of INDEXES, TOTAL, NONE.
func (v *Violations) ReturnConsumedCapacity(s string) {
	v.Enum("returnConsumedCapacity", s, "INDEXES", "TOTAL", "NONE")
}

// ReturnValuesOnFailure checks a ReturnValuesOnConditionCheckFailure
// member: "", ALL_OLD or NONE.
func (v *Violations) ReturnValuesOnFailure(s string) {
	v.Enum("returnValuesOnConditionCheckFailure", s, "ALL_OLD", "NONE")
}

// ReturnItemCollectionMetrics checks a ReturnItemCollectionMetrics
// member: "", SIZE or NONE.
func (v *Violations) ReturnItemCollectionMetrics(s string) {
	v.Enum("returnItemCollectionMetrics", s, "SIZE", "NONE")
}

// ValidName reports whether s consists of [a-zA-Z0-9_.-] only.
func ValidName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// RequestTables records the violations of a batch's RequestItems map being
// null or empty, and returns its table names sorted (the order in which
// they are checked and processed).
func RequestTables[V any](v *Violations, m map[string]V) []string {
	switch {
	case m == nil:
		v.Add("null", "requestItems", NotNull)
	case len(m) == 0:
		v.Add("'{}'", "requestItems", ddberr.Sprintf(MinLenFmt, 1))
	}
	return slices.Sorted(maps.Keys(m))
}

package tags

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// Limits of the tagging operations (DynamoDB's API model).
const (
	arnMax         = 1283
	keyMax         = 128
	valueMax       = 256
	maxTagsPerPage = 100
	// maxTags and reservedPrefix are the Developer Guide's tagging
	// restrictions: at most 50 tags per resource, and the aws: prefix is
	// AWS's own.
	maxTags        = 50
	reservedPrefix = "aws:"
)

// Tag is one tag of a resource. Both members are required in requests
// (nil is reported as null) and always set in answers.
type Tag struct {
	Key   *string `json:"Key"`
	Value *string `json:"Value"`
}

// TableTag is one of CreateTable's Tags.
type TableTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// The field tables of Tag and TableTag, and of their lists.
var (
	CodecTag = fieldtab.Codec[Tag]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(Tag{}), At: fieldtab.GrowAt[Tag],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*Tag)(p)
			fieldtab.Field(f, "Key", unsafe.Pointer(&t.Key), &fieldtab.StringPtr.X, 0)
			fieldtab.Field(f, "Value", unsafe.Pointer(&t.Value), &fieldtab.StringPtr.X, 0)
		}}}
	CodecTagList = fieldtab.Codec[[]Tag]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecTag.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}

	CodecTableTag = fieldtab.Codec[TableTag]{X: fieldtab.Erased{Kind: fieldtab.KObj, Size: unsafe.Sizeof(TableTag{}), At: fieldtab.GrowAt[TableTag],
		Members: func(p unsafe.Pointer, f *fieldtab.Fields) {
			t := (*TableTag)(p)
			fieldtab.Field(f, "Key", unsafe.Pointer(&t.Key), &fieldtab.String.X, 0)
			fieldtab.Field(f, "Value", unsafe.Pointer(&t.Value), &fieldtab.String.X, 0)
		}}}
	CodecTableTagList = fieldtab.Codec[[]TableTag]{X: fieldtab.Erased{Kind: fieldtab.KList, Elem: &CodecTableTag.X, Size: fieldtab.SliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// CheckTagResource validates a TagResource request: the member
// constraints, then at least one tag, then the restrictions of each tag
// (Check).
func CheckTagResource(arn string, tags []Tag) error {
	var v validate.Violations
	checkArn(&v, arn)
	if tags == nil {
		v.Add("null", "tags", validate.NotNull)
	}
	for i, tg := range tags {
		member := ddberr.Sprintf("tags.%d.member.", i+1)
		if tg.Key == nil {
			v.Add("null", member+"key", validate.NotNull)
		} else {
			checkKey(&v, member+"key", *tg.Key)
		}
		if tg.Value == nil {
			v.Add("null", member+"value", validate.NotNull)
		} else {
			checkValue(&v, member+"value", *tg.Value)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if len(tags) == 0 {
		return ddberr.Validation(msgTagsEmpty)
	}
	for _, tg := range tags {
		if err := Check(*tg.Key, *tg.Value); err != nil {
			return err
		}
	}
	return nil
}

// CheckUntagResource validates an UntagResource request.
func CheckUntagResource(arn string, keys []string) error {
	var v validate.Violations
	checkArn(&v, arn)
	if keys == nil {
		v.Add("null", "tagKeys", validate.NotNull)
	}
	for i, k := range keys {
		checkKey(&v, ddberr.Sprintf("tagKeys.%d.member", i+1), k)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if len(keys) == 0 {
		return ddberr.Validation(msgTagKeysEmpty)
	}
	return nil
}

// CheckListTags validates a ListTagsOfResource request and returns where
// its page starts: NextToken is the count of tags already returned.
func CheckListTags(arn string, nextToken *string) (start int, err error) {
	var v validate.Violations
	checkArn(&v, arn)
	if err := v.Err(); err != nil {
		return 0, err
	}
	if nextToken != nil {
		n, err := strconv.Atoi(*nextToken)
		if err != nil || n < 0 {
			return 0, ddberr.Validation(msgInvalidTokenFmt, *nextToken)
		}
		start = n
	}
	return start, nil
}

// Add adds tags (checked by CheckTagResource) to set, replacing the
// values of keys it already has, and returns the set (made if set was
// nil). A set that would hold more than 50 tags is refused and left as it
// was.
func Add(set map[string]string, tags []Tag) (map[string]string, error) {
	keys := make([]string, len(tags))
	for i, tg := range tags {
		keys[i] = *tg.Key
	}
	if err := checkCount(set, keys); err != nil {
		return set, err
	}
	if set == nil {
		set = make(map[string]string, len(tags))
	}
	for _, tg := range tags {
		set[*tg.Key] = *tg.Value
	}
	return set, nil
}

// Page returns the tags of set sorted by key, up to 100 from start, and
// the NextToken of the next page (nil on the last).
func Page(set map[string]string, start int) ([]Tag, *string) {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := []Tag{}
	for i := start; i < len(keys) && len(out) < maxTagsPerPage; i++ {
		value := set[keys[i]]
		out = append(out, Tag{Key: &keys[i], Value: &value})
	}
	if next := start + len(out); next < len(keys) {
		tok := strconv.Itoa(next)
		return out, &tok
	}
	return out, nil
}

// checkArn checks a ResourceArn member: not null, 1 to 1283 characters.
func checkArn(v *validate.Violations, arn string) {
	switch {
	case arn == "":
		v.Add("null", "resourceArn", validate.NotNull)
	case len(arn) > arnMax:
		v.Add(validate.Quote(arn), "resourceArn", ddberr.Sprintf(validate.MaxLenFmt, arnMax))
	}
}

// checkKey checks a tag key at member: 1 to 128 characters.
func checkKey(v *validate.Violations, member, key string) {
	switch {
	case key == "":
		v.Add(validate.Quote(key), member, ddberr.Sprintf(validate.MinLenFmt, 1))
	case utf8.RuneCountInString(key) > keyMax:
		v.Add(validate.Quote(key), member, ddberr.Sprintf(validate.MaxLenFmt, keyMax))
	}
}

// checkValue checks a tag value at member: up to 256 characters.
func checkValue(v *validate.Violations, member, value string) {
	if utf8.RuneCountInString(value) > valueMax {
		v.Add(validate.Quote(value), member, ddberr.Sprintf(validate.MaxLenFmt, valueMax))
	}
}

// Check applies the Developer Guide's tagging restrictions beyond the
// lengths to one tag: a key may not start with "aws:", and keys and values
// hold only letters, numbers, spaces and + - = . _ : / (see chars).
func Check(key, value string) error {
	if strings.HasPrefix(key, reservedPrefix) {
		return ddberr.Validation(msgTagReservedFmt, key)
	}
	if !chars(key) {
		return ddberr.Validation(msgTagCharsFmt, "key", key)
	}
	if !chars(value) {
		return ddberr.Validation(msgTagCharsFmt, "value", value)
	}
	return nil
}

// chars reports whether s holds only the characters a tag may have.
// Outside ASCII every character is taken as a letter, a number or a space
// (sparing the wasm module the Unicode tables).
func chars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(" +-=._:/", c) >= 0) {
			return false
		}
	}
	return true
}

// checkCount refuses tagging that would leave a table with more than 50
// tags: existing are its tags, keys those being added or replaced.
func checkCount(existing map[string]string, keys []string) error {
	n := len(existing)
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		if _, ok := existing[k]; !ok && !seen[k] {
			seen[k] = true
			n++
		}
	}
	if n > maxTags {
		return ddberr.Validation(msgTagLimitFmt, maxTags, n)
	}
	return nil
}

// CheckTableTags records the length violations of CreateTable's Tags in
// v; CheckTableTagRules checks the rest once they are valid.
func CheckTableTags(v *validate.Violations, tags []TableTag) {
	for i, tg := range tags {
		member := ddberr.Sprintf("tags.%d.member.", i+1)
		checkKey(v, member+"key", tg.Key)
		checkValue(v, member+"value", tg.Value)
	}
}

// CheckTableTagRules applies Check and the 50-tag limit to CreateTable's
// Tags, once their lengths are valid.
func CheckTableTagRules(tags []TableTag) error {
	keys := make([]string, len(tags))
	for i, tg := range tags {
		if err := Check(tg.Key, tg.Value); err != nil {
			return err
		}
		keys[i] = tg.Key
	}
	return checkCount(nil, keys)
}

// TableName returns the name of the table a table ARN
// ("arn:aws:dynamodb:<region>:<account>:table/<name>") names. An ARN that
// is not a DynamoDB table ARN is a ValidationException; the caller looks
// the table up and answers NotFound when it has no such table, or one of
// another region or account.
func TableName(arn string) (string, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "dynamodb" ||
		parts[3] == "" || parts[4] == "" || !strings.HasPrefix(parts[5], "table/") {
		return "", ddberr.Validation(msgInvalidArnFmt, arn)
	}
	name := strings.TrimPrefix(parts[5], "table/")
	if name == "" || strings.Contains(name, "/") || !validate.ValidName(name) {
		return "", ddberr.Validation(msgInvalidArnFmt, arn)
	}
	return name, nil
}

// NotFound is the ResourceNotFoundException of a table ARN that names no
// table.
func NotFound(arn string) error {
	return ddberr.New(ddberr.TypeResourceNotFound, ddberr.Sprintf(msgArnNotFoundFmt, arn))
}

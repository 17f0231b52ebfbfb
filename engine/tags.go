package engine

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

// Tagging: TagResource, UntagResource and ListTagsOfResource on table ARNs
// ("arn:aws:dynamodb:<region>:<account>:table/<name>").

func init() {
	register("TagResource", (*DB).TagResource)
	register("UntagResource", (*DB).UntagResource)
	register("ListTagsOfResource", (*DB).ListTagsOfResource)
}

// Limits of the tagging operations (DynamoDB's API model).
const (
	arnMax         = 1283
	tagKeyMax      = 128
	tagValueMax    = 256
	maxTagsPerPage = 100
	// maxTags and reservedTagPrefix are the Developer Guide's tagging
	// restrictions: at most 50 tags per resource, and the aws: prefix is
	// AWS's own.
	maxTags           = 50
	reservedTagPrefix = "aws:"
)

// Tag is one tag of a resource. Both members are required in requests
// (nil is reported as null) and always set in answers.
type Tag struct {
	Key   *string `json:"Key"`
	Value *string `json:"Value"`
}

var (
	cTag = codec[Tag]{X: erased{Kind: kObj, Size: unsafe.Sizeof(Tag{}), At: fieldtab.GrowAt[Tag],
		Members: func(p unsafe.Pointer, f *fields) {
			t := (*Tag)(p)
			member(f, "Key", &t.Key, &cStringPtr, 0)
			member(f, "Value", &t.Value, &cStringPtr, 0)
		}}}
	cTagList = codec[[]Tag]{X: erased{Kind: kList, Elem: &cTag.X, Size: sliceSize, At: fieldtab.GrowAt[[]byte]}}
)

// TagResourceInput is the TagResource request.
type TagResourceInput struct {
	ResourceArn string `json:"ResourceArn"`
	Tags        []Tag  `json:"Tags"`
}

func (in *TagResourceInput) members(f *fields) {
	member(f, "ResourceArn", &in.ResourceArn, &cString, 0)
	member(f, "Tags", &in.Tags, &cTagList, 0)
}

// TagResourceOutput is the (empty) TagResource answer.
type TagResourceOutput struct{}

func (o *TagResourceOutput) appendJSON(dst []byte) ([]byte, error) { return append(dst, "{}"...), nil }

// UntagResourceInput is the UntagResource request.
type UntagResourceInput struct {
	ResourceArn string   `json:"ResourceArn"`
	TagKeys     []string `json:"TagKeys"`
}

func (in *UntagResourceInput) members(f *fields) {
	member(f, "ResourceArn", &in.ResourceArn, &cString, 0)
	member(f, "TagKeys", &in.TagKeys, &cStrings, 0)
}

// UntagResourceOutput is the (empty) UntagResource answer.
type UntagResourceOutput struct{}

func (o *UntagResourceOutput) appendJSON(dst []byte) ([]byte, error) {
	return append(dst, "{}"...), nil
}

// ListTagsOfResourceInput is the ListTagsOfResource request.
type ListTagsOfResourceInput struct {
	ResourceArn string  `json:"ResourceArn"`
	NextToken   *string `json:"NextToken,omitempty"`
}

func (in *ListTagsOfResourceInput) members(f *fields) {
	member(f, "ResourceArn", &in.ResourceArn, &cString, 0)
	member(f, "NextToken", &in.NextToken, &cStringPtr, omitEmpty)
}

// ListTagsOfResourceOutput is the ListTagsOfResource answer.
type ListTagsOfResourceOutput struct {
	Tags      []Tag   `json:"Tags"`
	NextToken *string `json:"NextToken,omitempty"`
}

func (o *ListTagsOfResourceOutput) members(f *fields) {
	member(f, "Tags", &o.Tags, &cTagList, 0)
	member(f, "NextToken", &o.NextToken, &cStringPtr, omitEmpty)
}

func (o *ListTagsOfResourceOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

// TagResource adds tags to a table, replacing the values of keys it
// already has.
func (db *DB) TagResource(in *TagResourceInput) (*TagResourceOutput, error) {
	var v violations
	v.arn(in.ResourceArn)
	if in.Tags == nil {
		v.Add("null", "tags", validate.NotNull)
	}
	for i, tg := range in.Tags {
		member := ddberr.Sprintf("tags.%d.member.", i+1)
		if tg.Key == nil {
			v.Add("null", member+"key", validate.NotNull)
		} else {
			v.tagKey(member+"key", *tg.Key)
		}
		if tg.Value == nil {
			v.Add("null", member+"value", validate.NotNull)
		} else {
			v.tagValue(member+"value", *tg.Value)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(in.Tags) == 0 {
		return nil, ddberr.Validation(msgTagsEmpty)
	}
	for _, tg := range in.Tags {
		if err := checkTag(*tg.Key, *tg.Value); err != nil {
			return nil, err
		}
	}
	err := db.update(func(*txn) error {
		t, err := db.tableByArn(in.ResourceArn)
		if err != nil {
			return err
		}
		keys := make([]string, len(in.Tags))
		for i, tg := range in.Tags {
			keys[i] = *tg.Key
		}
		if err := checkTagCount(t.tags, keys); err != nil {
			return err
		}
		if t.tags == nil {
			t.tags = make(map[string]string, len(in.Tags))
		}
		for _, tg := range in.Tags {
			t.tags[*tg.Key] = *tg.Value
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &TagResourceOutput{}, nil
}

// UntagResource removes the tags with the given keys from a table; keys it
// does not have are ignored.
func (db *DB) UntagResource(in *UntagResourceInput) (*UntagResourceOutput, error) {
	var v violations
	v.arn(in.ResourceArn)
	if in.TagKeys == nil {
		v.Add("null", "tagKeys", validate.NotNull)
	}
	for i, k := range in.TagKeys {
		v.tagKey(ddberr.Sprintf("tagKeys.%d.member", i+1), k)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(in.TagKeys) == 0 {
		return nil, ddberr.Validation(msgTagKeysEmpty)
	}
	err := db.update(func(*txn) error {
		t, err := db.tableByArn(in.ResourceArn)
		if err != nil {
			return err
		}
		for _, k := range in.TagKeys {
			delete(t.tags, k)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &UntagResourceOutput{}, nil
}

// ListTagsOfResource returns a table's tags sorted by key, up to 100 a
// page; NextToken (the count of tags already returned) asks for the next.
func (db *DB) ListTagsOfResource(in *ListTagsOfResourceInput) (*ListTagsOfResourceOutput, error) {
	var v violations
	v.arn(in.ResourceArn)
	if err := v.Err(); err != nil {
		return nil, err
	}
	start := 0
	if in.NextToken != nil {
		n, err := strconv.Atoi(*in.NextToken)
		if err != nil || n < 0 {
			return nil, ddberr.Validation(msgInvalidTokenFmt, *in.NextToken)
		}
		start = n
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.tableByArn(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(t.tags))
	for k := range t.tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := &ListTagsOfResourceOutput{Tags: []Tag{}}
	for i := start; i < len(keys) && len(out.Tags) < maxTagsPerPage; i++ {
		value := t.tags[keys[i]]
		out.Tags = append(out.Tags, Tag{Key: &keys[i], Value: &value})
	}
	if next := start + len(out.Tags); next < len(keys) {
		tok := strconv.Itoa(next)
		out.NextToken = &tok
	}
	return out, nil
}

// arn checks a ResourceArn member: not null, 1 to 1283 characters.
func (v *violations) arn(arn string) {
	switch {
	case arn == "":
		v.Add("null", "resourceArn", validate.NotNull)
	case len(arn) > arnMax:
		v.Add(validate.Quote(arn), "resourceArn", ddberr.Sprintf(validate.MaxLenFmt, arnMax))
	}
}

// tagKey checks a tag key at member: 1 to 128 characters.
func (v *violations) tagKey(member, key string) {
	switch {
	case key == "":
		v.Add(validate.Quote(key), member, ddberr.Sprintf(validate.MinLenFmt, 1))
	case utf8.RuneCountInString(key) > tagKeyMax:
		v.Add(validate.Quote(key), member, ddberr.Sprintf(validate.MaxLenFmt, tagKeyMax))
	}
}

// tagValue checks a tag value at member: up to 256 characters.
func (v *violations) tagValue(member, value string) {
	if utf8.RuneCountInString(value) > tagValueMax {
		v.Add(validate.Quote(value), member, ddberr.Sprintf(validate.MaxLenFmt, tagValueMax))
	}
}

// checkTag applies the Developer Guide's tagging restrictions beyond the
// lengths to one tag: a key may not start with "aws:", and keys and values
// hold only letters, numbers, spaces and + - = . _ : / (see tagChars).
func checkTag(key, value string) error {
	if strings.HasPrefix(key, reservedTagPrefix) {
		return ddberr.Validation(msgTagReservedFmt, key)
	}
	if !tagChars(key) {
		return ddberr.Validation(msgTagCharsFmt, "key", key)
	}
	if !tagChars(value) {
		return ddberr.Validation(msgTagCharsFmt, "value", value)
	}
	return nil
}

// tagChars reports whether s holds only the characters a tag may have.
// Outside ASCII every character is taken as a letter, a number or a space
// (sparing the wasm module the Unicode tables).
func tagChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(" +-=._:/", c) >= 0) {
			return false
		}
	}
	return true
}

// checkTagCount refuses tagging that would leave a table with more than 50
// tags: existing are its tags, keys those being added or replaced.
func checkTagCount(existing map[string]string, keys []string) error {
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

// tableTags checks the lengths of CreateTable's Tags as violations of v;
// checkTableTagRules checks the rest once they are valid.
func (v *violations) tableTags(tags []TableTag) {
	for i, tg := range tags {
		member := ddberr.Sprintf("tags.%d.member.", i+1)
		v.tagKey(member+"key", tg.Key)
		v.tagValue(member+"value", tg.Value)
	}
}

// checkTableTagRules applies checkTag and the 50-tag limit to CreateTable's
// Tags, once their lengths are valid.
func checkTableTagRules(tags []TableTag) error {
	keys := make([]string, len(tags))
	for i, tg := range tags {
		if err := checkTag(tg.Key, tg.Value); err != nil {
			return err
		}
		keys[i] = tg.Key
	}
	return checkTagCount(nil, keys)
}

// tableByArn returns the table a table ARN names. An ARN that is not a
// DynamoDB table ARN is a ValidationException; a table ARN of another
// region or account, or of no table, is ResourceNotFoundException. The
// caller holds db.mu.
func (db *DB) tableByArn(arn string) (*table, error) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "dynamodb" ||
		parts[3] == "" || parts[4] == "" || !strings.HasPrefix(parts[5], "table/") {
		return nil, ddberr.Validation(msgInvalidArnFmt, arn)
	}
	name := strings.TrimPrefix(parts[5], "table/")
	if name == "" || strings.Contains(name, "/") || !validate.ValidName(name) {
		return nil, ddberr.Validation(msgInvalidArnFmt, arn)
	}
	t, ok := db.tables[name]
	if !ok || db.tableArn(name) != arn {
		return nil, ddberr.New(ddberr.TypeResourceNotFound, ddberr.Sprintf(msgArnNotFoundFmt, arn))
	}
	return t, nil
}

package engine

import (
	"github.com/ddbplay/ddbplay/engine/tags"
)

// Tagging: TagResource, UntagResource and ListTagsOfResource on table ARNs
// ("arn:aws:dynamodb:<region>:<account>:table/<name>"). Their rules and a
// table's tag set are package tags'; the tag sets live in the catalog.

func init() {
	register("TagResource", (*DB).TagResource)
	register("UntagResource", (*DB).UntagResource)
	register("ListTagsOfResource", (*DB).ListTagsOfResource)
}

// Tag is tags.Tag.
type Tag = tags.Tag

// TableTag is tags.TableTag.
type TableTag = tags.TableTag

// TagResourceInput is the TagResource request.
type TagResourceInput struct {
	ResourceArn string `json:"ResourceArn"`
	Tags        []Tag  `json:"Tags"`
}

func (in *TagResourceInput) members(f *fields) {
	member(f, "ResourceArn", &in.ResourceArn, &cString, 0)
	member(f, "Tags", &in.Tags, &tags.CodecTagList, 0)
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
	member(f, "Tags", &o.Tags, &tags.CodecTagList, 0)
	member(f, "NextToken", &o.NextToken, &cStringPtr, omitEmpty)
}

func (o *ListTagsOfResourceOutput) appendJSON(dst []byte) ([]byte, error) {
	return encodeMembers(dst, o), nil
}

// TagResource adds tags to a table, replacing the values of keys it
// already has.
func (db *DB) TagResource(in *TagResourceInput) (*TagResourceOutput, error) {
	if err := tags.CheckTagResource(in.ResourceArn, in.Tags); err != nil {
		return nil, err
	}
	err := db.update(func(*txn) error {
		t, err := db.tableByArn(in.ResourceArn)
		if err != nil {
			return err
		}
		t.tags, err = tags.Add(t.tags, in.Tags)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &TagResourceOutput{}, nil
}

// UntagResource removes the tags with the given keys from a table; keys it
// does not have are ignored.
func (db *DB) UntagResource(in *UntagResourceInput) (*UntagResourceOutput, error) {
	if err := tags.CheckUntagResource(in.ResourceArn, in.TagKeys); err != nil {
		return nil, err
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
	start, err := tags.CheckListTags(in.ResourceArn, in.NextToken)
	if err != nil {
		return nil, err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	t, err := db.tableByArn(in.ResourceArn)
	if err != nil {
		return nil, err
	}
	out := &ListTagsOfResourceOutput{}
	out.Tags, out.NextToken = tags.Page(t.tags, start)
	return out, nil
}

// tableByArn returns the table a table ARN names. An ARN that is not a
// DynamoDB table ARN is a ValidationException; a table ARN of another
// region or account, or of no table, is ResourceNotFoundException. The
// caller holds db.mu.
func (db *DB) tableByArn(arn string) (*table, error) {
	name, err := tags.TableName(arn)
	if err != nil {
		return nil, err
	}
	t, ok := db.tables[name]
	if !ok || db.tableArn(name) != arn {
		return nil, tags.NotFound(arn)
	}
	return t, nil
}

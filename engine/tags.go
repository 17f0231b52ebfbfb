package engine

import (
	"github.com/ddbplay/ddbplay/engine/tags"
)

// Tagging: TagResource, UntagResource and ListTagsOfResource are package
// tags' (its types, rules and operations); the tag sets live in the
// catalog (catalog.TableTags).

func init() {
	registerPkg("TagResource", (*DB).TagResource)
	registerPkg("UntagResource", (*DB).UntagResource)
	registerPkg("ListTagsOfResource", (*DB).ListTagsOfResource)
}

// The tagging types are package tags'.
type (
	Tag                      = tags.Tag
	TableTag                 = tags.TableTag
	TagResourceInput         = tags.TagResourceInput
	TagResourceOutput        = tags.TagResourceOutput
	UntagResourceInput       = tags.UntagResourceInput
	UntagResourceOutput      = tags.UntagResourceOutput
	ListTagsOfResourceInput  = tags.ListTagsOfResourceInput
	ListTagsOfResourceOutput = tags.ListTagsOfResourceOutput
)

// TagResource is tags.TagResource.
func (db *DB) TagResource(in *TagResourceInput) (*TagResourceOutput, error) {
	return tags.TagResource((*catalog)(db), in)
}

// UntagResource is tags.UntagResource.
func (db *DB) UntagResource(in *UntagResourceInput) (*UntagResourceOutput, error) {
	return tags.UntagResource((*catalog)(db), in)
}

// ListTagsOfResource is tags.ListTagsOfResource.
func (db *DB) ListTagsOfResource(in *ListTagsOfResourceInput) (*ListTagsOfResourceOutput, error) {
	return tags.ListTagsOfResource((*catalog)(db), in)
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
	if !ok {
		t = db.beingDeleted(name)
		ok = t != nil
	}
	if !ok || db.tableArn(name) != arn {
		return nil, tags.NotFound(arn)
	}
	return t, nil
}

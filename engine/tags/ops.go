package tags

import (
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The tagging operations: TagResource, UntagResource and
// ListTagsOfResource on table ARNs
// ("arn:aws:dynamodb:<region>:<account>:table/<name>"), with their
// requests and responses. The engine registers them and keeps the tag
// sets in its catalog (Catalog).

// Catalog is what the tagging operations need of the engine.
type Catalog interface {
	// TableTags runs fn on the tag set of the table that arn names (a
	// table ARN of another region or account, or of no table, is
	// NotFound): inside a write transaction when write is set (fn may
	// change the set; its error undoes nothing else), else under the
	// read lock.
	TableTags(arn string, write bool, fn func(set *map[string]string) error) error
}

// TagResourceInput is the TagResource request.
type TagResourceInput struct {
	ResourceArn string `json:"ResourceArn"`
	Tags        []Tag  `json:"Tags"`
}

// Members declares the request's field table.
func (in *TagResourceInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "ResourceArn", unsafe.Pointer(&in.ResourceArn), &fieldtab.String.X, 0)
	fieldtab.Field(f, "Tags", unsafe.Pointer(&in.Tags), &CodecTagList.X, 0)
}

// TagResourceOutput is the (empty) TagResource answer.
type TagResourceOutput struct{}

// Members declares the answer's (empty) field table.
func (*TagResourceOutput) Members(*fieldtab.Fields) {}

// UntagResourceInput is the UntagResource request.
type UntagResourceInput struct {
	ResourceArn string   `json:"ResourceArn"`
	TagKeys     []string `json:"TagKeys"`
}

// Members declares the request's field table.
func (in *UntagResourceInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "ResourceArn", unsafe.Pointer(&in.ResourceArn), &fieldtab.String.X, 0)
	fieldtab.Field(f, "TagKeys", unsafe.Pointer(&in.TagKeys), &fieldtab.Strings.X, 0)
}

// UntagResourceOutput is the (empty) UntagResource answer.
type UntagResourceOutput struct{}

// Members declares the answer's (empty) field table.
func (*UntagResourceOutput) Members(*fieldtab.Fields) {}

// ListTagsOfResourceInput is the ListTagsOfResource request.
type ListTagsOfResourceInput struct {
	ResourceArn string  `json:"ResourceArn"`
	NextToken   *string `json:"NextToken,omitempty"`
}

// Members declares the request's field table.
func (in *ListTagsOfResourceInput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "ResourceArn", unsafe.Pointer(&in.ResourceArn), &fieldtab.String.X, 0)
	fieldtab.Field(f, "NextToken", unsafe.Pointer(&in.NextToken), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
}

// ListTagsOfResourceOutput is the ListTagsOfResource answer.
type ListTagsOfResourceOutput struct {
	Tags      []Tag   `json:"Tags"`
	NextToken *string `json:"NextToken,omitempty"`
}

// Members declares the answer's field table.
func (o *ListTagsOfResourceOutput) Members(f *fieldtab.Fields) {
	fieldtab.Field(f, "Tags", unsafe.Pointer(&o.Tags), &CodecTagList.X, 0)
	fieldtab.Field(f, "NextToken", unsafe.Pointer(&o.NextToken), &fieldtab.StringPtr.X, fieldtab.OmitEmpty)
}

// TagResource adds tags to a table, replacing the values of keys it
// already has.
func TagResource(c Catalog, in *TagResourceInput) (*TagResourceOutput, error) {
	if err := CheckTagResource(in.ResourceArn, in.Tags); err != nil {
		return nil, err
	}
	err := c.TableTags(in.ResourceArn, true, func(set *map[string]string) (err error) {
		*set, err = Add(*set, in.Tags)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &TagResourceOutput{}, nil
}

// UntagResource removes the tags with the given keys from a table; keys it
// does not have are ignored.
func UntagResource(c Catalog, in *UntagResourceInput) (*UntagResourceOutput, error) {
	if err := CheckUntagResource(in.ResourceArn, in.TagKeys); err != nil {
		return nil, err
	}
	err := c.TableTags(in.ResourceArn, true, func(set *map[string]string) error {
		for _, k := range in.TagKeys {
			delete(*set, k)
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
func ListTagsOfResource(c Catalog, in *ListTagsOfResourceInput) (*ListTagsOfResourceOutput, error) {
	start, err := CheckListTags(in.ResourceArn, in.NextToken)
	if err != nil {
		return nil, err
	}
	out := &ListTagsOfResourceOutput{}
	err = c.TableTags(in.ResourceArn, false, func(set *map[string]string) error {
		out.Tags, out.NextToken = Page(*set, start)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

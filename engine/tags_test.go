package engine_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
)

const tagsArn = "arn:aws:dynamodb:us-east-1:000000000000:table/tagged"

// newTaggedTable returns a DB with the empty table "tagged".
func newTaggedTable(t *testing.T) *engine.DB {
	t.Helper()
	db := engine.New(engine.Options{})
	opOK(t, db, "CreateTable", `{"TableName":"tagged","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)
	return db
}

// listTags returns ListTagsOfResource's answer for tagsArn as JSON text.
func listTags(t *testing.T, db *engine.DB, extra string) string {
	t.Helper()
	out, err := db.Handle("ListTagsOfResource", []byte(`{"ResourceArn":"`+tagsArn+`"`+extra+`}`))
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestTags_Validation(t *testing.T) {
	db := newTaggedTable(t)
	long := strings.Repeat("k", 129)
	runErrorCases(t, db, []opErrorCase{
		{"tag: empty request", "TagResource", `{}`, "ValidationException",
			"2 validation errors detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'tags' failed to satisfy constraint: Member must not be null"},
		{"tag: no tags", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[]}`, "ValidationException",
			"Atleast one Tag needs to be provided as Input."},
		{"tag: empty key", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[{"Key":"a","Value":"b"},{"Key":"","Value":"v"}]}`, "ValidationException",
			"1 validation error detected: Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"tag: long key", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[{"Key":"` + long + `","Value":"v"}]}`, "ValidationException",
			"1 validation error detected: Value '" + long + "' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"tag: null key and value", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[{}]}`, "ValidationException",
			"2 validation errors detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"},
		{"tag: long value", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[{"Key":"k","Value":"` + strings.Repeat("v", 257) + `"}]}`, "ValidationException",
			"1 validation error detected: Value '" + strings.Repeat("v", 257) + "' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"tag: malformed ARN", "TagResource", `{"ResourceArn":"tagged","Tags":[{"Key":"k","Value":"v"}]}`, "ValidationException",
			"Invalid TableArn: Invalid ResourceArn provided as input tagged"},
		{"tag: index ARN", "TagResource", `{"ResourceArn":"` + tagsArn + `/index/i","Tags":[{"Key":"k","Value":"v"}]}`, "ValidationException",
			"Invalid TableArn: Invalid ResourceArn provided as input " + tagsArn + "/index/i"},
		{"tag: missing table", "TagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/nope","Tags":[{"Key":"k","Value":"v"}]}`,
			"ResourceNotFoundException", "Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:000000000000:table/nope not found"},
		{"tag: other region", "TagResource", `{"ResourceArn":"arn:aws:dynamodb:eu-west-1:000000000000:table/tagged","Tags":[{"Key":"k","Value":"v"}]}`,
			"ResourceNotFoundException", "Requested resource not found: ResourcArn: arn:aws:dynamodb:eu-west-1:000000000000:table/tagged not found"},
		{"untag: empty request", "UntagResource", `{}`, "ValidationException",
			"2 validation errors detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'tagKeys' failed to satisfy constraint: Member must not be null"},
		{"untag: no keys", "UntagResource", `{"ResourceArn":"` + tagsArn + `","TagKeys":[]}`, "ValidationException",
			"Atleast one Tag Key needs to be provided as Input."},
		{"untag: empty key", "UntagResource", `{"ResourceArn":"` + tagsArn + `","TagKeys":["a",""]}`, "ValidationException",
			"1 validation error detected: Value '' at 'tagKeys.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"untag: missing table", "UntagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/nope","TagKeys":["k"]}`,
			"ResourceNotFoundException", "Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:000000000000:table/nope not found"},
		{"list: no ARN", "ListTagsOfResource", `{}`, "ValidationException",
			"1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null"},
		{"list: bad token", "ListTagsOfResource", `{"ResourceArn":"` + tagsArn + `","NextToken":"x"}`, "ValidationException",
			"Invalid NextToken: x"},
		{"list: missing table", "ListTagsOfResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/nope"}`,
			"ResourceNotFoundException", "Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:000000000000:table/nope not found"},
	})
}

func TestTags_RoundTrip(t *testing.T) {
	db := newTaggedTable(t)
	steps := []struct {
		name, op, body string
		wantList       string
	}{
		{"none yet", "", "", `{"Tags":[]}`},
		{"tag two", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[{"Key":"team","Value":"a"},{"Key":"env","Value":""}]}`,
			`{"Tags":[{"Key":"env","Value":""},{"Key":"team","Value":"a"}]}`},
		{"overwrite one", "TagResource", `{"ResourceArn":"` + tagsArn + `","Tags":[{"Key":"team","Value":"b"}]}`,
			`{"Tags":[{"Key":"env","Value":""},{"Key":"team","Value":"b"}]}`},
		{"untag one and an absent key", "UntagResource", `{"ResourceArn":"` + tagsArn + `","TagKeys":["env","absent"]}`,
			`{"Tags":[{"Key":"team","Value":"b"}]}`},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.op != "" {
				if got := opOK(t, db, st.op, st.body); len(got) != 0 {
					t.Errorf("%s answered %v, want {}", st.op, got)
				}
			}
			if got := listTags(t, db, ""); got != st.wantList {
				t.Errorf("ListTagsOfResource = %s, want %s", got, st.wantList)
			}
		})
	}
}

func TestListTagsOfResource_Pages(t *testing.T) {
	// A table holds at most 50 tags, so one page (of up to 100) has them
	// all; a NextToken picks up after as many tags as it says.
	db := newTaggedTable(t)
	var tags []string
	for i := range 50 {
		tags = append(tags, fmt.Sprintf(`{"Key":"k%03d","Value":"v%d"}`, i, i))
	}
	opOK(t, db, "TagResource", `{"ResourceArn":"`+tagsArn+`","Tags":[`+strings.Join(tags, ",")+`]}`)
	for _, tt := range []struct {
		extra       string
		first, last string
		n           int
	}{{"", "k000", "k049", 50}, {`,"NextToken":"45"`, "k045", "k049", 5}} {
		var out struct {
			Tags      []struct{ Key, Value string }
			NextToken *string
		}
		if err := json.Unmarshal([]byte(listTags(t, db, tt.extra)), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Tags) != tt.n || out.Tags[0].Key != tt.first || out.Tags[len(out.Tags)-1].Key != tt.last || out.NextToken != nil {
			t.Errorf("ListTagsOfResource%s: %d tags, NextToken %v; want %d, %s..%s, no NextToken", tt.extra, len(out.Tags), out.NextToken, tt.n, tt.first, tt.last)
		}
	}
}

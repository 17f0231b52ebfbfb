package e2e

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestTags_SDK(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	arn := webHashTable(t, c, "tagged")
	list := func() map[string]string {
		t.Helper()
		out, err := c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: aws.String(arn)})
		if err != nil {
			t.Fatalf("ListTagsOfResource: %v", err)
		}
		m := map[string]string{}
		for _, tg := range out.Tags {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		return m
	}
	if got := list(); len(got) != 0 {
		t.Errorf("new table tags = %v, want none", got)
	}
	_, err := c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{
		{Key: aws.String("team"), Value: aws.String("storage")},
		{Key: aws.String("env"), Value: aws.String("dev")},
	}})
	if err != nil {
		t.Fatalf("TagResource: %v", err)
	}
	if got := list(); len(got) != 2 || got["team"] != "storage" || got["env"] != "dev" {
		t.Errorf("tags = %v, want team=storage env=dev", got)
	}
	if _, err := c.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: []string{"env"}}); err != nil {
		t.Fatalf("UntagResource: %v", err)
	}
	if got := list(); len(got) != 1 || got["team"] != "storage" {
		t.Errorf("tags after untag = %v, want team=storage", got)
	}

	errCases := []struct {
		name, arn         string
		wantCode, wantMsg string
	}{
		{"missing table", "arn:aws:dynamodb:us-east-1:000000000000:table/nope", "ResourceNotFoundException",
			"Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:000000000000:table/nope not found"},
		{"not an ARN", "tagged", "ValidationException", "Invalid TableArn: Invalid ResourceArn provided as input tagged"},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(tc.arn),
				Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
			if code, msg := apiErr(t, err); code != tc.wantCode || msg != tc.wantMsg {
				t.Errorf("TagResource: %s %q, want %s %q", code, msg, tc.wantCode, tc.wantMsg)
			}
		})
	}
}

// TestTags_CreateTable checks that tags given to CreateTable are listed.
func TestTags_CreateTable(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	out, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("born-tagged"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
		Tags:                 []types.Tag{{Key: aws.String("owner"), Value: aws.String("me")}},
	})
	if err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	waitForTable(t, c, "born-tagged")
	tags, err := c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: out.TableDescription.TableArn})
	if err != nil {
		t.Fatalf("ListTagsOfResource: %v", err)
	}
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "owner" || aws.ToString(tags.Tags[0].Value) != "me" {
		t.Errorf("tags = %+v, want owner=me", tags.Tags)
	}
}

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The divergences from DynamoDB found by trying ddbplay as a new user
// would, each with DynamoDB's answer.

// dvTable creates "Items" (pk S) with a GSI "ByG" on g (S) and sort key h (S).
func dvTable(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:   aws.String("Items"),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("h"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("ByG"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("h"), KeyType: types.KeyTypeRange}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDivergence_UpdateItemRemoveDoesNotCreate(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	for _, upd := range []string{"REMOVE a", "REMOVE a, b", "DELETE s :s"} {
		in := &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("ghost")},
			UpdateExpression: aws.String(upd), ReturnValues: types.ReturnValueAllNew}
		if strings.Contains(upd, ":s") {
			in.ExpressionAttributeValues = rdItem{":s": &types.AttributeValueMemberSS{Value: []string{"x"}}}
		}
		out, err := c.UpdateItem(ctx, in)
		if err != nil {
			t.Fatalf("%s: %v", upd, err)
		}
		if out.Attributes != nil {
			t.Errorf("%s: ALL_NEW returned %v for an item that does not exist", upd, out.Attributes)
		}
		got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("ghost")}})
		if err != nil || got.Item != nil {
			t.Fatalf("%s created the item: %v, %v", upd, got.Item, err)
		}
	}
	// SET still creates the item; REMOVE on it then works.
	if _, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("real")},
		UpdateExpression: aws.String("SET a = :v"), ExpressionAttributeValues: rdItem{":v": rdN("1")}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("real")},
		UpdateExpression: aws.String("REMOVE a"), ReturnValues: types.ReturnValueAllNew})
	if err != nil || len(out.Attributes) != 1 || rdShow(out.Attributes["pk"]) != "real" {
		t.Fatalf("REMOVE on an existing item: %v, %v", out, err)
	}
}

func TestDivergence_DeleteTableDescription(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	out, err := c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String("Items")})
	if err != nil {
		t.Fatal(err)
	}
	d := out.TableDescription
	if d.KeySchema != nil || d.AttributeDefinitions != nil || d.CreationDateTime != nil || d.GlobalSecondaryIndexes != nil || d.DeletionProtectionEnabled != nil {
		t.Errorf("DeleteTable's description has members DynamoDB leaves out: %+v", d)
	}
	if d.TableStatus != types.TableStatusDeleting || aws.ToString(d.TableName) != "Items" || aws.ToString(d.TableArn) == "" ||
		d.ProvisionedThroughput == nil || d.ItemCount == nil || d.TableSizeBytes == nil {
		t.Errorf("DeleteTable's description lacks DynamoDB's members: %+v", d)
	}
}

func TestDivergence_IndexKeyLengthLimits(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	long := strings.Repeat("x", 2049)
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS("a"), "g": rdS(long), "h": rdS("1")}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes" {
		t.Errorf("GSI partition key of 2049 bytes: %s %q", code, msg)
	}
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("a")},
		UpdateExpression: aws.String("SET g = :g, h = :h"), ExpressionAttributeValues: rdItem{":g": rdS("g"), ":h": rdS(long[:1025])}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes" {
		t.Errorf("GSI sort key of 1025 bytes: %s %q", code, msg)
	}
	if got, _ := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("a")}}); got.Item != nil {
		t.Errorf("a rejected write wrote %v", got.Item)
	}
	// At the limits exactly, the writes succeed.
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS("a"), "g": rdS(long[:2048]), "h": rdS(long[:1024])}}); err != nil {
		t.Errorf("index keys at the limits: %v", err)
	}
}

func TestDivergence_BatchAndScanMessages(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	var reqs []types.WriteRequest
	for i := range 26 {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: rdItem{"pk": rdS(fmt.Sprint(i))}}})
	}
	_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Items": reqs}})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.HasSuffix(msg,
		"at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]") {
		t.Errorf("26 writes to one table: %s %q", code, msg)
	}
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Limit: aws.Int32(0)})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1" {
		t.Errorf("Limit 0: %s %q", code, msg)
	}
	// A parallel scan's start key must lie in the segment scanned.
	for i := range 40 {
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS(fmt.Sprint(i))}}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(0), TotalSegments: aws.Int32(2), Limit: aws.Int32(1)})
	if err != nil || page.LastEvaluatedKey == nil {
		t.Fatalf("segment 0: %v, %v", page, err)
	}
	if _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(0), TotalSegments: aws.Int32(2), ExclusiveStartKey: page.LastEvaluatedKey}); err != nil {
		t.Errorf("the same segment's start key: %v", err)
	}
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(1), TotalSegments: aws.Int32(2), ExclusiveStartKey: page.LastEvaluatedKey})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 1" {
		t.Errorf("another segment's start key: %s %q", code, msg)
	}
	// Select SPECIFIC_ATTRIBUTES goes with ProjectionExpression.
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Select: types.SelectSpecificAttributes, ProjectionExpression: aws.String("pk"), Limit: aws.Int32(1)})
	if err != nil || len(out.Items) != 1 {
		t.Errorf("Select SPECIFIC_ATTRIBUTES with ProjectionExpression: %v, %v", out, err)
	}
}

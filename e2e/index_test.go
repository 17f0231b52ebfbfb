package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// rdByStatus queries GSI ByStatus of Orders for status and returns the
// "customer/order" of each entry, in index order.
func rdByStatus(t *testing.T, c *dynamodb.Client, status string) string {
	t.Helper()
	out, err := c.Query(context.Background(), &dynamodb.QueryInput{TableName: aws.String("Orders"), IndexName: aws.String("ByStatus"),
		KeyConditionExpression: aws.String("#s = :s"), ExpressionAttributeNames: map[string]string{"#s": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":s": rdS(status)}})
	if err != nil {
		t.Fatalf("Query ByStatus %s: %v", status, err)
	}
	s := ""
	for i, it := range out.Items {
		if i > 0 {
			s += ","
		}
		s += rdShow(it["customer"]) + "/" + rdShow(it["order"])
	}
	return s
}

func TestIndex_SparseGSI(t *testing.T) {
	c := rdOrdersClient(t)
	out, err := c.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String("Orders"), IndexName: aws.String("ByStatus")})
	if err != nil {
		t.Fatal(err)
	}
	// 6 OPEN orders of c1 and 2 SHIPPED of c2; the 6 orders without status are not in the index.
	if out.Count != 8 || out.ScannedCount != 8 {
		t.Errorf("got Count %d ScannedCount %d, want 8 and 8", out.Count, out.ScannedCount)
	}
	for _, it := range out.Items {
		if got := rdAttrs(it); got != "customer,order,status,total" {
			t.Errorf("got index entry attributes %s, want customer,order,status,total", got)
		}
	}
}

func TestIndex_MaintainedOnWrites(t *testing.T) {
	c := rdOrdersClient(t)
	ctx := context.Background()
	steps := []struct {
		name       string
		do         func() error
		open, done string
	}{
		{"initial", func() error { return nil }, "c1/2,c1/4,c1/6,c1/8,c1/10,c1/12", ""},
		{"update moves entry", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Orders"),
				Key:              rdItem{"customer": rdS("c1"), "order": rdN("4")},
				UpdateExpression: aws.String("SET #s = :d"), ExpressionAttributeNames: map[string]string{"#s": "status"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":d": rdS("DONE")}})
			return err
		}, "c1/2,c1/6,c1/8,c1/10,c1/12", "c1/4"},
		{"update adds entry", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Orders"),
				Key:              rdItem{"customer": rdS("c1"), "order": rdN("3")},
				UpdateExpression: aws.String("SET #s = :d"), ExpressionAttributeNames: map[string]string{"#s": "status"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":d": rdS("DONE")}})
			return err
		}, "c1/2,c1/6,c1/8,c1/10,c1/12", "c1/3,c1/4"},
		{"remove drops entry", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Orders"),
				Key:              rdItem{"customer": rdS("c1"), "order": rdN("6")},
				UpdateExpression: aws.String("REMOVE #s"), ExpressionAttributeNames: map[string]string{"#s": "status"}})
			return err
		}, "c1/2,c1/8,c1/10,c1/12", "c1/3,c1/4"},
		{"delete drops entry", func() error {
			_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Orders"),
				Key: rdItem{"customer": rdS("c1"), "order": rdN("8")}})
			return err
		}, "c1/2,c1/10,c1/12", "c1/3,c1/4"},
		{"put replaces entry", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Orders"), Item: rdOrder("c1", 2, "DONE", 1)})
			return err
		}, "c1/10,c1/12", "c1/2,c1/3,c1/4"},
		{"batch write", func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Orders": {
				{DeleteRequest: &types.DeleteRequest{Key: rdItem{"customer": rdS("c1"), "order": rdN("10")}}},
				{PutRequest: &types.PutRequest{Item: rdOrder("c3", 1, "OPEN", 1)}},
			}}})
			return err
		}, "c3/1,c1/12", "c1/2,c1/3,c1/4"},
		{"transaction", func() error {
			_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{Update: &types.Update{TableName: aws.String("Orders"), Key: rdItem{"customer": rdS("c1"), "order": rdN("12")},
					UpdateExpression: aws.String("SET #s = :d"), ExpressionAttributeNames: map[string]string{"#s": "status"},
					ExpressionAttributeValues: map[string]types.AttributeValue{":d": rdS("DONE")}}},
				{Delete: &types.Delete{TableName: aws.String("Orders"), Key: rdItem{"customer": rdS("c1"), "order": rdN("3")}}},
			}})
			return err
		}, "c3/1", "c1/2,c1/4,c1/12"},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := rdByStatus(t, c, "OPEN"); got != s.open {
			t.Errorf("after %s: OPEN entries %q, want %q", s.name, got, s.open)
		}
		if got := rdByStatus(t, c, "DONE"); got != s.done {
			t.Errorf("after %s: DONE entries %q, want %q", s.name, got, s.done)
		}
	}
}

func TestIndex_GSIOrderWithEqualSortKeys(t *testing.T) {
	c := newClient(t)
	rdOrdersTable(t, c)
	// Same status and order number in three partitions: the index keeps
	// every entry.
	rdPut(t, c, "Orders", rdOrder("z", 1, "OPEN", 1), rdOrder("a", 1, "OPEN", 1), rdOrder("m", 1, "OPEN", 1))
	got := strings.Split(rdByStatus(t, c, "OPEN"), ",")
	slices.Sort(got)
	if want := []string{"a/1", "m/1", "z/1"}; !slices.Equal(got, want) {
		t.Errorf("got entries %q, want %q", got, want)
	}
}

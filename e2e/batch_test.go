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

// rdKeysTable creates table name keyed id (S) only.
func rdKeysTable(t *testing.T, c *dynamodb.Client, name string) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{TableName: aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            rdKeySchema("id", ""), BillingMode: types.BillingModePayPerRequest})
	if err != nil {
		t.Fatalf("CreateTable %s: %v", name, err)
	}
	waitForTable(t, c, name)
}

func rdID(i int) rdItem { return rdItem{"id": rdS(fmt.Sprintf("id%03d", i))} }

func TestBatch_WriteThenGet(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "Left")
	rdKeysTable(t, c, "Right")
	var left, right []types.WriteRequest
	for i := 0; i < 15; i++ {
		it := rdID(i)
		it["v"] = rdN(fmt.Sprint(i))
		left = append(left, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		if i < 10 {
			right = append(right, types.WriteRequest{PutRequest: &types.PutRequest{Item: rdID(i)}})
		}
	}
	out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Left": left, "Right": right},
		ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.UnprocessedItems) != 0 {
		t.Errorf("got UnprocessedItems %v, want none", out.UnprocessedItems)
	}
	units := map[string]float64{}
	for _, cc := range out.ConsumedCapacity {
		units[aws.ToString(cc.TableName)] = aws.ToFloat64(cc.CapacityUnits)
	}
	if units["Left"] != 15 || units["Right"] != 10 {
		t.Errorf("got capacity %v, want Left 15 and Right 10", units)
	}
	// Delete two, then read 5 present and 1 missing key.
	_, err = c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Left": {
		{DeleteRequest: &types.DeleteRequest{Key: rdID(0)}}, {DeleteRequest: &types.DeleteRequest{Key: rdID(1)}}}}})
	if err != nil {
		t.Fatal(err)
	}
	get, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		"Left":  {Keys: []rdItem{rdID(0), rdID(1), rdID(2), rdID(3)}, ProjectionExpression: aws.String("v")},
		"Right": {Keys: []rdItem{rdID(0), rdID(99)}, ConsistentRead: aws.Bool(true)},
	}, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	if err != nil {
		t.Fatal(err)
	}
	if got := rdCol(get.Responses["Left"], "v"); got != "2,3" {
		t.Errorf("got Left v %q, want 2,3", got)
	}
	if got := rdCol(get.Responses["Right"], "id"); got != "id000" {
		t.Errorf("got Right ids %q, want id000", got)
	}
	units = map[string]float64{}
	for _, cc := range get.ConsumedCapacity {
		units[aws.ToString(cc.TableName)] = aws.ToFloat64(cc.CapacityUnits)
	}
	if units["Left"] != 2 || units["Right"] != 2 {
		t.Errorf("got read capacity %v, want Left 2 (4 eventually consistent reads) and Right 2 (2 consistent)", units)
	}
}

func TestBatch_Errors(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "Left")
	keys := func(n int) []rdItem {
		var ks []rdItem
		for i := 0; i < n; i++ {
			ks = append(ks, rdID(i))
		}
		return ks
	}
	puts := func(ids ...int) []types.WriteRequest {
		var w []types.WriteRequest
		for _, i := range ids {
			w = append(w, types.WriteRequest{PutRequest: &types.PutRequest{Item: rdID(i)}})
		}
		return w
	}
	many := make([]int, 26)
	for i := range many {
		many[i] = i
	}
	cases := []struct {
		name string
		call func() error
		code string
		msg  string
	}{
		{"get duplicates", func() error {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
				"Left": {Keys: []rdItem{rdID(1), rdID(2), rdID(1)}}}})
			return err
		}, "ValidationException", "Provided list of item keys contains duplicates"},
		{"get too many keys", func() error {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
				"Left": {Keys: keys(101)}}})
			return err
		}, "ValidationException", "1 validation error detected: Value '101 keys' at 'requestItems.Left.member.keys' failed to satisfy constraint: Member must have length less than or equal to 100"},
		{"get unknown table", func() error {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
				"Nope": {Keys: keys(1)}}})
			return err
		}, "ResourceNotFoundException", "Requested resource not found"},
		{"write duplicates", func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
				"Left": append(puts(7, 8), types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: rdID(7)}})}})
			return err
		}, "ValidationException", "Provided list of item keys contains duplicates"},
		{"write too many across tables", func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Left": puts(many[:13]...), "Right": puts(many[13:]...)}})
			return err
		}, "ValidationException", "Too many items requested for the BatchWriteItem call"},
		{"write item too large", func() error {
			big := rdID(6)
			big["blob"] = rdS(strings.Repeat("x", 400*1024))
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
				"Left": append(puts(5), types.WriteRequest{PutRequest: &types.PutRequest{Item: big}})}})
			return err
		}, "ValidationException", "Item size has exceeded the maximum allowed size"},
		{"write missing key", func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
				"Left": append(puts(5), types.WriteRequest{PutRequest: &types.PutRequest{Item: rdItem{"other": rdS("x")}}})}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Missing the key id in the item"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rdWant(t, tc.call(), tc.code, tc.msg)
		})
	}
	// No rejected batch wrote anything.
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Left"), Select: types.SelectCount})
	if err != nil {
		t.Fatal(err)
	}
	if out.Count != 0 {
		t.Errorf("got %d items after rejected batches, want 0", out.Count)
	}
}

func TestBatch_UnprocessedKeysPastSixteenMegabytes(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "Big")
	blob := rdS(strings.Repeat("x", 390*1024))
	var keys []rdItem
	for i := 0; i < 50; i++ {
		it := rdID(i)
		it["blob"] = blob
		rdPut(t, c, "Big", it)
		keys = append(keys, rdID(i))
	}
	read := 0
	in := &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"Big": {Keys: keys, ProjectionExpression: aws.String("id")}}}
	var rounds []int
	for len(in.RequestItems) > 0 && len(rounds) < 10 {
		out, err := c.BatchGetItem(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		rounds = append(rounds, len(out.Responses["Big"]))
		read += len(out.Responses["Big"])
		in.RequestItems = out.UnprocessedKeys
	}
	// 390 KB items: 42 stay under 16 MB, the 43rd reaches it.
	if len(rounds) != 2 || rounds[0] != 43 || read != 50 {
		t.Errorf("got items per round %v (total %d), want [43 7]", rounds, read)
	}
}

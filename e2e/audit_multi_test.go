package e2e

// Audit (R1) of issue 4 over the AWS SDK for Go v2: per-table options of
// BatchGetItem, all-or-nothing validation of BatchWriteItem across tables,
// transaction cancellation reasons and limits, write capacity of updates
// and deletes (with index breakdowns) and item collection metrics.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// auCount returns the number of items in table (a consistent Scan).
func auCount(t *testing.T, c *dynamodb.Client, table string) int32 {
	t.Helper()
	out, err := c.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(table), Select: types.SelectCount, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatalf("Scan %s: %v", table, err)
	}
	return out.Count
}

func TestAudit_BatchGetPerTableOptions(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "One")
	rdKeysTable(t, c, "Two")
	for i := range 3 {
		it := rdID(i)
		it["a"], it["b"] = rdS(fmt.Sprint("a", i)), rdS(fmt.Sprint("b", i))
		rdPut(t, c, "One", it)
		rdPut(t, c, "Two", it)
	}
	out, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
		"One": {Keys: []rdItem{rdID(0), rdID(1), rdID(7)}, ProjectionExpression: aws.String("#a"), ExpressionAttributeNames: map[string]string{"#a": "a"}, ConsistentRead: aws.Bool(true)},
		"Two": {Keys: []rdItem{rdID(2)}, AttributesToGet: []string{"b", "id"}},
	}, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	if err != nil {
		t.Fatalf("BatchGetItem: %v", err)
	}
	var one []string
	for _, it := range out.Responses["One"] {
		one = append(one, rdAttrs(it)+"="+rdShow(it["a"]))
	}
	sortStrings(one)
	if got := strings.Join(one, " "); got != "a=a0 a=a1" {
		t.Errorf("One: %s, want a=a0 a=a1", got)
	}
	if len(out.Responses["Two"]) != 1 || rdAttrs(out.Responses["Two"][0]) != "b,id" {
		t.Errorf("Two: %v, want one item with b,id", out.Responses["Two"])
	}
	units := map[string]float64{}
	for _, cc := range out.ConsumedCapacity {
		units[aws.ToString(cc.TableName)] = aws.ToFloat64(cc.CapacityUnits)
	}
	// One: 3 strongly consistent reads (the missing key counts too); Two: one eventually consistent read.
	if units["One"] != 3 || units["Two"] != 0.5 {
		t.Errorf("capacity %v, want One 3 and Two 0.5", units)
	}
	if len(out.UnprocessedKeys) != 0 {
		t.Errorf("UnprocessedKeys = %v, want none", out.UnprocessedKeys)
	}

	keys := func(n int) []rdItem {
		var ks []rdItem
		for i := range n {
			ks = append(ks, rdID(i))
		}
		return ks
	}
	cases := []struct {
		name string
		in   map[string]types.KeysAndAttributes
		msg  string
	}{
		{"more than 100 keys across tables", map[string]types.KeysAndAttributes{"One": {Keys: keys(60)}, "Two": {Keys: keys(41)}},
			"Too many items requested for the BatchGetItem call"},
		{"legacy and expression in one table", map[string]types.KeysAndAttributes{"One": {Keys: keys(1), AttributesToGet: []string{"a"}, ProjectionExpression: aws.String("a")}},
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
		{"unused name", map[string]types.KeysAndAttributes{"One": {Keys: keys(1), ProjectionExpression: aws.String("a"), ExpressionAttributeNames: map[string]string{"#b": "b"}}},
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"},
		{"wrong key", map[string]types.KeysAndAttributes{"One": {Keys: []rdItem{{"nope": rdS("x")}}}},
			"The provided key element does not match the schema"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: tc.in})
			coreWant(t, err, "ValidationException", tc.msg)
		})
	}
	if _, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"One": {Keys: keys(50)}, "Two": {Keys: keys(50)}}}); err != nil {
		t.Errorf("100 keys across two tables: %v", err)
	}
}

func TestAudit_BatchWriteValidatedAcrossTables(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "One")
	rdKeysTable(t, c, "Two")
	put := func(id string) types.WriteRequest {
		return types.WriteRequest{PutRequest: &types.PutRequest{Item: rdItem{"id": rdS(id)}}}
	}
	del := func(id string) types.WriteRequest {
		return types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: rdItem{"id": rdS(id)}}}
	}
	cases := []struct {
		name      string
		in        map[string][]types.WriteRequest
		code, msg string
	}{
		{"missing table after a good one", map[string][]types.WriteRequest{"One": {put("a")}, "Nope": {put("a")}},
			"ResourceNotFoundException", "Requested resource not found"},
		{"bad key in the second table", map[string][]types.WriteRequest{"One": {put("a")}, "Two": {{PutRequest: &types.PutRequest{Item: rdItem{"id": rdN("1")}}}}},
			"ValidationException", "One or more parameter values were invalid: Type mismatch for key id expected: S actual: N"},
		{"put and delete of one item", map[string][]types.WriteRequest{"One": {put("a"), put("b"), del("a")}},
			"ValidationException", "Provided list of item keys contains duplicates"},
		{"26 requests across tables", map[string][]types.WriteRequest{"One": func() []types.WriteRequest {
			var w []types.WriteRequest
			for i := range 13 {
				w = append(w, put(fmt.Sprint(i)))
			}
			return w
		}(), "Two": func() []types.WriteRequest {
			var w []types.WriteRequest
			for i := range 13 {
				w = append(w, put(fmt.Sprint(i)))
			}
			return w
		}()}, "ValidationException", "Too many items requested for the BatchWriteItem call"},
		{"neither put nor delete", map[string][]types.WriteRequest{"One": {put("a"), {}}},
			"ValidationException", "Supplied WriteRequest must contain exactly one of PutRequest or DeleteRequest"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: tc.in})
			coreWant(t, err, tc.code, tc.msg)
			if n1, n2 := auCount(t, c, "One"), auCount(t, c, "Two"); n1 != 0 || n2 != 0 {
				t.Errorf("a rejected batch wrote %d and %d items", n1, n2)
			}
		})
	}
	out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
		"One": {put("same"), put("x")}, "Two": {put("same"), del("never-there")}}})
	if err != nil || len(out.UnprocessedItems) != 0 {
		t.Fatalf("the same key in two tables: %v, unprocessed %v", err, out.UnprocessedItems)
	}
	if n1, n2 := auCount(t, c, "One"), auCount(t, c, "Two"); n1 != 2 || n2 != 1 {
		t.Errorf("items after the batch: %d and %d, want 2 and 1", n1, n2)
	}
}

func TestAudit_TransactCancellationReasons(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "Txn")
	rdPut(t, c, "Txn", rdItem{"id": rdS("s"), "v": rdS("text")}, rdItem{"id": rdS("n"), "v": rdN("5")})
	tbl := aws.String("Txn")
	key := func(id string) rdItem { return rdItem{"id": rdS(id)} }
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: tbl, Item: rdItem{"id": rdS("new")}}},
		{Update: &types.Update{TableName: tbl, Key: key("s"), UpdateExpression: aws.String("ADD v :one"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": rdN("1")}}},
		{ConditionCheck: &types.ConditionCheck{TableName: tbl, Key: key("n"), ConditionExpression: aws.String("v > :ten"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":ten": rdN("10")}, ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
		{Delete: &types.Delete{TableName: tbl, Key: key("missing"), ConditionExpression: aws.String("attribute_exists(id)"),
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld}},
	}})
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		t.Fatalf("got %v, want TransactionCanceledException", err)
	}
	var got []string
	for _, r := range tce.CancellationReasons {
		got = append(got, fmt.Sprintf("%s|%s|%s", aws.ToString(r.Code), aws.ToString(r.Message), render(r.Item)))
	}
	want := []string{
		"None||<nil>",
		"ValidationError|An operand in the update expression has an incorrect data type|<nil>",
		"ConditionalCheckFailed|The conditional request failed|{id:S(n) v:N(5)}",
		"ConditionalCheckFailed|The conditional request failed|<nil>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CancellationReasons:\n got  %q\n want %q", got, want)
	}
	if msg := tce.ErrorMessage(); msg != "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError, ConditionalCheckFailed, ConditionalCheckFailed]" {
		t.Errorf("message %q", msg)
	}
	if n := auCount(t, c, "Txn"); n != 2 {
		t.Errorf("%d items after a cancelled transaction, want 2", n)
	}

	var hundredAndOne []types.TransactWriteItem
	var gets []types.TransactGetItem
	for i := range 101 {
		hundredAndOne = append(hundredAndOne, types.TransactWriteItem{Put: &types.Put{TableName: tbl, Item: rdItem{"id": rdS(fmt.Sprint("k", i))}}})
		gets = append(gets, types.TransactGetItem{Get: &types.Get{TableName: tbl, Key: key(fmt.Sprint("k", i))}})
	}
	_, err = c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: hundredAndOne})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.Contains(msg, "Member must have length less than or equal to 100") {
		t.Errorf("101 actions: %s %q", code, msg)
	}
	if _, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: hundredAndOne[:100]}); err != nil {
		t.Errorf("100 actions: %v", err)
	}
	_, err = c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: gets})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.Contains(msg, "Member must have length less than or equal to 100") {
		t.Errorf("101 gets: %s %q", code, msg)
	}
	g, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
		{Get: &types.Get{TableName: tbl, Key: key("n"), ProjectionExpression: aws.String("v")}},
		{Get: &types.Get{TableName: tbl, Key: key("missing")}},
		{Get: &types.Get{TableName: tbl, Key: key("s")}},
	}})
	if err != nil {
		t.Fatalf("TransactGetItems: %v", err)
	}
	var items []string
	for _, r := range g.Responses {
		items = append(items, render(r.Item))
	}
	if got, want := strings.Join(items, " "), "{v:N(5)} <nil> {id:S(s) v:S(text)}"; got != want {
		t.Errorf("TransactGetItems responses %s, want %s", got, want)
	}
}

func TestAudit_WriteCapacity(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("Wcu"), AttributeDefinitions: coreDefs("id", "S", "g", "S"), KeySchema: coreKeys("id", ""),
		BillingMode: types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("ByG"), KeySchema: coreKeys("g", ""),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Wcu")
	key := rdItem{"id": rdS("x")}
	idx := types.ReturnConsumedCapacityIndexes
	upd := func(expr string, vals map[string]types.AttributeValue) func() (*types.ConsumedCapacity, error) {
		return func() (*types.ConsumedCapacity, error) {
			out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Wcu"), Key: key, UpdateExpression: aws.String(expr),
				ExpressionAttributeValues: vals, ReturnConsumedCapacity: idx})
			if err != nil {
				return nil, err
			}
			return out.ConsumedCapacity, nil
		}
	}
	steps := []struct {
		name string
		do   func() (*types.ConsumedCapacity, error)
		want string // total table ByG
	}{
		{"put a 3 KB item with an index key", func() (*types.ConsumedCapacity, error) {
			out, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Wcu"), ReturnConsumedCapacity: idx,
				Item: rdItem{"id": rdS("x"), "g": rdS("g1"), "p": rdS(strings.Repeat("p", 3000))}})
			if err != nil {
				return nil, err
			}
			return out.ConsumedCapacity, nil
		}, "4 3 1"},
		{"small change to the 3 KB item, no index change", upd("SET q = :v", map[string]types.AttributeValue{":v": rdS("q")}), "3 3 0"},
		{"shrinking update counts the larger, old size", upd("REMOVE p", nil), "3 3 0"},
		{"moving the index key writes the index twice", upd("SET g = :v", map[string]types.AttributeValue{":v": rdS("g2")}), "3 1 2"},
		{"removing the index key deletes the index entry", upd("REMOVE g", nil), "2 1 1"},
		{"delete of an item outside the index", func() (*types.ConsumedCapacity, error) {
			out, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Wcu"), Key: key, ReturnConsumedCapacity: idx})
			if err != nil {
				return nil, err
			}
			return out.ConsumedCapacity, nil
		}, "1 1 0"},
		{"delete of a missing item", func() (*types.ConsumedCapacity, error) {
			out, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Wcu"), Key: key, ReturnConsumedCapacity: idx})
			if err != nil {
				return nil, err
			}
			return out.ConsumedCapacity, nil
		}, "1 1 0"},
		{"transactional update doubles", func() (*types.ConsumedCapacity, error) {
			out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{ReturnConsumedCapacity: idx, TransactItems: []types.TransactWriteItem{
				{Update: &types.Update{TableName: aws.String("Wcu"), Key: key, UpdateExpression: aws.String("SET g = :v"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":v": rdS("g3")}}}}})
			if err != nil {
				return nil, err
			}
			if len(out.ConsumedCapacity) != 1 {
				return nil, fmt.Errorf("%d ConsumedCapacity entries", len(out.ConsumedCapacity))
			}
			return &out.ConsumedCapacity[0], nil
		}, "4 2 2"},
	}
	for _, s := range steps {
		cc, err := s.do()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var table, gsi float64
		if cc.Table != nil {
			table = aws.ToFloat64(cc.Table.CapacityUnits)
		}
		if g, ok := cc.GlobalSecondaryIndexes["ByG"]; ok {
			gsi = aws.ToFloat64(g.CapacityUnits)
		}
		if got := fmt.Sprint(aws.ToFloat64(cc.CapacityUnits), table, gsi); got != s.want {
			t.Errorf("%s: capacity total/table/ByG = %s, want %s", s.name, got, s.want)
		}
	}
}

func TestAudit_ItemCollectionMetrics(t *testing.T) {
	c := itemsClient(t) // "Items" has LSI ByRank
	ctx := context.Background()
	rdKeysTable(t, c, "Plain")
	size := types.ReturnItemCollectionMetricsSize
	tbl := aws.String("Items")
	want := "{pk:S(a)} [0 1]"
	show := func(m *types.ItemCollectionMetrics) string {
		if m == nil {
			return "<nil>"
		}
		return render(m.ItemCollectionKey) + " " + fmt.Sprint(m.SizeEstimateRangeGB)
	}
	cases := []struct {
		name string
		do   func() (string, error)
		want string
	}{
		{"UpdateItem", func() (string, error) {
			out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("SET x = :v"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":v": sv("x")}, ReturnItemCollectionMetrics: size})
			if err != nil {
				return "", err
			}
			return show(out.ItemCollectionMetrics), nil
		}, want},
		{"DeleteItem", func() (string, error) {
			out, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: keyA1, ReturnItemCollectionMetrics: size})
			if err != nil {
				return "", err
			}
			return show(out.ItemCollectionMetrics), nil
		}, want},
		{"BatchWriteItem", func() (string, error) {
			out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{ReturnItemCollectionMetrics: size, RequestItems: map[string][]types.WriteRequest{
				"Items": {{PutRequest: &types.PutRequest{Item: keyA1}}}, "Plain": {{PutRequest: &types.PutRequest{Item: rdID(1)}}}}})
			if err != nil {
				return "", err
			}
			if _, ok := out.ItemCollectionMetrics["Plain"]; ok || len(out.ItemCollectionMetrics["Items"]) != 1 {
				return fmt.Sprint(out.ItemCollectionMetrics), nil
			}
			return show(&out.ItemCollectionMetrics["Items"][0]), nil
		}, want},
		{"TransactWriteItems", func() (string, error) {
			out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{ReturnItemCollectionMetrics: size, TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: tbl, Item: keyA1}}, {Put: &types.Put{TableName: aws.String("Plain"), Item: rdID(2)}}}})
			if err != nil {
				return "", err
			}
			if _, ok := out.ItemCollectionMetrics["Plain"]; ok || len(out.ItemCollectionMetrics["Items"]) != 1 {
				return fmt.Sprint(out.ItemCollectionMetrics), nil
			}
			return show(&out.ItemCollectionMetrics["Items"][0]), nil
		}, want},
		{"PutItem on a table without LSI", func() (string, error) {
			out, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Plain"), Item: rdID(3), ReturnItemCollectionMetrics: size})
			if err != nil {
				return "", err
			}
			return show(out.ItemCollectionMetrics), nil
		}, "<nil>"},
		{"PutItem without SIZE", func() (string, error) {
			out, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: keyA1})
			if err != nil {
				return "", err
			}
			return show(out.ItemCollectionMetrics), nil
		}, "<nil>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.do()
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("ItemCollectionMetrics %s, want %s", got, tc.want)
			}
		})
	}
}

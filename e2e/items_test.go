package e2e

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type av = types.AttributeValue

func sv(s string) av { return &types.AttributeValueMemberS{Value: s} }
func nv(n string) av { return &types.AttributeValueMemberN{Value: n} }

// render prints an item deterministically: {a:S(x) b:N(1) …}.
func render(item map[string]av) string {
	if item == nil {
		return "<nil>"
	}
	keys := make([]string, 0, len(item))
	for k := range item {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + renderValue(item[k])
	}
	return "{" + strings.Join(parts, " ") + "}"
}

func renderValue(v av) string {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return "S(" + x.Value + ")"
	case *types.AttributeValueMemberN:
		return "N(" + x.Value + ")"
	case *types.AttributeValueMemberBOOL:
		return fmt.Sprintf("BOOL(%v)", x.Value)
	case *types.AttributeValueMemberSS:
		return fmt.Sprintf("SS%v", x.Value)
	case *types.AttributeValueMemberL:
		parts := make([]string, len(x.Value))
		for i, e := range x.Value {
			parts[i] = renderValue(e)
		}
		return "L[" + strings.Join(parts, " ") + "]"
	case *types.AttributeValueMemberM:
		return "M" + render(x.Value)
	}
	return fmt.Sprintf("%T", v)
}

// itemsClient returns a client with table "Items" (pk S, sk N, LSI "ByRank"
// on rank N, GSI "ByTag" on tag S KEYS_ONLY) holding {pk:a sk:1 n:5 s:x tag:t1}.
func itemsClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	c := newClient(t)
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("Items"),
		AttributeDefinitions: coreDefs("pk", "S", "sk", "N", "rank", "N", "tag", "S"),
		KeySchema:            coreKeys("pk", "sk"),
		BillingMode:          types.BillingModePayPerRequest,
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{IndexName: aws.String("ByRank"), KeySchema: coreKeys("pk", "rank"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{IndexName: aws.String("ByTag"), KeySchema: coreKeys("tag", ""),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}}},
	})
	if err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	waitForTable(t, c, "Items")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"),
		Item: map[string]av{"pk": sv("a"), "sk": nv("1"), "n": nv("5"), "s": sv("x"), "tag": sv("t1")}})
	if err != nil {
		t.Fatalf("PutItem: %v", err)
	}
	return c
}

var keyA1 = map[string]av{"pk": sv("a"), "sk": nv("1")}

func getA1(t *testing.T, c *dynamodb.Client) string {
	t.Helper()
	out, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: keyA1, ConsistentRead: aws.Bool(true)})
	if err != nil {
		t.Fatalf("GetItem: %v", err)
	}
	return render(out.Item)
}

func TestItems_PutGetDelete(t *testing.T) {
	c := itemsClient(t)
	ctx := context.Background()
	if got, want := getA1(t, c), "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}"; got != want {
		t.Errorf("GetItem = %s, want %s", got, want)
	}
	g, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: keyA1,
		ProjectionExpression: aws.String("#n, s"), ExpressionAttributeNames: map[string]string{"#n": "n"}, ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
	if err != nil {
		t.Fatalf("GetItem projection: %v", err)
	}
	if got := render(g.Item); got != "{n:N(5) s:S(x)}" {
		t.Errorf("projected item = %s", got)
	}
	if cc := g.ConsumedCapacity; cc == nil || aws.ToFloat64(cc.CapacityUnits) != 0.5 || aws.ToString(cc.TableName) != "Items" {
		t.Errorf("GetItem ConsumedCapacity = %+v, want 0.5 on Items", cc)
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: keyA1, AttributesToGet: []string{"tag"}})
	if err != nil || render(g.Item) != "{tag:S(t1)}" {
		t.Errorf("GetItem AttributesToGet = %s, %v", render(g.Item), err)
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: keyA1, ProjectionExpression: aws.String("nothing")})
	if err != nil || g.Item == nil || len(g.Item) != 0 {
		t.Errorf("GetItem projecting a missing attribute = %s, %v; want an empty item", render(g.Item), err)
	}
	g, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: map[string]av{"pk": sv("zz"), "sk": nv("1")}})
	if err != nil || g.Item != nil {
		t.Errorf("GetItem of a missing item = %s, %v; want no item", render(g.Item), err)
	}

	p, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"),
		Item:                        map[string]av{"pk": sv("a"), "sk": nv("1"), "rank": nv("3")},
		ReturnValues:                types.ReturnValueAllOld,
		ReturnConsumedCapacity:      types.ReturnConsumedCapacityIndexes,
		ReturnItemCollectionMetrics: types.ReturnItemCollectionMetricsSize})
	if err != nil {
		t.Fatalf("PutItem ALL_OLD: %v", err)
	}
	if got := render(p.Attributes); got != "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}" {
		t.Errorf("PutItem ALL_OLD = %s", got)
	}
	cc := p.ConsumedCapacity
	if aws.ToFloat64(cc.CapacityUnits) != 3 || aws.ToFloat64(cc.Table.CapacityUnits) != 1 ||
		aws.ToFloat64(cc.GlobalSecondaryIndexes["ByTag"].CapacityUnits) != 1 || aws.ToFloat64(cc.LocalSecondaryIndexes["ByRank"].CapacityUnits) != 1 {
		t.Errorf("PutItem INDEXES capacity: total %v table %+v GSIs %+v LSIs %+v; want 3 = 1 + ByTag 1 + ByRank 1",
			aws.ToFloat64(cc.CapacityUnits), cc.Table, cc.GlobalSecondaryIndexes, cc.LocalSecondaryIndexes)
	}
	m := p.ItemCollectionMetrics
	if m == nil || render(m.ItemCollectionKey) != "{pk:S(a)}" || fmt.Sprint(m.SizeEstimateRangeGB) != "[0 1]" {
		t.Errorf("ItemCollectionMetrics = %+v", m)
	}

	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: map[string]av{"pk": sv("a"), "sk": nv("1")},
		ConditionExpression: aws.String("attribute_not_exists(pk)"), ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		t.Fatalf("conditional put: got %v, want ConditionalCheckFailedException", err)
	}
	if got := render(ccf.Item); got != "{pk:S(a) rank:N(3) sk:N(1)}" || ccf.ErrorMessage() != "The conditional request failed" {
		t.Errorf("ConditionalCheckFailedException: Item %s message %q", got, ccf.ErrorMessage())
	}

	d, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Items"), Key: keyA1,
		ConditionExpression: aws.String("#r = :r"), ExpressionAttributeNames: map[string]string{"#r": "rank"},
		ExpressionAttributeValues: map[string]av{":r": nv("3")}, ReturnValues: types.ReturnValueAllOld})
	if err != nil {
		t.Fatalf("DeleteItem: %v", err)
	}
	if got := render(d.Attributes); got != "{pk:S(a) rank:N(3) sk:N(1)}" {
		t.Errorf("DeleteItem ALL_OLD = %s", got)
	}
	if got := getA1(t, c); got != "<nil>" {
		t.Errorf("item after delete = %s", got)
	}
	if _, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Items"), Key: keyA1}); err != nil {
		t.Errorf("deleting a missing item: %v", err)
	}
}

func TestItems_Update(t *testing.T) {
	cases := []struct {
		name   string
		in     dynamodb.UpdateItemInput
		attrs  string
		after  string
		keyOut map[string]av
	}{
		{name: "updated new", in: dynamodb.UpdateItemInput{UpdateExpression: aws.String("SET n = n + :one, l = :l REMOVE s"),
			ExpressionAttributeValues: map[string]av{":one": nv("1"), ":l": &types.AttributeValueMemberL{Value: []av{sv("p")}}}, ReturnValues: types.ReturnValueUpdatedNew},
			attrs: "{l:L[S(p)] n:N(6)}", after: "{l:L[S(p)] n:N(6) pk:S(a) sk:N(1) tag:S(t1)}"},
		{name: "updated old", in: dynamodb.UpdateItemInput{UpdateExpression: aws.String("SET n = :v REMOVE s"),
			ExpressionAttributeValues: map[string]av{":v": nv("9")}, ReturnValues: types.ReturnValueUpdatedOld},
			attrs: "{n:N(5) s:S(x)}", after: "{n:N(9) pk:S(a) sk:N(1) tag:S(t1)}"},
		{name: "all old", in: dynamodb.UpdateItemInput{UpdateExpression: aws.String("ADD n :v"),
			ExpressionAttributeValues: map[string]av{":v": nv("-5")}, ReturnValues: types.ReturnValueAllOld},
			attrs: "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}", after: "{n:N(0) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}"},
		{name: "all new with condition", in: dynamodb.UpdateItemInput{UpdateExpression: aws.String("SET s = :v"), ConditionExpression: aws.String("n = :five"),
			ExpressionAttributeValues: map[string]av{":v": sv("y"), ":five": nv("5")}, ReturnValues: types.ReturnValueAllNew},
			attrs: "{n:N(5) pk:S(a) s:S(y) sk:N(1) tag:S(t1)}", after: "{n:N(5) pk:S(a) s:S(y) sk:N(1) tag:S(t1)}"},
		{name: "legacy attribute updates", in: dynamodb.UpdateItemInput{
			AttributeUpdates: map[string]types.AttributeValueUpdate{"n": {Action: types.AttributeActionAdd, Value: nv("2")}, "s": {Action: types.AttributeActionDelete}},
			Expected:         map[string]types.ExpectedAttributeValue{"tag": {Value: sv("t1")}}, ReturnValues: types.ReturnValueAllNew},
			attrs: "{n:N(7) pk:S(a) sk:N(1) tag:S(t1)}", after: "{n:N(7) pk:S(a) sk:N(1) tag:S(t1)}"},
		{name: "upsert", keyOut: map[string]av{"pk": sv("new"), "sk": nv("2")}, in: dynamodb.UpdateItemInput{UpdateExpression: aws.String("SET v = :v"),
			ExpressionAttributeValues: map[string]av{":v": sv("y")}, ReturnValues: types.ReturnValueAllNew},
			attrs: "{pk:S(new) sk:N(2) v:S(y)}", after: "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			c := itemsClient(t)
			in := cs.in
			in.TableName, in.Key = aws.String("Items"), keyA1
			if cs.keyOut != nil {
				in.Key = cs.keyOut
			}
			out, err := c.UpdateItem(context.Background(), &in)
			if err != nil {
				t.Fatalf("UpdateItem: %v", err)
			}
			if got := render(out.Attributes); got != cs.attrs {
				t.Errorf("Attributes = %s, want %s", got, cs.attrs)
			}
			if got := getA1(t, c); got != cs.after {
				t.Errorf("item afterwards = %s, want %s", got, cs.after)
			}
		})
	}
}

func TestItems_Errors(t *testing.T) {
	ctx := context.Background()
	tbl := aws.String("Items")
	big := strings.Repeat("x", 400*1024)
	cases := []struct {
		name      string
		call      func(c *dynamodb.Client) error
		code, msg string
	}{
		{"missing table", func(c *dynamodb.Client) error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Nope"), Key: keyA1})
			return err
		}, "ResourceNotFoundException", "Requested resource not found"},
		{"key schema", func(c *dynamodb.Client) error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: map[string]av{"pk": sv("a")}})
			return err
		}, "ValidationException", "The provided key element does not match the schema"},
		{"missing key in item", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"pk": sv("a")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Missing the key sk in the item"},
		{"key type", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"pk": sv("a"), "sk": sv("1")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S"},
		{"empty key", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"pk": sv(""), "sk": nv("1")}})
			return err
		}, "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"index key type", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"pk": sv("a"), "sk": nv("1"), "tag": nv("1")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Type mismatch for Index Key tag Expected: S Actual: N IndexName: ByTag"},
		{"item too large", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: map[string]av{"pk": sv("a"), "sk": nv("1"), "big": sv(big)}})
			return err
		}, "ValidationException", "Item size has exceeded the maximum allowed size"},
		{"update too large", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("SET big = :b"),
				ExpressionAttributeValues: map[string]av{":b": sv(big)}})
			return err
		}, "ValidationException", "Item size to update has exceeded the maximum allowed size"},
		{"update key", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("SET sk = :v"),
				ExpressionAttributeValues: map[string]av{":v": nv("2")}})
			return err
		}, "ValidationException", "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key"},
		{"return values", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: keyA1, ReturnValues: types.ReturnValueUpdatedNew})
			return err
		}, "ValidationException", "Return values set to invalid value"},
		{"mixed parameters", func(c *dynamodb.Client) error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: keyA1, AttributesToGet: []string{"n"}, ProjectionExpression: aws.String("n")})
			return err
		}, "ValidationException", "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
		{"names without expressions", func(c *dynamodb.Client) error {
			_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: keyA1, ExpressionAttributeNames: map[string]string{"#a": "a"}})
			return err
		}, "ValidationException", "ExpressionAttributeNames can only be specified when using expressions"},
		{"empty values", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("REMOVE s"),
				ExpressionAttributeValues: map[string]av{}})
			return err
		}, "ValidationException", "ExpressionAttributeValues must not be empty"},
		{"unused value", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("REMOVE s"),
				ExpressionAttributeValues: map[string]av{":x": sv("1")}})
			return err
		}, "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"},
		{"invalid expression value", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("SET n = :v"),
				ExpressionAttributeValues: map[string]av{":v": &types.AttributeValueMemberSS{Value: []string{"a", "a"}}}})
			return err
		}, "ValidationException", "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: Input collection [a, a] contains duplicates. for key :v"},
		{"condition fails", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: tbl, Key: keyA1, UpdateExpression: aws.String("REMOVE s"),
				ConditionExpression: aws.String("attribute_not_exists(n)")})
			return err
		}, "ConditionalCheckFailedException", "The conditional request failed"},
		{"legacy expected fails", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: keyA1,
				Expected: map[string]types.ExpectedAttributeValue{"n": {Exists: aws.Bool(false)}}})
			return err
		}, "ConditionalCheckFailedException", "The conditional request failed"},
		{"capacity enum", func(c *dynamodb.Client) error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: tbl, Key: keyA1, ReturnConsumedCapacity: "EVERYTHING"})
			return err
		}, "ValidationException", "1 validation error detected: Value 'EVERYTHING' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			c := itemsClient(t)
			coreWant(t, cs.call(c), cs.code, cs.msg)
			if got, want := getA1(t, c), "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}"; got != want {
				t.Errorf("a failed request changed the item: %s, want %s", got, want)
			}
		})
	}
}

func TestItems_LegacyConditions(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		expected map[string]types.ExpectedAttributeValue
		op       types.ConditionalOperator
		holds    bool
	}{
		{"and fails", map[string]types.ExpectedAttributeValue{"n": {Value: nv("5")}, "s": {Value: sv("nope")}}, types.ConditionalOperatorAnd, false},
		{"or holds", map[string]types.ExpectedAttributeValue{"n": {Value: nv("5")}, "s": {Value: sv("nope")}}, types.ConditionalOperatorOr, true},
		{"comparison", map[string]types.ExpectedAttributeValue{"n": {ComparisonOperator: types.ComparisonOperatorGt, AttributeValueList: []av{nv("4")}}}, "", true},
		{"not exists", map[string]types.ExpectedAttributeValue{"zz": {Exists: aws.Bool(false)}}, "", true},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			c := itemsClient(t)
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: keyA1,
				AttributeUpdates:    map[string]types.AttributeValueUpdate{"s": {Action: types.AttributeActionPut, Value: sv("changed")}},
				Expected:            cs.expected,
				ConditionalOperator: cs.op,
			})
			want := "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}"
			if cs.holds {
				if err != nil {
					t.Fatalf("UpdateItem: %v", err)
				}
				want = "{n:N(5) pk:S(a) s:S(changed) sk:N(1) tag:S(t1)}"
			} else {
				coreWant(t, err, "ConditionalCheckFailedException", "The conditional request failed")
			}
			if got := getA1(t, c); got != want {
				t.Errorf("item = %s, want %s", got, want)
			}
		})
	}
}

func TestItems_ConditionFailureItem(t *testing.T) {
	c := itemsClient(t)
	ctx := context.Background()
	_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: keyA1,
		UpdateExpression: aws.String("REMOVE s"), ConditionExpression: aws.String("n > :v"),
		ExpressionAttributeValues:           map[string]av{":v": nv("10")},
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) || render(ccf.Item) != "{n:N(5) pk:S(a) s:S(x) sk:N(1) tag:S(t1)}" {
		t.Errorf("UpdateItem condition failure: %v, Item %v", err, ccf)
	}
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Items"), Key: keyA1,
		ConditionExpression: aws.String("attribute_not_exists(n)")})
	if !errors.As(err, &ccf) || ccf.Item != nil {
		t.Errorf("DeleteItem condition failure without ALL_OLD: %v, want no Item", err)
	}
	_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Items"), Key: map[string]av{"pk": sv("none"), "sk": nv("1")},
		ConditionExpression: aws.String("attribute_exists(pk)"), ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld})
	if !errors.As(err, &ccf) || ccf.Item != nil {
		t.Errorf("condition failure on a missing item: %v, want no Item", err)
	}
}

func TestItems_KeyLimits(t *testing.T) {
	c := itemsClient(t)
	ctx := context.Background()
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"),
		Item: map[string]av{"pk": sv(strings.Repeat("k", 2049)), "sk": nv("1")}})
	coreWant(t, err, "ValidationException", "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"),
		Item: map[string]av{"pk": sv(strings.Repeat("k", 2048)), "sk": nv("1")}})
	if err != nil {
		t.Errorf("2048-byte partition key: %v", err)
	}
	_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: map[string]av{"pk": sv(""), "sk": nv("1")}})
	coreWant(t, err, "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")
}

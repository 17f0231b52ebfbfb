package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// rdItem is an item as the SDK holds it.
type rdItem = map[string]types.AttributeValue

func rdS(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func rdN(n string) types.AttributeValue { return &types.AttributeValueMemberN{Value: n} }

// rdShow prints a scalar attribute value: S and N as their text, others by type.
func rdShow(v types.AttributeValue) string {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return x.Value
	case *types.AttributeValueMemberN:
		return x.Value
	case nil:
		return "-"
	}
	return fmt.Sprintf("%T", v)
}

// rdAttrs lists an item's attribute names, sorted and comma-separated.
func rdAttrs(it rdItem) string {
	var names []string
	for n := range it {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

// rdCol returns attribute name of each item, printed, comma-separated.
func rdCol(items []rdItem, name string) string {
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = rdShow(it[name])
	}
	return strings.Join(s, ",")
}

// rdWant fails the test unless err is the DynamoDB error code: msg.
func rdWant(t *testing.T, err error, code, msg string) {
	t.Helper()
	gotCode, gotMsg := apiErr(t, err)
	if gotCode != code || gotMsg != msg {
		t.Errorf("got %s: %q\nwant %s: %q", gotCode, gotMsg, code, msg)
	}
}

// rdKeySchema builds a key schema (rng "" for none).
func rdKeySchema(hash, rng string) []types.KeySchemaElement {
	ks := []types.KeySchemaElement{{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash}}
	if rng != "" {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(rng), KeyType: types.KeyTypeRange})
	}
	return ks
}

// rdOrdersTable creates table "Orders": customer (S) / order (N), with GSI
// "ByStatus" on status (S) / order (N) projecting INCLUDE [total], GSI
// "ByStatusAll" on status projecting ALL, and LSI "ByTotal" on customer /
// total (N) projecting KEYS_ONLY.
func rdOrdersTable(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String("Orders"),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("customer"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("order"), AttributeType: types.ScalarAttributeTypeN},
			{AttributeName: aws.String("status"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("total"), AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema:   rdKeySchema("customer", "order"),
		BillingMode: types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{
			{IndexName: aws.String("ByStatus"), KeySchema: rdKeySchema("status", "order"),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"total"}}},
			{IndexName: aws.String("ByStatusAll"), KeySchema: rdKeySchema("status", ""),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}},
		},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{
			{IndexName: aws.String("ByTotal"), KeySchema: rdKeySchema("customer", "total"),
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly}},
		},
	})
	if err != nil {
		t.Fatalf("CreateTable Orders: %v", err)
	}
	waitForTable(t, c, "Orders")
}

// rdPut puts items into table, failing the test on error.
func rdPut(t *testing.T, c *dynamodb.Client, table string, items ...rdItem) {
	t.Helper()
	for _, it := range items {
		if _, err := c.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(table), Item: it}); err != nil {
			t.Fatalf("PutItem %v: %v", it, err)
		}
	}
}

// rdOrder is an Orders item; status "" leaves the attribute out.
func rdOrder(customer string, order int, status string, total int) rdItem {
	it := rdItem{"customer": rdS(customer), "order": rdN(fmt.Sprint(order)), "total": rdN(fmt.Sprint(total)),
		"note": rdS(fmt.Sprintf("note %d", order))}
	if status != "" {
		it["status"] = rdS(status)
	}
	return it
}

// rdOrdersClient returns a client with "Orders" holding customer c1's
// orders 1..12 (status OPEN on even orders, none on odd; total = 100-order)
// and customer c2's orders 1..2 (status SHIPPED).
func rdOrdersClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	c := newClient(t)
	rdOrdersTable(t, c)
	for i := 1; i <= 12; i++ {
		status := ""
		if i%2 == 0 {
			status = "OPEN"
		}
		rdPut(t, c, "Orders", rdOrder("c1", i, status, 100-i))
	}
	rdPut(t, c, "Orders", rdOrder("c2", 1, "SHIPPED", 5), rdOrder("c2", 2, "SHIPPED", 6))
	return c
}

// rdQueryPages runs in page by page and returns the pages' values of
// attribute col, one string per page.
func rdQueryPages(t *testing.T, c *dynamodb.Client, in *dynamodb.QueryInput, col string) []string {
	t.Helper()
	var pages []string
	for i := 0; i < 100; i++ {
		out, err := c.Query(context.Background(), in)
		if err != nil {
			t.Fatalf("Query page %d: %v", i+1, err)
		}
		pages = append(pages, rdCol(out.Items, col))
		if out.LastEvaluatedKey == nil {
			return pages
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	t.Fatalf("Query did not end")
	return nil
}

func TestQuery_SDKPagination(t *testing.T) {
	c := rdOrdersClient(t)
	vals := func(kv ...string) map[string]types.AttributeValue {
		m := map[string]types.AttributeValue{}
		for i := 0; i < len(kv); i += 2 {
			if strings.HasPrefix(kv[i+1], "#") {
				m[kv[i]] = rdN(kv[i+1][1:])
			} else {
				m[kv[i]] = rdS(kv[i+1])
			}
		}
		return m
	}
	cases := []struct {
		name string
		in   dynamodb.QueryInput
		col  string
		want []string
	}{
		{"table limit 5", dynamodb.QueryInput{KeyConditionExpression: aws.String("customer = :c"),
			ExpressionAttributeValues: vals(":c", "c1"), Limit: aws.Int32(5)}, "order",
			[]string{"1,2,3,4,5", "6,7,8,9,10", "11,12"}},
		{"table descending range", dynamodb.QueryInput{KeyConditionExpression: aws.String("customer = :c AND #o BETWEEN :lo AND :hi"),
			ExpressionAttributeNames: map[string]string{"#o": "order"}, ExpressionAttributeValues: vals(":c", "c1", ":lo", "#3", ":hi", "#9"),
			ScanIndexForward: aws.Bool(false), Limit: aws.Int32(4)}, "order",
			[]string{"9,8,7,6", "5,4,3"}},
		{"filter makes pages short", dynamodb.QueryInput{KeyConditionExpression: aws.String("customer = :c"),
			FilterExpression: aws.String("attribute_not_exists(#s)"), ExpressionAttributeNames: map[string]string{"#s": "status"},
			ExpressionAttributeValues: vals(":c", "c1"), Limit: aws.Int32(4)}, "order",
			[]string{"1,3", "5,7", "9,11", ""}}, // the Limit ends on the last item: one more, empty page
		{"gsi", dynamodb.QueryInput{IndexName: aws.String("ByStatus"), KeyConditionExpression: aws.String("#s = :s"),
			ExpressionAttributeNames: map[string]string{"#s": "status"}, ExpressionAttributeValues: vals(":s", "OPEN"), Limit: aws.Int32(4)}, "order",
			[]string{"2,4,6,8", "10,12"}},
		{"gsi sort key condition", dynamodb.QueryInput{IndexName: aws.String("ByStatus"), KeyConditionExpression: aws.String("#s = :s AND #o > :n"),
			ExpressionAttributeNames: map[string]string{"#s": "status", "#o": "order"}, ExpressionAttributeValues: vals(":s", "OPEN", ":n", "#7"),
			Limit: aws.Int32(2)}, "order",
			[]string{"8,10", "12"}},
		{"lsi orders by total", dynamodb.QueryInput{IndexName: aws.String("ByTotal"), KeyConditionExpression: aws.String("customer = :c AND #t < :t"),
			ExpressionAttributeNames: map[string]string{"#t": "total"}, ExpressionAttributeValues: vals(":c", "c1", ":t", "#92"), Limit: aws.Int32(3)}, "total",
			[]string{"88,89,90", "91"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.TableName = aws.String("Orders")
			got := rdQueryPages(t, c, &in, tc.col)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got pages %q, want %q", got, tc.want)
			}
		})
	}
}

func TestQuery_SDKIndexKeysInLastEvaluatedKey(t *testing.T) {
	c := rdOrdersClient(t)
	out, err := c.Query(context.Background(), &dynamodb.QueryInput{TableName: aws.String("Orders"), IndexName: aws.String("ByStatusAll"),
		KeyConditionExpression: aws.String("#s = :s"), ExpressionAttributeNames: map[string]string{"#s": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":s": rdS("SHIPPED")}, Limit: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rdAttrs(out.LastEvaluatedKey), "customer,order,status"; got != want {
		t.Errorf("got LastEvaluatedKey attributes %s, want %s", got, want)
	}
}

func TestQuery_SDKEmptyPageBecauseOfFilterAndOneMegabyte(t *testing.T) {
	c := newClient(t)
	rdOrdersTable(t, c)
	big := strings.Repeat("b", 200*1024)
	for i := 1; i <= 8; i++ {
		it := rdOrder("big", i, "", i)
		it["blob"] = rdS(big)
		rdPut(t, c, "Orders", it)
	}
	in := &dynamodb.QueryInput{TableName: aws.String("Orders"), KeyConditionExpression: aws.String("customer = :c"),
		FilterExpression:          aws.String("note = :none"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": rdS("big"), ":none": rdS("no such note")}}
	var counts, scanned []int32
	for i := 0; i < 5; i++ {
		out, err := c.Query(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		counts = append(counts, out.Count)
		scanned = append(scanned, out.ScannedCount)
		if len(out.Items) != 0 {
			t.Errorf("page %d: got %d items, want none", i+1, len(out.Items))
		}
		if out.LastEvaluatedKey == nil {
			break
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
	// 200 KB items: five stay under 1 MB, the sixth reaches it and ends
	// the first page.
	if !slices.Equal(scanned, []int32{6, 2}) || !slices.Equal(counts, []int32{0, 0}) {
		t.Errorf("got ScannedCount %v Count %v, want [6 2] and [0 0]", scanned, counts)
	}
}

func TestQuery_SDKSelect(t *testing.T) {
	c := rdOrdersClient(t)
	ctx := context.Background()
	base := func() *dynamodb.QueryInput {
		return &dynamodb.QueryInput{TableName: aws.String("Orders"), KeyConditionExpression: aws.String("customer = :c"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":c": rdS("c2")}}
	}
	t.Run("count", func(t *testing.T) {
		in := base()
		in.Select = types.SelectCount
		out, err := c.Query(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if out.Count != 2 || out.Items != nil {
			t.Errorf("got Count %d Items %v, want 2 and none", out.Count, out.Items)
		}
	})
	t.Run("specific attributes", func(t *testing.T) {
		in := base()
		in.Select, in.ProjectionExpression = types.SelectSpecificAttributes, aws.String("#o, note")
		in.ExpressionAttributeNames = map[string]string{"#o": "order"}
		out, err := c.Query(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := rdAttrs(out.Items[0]); got != "note,order" {
			t.Errorf("got attributes %s, want note,order", got)
		}
	})
	t.Run("all projected on include gsi", func(t *testing.T) {
		out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"), IndexName: aws.String("ByStatus"),
			Select: types.SelectAllProjectedAttributes, KeyConditionExpression: aws.String("#s = :s"),
			ExpressionAttributeNames: map[string]string{"#s": "status"}, ExpressionAttributeValues: map[string]types.AttributeValue{":s": rdS("SHIPPED")}})
		if err != nil {
			t.Fatal(err)
		}
		if got := rdAttrs(out.Items[0]); got != "customer,order,status,total" {
			t.Errorf("got attributes %s, want customer,order,status,total", got)
		}
	})
	t.Run("all attributes through lsi", func(t *testing.T) {
		out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"), IndexName: aws.String("ByTotal"),
			Select: types.SelectAllAttributes, KeyConditionExpression: aws.String("customer = :c"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":c": rdS("c2")}})
		if err != nil {
			t.Fatal(err)
		}
		if got := rdAttrs(out.Items[0]); got != "customer,note,order,status,total" {
			t.Errorf("got attributes %s, want every attribute", got)
		}
	})
	errCases := []struct {
		name    string
		mod     func(in *dynamodb.QueryInput)
		code    string
		message string
	}{
		{"count with projection", func(in *dynamodb.QueryInput) {
			in.Select, in.ProjectionExpression = types.SelectCount, aws.String("note")
		},
			"ValidationException", "Cannot specify the ProjectionExpression when choosing to get only the Count"},
		{"specific without projection", func(in *dynamodb.QueryInput) { in.Select = types.SelectSpecificAttributes },
			"ValidationException", "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"},
		{"all projected without index", func(in *dynamodb.QueryInput) { in.Select = types.SelectAllProjectedAttributes },
			"ValidationException", "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"},
		{"all attributes on include gsi", func(in *dynamodb.QueryInput) {
			in.IndexName, in.Select = aws.String("ByStatus"), types.SelectAllAttributes
			in.KeyConditionExpression = aws.String("#s = :c")
			in.ExpressionAttributeNames = map[string]string{"#s": "status"}
		}, "ValidationException", "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ByStatus because its projection type is not ALL"},
		{"consistent read on gsi", func(in *dynamodb.QueryInput) {
			in.IndexName, in.ConsistentRead = aws.String("ByStatusAll"), aws.Bool(true)
			in.KeyConditionExpression = aws.String("#s = :c")
			in.ExpressionAttributeNames = map[string]string{"#s": "status"}
		}, "ValidationException", "Consistent reads are not supported on global secondary indexes"},
		{"unknown index", func(in *dynamodb.QueryInput) { in.IndexName = aws.String("Nope") },
			"ValidationException", "The table does not have the specified index: Nope"},
		{"limit zero", func(in *dynamodb.QueryInput) { in.Limit = aws.Int32(0) },
			"ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"filter on sort key", func(in *dynamodb.QueryInput) {
			in.FilterExpression = aws.String("#o > :c")
			in.ExpressionAttributeNames = map[string]string{"#o": "order"}
		}, "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: order"},
		{"malformed start key", func(in *dynamodb.QueryInput) {
			in.ExclusiveStartKey = rdItem{"customer": rdS("c2")}
		}, "ValidationException", "The provided starting key is invalid: The provided key element does not match the schema"},
		{"start key of another partition", func(in *dynamodb.QueryInput) {
			in.ExclusiveStartKey = rdItem{"customer": rdS("c1"), "order": rdN("1")}
		}, "ValidationException", "The provided starting key is outside query range"},
		{"unknown table", func(in *dynamodb.QueryInput) { in.TableName = aws.String("Nope") },
			"ResourceNotFoundException", "Requested resource not found"},
	}
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.mod(in)
			_, err := c.Query(ctx, in)
			rdWant(t, err, tc.code, tc.message)
		})
	}
}

func TestQuery_SDKLegacyParameters(t *testing.T) {
	c := rdOrdersClient(t)
	ctx := context.Background()
	out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"),
		KeyConditions: map[string]types.Condition{
			"customer": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{rdS("c1")}},
			"order":    {ComparisonOperator: types.ComparisonOperatorGe, AttributeValueList: []types.AttributeValue{rdN("5")}},
		},
		QueryFilter: map[string]types.Condition{
			"status": {ComparisonOperator: types.ComparisonOperatorNotNull},
			"total":  {ComparisonOperator: types.ComparisonOperatorLt, AttributeValueList: []types.AttributeValue{rdN("91")}},
		},
		ConditionalOperator: types.ConditionalOperatorAnd,
		AttributesToGet:     []string{"order", "total"},
		ScanIndexForward:    aws.Bool(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rdCol(out.Items, "order"), "12,10"; got != want {
		t.Errorf("got orders %q, want %q", got, want)
	}
	if out.Count != 2 || out.ScannedCount != 8 {
		t.Errorf("got Count %d ScannedCount %d, want 2 and 8", out.Count, out.ScannedCount)
	}
	scan, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Orders"),
		ScanFilter: map[string]types.Condition{
			"status": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{rdS("SHIPPED")}},
			"order":  {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{rdN("11")}},
		},
		ConditionalOperator: types.ConditionalOperatorOr,
		AttributesToGet:     []string{"customer", "order"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if scan.Count != 3 {
		t.Errorf("got Count %d, want 3 (two SHIPPED orders and order 11)", scan.Count)
	}
	_, err = c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"),
		KeyConditions: map[string]types.Condition{
			"customer": {ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{rdS("c1")}}},
		QueryFilter: map[string]types.Condition{"order": {ComparisonOperator: types.ComparisonOperatorNotNull}},
	})
	rdWant(t, err, "ValidationException", "QueryFilter can only contain non-primary key attributes: Primary key attribute: order")
}

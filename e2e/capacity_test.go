package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
)

// rdSized returns an item of table "Cap" (key id S) whose DynamoDB size is
// exactly size bytes (size ≥ 8).
func rdSized(t *testing.T, id string, size int) rdItem {
	t.Helper()
	base := attr.ItemSize(attr.Item{"id": attr.S(id), "p": attr.S("")})
	pad := size - base
	if pad < 0 {
		t.Fatalf("size %d below the minimum %d", size, base)
	}
	if got := attr.ItemSize(attr.Item{"id": attr.S(id), "p": attr.S(strings.Repeat("x", pad))}); got != size {
		t.Fatalf("built an item of %d bytes, want %d", got, size)
	}
	return rdItem{"id": rdS(id), "p": rdS(strings.Repeat("x", pad))}
}

// rdCap returns the CapacityUnits summed over ConsumedCapacity entries.
func rdCap(t *testing.T, cc []types.ConsumedCapacity) float64 {
	t.Helper()
	if len(cc) == 0 {
		t.Fatalf("no ConsumedCapacity")
	}
	var sum float64
	for _, c := range cc {
		sum += aws.ToFloat64(c.CapacityUnits)
	}
	return sum
}

func TestCapacity_Boundaries(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	rdKeysTable(t, c, "Cap")
	total := types.ReturnConsumedCapacityTotal
	table := aws.String("Cap")
	put := func(items ...rdItem) {
		t.Helper()
		for _, it := range items {
			if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: it}); err != nil {
				t.Fatal(err)
			}
		}
	}
	key := func(id string) rdItem { return rdItem{"id": rdS(id)} }
	var cases []rdCapCase
	for _, size := range []struct {
		bytes int
		w, r  float64 // write units, strongly consistent read units
	}{{1023, 1, 1}, {1024, 1, 1}, {1025, 2, 1}, {2048, 2, 1}, {2049, 3, 1}, {4095, 4, 1}, {4096, 4, 1}, {4097, 5, 2}, {8193, 9, 3}} {
		b := size
		cases = append(cases,
			rdCapCase{"PutItem " + strconv.Itoa(b.bytes), func(t *testing.T) float64 {
				out, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: rdSized(t, "p"+strconv.Itoa(b.bytes), b.bytes), ReturnConsumedCapacity: total})
				if err != nil {
					t.Fatal(err)
				}
				return aws.ToFloat64(out.ConsumedCapacity.CapacityUnits)
			}, b.w},
			rdCapCase{"GetItem eventually consistent " + strconv.Itoa(b.bytes), func(t *testing.T) float64 {
				put(rdSized(t, "g"+strconv.Itoa(b.bytes), b.bytes))
				out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: table, Key: key("g" + strconv.Itoa(b.bytes)), ReturnConsumedCapacity: total})
				if err != nil {
					t.Fatal(err)
				}
				return aws.ToFloat64(out.ConsumedCapacity.CapacityUnits)
			}, b.r / 2},
			rdCapCase{"TransactWriteItems " + strconv.Itoa(b.bytes), func(t *testing.T) float64 {
				out, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{ReturnConsumedCapacity: total,
					TransactItems: []types.TransactWriteItem{{Put: &types.Put{TableName: table, Item: rdSized(t, "t"+strconv.Itoa(b.bytes), b.bytes)}}}})
				if err != nil {
					t.Fatal(err)
				}
				return rdCap(t, out.ConsumedCapacity)
			}, 2 * b.w},
			rdCapCase{"TransactGetItems " + strconv.Itoa(b.bytes), func(t *testing.T) float64 {
				put(rdSized(t, "x"+strconv.Itoa(b.bytes), b.bytes))
				out, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{ReturnConsumedCapacity: total,
					TransactItems: []types.TransactGetItem{{Get: &types.Get{TableName: table, Key: key("x" + strconv.Itoa(b.bytes))}}}})
				if err != nil {
					t.Fatal(err)
				}
				return rdCap(t, out.ConsumedCapacity)
			}, 2 * b.r},
			rdCapCase{"BatchWriteItem " + strconv.Itoa(b.bytes), func(t *testing.T) float64 {
				out, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{ReturnConsumedCapacity: total,
					RequestItems: map[string][]types.WriteRequest{"Cap": {{PutRequest: &types.PutRequest{Item: rdSized(t, "b"+strconv.Itoa(b.bytes), b.bytes)}}}}})
				if err != nil {
					t.Fatal(err)
				}
				return rdCap(t, out.ConsumedCapacity)
			}, b.w},
		)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.run(t); got != tc.want {
				t.Errorf("got %v capacity units, want %v", got, tc.want)
			}
		})
	}
}

// rdCapCase is one request whose capacity is checked.
type rdCapCase struct {
	name string
	run  func(t *testing.T) float64
	want float64
}

// TestCapacity_ScanRoundsOnTotal checks that Query and Scan round the
// total size read (not each item) up to 4 KB, halved for eventually
// consistent reads, while BatchGetItem rounds each item.
func TestCapacity_ScanRoundsOnTotal(t *testing.T) {
	cases := []struct {
		name       string
		sizes      []int
		consistent bool
		query      float64
		batchGet   float64
	}{
		{"two items of exactly 4 KB together", []int{2048, 2048}, false, 0.5, 1},
		{"one byte over 4 KB together", []int{2048, 2049}, false, 1, 1},
		{"one byte over 4 KB together, consistent", []int{2048, 2049}, true, 2, 2},
		{"just under 8 KB", []int{4096, 4095}, true, 2, 2},
		{"just over 8 KB", []int{4097, 4096}, true, 3, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newClientWithDB(t, engine.Options{})
			ctx := context.Background()
			_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("Cap"),
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
				KeySchema:            rdKeySchema("id", ""), BillingMode: types.BillingModePayPerRequest})
			if err != nil {
				t.Fatal(err)
			}
			waitForTable(t, c, "Cap")
			var keys []rdItem
			for i, s := range tc.sizes {
				id := string(rune('a' + i))
				rdPut(t, c, "Cap", rdSized(t, id, s))
				keys = append(keys, rdItem{"id": rdS(id)})
			}
			scan, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Cap"), ConsistentRead: aws.Bool(tc.consistent),
				ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal})
			if err != nil {
				t.Fatal(err)
			}
			if got := aws.ToFloat64(scan.ConsumedCapacity.CapacityUnits); got != tc.query {
				t.Errorf("Scan: got %v units, want %v", got, tc.query)
			}
			bg, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
				RequestItems: map[string]types.KeysAndAttributes{"Cap": {Keys: keys, ConsistentRead: aws.Bool(tc.consistent)}}})
			if err != nil {
				t.Fatal(err)
			}
			if got := rdCap(t, bg.ConsumedCapacity); got != tc.batchGet {
				t.Errorf("BatchGetItem: got %v units, want %v", got, tc.batchGet)
			}
		})
	}
}

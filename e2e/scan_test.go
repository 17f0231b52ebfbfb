package e2e

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// rdScanAll scans in page by page and returns every item's "customer/order".
func rdScanAll(c *dynamodb.Client, in dynamodb.ScanInput) ([]string, error) {
	var keys []string
	for {
		out, err := c.Scan(context.Background(), &in)
		if err != nil {
			return nil, err
		}
		for _, it := range out.Items {
			keys = append(keys, rdShow(it["customer"])+"/"+rdShow(it["order"]))
		}
		if out.LastEvaluatedKey == nil {
			return keys, nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

func TestScan_SDKParallelSegmentsCoverEveryItemOnce(t *testing.T) {
	c := newClient(t)
	rdOrdersTable(t, c)
	var want []string
	var reqs []types.WriteRequest
	flush := func() {
		if len(reqs) == 0 {
			return
		}
		if _, err := c.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{
			RequestItems: map[string][]types.WriteRequest{"Orders": reqs}}); err != nil {
			t.Fatal(err)
		}
		reqs = nil
	}
	for i := 0; i < 300; i++ {
		cust := fmt.Sprintf("cust%03d", i/3)
		status := ""
		if i%2 == 0 {
			status = "OPEN"
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: rdOrder(cust, i%3, status, i)}})
		want = append(want, fmt.Sprintf("%s/%d", cust, i%3))
		if len(reqs) == 25 {
			flush()
		}
	}
	flush()
	slices.Sort(want)
	for _, total := range []int32{1, 2, 7, 16} {
		t.Run(fmt.Sprintf("TotalSegments %d", total), func(t *testing.T) {
			var (
				mu  sync.Mutex
				got []string
				wg  sync.WaitGroup
			)
			errs := make([]error, total)
			for seg := int32(0); seg < total; seg++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					keys, err := rdScanAll(c, dynamodb.ScanInput{TableName: aws.String("Orders"),
						Segment: aws.Int32(seg), TotalSegments: aws.Int32(total), Limit: aws.Int32(9)})
					errs[seg] = err
					mu.Lock()
					got = append(got, keys...)
					mu.Unlock()
				}()
			}
			wg.Wait()
			for seg, err := range errs {
				if err != nil {
					t.Fatalf("segment %d: %v", seg, err)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("got %d items, want each of %d exactly once", len(got), len(want))
			}
		})
	}
	t.Run("index segments", func(t *testing.T) {
		var got []string
		for seg := int32(0); seg < 4; seg++ {
			keys, err := rdScanAll(c, dynamodb.ScanInput{TableName: aws.String("Orders"), IndexName: aws.String("ByStatus"),
				Segment: aws.Int32(seg), TotalSegments: aws.Int32(4), Limit: aws.Int32(11)})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, keys...)
		}
		if len(got) != 150 {
			t.Errorf("got %d index entries over 4 segments, want 150", len(got))
		}
	})
}

func TestScan_SDKFilterAndValidation(t *testing.T) {
	c := rdOrdersClient(t)
	ctx := context.Background()
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Orders"), FilterExpression: aws.String("#t > :t"),
		ExpressionAttributeNames: map[string]string{"#t": "total"}, ExpressionAttributeValues: map[string]types.AttributeValue{":t": rdN("95")},
		ProjectionExpression: aws.String("#t")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Count != 4 || out.ScannedCount != 14 {
		t.Errorf("got Count %d ScannedCount %d, want 4 and 14", out.Count, out.ScannedCount)
	}
	for _, it := range out.Items {
		if rdAttrs(it) != "total" {
			t.Errorf("got attributes %s, want total", rdAttrs(it))
		}
	}
	cases := []struct {
		name string
		in   dynamodb.ScanInput
		msg  string
	}{
		{"segment without total", dynamodb.ScanInput{Segment: aws.Int32(0)},
			"The TotalSegments parameter is required but was not present in the request when Segment parameter is present"},
		{"total without segment", dynamodb.ScanInput{TotalSegments: aws.Int32(3)},
			"The Segment parameter is required but was not present in the request when parameter TotalSegments is present"},
		{"segment not below total", dynamodb.ScanInput{Segment: aws.Int32(3), TotalSegments: aws.Int32(3)},
			"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is out of bounds of TotalSegments: 3"},
		{"total too large", dynamodb.ScanInput{Segment: aws.Int32(0), TotalSegments: aws.Int32(1000001)},
			"1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000"},
		{"consistent read on gsi", dynamodb.ScanInput{IndexName: aws.String("ByStatus"), ConsistentRead: aws.Bool(true)},
			"Consistent reads are not supported on global secondary indexes"},
		{"all attributes on include gsi", dynamodb.ScanInput{IndexName: aws.String("ByStatus"), Select: types.SelectAllAttributes},
			"One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ByStatus because its projection type is not ALL"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.TableName = aws.String("Orders")
			_, err := c.Scan(ctx, &in)
			rdWant(t, err, "ValidationException", tc.msg)
		})
	}
}

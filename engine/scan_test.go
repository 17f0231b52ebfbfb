package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/read"
)

// scanAll scans table (with extra request members) page by page and
// returns every item's "pk/sk" and the number of pages.
func scanAll(t testing.TB, db *DB, extra string) (keys []string, pages int) {
	t.Helper()
	start := ""
	for pages = 1; pages < 1000; pages++ {
		out := readCall(t, db, "Scan", `{"TableName":"qqq"`+extra+start+`}`)
		for _, it := range out["Items"].([]any) {
			m := it.(map[string]any)
			keys = append(keys, fmt.Sprintf("%v/%v", m["pk"].(map[string]any)["S"], m["sk"].(map[string]any)["N"]))
		}
		lek, ok := out["LastEvaluatedKey"]
		if !ok {
			return keys, pages
		}
		b, _ := json.Marshal(lek)
		start = `,"ExclusiveStartKey":` + string(b)
	}
	t.Fatalf("scan did not end")
	return nil, 0
}

// putMany puts n small items in n partitions of "qqq".
func putMany(t testing.TB, db *DB, n int) []string {
	t.Helper()
	var want []string
	for i := 0; i < n; i++ {
		readCall(t, db, "PutItem", fmt.Sprintf(`{"TableName":"qqq","Item":{"pk":{"S":"p%03d"},"sk":{"N":"%d"},"g":{"S":"G%d"}}}`, i, i%7, i%3))
		want = append(want, fmt.Sprintf("p%03d/%d", i, i%7))
	}
	slices.Sort(want)
	return want
}

func TestScan_PagesCoverEveryItemOnce(t *testing.T) {
	db := readDB(t)
	want := putMany(t, db, 60)
	for _, extra := range []string{"", `,"Limit":1`, `,"Limit":7`, `,"Limit":60`} {
		t.Run("limit"+extra, func(t *testing.T) {
			got, _ := scanAll(t, db, extra)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("got %d items %v, want %d", len(got), got, len(want))
			}
		})
	}
}

func TestScan_ParallelSegmentsCoverEveryItemOnce(t *testing.T) {
	db := readDB(t)
	want := putMany(t, db, 60)
	for _, total := range []int{1, 2, 3, 8, 100} {
		t.Run(fmt.Sprintf("total %d", total), func(t *testing.T) {
			var got []string
			for seg := 0; seg < total; seg++ {
				keys, _ := scanAll(t, db, fmt.Sprintf(`,"Segment":%d,"TotalSegments":%d,"Limit":5`, seg, total))
				got = append(got, keys...)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("got %d items, want %d: %v", len(got), len(want), got)
			}
		})
	}
}

func TestScan_FilterAndIndex(t *testing.T) {
	db := readDB(t)
	putQ(t, db)
	cases := []struct {
		name, body             string
		wantCount, wantScanned float64
		wantFirstAttrs         string
	}{
		{"filter", `{"TableName":"qqq","FilterExpression":"x >= :n","ExpressionAttributeValues":{":n":{"N":"8"}}}`, 3, 13, ""},
		{"scan filter legacy", `{"TableName":"qqq","ScanFilter":{"x":{"ComparisonOperator":"LE","AttributeValueList":[{"N":"2"}]}}}`, 2, 13, ""},
		{"filter on key allowed", `{"TableName":"qqq","FilterExpression":"pk = :b","ExpressionAttributeValues":{":b":{"S":"b"}}}`, 3, 13, ""},
		{"sparse gsi", `{"TableName":"qqq","IndexName":"gKeys"}`, 5, 5, "g,pk,sk"},
		{"sparse lsi", `{"TableName":"qqq","IndexName":"lInc"}`, 5, 5, "l,pk,sk,x"},
		{"count", `{"TableName":"qqq","Select":"COUNT","FilterExpression":"attribute_exists(g)"}`, 5, 13, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := readCall(t, db, "Scan", c.body)
			if out["Count"] != c.wantCount || out["ScannedCount"] != c.wantScanned {
				t.Errorf("got Count %v ScannedCount %v, want %v and %v", out["Count"], out["ScannedCount"], c.wantCount, c.wantScanned)
			}
			if c.wantFirstAttrs != "" {
				first := out["Items"].([]any)[0].(map[string]any)
				var names []string
				for n := range first {
					names = append(names, n)
				}
				slices.Sort(names)
				if got := strings.Join(names, ","); got != c.wantFirstAttrs {
					t.Errorf("got attributes %s, want %s", got, c.wantFirstAttrs)
				}
			}
		})
	}
}

func TestScan_Validation(t *testing.T) {
	db := readDB(t)
	v := ddberr.TypeValidation
	runReadErrCases(t, db, []readErrCase{
		{"segment without total", "Scan", `{"TableName":"qqq","Segment":0}`, v, read.MsgSegmentNoTotal},
		{"total without segment", "Scan", `{"TableName":"qqq","TotalSegments":2}`, v, read.MsgTotalNoSegment},
		{"segment out of bounds", "Scan", `{"TableName":"qqq","Segment":2,"TotalSegments":2}`, v,
			"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is out of bounds of TotalSegments: 2"},
		{"total zero", "Scan", `{"TableName":"qqq","Segment":0,"TotalSegments":0}`, v,
			"1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"total too large", "Scan", `{"TableName":"qqq","Segment":0,"TotalSegments":1000001}`, v,
			"1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000"},
		{"negative segment", "Scan", `{"TableName":"qqq","Segment":-1,"TotalSegments":4}`, v,
			"1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{"all projected without index", "Scan", `{"TableName":"qqq","Select":"ALL_PROJECTED_ATTRIBUTES"}`, v,
			"ALL_PROJECTED_ATTRIBUTES can be used only when Scanning using an IndexName"},
		{"values without expression", "Scan", `{"TableName":"qqq","ExpressionAttributeValues":{":a":{"S":"a"}}}`, v,
			"ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null"},
		{"names without expression", "Scan", `{"TableName":"qqq","ExpressionAttributeNames":{"#a":"a"}}`, v, "ExpressionAttributeNames can only be specified when using expressions"},
		{"mixed", "Scan", `{"TableName":"qqq","ScanFilter":{"x":{"ComparisonOperator":"NULL"}},"ProjectionExpression":"x"}`, v,
			"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ScanFilter} Expression parameters: {ProjectionExpression}"},
		{"consistent gsi", "Scan", `{"TableName":"qqq","IndexName":"gKeys","ConsistentRead":true}`, v, msgConsistentOnGSI},
		{"bad start key", "Scan", `{"TableName":"qqq","ExclusiveStartKey":{"pk":{"S":"a"}}}`, v,
			"The provided starting key is invalid: The provided key element does not match the schema"},
		{"unknown table", "Scan", `{"TableName":"nope"}`, ddberr.TypeResourceNotFound, msgResourceNotFound},
	})
}

// FuzzReadOps sends arbitrary bodies to the read-only operations of this
// file's family against a populated DB: no body may panic, and every error
// must be a DynamoDB error.
func FuzzReadOps(f *testing.F) {
	ops := []string{"Query", "Scan", "BatchGetItem", "TransactGetItems"}
	seeds := []struct {
		op   uint8
		body string
	}{
		{0, `{"TableName":"qqq","KeyConditionExpression":"pk = :a AND sk BETWEEN :l AND :h","ExpressionAttributeValues":{":a":{"S":"a"},":l":{"N":"2"},":h":{"N":"5"}},"Limit":2}`},
		{0, `{"TableName":"qqq","IndexName":"gKeys","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G"}},"ExclusiveStartKey":{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"2"}}}`},
		{0, `{"TableName":"qqq","IndexName":"lInc","Select":"ALL_ATTRIBUTES","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"QueryFilter":{"y":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"y"}]}}}`},
		{0, `{"TableName":"sss","KeyConditionExpression":"pk = :a AND begins_with(sk, :p)","ExpressionAttributeValues":{":a":{"S":"p"},":p":{"S":"a"}},"ScanIndexForward":false}`},
		{1, `{"TableName":"qqq","Segment":1,"TotalSegments":3,"FilterExpression":"x > :n","ExpressionAttributeValues":{":n":{"N":"3"}},"ProjectionExpression":"pk, x"}`},
		{1, `{"TableName":"qqq","IndexName":"gAll","Select":"COUNT","ExclusiveStartKey":{"g":{"S":"G"},"pk":{"S":"a"},"sk":{"N":"4"}}}`},
		{2, `{"RequestItems":{"qqq":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}}],"ProjectionExpression":"#x","ExpressionAttributeNames":{"#x":"x"}},"hhh":{"Keys":[{"pk":{"S":"a"}}]}}}`},
		{3, `{"TransactItems":[{"Get":{"TableName":"qqq","Key":{"pk":{"S":"a"},"sk":{"N":"1"}}}},{"Get":{"TableName":"hhh","Key":{"pk":{"S":"b"}}}}]}`},
		{0, `{"TableName":"qqq","KeyConditionExpression":"pk = :a","ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"S":"x"}},"ExpressionAttributeValues":{":a":{"S":"a"}}}`},
		{1, `{}`},
	}
	for _, s := range seeds {
		f.Add(s.op, s.body)
	}
	db := readDB(f)
	putQ(f, db)
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		_, err := db.Handle(ops[int(op)%len(ops)], []byte(body))
		if err == nil {
			return
		}
		var de *ddberr.Error
		if !errors.As(err, &de) || de.Type == "" || de.Message == "" {
			t.Errorf("error %T %v is not a complete DynamoDB error", err, err)
		}
	})
}

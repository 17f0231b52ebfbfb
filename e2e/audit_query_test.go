package e2e

// Audit (R1) of issue 3 over the AWS SDK for Go v2: every sort-key
// operator of KeyConditionExpression and every rejected key condition,
// index definitions DynamoDB refuses, and the attributes an index query
// or scan returns for each projection type.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// auSortClient returns a client whose table "AudS" holds partition "p"
// with sort keys a, ab, abc, b, ba, c (each with n = its position) and
// partition "q" with sort key a.
func auSortClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	c := auClient(t)
	for i, sk := range []string{"a", "ab", "abc", "b", "ba", "c"} {
		rdPut(t, c, "AudS", map[string]types.AttributeValue{"pk": sv("p"), "sk": sv(sk), "n": nv(fmt.Sprint(i))})
	}
	rdPut(t, c, "AudS", map[string]types.AttributeValue{"pk": sv("q"), "sk": sv("a"), "n": nv("9")})
	return c
}

func TestAudit_QuerySortKeyOperators(t *testing.T) {
	c := auSortClient(t)
	ctx := context.Background()
	cases := []struct {
		cond string
		vals []string
		want string
	}{
		{"pk = :p", []string{":p", "p"}, "a,ab,abc,b,ba,c"},
		{"pk = :p AND sk = :v", []string{":p", "p", ":v", "ab"}, "ab"},
		{"pk = :p AND sk < :v", []string{":p", "p", ":v", "b"}, "a,ab,abc"},
		{"pk = :p AND sk <= :v", []string{":p", "p", ":v", "b"}, "a,ab,abc,b"},
		{"pk = :p AND sk > :v", []string{":p", "p", ":v", "b"}, "ba,c"},
		{"pk = :p AND sk >= :v", []string{":p", "p", ":v", "b"}, "b,ba,c"},
		{"pk = :p AND sk BETWEEN :lo AND :hi", []string{":p", "p", ":lo", "ab", ":hi", "b"}, "ab,abc,b"},
		{"pk = :p AND begins_with(sk, :v)", []string{":p", "p", ":v", "ab"}, "ab,abc"},
		{"sk >= :v AND pk = :p", []string{":p", "p", ":v", "c"}, "c"},
		{":p = pk AND :v < sk", []string{":p", "p", ":v", "b"}, "ba,c"}, // operands either way round
		{"(pk = :p) AND (sk = :v)", []string{":p", "p", ":v", "a"}, "a"},
		{"#k = :p AND #s = :v", []string{":p", "q", ":v", "a"}, "a"},
		{"pk = :p AND sk = :v", []string{":p", "nobody", ":v", "a"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.cond, func(t *testing.T) {
			var names map[string]string
			if strings.Contains(tc.cond, "#") {
				names = map[string]string{"#k": "pk", "#s": "sk"}
			}
			for _, forward := range []bool{true, false} {
				out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("AudS"), KeyConditionExpression: aws.String(tc.cond),
					ExpressionAttributeNames: names, ExpressionAttributeValues: auVals(tc.vals...), ScanIndexForward: aws.Bool(forward)})
				if err != nil {
					t.Fatalf("Query: %v", err)
				}
				want := tc.want
				if !forward {
					parts := strings.Split(want, ",")
					for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
						parts[i], parts[j] = parts[j], parts[i]
					}
					want = strings.Join(parts, ",")
				}
				if got := rdCol(out.Items, "sk"); got != want || int(out.Count) != len(out.Items) || out.ScannedCount != out.Count {
					t.Errorf("ScanIndexForward=%v: got %q (Count %d, ScannedCount %d), want %q", forward, got, out.Count, out.ScannedCount, want)
				}
			}
		})
	}
}

func TestAudit_QueryKeyConditionErrors(t *testing.T) {
	c := auSortClient(t)
	ctx := context.Background()
	cases := []struct {
		name, cond string
		vals       []string
		msg        string
	}{
		{"non-key attribute", "pk = :p AND n = :v", []string{":p", "p", ":v", "#1"}, "Query key condition not supported"},
		{"OR", "pk = :p OR sk = :v", []string{":p", "p", ":v", "a"}, "Invalid operator used in KeyConditionExpression: OR"},
		{"NOT", "NOT pk = :p", []string{":p", "p"}, "Invalid operator used in KeyConditionExpression: NOT"},
		{"IN", "pk IN (:p)", []string{":p", "p"}, "Invalid operator used in KeyConditionExpression: IN"},
		{"not equal", "pk = :p AND sk <> :v", []string{":p", "p", ":v", "a"}, "Invalid operator used in KeyConditionExpression: <>"},
		{"contains", "pk = :p AND contains(sk, :v)", []string{":p", "p", ":v", "a"}, "Invalid operator used in KeyConditionExpression: contains"},
		{"attribute_exists", "pk = :p AND attribute_exists(sk)", []string{":p", "p"}, "Invalid operator used in KeyConditionExpression: attribute_exists"},
		{"two conditions on the sort key", "pk = :p AND sk > :v AND sk < :v", []string{":p", "p", ":v", "b"}, "KeyConditionExpressions must only contain one condition per key"},
		{"two conditions on the partition key", "pk = :p AND pk = :p", []string{":p", "p"}, "KeyConditionExpressions must only contain one condition per key"},
		{"no partition key", "sk = :v", []string{":v", "a"}, "Query condition missed key schema element: pk"},
		{"partition key range", "pk > :p", []string{":p", "p"}, "Query key condition not supported"},
		{"begins_with on the partition key", "begins_with(pk, :p)", []string{":p", "p"}, "Query key condition not supported"},
		{"key value of the wrong type", "pk = :p", []string{":p", "#1"}, "One or more parameter values were invalid: Condition parameter type does not match schema type"},
		{"between bounds reversed", "pk = :p AND sk BETWEEN :hi AND :lo", []string{":p", "p", ":hi", "z", ":lo", "a"},
			"Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:z}, upper bound operand: AttributeValue: {S:a}"},
		{"syntax", "pk = ", nil, "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"pk =\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("AudS"), KeyConditionExpression: aws.String(tc.cond),
				ExpressionAttributeValues: auVals(tc.vals...)})
			coreWant(t, err, "ValidationException", tc.msg)
		})
	}
}

// auIndexTable returns a CreateTable request for "AudI" with one GSI per
// projection type and one LSI; mod may change it.
func auIndexTable(mod func(in *dynamodb.CreateTableInput)) *dynamodb.CreateTableInput {
	proj := func(pt types.ProjectionType, nonKey ...string) *types.Projection {
		return &types.Projection{ProjectionType: pt, NonKeyAttributes: nonKey}
	}
	in := &dynamodb.CreateTableInput{
		TableName:            aws.String("AudI"),
		AttributeDefinitions: coreDefs("pk", "S", "sk", "S", "g", "S", "r", "N"),
		KeySchema:            coreKeys("pk", "sk"),
		BillingMode:          types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{
			{IndexName: aws.String("GAll"), KeySchema: coreKeys("g", "r"), Projection: proj(types.ProjectionTypeAll)},
			{IndexName: aws.String("GKeys"), KeySchema: coreKeys("g", ""), Projection: proj(types.ProjectionTypeKeysOnly)},
			{IndexName: aws.String("GInc"), KeySchema: coreKeys("g", ""), Projection: proj(types.ProjectionTypeInclude, "a")},
		},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{
			{IndexName: aws.String("LKeys"), KeySchema: coreKeys("pk", "r"), Projection: proj(types.ProjectionTypeKeysOnly)},
		},
	}
	if mod != nil {
		mod(in)
	}
	return in
}

func TestAudit_IndexDefinitionErrors(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	gsi := func(name string, nonKey int) types.GlobalSecondaryIndex {
		var attrs []string
		for i := range nonKey {
			attrs = append(attrs, fmt.Sprintf("%s_%d", name, i))
		}
		p := &types.Projection{ProjectionType: types.ProjectionTypeAll}
		if nonKey > 0 {
			p = &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: attrs}
		}
		return types.GlobalSecondaryIndex{IndexName: aws.String(name), KeySchema: coreKeys("g", ""), Projection: p}
	}
	cases := []struct {
		name string
		mod  func(in *dynamodb.CreateTableInput)
		msg  string
	}{
		{"21 global indexes", func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes = nil
			for i := range 21 {
				in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, gsi(fmt.Sprintf("gsi%02d", i), 0))
			}
		}, "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20"},
		{"102 projected attributes", func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes, in.LocalSecondaryIndexes = nil, nil
			in.AttributeDefinitions = coreDefs("pk", "S", "sk", "S", "g", "S")
			for i := range 6 {
				in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, gsi(fmt.Sprintf("gsi%d", i), 17))
			}
		}, "One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of 100, number of projected attributes:102"},
		{"index key of an undefined attribute", func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes[1].KeySchema = coreKeys("undefined", "")
		}, "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [undefined], AttributeDefinitions: [pk, sk, g, r]"},
		{"duplicate index name across GSI and LSI", func(in *dynamodb.CreateTableInput) {
			in.LocalSecondaryIndexes[0].IndexName = aws.String("GAll")
		}, "One or more parameter values were invalid: Duplicate index name: GAll"},
		{"unused attribute definition", func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, coreDefs("unused", "S")...)
		}, "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{"BOOL key type", func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions[2].AttributeType = "BOOL"
		}, "1 validation error detected: Value 'BOOL' at 'attributeDefinitions.3.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"},
		{"ALL with NonKeyAttributes", func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes = []string{"x"}
		}, "One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"},
		{"provisioned table, index without throughput", func(in *dynamodb.CreateTableInput) {
			in.BillingMode = types.BillingModeProvisioned
			in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}
		}, "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: GAll"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateTable(ctx, auIndexTable(tc.mod))
			coreWant(t, err, "ValidationException", tc.msg)
		})
	}
	if _, err := c.CreateTable(ctx, auIndexTable(nil)); err != nil {
		t.Errorf("the unmodified table is valid, got %v", err)
	}
}

func TestAudit_IndexProjections(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	if _, err := c.CreateTable(ctx, auIndexTable(nil)); err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "AudI")
	rdPut(t, c, "AudI",
		map[string]types.AttributeValue{"pk": sv("p1"), "sk": sv("s1"), "g": sv("G"), "r": nv("1"), "a": sv("A"), "other": sv("O")},
		map[string]types.AttributeValue{"pk": sv("p2"), "sk": sv("s2"), "g": sv("G"), "a": sv("A")}, // no r: not in GAll nor LKeys
		map[string]types.AttributeValue{"pk": sv("p3"), "sk": sv("s3"), "r": nv("3")},               // no g: only in LKeys
	)
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("AudI")})
	if err != nil {
		t.Fatal(err)
	}
	var counts []string
	for _, g := range d.Table.GlobalSecondaryIndexes {
		counts = append(counts, fmt.Sprintf("%s:%d:%v", aws.ToString(g.IndexName), aws.ToInt64(g.ItemCount), aws.ToInt64(g.IndexSizeBytes) > 0))
	}
	for _, l := range d.Table.LocalSecondaryIndexes {
		counts = append(counts, fmt.Sprintf("%s:%d:%v", aws.ToString(l.IndexName), aws.ToInt64(l.ItemCount), aws.ToInt64(l.IndexSizeBytes) > 0))
	}
	sortStrings(counts)
	if got, want := strings.Join(counts, " "), "GAll:1:true GInc:2:true GKeys:2:true LKeys:2:true"; got != want {
		t.Errorf("index ItemCount:count:IndexSizeBytes>0 = %s, want %s (sparse indexes)", got, want)
	}
	cases := []struct {
		index  string
		scan   bool
		sel    types.Select
		proj   string
		want   string // attribute lists of the items, sorted by pk, separated by "|"
		counts string // Count/ScannedCount
	}{
		{index: "GAll", want: "a,g,other,pk,r,sk", counts: "1/1"},
		{index: "GKeys", want: "g,pk,sk|g,pk,sk", counts: "2/2"},
		{index: "GInc", want: "a,g,pk,sk|a,g,pk,sk", counts: "2/2"},
		{index: "GInc", sel: types.SelectAllProjectedAttributes, want: "a,g,pk,sk|a,g,pk,sk", counts: "2/2"},
		{index: "GKeys", proj: "pk, #o", want: "pk|pk", counts: "2/2"}, // an unprojected attribute is simply absent
		{index: "GKeys", sel: types.SelectCount, want: "", counts: "2/2"},
		{index: "GKeys", scan: true, want: "g,pk,sk|g,pk,sk", counts: "2/2"},
		{index: "GAll", scan: true, want: "a,g,other,pk,r,sk", counts: "1/1"},
		{index: "LKeys", scan: true, want: "pk,r,sk|pk,r,sk", counts: "2/2"},
		{index: "LKeys", scan: true, sel: types.SelectAllAttributes, want: "a,g,other,pk,r,sk|pk,r,sk", counts: "2/2"},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%s scan=%v select=%s projection=%q", tc.index, tc.scan, tc.sel, tc.proj)
		t.Run(name, func(t *testing.T) {
			var items []map[string]types.AttributeValue
			var count, scanned int32
			var proj *string
			var names map[string]string
			if tc.proj != "" {
				proj, names = aws.String(tc.proj), map[string]string{"#o": "other"}
			}
			if tc.scan {
				out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("AudI"), IndexName: aws.String(tc.index), Select: tc.sel, ProjectionExpression: proj,
					ExpressionAttributeNames: names})
				if err != nil {
					t.Fatal(err)
				}
				items, count, scanned = out.Items, out.Count, out.ScannedCount
			} else {
				out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("AudI"), IndexName: aws.String(tc.index), Select: tc.sel, ProjectionExpression: proj,
					ExpressionAttributeNames: names, KeyConditionExpression: aws.String("g = :g"), ExpressionAttributeValues: auVals(":g", "G")})
				if err != nil {
					t.Fatal(err)
				}
				items, count, scanned = out.Items, out.Count, out.ScannedCount
			}
			byPK := map[string]string{}
			var pks []string
			for _, it := range items {
				pk := rdShow(it["pk"])
				if _, ok := it["pk"]; !ok {
					pk = fmt.Sprint(len(pks))
				}
				byPK[pk] = rdAttrs(it)
				pks = append(pks, pk)
			}
			sortStrings(pks)
			var got []string
			for _, pk := range pks {
				got = append(got, byPK[pk])
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("attributes %q, want %q", g, tc.want)
			}
			if g := fmt.Sprintf("%d/%d", count, scanned); g != tc.counts {
				t.Errorf("Count/ScannedCount %s, want %s", g, tc.counts)
			}
		})
	}
}

// TestAudit_FilterAndProjectionOnNestedPaths guards reads that decode only
// part of each stored item: a filter on one nested attribute, a projection
// of others, Select COUNT, and LastEvaluatedKey, for Query and Scan.
func TestAudit_FilterAndProjectionOnNestedPaths(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	for i := 1; i <= 4; i++ {
		rdPut(t, c, "AudN", map[string]types.AttributeValue{"pk": sv("a"), "sk": nv(fmt.Sprint(i)),
			"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"x": nv(fmt.Sprint(i)), "y": sv(fmt.Sprint("y", i))}},
			"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{nv(fmt.Sprint(i)), sv("second")}}})
	}
	vals := map[string]types.AttributeValue{":a": sv("a"), ":two": nv("2")}
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("AudN"), KeyConditionExpression: aws.String("pk = :a"),
		FilterExpression: aws.String("m.x > :two"), ProjectionExpression: aws.String("m.y, l[1]"), ExpressionAttributeValues: vals, Limit: aws.Int32(3)})
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, it := range q.Items {
		items = append(items, auJSON(t, it))
	}
	if got, want := strings.Join(items, " "), `{"l":{"L":[{"S":"second"}]},"m":{"M":{"y":{"S":"y3"}}}}`; got != want {
		t.Errorf("Query items %s, want %s", got, want)
	}
	if got := words(q.Count, q.ScannedCount, auJSON(t, q.LastEvaluatedKey)); got != `1 3 {"pk":{"S":"a"},"sk":{"N":"3"}}` {
		t.Errorf("Query Count ScannedCount LastEvaluatedKey = %s", got)
	}
	n, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("AudN"), KeyConditionExpression: aws.String("pk = :a"),
		FilterExpression: aws.String("m.x > :two"), ExpressionAttributeValues: vals, Select: types.SelectCount})
	if err != nil {
		t.Fatal(err)
	}
	if n.Count != 2 || n.ScannedCount != 4 || n.Items != nil {
		t.Errorf("COUNT query: Count %d ScannedCount %d Items %v, want 2, 4, none", n.Count, n.ScannedCount, n.Items)
	}
	s, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("AudN"), FilterExpression: aws.String("size(l) = :two AND begins_with(m.y, :y)"),
		ProjectionExpression: aws.String("sk"), ExpressionAttributeValues: map[string]types.AttributeValue{":two": nv("2"), ":y": sv("y4")}})
	if err != nil {
		t.Fatal(err)
	}
	if got := words(rdCol(s.Items, "sk"), s.Count, s.ScannedCount); got != "4 1 4" {
		t.Errorf("Scan sk Count ScannedCount = %s, want 4 1 4", got)
	}
	// Every item of a page is its own map (no item aliases another).
	all, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("AudN"), KeyConditionExpression: aws.String("pk = :a"),
		FilterExpression: aws.String("m.x > :zero"), ProjectionExpression: aws.String("m.y, sk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":a": sv("a"), ":zero": nv("0")}})
	if err != nil {
		t.Fatal(err)
	}
	items = nil
	for _, it := range all.Items {
		items = append(items, auJSON(t, it))
	}
	want := `{"m":{"M":{"y":{"S":"y1"}}},"sk":{"N":"1"}} {"m":{"M":{"y":{"S":"y2"}}},"sk":{"N":"2"}} {"m":{"M":{"y":{"S":"y3"}}},"sk":{"N":"3"}} {"m":{"M":{"y":{"S":"y4"}}},"sk":{"N":"4"}}`
	if got := strings.Join(items, " "); got != want {
		t.Errorf("projected page:\n got  %s\n want %s", got, want)
	}
}

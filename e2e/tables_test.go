package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
)

// coreClock is the fixed engine clock of the core e2e tests.
var coreClock = time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)

// coreWant checks that err is the DynamoDB error code with message msg.
func coreWant(t *testing.T, err error, code, msg string) {
	t.Helper()
	gotCode, gotMsg := apiErr(t, err)
	if gotCode != code || gotMsg != msg {
		t.Errorf("error:\n got  %s: %q\n want %s: %q", gotCode, gotMsg, code, msg)
	}
}

// coreDefs builds AttributeDefinitions from name/type pairs.
func coreDefs(pairs ...string) []types.AttributeDefinition {
	var out []types.AttributeDefinition
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, types.AttributeDefinition{AttributeName: aws.String(pairs[i]), AttributeType: types.ScalarAttributeType(pairs[i+1])})
	}
	return out
}

// coreKeys builds a KeySchema from a hash and an optional range attribute.
func coreKeys(hash, rng string) []types.KeySchemaElement {
	ks := []types.KeySchemaElement{{AttributeName: aws.String(hash), KeyType: types.KeyTypeHash}}
	if rng != "" {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(rng), KeyType: types.KeyTypeRange})
	}
	return ks
}

// musicTable is a CreateTable request for "Music" (Artist/Song) with GSI
// "ByYear" (INCLUDE Album) and LSI "ByRating" (KEYS_ONLY), on demand.
func musicTable() *dynamodb.CreateTableInput {
	return &dynamodb.CreateTableInput{
		TableName:            aws.String("Music"),
		AttributeDefinitions: coreDefs("Artist", "S", "Song", "S", "Year", "N", "Rating", "N"),
		KeySchema:            coreKeys("Artist", "Song"),
		BillingMode:          types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("ByYear"),
			KeySchema:  coreKeys("Year", ""),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"Album"}},
		}},
		LocalSecondaryIndexes: []types.LocalSecondaryIndex{{
			IndexName:  aws.String("ByRating"),
			KeySchema:  coreKeys("Artist", "Rating"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
	}
}

func TestTables_CreateDescribeDelete(t *testing.T) {
	c, _ := newClientWithDB(t, engine.Options{Now: func() time.Time { return coreClock }, Region: "eu-west-1", AccountID: "123456789012"})
	ctx := context.Background()
	created, err := c.CreateTable(ctx, musicTable())
	if err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	if got := created.TableDescription.TableStatus; got != types.TableStatusCreating {
		t.Errorf("CreateTable TableStatus = %s, want CREATING", got)
	}
	waitForTable(t, c, "Music") // the SDK's TableExistsWaiter
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Music")})
	if err != nil {
		t.Fatalf("DescribeTable: %v", err)
	}
	td := d.Table
	g, l := td.GlobalSecondaryIndexes[0], td.LocalSecondaryIndexes[0]
	checks := []struct{ name, got, want string }{
		{"TableStatus", string(td.TableStatus), "ACTIVE"},
		{"TableArn", aws.ToString(td.TableArn), "arn:aws:dynamodb:eu-west-1:123456789012:table/Music"},
		{"TableId", words(len(aws.ToString(td.TableId)), strings.Count(aws.ToString(td.TableId), "-")), "36 4"},
		{"CreationDateTime", aws.ToTime(td.CreationDateTime).UTC().String(), coreClock.String()},
		{"KeySchema", words(aws.ToString(td.KeySchema[0].AttributeName), td.KeySchema[0].KeyType, aws.ToString(td.KeySchema[1].AttributeName), td.KeySchema[1].KeyType), "Artist HASH Song RANGE"},
		{"AttributeDefinitions", words(len(td.AttributeDefinitions)), "4"},
		{"BillingMode", string(td.BillingModeSummary.BillingMode), "PAY_PER_REQUEST"},
		{"ProvisionedThroughput", words(aws.ToInt64(td.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(td.ProvisionedThroughput.WriteCapacityUnits), aws.ToInt64(td.ProvisionedThroughput.NumberOfDecreasesToday)), "0 0 0"},
		{"ItemCount", words(aws.ToInt64(td.ItemCount), aws.ToInt64(td.TableSizeBytes)), "0 0"},
		{"GSI", words(aws.ToString(g.IndexName), g.IndexStatus, g.Projection.ProjectionType, g.Projection.NonKeyAttributes), "ByYear ACTIVE INCLUDE [Album]"},
		{"GSI arn", aws.ToString(g.IndexArn), "arn:aws:dynamodb:eu-west-1:123456789012:table/Music/index/ByYear"},
		{"GSI throughput", words(aws.ToInt64(g.ProvisionedThroughput.ReadCapacityUnits)), "0"},
		{"LSI", words(aws.ToString(l.IndexName), l.Projection.ProjectionType, aws.ToString(l.KeySchema[1].AttributeName)), "ByRating KEYS_ONLY Rating"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}

	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Music"), Item: map[string]types.AttributeValue{
		"Artist": &types.AttributeValueMemberS{Value: "A"}, "Song": &types.AttributeValueMemberS{Value: "S"},
		"Year": &types.AttributeValueMemberN{Value: "1999"}, "Album": &types.AttributeValueMemberS{Value: "X"},
	}})
	if err != nil {
		t.Fatalf("PutItem: %v", err)
	}
	d, _ = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Music")})
	if n, gn, ln := aws.ToInt64(d.Table.ItemCount), aws.ToInt64(d.Table.GlobalSecondaryIndexes[0].ItemCount), aws.ToInt64(d.Table.LocalSecondaryIndexes[0].ItemCount); n != 1 || gn != 1 || ln != 0 {
		t.Errorf("counts table/GSI/LSI = %d/%d/%d, want 1/1/0", n, gn, ln)
	}
	if aws.ToInt64(d.Table.TableSizeBytes) == 0 {
		t.Errorf("TableSizeBytes = 0 after a put")
	}

	_, err = c.CreateTable(ctx, musicTable())
	coreWant(t, err, "ResourceInUseException", "Table already exists: Music")

	del, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Music")})
	if err != nil {
		t.Fatalf("DeleteTable: %v", err)
	}
	if del.TableDescription.TableStatus != types.TableStatusDeleting {
		t.Errorf("DeleteTable TableStatus = %s, want DELETING", del.TableDescription.TableStatus)
	}
	d, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Music")})
	if err != nil || d.Table.TableStatus != types.TableStatusDeleting {
		t.Fatalf("DescribeTable right after DeleteTable: %v, want DELETING", err)
	}
	waitForTableGone(t, c, "Music")
	_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Music")})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found: Table: Music not found")
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Music")})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found: Table: Music not found")
}

func TestTables_CreateErrors(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	base := func(mod func(in *dynamodb.CreateTableInput)) *dynamodb.CreateTableInput {
		in := musicTable()
		mod(in)
		return in
	}
	cases := []struct {
		name      string
		in        *dynamodb.CreateTableInput
		code, msg string
	}{
		{"short name", base(func(in *dynamodb.CreateTableInput) { in.TableName = aws.String("ab") }), "ValidationException",
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"unused definition", base(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, coreDefs("Extra", "S")...)
		}), "ValidationException",
			"One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"},
		{"undefined key", base(func(in *dynamodb.CreateTableInput) {
			in.AttributeDefinitions = coreDefs("Artist", "S", "Year", "N", "Rating", "N")
		}), "ValidationException",
			"Invalid KeySchema: Some index key attribute have no definition"},
		{"duplicate key type", base(func(in *dynamodb.CreateTableInput) { in.KeySchema[1].KeyType = types.KeyTypeHash }), "ValidationException",
			"Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"},
		{"provisioned needs throughput", base(func(in *dynamodb.CreateTableInput) { in.BillingMode = types.BillingModeProvisioned }), "ValidationException",
			"One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"},
		{"on demand forbids throughput", base(func(in *dynamodb.CreateTableInput) {
			in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}
		}), "ValidationException",
			"One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"},
		{"duplicate index", base(func(in *dynamodb.CreateTableInput) {
			in.GlobalSecondaryIndexes[0].IndexName = aws.String("ByRating")
		}), "ValidationException", "One or more parameter values were invalid: Duplicate index name: ByRating"},
		{"lsi needs table range key", base(func(in *dynamodb.CreateTableInput) {
			in.KeySchema = coreKeys("Artist", "")
			in.AttributeDefinitions = coreDefs("Artist", "S", "Year", "N", "Rating", "N")
		}), "ValidationException",
			"One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"},
		{"lsi other hash", base(func(in *dynamodb.CreateTableInput) {
			in.LocalSecondaryIndexes[0].KeySchema = coreKeys("Year", "Rating")
		}), "ValidationException",
			"One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: ByRating. index hash key: Year, table hash key: Artist"},
		{"include without attributes", base(func(in *dynamodb.CreateTableInput) { in.GlobalSecondaryIndexes[0].Projection.NonKeyAttributes = nil }), "ValidationException",
			"One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified"},
		{"six lsis", base(func(in *dynamodb.CreateTableInput) {
			for i := range 5 {
				in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{IndexName: aws.String(fmt.Sprintf("lsi%d", i)),
					KeySchema: coreKeys("Artist", "Rating"), Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}})
			}
		}), "ValidationException", "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5"},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			_, err := c.CreateTable(ctx, cs.in)
			coreWant(t, err, cs.code, cs.msg)
		})
	}
}

func TestTables_ListTables(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	for _, n := range []string{"t-03", "t-01", "t-05", "t-02", "t-04"} {
		in := musicTable()
		in.TableName = aws.String(n)
		if _, err := c.CreateTable(ctx, in); err != nil {
			t.Fatalf("CreateTable: %v", err)
		}
	}
	var pages [][]string
	p := dynamodb.NewListTablesPaginator(c, &dynamodb.ListTablesInput{Limit: aws.Int32(2)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListTables: %v", err)
		}
		pages = append(pages, out.TableNames)
	}
	if got, want := fmt.Sprint(pages), "[[t-01 t-02] [t-03 t-04] [t-05]]"; got != want {
		t.Errorf("pages = %s, want %s", got, want)
	}
	_, err := c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(101)})
	coreWant(t, err, "ValidationException",
		"1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")
}

func TestTables_UpdateTable(t *testing.T) {
	c, db := newClientWithDB(t, engine.Options{Now: func() time.Time { return coreClock }})
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:             aws.String("Orders"),
		AttributeDefinitions:  coreDefs("id", "S"),
		KeySchema:             coreKeys("id", ""),
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)},
	})
	if err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	waitForTable(t, c, "Orders")
	for i, cust := range []string{"c1", "c2", "c1"} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Orders"), Item: map[string]types.AttributeValue{
			"id": &types.AttributeValueMemberS{Value: fmt.Sprint(i)}, "customer": &types.AttributeValueMemberS{Value: cust}}})
		if err != nil {
			t.Fatalf("PutItem: %v", err)
		}
	}
	create := types.GlobalSecondaryIndexUpdate{Create: &types.CreateGlobalSecondaryIndexAction{
		IndexName:             aws.String("ByCustomer"),
		KeySchema:             coreKeys("customer", ""),
		Projection:            &types.Projection{ProjectionType: types.ProjectionTypeAll},
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)},
	}}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{create}})
	coreWant(t, err, "ValidationException",
		"One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [customer], AttributeDefinitions: []")
	up, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		AttributeDefinitions:        coreDefs("customer", "S"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{create}})
	if err != nil {
		t.Fatalf("UpdateTable create: %v", err)
	}
	if s := up.TableDescription.GlobalSecondaryIndexes[0].IndexStatus; s != types.IndexStatusCreating {
		t.Errorf("UpdateTable IndexStatus = %s, want CREATING", s)
	}
	type seen struct {
		status      types.IndexStatus
		backfilling bool
		count       int64
	}
	for i, want := range []seen{{types.IndexStatusCreating, true, 0}, {types.IndexStatusActive, false, 3}} {
		if i == 1 {
			waitIndexActive(t, c, db, "Orders", "ByCustomer")
		}
		d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Orders")})
		if err != nil {
			t.Fatalf("DescribeTable: %v", err)
		}
		g := d.Table.GlobalSecondaryIndexes[0]
		got := seen{g.IndexStatus, aws.ToBool(g.Backfilling), aws.ToInt64(g.ItemCount)}
		if got != want {
			t.Errorf("DescribeTable #%d: %+v, want %+v", i+1, got, want)
		}
	}
	q, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"), IndexName: aws.String("ByCustomer"),
		KeyConditionExpression:    aws.String("customer = :c"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":c": &types.AttributeValueMemberS{Value: "c1"}}})
	if err != nil {
		t.Fatalf("Query on the new index: %v", err)
	}
	if q.Count != 2 {
		t.Errorf("Query on backfilled index: Count = %d, want 2", q.Count)
	}

	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		AttributeDefinitions: coreDefs("customer", "S"), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{create}})
	coreWant(t, err, "ValidationException", "Attempting to create an index which already exists")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("Nope")}}}})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found: Index: Nope not found")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
			{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("ByCustomer")}}, create}})
	coreWant(t, err, "LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")

	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("ByCustomer"),
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(7), WriteCapacityUnits: aws.Int64(8)}}}}})
	if err != nil {
		t.Fatalf("UpdateTable GSI throughput: %v", err)
	}
	waitForTable(t, c, "Orders")
	up, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(2), WriteCapacityUnits: aws.Int64(9)}})
	if err != nil {
		t.Fatalf("UpdateTable throughput: %v", err)
	}
	waitForTable(t, c, "Orders")
	pt, gpt := up.TableDescription.ProvisionedThroughput, up.TableDescription.GlobalSecondaryIndexes[0].ProvisionedThroughput
	if got := fmt.Sprint(aws.ToInt64(pt.ReadCapacityUnits), aws.ToInt64(pt.WriteCapacityUnits), aws.ToInt64(pt.NumberOfDecreasesToday), aws.ToInt64(gpt.ReadCapacityUnits), aws.ToInt64(gpt.WriteCapacityUnits)); got != "2 9 1 7 8" {
		t.Errorf("throughput table r/w/decreases, GSI r/w = %s, want 2 9 1 7 8", got)
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(2), WriteCapacityUnits: aws.Int64(9)}})
	coreWant(t, err, "ValidationException", "The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 2. Requested ReadCapacityUnits: 2. Current WriteCapacityUnits provisioned for the table: 9. Requested WriteCapacityUnits: 9. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.")

	up, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"), BillingMode: types.BillingModePayPerRequest})
	if err != nil {
		t.Fatalf("UpdateTable billing: %v", err)
	}
	waitForTable(t, c, "Orders")
	if up.TableDescription.BillingModeSummary.BillingMode != types.BillingModePayPerRequest || aws.ToInt64(up.TableDescription.ProvisionedThroughput.ReadCapacityUnits) != 0 {
		t.Errorf("after switching to on demand: %+v %+v", up.TableDescription.BillingModeSummary, up.TableDescription.ProvisionedThroughput)
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"), BillingMode: types.BillingModeProvisioned})
	coreWant(t, err, "ValidationException", "One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED")

	if _, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("ByCustomer")}}}}); err != nil {
		t.Fatalf("UpdateTable delete index: %v", err)
	}
	waitForTable(t, c, "Orders") // the index is DELETING meanwhile
	d, _ := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Orders")})
	if len(d.Table.GlobalSecondaryIndexes) != 0 || len(d.Table.AttributeDefinitions) != 1 {
		t.Errorf("after deleting the index: %d GSIs, %d AttributeDefinitions; want 0 and 1", len(d.Table.GlobalSecondaryIndexes), len(d.Table.AttributeDefinitions))
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders")})
	coreWant(t, err, "ValidationException", "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required")
}

// words renders values separated by single spaces.
func words(vals ...any) string { return strings.TrimSuffix(fmt.Sprintln(vals...), "\n") }

func TestTables_DeletionProtection(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	in := musicTable()
	in.DeletionProtectionEnabled = aws.Bool(true)
	if _, err := c.CreateTable(ctx, in); err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	waitForTable(t, c, "Music")
	_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Music")})
	coreWant(t, err, "ValidationException", "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
	up, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Music"), DeletionProtectionEnabled: aws.Bool(false)})
	if err != nil || aws.ToBool(up.TableDescription.DeletionProtectionEnabled) {
		t.Fatalf("UpdateTable DeletionProtectionEnabled=false: %v", err)
	}
	if _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Music")}); err != nil {
		t.Errorf("DeleteTable after disabling protection: %v", err)
	}
}

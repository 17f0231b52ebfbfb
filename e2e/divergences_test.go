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

// The divergences from DynamoDB found by trying ddbplay as a new user
// would, each with DynamoDB's answer.

// dvTable creates "Items" (pk S) with a GSI "ByG" on g (S) and sort key h (S).
func dvTable(t *testing.T, c *dynamodb.Client) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:   aws.String("Items"),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("h"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("ByG"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}, {AttributeName: aws.String("h"), KeyType: types.KeyTypeRange}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Items")
}

func TestDivergence_UpdateItemRemoveDoesNotCreate(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	for _, upd := range []string{"REMOVE a", "REMOVE a, b", "DELETE s :s"} {
		in := &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("ghost")},
			UpdateExpression: aws.String(upd), ReturnValues: types.ReturnValueAllNew}
		if strings.Contains(upd, ":s") {
			in.ExpressionAttributeValues = rdItem{":s": &types.AttributeValueMemberSS{Value: []string{"x"}}}
		}
		out, err := c.UpdateItem(ctx, in)
		if err != nil {
			t.Fatalf("%s: %v", upd, err)
		}
		if out.Attributes != nil {
			t.Errorf("%s: ALL_NEW returned %v for an item that does not exist", upd, out.Attributes)
		}
		got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("ghost")}})
		if err != nil || got.Item != nil {
			t.Fatalf("%s created the item: %v, %v", upd, got.Item, err)
		}
	}
	// SET still creates the item; REMOVE on it then works.
	if _, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("real")},
		UpdateExpression: aws.String("SET a = :v"), ExpressionAttributeValues: rdItem{":v": rdN("1")}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("real")},
		UpdateExpression: aws.String("REMOVE a"), ReturnValues: types.ReturnValueAllNew})
	if err != nil || len(out.Attributes) != 1 || rdShow(out.Attributes["pk"]) != "real" {
		t.Fatalf("REMOVE on an existing item: %v, %v", out, err)
	}
}

func TestDivergence_DeleteTableDescription(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	out, err := c.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String("Items")})
	if err != nil {
		t.Fatal(err)
	}
	d := out.TableDescription
	if d.KeySchema != nil || d.AttributeDefinitions != nil || d.CreationDateTime != nil || d.GlobalSecondaryIndexes != nil || d.DeletionProtectionEnabled != nil {
		t.Errorf("DeleteTable's description has members DynamoDB leaves out: %+v", d)
	}
	if d.TableStatus != types.TableStatusDeleting || aws.ToString(d.TableName) != "Items" || aws.ToString(d.TableArn) == "" ||
		d.ProvisionedThroughput == nil || d.ItemCount == nil || d.TableSizeBytes == nil {
		t.Errorf("DeleteTable's description lacks DynamoDB's members: %+v", d)
	}
}

func TestDivergence_IndexKeyLengthLimits(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	long := strings.Repeat("x", 2049)
	_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS("a"), "g": rdS(long), "h": rdS("1")}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes" {
		t.Errorf("GSI partition key of 2049 bytes: %s %q", code, msg)
	}
	_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("a")},
		UpdateExpression: aws.String("SET g = :g, h = :h"), ExpressionAttributeValues: rdItem{":g": rdS("g"), ":h": rdS(long[:1025])}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes" {
		t.Errorf("GSI sort key of 1025 bytes: %s %q", code, msg)
	}
	if got, _ := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("a")}}); got.Item != nil {
		t.Errorf("a rejected write wrote %v", got.Item)
	}
	// At the limits exactly, the writes succeed.
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS("a"), "g": rdS(long[:2048]), "h": rdS(long[:1024])}}); err != nil {
		t.Errorf("index keys at the limits: %v", err)
	}
}

func TestDivergence_BatchAndScanMessages(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	var reqs []types.WriteRequest
	for i := range 26 {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: rdItem{"pk": rdS(fmt.Sprint(i))}}})
	}
	_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Items": reqs}})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.HasSuffix(msg,
		"at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]") {
		t.Errorf("26 writes to one table: %s %q", code, msg)
	}
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Limit: aws.Int32(0)})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1" {
		t.Errorf("Limit 0: %s %q", code, msg)
	}
	// A parallel scan's start key must lie in the segment scanned.
	for i := range 40 {
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS(fmt.Sprint(i))}}); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(0), TotalSegments: aws.Int32(2), Limit: aws.Int32(1)})
	if err != nil || page.LastEvaluatedKey == nil {
		t.Fatalf("segment 0: %v, %v", page, err)
	}
	if _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(0), TotalSegments: aws.Int32(2), ExclusiveStartKey: page.LastEvaluatedKey}); err != nil {
		t.Errorf("the same segment's start key: %v", err)
	}
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(1), TotalSegments: aws.Int32(2), ExclusiveStartKey: page.LastEvaluatedKey})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 1" {
		t.Errorf("another segment's start key: %s %q", code, msg)
	}
	// Select SPECIFIC_ATTRIBUTES goes with ProjectionExpression.
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Select: types.SelectSpecificAttributes, ProjectionExpression: aws.String("pk"), Limit: aws.Int32(1)})
	if err != nil || len(out.Items) != 1 {
		t.Errorf("Select SPECIFIC_ATTRIBUTES with ProjectionExpression: %v, %v", out, err)
	}
}

// DynamoDB's "__type" namespaces (see ddberr.Namespace): the Developer
// Guide's example answer is com.amazonaws.dynamodb.v20120810#
// ResourceNotFoundException; validation errors come from the service
// framework's validator and unreadable requests from the framework itself.
func TestDivergence_TypeNamespaces(t *testing.T) {
	url := rawServer(t)
	for _, tt := range []struct{ target, body, want string }{
		{"DynamoDB_20120810.DescribeTable", `{"TableName":"nope"}`, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"},
		{"DynamoDB_20120810.DescribeTable", `{"TableName":"ab"}`, "com.amazon.coral.validate#ValidationException"},
		{"DynamoDB_20120810.DescribeTable", `{"TableName":5}`, "com.amazon.coral.service#SerializationException"},
		{"DynamoDB_20120810.Frobnicate", `{}`, "com.amazon.coral.service#UnknownOperationException"},
	} {
		r := rawPost(t, url, tt.target, strings.NewReader(tt.body))
		if typ, _ := rawErrorBody(t, r); r.status != 400 || typ != tt.want {
			t.Errorf("%s %s: %d %q, want 400 %q", tt.target, tt.body, r.status, typ, tt.want)
		}
	}
}

// The Developer Guide's tagging restrictions: at most 50 tags per
// resource, keys of 1-128 and values of 0-256 characters (Unicode, not
// bytes), the aws: prefix reserved, letters, numbers, white space and
// + - = . _ : / only. DynamoDB's wording of the last three is not
// documented: the messages are ddbplay's.
func TestDivergence_TagLimits(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Items")})
	if err != nil {
		t.Fatal(err)
	}
	arn := d.Table.TableArn
	tag := func(tags ...types.Tag) error {
		_, err := c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: arn, Tags: tags})
		return err
	}
	kv := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
	// 128 two-byte characters are a valid key, 129 are not.
	if err := tag(kv(strings.Repeat("é", 128), strings.Repeat("ü", 256))); err != nil {
		t.Errorf("a key of 128 and a value of 256 characters: %v", err)
	}
	long := strings.Repeat("é", 129)
	if code, msg := apiErr(t, tag(kv(long, "v"))); code != "ValidationException" || msg !=
		"1 validation error detected: Value '"+long+"' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128" {
		t.Errorf("a key of 129 characters: %s %q", code, msg)
	}
	for _, tt := range []struct {
		tag  types.Tag
		want string
	}{
		{kv("aws:owner", "me"), "One or more parameter values were invalid: Tag key aws:owner uses the prefix aws:, which is reserved for AWS"},
		{kv("cost*centre", "1"), "One or more parameter values were invalid: Tag key cost*centre may only contain letters, numbers, white space and + - = . _ : /"},
		{kv("team", "a;b"), "One or more parameter values were invalid: Tag value a;b may only contain letters, numbers, white space and + - = . _ : /"},
	} {
		if code, msg := apiErr(t, tag(tt.tag)); code != "ValidationException" || msg != tt.want {
			t.Errorf("tag %s=%s: %s %q, want %q", *tt.tag.Key, *tt.tag.Value, code, msg, tt.want)
		}
	}
	// The table has 1 tag; 49 more make 50, replacing one keeps 50, a 51st fails.
	var more []types.Tag
	for i := range 49 {
		more = append(more, kv(fmt.Sprintf("k%02d", i), "v"))
	}
	if err := tag(more...); err != nil {
		t.Fatalf("up to 50 tags: %v", err)
	}
	if err := tag(kv("k00", "new value")); err != nil {
		t.Errorf("replacing a tag's value at 50 tags: %v", err)
	}
	if code, msg := apiErr(t, tag(kv("k49", "v"), kv("team/a", "x"))); code != "ValidationException" ||
		msg != "One or more parameter values were invalid: A resource can have at most 50 tags; this request would give it 52" {
		t.Errorf("a 51st and 52nd tag: %s %q", code, msg)
	}
	list, err := c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: arn})
	if err != nil || len(list.Tags) != 50 {
		t.Errorf("after the refused requests: %d tags (%v), want 50", len(list.Tags), err)
	}
	// UntagResource: at least one key, each 1-128 characters; a key the
	// table does not have is no error.
	untag := func(keys ...string) error {
		_, err := c.UntagResource(ctx, &dynamodb.UntagResourceInput{ResourceArn: arn, TagKeys: keys})
		return err
	}
	coreWant(t, untag([]string{}...), "ValidationException", "Atleast one Tag Key needs to be provided as Input.")
	coreWant(t, untag("k00", ""), "ValidationException",
		"1 validation error detected: Value '' at 'tagKeys.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1")
	coreWant(t, untag(long), "ValidationException",
		"1 validation error detected: Value '"+long+"' at 'tagKeys.1.member' failed to satisfy constraint: Member must have length less than or equal to 128")
	if err := untag("k00", "absent"); err != nil {
		t.Errorf("UntagResource of a present and an absent key: %v", err)
	}
	if list, err := c.ListTagsOfResource(ctx, &dynamodb.ListTagsOfResourceInput{ResourceArn: arn}); err != nil || len(list.Tags) != 49 {
		t.Errorf("after untagging one: %d tags (%v), want 49", len(list.Tags), err)
	}
	// CreateTable's Tags follow the same rules; nothing is created.
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("Tagged"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		Tags:                 []types.Tag{kv("aws:cloudformation:stack-name", "x")}})
	if code, msg := apiErr(t, err); code != "ValidationException" || !strings.Contains(msg, "reserved for AWS") {
		t.Errorf("CreateTable with an aws: tag: %s %q", code, msg)
	}
	if _, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Tagged")}); err == nil {
		t.Errorf("a refused CreateTable created the table")
	}
}

// Segment and TotalSegments out of range: the API Reference's ranges
// (Segment 0-999999, TotalSegments 1-1000000) as constraint violations,
// then Segment < TotalSegments and the two given together. The wording of
// the last three is not in AWS's documentation (README, Known differences).
func TestDivergence_ScanSegments(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	const v = "1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value %s"
	for _, tt := range []struct {
		segment, total *int32
		want           string
	}{
		{aws.Int32(-1), aws.Int32(2), fmt.Sprintf(v, -1, "segment", "greater than or equal to 0")},
		{aws.Int32(1000000), aws.Int32(1000000), fmt.Sprintf(v, 1000000, "segment", "less than or equal to 999999")},
		{aws.Int32(0), aws.Int32(0), fmt.Sprintf(v, 0, "totalSegments", "greater than or equal to 1")},
		{aws.Int32(0), aws.Int32(1000001), fmt.Sprintf(v, 1000001, "totalSegments", "less than or equal to 1000000")},
		{aws.Int32(2), aws.Int32(2), "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is out of bounds of TotalSegments: 2"},
		{aws.Int32(1), nil, "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"},
		{nil, aws.Int32(2), "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"},
	} {
		_, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: tt.segment, TotalSegments: tt.total})
		if code, msg := apiErr(t, err); code != "ValidationException" || msg != tt.want {
			t.Errorf("Segment %v TotalSegments %v: %s %q, want %q", aws.ToInt32(tt.segment), aws.ToInt32(tt.total), code, msg, tt.want)
		}
	}
	if _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items"), Segment: aws.Int32(999999), TotalSegments: aws.Int32(1000000)}); err != nil {
		t.Errorf("the last of 1,000,000 segments: %v", err)
	}
}

// Attribute names are at least one character long (the Developer Guide's
// naming rules): an empty one is refused in items, keys, expressions'
// names and the legacy parameters, and nothing is written. DynamoDB's
// wording is not documented: the messages are ddbplay's.
func TestDivergence_EmptyAttributeNames(t *testing.T) {
	c := newClient(t)
	dvTable(t, c)
	ctx := context.Background()
	const inItem = "One or more parameter values were invalid: An attribute name can not be empty"
	const inNames = "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a"
	key := rdItem{"pk": rdS("a")}
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"PutItem", func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Items"), Item: rdItem{"pk": rdS("a"), "": rdS("x")}})
			return err
		}, inItem},
		{"BatchWriteItem", func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
				"Items": {{PutRequest: &types.PutRequest{Item: rdItem{"pk": rdS("a"), "": rdS("x")}}}}}})
			return err
		}, inItem},
		{"TransactWriteItems", func() error {
			_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: aws.String("Items"), Item: rdItem{"pk": rdS("a"), "": rdS("x")}}}}})
			return err
		}, inItem},
		{"UpdateItem SET #a", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: key,
				UpdateExpression: aws.String("SET #a = :v"), ExpressionAttributeNames: map[string]string{"#a": ""},
				ExpressionAttributeValues: rdItem{":v": rdS("x")}})
			return err
		}, inNames},
		{"GetItem ProjectionExpression", func() error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: key,
				ProjectionExpression: aws.String("#a"), ExpressionAttributeNames: map[string]string{"#a": ""}})
			return err
		}, inNames},
		{"GetItem AttributesToGet", func() error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: key, AttributesToGet: []string{""}})
			return err
		}, inItem},
		{"UpdateItem AttributeUpdates", func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Items"), Key: key,
				AttributeUpdates: map[string]types.AttributeValueUpdate{"": {Value: rdS("x")}}})
			return err
		}, inItem},
		{"DeleteItem Expected", func() error {
			_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Items"), Key: key,
				Expected: map[string]types.ExpectedAttributeValue{"": {Exists: aws.Bool(false)}}})
			return err
		}, inItem},
		{"GetItem Key", func() error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Items"), Key: rdItem{"pk": rdS("a"), "": rdS("x")}})
			return err
		}, "The provided key element does not match the schema"},
	} {
		if code, msg := apiErr(t, tt.call()); code != "ValidationException" || msg != tt.want {
			t.Errorf("%s with an empty attribute name: %s %q, want %q", tt.name, code, msg, tt.want)
		}
	}
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items")})
	if err != nil || out.Count != 0 {
		t.Errorf("the refused writes wrote %d items (%v)", out.Count, err)
	}
}

// A request body that is not a JSON object cannot be the request
// structure. AWS documents no answer for a top-level null (the JSON
// protocol's tests only say an operation without input takes {} or no
// body), so null gets the answer of every other non-object body: a
// SerializationException, 400, nothing written. An empty body is still {}.
func TestDivergence_NonObjectBodies(t *testing.T) {
	url, db := rawServerDB(t)
	c := sdkClient(url, "us-east-1")
	useEngine(t, c, db)
	dvTable(t, c)
	ctx := context.Background()
	const notMap = "Unexpected value type in payload; expected a structure or map"
	const list = "Start of list found where not expected"
	bodies := []struct{ body, want string }{
		{"null", notMap}, {" null\n", notMap}, {`"x"`, notMap}, {"1", notMap}, {"true", notMap}, {"[]", list}, {`[{"TableName":"Items"}]`, list},
	}
	for _, op := range []string{"PutItem", "UpdateItem", "DeleteItem", "GetItem", "Query", "Scan", "BatchWriteItem",
		"TransactWriteItems", "CreateTable", "UpdateTable", "DeleteTable", "DescribeTable", "ListTables", "ExecuteStatement", "TagResource"} {
		for _, b := range bodies {
			r := rawPost(t, url, "DynamoDB_20120810."+op, strings.NewReader(b.body))
			typ, msg := rawErrorBody(t, r)
			if r.status != 400 || typ != "com.amazon.coral.service#SerializationException" || msg != b.want {
				t.Errorf("%s body %q: %d %s %q, want 400 SerializationException %q", op, b.body, r.status, typ, msg, b.want)
			}
		}
	}
	r := rawPost(t, url, "DynamoDBStreams_20120810.ListStreams", strings.NewReader("null"))
	if typ, _ := rawErrorBody(t, r); r.status != 400 || typ != "com.amazon.coral.service#SerializationException" {
		t.Errorf("ListStreams body null: %d %s, want 400 SerializationException", r.status, typ)
	}
	if r := rawPost(t, url, "DynamoDB_20120810.ListTables", strings.NewReader("")); r.status != 200 || string(r.body) != `{"TableNames":["Items"]}` {
		t.Errorf("ListTables with an empty body: %d %s, want 200 and the one table", r.status, r.body)
	}
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Items")})
	if err != nil || out.Count != 0 {
		t.Errorf("the refused bodies wrote %d items (%v)", out.Count, err)
	}
}

// waitIndexActive waits as a DynamoDB user must after adding a GSI: it
// polls DescribeTable until the index is ACTIVE, moving the engine's
// clock one second between polls instead of sleeping. It returns how
// long the wait took on that clock.
func waitIndexActive(t *testing.T, c *dynamodb.Client, db *engine.DB, table, index string) time.Duration {
	t.Helper()
	for waited := time.Duration(0); waited <= 2*time.Minute; waited += time.Second {
		d, err := c.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err != nil {
			t.Fatalf("DescribeTable %s: %v", table, err)
		}
		for _, g := range d.Table.GlobalSecondaryIndexes {
			if aws.ToString(g.IndexName) == index && g.IndexStatus == types.IndexStatusActive {
				return waited
			}
		}
		db.Advance(time.Second)
	}
	t.Fatalf("index %s of %s still not ACTIVE after two minutes of engine time", index, table)
	return 0
}

// A GSI added by UpdateTable backfills before it can be read: DynamoDB
// refuses Query and Scan on it (and PartiQL's SELECT on "table"."index")
// with "Cannot read from backfilling global secondary index: <name>"
// while DescribeTable reports it CREATING with Backfilling true (then
// false: GlobalSecondaryIndexDescription leaves it out only for indexes
// created with their table). Here the backfill takes 2 s plus 1 s per
// 10,000 items on the engine clock.
func TestDivergence_BackfillingIndex(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c, db := newClientWithDB(t, engine.Options{Now: func() time.Time { return start }})
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("Orders"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Orders")
	for i, cust := range []string{"c1", "c2", "c1"} {
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Orders"),
			Item: rdItem{"id": rdS(fmt.Sprint(i)), "customer": rdS(cust)}}); err != nil {
			t.Fatal(err)
		}
	}
	up, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("customer"), AttributeType: types.ScalarAttributeTypeS}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName:  aws.String("ByCustomer"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("customer"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	if g := up.TableDescription.GlobalSecondaryIndexes[0]; g.IndexStatus != types.IndexStatusCreating || !aws.ToBool(g.Backfilling) {
		t.Errorf("UpdateTable: %s backfilling %v, want CREATING backfilling true", g.IndexStatus, aws.ToBool(g.Backfilling))
	}
	const want = "Cannot read from backfilling global secondary index: ByCustomer"
	reads := func() map[string]error {
		_, qErr := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"), IndexName: aws.String("ByCustomer"),
			KeyConditionExpression: aws.String("customer = :c"), ExpressionAttributeValues: rdItem{":c": rdS("c1")}})
		_, sErr := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Orders"), IndexName: aws.String("ByCustomer")})
		_, pErr := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`SELECT * FROM "Orders"."ByCustomer" WHERE customer = 'c1'`)})
		return map[string]error{"Query": qErr, "Scan": sErr, "ExecuteStatement": pErr}
	}
	db.Advance(2*time.Second - time.Millisecond) // 3 items: 2 s and 0.3 ms
	for op, err := range reads() {
		if code, msg := apiErr(t, err); code != "ValidationException" || msg != want {
			t.Errorf("%s while backfilling: %s %q, want ValidationException %q", op, code, msg, want)
		}
	}
	if _, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Orders"),
		KeyConditionExpression: aws.String("id = :i"), ExpressionAttributeValues: rdItem{":i": rdS("0")}}); err != nil {
		t.Errorf("the table itself while its index backfills: %v", err)
	}
	if waited := waitIndexActive(t, c, db, "Orders", "ByCustomer"); waited != time.Second {
		t.Errorf("the index became ACTIVE after %v more, want 1s (one poll)", waited)
	}
	for op, err := range reads() {
		if err != nil {
			t.Errorf("%s on the ACTIVE index: %v", op, err)
		}
	}
	// Backfilling stays in the description, false, for an index added by
	// UpdateTable; one created with its table never has it.
	dvTable(t, c)
	for table, want := range map[string]*bool{"Orders": aws.Bool(false), "Items": nil} {
		d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err != nil {
			t.Fatal(err)
		}
		g := d.Table.GlobalSecondaryIndexes[0]
		if g.IndexStatus != types.IndexStatusActive || (g.Backfilling == nil) != (want == nil) || aws.ToBool(g.Backfilling) {
			t.Errorf("%s's index: %s, Backfilling %v, want ACTIVE and %v", table, g.IndexStatus, g.Backfilling, want)
		}
	}
}

// A new table is CREATING for a while, as on DynamoDB (CreateTable: "You
// can perform read and write operations only on an ACTIVE table"): a
// write straight after CreateTable is ResourceNotFoundException (whose
// API Reference entry covers a table whose status is not ACTIVE),
// UpdateTable, DeleteTable and a second CreateTable are
// ResourceInUseException, and the SDK's TableExistsWaiter waits it out.
// Here CREATING lasts 2 s of engine time.
func TestDivergence_TableCreatingTakesTime(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c, _ := newClientWithDB(t, engine.Options{Now: func() time.Time { return start }})
	ctx := context.Background()
	in := &dynamodb.CreateTableInput{
		TableName: aws.String("Fresh"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
	}
	if _, err := c.CreateTable(ctx, in); err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Fresh")})
	if err != nil || d.Table.TableStatus != types.TableStatusCreating {
		t.Fatalf("DescribeTable right after CreateTable: %v, want CREATING", err)
	}
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Fresh"), Item: rdItem{"id": rdS("a")}})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found")
	inUse := "Attempt to change a resource which is still in use: Table is being created: Fresh"
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Fresh"), DeletionProtectionEnabled: aws.Bool(true)})
	coreWant(t, err, "ResourceInUseException", inUse)
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Fresh")})
	coreWant(t, err, "ResourceInUseException", inUse)
	_, err = c.CreateTable(ctx, in)
	coreWant(t, err, "ResourceInUseException", inUse)
	arn := "arn:aws:dynamodb:us-east-1:000000000000:table/Fresh"
	_, err = c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String(arn), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	coreWant(t, err, "ResourceInUseException", inUse)
	// UpdateTimeToLive finds no table until it is ACTIVE, as DynamoDB answers.
	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("Fresh"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{Enabled: aws.Bool(true), AttributeName: aws.String("ttl")}})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found: Table: Fresh not found")
	waitForTable(t, c, "Fresh")
	if _, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("Fresh"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{Enabled: aws.Bool(true), AttributeName: aws.String("ttl")}}); err != nil {
		t.Errorf("UpdateTimeToLive once ACTIVE: %v", err)
	}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Fresh"), Item: rdItem{"id": rdS("a")}}); err != nil {
		t.Errorf("PutItem once ACTIVE: %v", err)
	}
}

// UpdateTable and DeleteTable take time as on DynamoDB: a changed table is
// UPDATING (reads and writes go on, further changes are
// ResourceInUseException) and a deleted one DELETING (listed, no reads or
// writes, no CreateTable of its name, a second DeleteTable answers without
// error as the API Reference says) until the SDK's waiters see it ACTIVE
// or gone.
func TestDivergence_TableUpdatingAndDeletingTakeTime(t *testing.T) {
	c, _ := newClientWithDB(t, engine.Options{Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }})
	ctx := context.Background()
	in := &dynamodb.CreateTableInput{
		TableName: aws.String("Busy"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
	}
	if _, err := c.CreateTable(ctx, in); err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Busy")
	up, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Busy"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	if err != nil || up.TableDescription.TableStatus != types.TableStatusUpdating {
		t.Fatalf("UpdateTable: %v, want UPDATING", err)
	}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Busy"), Item: rdItem{"id": rdS("a")}}); err != nil {
		t.Errorf("PutItem while UPDATING: %v", err)
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Busy"), BillingMode: types.BillingModeProvisioned,
		ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being updated: Busy")
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Busy")})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being updated: Busy")
	waitForTable(t, c, "Busy")

	del, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Busy")})
	if err != nil || del.TableDescription.TableStatus != types.TableStatusDeleting {
		t.Fatalf("DeleteTable: %v, want DELETING", err)
	}
	if l, err := c.ListTables(ctx, &dynamodb.ListTablesInput{}); err != nil || len(l.TableNames) != 1 {
		t.Errorf("ListTables while DELETING: %v %v, want [Busy]", l, err)
	}
	_, err = c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Busy"), Key: rdItem{"id": rdS("a")}})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Busy"), DeletionProtectionEnabled: aws.Bool(true)})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being deleted: Busy")
	_, err = c.CreateTable(ctx, in)
	coreWant(t, err, "ResourceInUseException", "Table already exists: Busy")
	_, err = c.TagResource(ctx, &dynamodb.TagResourceInput{ResourceArn: aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/Busy"),
		Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being deleted: Busy")
	if again, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Busy")}); err != nil || again.TableDescription.TableStatus != types.TableStatusDeleting {
		t.Errorf("a second DeleteTable: %v, want DELETING and no error", err)
	}
	waitForTableGone(t, c, "Busy")
	if _, err := c.CreateTable(ctx, in); err != nil {
		t.Errorf("CreateTable once gone: %v", err)
	}
}

// A TableName given as "" is refused for its length, as DynamoDB words it
// (its TableName members take 1 to 1024 characters), not as a missing
// member ("Member must not be null"), in every operation and in the
// members of a transaction.
func TestDivergence_EmptyTableName(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	empty := aws.String("")
	want := "1 validation error detected: Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"
	key := rdItem{"id": rdS("a")}
	for name, call := range map[string]func() error{
		"GetItem": func() error { _, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: empty, Key: key}); return err },
		"PutItem": func() error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: empty, Item: key})
			return err
		},
		"DeleteItem": func() error {
			_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: empty, Key: key})
			return err
		},
		"Scan": func() error { _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: empty}); return err },
		"DescribeTable": func() error {
			_, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: empty})
			return err
		},
		"DeleteTable": func() error { _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: empty}); return err },
		"UpdateTable": func() error {
			_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: empty, DeletionProtectionEnabled: aws.Bool(true)})
			return err
		},
		"DescribeTimeToLive": func() error {
			_, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: empty})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) { coreWant(t, call(), "ValidationException", want) })
	}
	_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: empty, Item: key}}}})
	coreWant(t, err, "ValidationException",
		"1 validation error detected: Value '' at 'transactItems.1.member.put.tableName' failed to satisfy constraint: Member must have length greater than or equal to 1")
}

// A GSI deleted by UpdateTable is DELETING for a while, as on DynamoDB
// (here 2 s of engine time, while the table is UPDATING): DescribeTable
// shows it, reads of it find no such index, the table's reads and writes
// go on ("no effect on any read or write activity in the parent table"),
// the throughput of other GSIs may still change, another GSI is not
// created or deleted meanwhile ("Only 1 online index…"), nor the table
// deleted; once it is gone its name can be used again. An index still
// backfilling may be deleted, and blocks DeleteTable.
func TestDivergence_DeletingIndex(t *testing.T) {
	c, db := newClientWithDB(t, engine.Options{Now: func() time.Time { return coreClock }})
	ctx := context.Background()
	gsi := func(name, key string) types.GlobalSecondaryIndex {
		return types.GlobalSecondaryIndex{IndexName: aws.String(name), KeySchema: coreKeys(key, ""),
			Projection:            &types.Projection{ProjectionType: types.ProjectionTypeAll},
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}}
	}
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("Shop"), AttributeDefinitions: coreDefs("id", "S", "a", "S", "b", "S"), KeySchema: coreKeys("id", ""),
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{gsi("ByA", "a"), gsi("ByB", "b")},
		ProvisionedThroughput:  &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(5), WriteCapacityUnits: aws.Int64(5)},
	})
	if err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	waitForTable(t, c, "Shop")
	item := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "1"},
		"a": &types.AttributeValueMemberS{Value: "x"}, "b": &types.AttributeValueMemberS{Value: "y"}}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Shop"), Item: item}); err != nil {
		t.Fatal(err)
	}
	status := func(d *types.TableDescription) string {
		s := string(d.TableStatus)
		for _, g := range d.GlobalSecondaryIndexes {
			s += fmt.Sprintf(" %s:%s:%d:%v", aws.ToString(g.IndexName), g.IndexStatus, aws.ToInt64(g.ItemCount), g.Backfilling != nil)
		}
		return s
	}
	deleteIndex := func(name string) (*dynamodb.UpdateTableOutput, error) {
		return c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Shop"),
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String(name)}}}})
	}
	createIndex := func(name, key string) (*dynamodb.UpdateTableOutput, error) {
		g := gsi(name, key)
		return c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Shop"), AttributeDefinitions: coreDefs(key, "S"),
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
				IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection, ProvisionedThroughput: g.ProvisionedThroughput}}}})
	}
	query := func(index, key, value string) (*dynamodb.QueryOutput, error) {
		return c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("Shop"), IndexName: aws.String(index),
			KeyConditionExpression:    aws.String("#k = :v"),
			ExpressionAttributeNames:  map[string]string{"#k": key},
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberS{Value: value}}})
	}

	up, err := deleteIndex("ByA")
	if err != nil {
		t.Fatalf("UpdateTable Delete: %v", err)
	}
	if got, want := status(up.TableDescription), "UPDATING ByB:ACTIVE:1:false ByA:DELETING:0:false"; got != want {
		t.Errorf("UpdateTable's TableDescription: %s, want %s", got, want)
	}
	d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Shop")})
	if err != nil || status(d.Table) != "UPDATING ByB:ACTIVE:1:false ByA:DELETING:0:false" {
		t.Errorf("DescribeTable while deleting: %v %v", status(d.Table), err)
	}
	_, err = query("ByA", "a", "x")
	coreWant(t, err, "ValidationException", "The table does not have the specified index: ByA")
	_, err = c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Shop"), IndexName: aws.String("ByA")})
	coreWant(t, err, "ValidationException", "The table does not have the specified index: ByA")
	_, err = c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`SELECT * FROM "Shop"."ByA" WHERE a = 'x'`)})
	coreWant(t, err, "ValidationException", "The table does not have the specified index: ByA")
	item["id"] = &types.AttributeValueMemberS{Value: "2"}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Shop"), Item: item}); err != nil {
		t.Errorf("PutItem while an index is DELETING: %v", err)
	}
	if q, err := query("ByB", "b", "y"); err != nil || q.Count != 2 {
		t.Errorf("Query on the other index while one is DELETING: %v, want 2 items", err)
	}
	if _, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Shop"),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("ByB"),
			ProvisionedThroughput: &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(3), WriteCapacityUnits: aws.Int64(3)}}}}}); err != nil {
		t.Errorf("UpdateTable of another index's throughput while one is DELETING: %v", err)
	}
	_, err = createIndex("ByA", "a")
	coreWant(t, err, "LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")
	_, err = deleteIndex("ByB")
	coreWant(t, err, "LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")
	_, err = deleteIndex("ByA")
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found: Index: ByA not found")
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Shop"), BillingMode: types.BillingModePayPerRequest})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being updated: Shop")
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Shop")})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Table is being updated: Shop")

	waitForTable(t, c, "Shop")
	if d, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Shop")}); err != nil || status(d.Table) != "ACTIVE ByB:ACTIVE:2:false" {
		t.Errorf("DescribeTable once deleted: %v %v, want ACTIVE ByB:ACTIVE:2:false", status(d.Table), err)
	}

	// The name is free again. The new index backfills 2 s plus 100 µs per
	// item: after 2 s the table is ACTIVE but the index still CREATING.
	if _, err := createIndex("ByA", "a"); err != nil {
		t.Fatalf("re-creating ByA once the old one is gone: %v", err)
	}
	db.Advance(2 * time.Second)
	d, _ = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Shop")})
	if got, want := status(d.Table), "ACTIVE ByB:ACTIVE:2:false ByA:CREATING:0:true"; got != want {
		t.Errorf("after 2 s: %s, want %s", got, want)
	}
	_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Shop")})
	coreWant(t, err, "ResourceInUseException", "Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.")
	_, err = deleteIndex("ByB")
	coreWant(t, err, "LimitExceededException", "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table")
	if up, err = deleteIndex("ByA"); err != nil {
		t.Fatalf("deleting the backfilling index: %v", err)
	}
	if got, want := status(up.TableDescription), "UPDATING ByB:ACTIVE:2:false ByA:DELETING:0:false"; got != want {
		t.Errorf("deleting the backfilling index: %s, want %s", got, want)
	}
	waitForTable(t, c, "Shop")
	if _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Shop")}); err != nil {
		t.Errorf("DeleteTable once the index is gone: %v", err)
	}
}

// Every data-plane call on a table being deleted is
// ResourceNotFoundException "Requested resource not found", as for a
// table that does not exist: the API Reference's ResourceNotFoundException
// covers a table whose "status might not be ACTIVE", and DeleteTable's
// entry says only that DynamoDB *might* go on accepting reads and writes
// until the deletion completes. Nothing is written.
func TestDivergence_DataCallsOnDeletingTable(t *testing.T) {
	c, db := newClientWithDB(t, engine.Options{Now: func() time.Time { return coreClock }})
	ctx := context.Background()
	if _, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String("Gone"), BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: coreDefs("id", "S"), KeySchema: coreKeys("id", "")}); err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Gone")
	key := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Gone"), Item: key}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Gone")}); err != nil {
		t.Fatal(err)
	}
	name := aws.String("Gone")
	for op, call := range map[string]func() error{
		"GetItem": func() error { _, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: name, Key: key}); return err },
		"PutItem": func() error { _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: name, Item: key}); return err },
		"DeleteItem": func() error {
			_, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: name, Key: key})
			return err
		},
		"UpdateItem": func() error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: name, Key: key, UpdateExpression: aws.String("SET v = :v"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberN{Value: "1"}}})
			return err
		},
		"Query": func() error {
			_, err := c.Query(ctx, &dynamodb.QueryInput{TableName: name, KeyConditionExpression: aws.String("id = :v"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":v": &types.AttributeValueMemberS{Value: "a"}}})
			return err
		},
		"Scan": func() error { _, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: name}); return err },
		"BatchGetItem": func() error {
			_, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"Gone": {Keys: []map[string]types.AttributeValue{key}}}})
			return err
		},
		"BatchWriteItem": func() error {
			_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Gone": {{PutRequest: &types.PutRequest{Item: key}}}}})
			return err
		},
		"TransactGetItems": func() error {
			_, err := c.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{{Get: &types.Get{TableName: name, Key: key}}}})
			return err
		},
		"TransactWriteItems": func() error {
			_, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{{Put: &types.Put{TableName: name, Item: key}}}})
			return err
		},
		"ExecuteStatement": func() error {
			_, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`INSERT INTO "Gone" VALUE {'id': 'b'}`)})
			return err
		},
	} {
		t.Run(op, func(t *testing.T) {
			coreWant(t, call(), "ResourceNotFoundException", "Requested resource not found")
		})
	}
	if d, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: name}); err != nil || d.Table.TableStatus != types.TableStatusDeleting || aws.ToInt64(d.Table.ItemCount) != 1 {
		t.Errorf("DescribeTable after the refused calls: %v, want DELETING with its one item", err)
	}
	db.Advance(2 * time.Second)
	_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: name, Key: key})
	coreWant(t, err, "ResourceNotFoundException", "Requested resource not found")
}

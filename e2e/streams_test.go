package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	stypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

// newStreamsClients returns a DynamoDB client and a DynamoDB Streams
// client for one engine served over HTTP, on the same endpoint, with the
// engine at start (db.Advance moves its clock).
func newStreamsClients(t *testing.T, start time.Time) (*dynamodb.Client, *dynamodbstreams.Client, *engine.DB) {
	t.Helper()
	db := engine.New(engine.Options{Now: func() time.Time { return start }})
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	c := dynamodb.New(sdkOptions(srv.URL, ""), func(o *dynamodb.Options) { o.HTTPClient = srv.Client() })
	sc := dynamodbstreams.New(dynamodbstreams.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		HTTPClient:   srv.Client(),
	})
	useEngine(t, c, db)
	return c, sc, db
}

// stTable creates table "Orders" (id S) with a stream of the given view type.
func stTable(t *testing.T, c *dynamodb.Client, view types.StreamViewType) *types.TableDescription {
	t.Helper()
	// ACTIVE at once, as restored: waiting would move the clock these
	// tests read stream labels and record times on.
	db := engineOf(t, c)
	db.SetRestoring(true)
	defer db.SetRestoring(false)
	out, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("Orders"),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		StreamSpecification:  &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view},
	})
	if err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Orders")
	return out.TableDescription
}

// stShardIterator returns a TRIM_HORIZON iterator of the stream's first shard.
func stShardIterator(t *testing.T, sc *dynamodbstreams.Client, arn string, typ stypes.ShardIteratorType) string {
	t.Helper()
	d, err := sc.DescribeStream(context.Background(), &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	it, err := sc.GetShardIterator(context.Background(), &dynamodbstreams.GetShardIteratorInput{
		StreamArn: aws.String(arn), ShardId: d.StreamDescription.Shards[0].ShardId, ShardIteratorType: typ,
	})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(it.ShardIterator)
}

func stShow(v stypes.AttributeValue) string {
	switch x := v.(type) {
	case *stypes.AttributeValueMemberS:
		return x.Value
	case *stypes.AttributeValueMemberN:
		return x.Value
	case nil:
		return "-"
	}
	return "?"
}

func TestStreams_RecordsOfEveryWrite(t *testing.T) {
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	c, sc, _ := newStreamsClients(t, start)
	ctx := context.Background()
	td := stTable(t, c, types.StreamViewTypeNewAndOldImages)
	arn := aws.ToString(td.LatestStreamArn)
	if !strings.HasPrefix(arn, "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-12-03T10:00:00.000") ||
		aws.ToString(td.LatestStreamLabel) != "2026-12-03T10:00:00.000" || !aws.ToBool(td.StreamSpecification.StreamEnabled) {
		t.Fatalf("CreateTable: stream %q label %q spec %+v", arn, aws.ToString(td.LatestStreamLabel), td.StreamSpecification)
	}
	dt, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("Orders")})
	if err != nil || aws.ToString(dt.Table.LatestStreamArn) != arn || dt.Table.StreamSpecification.StreamViewType != types.StreamViewTypeNewAndOldImages {
		t.Fatalf("DescribeTable: %+v, %v", dt, err)
	}
	// PutItem, UpdateItem, a failed condition (no record), DeleteItem,
	// a transaction, a batch, PartiQL.
	put := func(id, v string) {
		t.Helper()
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Orders"), Item: rdItem{"id": rdS(id), "v": rdN(v)}}); err != nil {
			t.Fatal(err)
		}
	}
	put("a", "1")
	if _, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("Orders"), Key: rdItem{"id": rdS("a")},
		UpdateExpression: aws.String("SET v = v + :one"), ExpressionAttributeValues: rdItem{":one": rdN("1")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Orders"), Item: rdItem{"id": rdS("a")},
		ConditionExpression: aws.String("attribute_not_exists(id)")}); err == nil {
		t.Fatal("conditional put succeeded")
	}
	if _, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("Orders"), Key: rdItem{"id": rdS("a")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("Orders"), Item: rdItem{"id": rdS("t1")}}},
		{Put: &types.Put{TableName: aws.String("Orders"), Item: rdItem{"id": rdS("t2")}}},
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
		{Put: &types.Put{TableName: aws.String("Orders"), Item: rdItem{"id": rdS("t3")}}},
		{ConditionCheck: &types.ConditionCheck{TableName: aws.String("Orders"), Key: rdItem{"id": rdS("zz")}, ConditionExpression: aws.String("attribute_exists(id)")}},
	}}); err == nil {
		t.Fatal("cancelled transaction succeeded")
	}
	if _, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Orders": {
		{DeleteRequest: &types.DeleteRequest{Key: rdItem{"id": rdS("t1")}}},
	}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{Statement: aws.String(`INSERT INTO Orders VALUE {'id': 'p'}`)}); err != nil {
		t.Fatal(err)
	}
	put("p", "0") // a change…
	put("p", "0") // …and none: no record
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(stShardIterator(t, sc, arn, stypes.ShardIteratorTypeTrimHorizon))})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	prev := ""
	for _, r := range out.Records {
		d := r.Dynamodb
		got = append(got, string(r.EventName)+" "+stShow(d.Keys["id"])+" "+stShow(d.OldImage["v"])+">"+stShow(d.NewImage["v"]))
		if seq := aws.ToString(d.SequenceNumber); seq <= prev {
			t.Errorf("sequence numbers not increasing: %q after %q", seq, prev)
		} else {
			prev = seq
		}
		if aws.ToString(r.EventSource) != "aws:dynamodb" || aws.ToString(r.AwsRegion) != "us-east-1" || d.StreamViewType != stypes.StreamViewTypeNewAndOldImages ||
			!d.ApproximateCreationDateTime.Equal(start) || aws.ToInt64(d.SizeBytes) <= 0 || r.UserIdentity != nil {
			t.Errorf("record %+v / %+v", r, d)
		}
	}
	want := "INSERT a ->1|MODIFY a 1>2|REMOVE a 2>-|INSERT t1 ->-|INSERT t2 ->-|REMOVE t1 ->-|INSERT p ->-|MODIFY p ->0"
	if strings.Join(got, "|") != want {
		t.Fatalf("records:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	if out.NextShardIterator == nil {
		t.Fatal("no NextShardIterator on an open shard")
	}
	// LATEST sees only what comes after it.
	latest := stShardIterator(t, sc, arn, stypes.ShardIteratorTypeLatest)
	put("q", "5")
	out, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(latest)})
	if err != nil || len(out.Records) != 1 || stShow(out.Records[0].Dynamodb.Keys["id"]) != "q" {
		t.Fatalf("LATEST: %+v, %v", out, err)
	}
	// AT and AFTER a sequence number.
	seq := out.Records[0].Dynamodb.SequenceNumber
	d, _ := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	shard := d.StreamDescription.Shards[0].ShardId
	for typ, n := range map[stypes.ShardIteratorType]int{stypes.ShardIteratorTypeAtSequenceNumber: 1, stypes.ShardIteratorTypeAfterSequenceNumber: 0} {
		it, err := sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: shard, ShardIteratorType: typ, SequenceNumber: seq})
		if err != nil {
			t.Fatal(err)
		}
		if out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: it.ShardIterator}); err != nil || len(out.Records) != n {
			t.Fatalf("%s: %d records, %v; want %d", typ, len(out.Records), err, n)
		}
	}
	if d.StreamDescription.StreamStatus != stypes.StreamStatusEnabled || aws.ToString(d.StreamDescription.TableName) != "Orders" ||
		len(d.StreamDescription.KeySchema) != 1 || d.StreamDescription.StreamViewType != stypes.StreamViewTypeNewAndOldImages {
		t.Fatalf("DescribeStream = %+v", d.StreamDescription)
	}
	ls, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{TableName: aws.String("Orders")})
	if err != nil || len(ls.Streams) != 1 || aws.ToString(ls.Streams[0].StreamArn) != arn {
		t.Fatalf("ListStreams = %+v, %v", ls, err)
	}
}

func TestStreams_TTLRetentionAndExpiry(t *testing.T) {
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	c, sc, db := newStreamsClients(t, start)
	ctx := context.Background()
	arn := aws.ToString(stTable(t, c, types.StreamViewTypeKeysOnly).LatestStreamArn)
	if _, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{TableName: aws.String("Orders"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Orders"),
		Item: rdItem{"id": rdS("old"), "exp": rdN("1796292000")}}); err != nil { // 2026-12-03T10:00:00Z
		t.Fatal(err)
	}
	it := stShardIterator(t, sc, arn, stypes.ShardIteratorTypeTrimHorizon)
	if n := db.Advance(time.Minute); n != 1 {
		t.Fatalf("Advance expired %d items, want 1", n)
	}
	out, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it)})
	if err != nil || len(out.Records) != 2 {
		t.Fatalf("records after TTL: %+v, %v", out, err)
	}
	ttl := out.Records[1]
	if ttl.EventName != stypes.OperationTypeRemove || ttl.UserIdentity == nil || aws.ToString(ttl.UserIdentity.PrincipalId) != "dynamodb.amazonaws.com" ||
		aws.ToString(ttl.UserIdentity.Type) != "Service" || ttl.Dynamodb.NewImage != nil || ttl.Dynamodb.OldImage != nil {
		t.Fatalf("TTL record = %+v", ttl)
	}
	// An iterator lives 15 minutes.
	db.Advance(16 * time.Minute)
	_, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: out.NextShardIterator})
	var expired *stypes.ExpiredIteratorException
	if !errors.As(err, &expired) || !strings.HasPrefix(expired.ErrorMessage(), "Iterator expired. The iterator was created at time Thu Dec 03 10:01:00 UTC 2026") {
		t.Fatalf("16 minutes later: %v", err)
	}
	// Records live 24 hours.
	seq := out.Records[0].Dynamodb.SequenceNumber
	d, _ := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	db.Advance(24 * time.Hour)
	_, err = sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: d.StreamDescription.Shards[0].ShardId,
		ShardIteratorType: stypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: seq})
	var trimmed *stypes.TrimmedDataAccessException
	if !errors.As(err, &trimmed) {
		t.Fatalf("a day later, AT_SEQUENCE_NUMBER of a trimmed record: %v", err)
	}
	out, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(stShardIterator(t, sc, arn, stypes.ShardIteratorTypeTrimHorizon))})
	if err != nil || len(out.Records) != 0 {
		t.Fatalf("a day later, TRIM_HORIZON: %+v, %v", out, err)
	}
}

func TestStreams_EnableDisableAndErrors(t *testing.T) {
	c, sc, _ := newStreamsClients(t, time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	ctx := context.Background()
	arn := aws.ToString(stTable(t, c, types.StreamViewTypeNewImage).LatestStreamArn)
	_, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"),
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "Table already has an enabled stream: TableName: Orders" {
		t.Fatalf("enable twice: %s %q", code, msg)
	}
	up, err := c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	if err != nil || up.TableDescription.StreamSpecification != nil || aws.ToString(up.TableDescription.LatestStreamArn) != arn {
		t.Fatalf("disable: %+v, %v", up, err)
	}
	waitForTable(t, c, "Orders") // UPDATING for a while
	d, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil || d.StreamDescription.StreamStatus != stypes.StreamStatusDisabled || d.StreamDescription.Shards[0].SequenceNumberRange.EndingSequenceNumber == nil {
		t.Fatalf("disabled stream: %+v, %v", d, err)
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "Table does not have an enabled stream: TableName: Orders" {
		t.Fatalf("disable twice: %s %q", code, msg)
	}
	_, err = c.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: aws.String("Orders"), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: "SOME"}})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "1 validation error detected: Value 'SOME' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]" {
		t.Fatalf("bad view type: %s %q", code, msg)
	}
	missing := "arn:aws:dynamodb:us-east-1:000000000000:table/Nope/stream/2026-12-03T10:00:00.000"
	_, err = sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(missing)})
	var nf *stypes.ResourceNotFoundException
	if !errors.As(err, &nf) || nf.ErrorMessage() != "Requested resource not found: Stream: "+missing+" not found" {
		t.Fatalf("missing stream: %v", err)
	}
	_, err = sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String("not-an-iterator")})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "Invalid ShardIterator" {
		t.Fatalf("bad iterator: %s %q", code, msg)
	}
	_, err = sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: d.StreamDescription.Shards[0].ShardId,
		ShardIteratorType: stypes.ShardIteratorTypeAtSequenceNumber})
	if code, _ := apiErr(t, err); code != "ValidationException" {
		t.Fatalf("AT_SEQUENCE_NUMBER without a number: %s", code)
	}
	// Deleting the table stops its stream; the stream stays readable.
	if _, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("Orders")}); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)}); err != nil {
		t.Fatalf("after DeleteTable: %v", err)
	}
}

// The Streams API's parameter constraints (API Reference): GetRecords'
// Limit 1-1000, SequenceNumber 21-40 characters, ExclusiveStartShardId
// 28-65, ExclusiveStartStreamArn 37-1024, each DynamoDB's constraint
// message; an iterator that is not one of ours is "Invalid ShardIterator".
func TestStreams_Constraints(t *testing.T) {
	c, sc, _ := newStreamsClients(t, time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC))
	ctx := context.Background()
	arn := aws.ToString(stTable(t, c, types.StreamViewTypeKeysOnly).LatestStreamArn)
	it := stShardIterator(t, sc, arn, stypes.ShardIteratorTypeTrimHorizon)
	d, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	shard := d.StreamDescription.Shards[0].ShardId
	const v = "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have %s"
	for _, tt := range []struct {
		name string
		call func() error
		want string
	}{
		{"GetRecords Limit 0", func() error {
			_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it), Limit: aws.Int32(0)})
			return err
		}, fmt.Sprintf(v, "0", "limit", "value greater than or equal to 1")},
		{"GetRecords Limit 1001", func() error {
			_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String(it), Limit: aws.Int32(1001)})
			return err
		}, fmt.Sprintf(v, "1001", "limit", "value less than or equal to 1000")},
		{"GetRecords an empty iterator", func() error {
			_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String("")})
			return err
		}, fmt.Sprintf(v, "", "shardIterator", "length greater than or equal to 1")},
		{"GetRecords a foreign iterator", func() error {
			_, err := sc.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: aws.String("AAAAAAAAAAGkQ0123456789")})
			return err
		}, "Invalid ShardIterator"},
		{"GetShardIterator a short SequenceNumber", func() error {
			_, err := sc.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{StreamArn: aws.String(arn), ShardId: shard,
				ShardIteratorType: stypes.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("42")})
			return err
		}, fmt.Sprintf(v, "42", "sequenceNumber", "length greater than or equal to 21")},
		{"DescribeStream a short ExclusiveStartShardId", func() error {
			_, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), ExclusiveStartShardId: aws.String("shardId-1")})
			return err
		}, fmt.Sprintf(v, "shardId-1", "exclusiveStartShardId", "length greater than or equal to 28")},
		{"DescribeStream Limit 101", func() error {
			_, err := sc.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: aws.String(arn), Limit: aws.Int32(101)})
			return err
		}, fmt.Sprintf(v, "101", "limit", "value less than or equal to 100")},
		{"ListStreams a short ExclusiveStartStreamArn", func() error {
			_, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{ExclusiveStartStreamArn: aws.String("arn:x")})
			return err
		}, fmt.Sprintf(v, "arn:x", "exclusiveStartStreamArn", "length greater than or equal to 37")},
		{"ListStreams Limit 0", func() error {
			_, err := sc.ListStreams(ctx, &dynamodbstreams.ListStreamsInput{Limit: aws.Int32(0)})
			return err
		}, fmt.Sprintf(v, "0", "limit", "value greater than or equal to 1")},
	} {
		t.Run(tt.name, func(t *testing.T) { coreWant(t, tt.call(), "ValidationException", tt.want) })
	}
}

package e2e

import (
	"context"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

// webHashTable creates an on-demand table with a string partition key pk.
func webHashTable(t *testing.T, c *dynamodb.Client, name string) string {
	t.Helper()
	out, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("CreateTable %s: %v", name, err)
	}
	waitForTable(t, c, name)
	return aws.ToString(out.TableDescription.TableArn)
}

func TestTTL_SDK(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c, db := newClientWithDB(t, engine.Options{Now: func() time.Time { return start }})
	ctx := context.Background()
	webHashTable(t, c, "sessions")

	desc, err := c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("sessions")})
	if err != nil {
		t.Fatalf("DescribeTimeToLive: %v", err)
	}
	if got := desc.TimeToLiveDescription.TimeToLiveStatus; got != types.TimeToLiveStatusDisabled {
		t.Errorf("initial TimeToLiveStatus = %s, want DISABLED", got)
	}

	up, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String("sessions"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expires"), Enabled: aws.Bool(true)},
	})
	if err != nil {
		t.Fatalf("UpdateTimeToLive: %v", err)
	}
	if got := up.TimeToLiveSpecification; aws.ToString(got.AttributeName) != "expires" || !aws.ToBool(got.Enabled) {
		t.Errorf("UpdateTimeToLive answered %+v, want expires enabled", got)
	}
	desc, err = c.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("sessions")})
	if err != nil {
		t.Fatalf("DescribeTimeToLive: %v", err)
	}
	if d := desc.TimeToLiveDescription; d.TimeToLiveStatus != types.TimeToLiveStatusEnabled || aws.ToString(d.AttributeName) != "expires" {
		t.Errorf("TimeToLiveDescription = %s %s, want ENABLED expires", d.TimeToLiveStatus, aws.ToString(d.AttributeName))
	}

	_, err = c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String("sessions"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("expires"), Enabled: aws.Bool(true)},
	})
	if code, msg := apiErr(t, err); code != "ValidationException" || msg != "TimeToLive is already enabled" {
		t.Errorf("enabling twice: %s %q, want ValidationException %q", code, msg, "TimeToLive is already enabled")
	}

	for _, s := range []struct {
		pk  string
		ttl time.Duration
	}{{"short", time.Minute}, {"long", time.Hour}} {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("sessions"), Item: map[string]types.AttributeValue{
			"pk":      &types.AttributeValueMemberS{Value: s.pk},
			"expires": &types.AttributeValueMemberN{Value: strconv.FormatInt(start.Add(s.ttl).Unix(), 10)},
		}})
		if err != nil {
			t.Fatalf("PutItem %s: %v", s.pk, err)
		}
	}
	count := func() int32 {
		t.Helper()
		out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("sessions"), Select: types.SelectCount})
		if err != nil {
			t.Fatalf("Scan: %v", err)
		}
		return out.Count
	}
	steps := []struct {
		advance     time.Duration
		wantDeleted int
		wantCount   int32
	}{
		{30 * time.Second, 0, 2},
		{31 * time.Second, 1, 1},
		{time.Hour, 1, 0},
	}
	for _, st := range steps {
		if got := db.Advance(st.advance); got != st.wantDeleted {
			t.Errorf("Advance(%v) deleted %d, want %d", st.advance, got, st.wantDeleted)
		}
		if got := count(); got != st.wantCount {
			t.Errorf("after Advance(%v) the table holds %d items, want %d", st.advance, got, st.wantCount)
		}
	}
}

// TestTTL_SweepBeforeRequest checks that the HTTP handler deletes expired
// items by itself, without Advance: a handler sweeps before its first
// request (and then at most once a second).
func TestTTL_SweepBeforeRequest(t *testing.T) {
	c, db := newClientWithDB(t, engine.Options{})
	ctx := context.Background()
	webHashTable(t, c, "lazy")
	_, err := c.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String("lazy"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("exp"), Enabled: aws.Bool(true)},
	})
	if err != nil {
		t.Fatalf("UpdateTimeToLive: %v", err)
	}
	for pk, exp := range map[string]time.Duration{"gone": -time.Hour, "kept": time.Hour} {
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("lazy"), Item: map[string]types.AttributeValue{
			"pk":  &types.AttributeValueMemberS{Value: pk},
			"exp": &types.AttributeValueMemberN{Value: strconv.FormatInt(time.Now().Add(exp).Unix(), 10)},
		}})
		if err != nil {
			t.Fatalf("PutItem %s: %v", pk, err)
		}
	}
	// A second handler over the same engine: its first request sweeps.
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	c2 := sdkClient(srv.URL, "")
	for pk, wantFound := range map[string]bool{"gone": false, "kept": true} {
		out, err := c2.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("lazy"), Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: pk},
		}})
		if err != nil {
			t.Fatalf("GetItem %s: %v", pk, err)
		}
		if found := out.Item != nil; found != wantFound {
			t.Errorf("GetItem %s found = %v, want %v", pk, found, wantFound)
		}
	}
}

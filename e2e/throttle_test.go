package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/internal/testtools"
	"github.com/ddbplay/ddbplay/web"
)

// resumeOnThrottle passes requests to base and calls resume once, when the
// first answer that is a throttle (HTTP 400 with a throughput-exceeded
// error) has arrived.
type resumeOnThrottle struct {
	base   http.RoundTripper
	resume func()
	once   sync.Once
}

func (r *resumeOnThrottle) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusBadRequest {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if bytes.Contains(body, []byte("ProvisionedThroughputExceededException")) {
		r.once.Do(r.resume)
	}
	return resp, nil
}

// throttledServer serves a DB with throughput enforced (as
// `ddbplay --throttle` does) with web.NewServer, and a 10-WCU table "Slow".
func throttledServer(t *testing.T) (*httptest.Server, *engine.DB) {
	t.Helper()
	db := engine.New(engine.Options{Throttle: true})
	srv := httptest.NewServer(web.NewServer(db, nil))
	t.Cleanup(srv.Close)
	db.SetRestoring(true) // ACTIVE at once: waiting would move the clock the test meters
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"Slow","BillingMode":"PROVISIONED",
		"ProvisionedThroughput":{"ReadCapacityUnits":10,"WriteCapacityUnits":10},
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	db.SetRestoring(false)
	return srv, db
}

// Rule (Developer Guide, "Error retries and exponential backoff"): the AWS
// SDKs retry ProvisionedThroughputExceededException, so a client writing
// faster than a table's throughput still gets every write in. The client
// here has the SDK's default retryer (up to 3 attempts, backing off up to
// 2 s, then 4 s). The engine's clock stays paused until the server has
// answered a throttle, so some write is throttled however fast this machine
// is; from then on it runs 20 times faster than real time, so a 10-WCU
// table earns 200 WCU per real second: each throttling costs a second or
// so, not a minute.
func TestThrottle_SDKDefaultRetryerSucceeds(t *testing.T) {
	srv, db := throttledServer(t)
	if err := db.Clock().SetSpeed(20); err != nil {
		t.Fatal(err)
	}
	db.Clock().Pause()
	hc := srv.Client()
	hc.Transport = &resumeOnThrottle{base: hc.Transport, resume: db.Clock().Resume}
	c := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		HTTPClient:   hc,
	})
	ctx := context.Background()
	const n = 400
	for i := range n {
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Slow"),
			Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k" + strconv.Itoa(i)}}}); err != nil {
			t.Fatalf("write %d failed after the SDK's retries: %v", i, err)
		}
	}
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("Slow"), ConsistentRead: aws.Bool(true), Select: types.SelectCount})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if out.Count != n {
		t.Fatalf("table holds %d items, want %d", out.Count, n)
	}
	// The writes outran the table: some were throttled, then retried.
	b, err := db.CapacityJSON("Slow")
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Tables []struct {
			Resources []struct {
				Partitions []struct {
					Seconds []struct {
						ThrottledWrite float64 `json:"throttledWrite"`
					} `json:"seconds"`
				} `json:"partitions"`
			} `json:"resources"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	throttled := 0.0
	for _, p := range st.Tables[0].Resources[0].Partitions {
		for _, s := range p.Seconds {
			throttled += s.ThrottledWrite
		}
	}
	if throttled == 0 {
		t.Fatal("no write was throttled: the test did not exercise the retryer")
	}
}

// Without retries, the SDK sees DynamoDB's error: the code, HTTP 400 and
// ThrottlingReasons with the reason and the table's ARN.
func TestThrottle_SDKSeesThrottlingReasons(t *testing.T) {
	srv, db := throttledServer(t)
	db.Clock().Pause()
	c := sdkClient(srv.URL, "")
	ctx := context.Background()
	var err error
	for i := 0; i < 100 && err == nil; i++ {
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Slow"),
			Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k" + strconv.Itoa(i)}}})
	}
	var pte *types.ProvisionedThroughputExceededException
	if !errors.As(err, &pte) {
		t.Fatalf("error %v, want ProvisionedThroughputExceededException", err)
	}
	if code, _ := apiErr(t, err); code != "ProvisionedThroughputExceededException" {
		t.Fatalf("code %s", code)
	}
	if len(pte.ThrottlingReasons) != 1 || aws.ToString(pte.ThrottlingReasons[0].Reason) != "TableWriteProvisionedThroughputExceeded" ||
		aws.ToString(pte.ThrottlingReasons[0].Resource) != "arn:aws:dynamodb:us-east-1:000000000000:table/Slow" {
		t.Fatalf("ThrottlingReasons %+v", pte.ThrottlingReasons)
	}
}

// boto3ThrottleScript writes to a 1-WCU table until it is throttled (no
// retries) and prints the error code and HTTP status boto3 parsed, the
// ThrottlingReasons it parsed (botocore models them since 2025; Debian's
// older botocore leaves them out) and those of the body it received.
const boto3ThrottleScript = `
import json, sys
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

c = boto3.client("dynamodb", endpoint_url=sys.argv[1], config=Config(retries={"max_attempts": 1}))
raw = {}
def grab(response=None, **kw):
    if response is not None:
        raw["body"] = response[0].content
c.meta.events.register("needs-retry.dynamodb.PutItem", grab)
out = {"writes": 0}
try:
    for i in range(50):
        c.put_item(TableName="Tiny", Item={"pk": {"S": "k%d" % i}})
        out["writes"] += 1
except ClientError as e:
    out["code"] = e.response["Error"]["Code"]
    out["status"] = e.response["ResponseMetadata"]["HTTPStatusCode"]
    out["parsed"] = e.response.get("ThrottlingReasons")
    out["reasons"] = json.loads(raw["body"])["ThrottlingReasons"]
print(json.dumps(out))
`

// boto3 sees the same error code, status and ThrottlingReasons (parsed
// when its botocore models them).
func TestThrottle_Boto3SeesThrottlingReasons(t *testing.T) {
	py, err := testtools.Path("python3")
	if err != nil {
		t.Fatalf("python3 is required: %v (install it with: apt-get install -y python3-boto3; make test does)", err)
	}
	db := engine.New(engine.Options{Throttle: true})
	db.Clock().Pause()
	// The 1-WCU table "Tiny", ACTIVE at once (as restored): waiting for
	// it would bank unused capacity on the clock the test meters.
	db.SetRestoring(true)
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"Tiny","BillingMode":"PROVISIONED",
		"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	db.SetRestoring(false)
	srv := httptest.NewServer(web.NewServer(db, nil))
	t.Cleanup(srv.Close)
	out := runTool(t, cliEnv(t), "", py, "-c", boto3ThrottleScript, srv.URL)
	var got struct {
		Writes  int
		Code    string
		Status  int
		Reasons []struct {
			Reason   string `json:"reason"`
			Resource string `json:"resource"`
		}
		Parsed []struct {
			Reason   string `json:"reason"`
			Resource string `json:"resource"`
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("boto3 output %q is not JSON: %v", out, err)
	}
	if got.Writes != 1 || got.Code != "ProvisionedThroughputExceededException" || got.Status != 400 {
		t.Fatalf("boto3 saw %+v; want one write, then ProvisionedThroughputExceededException (400)", got)
	}
	if len(got.Reasons) != 1 || got.Reasons[0].Reason != "TableWriteProvisionedThroughputExceeded" ||
		got.Reasons[0].Resource != "arn:aws:dynamodb:us-east-1:000000000000:table/Tiny" {
		t.Fatalf("ThrottlingReasons %+v (boto3 printed %s)", got.Reasons, out)
	}
	if got.Parsed != nil && (len(got.Parsed) != 1 || got.Parsed[0] != got.Reasons[0]) {
		t.Fatalf("boto3 parsed ThrottlingReasons %+v, the body has %+v", got.Parsed, got.Reasons)
	}
}

// Rule (Developer Guide, "Error handling with DynamoDB": ThrottlingException
// — "for tables using on-demand mode, this exception might be returned for
// any data plane API operation", with reasons such as
// IndexWriteMaxOnDemandThroughputExceeded): an on-demand table past its
// OnDemandThroughput maximum answers ThrottlingException, which the SDK
// decodes with its ThrottlingReasons, and which its default retryer counts
// as a throttle (and retries, with backoff).
func TestThrottle_SDKSeesOnDemandThrottlingException(t *testing.T) {
	db := engine.New(engine.Options{Throttle: true})
	db.Clock().Pause()
	srv := httptest.NewServer(web.NewServer(db, nil))
	t.Cleanup(srv.Close)
	db.SetRestoring(true) // ACTIVE at once: waiting would move the clock the test meters
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"Capped","BillingMode":"PAY_PER_REQUEST",
		"OnDemandThroughput":{"MaxWriteRequestUnits":2},
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
		"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)); err != nil {
		t.Fatal(err)
	}
	db.SetRestoring(false)
	c := sdkClient(srv.URL, "")
	ctx := context.Background()
	var err error
	n := 0
	for ; n < 10 && err == nil; n++ {
		_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("Capped"),
			Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k" + strconv.Itoa(n)}}})
	}
	if n != 3 {
		t.Fatalf("%d writes before the first throttle, want 2 (MaxWriteRequestUnits 2)", n-1)
	}
	var te *types.ThrottlingException
	if !errors.As(err, &te) {
		t.Fatalf("error %v, want ThrottlingException", err)
	}
	if len(te.ThrottlingReasons) != 1 || aws.ToString(te.ThrottlingReasons[0].Reason) != "TableWriteMaxOnDemandThroughputExceeded" ||
		aws.ToString(te.ThrottlingReasons[0].Resource) != "arn:aws:dynamodb:us-east-1:000000000000:table/Capped" {
		t.Fatalf("ThrottlingReasons %+v", te.ThrottlingReasons)
	}
	if retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) != aws.TrueTernary {
		t.Fatalf("the SDK's default retryer does not count %v as a throttle", err)
	}
}

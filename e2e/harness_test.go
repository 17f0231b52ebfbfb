package e2e

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

// newClient returns an SDK client talking to a fresh, empty engine served
// over HTTP by web.NewHandler. The server is closed when the test ends.
func newClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	c, _ := newClientWithDB(t, engine.Options{})
	return c
}

// newClientWithDB is newClient with engine options (e.g. a test clock) that
// also returns the engine, so tests can move its clock or inspect it.
// The client uses static credentials, region us-east-1 (or opts.Region),
// and retries only on a broken connection: every error a test sees is the
// server's first answer.
func newClientWithDB(t *testing.T, opts engine.Options) (*dynamodb.Client, *engine.DB) {
	t.Helper()
	db := engine.New(opts)
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	c := dynamodb.New(sdkOptions(srv.URL, opts.Region), func(o *dynamodb.Options) {
		// The server's own client: its connections belong to this test
		// and are closed with the server, never shared across tests.
		o.HTTPClient = srv.Client()
	})
	return c, db
}

// sdkClient returns an SDK client for the endpoint url with static
// credentials, connection-only retries and the region (default us-east-1).
func sdkClient(url, region string) *dynamodb.Client {
	return dynamodb.New(sdkOptions(url, region))
}

// sdkOptions are the options of sdkClient.
func sdkOptions(url, region string) dynamodb.Options {
	if region == "" {
		region = "us-east-1"
	}
	return dynamodb.Options{
		Region:       region,
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		// Retry only a broken connection (as the SDK's default retryer
		// does; seen under heavy load from parallel test packages), never
		// an answer: every DynamoDB error a test sees is the server's first.
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 3
			o.Retryables = []retry.IsErrorRetryable{retry.RetryableConnectionError{}}
		}),
	}
}

// apiErr returns the DynamoDB error code (e.g. "ValidationException") and
// message of err as the SDK parsed them. It fails the test if err is nil or
// not a smithy.APIError.
func apiErr(t *testing.T, err error) (code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want a DynamoDB error")
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("got error %v (%T), want a smithy.APIError", err, err)
	}
	return ae.ErrorCode(), ae.ErrorMessage()
}

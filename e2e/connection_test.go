package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

// connQueries is how many 100-item Queries each connection test sends,
// one after the other and again from connWorkers goroutines at once.
const (
	connQueries = 2000
	connWorkers = 16
)

// connServer serves a fresh engine whose table "Conn" holds one partition
// of 100 items of 1 KB, and returns its URL.
func connServer(t *testing.T) string {
	t.Helper()
	db := engine.New(engine.Options{})
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	c := sdkClient(srv.URL, "")
	useEngine(t, c, db)
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:   aws.String("Conn"),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema: rdKeySchema("pk", "sk"),
	})
	if err != nil {
		t.Fatal(err)
	}
	waitForTable(t, c, "Conn")
	pad := strings.Repeat("x", 1000)
	for i := 0; i < 100; i += 25 {
		var reqs []types.WriteRequest
		for j := i; j < i+25; j++ {
			item := rdItem{"pk": rdS("p"), "sk": rdN(fmt.Sprint(j)), "pad": rdS(pad)}
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
		}
		_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"Conn": reqs}})
		if err != nil {
			t.Fatal(err)
		}
	}
	srv.Client().CloseIdleConnections()
	return srv.URL
}

// connQuery reads the 100 items of connServer's partition.
func connQuery(c *dynamodb.Client) error {
	out, err := c.Query(context.Background(), &dynamodb.QueryInput{
		TableName:                 aws.String("Conn"),
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": rdS("p")},
	})
	if err != nil {
		return err
	}
	if len(out.Items) != 100 || len(rdShow(out.Items[99]["pad"])) != 1000 {
		return fmt.Errorf("got %d items, want 100 of 1 KB", len(out.Items))
	}
	return nil
}

// connRun sends connQueries Queries one by one, then, if concurrent,
// connQueries from connWorkers goroutines, and returns the errors.
func connRun(c *dynamodb.Client, concurrent bool) []error {
	var mu sync.Mutex
	var errs []error
	record := func(err error) {
		if err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
	}
	for range connQueries {
		record(connQuery(c))
	}
	if !concurrent {
		return errs
	}
	var wg sync.WaitGroup
	for range connWorkers {
		wg.Go(func() {
			for range connQueries / connWorkers {
				record(connQuery(c))
			}
		})
	}
	wg.Wait()
	return errs
}

// TestConnection_QueriesSDKDefaultTransport: 2,000 sequential and 2,000
// concurrent 100-item Queries (100 KB answers) through the SDK's default
// HTTP client with a single attempt each: none fails.
func TestConnection_QueriesSDKDefaultTransport(t *testing.T) {
	c := sdkClient(connServer(t), "")
	errs := connRun(c, true)
	if len(errs) > 0 {
		t.Errorf("%d of %d Queries failed; first: %v", len(errs), 2*connQueries, errs[0])
	}
}

// TestConnection_SDKRaceWithoutWorkaround runs the 2,000 sequential Queries through the
// SDK's default HTTP client exactly as an application gets it (no
// bufferedBody), with a single attempt each. The SDK's race may break some
// of them (aws/aws-sdk-go-v2#2737); the test checks that every broken one
// is that race, seen from inside the client: the transport failed to finish
// writing the request because the SDK had already closed its body (the
// write error io.EOF on that connection), and then closed the connection
// under the answer. A Query broken any other way is the server's fault and
// fails the test.
func TestConnection_SDKRaceWithoutWorkaround(t *testing.T) {
	url := connServer(t)
	var mu sync.Mutex
	bodyGone := map[string]bool{} // local address → the SDK's closed-body write error seen
	traced := tracedClient(func(local string, err error) {
		mu.Lock()
		defer mu.Unlock()
		if errors.Is(err, io.EOF) {
			bodyGone[local] = true
		}
	})
	o := sdkOptions(url, "")
	o.HTTPClient = traced
	c := dynamodb.New(o)
	errs := connRun(c, false)
	var race atomic.Int32
	for _, err := range errs {
		var op *net.OpError
		mu.Lock()
		ours := errors.As(err, &op) && errors.Is(err, net.ErrClosed) && op.Source != nil && bodyGone[op.Source.String()]
		mu.Unlock()
		if !ours {
			t.Errorf("a Query broke other than by the SDK's closed-body race: %v", err)
			continue
		}
		race.Add(1)
	}
	t.Logf("%d of %d Queries broken by the SDK's race (retried by its default retryer)", race.Load(), connQueries)
}

// tracedClient is the SDK's default HTTP client that reports each failed
// request write with the connection's local address.
func tracedClient(wroteErr func(local string, err error)) aws.HTTPClient {
	base := awshttp.NewBuildableClient()
	return doFunc(func(r *http.Request) (*http.Response, error) {
		var local string
		tr := &httptrace.ClientTrace{
			GotConn: func(i httptrace.GotConnInfo) { local = i.Conn.LocalAddr().String() },
			WroteRequest: func(i httptrace.WroteRequestInfo) {
				if i.Err != nil {
					wroteErr(local, i.Err)
				}
			},
		}
		return base.Do(r.WithContext(httptrace.WithClientTrace(r.Context(), tr)))
	})
}

type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/web"
)

const (
	rawJSONType   = "application/x-amz-json-1.0"
	rawTypePrefix = "com.amazonaws.dynamodb.v20120810#"
)

// rawWantType is the "__type" DynamoDB answers for an error of type typ:
// the service framework's namespaces for input validation and for requests
// it cannot read or route, DynamoDB's own for the rest.
func rawWantType(typ string) string {
	switch typ {
	case "ValidationException":
		return "com.amazon.coral.validate#" + typ
	case "SerializationException", "UnknownOperationException":
		return "com.amazon.coral.service#" + typ
	}
	return rawTypePrefix + typ
}

// rawServer returns the URL of a fresh engine behind web.NewHandler.
func rawServer(t *testing.T) string {
	t.Helper()
	url, _ := rawServerDB(t)
	return url
}

// rawServerDB is rawServer that also returns the engine.
func rawServerDB(t *testing.T) (string, *engine.DB) {
	t.Helper()
	db := engine.New(engine.Options{})
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	return srv.URL, db
}

// rawResponse is an HTTP answer read whole.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
	origin bool // the request had an Origin header
}

// rawPost sends body to url with the X-Amz-Target header (none if target
// is "") and DynamoDB's JSON content type.
func rawPost(t *testing.T, url, target string, body io.Reader) rawResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", rawJSONType)
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	return rawDo(t, req)
}

func rawDo(t *testing.T, req *http.Request) rawResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawResponse{resp.StatusCode, resp.Header, b, req.Header.Get("Origin") != ""}
}

// rawCheckHeaders checks the headers DynamoDB sends with every answer,
// and that the CORS headers come with the answer to a request with an
// Origin (a browser's) and only then.
func rawCheckHeaders(t *testing.T, r rawResponse) {
	t.Helper()
	if got := r.header.Get("Content-Type"); got != rawJSONType {
		t.Errorf("Content-Type = %q, want %q", got, rawJSONType)
	}
	if got := r.header.Get("x-amzn-RequestId"); len(got) != 52 {
		t.Errorf("x-amzn-RequestId = %q, want 52 characters", got)
	}
	if got, want := r.header.Get("x-amz-crc32"), strconv.FormatUint(uint64(crc32.ChecksumIEEE(r.body)), 10); got != want {
		t.Errorf("x-amz-crc32 = %q, want %q (CRC32 of the body)", got, want)
	}
	if !r.origin {
		for _, h := range []string{"Access-Control-Allow-Origin", "Access-Control-Expose-Headers"} {
			if got, ok := r.header[h]; ok {
				t.Errorf("%s = %q on the answer to a request without Origin, want none", h, got)
			}
		}
		return
	}
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
	}
	for _, want := range []string{"x-amzn-RequestId", "x-amz-crc32", "Date"} {
		if got := r.header.Get("Access-Control-Expose-Headers"); !strings.Contains(got, want) {
			t.Errorf("Access-Control-Expose-Headers = %q, want %s in it", got, want)
		}
	}
}

// rawErrorBody decodes a DynamoDB error body.
func rawErrorBody(t *testing.T, r rawResponse) (typ, message string) {
	t.Helper()
	var body struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("error body %q is not JSON: %v", r.body, err)
	}
	return body.Type, body.Message
}

func TestProtocol_Success(t *testing.T) {
	url := rawServer(t)
	r := rawPost(t, url, "DynamoDB_20120810.ListTables", strings.NewReader("{}"))
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", r.status, r.body)
	}
	rawCheckHeaders(t, r)
	if got, want := string(r.body), `{"TableNames":[]}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
}

func TestProtocol_Errors(t *testing.T) {
	tests := []struct {
		name, target, body string
		wantStatus         int
		wantType           string
		wantMessage        string
	}{
		{"missing target", "", "{}", 400, "UnknownOperationException", ""},
		{"target without prefix", "ListTables", "{}", 400, "UnknownOperationException", ""},
		{"unknown operation", "DynamoDB_20120810.Frobnicate", "{}", 400, "UnknownOperationException", ""},
		{"malformed JSON", "DynamoDB_20120810.ListTables", "{", 400, "SerializationException",
			"Unexpected character or end of input found while parsing the request body"},
		{"wrong member type", "DynamoDB_20120810.DescribeTable", `{"TableName":5}`, 400, "SerializationException",
			"NUMBER_VALUE cannot be converted to String"},
		{"validation", "DynamoDB_20120810.DescribeTable", `{"TableName":"ab"}`, 400, "ValidationException",
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"not found", "DynamoDB_20120810.DescribeTable", `{"TableName":"nope"}`, 400, "ResourceNotFoundException",
			"Requested resource not found: Table: nope not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rawPost(t, rawServer(t), tt.target, strings.NewReader(tt.body))
			if r.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", r.status, tt.wantStatus)
			}
			rawCheckHeaders(t, r)
			typ, msg := rawErrorBody(t, r)
			if want := rawWantType(tt.wantType); typ != want {
				t.Errorf("__type = %q, want %q", typ, want)
			}
			if msg != tt.wantMessage {
				t.Errorf("message = %q, want %q", msg, tt.wantMessage)
			}
		})
	}
}

func TestProtocol_BodyLimit(t *testing.T) {
	url := rawServer(t)
	big := strings.Repeat(" ", web.MaxBodyBytes+1)
	r := rawPost(t, url, "DynamoDB_20120810.ListTables", strings.NewReader(big))
	if r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status = %d, want 413", r.status)
	}
	rawCheckHeaders(t, r)
	typ, msg := rawErrorBody(t, r)
	if want := rawTypePrefix + "RequestEntityTooLarge"; typ != want {
		t.Errorf("__type = %q, want %q", typ, want)
	}
	if want := fmt.Sprintf("Request payload size exceeds the limit of %d bytes", web.MaxBodyBytes); msg != want {
		t.Errorf("message = %q, want %q", msg, want)
	}
}

func TestProtocol_CORS(t *testing.T) {
	url := rawServer(t)
	req, err := http.NewRequest(http.MethodOptions, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", "https://play.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-date,authorization")
	r := rawDo(t, req)
	if r.status != http.StatusNoContent {
		t.Errorf("preflight status = %d, want 204", r.status)
	}
	checks := []struct{ header, want string }{
		{"Access-Control-Allow-Origin", "*"},
		{"Access-Control-Allow-Methods", "POST"},
		{"Access-Control-Allow-Headers", "X-Amz-Target"},
		{"Access-Control-Allow-Headers", "X-Amz-User-Agent"},
		{"Access-Control-Allow-Headers", "Authorization"},
		{"Access-Control-Allow-Headers", "X-Amz-Date"},
		{"Access-Control-Allow-Headers", "X-Amz-Security-Token"},
		{"Access-Control-Allow-Headers", "Amz-Sdk-Invocation-Id"},
		{"Access-Control-Allow-Headers", "Amz-Sdk-Request"},
		{"Access-Control-Allow-Headers", "Content-Type"},
		{"Access-Control-Expose-Headers", "x-amzn-RequestId"},
		{"Access-Control-Expose-Headers", "x-amz-crc32"},
	}
	for _, c := range checks {
		if got := r.header.Get(c.header); !strings.Contains(got, c.want) {
			t.Errorf("%s = %q, want %q in it", c.header, got, c.want)
		}
	}

	// The POST that follows the preflight carries an Origin too: its
	// answer, an error's as well, has the CORS headers (rawCheckHeaders);
	// the SDKs' requests, without one, get none (TestProtocol_Success).
	for _, body := range []string{`{}`, `{"Limit":0}`} {
		req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Origin", "https://play.example")
		req.Header.Set("Content-Type", rawJSONType)
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
		r := rawDo(t, req)
		if want := map[string]int{`{}`: 200, `{"Limit":0}`: 400}[body]; r.status != want {
			t.Errorf("POST %s from a browser: status %d, want %d", body, r.status, want)
		}
		rawCheckHeaders(t, r)
	}
}

func TestProtocol_GetIsHealth(t *testing.T) {
	resp, err := http.Get(rawServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(string(b), "healthy: ") {
		t.Errorf("GET = %d %q, want 200 healthy: …", resp.StatusCode, b)
	}
}

// TestProtocol_SDK runs the SDK, which checks x-amz-crc32 on every answer
// and parses error bodies, through a success and an error.
func TestProtocol_SDK(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatalf("ListTables: %v", err)
	}
	if len(out.TableNames) != 0 {
		t.Errorf("TableNames = %v, want none", out.TableNames)
	}
	_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("missing")})
	code, msg := apiErr(t, err)
	if code != "ResourceNotFoundException" || msg != "Requested resource not found: Table: missing not found" {
		t.Errorf("DescribeTable error = %s %q, want ResourceNotFoundException", code, msg)
	}
}

// TestProtocol_ConcurrentClients has several SDK clients write and read
// their own items at once (run with -race).
func TestProtocol_ConcurrentClients(t *testing.T) {
	c, _ := newClientWithDB(t, engine.Options{})
	ctx := context.Background()
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("conc"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("CreateTable: %v", err)
	}
	waitForTable(t, c, "conc")
	const clients, items = 8, 20
	var wg sync.WaitGroup
	errs := make(chan error, clients*items)
	for w := range clients {
		wg.Go(func() {
			for i := range items {
				pk := fmt.Sprintf("w%d-%d", w, i)
				_, err := c.PutItem(ctx, &dynamodb.PutItemInput{
					TableName: aws.String("conc"),
					Item: map[string]types.AttributeValue{
						"pk": &types.AttributeValueMemberS{Value: pk},
						"n":  &types.AttributeValueMemberN{Value: strconv.Itoa(i)},
					},
				})
				if err != nil {
					errs <- fmt.Errorf("PutItem %s: %w", pk, err)
					continue
				}
				got, err := c.GetItem(ctx, &dynamodb.GetItemInput{
					TableName:      aws.String("conc"),
					Key:            map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: pk}},
					ConsistentRead: aws.Bool(true),
				})
				if err != nil {
					errs <- fmt.Errorf("GetItem %s: %w", pk, err)
					continue
				}
				n, ok := got.Item["n"].(*types.AttributeValueMemberN)
				if !ok || n.Value != strconv.Itoa(i) {
					errs <- fmt.Errorf("GetItem %s: n = %#v, want %d", pk, got.Item["n"], i)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("conc"), Select: types.SelectCount})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if out.Count != clients*items {
		t.Errorf("Scan Count = %d, want %d", out.Count, clients*items)
	}
}

// TestProtocol_SiteAndEndpoint serves the site and the endpoint on one
// port (web.NewServer): the SDK works, and GET / is the page with the
// site's security headers.
func TestProtocol_SiteAndEndpoint(t *testing.T) {
	site := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>ddbplay</title>")}}
	srv := httptest.NewServer(web.NewServer(engine.New(engine.Options{}), site))
	t.Cleanup(srv.Close)

	if _, err := sdkClient(srv.URL, "").ListTables(context.Background(), &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("ListTables through NewServer: %v", err)
	}
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<title>ddbplay</title>") {
		t.Errorf("GET / = %d %q, want the index page", resp.StatusCode, b)
	}
	for h, want := range map[string]string{
		"Content-Type":            "text/html; charset=utf-8",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
	} {
		if got := resp.Header.Get(h); !strings.HasPrefix(got, want) {
			t.Errorf("%s = %q, want it to start with %q", h, got, want)
		}
	}
}

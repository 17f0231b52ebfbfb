package e2e

import (
	"github.com/ddbplay/ddbplay/internal/testtools"

	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/web"
)

// cliTimeout bounds each AWS CLI or Python run.
const cliTimeout = 60 * time.Second

// cliEnv returns an environment for the AWS CLI and boto3 that uses dummy
// credentials and region and reads no user configuration.
func cliEnv(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	return append(env,
		"HOME="+dir,
		"AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
		"AWS_SECRET_ACCESS_KEY=secret",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_REGION=us-east-1",
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_PAGER=",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_MAX_ATTEMPTS=1",
	)
}

// newCLIServer starts a fresh engine behind the protocol handler. Its
// clock runs a thousand times faster than real time, so that a new table's
// 2 s of CREATING pass in 2 ms and the tools' waiters (which poll every
// 20 s) find it ACTIVE at their first try.
func newCLIServer(t *testing.T) string {
	t.Helper()
	db := engine.New(engine.Options{})
	if err := db.Clock().SetSpeed(clock.MaxSpeed); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.NewHandler(db))
	t.Cleanup(srv.Close)
	return srv.URL
}

// runTool runs name with args and returns its standard output; a non-zero
// exit fails the test with the tool's standard error.
func runTool(t *testing.T, env []string, stdin, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), cliTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\nstderr:\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// TestCLI_AWS runs a short AWS CLI session: create-table, put-item,
// batch-write-item, get-item, query, and a failing conditional put.
func TestCLI_AWS(t *testing.T) {
	t.Parallel() // the CLI starts slowly; overlap it with TestCLI_Boto3
	aws, err := testtools.Path("aws")
	if err != nil {
		t.Fatalf("the AWS CLI is required: %v (install it with: apt-get install -y awscli; make test does)", err)
	}
	url := newCLIServer(t)
	env := cliEnv(t)
	cli := func(args ...string) map[string]any {
		t.Helper()
		out := runTool(t, env, "", aws, append([]string{"--endpoint-url", url, "--output", "json", "dynamodb"}, args...)...)
		var v map[string]any
		if strings.TrimSpace(out) == "" {
			return v // put-item without return values prints nothing
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("aws dynamodb %s: output %q is not JSON: %v", args[0], out, err)
		}
		return v
	}

	created := cli("create-table", "--table-name", "Music",
		"--attribute-definitions", "AttributeName=Artist,AttributeType=S", "AttributeName=Song,AttributeType=S",
		"--key-schema", "AttributeName=Artist,KeyType=HASH", "AttributeName=Song,KeyType=RANGE",
		"--billing-mode", "PAY_PER_REQUEST")
	if got := cliPath(created, "TableDescription", "TableName"); got != "Music" {
		t.Errorf("create-table TableName = %v, want Music", got)
	}
	cli("wait", "table-exists", "--table-name", "Music")
	cli("put-item", "--table-name", "Music", "--item",
		`{"Artist":{"S":"No One You Know"},"Song":{"S":"Happy Day"},"Year":{"N":"2020"}}`)
	var puts []string
	for _, song := range []string{"Call Me Today", "Zebra"} {
		puts = append(puts, `{"PutRequest":{"Item":{"Artist":{"S":"No One You Know"},"Song":{"S":"`+song+`"}}}}`)
	}
	left := cli("batch-write-item", "--request-items", `{"Music":[`+strings.Join(puts, ",")+`]}`)
	if m, _ := cliPath(left, "UnprocessedItems").(map[string]any); len(m) != 0 {
		t.Errorf("batch-write-item UnprocessedItems = %v, want none", m)
	}
	got := cli("get-item", "--table-name", "Music", "--consistent-read", "--key",
		`{"Artist":{"S":"No One You Know"},"Song":{"S":"Happy Day"}}`)
	if y := cliPath(got, "Item", "Year", "N"); y != "2020" {
		t.Errorf("get-item Item.Year.N = %v, want 2020", y)
	}
	q := cli("query", "--table-name", "Music",
		"--key-condition-expression", "Artist = :a AND begins_with(Song, :s)",
		"--expression-attribute-values", `{":a":{"S":"No One You Know"},":s":{"S":"Ha"}}`)
	if n := cliPath(q, "Count"); n != float64(1) {
		t.Errorf("query Count = %v, want 1", n)
	}

	// A failing conditional put: the CLI exits non-zero and names the error.
	ctx, cancel := context.WithTimeout(context.Background(), cliTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, aws, "--endpoint-url", url, "dynamodb", "put-item", "--table-name", "Music",
		"--item", `{"Artist":{"S":"No One You Know"},"Song":{"S":"Zebra"}}`,
		"--condition-expression", "attribute_not_exists(Artist)")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "ConditionalCheckFailedException") {
		t.Errorf("conditional put-item: err %v, output %q; want a failure naming ConditionalCheckFailedException", err, out)
	}
}

// boto3Script is a short boto3 session; it prints one JSON object with
// what it saw.
const boto3Script = `
import json, sys
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

c = boto3.client("dynamodb", endpoint_url=sys.argv[1], config=Config(retries={"max_attempts": 1}))
c.create_table(TableName="Books",
    AttributeDefinitions=[{"AttributeName": "Author", "AttributeType": "S"}, {"AttributeName": "Title", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "Author", "KeyType": "HASH"}, {"AttributeName": "Title", "KeyType": "RANGE"}],
    BillingMode="PAY_PER_REQUEST")
c.get_waiter("table_exists").wait(TableName="Books")
for title, pages in [("Alpha", 100), ("Beta", 250), ("Gamma", 300)]:
    c.put_item(TableName="Books", Item={"Author": {"S": "Ann"}, "Title": {"S": title}, "Pages": {"N": str(pages)}})
got = c.get_item(TableName="Books", Key={"Author": {"S": "Ann"}, "Title": {"S": "Beta"}}, ConsistentRead=True)
q = c.query(TableName="Books", KeyConditionExpression="Author = :a AND Title > :t",
    ExpressionAttributeValues={":a": {"S": "Ann"}, ":t": {"S": "Alpha"}}, ScanIndexForward=False)
try:
    c.put_item(TableName="Books", Item={"Author": {"S": "Ann"}, "Title": {"S": "Beta"}},
        ConditionExpression="attribute_not_exists(Author)")
    code = ""
except ClientError as e:
    code = e.response["Error"]["Code"]
print(json.dumps({"pages": got["Item"]["Pages"]["N"], "titles": [i["Title"]["S"] for i in q["Items"]], "error": code}))
`

// TestCLI_Boto3 runs a short boto3 session: create_table, put_item,
// get_item, query, and a failing conditional put.
func TestCLI_Boto3(t *testing.T) {
	t.Parallel()
	py, err := testtools.Path("python3")
	if err != nil {
		t.Fatalf("python3 is required: %v (install it with: apt-get install -y python3-boto3; make test does)", err)
	}
	env := cliEnv(t)
	if out, err := exec.Command(py, "-c", "import boto3").CombinedOutput(); err != nil {
		t.Fatalf("python3 cannot import boto3: %v %s (install it with: apt-get install -y python3-boto3; make test does)", err, out)
	}
	url := newCLIServer(t)
	out := runTool(t, env, "", py, "-c", boto3Script, url)
	var got struct {
		Pages  string
		Titles []string
		Error  string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("boto3 output %q is not JSON: %v", out, err)
	}
	if got.Pages != "250" {
		t.Errorf("get_item Pages = %q, want 250", got.Pages)
	}
	if strings.Join(got.Titles, ",") != "Gamma,Beta" {
		t.Errorf("query titles = %v, want [Gamma Beta]", got.Titles)
	}
	if got.Error != "ConditionalCheckFailedException" {
		t.Errorf("conditional put error = %q, want ConditionalCheckFailedException", got.Error)
	}
}

// cliPath follows keys through nested JSON objects; nil if one is missing.
func cliPath(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

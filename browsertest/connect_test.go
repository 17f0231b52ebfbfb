package browsertest

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/internal/testtools"
)

// Connected mode (issue 18): the page opened with ?endpoint= the native
// server's URL works on that server's tables through the same forms, and
// the code it generates runs unchanged against it. The harness's server
// serves both the site and the DynamoDB endpoint, like cmd/ddbplay.

// awsCLI runs the AWS CLI against the harness's server and returns its
// output.
func awsCLI(t *testing.T, args ...string) string {
	t.Helper()
	aws, err := testtools.Path("aws")
	if err != nil {
		t.Fatalf("aws not found (%v): install awscli (make test does)", err)
	}
	cmd := exec.Command(aws, append([]string{"dynamodb"}, append(args, "--endpoint-url", siteURL, "--region", "us-east-1", "--output", "json")...)...)
	cmd.Env = testtools.PrependPath(toolEnv(t), filepath.Dir(aws))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("aws dynamodb %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestUI_ConnectedToTheNativeServer(t *testing.T) {
	ctx := newBrowser(t)
	// The playground in this browser holds a table to copy.
	openUI(t, ctx, "/?space=conn")
	uiSend(t, ctx, "CreateTable", `{"TableName": "Local18", "BillingMode": "PAY_PER_REQUEST",
		"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}`)
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Local18").then(() => true)`, nil)
	uiSend(t, ctx, "BatchWriteItem", `{"RequestItems": {"Local18": [{"PutRequest": {"Item": {"id": {"S": "x"}, "Deep": {"M": {"n": {"N": "1"}}}}}}, {"PutRequest": {"Item": {"id": {"S": "y"}}}}]}}`)
	evalAsync(t, ctx, `window.ddbplay.flush()`, nil)

	openUI(t, ctx, "/?space=conn&endpoint="+siteURL)
	if got := uiText(t, ctx, `[data-testid="banner-info"]`); !strings.Contains(got, "Connected to "+siteURL) {
		t.Fatalf("banner = %q", got)
	}
	uiShots(t, ctx, "connected-banner")

	// A table and items made through the forms land on the server.
	uiClick(t, ctx, "#btn-create-table")
	uiFill(t, ctx, "#ct-name", "Conn18")
	uiFill(t, ctx, "#ct-pk-name", "Artist")
	uiFill(t, ctx, "#ct-sk-name", "Song")
	uiClick(t, ctx, "#ct-submit")
	uiWaitDialogClosed(t, ctx, "create-table-dialog")
	uiClick(t, ctx, "#tab-items")
	uiCreateItem(t, ctx, "Ann", "A1", [3]string{"Year", "N", "2010"})
	uiCreateItem(t, ctx, "Ann", "A2")
	if out := awsCLI(t, "scan", "--table-name", "Conn18"); !strings.Contains(out, `"Count": 2`) || !strings.Contains(out, `"2010"`) {
		t.Errorf("the server's Conn18 after the forms:\n%s", out)
	}
	// window.ddbplay talks to the endpoint too.
	uiSend(t, ctx, "PutItem", `{"TableName": "Conn18", "Item": {"Artist": {"S": "Bob"}, "Song": {"S": "B1"}}}`)
	if out := awsCLI(t, "get-item", "--table-name", "Conn18", "--key", `{"Artist": {"S": "Bob"}, "Song": {"S": "B1"}}`); !strings.Contains(out, `"B1"`) {
		t.Errorf("an item put through window.ddbplay is not on the server:\n%s", out)
	}

	// Errors keep the namespace of __type the server sent, through the
	// door (the error's body) and through fetch (the SDKs' path).
	var types map[string]string
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay, out = {};
		const cases = { validate: { TableName: "ab" }, service: { TableName: 5 }, dynamodb: { TableName: "Nope18" } };
		for (const [k, input] of Object.entries(cases)) {
			try { await db.send("DescribeTable", input); out[k] = "no error"; } catch (e) { out[k] = JSON.parse(e.$rawBody).__type; }
			const r = await db.fetch(new Request(db.url, { method: "POST", body: JSON.stringify(input),
				headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.DescribeTable" } }));
			out[k + " via fetch"] = r.status + " " + (await r.json()).__type;
		}
		return out;
	})()`, &types)
	for k, want := range map[string]string{
		"validate": "com.amazon.coral.validate#ValidationException", "validate via fetch": "400 com.amazon.coral.validate#ValidationException",
		"service": "com.amazon.coral.service#SerializationException", "service via fetch": "400 com.amazon.coral.service#SerializationException",
		"dynamodb": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "dynamodb via fetch": "400 com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
	} {
		if types[k] != want {
			t.Errorf("connected mode, DescribeTable's %s error: __type %q, want %q", k, types[k], want)
		}
	}

	// Copy the browser's playground into the server.
	uiClick(t, ctx, "#btn-copy-in")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "the copy", `document.getElementById("status").textContent.startsWith("Copied 1 tables into")`)
	if out := awsCLI(t, "scan", "--table-name", "Local18"); !strings.Contains(out, `"Count": 2`) || !strings.Contains(out, `"Deep"`) {
		t.Errorf("the server's Local18 after the copy:\n%s", out)
	}

	// The code generated for a Query runs unchanged, with no credentials
	// in its environment.
	uiFill(t, ctx, "#q-mode", "Query")
	uiFill(t, ctx, "#q-pk", "Ann")
	uiRunQuery(t, ctx)
	uiWantCells(t, ctx, "Song", "A1", "A2")
	uiClick(t, ctx, `[data-testid="op-entry"] summary`)
	uiWait(t, ctx, "the log entry's code", `document.querySelector('[data-testid="op-js"]')`)
	cli := uiText(t, ctx, `[data-testid="op-cli"]`)
	py := uiText(t, ctx, `[data-testid="op-python"]`)
	js := uiText(t, ctx, `[data-testid="op-js"]`)
	env := noCredentialsEnv(t)
	aws, err := testtools.Path("aws")
	if err != nil {
		t.Fatal(err)
	}
	env = testtools.PrependPath(env, filepath.Dir(aws))
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(repoRoot, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, file, code string
		cmd              []string
	}{
		{"AWS CLI", "q.sh", cli, []string{"bash"}},
		{"boto3", "q.py", py, []string{"python3"}},
		{"SDK v3", "q.mjs", js, []string{"node"}},
	} {
		file := filepath.Join(dir, c.file)
		if err := os.WriteFile(file, []byte(c.code), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(c.cmd[0], file)
		cmd.Env = env
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "A2") || !strings.Contains(string(out), "2010") {
			t.Errorf("%s code from the page: %v\n--- code ---\n%s\n--- output ---\n%s", c.name, err, c.code, out)
		}
	}

	// Copy the server's tables into the browser's playground.
	uiClick(t, ctx, "#btn-copy-out")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	// The copy into the server above said "Copied 1 tables into <endpoint>"
	// in the same status line, and that may still show: wait for this
	// copy's own message, which comes once the playground is saved.
	uiWait(t, ctx, "the copy back", `/^Copied \d+ tables into this browser's playground$/.test(document.getElementById("status").textContent)`)
	openUI(t, ctx, "/?space=conn")
	var names []string
	evalAsync(t, ctx, `window.ddbplay.send("ListTables", {}).then((r) => r.TableNames)`, &names)
	if !strings.Contains(strings.Join(names, ","), "Conn18") {
		t.Errorf("the browser's playground after copying back holds %v", names)
	}
	var count float64
	evalAsync(t, ctx, `window.ddbplay.send("Scan", {TableName: "Conn18", Select: "COUNT"}).then((r) => r.Count)`, &count)
	if count != 3 {
		t.Errorf("Conn18 copied back has %v items, want 3", count)
	}

	// The Connect form.
	uiClick(t, ctx, "#btn-connect")
	uiCheckLabels(t, ctx, "connect form")
	uiShots(t, ctx, "connect-form")
	uiFill(t, ctx, "#cn-url", "http://user:secret@localhost:8000")
	uiClick(t, ctx, "#cn-connect")
	uiWantText(t, ctx, "#cn-error", "Credentials do not go in the URL: give them in the Connect form, where they stay in this tab's memory.")
}

// TestConnect_SigV4MatchesBotocore: the page's own SigV4 signer
// (static/app/remote.js, run under Node's WebCrypto) signs a DynamoDB
// request exactly as botocore does, with and without a session token.
func TestConnect_SigV4MatchesBotocore(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node not found (%v)", err)
	}
	// remote.js and the protocol.js it imports, as ES modules in the
	// site's layout.
	dir := t.TempDir()
	for _, f := range []string{"package.json", "protocol.js", "app/remote.js"} {
		src := []byte(`{"type": "module"}`)
		if f != "package.json" {
			if src, err = os.ReadFile(filepath.Join(repoRoot, "static", filepath.FromSlash(f))); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(f)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, token := range []string{"", "FQoGZXIvYXdzEJr//token+/="} {
		py := `import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
req = AWSRequest(method="POST", url="https://dynamodb.eu-west-1.amazonaws.com/", data=b'{"TableName":"Music"}',
    headers={"content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.DescribeTable"})
SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sys.argv[1] or None), "dynamodb", "eu-west-1").add_auth(req)
print(req.headers["X-Amz-Date"])
print(req.headers["Authorization"])
`
		out, err := exec.Command("python3", "-c", py, token).CombinedOutput()
		if err != nil {
			t.Fatalf("botocore: %v\n%s", err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		date, want := lines[0], lines[1]
		iso := date[0:4] + "-" + date[4:6] + "-" + date[6:8] + "T" + date[9:11] + ":" + date[11:13] + ":" + date[13:15] + "Z"
		js := `import { sign } from "./app/remote.js";
const out = await sign({ url: "https://dynamodb.eu-west-1.amazonaws.com", body: '{"TableName":"Music"}', region: "eu-west-1",
  headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.DescribeTable" },
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: process.argv[3] },
  now: new Date(process.argv[2]) });
process.stdout.write(out.authorization);
`
		file := filepath.Join(dir, "sign.mjs")
		if err := os.WriteFile(file, []byte(js), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := exec.Command(node, file, iso, token).Output()
		if err != nil {
			t.Fatalf("node: %v", err)
		}
		if string(got) != want {
			t.Errorf("token %q:\n got %s\nwant %s", token, got, want)
		}
	}
}

// TestUI_AWSCredentialsStayInMemory: an AWS endpoint asks for
// credentials; they go into the signature only — not into the URL, web
// storage or the generated code — and an unreachable endpoint is reported,
// not fatal.
func TestUI_AWSCredentialsStayInMemory(t *testing.T) {
	ctx := newBrowser(t)
	// Requests to AWS fail here (the tests use loopback only): the page
	// must say so and keep working.
	navigate(t, ctx, "/?space=aws&endpoint=https://dynamodb.eu-west-1.amazonaws.com")
	uiWait(t, ctx, "the credentials form", `document.querySelector('dialog[data-testid="credentials-dialog"][open]')`)
	uiCheckLabels(t, ctx, "credentials form")
	uiFill(t, ctx, "#cn-key-id", "AKIDSECRETTEST")
	uiFill(t, ctx, "#cn-secret", "very-secret-value")
	uiShots(t, ctx, "credentials-form")
	uiClick(t, ctx, "#cn-sign-in")
	waitUIReady(t, ctx)
	uiWait(t, ctx, "the error banner", `document.querySelector('[data-testid="banner-error"]')?.textContent.includes("Could not list the tables at https://dynamodb.eu-west-1.amazonaws.com")`)
	var leaks []string
	evalAsync(t, ctx, `(async () => {
		const found = [];
		const look = (where, text) => { if (String(text).includes("very-secret-value") || String(text).includes("AKIDSECRETTEST")) found.push(where); };
		look("URL", location.href);
		for (let i = 0; i < localStorage.length; i++) look("localStorage " + localStorage.key(i), localStorage.getItem(localStorage.key(i)));
		for (let i = 0; i < sessionStorage.length; i++) look("sessionStorage " + sessionStorage.key(i), sessionStorage.getItem(sessionStorage.key(i)));
		look("page text", document.body.innerText);
		look("inputs", [...document.querySelectorAll("input, textarea")].map((e) => e.value).join(" "));
		return found;
	})()`, &leaks)
	if len(leaks) > 0 {
		t.Errorf("the credentials are visible in: %v", leaks)
	}
	var region string
	evalAsync(t, ctx, `window.ddbplay.region`, &region)
	if region != "eu-west-1" {
		t.Errorf("region = %q, want eu-west-1 from the endpoint's host", region)
	}
}

// adminClock reads the harness server's engine clock through its admin API.
func adminClock(t *testing.T) (paused bool, speed int) {
	t.Helper()
	res, err := http.Get(siteURL + "/_ddbplay/clock")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var c struct {
		Paused bool
		Speed  int
	}
	if err := json.NewDecoder(res.Body).Decode(&c); err != nil {
		t.Fatal(err)
	}
	return c.Paused, c.Speed
}

// TestUI_ConnectedEngineControls: connected to a ddbplay server, the
// engine clock bar and the Large tables lab show and drive that server's
// engine (its admin API), not a TypeError; an AWS endpoint's clock reads
// as real time and refuses actions with an error that says why, without
// asking AWS.
func TestUI_ConnectedEngineControls(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=conn-controls&endpoint="+siteURL)
	t.Cleanup(func() {
		// The server is the harness's, shared by the package's tests.
		res, err := http.Post(siteURL+"/_ddbplay/clock", "application/json", strings.NewReader(`{"resume":true,"speed":1}`))
		if err == nil {
			res.Body.Close()
		}
	})
	uiWait(t, ctx, "the clock bar read the server's clock", `document.getElementById("clock-mode").textContent === "real time" && document.getElementById("clock-time").textContent !== ""`)
	if got := uiText(t, ctx, "#clock .error"); got != "" {
		t.Fatalf("the clock bar shows an error: %q", got)
	}

	// Pausing from the bar pauses the server's clock; so does the speed.
	uiClick(t, ctx, "#clock-pause")
	uiWait(t, ctx, "the bar says paused", `document.getElementById("clock-mode").textContent === "paused"`)
	if paused, _ := adminClock(t); !paused {
		t.Fatalf("the server's clock is not paused after Pause in the bar")
	}
	uiClick(t, ctx, "#clock-pause")
	uiWait(t, ctx, "the bar says real time", `document.getElementById("clock-mode").textContent === "real time"`)
	if paused, _ := adminClock(t); paused {
		t.Fatalf("the server's clock is still paused after Resume in the bar")
	}
	uiEval(t, ctx, `(() => { const s = document.getElementById("clock-speed"); s.value = "10"; s.dispatchEvent(new Event("change")); return true; })()`)
	uiWait(t, ctx, "the bar says ×10", `document.getElementById("clock-mode").textContent === "×10 speed"`)
	if _, speed := adminClock(t); speed != 10 {
		t.Fatalf("the server's clock speed = %d after ×10 in the bar", speed)
	}
	// Back to real time at once: the server is shared, and its clock should
	// run ahead of the real one as little as possible.
	uiEval(t, ctx, `(() => { const s = document.getElementById("clock-speed"); s.value = "1"; s.dispatchEvent(new Event("change")); return true; })()`)
	uiWait(t, ctx, "the bar says real time again", `document.getElementById("clock-mode").textContent === "real time"`)
	if _, speed := adminClock(t); speed != 1 {
		t.Fatalf("the server's clock speed = %d after ×1 in the bar", speed)
	}

	// The lab shows the server's table: its capacity and partitions. The
	// lab is open before the table is made (through window.ddbplay): its
	// choice of table follows the table list.
	uiClick(t, ctx, "#tab-lab")
	uiSend(t, ctx, "CreateTable", `{"TableName": "ConnLab", "BillingMode": "PROVISIONED",
		"ProvisionedThroughput": {"ReadCapacityUnits": 7, "WriteCapacityUnits": 3},
		"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}`)
	evalAsync(t, ctx, `window.ddbplay.waitActive("ConnLab").then(() => true)`, nil)
	var part float64
	evalAsync(t, ctx, `window.ddbplay.partition("ConnLab", "", { S: "a" })`, &part)
	if part != 0 {
		t.Errorf("partition of a on the server's one-partition table = %v, want 0", part)
	}
	uiWait(t, ctx, "ConnLab in the lab's choice", `[...document.querySelectorAll("#lab-table option")].some((o) => o.value === "ConnLab")`)
	uiEval(t, ctx, `(() => { const s = document.getElementById("lab-table"); s.value = "ConnLab"; s.dispatchEvent(new Event("change")); return true; })()`)
	uiWait(t, ctx, "the lab shows ConnLab's capacity", `document.getElementById("lab-cap-facts")?.textContent.includes("7 RCU · 3 WCU")`)
	uiShots(t, ctx, "connected-lab")

	// An AWS endpoint: real time, and actions refused without a request.
	var aws struct {
		Paused        bool
		Speed         float64
		Name, Message string
	}
	evalAsync(t, ctx, `(async () => {
		const ep = new (window.ddbplay.constructor)("https://dynamodb.eu-west-1.amazonaws.com");
		const c = await ep.clock();
		const e = await ep.clock("pause").then(() => ({}), (e) => e);
		return { Paused: c.paused, Speed: c.speed, Name: e.name, Message: e.message };
	})()`, &aws)
	if aws.Paused || aws.Speed != 1 || aws.Name != "NotADdbplayServer" || !strings.Contains(aws.Message, "is not a ddbplay server") {
		t.Errorf("an AWS endpoint's clock: %+v", aws)
	}
}

package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	sdkOnce sync.Once
	sdkErr  error
)

// sdkBundle bundles testdata/sdk/playground-client.js (the README's AWS SDK
// v3 example) with the @aws-sdk/client-dynamodb and esbuild packages pinned in
// package-lock.json into the served site as /test/sdk.js.
func sdkBundle(t *testing.T) {
	t.Helper()
	sdkOnce.Do(func() {
		esbuild := filepath.Join(repoRoot, "node_modules", ".bin", "esbuild")
		if _, err := os.Stat(esbuild); err != nil {
			sdkErr = fmt.Errorf("esbuild is not installed (%v): run make npm", err)
			return
		}
		cmd := exec.Command(esbuild, filepath.Join("browsertest", "testdata", "sdk", "playground-client.js"),
			"--bundle", "--format=esm", "--platform=browser", "--minify", "--log-level=warning",
			"--outfile="+filepath.Join(siteDir, "test", "sdk.js"))
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			sdkErr = fmt.Errorf("esbuild: %v\n%s", err, out)
		}
	})
	if sdkErr != nil {
		t.Fatal(sdkErr)
	}
}

func TestSDK_V3ThroughFetch(t *testing.T) {
	sdkBundle(t)
	ctx := openHost(t, "persist=0")
	var got struct {
		Status       string
		Item         map[string]map[string]any
		QueryCount   int
		ErrName      string
		ErrMessage   string
		ErrHTTP      int
		CancelReason []string
		Tables       []string
	}
	evalAsync(t, ctx, `(async () => {
		const sdk = await import("/test/sdk.js");
		const client = sdk.playgroundClient(window.ddbplay);
		const created = await client.send(new sdk.CreateTableCommand({
			TableName: "Music",
			AttributeDefinitions: [{AttributeName: "Artist", AttributeType: "S"}, {AttributeName: "Song", AttributeType: "S"}],
			KeySchema: [{AttributeName: "Artist", KeyType: "HASH"}, {AttributeName: "Song", KeyType: "RANGE"}],
			BillingMode: "PAY_PER_REQUEST"}));
		for (const song of ["Dawn", "Dusk", "Noon"]) {
			await client.send(new sdk.PutItemCommand({TableName: "Music",
				Item: {Artist: {S: "Arturus"}, Song: {S: song}, Plays: {N: "3"}, Tags: {SS: ["x"]}}}));
		}
		const got = await client.send(new sdk.GetItemCommand({TableName: "Music",
			Key: {Artist: {S: "Arturus"}, Song: {S: "Dusk"}}}));
		const query = await client.send(new sdk.QueryCommand({TableName: "Music",
			KeyConditionExpression: "Artist = :a AND begins_with(Song, :d)",
			ExpressionAttributeValues: {":a": {S: "Arturus"}, ":d": {S: "D"}}}));
		let err = {};
		try {
			await client.send(new sdk.PutItemCommand({TableName: "Music", Item: {Artist: {S: "Arturus"}, Song: {S: "Dawn"}},
				ConditionExpression: "attribute_not_exists(Artist)"}));
		} catch (e) { err = e; }
		let cancel = {};
		try {
			await client.send(new sdk.TransactWriteItemsCommand({TransactItems: [
				{ConditionCheck: {TableName: "Music", Key: {Artist: {S: "Arturus"}, Song: {S: "Dawn"}},
					ConditionExpression: "attribute_not_exists(Song)"}},
				{Put: {TableName: "Music", Item: {Artist: {S: "Arturus"}, Song: {S: "Eve"}}}}]}));
		} catch (e) { cancel = e; }
		const tables = await client.send(new sdk.ListTablesCommand({}));
		return { Status: created.TableDescription.TableStatus, Item: got.Item, QueryCount: query.Count,
			ErrName: err.name, ErrMessage: err.message, ErrHTTP: err.$metadata?.httpStatusCode,
			CancelReason: (cancel.CancellationReasons ?? []).map((r) => r.Code), Tables: tables.TableNames };
	})()`, &got)
	if got.Status != "ACTIVE" && got.Status != "CREATING" {
		t.Errorf("CreateTableCommand: TableStatus %q, want ACTIVE", got.Status)
	}
	if got.Item["Song"]["S"] != "Dusk" || got.Item["Plays"]["N"] != "3" {
		t.Errorf("GetItemCommand: Item %v, want Song Dusk with Plays 3", got.Item)
	}
	if got.QueryCount != 2 {
		t.Errorf("QueryCommand begins_with D: Count %d, want 2", got.QueryCount)
	}
	if got.ErrName != "ConditionalCheckFailedException" || got.ErrMessage != "The conditional request failed" || got.ErrHTTP != 400 {
		t.Errorf("conditional PutItemCommand failed with %s %q (HTTP %d), want ConditionalCheckFailedException \"The conditional request failed\" (400)",
			got.ErrName, got.ErrMessage, got.ErrHTTP)
	}
	if fmt.Sprint(got.CancelReason) != "[ConditionalCheckFailed None]" {
		t.Errorf("TransactWriteItemsCommand CancellationReasons codes %v, want [ConditionalCheckFailed None]", got.CancelReason)
	}
	if fmt.Sprint(got.Tables) != "[Music]" {
		t.Errorf("ListTablesCommand: %v, want [Music]", got.Tables)
	}
}

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
	sdkOnce, streamsOnce sync.Once
	sdkErr, streamsErr   error
)

// sdkBundle bundles testdata/sdk/playground-client.js (the README's AWS SDK
// v3 example) with the @aws-sdk/client-dynamodb and esbuild packages pinned in
// package-lock.json into the served site as /test/sdk.js.
func sdkBundle(t *testing.T) {
	t.Helper()
	sdkOnce.Do(func() { sdkErr = esbuildBundle("playground-client.js", "sdk.js") })
	if sdkErr != nil {
		t.Fatal(sdkErr)
	}
}

// streamsBundle bundles testdata/sdk/streams-client.js with the pinned
// @aws-sdk/client-dynamodb-streams into the served site as
// /test/sdk-streams.js.
func streamsBundle(t *testing.T) {
	t.Helper()
	streamsOnce.Do(func() { streamsErr = esbuildBundle("streams-client.js", "sdk-streams.js") })
	if streamsErr != nil {
		t.Fatal(streamsErr)
	}
}

// esbuildBundle bundles testdata/sdk/<entry> for the browser into the
// served site as /test/<out>.
func esbuildBundle(entry, out string) error {
	esbuild := filepath.Join(repoRoot, "node_modules", ".bin", "esbuild")
	if _, err := os.Stat(esbuild); err != nil {
		return fmt.Errorf("esbuild is not installed (%v): run make npm", err)
	}
	cmd := exec.Command(esbuild, filepath.Join("browsertest", "testdata", "sdk", entry),
		"--bundle", "--format=esm", "--platform=browser", "--minify", "--log-level=warning",
		"--outfile="+filepath.Join(siteDir, "test", out))
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("esbuild %s: %v\n%s", entry, err, out)
	}
	return nil
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
		await window.ddbplay.waitForTable("Music");
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

// TestSDK_V3StreamsClient enables a table's stream with the JS SDK v3
// DynamoDB client, writes, and reads the records back with the JS SDK v3
// DynamoDB Streams client (ListStreams, DescribeStream, GetShardIterator,
// GetRecords), both answered by the in-page engine.
func TestSDK_V3StreamsClient(t *testing.T) {
	sdkBundle(t)
	streamsBundle(t)
	ctx := openHost(t, "persist=0")
	type record struct {
		Event, Source, Seq, Keys, New, Old, Bin string
		When                                    bool
	}
	var got struct {
		Listed, StreamArn, TableArn    string
		Status, ViewType, KeySchema    string
		Shards                         int
		First, Rest                    []record
		More                           bool
		ErrName, ErrMessage, ErrFamily string
		ErrHTTP                        int
	}
	evalAsync(t, ctx, `(async () => {
		const sdk = await import("/test/sdk.js");
		const st = await import("/test/sdk-streams.js");
		const db = sdk.playgroundClient(window.ddbplay);
		const streams = st.playgroundStreamsClient(window.ddbplay);
		const created = (await db.send(new sdk.CreateTableCommand({ TableName: "Orders", BillingMode: "PAY_PER_REQUEST",
			AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }, { AttributeName: "line", AttributeType: "N" }],
			KeySchema: [{ AttributeName: "id", KeyType: "HASH" }, { AttributeName: "line", KeyType: "RANGE" }],
			StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } }))).TableDescription;
		await window.ddbplay.waitForTable("Orders");
		await db.send(new sdk.PutItemCommand({ TableName: "Orders",
			Item: { id: { S: "o1" }, line: { N: "1" }, qty: { N: "2" }, code: { B: new Uint8Array([0, 255, 7]) } } }));
		await db.send(new sdk.UpdateItemCommand({ TableName: "Orders", Key: { id: { S: "o1" }, line: { N: "1" } },
			UpdateExpression: "SET qty = qty + :one", ExpressionAttributeValues: { ":one": { N: "1" } } }));
		await db.send(new sdk.DeleteItemCommand({ TableName: "Orders", Key: { id: { S: "o1" }, line: { N: "1" } } }));

		const listed = await streams.send(new st.ListStreamsCommand({ TableName: "Orders" }));
		const arn = listed.Streams[0].StreamArn;
		const desc = (await streams.send(new st.DescribeStreamCommand({ StreamArn: arn }))).StreamDescription;
		const it = (await streams.send(new st.GetShardIteratorCommand({ StreamArn: arn,
			ShardId: desc.Shards[0].ShardId, ShardIteratorType: "TRIM_HORIZON" }))).ShardIterator;
		const first = await streams.send(new st.GetRecordsCommand({ ShardIterator: it, Limit: 2 }));
		const rest = await streams.send(new st.GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
		const img = (m) => m ? Object.keys(m).sort().map((k) => k + "=" + (m[k].S ?? m[k].N ?? (m[k].B ? "bytes" : "?"))).join(",") : "";
		const rec = (r) => ({ Event: r.eventName, Source: r.eventSource, Seq: r.dynamodb.SequenceNumber,
			Keys: img(r.dynamodb.Keys), New: img(r.dynamodb.NewImage), Old: img(r.dynamodb.OldImage),
			Bin: r.dynamodb.NewImage?.code?.B ? Array.from(r.dynamodb.NewImage.code.B).join(",") : "",
			When: r.dynamodb.ApproximateCreationDateTime instanceof Date && !isNaN(r.dynamodb.ApproximateCreationDateTime) });
		let err = {};
		try {
			await streams.send(new st.DescribeStreamCommand({ StreamArn: arn.replace("Orders", "Nothing") }));
		} catch (e) { err = e; }
		return { Listed: listed.Streams[0].TableName, StreamArn: arn, TableArn: created.LatestStreamArn,
			Status: desc.StreamStatus, ViewType: desc.StreamViewType,
			KeySchema: desc.KeySchema.map((k) => k.AttributeName + ":" + k.KeyType).join(","),
			Shards: desc.Shards.length, First: first.Records.map(rec), Rest: rest.Records.map(rec),
			More: typeof rest.NextShardIterator === "string",
			ErrName: err.name, ErrMessage: err.message, ErrFamily: err.$fault, ErrHTTP: err.$metadata?.httpStatusCode };
	})()`, &got)
	if got.Listed != "Orders" || got.StreamArn == "" || got.StreamArn != got.TableArn {
		t.Errorf("ListStreamsCommand: table %q, stream %q; CreateTable's LatestStreamArn %q", got.Listed, got.StreamArn, got.TableArn)
	}
	if got.Status != "ENABLED" || got.ViewType != "NEW_AND_OLD_IMAGES" || got.KeySchema != "id:HASH,line:RANGE" || got.Shards != 1 {
		t.Errorf("DescribeStreamCommand: status %q, view %q, key schema %q, %d shards; want ENABLED NEW_AND_OLD_IMAGES id:HASH,line:RANGE 1",
			got.Status, got.ViewType, got.KeySchema, got.Shards)
	}
	want := []record{
		{Event: "INSERT", Keys: "id=o1,line=1", New: "code=bytes,id=o1,line=1,qty=2", Bin: "0,255,7"},
		{Event: "MODIFY", Keys: "id=o1,line=1", New: "code=bytes,id=o1,line=1,qty=3", Old: "code=bytes,id=o1,line=1,qty=2", Bin: "0,255,7"},
		{Event: "REMOVE", Keys: "id=o1,line=1", Old: "code=bytes,id=o1,line=1,qty=3"},
	}
	recs := append(append([]record{}, got.First...), got.Rest...)
	if len(got.First) != 2 || len(recs) != len(want) {
		t.Fatalf("GetRecordsCommand with Limit 2 then the rest: %d then %d records %+v, want 2 then 1", len(got.First), len(got.Rest), recs)
	}
	prev := ""
	for i, r := range recs {
		w := want[i]
		if r.Event != w.Event || r.Keys != w.Keys || r.New != w.New || r.Old != w.Old || r.Bin != w.Bin {
			t.Errorf("record %d: %+v, want %+v", i, r, w)
		}
		if r.Source != "aws:dynamodb" || !r.When || len(r.Seq) == 0 || (prev != "" && len(r.Seq) == len(prev) && r.Seq <= prev) {
			t.Errorf("record %d: eventSource %q, ApproximateCreationDateTime a Date %v, SequenceNumber %q after %q", i, r.Source, r.When, r.Seq, prev)
		}
		prev = r.Seq
	}
	if !got.More {
		t.Errorf("GetRecordsCommand on the open shard gave no NextShardIterator")
	}
	if got.ErrName != "ResourceNotFoundException" || got.ErrFamily != "client" || got.ErrHTTP != 400 || got.ErrMessage == "" {
		t.Errorf("DescribeStreamCommand of an unknown stream: %s %q (%s, HTTP %d), want ResourceNotFoundException (client, 400)",
			got.ErrName, got.ErrMessage, got.ErrFamily, got.ErrHTTP)
	}
}

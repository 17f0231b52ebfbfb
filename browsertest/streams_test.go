package browsertest

import (
	"fmt"
	"testing"
)

// TestHost_StreamsThroughTheDoor reads a table's stream in the page: the
// Streams operations go through window.ddbplay.send by their whole
// target, and through ddbplay.fetch (the AWS SDK v3's way) by
// X-Amz-Target, and a TTL deletion by the clock is the service's record.
func TestHost_StreamsThroughTheDoor(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Events   []string
		Fetched  int
		Identity string
		Status   string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		const td = (await db.send("CreateTable", { TableName: "Orders", BillingMode: "PAY_PER_REQUEST",
			AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
			KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
			StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } })).TableDescription;
		await db.waitForTable("Orders");
		await db.send("UpdateTimeToLive", { TableName: "Orders", TimeToLiveSpecification: { Enabled: true, AttributeName: "exp" } });
		const now = Math.floor(Date.now() / 1000);
		await db.send("PutItem", { TableName: "Orders", Item: { id: { S: "a" }, v: { N: "1" } } });
		await db.send("PutItem", { TableName: "Orders", Item: { id: { S: "a" }, v: { N: "2" }, exp: { N: String(now + 60) } } });
		await db.advanceClock(120);
		const S = "DynamoDBStreams_20120810.";
		const desc = (await db.send(S + "DescribeStream", { StreamArn: td.LatestStreamArn })).StreamDescription;
		const it = (await db.send(S + "GetShardIterator", { StreamArn: td.LatestStreamArn,
			ShardId: desc.Shards[0].ShardId, ShardIteratorType: "TRIM_HORIZON" })).ShardIterator;
		const recs = (await db.send(S + "GetRecords", { ShardIterator: it })).Records;
		const res = await db.fetch(new Request("http://ddbplay.invalid/", { method: "POST",
			headers: { "X-Amz-Target": S + "GetRecords", "Content-Type": "application/x-amz-json-1.0" },
			body: JSON.stringify({ ShardIterator: it }) }));
		const fetched = (await res.json()).Records;
		return { Events: recs.map((r) => r.eventName + ":" + (r.dynamodb.NewImage ? r.dynamodb.NewImage.v.N : "-")),
			Fetched: res.status === 200 ? fetched.length : -res.status,
			Identity: recs[2] && recs[2].userIdentity ? recs[2].userIdentity.Type : "",
			Status: desc.StreamStatus };
	})()`, &got)
	if fmt.Sprint(got.Events) != "[INSERT:1 MODIFY:2 REMOVE:-]" || got.Identity != "Service" || got.Status != "ENABLED" {
		t.Fatalf("stream in the page: %+v", got)
	}
	if got.Fetched != 3 {
		t.Fatalf("GetRecords through ddbplay.fetch: %d records (negative: HTTP status), want 3", got.Fetched)
	}
}

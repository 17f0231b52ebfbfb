package browsertest

import (
	"testing"
)

// TestHost_LargeTables drives the in-page engine's large-table model through
// the door: throughput is enforced by default in the browser (a burst on a
// 1-WCU table is throttled with DynamoDB's error and ThrottlingReasons), the
// virtual clock pauses and steps (stepping earns capacity back), saving
// the playground is not throttled when reads are, a replica
// lag makes an index query miss a fresh item, and capacity() reports the
// partitions and the throttled second.
func TestHost_LargeTables(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Settings      struct{ Throttle bool }
		Paused        bool
		Stepped       float64
		Written       int
		Name          string
		Status        int
		Reason        string
		Resource      string
		After         bool
		Missed        int
		Found         int
		Parts         int
		Throttled     float64
		ReadThrottled string
		Exported      int
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		const r = {};
		r.Settings = await db.settings();
		const c0 = await db.clock("pause");
		r.Paused = c0.paused;
		r.Stepped = (await db.clock("step", 2)).now - c0.now;
		await db.send("CreateTable", { TableName: "Tiny", BillingMode: "PROVISIONED",
			ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
			AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }, { AttributeName: "g", AttributeType: "S" }],
			KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
			GlobalSecondaryIndexes: [{ IndexName: "ByG", KeySchema: [{ AttributeName: "g", KeyType: "HASH" }],
				Projection: { ProjectionType: "ALL" }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }] }); await db.waitForTable("Tiny");
		r.Written = 0;
		try {
			for (let i = 0; i < 10; i++) {
				await db.send("PutItem", { TableName: "Tiny", Item: { id: { S: "k" + i } } });
				r.Written++;
			}
		} catch (e) {
			r.Name = e.name; r.Status = e.$metadata.httpStatusCode;
			r.Reason = e.ThrottlingReasons[0].reason; r.Resource = e.ThrottlingReasons[0].resource;
		}
		// Reads until throttled: saving the playground still reads everything.
		try {
			for (let i = 0; i < 50; i++) await db.send("GetItem", { TableName: "Tiny", Key: { id: { S: "k0" } }, ConsistentRead: true });
		} catch (e) { r.ReadThrottled = e.name; }
		r.Exported = (await db.exportSnapshot()).tables.find((t) => t.TableName === "Tiny").items.length;
		await db.clock("step", 5);
		await db.send("PutItem", { TableName: "Tiny", Item: { id: { S: "again" } } });
		r.After = true;
		await db.settings({ replicaLagMs: 500 });
		await db.clock("step", 5);
		await db.send("PutItem", { TableName: "Tiny", Item: { id: { S: "fresh" }, g: { S: "x" } } });
		const q = { TableName: "Tiny", IndexName: "ByG", KeyConditionExpression: "g = :g", ExpressionAttributeValues: { ":g": { S: "x" } } };
		r.Missed = (await db.send("Query", q)).Count;
		await db.clock("step", 0.5);
		r.Found = (await db.send("Query", q)).Count;
		const cap = await db.capacity("Tiny");
		r.Parts = cap.tables[0].resources[0].partitions.length;
		r.Throttled = cap.tables[0].resources[0].partitions[0].seconds.reduce((n, s) => n + (s.throttledWrite ?? 0), 0);
		await db.settings({ replicaLagMs: 0 });
		await db.clock("resume");
		return r;
	})()`, &got)
	if !got.Settings.Throttle || !got.Paused || got.Stepped != 2000 {
		t.Fatalf("settings %+v, paused %v, step 2 s moved the clock %v ms", got.Settings, got.Paused, got.Stepped)
	}
	// A 1-WCU table created 0 s ago has 1 WCU of balance: one write passes.
	if got.Written != 1 || got.Name != "ProvisionedThroughputExceededException" || got.Status != 400 ||
		got.Reason != "TableWriteProvisionedThroughputExceeded" || got.Resource != "arn:aws:dynamodb:us-east-1:000000000000:table/Tiny" {
		t.Fatalf("burst: %+v", got)
	}
	if got.ReadThrottled != "ProvisionedThroughputExceededException" || got.Exported != 1 {
		t.Fatalf("reads throttled with %q; the export then held %d items, want 1", got.ReadThrottled, got.Exported)
	}
	if !got.After || got.Missed != 0 || got.Found != 1 {
		t.Fatalf("after stepping: write %v; index query with 500 ms lag found %d, then %d; want 0 then 1", got.After, got.Missed, got.Found)
	}
	if got.Parts != 1 || got.Throttled < 1 {
		t.Fatalf("capacity: %d partitions, %v throttled WCU; want 1 and at least 1", got.Parts, got.Throttled)
	}
}

package browsertest

import (
	"fmt"
	"testing"
)

// TestHost_AdvanceClockExpiresTTLItems moves the in-page engine's clock
// forward through the door and checks that items whose Time to Live has
// passed are gone, while the others stay.
func TestHost_AdvanceClockExpiresTTLItems(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Expired int
		Before  []string
		After   []string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await db.send("CreateTable", { TableName: "Sessions", BillingMode: "PAY_PER_REQUEST",
			AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
			KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] }); await db.waitForTable("Sessions");
		await db.send("UpdateTimeToLive", { TableName: "Sessions",
			TimeToLiveSpecification: { Enabled: true, AttributeName: "expires" } });
		const now = Math.floor(Date.now() / 1000);
		await db.send("PutItem", { TableName: "Sessions", Item: { id: { S: "soon" }, expires: { N: String(now + 60) } } });
		await db.send("PutItem", { TableName: "Sessions", Item: { id: { S: "later" }, expires: { N: String(now + 7200) } } });
		await db.send("PutItem", { TableName: "Sessions", Item: { id: { S: "never" } } });
		const ids = async () => (await db.send("Scan", { TableName: "Sessions" })).Items.map((i) => i.id.S).sort();
		const Before = await ids();
		const Expired = await db.advanceClock(3600);
		return { Expired, Before, After: await ids() };
	})()`, &got)
	if want := "[later never soon]"; fmt.Sprint(got.Before) != want {
		t.Fatalf("items before = %v, want %s", got.Before, want)
	}
	if got.Expired != 1 || fmt.Sprint(got.After) != "[later never]" {
		t.Errorf("after advanceClock(3600): expired %d, items %v; want 1, [later never]", got.Expired, got.After)
	}
}

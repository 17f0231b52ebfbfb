package browsertest

import (
	"fmt"
	"testing"
)

// laneStats is the page's count of how shared-lane calls went
// (Playground._laneStats).
type laneStats struct {
	AtOnce, Awaited, Posted, Deferred, TooLarge int
}

// The served page is cross-origin isolated, so the door talks to its
// worker through shared memory; a small lane sends what does not fit by
// postMessage, and everything settles in call order with the right results.
func TestLane_LargeRequestsAndAnswersKeepOrder(t *testing.T) {
	ctx := openHost(t, "persist=0&sharedBytes=1024")
	var got struct {
		Isolated bool
		Channel  string
		Order    []int
		Big      int
		Scanned  int
		ScanBack int
		After    string
		Stats    laneStats
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		const song = (s, extra = {}) => ({TableName: "Music", Item: {Artist: {S: "A"}, Song: {S: s}, Year: {N: "1"}, ...extra}});
		const key = (s) => ({TableName: "Music", Key: {Artist: {S: "A"}, Song: {S: s}}});
		// Warm up: the first runs of a code path are slow (JIT), and may take
		// longer than the page's spin.
		for (let i = 0; i < 50; i++) await db.send("PutItem", song("small"));
		// Alone on a free lane: a request larger than the lane goes by postMessage.
		await db.send("PutItem", song("big", {Pad: {S: "y".repeat(3000)}}));
		// In one task: small (lane), large request (postMessage), small
		// reads queued behind it, a Scan whose answer is larger than the lane.
		const order = [];
		const calls = [
			db.send("PutItem", song("small")),
			db.send("PutItem", song("big", {Pad: {S: "x".repeat(3000)}})),
			db.send("GetItem", key("big")),
			db.send("Scan", {TableName: "Music"}),
			db.send("GetItem", key("small")),
		].map((p, i) => p.then((r) => { order.push(i); return r; }));
		const [, , big, scan, small] = await Promise.all(calls);
		// Alone on a free lane: an answer larger than the lane comes by postMessage.
		const scanBack = await db.send("Scan", {TableName: "Music"});
		const after = await db.send("GetItem", key("small"));
		return { Isolated: crossOriginIsolated, Channel: db.channel, Order: order, Big: big.Item.Pad.S.length,
			Scanned: scan.Count, ScanBack: scanBack.Count, After: after.Item.Song.S + "/" + small.Item.Song.S,
			Stats: db._laneStats };
	})()`, &got)
	if !got.Isolated || got.Channel != "shared" {
		t.Fatalf("crossOriginIsolated %v, channel %q: want true, shared", got.Isolated, got.Channel)
	}
	if fmt.Sprint(got.Order) != "[0 1 2 3 4]" {
		t.Errorf("settled in order %v, want [0 1 2 3 4]", got.Order)
	}
	if got.Big != 3000 || got.Scanned != 2 || got.ScanBack != 2 || got.After != "small/small" {
		t.Errorf("big item's Pad %d chars, Scans counted %d and %d, GetItems %q; want 3000, 2, 2, small/small",
			got.Big, got.Scanned, got.ScanBack, got.After)
	}
	if got.Stats.TooLarge < 1 || got.Stats.Posted < 1 || got.Stats.AtOnce < 2 {
		t.Errorf("lane stats %+v: want a request too large, an answer posted, and answers at once", got.Stats)
	}
}

// An operation longer than the page's spin is awaited; calls made while it
// runs wait behind it and see its effects, in order.
func TestLane_SlowOperationIsAwaited(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Order  []int
		Counts []int
		Stats  laneStats
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		// 20,000 items by snapshot, so that a filtered Scan of them all
		// takes well over the page's 1 ms spin.
		const snap = await db.exportSnapshot();
		const items = [];
		for (let i = 0; i < 20000; i++) items.push({Artist: {S: "A"}, Song: {S: "s" + i}, Year: {N: String(i)}});
		snap.tables.find((t) => t.TableName === "Music").items = items;
		await db.importSnapshot(snap);
		const order = [];
		const scan = {TableName: "Music", Select: "COUNT", FilterExpression: "#y >= :z",
			ExpressionAttributeNames: {"#y": "Year"}, ExpressionAttributeValues: {":z": {N: "0"}}};
		const calls = [
			db.send("Scan", scan),
			db.send("DeleteItem", {TableName: "Music", Key: {Artist: {S: "A"}, Song: {S: "s0"}}}),
			db.send("Scan", scan),
		].map((p, i) => p.then((r) => { order.push(i); return r; }));
		const res = await Promise.all(calls);
		return { Order: order, Counts: [res[0].Count, res[2].Count], Stats: db._laneStats };
	})()`, &got)
	if fmt.Sprint(got.Order) != "[0 1 2]" || fmt.Sprint(got.Counts) != "[20000 19999]" {
		t.Errorf("settled in order %v with counts %v, want [0 1 2] and [20000 19999]", got.Order, got.Counts)
	}
	if got.Stats.Awaited < 1 {
		t.Errorf("lane stats %+v: want the long Scan awaited", got.Stats)
	}
}

// A loop of awaited calls that each answer at once still lets the page run
// tasks (timers, rendering, input) every few milliseconds, and the worker
// still saves while the calls keep coming (writes to the write log and
// reads, one after another).
//
// The save is due at the latest 1 s after the first unsaved write; under
// such a loop each of its steps (the export's slices, the IndexedDB
// transaction's events) waits for the lane's hot slice to end
// (HOT_SLICE_MS, 40 ms, in shared-channel.js), so it ends some 250–400 ms
// later on a quiet machine, later on a loaded one. The loop runs 1.5 s and
// then on until a save has ended, for at most busyLoopMaxMs.
func TestLane_BusyLoopLetsThePageAndSavesRun(t *testing.T) {
	const busyLoopMaxMs = 6000
	ctx := openHost(t, "space=lane-busy&saveDelay=20")
	var got struct {
		Calls, Ticks, SavedDuring int
		Ms                        float64   // how long the loop ran
		SavedAt                   []float64 // ms after the loop began
		Stats                     laneStats
	}
	evalAsync(t, ctx, fmt.Sprintf(`(async () => {
		const db = window.ddbplay;
		// The lane is under test, not capacity: unthrottled, this loop's
		// tens of thousands of writes a second would exceed an on-demand
		// table's starting capacity, as they would on DynamoDB.
		await db.settings({ throttle: false });
		await createMusic(db);
		let ticks = 0;
		const timer = setInterval(() => ticks++, 5);
		const saves = () => window.ddbplayEvents.filter((e) => e.name === "saved");
		const savedBefore = saves().length;
		const begin = performance.now(), end = begin + 1500, last = begin + %d;
		let calls = 0, now = begin;
		while (now < end || (now < last && saves().length === savedBefore)) {
			await db.send("PutItem", {TableName: "Music", Item: {Artist: {S: "A"}, Song: {S: "s" + (calls %% 50)}, Year: {N: "1"}}});
			await db.send("GetItem", {TableName: "Music", Key: {Artist: {S: "A"}, Song: {S: "s" + (calls %% 50)}}});
			calls += 2;
			now = performance.now();
		}
		clearInterval(timer);
		const during = saves().slice(savedBefore);
		return { Calls: calls, Ticks: ticks, Ms: now - begin, SavedDuring: during.length,
			SavedAt: during.map((e) => Math.round(e.at - begin)), Stats: db._laneStats };
	})()`, busyLoopMaxMs), &got)
	t.Logf("%d calls in %.0f ms, %d timer ticks, %d saves (at %v ms); lane stats %+v", got.Calls, got.Ms, got.Ticks, got.SavedDuring, got.SavedAt, got.Stats)
	if got.Calls < 200 || got.Stats.AtOnce < 100 {
		t.Fatalf("%d calls in %.0f ms, lane stats %+v: want most answered at once", got.Calls, got.Ms, got.Stats)
	}
	if got.Ticks < int(got.Ms/150) {
		t.Errorf("the page ran its 5 ms timer %d times in %.0f ms of calls: want at least one in 150 ms (lane stats %+v)",
			got.Ticks, got.Ms, got.Stats)
	}
	if got.SavedDuring < 1 {
		t.Errorf("no save during %.0f ms of writes (saveDelay 20 ms, a save due at the latest 1 s after the first write); lane stats %+v",
			got.Ms, got.Stats)
	}
}

package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// musicJS defines, in the page, createMusic(db) (a table with a sort key
// and a GSI) and putSongs(db, n, prefix) (n items through PutItem), and
// count(db) (the number of items in Music, or -1 when there is no table).
const musicJS = `
window.createMusic = (db) => db.send("CreateTable", {
	TableName: "Music",
	AttributeDefinitions: [
		{AttributeName: "Artist", AttributeType: "S"},
		{AttributeName: "Song", AttributeType: "S"},
		{AttributeName: "Year", AttributeType: "N"}],
	KeySchema: [{AttributeName: "Artist", KeyType: "HASH"}, {AttributeName: "Song", KeyType: "RANGE"}],
	GlobalSecondaryIndexes: [{IndexName: "ByYear", KeySchema: [{AttributeName: "Year", KeyType: "HASH"}],
		Projection: {ProjectionType: "ALL"}}],
	BillingMode: "PAY_PER_REQUEST",
}).then(() => db.waitForTable("Music"));
window.putSongs = async (db, n, prefix) => {
	for (let i = 0; i < n; i++) {
		await db.send("PutItem", {TableName: "Music", Item: {
			Artist: {S: "Arturus"}, Song: {S: prefix + i}, Year: {N: String(1990 + i)},
			Tags: {SS: ["a", "b"]}, Meta: {M: {plays: {N: "7"}, ok: {BOOL: true}}}}});
	}
};
window.count = async (db) => {
	const tables = await db.send("ListTables", {});
	if (!(tables.TableNames ?? []).includes("Music")) return -1;
	return (await db.send("Scan", {TableName: "Music", Select: "COUNT"})).Count;
};
true`

// openHost opens the host fixture with the query query in a fresh browser,
// waits for the playground and defines musicJS.
func openHost(t testing.TB, query string) context.Context {
	t.Helper()
	ctx := newPage(t, "/test/host.html?"+query)
	readyHost(t, ctx)
	return ctx
}

// readyHost waits for the playground of the page of ctx and defines musicJS.
func readyHost(t testing.TB, ctx context.Context) {
	t.Helper()
	waitPlayground(t, ctx)
	evalAsync(t, ctx, musicJS, nil)
}

// countSongs returns the number of items in Music as the page of ctx sees it.
func countSongs(t testing.TB, ctx context.Context) int {
	t.Helper()
	var n int
	evalAsync(t, ctx, `count(window.ddbplay)`, &n)
	return n
}

func TestHost_StartsAndAnswers(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=starts")
	waitPlayground(t, ctx)
	var got struct {
		Mode      string
		Restored  bool
		ErrName   string
		ErrStatus int
		ErrFault  string
		IsError   bool
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		let err = {};
		try { await db.send("NoSuchOperation", {}); } catch (e) { err = e; }
		return { Mode: db.mode, Restored: db.restored, ErrName: err.name,
			ErrStatus: err.$metadata?.httpStatusCode, ErrFault: err.$fault, IsError: err instanceof Error };
	})()`, &got)
	if got.Mode != "worker" || got.Restored {
		t.Errorf("fresh playground: mode %q, restored %v; want worker, false", got.Mode, got.Restored)
	}
	if got.ErrName != "UnknownOperationException" || got.ErrStatus != 400 || got.ErrFault != "client" || !got.IsError {
		t.Errorf("unknown operation rejected with %+v, want an Error named UnknownOperationException, 400, client", got)
	}
}

func TestHost_SendResultsAndErrors(t *testing.T) {
	// Each way to the engine: the worker through shared memory, the worker
	// by postMessage, the page's thread.
	for _, tc := range []struct{ mode, channel, query string }{
		{"worker", "shared", ""},
		{"worker", "message", "&shared=0"},
		{"page", "page", "&worker=0"},
	} {
		t.Run(tc.channel, func(t *testing.T) {
			mode := tc.mode
			ctx := openHost(t, "persist=0"+tc.query)
			var got struct {
				Mode        string
				Channel     string
				Item        map[string]map[string]any
				ErrName     string
				ErrMessage  string
				ErrItem     map[string]map[string]any
				Concurrent  []string
				ConcErrName string
			}
			evalAsync(t, ctx, `(async () => {
				const db = window.ddbplay;
				await createMusic(db);
				await putSongs(db, 3, "s");
				const got = await db.send("GetItem", {TableName: "Music", Key: {Artist: {S: "Arturus"}, Song: {S: "s1"}}});
				let err = {};
				try {
					await db.send("PutItem", {TableName: "Music", Item: {Artist: {S: "Arturus"}, Song: {S: "s1"}},
						ConditionExpression: "attribute_not_exists(Song)", ReturnValuesOnConditionCheckFailure: "ALL_OLD"});
				} catch (e) { err = e; }
				// Calls made together settle one by one, in order, each with its own result.
				const calls = [0, 1, 2, 9].map((i) => db.send("GetItem", {TableName: "Music", Key: {Artist: {S: "Arturus"}, Song: {S: "s" + i}}}));
				calls.push(db.send("GetItem", {TableName: "Nope", Key: {Artist: {S: "x"}}}));
				const settled = await Promise.allSettled(calls);
				return { Mode: db.mode, Channel: db.channel, Item: got.Item, ErrName: err.name, ErrMessage: err.message, ErrItem: err.Item,
					Concurrent: settled.slice(0, 4).map((s) => s.value.Item ? s.value.Item.Song.S : "none"),
					ConcErrName: settled[4].reason?.name };
			})()`, &got)
			if got.Mode != mode || got.Channel != tc.channel {
				t.Errorf("mode, channel = %q, %q, want %q, %q", got.Mode, got.Channel, mode, tc.channel)
			}
			if got.Item["Song"]["S"] != "s1" || got.Item["Year"]["N"] != "1991" {
				t.Errorf("GetItem Item = %v, want Song s1, Year 1991", got.Item)
			}
			if got.ErrName != "ConditionalCheckFailedException" || got.ErrMessage != "The conditional request failed" {
				t.Errorf("conditional put rejected with %s: %q, want ConditionalCheckFailedException: The conditional request failed",
					got.ErrName, got.ErrMessage)
			}
			if got.ErrItem["Song"]["S"] != "s1" {
				t.Errorf("error Item = %v, want the old item (Song s1)", got.ErrItem)
			}
			if fmt.Sprint(got.Concurrent) != "[s0 s1 s2 none]" || got.ConcErrName != "ResourceNotFoundException" {
				t.Errorf("concurrent GetItems = %v then %q, want [s0 s1 s2 none] then ResourceNotFoundException",
					got.Concurrent, got.ConcErrName)
			}
		})
	}
}

func TestHost_FetchSpeaksTheProtocol(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var got struct {
		Status, ErrStatus          int
		ContentType, ErrType       string
		RequestID, CRC, CRCWant    string
		Tables                     []string
		NoTargetStatus             int
		NoTargetType, NoTargetBody string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		const call = (target, body) => db.fetch(new Request("https://dynamodb.us-east-1.amazonaws.com/", {
			method: "POST", headers: target ? {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.0"} : {},
			body: JSON.stringify(body)}));
		const ok = await call("DynamoDB_20120810.ListTables", {});
		const okText = await ok.text();
		const bad = await call("DynamoDB_20120810.DescribeTable", {TableName: "Nope"});
		const none = await call("", {});
		const noneText = await none.text();
		// CRC-32 of the body as the x-amz-crc32 header must carry it.
		let crc = 0xffffffff;
		for (const b of new TextEncoder().encode(okText)) {
			crc ^= b;
			for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
		}
		return { Status: ok.status, ContentType: ok.headers.get("content-type"),
			RequestID: ok.headers.get("x-amzn-requestid"), CRC: ok.headers.get("x-amz-crc32"),
			CRCWant: String((crc ^ 0xffffffff) >>> 0), Tables: JSON.parse(okText).TableNames,
			ErrStatus: bad.status, ErrType: (await bad.json()).__type,
			NoTargetStatus: none.status, NoTargetType: JSON.parse(noneText).__type, NoTargetBody: noneText };
	})()`, &got)
	if got.Status != 200 || got.ContentType != "application/x-amz-json-1.0" || fmt.Sprint(got.Tables) != "[Music]" {
		t.Errorf("ListTables via fetch: status %d, content-type %q, tables %v; want 200, application/x-amz-json-1.0, [Music]",
			got.Status, got.ContentType, got.Tables)
	}
	if len(got.RequestID) != 52 || got.CRC != got.CRCWant {
		t.Errorf("headers: x-amzn-RequestId %q (want 52 characters), x-amz-crc32 %q (want %s)", got.RequestID, got.CRC, got.CRCWant)
	}
	if got.ErrStatus != 400 || got.ErrType != "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException" {
		t.Errorf("DescribeTable of a missing table: %d %q, want 400 ResourceNotFoundException", got.ErrStatus, got.ErrType)
	}
	if got.NoTargetStatus != 400 || got.NoTargetType != "com.amazon.coral.service#UnknownOperationException" {
		t.Errorf("no X-Amz-Target: %d %s, want 400 UnknownOperationException", got.NoTargetStatus, got.NoTargetBody)
	}
}

func TestHost_PersistsAcrossReload(t *testing.T) {
	ctx := openHost(t, "space=persist")
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		await putSongs(db, 5, "p");
		await db.flush();
	})()`, nil)
	navigate(t, ctx, "/test/host.html?space=persist")
	readyHost(t, ctx)
	var got struct {
		Restored bool
		Song     string
		Index    int
		Progress map[string]any
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		const item = await db.send("GetItem", {TableName: "Music", Key: {Artist: {S: "Arturus"}, Song: {S: "p3"}}});
		const byYear = await db.send("Query", {TableName: "Music", IndexName: "ByYear",
			KeyConditionExpression: "#y = :y", ExpressionAttributeNames: {"#y": "Year"},
			ExpressionAttributeValues: {":y": {N: "1993"}}});
		return { Restored: db.restored, Song: item.Item?.Song?.S ?? "", Index: byYear.Count,
			Progress: window.ddbplayProgress.at(-1) };
	})()`, &got)
	if !got.Restored || got.Song != "p3" || got.Index != 1 {
		t.Errorf("after reload: restored %v, GetItem p3 → %q, GSI query count %d; want true, p3, 1", got.Restored, got.Song, got.Index)
	}
	if fmt.Sprint(got.Progress) != "map[done:5 task:restore total:5]" {
		t.Errorf("last progress of the restore: %v, want map[done:5 task:restore total:5]", got.Progress)
	}
	if n := countSongs(t, ctx); n != 5 {
		t.Errorf("after reload: %d items, want 5", n)
	}

	// Another space of the same origin starts empty; persist=0 neither
	// restores nor saves.
	navigate(t, ctx, "/test/host.html?space=other")
	readyHost(t, ctx)
	if n := countSongs(t, ctx); n != -1 {
		t.Errorf("space other: count %d, want no Music table (-1)", n)
	}
	navigate(t, ctx, "/test/host.html?space=persist&persist=0")
	readyHost(t, ctx)
	if n := countSongs(t, ctx); n != -1 {
		t.Errorf("persist=0: count %d, want no Music table (-1)", n)
	}
	evalAsync(t, ctx, `(async () => { await createMusic(window.ddbplay); await window.ddbplay.flush(); })()`, nil)
	navigate(t, ctx, "/test/host.html?space=persist")
	readyHost(t, ctx)
	if n := countSongs(t, ctx); n != 5 {
		t.Errorf("space persist after a persist=0 visit: %d items, want 5", n)
	}

	// reset empties the space, saved state included.
	evalAsync(t, ctx, `window.ddbplay.reset()`, nil)
	navigate(t, ctx, "/test/host.html?space=persist")
	readyHost(t, ctx)
	if n := countSongs(t, ctx); n != -1 {
		t.Errorf("after reset and reload: count %d, want no Music table (-1)", n)
	}
}

func TestHost_Snapshots(t *testing.T) {
	ctx := openHost(t, "persist=0")
	var exported struct {
		Format  string
		Version int
		Tables  []struct {
			TableName              string
			BillingMode            string
			GlobalSecondaryIndexes []struct{ IndexName string }
			Items                  []map[string]any `json:"items"`
		}
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		await putSongs(db, 29, "x");
		await db.send("PutItem", {TableName: "Music", Item: {Artist: {S: "Zoë"}, Song: {S: "🎵 ünïcode \u2028"}}});
		window.saved = await db.exportSnapshot();
		return window.saved;
	})()`, &exported)
	if exported.Format != "ddbplay-snapshot" || exported.Version != 1 || len(exported.Tables) != 1 {
		t.Fatalf("export: format %q version %d with %d tables, want ddbplay-snapshot 1 with 1 table",
			exported.Format, exported.Version, len(exported.Tables))
	}
	if tb := exported.Tables[0]; tb.TableName != "Music" || tb.BillingMode != "PAY_PER_REQUEST" ||
		len(tb.GlobalSecondaryIndexes) != 1 || len(tb.Items) != 30 {
		t.Errorf("exported table %s (%s) with %d GSIs and %d items, want Music (PAY_PER_REQUEST) with 1 GSI and 30 items",
			tb.TableName, tb.BillingMode, len(tb.GlobalSecondaryIndexes), len(tb.Items))
	}

	// Reset, then import the export back, watching progress.
	var progress struct {
		Before   int
		After    int
		Last     map[string]any
		Events   int
		Restored int
		Unicode  string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await db.reset();
		const before = await count(db);
		let last = null;
		await db.importSnapshot(window.saved, { onProgress: (p) => { last = p; } });
		const after = await count(db);
		await db.reset();
		await db.importSnapshot(JSON.stringify(window.saved));
		const uni = await db.send("GetItem", {TableName: "Music", Key: {Artist: {S: "Zoë"}, Song: {S: "🎵 ünïcode \u2028"}}});
		return { Before: before, After: after, Last: last, Unicode: uni.Item?.Song?.S ?? "",
			Events: window.ddbplayEvents.filter((e) => e.name === "progress").length, Restored: await count(db) };
	})()`, &progress)
	if progress.Before != -1 || progress.After != 30 || progress.Restored != 30 {
		t.Errorf("reset → %d, import → %d, import of the text → %d; want -1, 30, 30", progress.Before, progress.After, progress.Restored)
	}
	if progress.Unicode != "🎵 ünïcode  " {
		t.Errorf("non-ASCII item after import: Song %q, want %q", progress.Unicode, "🎵 ünïcode  ")
	}
	if fmt.Sprint(progress.Last) != "map[done:30 task:import total:30]" || progress.Events < 2 {
		t.Errorf("last progress %v after %d progress events, want map[done:30 task:import total:30] after at least 2",
			progress.Last, progress.Events)
	}

	// A malformed or hostile snapshot fails and leaves the state untouched.
	tests := []struct {
		name, snapshot, want string
	}{
		{"not JSON", `"{\"format\":"`, "Invalid snapshot: not valid JSON"},
		{"wrong version", `{...window.saved, version: 2}`, `Invalid snapshot: unsupported "version" 2`},
		{"duplicate table", `{...window.saved, tables: [window.saved.tables[0], window.saved.tables[0]]}`,
			`Invalid snapshot: table "Music" appears more than once`},
		{"invalid item", `{...window.saved, tables: [{...window.saved.tables[0],
			items: [...window.saved.tables[0].items, {Artist: {S: "no sort key"}}]}]}`,
			`Invalid snapshot: table "Music", item 30: ValidationException: `},
		{"bad number", `{...window.saved, tables: [{...window.saved.tables[0],
			items: [{Artist: {S: "a"}, Song: {S: "b"}, n: {N: "1e999"}}]}]}`,
			`Invalid snapshot: table "Music", item 0: ValidationException: `},
		{"invalid table", `{...window.saved, tables: [{...window.saved.tables[0], KeySchema: []}]}`,
			`Invalid snapshot: table "Music": ValidationException: `},
		{"unknown member", `{...window.saved, tables: [{...window.saved.tables[0], Items: []}]}`,
			`Invalid snapshot: table "Music" has an unknown member "Items"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got struct {
				Name, Message string
				Count         int
				Song          string
			}
			evalAsync(t, ctx, `(async () => {
				const db = window.ddbplay;
				await db.send("PutItem", {TableName: "Music", Item: {Artist: {S: "Marker"}, Song: {S: "kept"}}});
				let err = {};
				try { await db.importSnapshot(`+tc.snapshot+`); } catch (e) { err = e; }
				const kept = await db.send("GetItem", {TableName: "Music", Key: {Artist: {S: "Marker"}, Song: {S: "kept"}}});
				await db.send("DeleteItem", {TableName: "Music", Key: {Artist: {S: "Marker"}, Song: {S: "kept"}}});
				return { Name: err.name, Message: err.message, Count: await count(db), Song: kept.Item?.Song?.S ?? "" };
			})()`, &got)
			if got.Name != "ValidationException" || !strings.HasPrefix(got.Message, tc.want) {
				t.Errorf("import rejected with %s: %q, want ValidationException starting %q", got.Name, got.Message, tc.want)
			}
			if got.Count != 30 || got.Song != "kept" {
				t.Errorf("after the failed import: %d items, marker %q; want 30 and the marker item kept", got.Count, got.Song)
			}
		})
	}
}

// waitEvent is JavaScript awaiting the first playground event called name
// (already recorded by the fixture, or still to come).
func waitEvent(name string) string {
	return `new Promise((resolve) => {
		const seen = window.ddbplayEvents.find((e) => e.name === "` + name + `");
		if (seen) resolve(seen.detail);
		else window.ddbplay.addEventListener("` + name + `", (e) => resolve(e.detail), { once: true });
	})`
}

// waitEventFrom is JavaScript awaiting the first playground event called
// name whose detail's field is at least min (already recorded by the
// fixture, or still to come).
func waitEventFrom(name, field string, min int) string {
	return fmt.Sprintf(`new Promise((resolve) => {
		const ok = (d) => d && d[%[2]q] >= %[3]d;
		const seen = window.ddbplayEvents.find((e) => e.name === %[1]q && ok(e.detail));
		if (seen) return resolve(seen.detail);
		const on = (e) => {
			if (!ok(e.detail)) return;
			window.ddbplay.removeEventListener(%[1]q, on);
			resolve(e.detail);
		};
		window.ddbplay.addEventListener(%[1]q, on);
	})`, name, field, min)
}

func TestHost_TwoTabs(t *testing.T) {
	// Tab 2 saves only on flush, so that its unsaved writes stay unsaved
	// while tab 1 saves.
	tab1 := openHost(t, "space=shared")
	tab2 := newTab(t, tab1, "/test/host.html?space=shared&saveDelay=600000")
	readyHost(t, tab2)

	// A save in tab 1 reaches idle tab 2, which reloads it. Tab 1 may also
	// have saved before its writes were all made (a save is due ~1 s after
	// the first unsaved write), so tab 2 waits for the version of the save
	// its flush made.
	var flushed int
	evalAsync(t, tab1, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		await putSongs(db, 2, "one");
		await db.flush();
		const saves = window.ddbplayEvents.filter((e) => e.name === "saved");
		return saves.length ? saves[saves.length - 1].detail.version : 0;
	})()`, &flushed)
	var change struct{ Version int }
	evalAsync(t, tab2, waitEventFrom("external-change", "version", flushed), &change)
	if n := countSongs(t, tab2); n != 2 || change.Version < 1 {
		t.Errorf("tab 2 after tab 1's save (version %d): %d items at version %d, want 2 items at version ≥ 1", flushed, n, change.Version)
	}

	// Tab 2 writes without saving; tab 1 saves again. Tab 2 keeps its own
	// state (a conflict), and its later save wins over tab 1's.
	evalAsync(t, tab2, `putSongs(window.ddbplay, 1, "two")`, nil)
	evalAsync(t, tab1, `(async () => { await putSongs(window.ddbplay, 1, "onemore"); await window.ddbplay.flush(); })()`, nil)
	evalAsync(t, tab2, waitEvent("conflict"), nil)
	var saved struct{ Overwrote bool }
	evalAsync(t, tab2, `(async () => {
		const saved = new Promise((resolve) => window.ddbplay.addEventListener("saved", (e) => resolve(e.detail), { once: true }));
		await window.ddbplay.flush();
		return await saved;
	})()`, &saved)
	if !saved.Overwrote {
		t.Errorf("tab 2's save after tab 1's: overwrote = false, want true")
	}
	evalAsync(t, tab1, `new Promise((resolve) => {
		const seen = () => window.ddbplayEvents.filter((e) => e.name === "external-change").length;
		if (seen() > 0) resolve(); else window.ddbplay.addEventListener("external-change", resolve, { once: true });
	})`, nil)
	var songs []string
	evalAsync(t, tab1, `window.ddbplay.send("Scan", {TableName: "Music"}).then((r) => r.Items.map((i) => i.Song.S).sort())`, &songs)
	if fmt.Sprint(songs) != "[one0 one1 two0]" {
		t.Errorf("tab 1 after tab 2's winning save: songs %v, want [one0 one1 two0] (the last complete save wins)", songs)
	}

	// A new tab of the space opens the last complete save.
	tab3 := newTab(t, tab1, "/test/host.html?space=shared")
	readyHost(t, tab3)
	if n := countSongs(t, tab3); n != 3 {
		t.Errorf("a new tab: %d items, want 3", n)
	}
}

func TestHost_UnreadableSavedState(t *testing.T) {
	ctx := openHost(t, "space=elsewhere")
	// Plant a saved state that does not import, as an older or damaged save would be.
	evalAsync(t, ctx, `new Promise((resolve, reject) => {
		const open = indexedDB.open("ddbplay", 1);
		open.onsuccess = () => {
			const tx = open.result.transaction("spaces", "readwrite");
			tx.objectStore("spaces").put({version: 7, savedAt: 0, tab: "x", snapshot: '{"format":"ddbplay-snapshot","version":99,"tables":[]}'}, "broken");
			tx.oncomplete = () => resolve(true);
			tx.onerror = () => reject(tx.error);
		};
		open.onerror = () => reject(open.error);
	})`, nil)
	navigate(t, ctx, "/test/host.html?space=broken")
	readyHost(t, ctx)
	var got struct {
		Restored bool
		Error    string
		Kept     bool
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		const kept = await new Promise((resolve) => {
			const open = indexedDB.open("ddbplay", 1);
			open.onsuccess = () => {
				const get = open.result.transaction("spaces").objectStore("spaces").get("broken#unreadable");
				get.onsuccess = () => resolve(get.result?.version === 7);
			};
		});
		return { Restored: db.restored, Error: db.restoreError, Kept: kept };
	})()`, &got)
	want := `ddbplay: the saved state of space "broken" is unreadable: Invalid snapshot: unsupported "version" 99`
	if got.Restored || !strings.HasPrefix(got.Error, want) || !got.Kept {
		t.Errorf("unreadable save: restored %v, restoreError %q, kept %v; want false, %q…, true", got.Restored, got.Error, got.Kept, want)
	}
	if n := countSongs(t, ctx); n != -1 {
		t.Errorf("unreadable save: count %d, want an empty playground (-1)", n)
	}
}

// TestHost_PlaygroundPage checks the door as the playground page
// (static/index.html) exposes it: window.ddbplay answers, and its writes
// persist in the page's space.
func TestHost_PlaygroundPage(t *testing.T) {
	ctx := newPage(t, "/?space=door")
	readyHost(t, ctx)
	var got struct {
		Space  string
		Reason []string
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		await putSongs(db, 2, "page");
		let err = {};
		try {
			await db.send("TransactWriteItems", {TransactItems: [
				{Put: {TableName: "Music", Item: {Artist: {S: "Arturus"}, Song: {S: "new"}}}},
				{Delete: {TableName: "Music", Key: {Artist: {S: "Arturus"}, Song: {S: "page0"}},
					ConditionExpression: "attribute_not_exists(Song)"}}]});
		} catch (e) { err = e; }
		await db.flush();
		return { Space: db.space, Reason: (err.CancellationReasons ?? []).map((r) => r.Code) };
	})()`, &got)
	if got.Space != "door" || fmt.Sprint(got.Reason) != "[None ConditionalCheckFailed]" {
		t.Errorf("page door: space %q, CancellationReasons %v; want door, [None ConditionalCheckFailed]", got.Space, got.Reason)
	}
	navigate(t, ctx, "/?space=door")
	readyHost(t, ctx)
	if n := countSongs(t, ctx); n != 2 {
		t.Errorf("playground page after reload: %d items, want 2", n)
	}
}

func TestHost_OpenFailsClearly(t *testing.T) {
	ctx := openHost(t, "persist=0")
	tests := []struct{ name, options, want string }{
		{"no worker script", `{baseURL: "/nowhere/", persist: false}`, "ddbplay: engine worker failed"},
		{"no host module in page mode", `{baseURL: "/test/", persist: false, worker: false}`, "Failed to fetch dynamically imported module"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var msg string
			evalAsync(t, ctx, `import("/ddbplay.js").then((m) => m.openPlayground(`+tc.options+`)).then(
				() => "opened", (err) => String(err && err.message || err))`, &msg)
			if !strings.HasPrefix(msg, tc.want) {
				t.Errorf("openPlayground(%s) → %q, want a rejection starting %q", tc.options, msg, tc.want)
			}
		})
	}
}

// TestHost_LargeRequests sends requests and snapshots large enough to make
// the engine's memory grow while the host writes into it.
func TestHost_LargeRequests(t *testing.T) {
	for _, mode := range []string{"worker", "page"} {
		t.Run(mode, func(t *testing.T) {
			query := "persist=0"
			if mode == "page" {
				query += "&worker=0"
			}
			ctx := openHost(t, query)
			var got struct {
				Count int
				Size  int
			}
			evalAsync(t, ctx, `(async () => {
				const db = window.ddbplay;
				const pad = "é".repeat(1000);
				await db.importSnapshot({format: "ddbplay-snapshot", version: 1, tables: [{TableName: "Big",
					BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{AttributeName: "pk", AttributeType: "S"}],
					KeySchema: [{AttributeName: "pk", KeyType: "HASH"}],
					items: Array.from({length: 20000}, (_, i) => ({pk: {S: "k" + i}, pad: {S: pad}}))}]});
				const big = "x".repeat(350000);
				for (let i = 0; i < 5; i++) await db.send("PutItem", {TableName: "Big", Item: {pk: {S: "big" + i}, v: {S: big}}});
				const item = await db.send("GetItem", {TableName: "Big", Key: {pk: {S: "big4"}}});
				const count = await db.send("Scan", {TableName: "Big", Select: "COUNT"});
				let n = count.Count, start = count.LastEvaluatedKey;
				while (start) {
					const page = await db.send("Scan", {TableName: "Big", Select: "COUNT", ExclusiveStartKey: start});
					n += page.Count;
					start = page.LastEvaluatedKey;
				}
				return { Count: n, Size: item.Item.v.S.length };
			})()`, &got)
			if got.Count != 20005 || got.Size != 350000 {
				t.Errorf("after a 40 MB import and 350 KB items: %d items, big item of %d characters; want 20005 and 350000", got.Count, got.Size)
			}
		})
	}
}

// TestHost_ExportWarmUpLeavesNoTrace: a playground kept in the browser
// runs its export once on a small state of its own as it starts
// (warmExport), then is empty again; on a reload the saved state comes
// back whole, with nothing of the warm-up in it, and a playground without
// persist runs no warm-up.
func TestHost_ExportWarmUpLeavesNoTrace(t *testing.T) {
	type start struct {
		Warm   *struct{ Ok bool }
		Tables []string
	}
	startOf := func(ctx context.Context) start {
		var got start
		evalAsync(t, ctx, `(async () => ({Warm: window.ddbplay.readyPhases.warm,
			Tables: (await window.ddbplay.send("ListTables", {})).TableNames}))()`, &got)
		return got
	}
	ctx := openHost(t, "space=warm")
	if got := startOf(ctx); got.Warm == nil || !got.Warm.Ok || len(got.Tables) != 0 {
		t.Fatalf("fresh start: warm-up %+v, tables %q; want a warm-up that ran and no tables", got.Warm, got.Tables)
	}
	evalAsync(t, ctx, `(async () => {
		const db = window.ddbplay;
		await createMusic(db);
		await putSongs(db, 3, "w");
		await db.flush();
	})()`, nil)
	navigate(t, ctx, "/test/host.html?space=warm")
	readyHost(t, ctx)
	if got := startOf(ctx); got.Warm == nil || !got.Warm.Ok || len(got.Tables) != 1 || got.Tables[0] != "Music" {
		t.Fatalf("reload: warm-up %+v, tables %q; want a warm-up that ran and [Music]", got.Warm, got.Tables)
	}
	if n := countSongs(t, ctx); n != 3 {
		t.Errorf("reload: %d songs, want 3", n)
	}
	mem := openHost(t, "space=warm-memory&persist=0")
	if got := startOf(mem); got.Warm != nil || len(got.Tables) != 0 {
		t.Errorf("persist=0: warm-up %+v, tables %q; want none and no tables", got.Warm, got.Tables)
	}
}

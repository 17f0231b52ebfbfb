package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The lesson pane (static/app/lessons/) driven through its visible
// controls and the API tab, as a learner would.

// lessonWaitReady waits until the lesson pane has opened its lesson.
func lessonWaitReady(t *testing.T, ctx context.Context) {
	t.Helper()
	uiWait(t, ctx, "the lesson pane", `document.getElementById("lesson-pane") && document.getElementById("lesson-pane").dataset.ready === "true"`)
}

// uiSendAPI sends op with the request JSON through the API tab and returns
// the status line ("200 OK" or "Type: message").
func uiSendAPI(t *testing.T, ctx context.Context, op string, request any) string {
	t.Helper()
	body, err := json.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	uiClick(t, ctx, "#tab-api")
	uiFill(t, ctx, "#api-op", op)
	uiFill(t, ctx, "#api-body", string(body))
	evalAsync(t, ctx, `document.getElementById("api-status").textContent = ""`, nil)
	uiClick(t, ctx, "#api-send")
	uiWait(t, ctx, op+" answered", `document.getElementById("api-status").textContent !== ""`)
	return uiText(t, ctx, "#api-status")
}

// lessonCheck presses Check on task id and returns its verdict and the
// text of each check line.
func lessonCheck(t *testing.T, ctx context.Context, task string) (verdict string, lines []string) {
	t.Helper()
	sel := `[data-task="` + task + `"]`
	uiClick(t, ctx, sel+` [data-testid="task-check"]`)
	uiWait(t, ctx, task+" checked", `document.querySelector('`+sel+` [data-testid="task-verdict"]')`)
	verdict = uiText(t, ctx, sel+` [data-testid="task-verdict"]`)
	evalAsync(t, ctx, `[...document.querySelectorAll('`+sel+` [data-testid="check-line"]')].map((li) => li.textContent)`, &lines)
	return verdict, lines
}

func wantPassed(t *testing.T, ctx context.Context, task string) {
	t.Helper()
	verdict, lines := lessonCheck(t, ctx, task)
	if !strings.HasPrefix(verdict, "Correct") {
		t.Fatalf("task %s: verdict %q, want Correct; checks: %q", task, verdict, lines)
	}
}

func S(v string) map[string]string { return map[string]string{"S": v} }
func N(v int) map[string]string    { return map[string]string{"N": strconv.Itoa(v)} }

func TestLessonsUI_FirstLessonWithAWrongAnswerFirst(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?lesson=basics")
	uiRun(t, ctx, "1280 px viewport", chromedp.EmulateViewport(1280, 900))
	lessonWaitReady(t, ctx)
	if got := uiText(t, ctx, "#space-name"); got != "lesson-basics" {
		t.Errorf("space = %q, want lesson-basics (a lesson never opens in the learner's own playground)", got)
	}
	uiWantText(t, ctx, `[data-testid="lesson-title"]`, "DynamoDB basics")
	uiWait(t, ctx, "the lesson's table in the sidebar", `document.querySelector('[data-testid="table-row"][data-table="Pets"]') || [...document.querySelectorAll("#table-list button")].some((b) => b.textContent.includes("Pets"))`)
	uiScreenshot(t, ctx, "lesson-1280")
	uiCheckLabels(t, ctx, "lesson pane")
	uiClick(t, ctx, "#lesson-next")
	uiWantText(t, ctx, `[data-testid="lesson-step-n"]`, "Step 2 of 3")

	// A wrong answer: Age as a string, no Tags.
	if st := uiSendAPI(t, ctx, "PutItem", map[string]any{"TableName": "Pets", "Item": map[string]any{"Owner": S("mia"), "Name": S("Biscuit"), "Species": S("dog"), "Age": S("3")}}); st != "200 OK" {
		t.Fatalf("PutItem: %s", st)
	}
	verdict, lines := lessonCheck(t, ctx, "put-biscuit")
	if !strings.HasPrefix(verdict, "Not yet") {
		t.Fatalf("a wrong answer: verdict %q, want Not yet", verdict)
	}
	if len(lines) != 1 || !strings.Contains(lines[0], `Expected the item {Name: "Biscuit", Owner: "mia"} in Pets with Age = 3, Species = "dog", Tags = <<"good", "loud">>`) || !strings.Contains(lines[0], `Found Age is "3"`) {
		t.Errorf("the failed check says %q; want what it expected and that Age is the string \"3\"", lines)
	}
	if got := uiText(t, ctx, `[data-task="put-biscuit"] [data-testid="task-badge"]`); got != "✗ not yet" {
		t.Errorf("badge = %q, want ✗ not yet", got)
	}
	// A hint, then the right answer.
	uiClick(t, ctx, `[data-task="put-biscuit"] [data-testid="task-hint"]`)
	if got := uiText(t, ctx, `[data-task="put-biscuit"] [data-testid="task-hints"]`); !strings.Contains(got, "DynamoDB JSON") {
		t.Errorf("first hint = %q", got)
	}
	uiSendAPI(t, ctx, "PutItem", map[string]any{"TableName": "Pets", "Item": map[string]any{"Owner": S("mia"), "Name": S("Biscuit"), "Species": S("dog"), "Age": N(3), "Tags": map[string]any{"SS": []string{"loud", "good"}}}})
	wantPassed(t, ctx, "put-biscuit")

	uiSendAPI(t, ctx, "PutItem", map[string]any{"TableName": "Pets", "Item": map[string]any{"Owner": S("tomas"), "Name": S("Pebble"),
		"Vet": map[string]any{"M": map[string]any{"Name": S("Dr Okafor"), "Phone": S("555-0142")}}, "Walks": map[string]any{"L": []any{N(7), N(18)}}}})
	wantPassed(t, ctx, "put-pebble")

	uiClick(t, ctx, "#lesson-next")
	uiClick(t, ctx, `[data-testid="try-button"]`)
	uiWait(t, ctx, "the large put refused", `document.querySelector('[data-testid="try-result"]').textContent.includes("ValidationException")`)
	wantPassed(t, ctx, "too-large")
	uiWantText(t, ctx, `[data-testid="lesson-progress"]`, "3 of 3 tasks done — lesson complete!")
	uiScreenshot(t, ctx, "lesson-done-1280")
	uiRun(t, ctx, "narrow viewport", chromedp.EmulateViewport(390, 844))
	uiScreenshot(t, ctx, "lesson-390")

	// Progress is kept across a reload; Reset puts the start back.
	uiRun(t, ctx, "wide viewport", chromedp.EmulateViewport(1280, 900))
	navigate(t, ctx, "/?lesson=basics")
	waitUIReady(t, ctx)
	lessonWaitReady(t, ctx)
	uiWantText(t, ctx, `[data-testid="lesson-progress"]`, "3 of 3 tasks done — lesson complete!")
	uiClick(t, ctx, "#lesson-reset")
	uiClick(t, ctx, `[data-testid="confirm-ok"]`)
	uiWait(t, ctx, "reset", `document.querySelector('[data-testid="lesson-progress"]').textContent === "0 of 3 tasks done"`)
	var n int
	evalAsync(t, ctx, `window.ddbplay.send("Scan", { TableName: "Pets", Select: "COUNT" }).then((o) => o.Count)`, &n)
	if n != 2 {
		t.Errorf("after reset Pets has %d items, want the lesson's 2", n)
	}
}

func TestLessonsUI_LargeTablesLesson(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?lesson=large-tables")
	uiRun(t, ctx, "1280 px viewport", chromedp.EmulateViewport(1280, 900))
	lessonWaitReady(t, ctx)
	uiSendAPI(t, ctx, "Query", map[string]any{"TableName": "Metrics", "KeyConditionExpression": "DeviceId = :d",
		"ExpressionAttributeValues": map[string]any{":d": S("device-7")}, "ReturnConsumedCapacity": "TOTAL"})
	wantPassed(t, ctx, "one-device")
	uiSendAPI(t, ctx, "CreateTable", map[string]any{"TableName": "Readings", "BillingMode": "PROVISIONED",
		"ProvisionedThroughput": map[string]int{"ReadCapacityUnits": 10, "WriteCapacityUnits": 5},
		"AttributeDefinitions":  []map[string]string{{"AttributeName": "DeviceId", "AttributeType": "S"}, {"AttributeName": "At", "AttributeType": "S"}},
		"KeySchema":             []map[string]string{{"AttributeName": "DeviceId", "KeyType": "HASH"}, {"AttributeName": "At", "KeyType": "RANGE"}}})
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Readings").then(() => true)`, nil)
	wantPassed(t, ctx, "readings")

	uiClick(t, ctx, "#lesson-next")
	uiClick(t, ctx, `[data-testid="try-button"]`)
	uiWait(t, ctx, "600 writes sent", `document.querySelector('[data-testid="try-result"]').textContent.includes("600 sent")`)
	burst := uiText(t, ctx, `[data-testid="try-result"]`)
	uiScreenshot(t, ctx, "lesson-large-tables-1280")
	throttled := strings.Contains(burst, "ProvisionedThroughputExceededException")
	if !throttled {
		// The engine does not throttle yet (issue 12): the task must fail,
		// saying so plainly, and is reported as skipped, never passed.
		verdict, lines := lessonCheck(t, ctx, "throttle")
		if !strings.HasPrefix(verdict, "Not yet") || len(lines) == 0 || !strings.Contains(lines[0], "none throttled") {
			t.Errorf("without throttling the task says %q %q; want a failed check saying none was throttled", verdict, lines)
		}
		t.Skipf("SKIPPED, not passed: the engine did not throttle 600 writes on a 1-WCU table (%q); the throttling task needs issue 12", burst)
	}
	if st := uiSendAPI(t, ctx, "UpdateTable", map[string]any{"TableName": "Events", "ProvisionedThroughput": map[string]int{"ReadCapacityUnits": 1, "WriteCapacityUnits": 1000}}); st != "200 OK" {
		t.Fatalf("UpdateTable: %s", st)
	}
	evalAsync(t, ctx, `document.querySelectorAll('[data-testid="try-result"]')[1].textContent = ""`, nil)
	uiClick(t, ctx, `.try-row:nth-child(2) [data-testid="try-button"]`)
	uiWait(t, ctx, "the write after raising capacity", `document.querySelectorAll('[data-testid="try-result"]')[1].textContent !== "" && !document.querySelectorAll('[data-testid="try-result"]')[1].textContent.startsWith("Sending")`)
	wantPassed(t, ctx, "throttle")
	uiWantText(t, ctx, `[data-testid="lesson-progress"]`, "3 of 3 tasks done — lesson complete!")
}

func TestLessonsUI_ExerciseAnswerTeacher(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=teacher")
	uiSendAPI(t, ctx, "CreateTable", map[string]any{"TableName": "Books", "BillingMode": "PAY_PER_REQUEST",
		"AttributeDefinitions": []map[string]string{{"AttributeName": "Isbn", "AttributeType": "S"}},
		"KeySchema":            []map[string]string{{"AttributeName": "Isbn", "KeyType": "HASH"}}})
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Books").then(() => true)`, nil)
	uiSendAPI(t, ctx, "PutItem", map[string]any{"TableName": "Books", "Item": map[string]any{"Isbn": S("isbn-1"), "Title": S("Dune")}})

	// The teacher builds the exercise: one task from the check builder, then edited.
	uiClick(t, ctx, `[data-testid="sidebar-table"][data-table="Books"]`)
	uiClick(t, ctx, "#btn-course")
	uiWait(t, ctx, "the course list", `document.querySelectorAll('[data-testid="course-lesson"]').length >= 7`)
	uiScreenshot(t, ctx, "course-1280")
	uiCheckLabels(t, ctx, "course dialog")
	uiClick(t, ctx, "#btn-make-exercise")
	uiFill(t, ctx, "#ex-title", "Books homework")
	uiFill(t, ctx, "#ex-text", "Add **isbn-2** and delete nothing.")
	uiFill(t, ctx, "#ex-kind", "itemHas")
	uiClick(t, ctx, "#ex-add")
	uiWait(t, ctx, "the built task", `document.getElementById("ex-tasks").value !== "[]"`)
	var tasks []map[string]any
	evalAsync(t, ctx, `JSON.parse(document.getElementById("ex-tasks").value)`, &tasks)
	if len(tasks) != 1 {
		t.Fatalf("the check builder made %v, want one task", tasks)
	}
	built, _ := json.Marshal(tasks[0]["checks"])
	if want := `[{"attributes":{"Title":{"S":"Dune"}},"key":{"Isbn":{"S":"isbn-1"}},"kind":"itemHas","table":"Books"}]`; string(built) != want {
		t.Errorf("the check builder made %s, want %s (filled in from the open table)", built, want)
	}
	uiScreenshot(t, ctx, "exercise-builder-1280")
	uiFill(t, ctx, "#ex-tasks", `[
	 {"id": "add", "title": "Add isbn-2, Emma", "checks": [{"kind": "itemHas", "table": "Books", "key": {"Isbn": {"S": "isbn-2"}}, "attributes": {"Title": {"S": "Emma"}}}], "hints": ["PutItem"]},
	 {"id": "count", "title": "Three books", "checks": [{"kind": "itemCount", "table": "Books", "count": 3}]}
	]`)
	uiClick(t, ctx, "#ex-create")
	uiWait(t, ctx, "the exercise link", `document.getElementById("exercise-url") && document.getElementById("exercise-url").value.includes("#exercise=")`)
	var exURL string
	evalAsync(t, ctx, `document.getElementById("exercise-url").value`, &exURL)

	// The learner opens it in their own space and answers one of two tasks.
	learner := newTab(t, ctx, exURL)
	waitUIReady(t, learner)
	lessonWaitReady(t, learner)
	if sp := uiText(t, learner, "#space-name"); !strings.HasPrefix(sp, "exercise-") {
		t.Errorf("the exercise opened in space %q, want a space of its own", sp)
	}
	uiWantText(t, learner, `[data-testid="lesson-title"]`, "Books homework")
	uiSendAPI(t, learner, "PutItem", map[string]any{"TableName": "Books", "Item": map[string]any{"Isbn": S("isbn-2"), "Title": S("Emma")}})
	wantPassed(t, learner, "add")
	uiClick(t, learner, "#btn-send-answer")
	uiWait(t, learner, "the answer link", `document.getElementById("answer-url") && document.getElementById("answer-url").value.includes("#answer=")`)
	var ansURL string
	evalAsync(t, learner, `document.getElementById("answer-url").value`, &ansURL)

	// The teacher opens the answer: which checks pass, in a space of its own.
	review := newTab(t, ctx, ansURL)
	waitUIReady(t, review)
	lessonWaitReady(t, review)
	if sp := uiText(t, review, "#space-name"); !strings.HasPrefix(sp, "answer-") {
		t.Errorf("the answer opened in space %q, want a space of its own", sp)
	}
	uiWantText(t, review, `[data-testid="lesson-progress"]`, "1 of 2 tasks pass in this answer")
	uiWantText(t, review, `[data-task="add"] [data-testid="task-badge"]`, "✓ passed")
	uiWantText(t, review, `[data-task="count"] [data-testid="task-badge"]`, "✗ not yet")
	if got := uiText(t, review, `[data-task="count"] [data-testid="check-line"]`); !strings.Contains(got, "Expected 3 items in Books") || !strings.Contains(got, "Found 2 items") {
		t.Errorf("the failing check says %q", got)
	}
	if got := uiText(t, review, `[data-testid="answer-requests"] summary`); got != "The learner's requests (1)" {
		t.Errorf("requests summary = %q", got)
	}
	uiRun(t, review, "1280 px viewport", chromedp.EmulateViewport(1280, 900))
	uiScreenshot(t, review, "answer-review-1280")
	uiRun(t, review, "390 px viewport", chromedp.EmulateViewport(390, 844))
	uiScreenshot(t, review, "answer-review-390")

	// Nobody's playground was overwritten: the teacher's still has one book.
	var n int
	evalAsync(t, ctx, `window.ddbplay.send("Scan", { TableName: "Books", Select: "COUNT" }).then((o) => o.Count)`, &n)
	if n != 1 {
		t.Errorf("the teacher's playground has %d books, want 1", n)
	}
}

func TestLessonsUI_PayloadLessonRendersAsText(t *testing.T) {
	const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`
	lesson := map[string]any{
		"format": "ddbplay-lesson/1", "id": "evil", "title": payload, "summary": payload,
		"start": map[string]any{"setup": []any{}},
		"steps": []any{map[string]any{
			"title": payload,
			"text":  "# " + payload + "\n\n" + payload + " **" + payload + "** `" + payload + "`\n\n- " + payload + "\n\n```\n" + payload + "\n```\n\n[click](javascript:window.__pwned=3) [data](data:text/html,<script>x</script>)",
			"try":   []any{map[string]any{"label": payload, "op": "ListTables", "input": map[string]any{}}},
			"tasks": []any{map[string]any{"id": "t1", "title": payload, "text": payload, "hints": []string{payload},
				"checks":   []any{map[string]any{"kind": "tableExists", "table": payload}, map[string]any{"kind": "itemCount", "table": "X", "count": 1, "say": payload}},
				"solution": map[string]any{"text": payload, "requests": []any{map[string]any{"op": "ListTables", "input": map[string]any{"x": payload}}}}}},
		}},
	}
	data, _ := json.Marshal(lesson)
	file := filepath.Join(t.TempDir(), "evil.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=payloads")
	uiClick(t, ctx, "#btn-course")
	uiRun(t, ctx, "choose the lesson file", chromedp.SetUploadFiles(chromedp.CSS("#course-file"), []string{file}))
	uiWaitAcrossNavigation(t, ctx, "the exercise link opened", `location.hash.startsWith("#exercise=") && document.body.dataset.ready === "true"`)
	lessonWaitReady(t, ctx)
	uiClick(t, ctx, `[data-testid="try-button"]`)
	uiClick(t, ctx, `[data-testid="task-hint"]`)
	uiClick(t, ctx, `[data-testid="task-solution"] summary`)
	verdict, lines := lessonCheck(t, ctx, "t1")
	if !strings.HasPrefix(verdict, "Not yet") || len(lines) != 2 || !strings.Contains(lines[0], "no table named "+payload) || !strings.Contains(lines[1], payload) {
		t.Errorf("checks = %q %q", verdict, lines)
	}
	var got struct {
		Pwned    any
		Elements int
		Links    []string
		Title    string
	}
	evalAsync(t, ctx, `(() => {
		const pane = document.getElementById("lesson-pane");
		return {
			Pwned: window.__pwned ?? null,
			Elements: pane.querySelectorAll("img, script, iframe, object, embed").length,
			Links: [...pane.querySelectorAll("a")].map((a) => a.getAttribute("href")),
			Title: document.querySelector('[data-testid="lesson-title"]').textContent,
		};
	})()`, &got)
	if got.Pwned != nil {
		t.Errorf("a payload ran: window.__pwned = %v", got.Pwned)
	}
	if got.Elements != 0 {
		t.Errorf("the pane holds %d img/script/iframe elements, want 0", got.Elements)
	}
	for _, l := range got.Links {
		if !strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "http") {
			t.Errorf("a link with href %q was rendered", l)
		}
	}
	if got.Title != payload {
		t.Errorf("title = %q, want the payload as text", got.Title)
	}
	if body := uiText(t, ctx, `[data-testid="lesson-step"]`); strings.Count(body, "<script>") < 5 {
		t.Errorf("the payloads are not shown as text: %q", abbreviate(body))
	}
	uiScreenshot(t, ctx, "lesson-payloads-1280")
}

// A damaged exercise or answer link, or a link holding something else,
// shows an error and changes nothing.
func TestLessonsUI_DamagedLinksChangeNothing(t *testing.T) {
	ctx := newBrowser(t)
	openUI(t, ctx, "/?space=mine")
	uiSendAPI(t, ctx, "CreateTable", map[string]any{"TableName": "Mine", "BillingMode": "PAY_PER_REQUEST",
		"AttributeDefinitions": []map[string]string{{"AttributeName": "K", "AttributeType": "S"}},
		"KeySchema":            []map[string]string{{"AttributeName": "K", "KeyType": "HASH"}}})
	evalAsync(t, ctx, `window.ddbplay.waitForTable("Mine").then(() => true)`, nil)
	evalAsync(t, ctx, `window.ddbplay.flush()`, nil)
	var notExercise string
	evalAsync(t, ctx, `import("/app/share.js").then((m) => m.packJSON({ format: "ddbplay-answer/1", lesson: {} }))`, &notExercise)
	var badLesson string
	evalAsync(t, ctx, `import("/app/share.js").then((m) => m.packJSON({ format: "ddbplay-exercise/1", lesson: { format: "ddbplay-lesson/1", id: "x", title: "X", steps: [] } }))`, &badLesson)
	for _, tt := range []struct{ hash, want string }{
		{"#answer=%%%", "This answer link cannot be opened: The link is damaged: it is not valid base64url. Nothing was changed."},
		{"#exercise=AAAA", "This exercise link cannot be opened: The link is damaged: its content does not decompress. Nothing was changed."},
		{"#exercise=" + notExercise, "This exercise link cannot be opened: it is not a ddbplay exercise link. Nothing was changed."},
		{"#exercise=" + badLesson, `This exercise link cannot be opened: lesson.steps: must be a list of 1–100 steps. Nothing was changed.`},
	} {
		// From a blank page, so that each link is a whole page load that
		// navigate waits for: from the playground itself it would be a
		// change of hash, which the page answers by reloading after
		// navigate has returned.
		navigate(t, ctx, "about:blank")
		navigate(t, ctx, "/"+tt.hash)
		waitUIReady(t, ctx)
		uiWait(t, ctx, "the error banner", `document.querySelector('[data-testid="banner-error"]')`)
		if got := strings.TrimSuffix(uiText(t, ctx, `[data-testid="banner-error"]`), "Dismiss"); got != tt.want {
			t.Errorf("%s: banner %q, want %q", abbreviate(tt.hash), got, tt.want)
		}
		if hidden := uiText(t, ctx, "#lesson-pane") != ""; hidden {
			t.Errorf("%s: the lesson pane shows something", abbreviate(tt.hash))
		}
	}
	navigate(t, ctx, "/?space=mine")
	waitUIReady(t, ctx)
	var names []string
	evalAsync(t, ctx, `window.ddbplay.send("ListTables", {}).then((o) => o.TableNames)`, &names)
	if strings.Join(names, ",") != "Mine" {
		t.Errorf("the playground's tables are %q after the damaged links, want Mine", names)
	}
}

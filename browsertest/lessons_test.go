package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The built-in course (static/lessons/): every lesson follows the format,
// and every task's solution, run in order against the engine in the page,
// passes the task's own checks — which fail before the solution runs.

// lessonRun is what runLessonSolutions reports for one task.
type lessonRun struct {
	Lesson string `json:"lesson"`
	Task   string `json:"task"`
	Needs  string `json:"needs"`
	Before bool   `json:"before"`
	After  struct {
		OK      bool `json:"ok"`
		Results []struct {
			OK       bool   `json:"ok"`
			Expected string `json:"expected"`
			Found    string `json:"found"`
		} `json:"results"`
	} `json:"after"`
	Error string `json:"error"`
}

// probeThrottling answers whether the engine in the page throttles a
// 1-WCU table under 600 quick writes (issue 12); the probe's table is
// deleted afterwards.
const probeThrottling = `(async (db) => {
	await db.send("CreateTable", { TableName: "ThrottleProbe", BillingMode: "PROVISIONED",
		ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
		AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }], KeySchema: [{ AttributeName: "k", KeyType: "HASH" }] }); await db.waitForTable("ThrottleProbe");
	let throttled = 0;
	for (let i = 0; i < 600 && !throttled; i++) {
		try { await db.send("PutItem", { TableName: "ThrottleProbe", Item: { k: { S: "k" + i }, p: { S: "x".repeat(900) } } }); }
		catch (e) { if (e.name === "ProvisionedThroughputExceededException") throttled++; else throw e; }
	}
	await db.send("DeleteTable", { TableName: "ThrottleProbe" });
	return throttled > 0;
})(window.ddbplay)`

func TestLessons_SolutionsPassTheirChecks(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=lessons-solutions&persist=0")
	waitPlayground(t, ctx)
	var throttles bool
	evalAsync(t, ctx, probeThrottling, &throttles)
	var ids []string
	evalAsync(t, ctx, `fetch("/lessons/index.json").then((r) => r.json()).then((c) => c.lessons.map((l) => l.id))`, &ids)
	if len(ids) < 7 {
		t.Fatalf("the course has %d lessons, want at least 7", len(ids))
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			idJSON, _ := json.Marshal(id)
			runs := runLessonSolutions(t, ctx, `fetch("/lessons/" + `+string(idJSON)+` + ".json").then((r) => r.json())`)
			if len(runs) < 2 || len(runs) > 4 {
				t.Errorf("lesson %s has %d tasks, want 2 to 4", id, len(runs))
			}
			wantSolutionsPass(t, runs, throttles)
		})
	}
}

// The full lesson in the README follows the format and its solutions pass.
func TestLessons_READMEExamplePasses(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "<!-- lesson-example -->\n```json\n")
	example, _, ok2 := strings.Cut(after, "\n```")
	if !ok || !ok2 {
		t.Fatal("README.md has no lesson example after <!-- lesson-example -->")
	}
	ctx := newPage(t, "/test/host.html?space=readme-lesson&persist=0")
	waitPlayground(t, ctx)
	runs := runLessonSolutions(t, ctx, `Promise.resolve(`+example+`)`)
	if len(runs) != 2 {
		t.Fatalf("the example has %d tasks, want 2", len(runs))
	}
	wantSolutionsPass(t, runs, false)
}

// A lesson that waits for a backfilling index does not hang on a paused
// engine clock: waitForIndex steps the clock (the backfill takes 2 s of it
// here), and the clock stays paused.
func TestLessons_IndexesLessonWithPausedClock(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=lessons-paused&persist=0")
	waitPlayground(t, ctx)
	var before, after struct {
		Now    float64
		Paused bool
	}
	evalAsync(t, ctx, `window.ddbplay.clock("pause")`, &before)
	runs := runLessonSolutions(t, ctx, `fetch("/lessons/indexes.json").then((r) => r.json())`)
	wantSolutionsPass(t, runs, false)
	evalAsync(t, ctx, `window.ddbplay.clock()`, &after)
	if !after.Paused || after.Now-before.Now < 2000 {
		t.Errorf("engine clock after the lesson: paused %v, moved %v ms; want still paused, moved by the backfills (at least 2000 ms)", after.Paused, after.Now-before.Now)
	}
}

// runLessonSolutions validates the lesson that the JavaScript promise
// lessonJS resolves to, starts it, and for each task in order evaluates its
// checks, runs its solution and evaluates them again.
func runLessonSolutions(t *testing.T, ctx context.Context, lessonJS string) []lessonRun {
	t.Helper()
	var runs []lessonRun
	evalAsync(t, ctx, `(async () => {
		const m = await import("/app/lessons/checks.js");
		const runner = await import("/app/lessons/run.js");
		const db = window.ddbplay;
		const lesson = m.validateLesson(await `+lessonJS+`);
		await runner.startLesson(db, lesson);
		const rec = runner.recorder((op, input) => db.send(op, input));
		const out = [];
		for (const task of m.tasksOf(lesson)) {
			const run = { lesson: lesson.id, task: task.id, needs: task.needs || "" };
			try {
				run.before = (await m.evaluateTask(task, rec)).ok;
				await runner.runRequests((task.solution && task.solution.requests) || [], rec.send, { wait: runner.engineWait(db) });
				run.after = await m.evaluateTask(task, rec);
			} catch (e) {
				run.error = e.name + ": " + e.message;
			}
			out.push(run);
		}
		return out;
	})()`, &runs)
	return runs
}

// wantSolutionsPass fails each task whose checks passed before its
// solution or fail after it. A task that needs throttling is skipped,
// saying why, when the engine does not throttle.
func wantSolutionsPass(t *testing.T, runs []lessonRun, throttles bool) {
	t.Helper()
	for _, r := range runs {
		t.Run(r.Task, func(t *testing.T) {
			if r.Error != "" {
				t.Fatalf("running the solution: %s", r.Error)
			}
			if r.Needs == "throttling" && !throttles {
				t.Skip("SKIPPED, not passed: this task needs ProvisionedThroughputExceededException, and the engine does not throttle yet (issue 12)")
			}
			if r.Before {
				t.Errorf("the checks pass before the solution ran: they test nothing")
			}
			for _, c := range r.After.Results {
				if !c.OK {
					t.Errorf("check failed after the solution: expected %s; found %s", c.Expected, c.Found)
				}
				if strings.TrimSpace(c.Expected) == "" || strings.TrimSpace(c.Found) == "" {
					t.Errorf("a check reported no plain words: %+v", c)
				}
			}
			if !r.After.OK {
				t.Errorf("task %s/%s does not pass with its own solution", r.Lesson, r.Task)
			}
		})
	}
}

func TestLessons_CodeHasNoHTMLSinks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "static", "app", "lessons", "*.js"))
	if err != nil || len(files) < 5 {
		t.Fatalf("lesson files: %v %v", files, err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setHTMLUnsafe", "srcdoc", "DOMParser", "createContextualFragment"} {
			if strings.Contains(string(src), s) {
				t.Errorf("%s uses %s: lesson text must be built with DOM nodes only", filepath.Base(f), s)
			}
		}
	}
}

// The Markdown subset renders to these elements, and nothing else.
func TestLessons_MarkdownSubset(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=md&persist=0")
	waitPlayground(t, ctx)
	tests := []struct{ name, md, want string }{
		{"paragraphs join lines", "one\ntwo\n\nthree", "<p>one two</p><p>three</p>"},
		{"headings start below the pane's", "# A\n## B", "<h3>A</h3><h4>B</h4>"},
		{"inline", "**b** *i* `c <x>`", "<p><strong>b</strong> <em>i</em> <code>c &lt;x&gt;</code></p>"},
		{"lists", "- a\n- b\n\n1. c", "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>"},
		{"code block keeps text", "```\n<b>x</b>\n  y\n```", `<pre class="md-code" tabindex="0"><code>&lt;b&gt;x&lt;/b&gt;` + "\n  y</code></pre>"},
		{"https link", "[AWS](https://docs.aws.amazon.com/x)", `<p><a href="https://docs.aws.amazon.com/x" target="_blank" rel="noopener noreferrer">AWS</a></p>`},
		{"other schemes stay text", "[x](javascript:alert(1)) [y](/local)", "<p>[x](javascript:alert(1)) [y](/local)</p>"},
		{"html is text", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"note", "> careful", `<p class="md-note">careful</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md, _ := json.Marshal(tt.md)
			var got string
			evalAsync(t, ctx, `import("/app/lessons/markdown.js").then((m) => { const d = document.createElement("div"); d.append(m.render(`+string(md)+`)); return d.innerHTML; })`, &got)
			if got != tt.want {
				t.Errorf("render(%q)\n got %s\nwant %s", tt.md, got, tt.want)
			}
		})
	}
}

// A lesson that does not follow the format is refused with a message
// naming the place and the rule.
func TestLessons_ValidateRefusesMalformed(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=validate&persist=0")
	waitPlayground(t, ctx)
	ok := `{"format":"ddbplay-lesson/1","id":"x","title":"X","steps":[{"title":"S","text":"t","tasks":[{"id":"a","title":"A","checks":[{"kind":"tableMissing","table":"T"}]}]}]}`
	tests := []struct{ name, patch, want string }{
		{"valid", `(l) => l`, ""},
		{"format", `(l) => { l.format = "ddbplay-lesson/2"; return l; }`, `lesson: "format" must be "ddbplay-lesson/1"`},
		{"unknown kind", `(l) => { l.steps[0].tasks[0].checks[0].kind = "magic"; return l; }`, `lesson.steps[0].tasks[0].checks[0]: unknown check kind "magic"`},
		{"missing field", `(l) => { delete l.steps[0].tasks[0].checks[0].table; return l; }`, `tableMissing needs "table"`},
		{"extra field", `(l) => { l.steps[0].tasks[0].checks[0].tabel = "T"; return l; }`, `tableMissing has no field "tabel"`},
		{"duplicate task", `(l) => { l.steps.push({ title: "S2", text: "", tasks: [l.steps[0].tasks[0]] }); return l; }`, `task id a is used twice`},
		{"bad repeat", `(l) => { l.start = { setup: [{ op: "PutItem", input: {}, repeat: 1e9 }] }; return l; }`, `lesson.start.setup[0]: "repeat" must be a whole number from 1 to 2000`},
		{"no checks", `(l) => { l.steps[0].tasks[0].checks = []; return l; }`, `a task needs 1–20 "checks"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			evalAsync(t, ctx, `import("/app/lessons/checks.js").then((m) => { try { m.validateLesson((`+tt.patch+`)(`+ok+`)); return ""; } catch (e) { return e.name + ": " + e.message; } })`, &got)
			if tt.want == "" && got != "" || tt.want != "" && (!strings.HasPrefix(got, "LessonError: ") || !strings.Contains(got, tt.want)) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// Random Markdown and random damage to a valid lesson, with a seeded
// generator (the same cases every run): render never throws and builds
// only the subset's elements, with http(s) links only; validateLesson
// either accepts or throws a LessonError, never anything else.
func TestLessons_RandomInputsStaySafe(t *testing.T) {
	ctx := newPage(t, "/test/host.html?space=random&persist=0")
	waitPlayground(t, ctx)
	var bad []string
	evalAsync(t, ctx, `(async () => {
		const md = await import("/app/lessons/markdown.js");
		const ck = await import("/app/lessons/checks.js");
		let seed = 12345;
		const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
		const atoms = ["# ", "## ", "- ", "1. ", "> ", "`+"```"+`", "\n", "\n\n", "**", "*", "`+"`"+`", "[a](", "https://x.test/p", "javascript:alert(1)", ")", "]", "<script>alert(1)</script>",
			"<img src=x onerror=alert(1)>", "text ", "&amp;", "\u0000", "\r\n", "   ", "(", "[", "data:text/html,<b>"];
		const allowed = new Set(["P", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "PRE", "CODE", "STRONG", "EM", "A"]);
		const bad = [];
		for (let i = 0; i < 3000; i++) {
			let s = "";
			for (let j = rnd(40); j > 0; j--) s += atoms[rnd(atoms.length)];
			try {
				const d = document.createElement("div");
				d.append(md.render(s));
				for (const el of d.querySelectorAll("*")) {
					if (!allowed.has(el.tagName)) bad.push("element " + el.tagName + " from " + JSON.stringify(s));
					if (el.tagName === "A" && !/^https?:\/\//.test(el.getAttribute("href"))) bad.push("link " + el.getAttribute("href"));
				}
			} catch (e) {
				bad.push("render threw " + e + " on " + JSON.stringify(s));
			}
		}
		const base = await (await fetch("/lessons/indexes.json")).json();
		const junk = [null, 0, -1, 1e9, "", "x", "<script>", [], {}, [null], { kind: "itemHas" }, true];
		const paths = [];
		const walk = (v, p) => { paths.push(p); if (v && typeof v === "object") for (const k of Object.keys(v)) walk(v[k], [...p, k]); };
		walk(base, []);
		for (let i = 0; i < 3000; i++) {
			const l = structuredClone(base);
			const p = paths[1 + rnd(paths.length - 1)];
			let o = l;
			for (const k of p.slice(0, -1)) o = o[k];
			if (rnd(4) === 0) delete o[p[p.length - 1]]; else o[p[p.length - 1]] = structuredClone(junk[rnd(junk.length)]);
			try { ck.validateLesson(l); } catch (e) { if (!(e instanceof ck.LessonError)) bad.push("validateLesson threw " + e + " at " + p.join(".")); }
		}
		return bad.slice(0, 20);
	})()`, &bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// lessons/index.json lists every lesson file with its own id, title,
// summary and number of tasks, in the course's order.
func TestLessons_IndexMatchesTheFiles(t *testing.T) {
	dir := filepath.Join(repoRoot, "static", "lessons")
	var index struct {
		Format  string
		Lessons []struct {
			ID, Title, Summary, URL string
			Tasks                   int
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	if index.Format != "ddbplay-course/1" {
		t.Errorf("format = %q", index.Format)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(index.Lessons) != len(files)-1 || len(index.Lessons) < 7 {
		t.Errorf("index lists %d lessons, the directory has %d lesson files; want them equal and at least 7", len(index.Lessons), len(files)-1)
	}
	for _, e := range index.Lessons {
		var l struct {
			ID, Title, Summary string
			Steps              []struct{ Tasks []json.RawMessage }
		}
		data, err := os.ReadFile(filepath.Join(dir, e.URL))
		if err != nil {
			t.Errorf("%s: %v", e.ID, err)
			continue
		}
		if err := json.Unmarshal(data, &l); err != nil {
			t.Errorf("%s: %v", e.URL, err)
			continue
		}
		n := 0
		for _, s := range l.Steps {
			n += len(s.Tasks)
		}
		if l.ID != e.ID || l.Title != e.Title || l.Summary != e.Summary || n != e.Tasks || e.URL != e.ID+".json" {
			t.Errorf("index entry %+v does not match %s (id %q, title %q, %d tasks)", e, e.URL, l.ID, l.Title, n)
		}
	}
}

package browsertest

import (
	"encoding/json"
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
		AttributeDefinitions: [{ AttributeName: "k", AttributeType: "S" }], KeySchema: [{ AttributeName: "k", KeyType: "HASH" }] });
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
			var runs []lessonRun
			evalAsync(t, ctx, `(async () => {
				const m = await import("/app/lessons/checks.js");
				const db = window.ddbplay;
				const lesson = m.validateLesson(await (await fetch("/lessons/" + `+string(idJSON)+` + ".json")).json());
				await m.startLesson(db, lesson);
				const rec = m.recorder((op, input) => db.send(op, input));
				const out = [];
				for (const task of m.tasksOf(lesson)) {
					const run = { lesson: lesson.id, task: task.id, needs: task.needs || "" };
					try {
						run.before = (await m.evaluateTask(task, rec)).ok;
						await m.runRequests((task.solution && task.solution.requests) || [], rec.send);
						run.after = await m.evaluateTask(task, rec);
					} catch (e) {
						run.error = e.name + ": " + e.message;
					}
					out.push(run);
				}
				return out;
			})()`, &runs)
			if len(runs) < 2 || len(runs) > 4 {
				t.Errorf("lesson %s has %d tasks, want 2 to 4", id, len(runs))
			}
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
		})
	}
}

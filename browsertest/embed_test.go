package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// embed.html in an iframe of a tutorial page served by a second local
// server (another origin, not cross-origin isolated), driven through the
// documented postMessage API.

// embedHostPage is the tutorial page: it frames embed.html, sizes the
// iframe from the "height" messages and records every ddbplay message.
const embedHostPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A tutorial</title></head>
<body>
<h1>A tutorial about DynamoDB</h1>
<p>Try it below.</p>
<iframe id="pg" src="%s/embed.html?lesson=basics" title="DynamoDB playground" style="width:100%%;border:1px solid #ccc;height:150px"></iframe>
<script>
window.msgs = [];
window.heights = [];
addEventListener("message", (e) => {
  if (!e.data || e.data.source !== "ddbplay") return;
  window.msgs.push({ origin: e.origin, ...e.data });
  if (e.data.type === "height") {
    window.heights.push(e.data.height);
    document.getElementById("pg").style.height = e.data.height + "px";
  }
});
window.ask = (msg) => new Promise((resolve) => {
  const id = Math.random().toString(36).slice(2);
  const seen = window.msgs.length;
  const tick = () => {
    const m = window.msgs.slice(seen).find((x) => x.id === id);
    if (m) resolve(m); else setTimeout(tick, 10);
  };
  document.getElementById("pg").contentWindow.postMessage({ ...msg, id }, %q);
  tick();
});
</script>
</body></html>`

func TestEmbed_CrossOriginLessonAndHeight(t *testing.T) {
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, embedHostPage, siteURL, siteURL)
	}))
	defer host.Close()
	if host.URL == siteURL {
		t.Fatal("the host page must come from another origin")
	}
	ctx := newBrowser(t)
	uiRun(t, ctx, "1280 px viewport", chromedp.EmulateViewport(1280, 900))
	navigate(t, ctx, host.URL+"/")
	uiWait(t, ctx, "the embed's ready message", `window.msgs.some((m) => m.type === "ready")`)
	var ready struct {
		Origin, Channel, Lesson string
		Isolated                bool
	}
	evalAsync(t, ctx, `(() => { const m = window.msgs.find((m) => m.type === "ready"); return { Origin: m.origin, Channel: m.channel, Lesson: m.lesson, Isolated: window.crossOriginIsolated }; })()`, &ready)
	if ready.Origin != siteURL || ready.Lesson != "basics" {
		t.Errorf("ready = %+v, want from %s with lesson basics", ready, siteURL)
	}
	if ready.Isolated || ready.Channel != "message" {
		t.Errorf("on a page that is not cross-origin isolated the engine uses %q (host isolated %v), want the message channel", ready.Channel, ready.Isolated)
	}
	uiWait(t, ctx, "a height report", `window.heights.length > 0 && window.heights[window.heights.length - 1] > 300`)
	var first int
	evalAsync(t, ctx, `window.heights[window.heights.length - 1]`, &first)
	var frameHeight float64
	evalAsync(t, ctx, `document.getElementById("pg").getBoundingClientRect().height`, &frameHeight)
	if int(frameHeight) < first {
		t.Errorf("the iframe is %v px high, want the reported %d", frameHeight, first)
	}

	// A wrong answer first: checked from the host, it fails with words.
	var res struct {
		Type, Task string
		OK         bool
		Results    []struct {
			OK              bool
			Expected, Found string
		}
		Output map[string]any
		Error  *struct{ Name, Message string }
	}
	evalAsync(t, ctx, `ask({ type: "ddbplay:check", task: "put-biscuit" })`, &res)
	if res.Type != "checked" || res.OK || len(res.Results) != 1 || res.Results[0].Found != "no such item" {
		t.Errorf("checking before answering = %+v, want a failed check that found no such item", res)
	}
	// The learner's answers, sent by the host page.
	for _, req := range []string{
		`{ TableName: "Pets", Item: { Owner: { S: "mia" }, Name: { S: "Biscuit" }, Species: { S: "dog" }, Age: { N: "3" }, Tags: { SS: ["good", "loud"] } } }`,
		`{ TableName: "Pets", Item: { Owner: { S: "tomas" }, Name: { S: "Pebble" }, Vet: { M: { Name: { S: "Dr Okafor" }, Phone: { S: "555-0142" } } }, Walks: { L: [{ N: "7" }, { N: "18" }] } } }`,
	} {
		res.Error = nil
		evalAsync(t, ctx, `ask({ type: "ddbplay:send", op: "PutItem", input: `+req+` })`, &res)
		if res.Type != "result" || res.Error != nil {
			t.Fatalf("PutItem from the host: %+v", res)
		}
	}
	evalAsync(t, ctx, `ask({ type: "ddbplay:send", op: "PutItem", input: { TableName: "Pets", Item: { Owner: { S: "mia" }, Name: { S: "Huge" }, Photo: { S: "x".repeat(420000) } } } })`, &res)
	if res.Error == nil || res.Error.Name != "ValidationException" || !strings.Contains(res.Error.Message, "Item size has exceeded the maximum allowed size") {
		t.Errorf("a 420 KB item: %+v, want DynamoDB's ValidationException", res.Error)
	}
	for _, task := range []string{"put-biscuit", "put-pebble", "too-large"} {
		evalAsync(t, ctx, `ask({ type: "ddbplay:check", task: "`+task+`" })`, &res)
		if !res.OK {
			t.Errorf("task %s checked from the host: %+v", task, res.Results)
		}
	}
	var unknown struct{ Type, Message string }
	evalAsync(t, ctx, `ask({ type: "ddbplay:fly" })`, &unknown)
	if unknown.Type != "error" || !strings.Contains(unknown.Message, "unknown message type") {
		t.Errorf("an unknown message: %+v", unknown)
	}
	uiScreenshot(t, ctx, "embed-host-1280")
	uiRun(t, ctx, "390 px viewport", chromedp.EmulateViewport(390, 844))
	// The text wraps in a narrow frame: the frame reports a greater height.
	uiWait(t, ctx, "a height report for the narrow page", fmt.Sprintf(`window.heights[window.heights.length - 1] > %d`, first))
	uiScreenshot(t, ctx, "embed-host-390")
}

// embed.html starts from a snapshot file of the site or a setup list, and
// refuses a snapshot from elsewhere with a clear message.
func TestEmbed_SnapshotAndSetup(t *testing.T) {
	setup := url.QueryEscape(`[{"op":"CreateTable","input":{"TableName":"Tab","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}]}},{"op":"PutItem","input":{"TableName":"Tab","Item":{"k":{"S":"k${i}"}}},"repeat":5}]`)
	for _, tt := range []struct{ name, query, want string }{
		{"snapshot", "?snapshot=samples/music.json", "Music"},
		{"setup", "?console=0&setup=" + setup, "Tab:5"},
		{"foreign snapshot", "?snapshot=https://example.com/x.json", "This embed cannot start: snapshot must be a file of this site"},
		{"bad setup", "?setup=" + url.QueryEscape(`[{"op":"x"}]`), `This embed cannot start: setup[0]: a request needs an "op" (a DynamoDB operation name)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newPage(t, "/embed.html"+tt.query)
			uiWait(t, ctx, "the embed", `document.body.dataset.ready`)
			var got string
			evalAsync(t, ctx, `(async () => {
				if (document.body.dataset.ready !== "true") return document.getElementById("boot-status").textContent;
				const names = (await window.ddbplay.send("ListTables", {})).TableNames;
				if (!names.includes("Tab")) return names.join(",");
				return "Tab:" + (await window.ddbplay.send("Scan", { TableName: "Tab", Select: "COUNT" })).Count;
			})()`, &got)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q in it", got, tt.want)
			}
			var console bool
			evalAsync(t, ctx, `!!document.getElementById("embed-send")`, &console)
			if console != (tt.name == "snapshot") {
				t.Errorf("request box shown = %v", console)
			}
		})
	}
}

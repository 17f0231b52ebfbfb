package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine"
)

// adminServer serves a fresh DB (clock at a fixed time) with NewServer and
// no site, as `ddbplay` does without --site.
func adminServer(t *testing.T) (*httptest.Server, *engine.DB) {
	t.Helper()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db := engine.New(engine.Options{Now: func() time.Time { return start }})
	srv := httptest.NewServer(NewServer(db, nil))
	t.Cleanup(srv.Close)
	return srv, db
}

// call sends method path body and decodes the JSON answer into out (when
// not nil), returning the status.
func call(t *testing.T, srv *httptest.Server, method, path, body string, out any) int {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if strings.HasPrefix(body, "{\"TableName") {
		req.Header.Set("X-Amz-Target", "DynamoDB_20120810.CreateTable")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode == 200 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	if strings.HasPrefix(path, AdminPrefix) && res.StatusCode == 200 && res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%s %s: Content-Type %q", method, path, res.Header.Get("Content-Type"))
	}
	return res.StatusCode
}

func TestAdmin_Clock(t *testing.T) {
	srv, db := adminServer(t)
	var st struct {
		Now    int64 `json:"now"`
		Paused bool  `json:"paused"`
		Speed  int   `json:"speed"`
	}
	call(t, srv, "POST", "/_ddbplay/clock", `{"pause":true}`, &st)
	if !st.Paused || st.Speed != 1 {
		t.Fatalf("after pause: %+v", st)
	}
	before := st.Now
	call(t, srv, "POST", "/_ddbplay/clock", `{"stepSeconds":90.5}`, &st)
	if st.Now-before != 90500 || db.Now().UnixMilli() != st.Now {
		t.Fatalf("step 90.5 s moved the clock by %d ms (engine at %d, admin %d)", st.Now-before, db.Now().UnixMilli(), st.Now)
	}
	call(t, srv, "POST", "/_ddbplay/clock", `{"speed":100,"resume":true}`, &st)
	if st.Paused || st.Speed != 100 {
		t.Fatalf("after resume at ×100: %+v", st)
	}
	for _, bad := range []string{`{"speed":0}`, `{"speed":1001}`, `{"stepSeconds":-1}`, `{"nope":1}`, `not json`} {
		if code := call(t, srv, "POST", "/_ddbplay/clock", bad, nil); code != 400 {
			t.Errorf("POST clock %s: status %d, want 400", bad, code)
		}
	}
	if s := db.Clock().State(); s.Speed != 100 {
		t.Fatalf("a refused request changed the speed to %d", s.Speed)
	}
}

func TestAdmin_SettingsAndCapacity(t *testing.T) {
	srv, db := adminServer(t)
	var set struct {
		Throttle     bool    `json:"throttle"`
		ReplicaLagMs float64 `json:"replicaLagMs"`
	}
	call(t, srv, "GET", "/_ddbplay/settings", "", &set)
	if set.Throttle || set.ReplicaLagMs != 0 {
		t.Fatalf("native defaults: %+v, want throttling off and no lag", set)
	}
	call(t, srv, "POST", "/_ddbplay/settings", `{"throttle":true,"replicaLagMs":250}`, &set)
	if !set.Throttle || set.ReplicaLagMs != 250 || !db.Throttle() || db.ReplicaLag() != 250*time.Millisecond {
		t.Fatalf("after POST: %+v", set)
	}
	if code := call(t, srv, "POST", "/_ddbplay/settings", `{"replicaLagMs":-5}`, nil); code != 400 {
		t.Fatalf("negative lag: status %d", code)
	}
	if code := call(t, srv, "POST", "/", `{"TableName":"Music","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`, nil); code != 200 {
		t.Fatalf("CreateTable: %d", code)
	}
	var capa struct {
		Throttle bool `json:"throttle"`
		Tables   []struct {
			Table     string `json:"table"`
			Resources []struct {
				BillingMode string `json:"billingMode"`
				Partitions  []struct {
					ID int `json:"id"`
				} `json:"partitions"`
			} `json:"resources"`
		} `json:"tables"`
	}
	call(t, srv, "GET", "/_ddbplay/capacity?table=Music", "", &capa)
	if !capa.Throttle || len(capa.Tables) != 1 || capa.Tables[0].Resources[0].BillingMode != "PAY_PER_REQUEST" ||
		len(capa.Tables[0].Resources[0].Partitions) != 8 {
		t.Fatalf("capacity %+v", capa)
	}
	if code := call(t, srv, "GET", "/_ddbplay/capacity?table=Nope", "", nil); code != 400 {
		t.Fatalf("unknown table: status %d, want 400", code)
	}
	var part struct {
		Partition *int `json:"partition"`
	}
	call(t, srv, "GET", "/_ddbplay/partition?table=Music&key="+url.QueryEscape(`{"S":"a"}`), "", &part)
	if part.Partition == nil || *part.Partition < 0 || *part.Partition > 7 {
		t.Fatalf("partition %+v", part)
	}
	if code := call(t, srv, "GET", "/_ddbplay/partition?table=Music&key="+url.QueryEscape(`{"BOOL":true}`), "", nil); code != 400 {
		t.Fatalf("BOOL key: status %d, want 400", code)
	}
	if code := call(t, srv, "GET", "/_ddbplay/partition?table=Music&key=nope", "", nil); code != 400 {
		t.Fatalf("malformed key: status %d, want 400", code)
	}
	if code := call(t, srv, "GET", "/_ddbplay/nothing", "", nil); code != 404 {
		t.Fatalf("unknown path: %d", code)
	}
	if code := call(t, srv, "PUT", "/_ddbplay/clock", "", nil); code != 405 {
		t.Fatalf("PUT clock: %d", code)
	}
}

// FuzzAdmin: any body or key answers 200 or 400 with JSON, never panics.
func FuzzAdmin(f *testing.F) {
	for _, s := range []string{`{"pause":true}`, `{"stepSeconds":1.5,"speed":10}`, `{"throttle":true,"replicaLagMs":500}`,
		`{"S":"a"}`, `{"N":"1e2"}`, `{"B":"AAE="}`, `{"BOOL":true}`, `{`, `null`, `[]`, `{"stepSeconds":1e308}`} {
		f.Add(s)
	}
	db := engine.New(engine.Options{})
	db.Clock().Pause()
	if _, err := db.Handle("CreateTable", []byte(`{"TableName":"Fuzz","BillingMode":"PAY_PER_REQUEST",
		"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`)); err != nil {
		f.Fatal(err)
	}
	h := NewServer(db, nil)
	f.Fuzz(func(t *testing.T, s string) {
		for _, req := range []*http.Request{
			httptest.NewRequest("POST", "/_ddbplay/clock", strings.NewReader(s)),
			httptest.NewRequest("POST", "/_ddbplay/settings", strings.NewReader(s)),
			httptest.NewRequest("GET", "/_ddbplay/partition?table=Fuzz&key="+url.QueryEscape(s), nil),
		} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != 200 && w.Code != 400 {
				t.Fatalf("%s %s: status %d", req.Method, req.URL, w.Code)
			}
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("%s %s: body %q is not JSON", req.Method, req.URL, w.Body.Bytes())
			}
		}
		db.SetReplicaLag(0)
		db.SetThrottle(false)
	})
}

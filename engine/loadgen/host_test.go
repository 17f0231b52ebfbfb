package loadgen

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// answer is Host.Call's answer, as the page reads it.
type answer struct {
	Done   bool    `json:"done"`
	Played float64 `json:"played"`
	Slice  *struct {
		From      int64 `json:"from"`
		Requests  []int `json:"requests"`
		Throttled []int `json:"throttled"`
		Resources []struct {
			Name          string    `json:"name"`
			Provisioned   [2]int64  `json:"provisioned"`
			ConsumedWrite []float64 `json:"consumedWrite"`
		} `json:"resources"`
		Partitions []struct {
			ID       int   `json:"id"`
			Requests []int `json:"requests"`
		} `json:"partitions"`
	} `json:"slice"`
	Summary struct {
		Requests      int            `json:"requests"`
		Puts          int            `json:"puts"`
		Writes        int            `json:"writes"`
		Throttled     int            `json:"throttled"`
		Reasons       map[string]int `json:"reasons"`
		FirstThrottle *struct {
			Op     string `json:"op"`
			Body   string `json:"body"`
			Error  string `json:"error"`
			Status int    `json:"status"`
		} `json:"firstThrottle"`
		HotKey       map[string]any `json:"hotKey"`
		HotPartition *struct {
			ID int `json:"id"`
		} `json:"hotPartition"`
		Seconds int      `json:"seconds"`
		Advice  []string `json:"advice"`
	} `json:"summary"`
}

func call(t *testing.T, h *Host, db *engine.DB, req string) answer {
	t.Helper()
	b, err := h.Call(db, []byte(req))
	if err != nil {
		t.Fatalf("Call(%s): %v", req, err)
	}
	var a answer
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("answer %s: %v", b, err)
	}
	return a
}

func TestHost_PlaysALoadInSlices(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Hot", pk: "id", pkType: "S", rcu: 5, wcu: 5})
	var h Host
	a := call(t, &h, db, `{"spec":{"table":"Hot","reads":0,"rps":10,"seconds":30,"itemBytes":1000,"keys":1000,"dist":"hot","unknown":[1]},"seconds":20}`)
	if a.Done || a.Played != 20 || a.Slice == nil || len(a.Slice.Requests) != 20 || a.Summary.Requests != 200 || a.Summary.Seconds != 30 {
		t.Fatalf("first slice: %+v", a)
	}
	if r := a.Slice.Resources[0]; r.Name != "Hot" || r.Provisioned != [2]int64{5, 5} || len(r.ConsumedWrite) != 20 {
		t.Errorf("table series %+v", r)
	}
	if p := a.Slice.Partitions; len(p) != 1 || p[0].ID != 0 || len(p[0].Requests) != 20 {
		t.Errorf("partition series %+v", p)
	}
	a = call(t, &h, db, `{"seconds":20}`)
	if !a.Done || a.Played != 30 || len(a.Slice.Requests) != 10 || a.Summary.Requests != 300 || a.Summary.Puts != 300 || a.Summary.Writes != 300 {
		t.Fatalf("second slice: done %v, played %v, summary %+v", a.Done, a.Played, a.Summary)
	}
	ft := a.Summary.FirstThrottle
	if a.Summary.Throttled == 0 || ft == nil || ft.Op != "PutItem" || ft.Status != 400 {
		t.Fatalf("throttles: %d, first %+v", a.Summary.Throttled, ft)
	}
	// The first throttled request is DynamoDB JSON that runs as it is.
	if _, err := db.Handle(ft.Op, []byte(ft.Body)); err != nil && !strings.Contains(err.Error(), "ProvisionedThroughputExceeded") {
		t.Errorf("the first throttled request %s does not run: %v", ft.Body, err)
	}
	if !strings.Contains(ft.Error, `"reason":"TableWriteProvisionedThroughputExceeded"`) {
		t.Errorf("first throttle's error %s", ft.Error)
	}
	if a.Summary.HotPartition == nil || a.Summary.HotPartition.ID != 0 || a.Summary.HotKey["count"] != 300.0 {
		t.Errorf("hot key %v, partition %+v", a.Summary.HotKey, a.Summary.HotPartition)
	}
	// Nothing more to play: the summary again, no slice.
	if a = call(t, &h, db, `{}`); a.Slice != nil || a.Summary.Requests != 300 {
		t.Errorf("after the end: %+v", a)
	}
	// A call sends at most MaxRequests requests' worth of whole seconds.
	h.MaxRequests = 25
	call(t, &h, db, `{"spec":{"table":"Hot","rps":10,"seconds":30,"itemBytes":1000,"keys":1000,"dist":"hot"}}`)
	if a := call(t, &h, db, `{"seconds":30}`); a.Played != 2 || a.Summary.Requests != 20 {
		t.Errorf("with MaxRequests 25: played %v s, %d requests; want 2 s, 20", a.Played, a.Summary.Requests)
	}
	call(t, &h, db, `{"spec":{"table":"Hot","rps":100,"seconds":30,"itemBytes":1000,"keys":1000,"dist":"hot"}}`)
	if a := call(t, &h, db, `{"seconds":30}`); a.Played != 1 || a.Summary.Requests != 100 {
		t.Errorf("with MaxRequests 25 at 100/s: played %v s, %d requests; want 1 s, 100", a.Played, a.Summary.Requests)
	}
}

func TestHost_Errors(t *testing.T) {
	db := newDB(t)
	create(t, db, tableSpec{name: "Tab", pk: "id", pkType: "S"})
	var h Host
	cases := []struct {
		req, typ, msg string
	}{
		{`{"seconds":1}`, ddberr.TypeValidation, msgNoRun},
		{`{"spec":{"table":"Tab","rps":10,"seconds":10,"itemBytes":10,"keys":0}}`, ddberr.TypeValidation, msgKeys},
		{`{"spec":{"table":"Nope","rps":10,"seconds":10,"itemBytes":10,"keys":1}}`, ddberr.TypeResourceNotFound, "Requested resource not found"},
		{`{"spec":{"table":"Tab","rps":"10"}}`, ddberr.TypeValidation, msgSpecJSON},
		{`{"spec":{"table":"Tab","rps":10,"seconds":1.5,"itemBytes":10,"keys":1}}`, ddberr.TypeValidation, msgSeconds},
		{`{"spec":{"table":"Tab","rps":10,"seconds":10,"itemBytes":1e12,"keys":1}}`, ddberr.TypeValidation, msgItemBytes},
		{`{"spec":{"table":"Tab","rps":10,"seconds":10,"itemBytes":10,"keys":2.5}}`, ddberr.TypeValidation, msgKeys},
		{`{"seconds":-1}`, ddberr.TypeValidation, msgSeconds},
		{`[1]`, ddberr.TypeValidation, msgSpecJSON},
		{`{"seconds":1`, ddberr.TypeValidation, msgSpecJSON},
		{``, ddberr.TypeValidation, msgSpecJSON},
	}
	for _, c := range cases {
		_, err := h.Call(db, []byte(c.req))
		var e *ddberr.Error
		if !errors.As(err, &e) || e.Type != c.typ || !strings.HasPrefix(e.Message, c.msg) {
			t.Errorf("Call(%s) = %v, want %s %q", c.req, err, c.typ, c.msg)
		}
	}
	// A load on a DB that the host replaced is dropped.
	call(t, &h, db, `{"spec":{"table":"Tab","rps":10,"seconds":10,"itemBytes":10,"keys":1}}`)
	other := newDB(t)
	_, err := h.Call(other, []byte(`{"seconds":1}`))
	if e := ddberr.As(err); e.Type != ddberr.TypeValidation || e.Message != msgDBChanged {
		t.Errorf("after the DB changed: %v", err)
	}
	if _, err := h.Call(db, []byte(`{"seconds":1}`)); ddberr.As(err).Message != msgNoRun {
		t.Errorf("the dropped load still plays: %v", err)
	}
}

// FuzzHost_Call: any request is answered with JSON or a DynamoDB error,
// never a panic.
func FuzzHost_Call(f *testing.F) {
	f.Add([]byte(`{"spec":{"table":"Fuzz","reads":0.5,"queries":0.5,"updates":0.5,"rps":50,"seconds":3,"itemBytes":100,"keys":10,"sortKeys":3,"dist":"zipf","consistent":true,"seed":3,"ticks":5},"seconds":2}`))
	f.Add([]byte(`{"spec":{"table":"Fuzz","rps":1,"seconds":1,"itemBytes":1,"keys":1,"dist":"hot"},"seconds":1}`))
	f.Add([]byte(`{"seconds":1}`))
	f.Add([]byte(`{"spec":{"table":"Fuzz","rps":1e999}}`))
	f.Add([]byte(`{"spec":null,"seconds":null}`))
	f.Add([]byte(`{"spec":{"seed":-1,"ticks":0}}`))
	db := newDB(f)
	create(f, db, tableSpec{name: "Fuzz", pk: "pk", pkType: "N", sk: "sk", skType: "B"})
	f.Fuzz(func(t *testing.T, req []byte) {
		h := Host{MaxRequests: 500}
		b, err := h.Call(db, req)
		if err != nil {
			if e := ddberr.As(err); e.Type != ddberr.TypeValidation && e.Type != ddberr.TypeResourceNotFound {
				t.Fatalf("Call(%q): %v", req, err)
			}
			return
		}
		if !json.Valid(b) {
			t.Fatalf("Call(%q) answered invalid JSON %s", req, b)
		}
	})
}

func TestReadFloat(t *testing.T) {
	cases := map[string]float64{"0": 0, "1": 1, "0.5": 0.5, "-2.25": -2.25, "1000": 1000, "1e3": 1000, "2.5E-1": 0.25,
		"100000.000": 100000, "0.333": 0.333, "12345678901234567890": 12345678901234567890, "1e999": math.Inf(1), "1e-999": 0}
	for text, want := range cases {
		var r wire.Reader
		r.Reset([]byte(text))
		var got float64
		readFloat(&r, &got)
		if err := r.End(); err != nil || (got != want && math.Abs(got-want) > 1e-12*math.Abs(want)) {
			t.Errorf("readFloat(%s) = %v, %v; want %v", text, got, err, want)
		}
	}
}

package engine

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// errorOf decodes a DynamoDB error body into its __type and message.
func errorOf(t *testing.T, body []byte) (typ, msg string) {
	t.Helper()
	var e struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	return e.Type, e.Message
}

func TestServe_PanicIsInternalServerError(t *testing.T) {
	var panics []string
	db := New(Options{OnPanic: func(op string, _ any, stack []byte) {
		if len(stack) == 0 {
			t.Error("OnPanic got no stack")
		}
		panics = append(panics, op)
	}})
	status, body, wrote := db.NewHost().serve(nil, "Boom", nil, func([]byte, string, []byte) ([]byte, error) { panic("boom") })
	typ, msg := errorOf(t, body)
	if status != 500 || typ != ddberr.Namespace(ddberr.TypeInternalServerError)+ddberr.TypeInternalServerError || msg != msgInternal || wrote {
		t.Errorf("panic: %d %s %q wrote=%v; want 500 InternalServerError %q wrote=false", status, typ, msg, wrote, msgInternal)
	}
	if len(panics) != 1 || panics[0] != "Boom" {
		t.Errorf("panics reported = %v, want [Boom]", panics)
	}
}

func TestServe_ExpireSweeps(t *testing.T) {
	var panics int
	db := New(Options{OnPanic: func(string, any, []byte) { panics++ }})
	sweeps := 0
	h := db.NewHost()
	h.expire = func() int {
		sweeps++
		if sweeps == 2 {
			panic("sweep failed")
		}
		return 0
	}
	echo := func(dst []byte, _ string, body []byte) ([]byte, error) { return append(dst, body...), nil }
	for range 3 {
		h.serve(nil, "Echo", []byte(`{}`), echo)
	}
	if sweeps != 1 {
		t.Errorf("%d sweeps within a second, want 1", sweeps)
	}
	h.sweep.last.Store(time.Now().Add(-sweepEvery).UnixNano())
	status, _, _ := h.serve(nil, "Echo", []byte(`{}`), echo)
	if sweeps != 2 || status != 500 || panics != 1 {
		t.Errorf("panicking sweep: sweeps %d, status %d, panics %d; want 2, 500, 1", sweeps, status, panics)
	}
}

func TestServe_Wrote(t *testing.T) {
	db := New(Options{})
	steps := []struct {
		op, body   string
		wantStatus int
		wantWrote  bool
	}{
		{"CreateTable", `{"TableName":"tbl","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`, 200, true},
		{"DescribeTable", `{"TableName":"tbl"}`, 200, false},
		{"PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"}}}`, 200, true},
		{"GetItem", `{"TableName":"tbl","Key":{"pk":{"S":"a"}}}`, 200, false},
		{"PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}`, 400, false},
		{"PutItem", `{"TableName":"nope","Item":{"pk":{"S":"a"}}}`, 400, false},
		{"Scan", `{"TableName":"tbl"}`, 200, false},
		{"TagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/tbl","Tags":[{"Key":"k","Value":"v"}]}`, 200, true},
		{"ListTagsOfResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/tbl"}`, 200, false},
		{"ListBackups", `{}`, 400, false},
		{"DeleteItem", `{"TableName":"tbl","Key":{"pk":{"S":"a"}}}`, 200, true},
		{"DeleteTable", `{"TableName":"tbl"}`, 200, true},
	}
	for _, s := range steps {
		status, body, wrote := db.Serve(s.op, []byte(s.body))
		if status != s.wantStatus || wrote != s.wantWrote {
			t.Errorf("%s %s: status %d wrote=%v (%s); want %d wrote=%v", s.op, s.body, status, wrote, body, s.wantStatus, s.wantWrote)
		}
		waitIfCreate(t, db, s.op, s.body)
	}
}

func TestServe_WroteBySweep(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	db := New(Options{Now: func() time.Time { return now }})
	for _, s := range [][2]string{
		{"CreateTable", `{"TableName":"tbl","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}`},
		{"UpdateTimeToLive", `{"TableName":"tbl","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`},
		{"PutItem", `{"TableName":"tbl","Item":{"pk":{"S":"a"},"exp":{"N":"1600000000"}}}`},
	} {
		if status, body, _ := db.Serve(s[0], []byte(s[1])); status != 200 {
			t.Fatalf("%s: %d %s", s[0], status, body)
		}
		waitIfCreate(t, db, s[0], s[1])
	}
	db.host.sweep.last.Store(time.Now().Add(-sweepEvery).UnixNano())
	status, body, wrote := db.Serve("GetItem", []byte(`{"TableName":"tbl","Key":{"pk":{"S":"a"}}}`))
	if status != 200 || string(body) != "{}" || !wrote {
		t.Errorf("GetItem after expiry: %d %s wrote=%v; want 200 {} wrote=true (the sweep deleted the item)", status, body, wrote)
	}
}

func TestErrorBody(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantType   string
	}{
		{"validation", ddberr.Validation("bad"), 400, ddberr.TypeValidation},
		{"status zero", &ddberr.Error{Type: "X", Message: "y"}, 400, "X"},
		{"internal", ddberr.Internal("x"), 500, ddberr.TypeInternalServerError},
		{"fields that do not marshal", ddberr.Validation("bad").With("Item", func() {}), 400, ddberr.TypeValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := ErrorBody(tt.err)
			typ, _ := errorOf(t, body)
			if status != tt.wantStatus || typ != ddberr.Namespace(tt.wantType)+tt.wantType {
				t.Errorf("ErrorBody = %d %s, want %d %s", status, body, tt.wantStatus, tt.wantType)
			}
		})
	}
}

func TestServeAppend_AppendsToBuffer(t *testing.T) {
	h := New(Options{}).NewHost()
	dst := []byte("prefix")
	status, resp, _ := h.ServeAppend(dst, "ListTables", []byte(`{}`))
	if status != 200 || string(resp) != `prefix{"TableNames":[]}` {
		t.Errorf("ListTables: %d %q, want 200 %q", status, resp, `prefix{"TableNames":[]}`)
	}
	status, resp, _ = h.ServeAppend(dst, "DescribeTable", []byte(`{"TableName":"missing"}`))
	if status != 400 || !strings.HasPrefix(string(resp), "prefix{") {
		t.Fatalf("DescribeTable of a missing table: %d %q, want 400 and the error body after the prefix", status, resp)
	}
	if typ, _ := errorOf(t, resp[len(dst):]); typ != ddberr.TypePrefix+ddberr.TypeResourceNotFound {
		t.Errorf("error type %s, want ResourceNotFoundException", typ)
	}
	status, resp, _ = h.ServeAppend(dst, "Boom", nil)
	if _, want := ErrorBody(ddberr.New(ddberr.TypeUnknownOperation, msgUnknownOperation)); status != 400 || string(resp) != "prefix"+string(want) {
		t.Errorf("unknown operation: %d %q, want 400 %q", status, resp, "prefix"+string(want))
	}
}

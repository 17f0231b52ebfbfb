package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// AdminPrefix is where ddbplay's admin API lives, outside DynamoDB's
// protocol (which is POST / with X-Amz-Target).
const AdminPrefix = "/_ddbplay/"

// maxAdminBody bounds an admin request body.
const maxAdminBody = 1 << 16

// NewAdmin returns ddbplay's admin API for db, served under AdminPrefix.
// It is not part of DynamoDB: it drives the engine's virtual clock and the
// large-table model, for lessons and for testing retry logic.
//
//	GET  /_ddbplay/clock      {"now":ms,"paused":bool,"speed":n}
//	POST /_ddbplay/clock      {"pause":true} | {"resume":true} | {"stepSeconds":s} | {"speed":n}
//	                          (any combination, applied in that order; answers the new state)
//	GET  /_ddbplay/settings   {"throttle":bool,"replicaLagMs":n}
//	POST /_ddbplay/settings   {"throttle":bool} and/or {"replicaLagMs":n}; answers the new settings
//	GET  /_ddbplay/capacity   db.CapacityJSON for every table; ?table=Name for one
//	GET  /_ddbplay/partition?table=Name[&index=Name]&key={"S":"…"}   {"partition":id}
//
// Answers are application/json; errors are DynamoDB-style bodies
// ({"__type":…,"message":…}) with status 400 (404 for an unknown path,
// 405 for another method). Stepping moves TTL expiry too (db.Advance).
func NewAdmin(db *engine.DB) http.Handler { return &admin{db: db} }

type admin struct{ db *engine.DB }

func (a *admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "no-store")
	var (
		body []byte
		err  error
	)
	switch path := strings.TrimPrefix(r.URL.Path, AdminPrefix); {
	case path == "clock" && r.Method == http.MethodGet:
		body, err = a.clock()
	case path == "clock" && r.Method == http.MethodPost:
		body, err = a.setClock(r)
	case path == "settings" && r.Method == http.MethodGet:
		body, err = a.settings()
	case path == "settings" && r.Method == http.MethodPost:
		body, err = a.setSettings(r)
	case path == "capacity" && r.Method == http.MethodGet:
		body, err = a.db.CapacityJSON(r.URL.Query().Get("table"))
	case path == "partition" && r.Method == http.MethodGet:
		body, err = a.partition(r)
	case path == "clock" || path == "settings" || path == "capacity" || path == "partition":
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err != nil {
		e := ddberr.As(err)
		b, _ := e.MarshalJSON()
		w.WriteHeader(e.Status)
		w.Write(b)
		return
	}
	w.Write(body)
}

func (a *admin) clock() ([]byte, error) {
	s := a.db.Clock().State()
	return json.Marshal(map[string]any{"now": s.Now / 1e6, "paused": s.Paused, "speed": s.Speed})
}

// decode reads a JSON object body into v, as a ValidationException when
// it is not one.
func decode(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, maxAdminBody))
	if err != nil {
		return ddberr.Validation(msgInvalidBodyFmt, err.Error())
	}
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return ddberr.Validation(msgInvalidBodyFmt, err.Error())
	}
	return nil
}

func (a *admin) setClock(r *http.Request) ([]byte, error) {
	var in struct {
		Pause       bool     `json:"pause"`
		Resume      bool     `json:"resume"`
		StepSeconds *float64 `json:"stepSeconds"`
		Speed       *int     `json:"speed"`
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.Speed != nil && !clock.ValidSpeed(*in.Speed) {
		return nil, ddberr.Validation(msgSpeed)
	}
	if in.StepSeconds != nil && !clock.ValidStep(*in.StepSeconds) {
		return nil, ddberr.Validation(msgStepSeconds)
	}
	c := a.db.Clock()
	if in.Pause {
		c.Pause()
	}
	if in.Resume {
		c.Resume()
	}
	if in.StepSeconds != nil {
		a.db.Advance(time.Duration(*in.StepSeconds * float64(time.Second)))
	}
	if in.Speed != nil {
		_ = c.SetSpeed(*in.Speed) // checked above
	}
	return a.clock()
}

func (a *admin) settings() ([]byte, error) {
	return json.Marshal(map[string]any{"throttle": a.db.Throttle(),
		"replicaLagMs": float64(a.db.ReplicaLag()) / float64(time.Millisecond)})
}

func (a *admin) setSettings(r *http.Request) ([]byte, error) {
	var in struct {
		Throttle     *bool    `json:"throttle"`
		ReplicaLagMs *float64 `json:"replicaLagMs"`
	}
	if err := decode(r, &in); err != nil {
		return nil, err
	}
	if in.ReplicaLagMs != nil && !engine.ValidReplicaLagMs(*in.ReplicaLagMs) {
		return nil, ddberr.Validation(msgReplicaLag)
	}
	if in.Throttle != nil {
		a.db.SetThrottle(*in.Throttle)
	}
	if in.ReplicaLagMs != nil {
		a.db.SetReplicaLag(time.Duration(*in.ReplicaLagMs * float64(time.Millisecond)))
	}
	return a.settings()
}

func (a *admin) partition(r *http.Request) ([]byte, error) {
	q := r.URL.Query()
	var key attr.Value
	if err := key.UnmarshalJSON([]byte(q.Get("key"))); err != nil {
		return nil, ddberr.Validation(msgInvalidKeyFmt, ddberr.As(err).Message)
	}
	id, err := a.db.PartitionOf(q.Get("table"), q.Get("index"), key)
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]int{"partition": id})
}

// withAdmin sends requests for AdminPrefix without X-Amz-Target to admin,
// the rest to next.
func withAdmin(admin, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, AdminPrefix) && r.Header.Get(headerTarget) == "" && r.Method != http.MethodOptions {
			admin.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

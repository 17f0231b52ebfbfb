package loadgen

import (
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine"
	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/clock"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Host is the JSON door to loads for a host (the browser's engine
// worker): it keeps the load in progress between calls. Its zero value
// is ready. Not safe for concurrent use.
type Host struct {
	// Clock is the clock loads pause and step (see New): nil for the
	// DB's own.
	Clock *clock.Clock
	// MaxRequests bounds the requests one Call sends (0 means
	// DefaultMaxRequests): it plays fewer seconds than asked, at least
	// one, so that a host's thread is never held for long.
	MaxRequests int
	run         *Run
}

// DefaultMaxRequests is Host.MaxRequests when it is 0: a few seconds of
// real time at most.
const DefaultMaxRequests = 200000

// Call serves one request:
//
//	{"spec":{…}, "seconds":n}
//
// "spec" (see readSpec) starts a new load, replacing any other; "seconds"
// plays the next n virtual seconds of the load in progress (at most what
// is left, and at most MaxRequests requests' worth of whole seconds; 0 or
// absent plays nothing). The answer is
//
//	{"done":b,"played":s,"slice":{…}|null,"summary":{…}}
//
// with the slice played (Slice.AppendJSON) and the whole load's summary
// so far (Summary.AppendJSON). Errors: a bad spec or request is a
// ValidationException, an unknown table ResourceNotFoundException; the
// load in progress is dropped when db is not the DB it started on (the
// host replaced it).
func (h *Host) Call(db *engine.DB, req []byte) ([]byte, error) {
	var (
		spec     Spec
		hasSpec  bool
		seconds  int
		rd       wire.Reader
		notEmpty bool
	)
	rd.Reset(req)
	if rd.Object() {
		notEmpty = true
		for rd.Member() {
			switch string(rd.Key()) {
			case "spec":
				hasSpec = true
				readSpec(&rd, &spec)
			case "seconds":
				rd.Int(&seconds)
			default:
				rd.Skip()
			}
		}
	}
	if err := rd.End(); err != nil || !notEmpty {
		msg := "expected an object"
		if err != nil {
			msg = err.Error()
		}
		return nil, ddberr.Validation("%s", msgSpecJSON+msg)
	}
	if seconds < 0 || seconds > MaxSeconds {
		return nil, ddberr.Validation("%s", msgSeconds)
	}
	if hasSpec {
		run, err := New(db, h.Clock, spec)
		if err != nil {
			return nil, err
		}
		h.run = run
	}
	if h.run != nil && h.run.db != db {
		h.run = nil
		return nil, ddberr.Validation("%s", msgDBChanged)
	}
	if h.run == nil {
		return nil, ddberr.Validation("%s", msgNoRun)
	}
	var slice *Slice
	if seconds > 0 {
		most := h.MaxRequests
		if most <= 0 {
			most = DefaultMaxRequests
		}
		seconds = max(1, min(seconds, int(float64(most)/h.run.spec.RPS)))
		slice = h.run.Play(seconds)
	}
	b := append([]byte(`{"done":`), strconv.FormatBool(h.run.Done())...)
	b = appendFloat(append(b, `,"played":`...), h.run.Played())
	b = append(b, `,"slice":`...)
	if slice == nil {
		b = append(b, "null"...)
	} else {
		b = slice.AppendJSON(b)
	}
	sum := h.run.Summary()
	b = sum.AppendJSON(append(b, `,"summary":`...))
	return append(b, '}'), nil
}

func appendFloat(b []byte, f float64) []byte { return strconv.AppendFloat(b, f, 'f', -1, 64) }

func appendInts(b []byte, name string, xs []int) []byte {
	b = append(append(append(b, ",\""...), name...), "\":["...)
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}

func appendFloats(b []byte, name string, xs []float64) []byte {
	b = append(append(append(b, ",\""...), name...), "\":["...)
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFloat(b, x)
	}
	return append(b, ']')
}

// AppendJSON appends the slice as JSON:
//
//	{"from":unixSecond,"requests":[…],"ok":[…],"throttled":[…],"errors":[…],
//	 "resources":[{"name":…,"index":b,"arn":…,"provisioned":[rcu,wcu],
//	   "consumedRead":[…],"consumedWrite":[…],"throttledReads":[…],"throttledWrites":[…]}],
//	 "partitions":[{"id":n,"requests":[…],"throttled":[…]}]}
func (s *Slice) AppendJSON(b []byte) []byte {
	b = strconv.AppendInt(append(b, `{"from":`...), s.From, 10)
	b = appendInts(b, "requests", s.Requests)
	b = appendInts(b, "ok", s.OK)
	b = appendInts(b, "throttled", s.Throttled)
	b = appendInts(b, "errors", s.Errors)
	b = append(b, `,"resources":[`...)
	for i, x := range s.Resources {
		if i > 0 {
			b = append(b, ',')
		}
		b = wire.AppendString(append(b, `{"name":`...), x.Name)
		b = strconv.AppendBool(append(b, `,"index":`...), x.Index)
		b = wire.AppendString(append(b, `,"arn":`...), x.ARN)
		b = strconv.AppendInt(append(b, `,"provisioned":[`...), x.Provisioned[0], 10)
		b = strconv.AppendInt(append(b, ','), x.Provisioned[1], 10)
		b = append(b, ']')
		b = appendFloats(b, "consumedRead", x.ConsumedRead)
		b = appendFloats(b, "consumedWrite", x.ConsumedWrite)
		b = appendInts(b, "throttledReads", x.ThrottledReads)
		b = appendInts(b, "throttledWrites", x.ThrottledWrites)
		b = append(b, '}')
	}
	b = append(b, `],"partitions":[`...)
	for i, p := range s.Partitions {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(b, `{"id":`...), int64(p.ID), 10)
		b = appendInts(b, "requests", p.Requests)
		b = appendInts(b, "throttled", p.Throttled)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

func appendFailure(b []byte, f *Failure) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	b = wire.AppendString(append(b, `{"op":`...), f.Op)
	b = wire.AppendString(append(b, `,"body":`...), string(f.Request))
	b = wire.AppendString(append(b, `,"error":`...), string(f.Body))
	b = strconv.AppendInt(append(b, `,"status":`...), int64(f.Status), 10)
	return append(b, '}')
}

// AppendJSON appends the summary as JSON:
//
//	{"requests":n,"gets":n,"queries":n,"puts":n,"updates":n,"reads":n,"writes":n,
//	 "ok":n,"throttled":n,"errors":n,"reasons":{reason:n},
//	 "firstThrottle":{"op":…,"body":requestJSONText,"error":errorBodyText,"status":n}|null,
//	 "firstError":…|null,"hotKey":{"key":{"S":…},"count":n}|null,
//	 "hotPartition":{"id":n,"requests":n,"throttled":n}|null,
//	 "consumed":[rcu,wcu],"metered":b,"need":[rcu,wcu],"played":s,"seconds":n,"advice":[…]}
func (s *Summary) AppendJSON(b []byte) []byte {
	num := func(name string, n int) {
		b = strconv.AppendInt(append(append(append(b, '"'), name...), `":`...), int64(n), 10)
		b = append(b, ',')
	}
	b = append(b, '{')
	num("requests", s.Requests)
	num("gets", s.ops[GetItem])
	num("queries", s.ops[Query])
	num("puts", s.ops[PutItem])
	num("updates", s.ops[UpdateItem])
	num("reads", s.ops[GetItem]+s.ops[Query])
	num("writes", s.ops[PutItem]+s.ops[UpdateItem])
	num("ok", s.OK)
	num("throttled", s.Throttled)
	num("errors", s.Errors)
	b = append(b, `"reasons":{`...)
	keys := make([]string, 0, len(s.Reasons))
	for k := range s.Reasons {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(wire.AppendString(b, k), ':'), int64(s.Reasons[k]), 10)
	}
	b = appendFailure(append(b, `},"firstThrottle":`...), s.FirstThrottle)
	b = appendFailure(append(b, `,"firstError":`...), s.FirstError)
	b = append(b, `,"hotKey":`...)
	if s.HotKey == nil {
		b = append(b, "null"...)
	} else {
		b = attr.AppendJSON(append(b, `{"key":`...), s.HotKey.Key)
		b = strconv.AppendInt(append(b, `,"count":`...), int64(s.HotKey.Count), 10)
		b = append(b, '}')
	}
	b = append(b, `,"hotPartition":`...)
	if p := s.HotPartition; p == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(append(b, `{"id":`...), int64(p.ID), 10)
		b = strconv.AppendInt(append(b, `,"requests":`...), int64(p.Requests), 10)
		b = strconv.AppendInt(append(b, `,"throttled":`...), int64(p.Throttled), 10)
		b = append(b, '}')
	}
	b = appendFloat(append(b, `,"consumed":[`...), s.Consumed[0])
	b = appendFloat(append(b, ','), s.Consumed[1])
	b = strconv.AppendBool(append(b, `],"metered":`...), s.Metered)
	b = appendFloat(append(b, `,"need":[`...), s.Need[0])
	b = appendFloat(append(b, ','), s.Need[1])
	b = appendFloat(append(b, `],"played":`...), s.Played)
	b = strconv.AppendInt(append(b, `,"seconds":`...), int64(s.Seconds), 10)
	b = append(b, `,"advice":[`...)
	for i, a := range s.Advice {
		if i > 0 {
			b = append(b, ',')
		}
		b = wire.AppendString(b, a)
	}
	return append(b, "]}"...)
}

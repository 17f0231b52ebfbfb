package capacity

import (
	"strconv"
)

// tally is one second's activity of a partition or a resource: capacity
// units consumed (read, write) and throttled (read, write), and the
// requests served (read, write) and throttled (read, write). A request
// counts once on each partition and resource it touched, however many
// charges it made there.
type tally struct {
	units [4]float64
	reqs  [4]int32
}

// second returns t as the Second at Unix second at.
func (t *tally) second(at int64) Second {
	return Second{At: at, ConsumedRead: t.units[0], ConsumedWrite: t.units[1],
		ThrottledRead: t.units[2], ThrottledWrite: t.units[3],
		ReadRequests: int(t.reqs[0]), WriteRequests: int(t.reqs[1]),
		ThrottledReadRequests: int(t.reqs[2]), ThrottledWriteRequests: int(t.reqs[3])}
}

// Second is one second of a partition's or a resource's activity.
type Second struct {
	At int64 // Unix seconds
	// ConsumedRead, ConsumedWrite, ThrottledRead and ThrottledWrite are
	// capacity units consumed and refused.
	ConsumedRead, ConsumedWrite, ThrottledRead, ThrottledWrite float64
	// ReadRequests and WriteRequests count the requests served,
	// ThrottledReadRequests and ThrottledWriteRequests those throttled.
	ReadRequests, WriteRequests, ThrottledReadRequests, ThrottledWriteRequests int
	// BurstRead and BurstWrite are, for a provisioned resource (not a
	// partition), its burst balance after the second's last request.
	BurstRead, BurstWrite float64
}

// trimSeconds drops from h the seconds older than HistorySeconds before
// second s.
func trimSeconds(h []Second, s int64) []Second {
	i := 0
	for i < len(h) && h[i].At <= s-HistorySeconds {
		i++
	}
	if i > 0 {
		h = append(h[:0], h[i:]...)
	}
	return h
}

// since appends to dst the seconds of h from Unix second from on.
func since(dst, h []Second, from int64) []Second {
	i := len(h)
	for i > 0 && h[i-1].At >= from {
		i--
	}
	return append(dst, h[i:]...)
}

// History returns r's seconds with any activity (the sums over its
// partitions, the burst balance) from Unix second from on, up to time
// now: the current second included, oldest first, at most the last
// HistorySeconds. A resource's history outlives the partitions that
// split.
func (r *Resource) History(now, from int64) []Second {
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	r.roll(now)
	return r.history(from, nil)
}

// history is History with the lock held and r rolled to now.
func (r *Resource) history(from int64, dst []Second) []Second {
	dst = since(dst, r.hist, from)
	if r.cur != (tally{}) && r.sec >= from {
		dst = append(dst, r.second())
	}
	return dst
}

// second returns the current second of r.
func (r *Resource) second() Second {
	s := r.cur.second(r.sec)
	if r.settings.Mode == Provisioned {
		s.BurstRead, s.BurstWrite = r.burst[Read], r.burst[Write]
	}
	return s
}

// appendSeconds appends seconds as a JSON array, leaving out members that
// are zero (and the burst members of a partition's seconds).
func appendSeconds(dst []byte, seconds []Second) []byte {
	dst = append(dst, '[')
	for j, s := range seconds {
		if j > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"at":`...)
		dst = strconv.AppendInt(dst, s.At, 10)
		for _, f := range [...]struct {
			name string
			v    float64
		}{
			{"consumedRead", s.ConsumedRead}, {"consumedWrite", s.ConsumedWrite},
			{"throttledRead", s.ThrottledRead}, {"throttledWrite", s.ThrottledWrite},
			{"readRequests", float64(s.ReadRequests)}, {"writeRequests", float64(s.WriteRequests)},
			{"throttledReadRequests", float64(s.ThrottledReadRequests)}, {"throttledWriteRequests", float64(s.ThrottledWriteRequests)},
			{"burstRead", s.BurstRead}, {"burstWrite", s.BurstWrite},
		} {
			if f.v != 0 {
				dst = appendFloat(dst, f.name, f.v)
			}
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

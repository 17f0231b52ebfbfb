package loadgen

import (
	"errors"
	"math"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/wire"
)

// Key distributions.
const (
	Uniform = "uniform" // every key as likely
	Zipf    = "zipf"    // key k (from 0) drawn with weight 1/(k+1)^ZipfExponent
	Hot     = "hot"     // every request on key 0
)

// ZipfExponent is the exponent of the Zipf distribution: a few keys take
// most of the traffic.
const ZipfExponent = 1.1

// Limits of a Spec.
const (
	MaxRPS       = 100000
	MaxSeconds   = 3600
	MaxItemBytes = 400 * 1024
	MaxKeys      = 1000000
	MaxSortKeys  = 1000
	MaxTicks     = 1000
	defaultTicks = 10
)

// Spec is a load. Shares are fractions from 0 to 1.
type Spec struct {
	Table string
	// Reads is the share of reads; the rest are writes.
	Reads float64
	// Queries is the share of reads that are a Query of one partition
	// key's item collection; the rest are GetItem.
	Queries float64
	// Updates is the share of writes that are UpdateItem (ADD 1 to a
	// counter attribute, "n"); the rest are PutItem of a whole item.
	Updates float64
	// RPS is the rate in requests per virtual second, 1…MaxRPS.
	RPS float64
	// Seconds is the load's duration in virtual seconds, 1…MaxSeconds.
	Seconds int
	// ItemBytes is the size of an item PutItem writes (DynamoDB's item
	// size: attribute names plus values), 1…MaxItemBytes; an item is at
	// least its key.
	ItemBytes int
	// Keys is the number of distinct partition-key values, 1…MaxKeys:
	// key k is "k<k>" for a string key, k for a number, the bytes of
	// "k<k>" for binary.
	Keys int
	// SortKeys is, on a table with a sort key, the number of items per
	// partition key (sort-key values 0…SortKeys-1, written like keys):
	// the size of the item collection a Query reads. 0 means 1.
	SortKeys int
	// Dist is Uniform, Zipf or Hot ("" is Uniform).
	Dist string
	// Consistent makes reads strongly consistent.
	Consistent bool
	// Seed seeds the generator (0 means 1): the same seed, spec and state
	// give the same requests.
	Seed uint64
	// Ticks is how many times per virtual second requests are sent (the
	// clock steps 1/Ticks of a second between them), 1…MaxTicks; 0 means 10.
	Ticks int
}

func share(x float64) bool { return x >= 0 && x <= 1 }

// check returns the spec's first problem as a ValidationException, and
// the spec with its defaults filled in.
func (s Spec) check() (Spec, error) {
	bad := func(msg string) (Spec, error) { return s, ddberr.Validation("%s", msg) }
	switch {
	case s.Table == "":
		return bad(msgTable)
	case !(s.RPS >= 1 && s.RPS <= MaxRPS):
		return bad(msgRPS)
	case s.Seconds < 1 || s.Seconds > MaxSeconds:
		return bad(msgSeconds)
	case s.ItemBytes < 1 || s.ItemBytes > MaxItemBytes:
		return bad(msgItemBytes)
	case s.Keys < 1 || s.Keys > MaxKeys:
		return bad(msgKeys)
	case s.SortKeys < 0 || s.SortKeys > MaxSortKeys:
		return bad(msgSortKeys)
	case !share(s.Reads) || !share(s.Queries) || !share(s.Updates):
		return bad(msgShare)
	case s.Dist != "" && s.Dist != Uniform && s.Dist != Zipf && s.Dist != Hot:
		return bad(msgDist)
	case s.Ticks < 0 || s.Ticks > MaxTicks:
		return bad(msgTicks)
	}
	if s.Dist == "" {
		s.Dist = Uniform
	}
	if s.SortKeys == 0 {
		s.SortKeys = 1
	}
	if s.Ticks == 0 {
		s.Ticks = defaultTicks
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
	return s, nil
}

// readSpec reads a Spec's JSON object:
//
//	{"table":"T","reads":0.5,"queries":0,"updates":0,"rps":1000,"seconds":600,
//	 "itemBytes":1000,"keys":100000,"sortKeys":1,"dist":"uniform",
//	 "consistent":false,"seed":1,"ticks":10}
//
// Unknown members are ignored; a member of the wrong type is an error.
func readSpec(r *wire.Reader, s *Spec) {
	if !r.Object() {
		return
	}
	for r.Member() {
		switch string(r.Key()) {
		case "table":
			r.String(&s.Table)
		case "reads":
			readFloat(r, &s.Reads)
		case "queries":
			readFloat(r, &s.Queries)
		case "updates":
			readFloat(r, &s.Updates)
		case "rps":
			readFloat(r, &s.RPS)
		case "seconds":
			readWhole(r, &s.Seconds)
		case "itemBytes":
			readWhole(r, &s.ItemBytes)
		case "keys":
			readWhole(r, &s.Keys)
		case "sortKeys":
			readWhole(r, &s.SortKeys)
		case "dist":
			r.String(&s.Dist)
		case "consistent":
			r.Bool(&s.Consistent)
		case "seed":
			var n int64
			r.Int64(&n)
			s.Seed = uint64(n)
		case "ticks":
			readWhole(r, &s.Ticks)
		default:
			r.Skip()
		}
	}
}

// readWhole reads a JSON number into n; a fraction, or a number beyond
// int32, reads as -1, which every range refuses with its own message.
func readWhole(r *wire.Reader, n *int) {
	var f float64
	readFloat(r, &f)
	if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		*n = -1
		return
	}
	*n = int(f)
}

var errNotNumber = errors.New("a share or rate is not a number")

// readFloat reads a JSON number into f (to about 17 significant digits,
// plenty for shares and rates; without strconv.ParseFloat, which would
// add its tables to the wasm module).
func readFloat(r *wire.Reader, f *float64) {
	if r.Kind() != wire.Number {
		r.Fail(errNotNumber)
		return
	}
	b := r.Raw()
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	var mant uint64
	exp := 0
	digit := func(c byte, frac bool) {
		switch {
		case mant < 1e18:
			mant = mant*10 + uint64(c-'0')
			if frac {
				exp--
			}
		case !frac:
			exp++ // digits beyond 18 only scale an integer part
		}
	}
	i := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		digit(b[i], false)
	}
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			digit(b[i], true)
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		sign := 1
		if b[i] == '-' || b[i] == '+' {
			if b[i] == '-' {
				sign = -1
			}
			i++
		}
		e := 0
		for ; i < len(b); i++ {
			if e < 10000 {
				e = e*10 + int(b[i]-'0')
			}
		}
		exp += sign * e
	}
	v := float64(mant) * math.Pow10(exp)
	if neg {
		v = -v
	}
	*f = v
}

package capacity

import (
	"strconv"
	"time"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// Changing capacity ("Quotas in Amazon DynamoDB", decreasing provisioned
// throughput; "Considerations when switching capacity modes").
const (
	// FreeDecreases is how many decreases a table or GSI may make at any
	// time in a UTC day; after them, one more each hour without a decrease.
	FreeDecreases = 4
	// OnDemandSwitches is how many times a table may switch from
	// provisioned to on-demand in a 24-hour rolling window (switching back
	// is allowed at any time).
	OnDemandSwitches = 4
)

const hour = int64(time.Hour)

// DecreaseAllowed reports whether a provisioned-throughput decrease may be
// made at now, given today's decreases so far (NumberOfDecreasesToday on
// now's UTC day) and the time of the last one: the first four in a UTC day
// at any time, then one per hour if none was made in the preceding hour
// (so at most 27 in a day).
func DecreaseAllowed(today int64, last, now int64) bool {
	return today < FreeDecreases || now-last >= hour
}

// DecreaseLimitError is the LimitExceededException for a decrease
// DecreaseAllowed refuses.
func DecreaseLimitError(today int64, last int64) *ddberr.Error {
	return ddberr.Newf(ddberr.TypeLimitExceeded, msgDecreaseLimitFmt, FreeDecreases, today, longDate(last), longDate(last+hour))
}

// SwitchAllowed reports whether a switch from provisioned to on-demand
// may be made at now, given the times of the earlier such switches.
func SwitchAllowed(switches []int64, now int64) bool {
	n := 0
	for _, at := range switches {
		if now-at < 24*hour {
			n++
		}
	}
	return n < OnDemandSwitches
}

// SwitchLimitError is the LimitExceededException for a switch
// SwitchAllowed refuses.
func SwitchLimitError() *ddberr.Error {
	return ddberr.Newf(ddberr.TypeLimitExceeded, msgSwitchLimitFmt, OnDemandSwitches)
}

var (
	weekdays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	months   = [...]string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
)

// longDate words a Unix-nanosecond time as DynamoDB's decrease message
// does ("Wednesday, January 1, 2020 2:19:11 AM UTC"), without time's
// formatting (kept out of the browser's WebAssembly module).
func longDate(ns int64) string {
	t := time.Unix(0, ns).UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	ampm := "AM"
	if h >= 12 {
		ampm = "PM"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	two := func(n int) string {
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	}
	return weekdays[t.Weekday()] + ", " + months[mo-1] + " " + strconv.Itoa(d) + ", " + strconv.Itoa(y) + " " +
		strconv.Itoa(h12) + ":" + two(mi) + ":" + two(s) + " " + ampm + " UTC"
}

// ThrottleError returns the error of a throttled request (reasons from
// Admit, at least one), HTTP 400 with ThrottlingReasons, whose type and
// message follow the first reason as the Developer Guide's "Error
// messages and codes" assigns them:
//   - AccountLimitExceeded: RequestLimitExceeded;
//   - on an on-demand table or index, KeyRangeThroughputExceeded and
//     MaxOnDemandThroughputExceeded: ThrottlingException ("For tables
//     using on-demand mode, this exception might be returned for any data
//     plane API operation if your request rate is too high");
//   - on a provisioned one, ProvisionedThroughputExceeded and
//     KeyRangeThroughputExceeded: ProvisionedThroughputExceededException.
//
// The reasons are the member ReasonsField names: DynamoDB's service model
// spells it ThrottlingReasons in ProvisionedThroughputExceededException
// and RequestLimitExceeded, but throttlingReasons in ThrottlingException
// (the AWS SDKs decode it under that name only).
func ThrottleError(reasons []Reason) *ddberr.Error {
	list := make([]any, len(reasons))
	for i, r := range reasons {
		list[i] = map[string]any{"reason": r.Reason, "resource": r.Resource}
	}
	first := reasons[0]
	typ, msg := ddberr.TypeProvisionedThroughputExceeded, msgTableThrottled
	switch {
	case hasSuffix(first.Reason, limitAccount):
		typ, msg = ddberr.TypeRequestLimitExceeded, msgAccount
	case hasSuffix(first.Reason, limitMaxOnDemand):
		typ, msg = ddberr.TypeThrottling, msgRate
	case first.onDemand:
		typ, msg = ddberr.TypeThrottling, msgOnDemand
	case first.Reason[:5] == "Index":
		msg = msgIndexThrottled
	}
	return ddberr.New(typ, msg).With(ReasonsField(typ), list)
}

// ReasonsField returns the name of the member holding the throttling
// reasons in an error of type typ (see ThrottleError).
func ReasonsField(typ string) string {
	if typ == ddberr.TypeThrottling {
		return "throttlingReasons"
	}
	return "ThrottlingReasons"
}

func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

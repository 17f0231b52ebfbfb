package streams

import "strconv"

// Times are Unix nanoseconds on the engine's clock. The formatting here is
// civil UTC time written by hand, so that time's formatting code stays out
// of the browser's WebAssembly module.

const (
	second = int64(1e9)
	minute = 60 * second
	hour   = 60 * minute
)

// civil returns the UTC date and time of Unix nanoseconds t.
func civil(t int64) (year, month, day, hh, mm, ss, ms int) {
	secs := t / second
	if t%second < 0 {
		secs--
	}
	ms = int((t - secs*second) / 1e6)
	days := secs / 86400
	if secs%86400 < 0 {
		days--
	}
	rem := secs - days*86400
	hh, mm, ss = int(rem/3600), int(rem%3600/60), int(rem%60)
	// Howard Hinnant's days_from_civil, inverted.
	z := days + 719468
	era := z / 146097
	if z < 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d), hh, mm, ss, ms
}

func pad(dst []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// label writes t as a stream label: "2015-05-11T21:21:33.291".
func label(t int64) string {
	y, mo, d, h, mi, s, ms := civil(t)
	b := pad(nil, y, 4)
	b = pad(append(b, '-'), mo, 2)
	b = pad(append(b, '-'), d, 2)
	b = pad(append(b, 'T'), h, 2)
	b = pad(append(b, ':'), mi, 2)
	b = pad(append(b, ':'), s, 2)
	b = pad(append(b, '.'), ms, 3)
	return string(b)
}

// humanTime writes t as in the expired-iterator message: "Thu Jul 02 12:57:57 UTC 2015".
func humanTime(t int64) string {
	y, mo, d, h, mi, s, _ := civil(t)
	secs := t / second
	if t%second < 0 {
		secs--
	}
	days := secs / 86400
	if secs%86400 < 0 {
		days--
	}
	wd := int((days%7 + 11) % 7) // 1970-01-01 was a Thursday
	b := []byte([]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[wd])
	b = append(b, ' ')
	b = append(b, []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}[mo-1]...)
	b = pad(append(b, ' '), d, 2)
	b = pad(append(b, ' '), h, 2)
	b = pad(append(b, ':'), mi, 2)
	b = pad(append(b, ':'), s, 2)
	b = append(b, " UTC "...)
	return string(pad(b, y, 4))
}

package browsertest

import (
	"fmt"
	"slices"
	"testing"
)

// TestWriteLog_RecoversWholeRecords: the write log (static/write-log.js)
// allocates its file ahead, so a log ends in zeros, and a crash can leave
// part of a record at its end. A tab writes 20 records in a dedicated
// worker, the case damages the file as a crash in the middle of a write
// would, the worker is ended (as a crashed tab is), and another worker
// recovers the space's dead log (deadLogs, as the next tab does): exactly
// the whole records come back, in order, with their bodies, also after a
// save dropped the ones it covered (a "$saved" record, the records moved to
// the start of the file, or the log started again over its stale records),
// and for records written together
// (begin/commit: group commit), whole or torn in the middle of their one
// write. parse is also run on crafted bytes.
func TestWriteLog_RecoversWholeRecords(t *testing.T) {
	ctx := newPage(t, "/test/write-log.html")
	for _, name := range []string{"zeros", "tornHeader", "tornPayload", "badCRC", "saved", "savedTwice", "savedMoved", "savedAll", "savedAllThenMore", "group", "groupTorn", "groupSaved"} {
		var got struct {
			Wrote, Recovered    []logRecord
			FileBytes, LogBytes int
		}
		evalAsync(t, ctx, fmt.Sprintf(`window.writeLogCase(%q)`, name), &got)
		if !slices.Equal(got.Recovered, got.Wrote) {
			t.Errorf("%s: recovered %d records %v, want the %d whole ones %v", name, len(got.Recovered), logSeqs(got.Recovered), len(got.Wrote), logSeqs(got.Wrote))
		}
		if len(got.Wrote) == 0 && name != "savedAll" {
			t.Errorf("%s: no whole record written", name)
		}
		// The log is allocated ahead: zeros follow its records.
		if got.FileBytes <= got.LogBytes {
			t.Errorf("%s: file of %d bytes, log of %d: not allocated ahead", name, got.FileBytes, got.LogBytes)
		}
	}

	var cases map[string]any
	evalAsync(t, ctx, `window.parseCases()`, &cases)
	want := map[string]string{
		"whole":                "[1 2 3]",
		"trailingZeros":        "[1 2 3]",
		"tornHeader":           "[1 2]",
		"tornHeaderThenZeros":  "[1 2]",
		"tornPayload":          "[1 2]",
		"tornPayloadThenZeros": "[1 2]",
		"badCRC":               "[1 2]",
		"seqBackwards":         "[1 2]",
		"headerOnly":           "[1]",
		"empty":                "[]",
		"zeros":                "[]",
		"bodies":               `[PutItem {"a":1} DeleteItem {"é":"ü"}]`,
		"savedCoversAll":       "[4]",
		"savedCoversSome":      "[2 4]",
		"savedCoversNone":      "[1 2]",
	}
	for k, w := range want {
		if g := fmt.Sprint(cases[k]); g != w {
			t.Errorf("parse %s: got %s, want %s", k, g, w)
		}
	}
}

// logRecord is a record of the write log as parse returns it.
type logRecord struct {
	Seq      int
	Op, Body string
}

// logSeqs returns the seqs of rs.
func logSeqs(rs []logRecord) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Seq)
	}
	return out
}

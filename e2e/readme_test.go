package e2e

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine"
)

// readmeSection returns the README lines between <!-- name:begin --> and
// <!-- name:end -->.
func readmeSection(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatalf("read README: %v", err)
	}
	text := string(b)
	begin, end := "<!-- "+name+":begin -->", "<!-- "+name+":end -->"
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("README has no %s … %s section", begin, end)
	}
	return strings.Split(text[i+len(begin):j], "\n")
}

var backticked = regexp.MustCompile("`([A-Za-z]+)`")

func names(s string) []string {
	var out []string
	for _, m := range backticked.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestREADME_OperationsTable keeps the README's table of supported
// operations and their parameters true: every registered operation is a
// row, listing exactly the request members the engine decodes.
func TestREADME_OperationsTable(t *testing.T) {
	unsupported := map[string]bool{}
	for _, n := range engine.UnsupportedOperations {
		unsupported[n] = true
	}
	rows := map[string][]string{}
	for _, line := range readmeSection(t, "ops") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		op := names(cells[1])
		if len(op) != 1 {
			t.Fatalf("row %q: want one operation name in the first cell", line)
		}
		rows[op[0]] = names(cells[2])
	}
	for _, op := range engine.Operations() {
		if unsupported[op] {
			continue
		}
		got, ok := rows[op]
		if !ok {
			t.Errorf("README lists no row for supported operation %s", op)
			continue
		}
		delete(rows, op)
		want := engine.Parameters(op)
		if !slices.Equal(got, want) {
			t.Errorf("README parameters of %s:\n got %v\nwant %v", op, got, want)
		}
	}
	for op := range rows {
		t.Errorf("README lists %s, which the engine does not implement", op)
	}
}

// TestREADME_UnsupportedList checks that the README names every operation
// that answers UnknownOperationException, and nothing else.
func TestREADME_UnsupportedList(t *testing.T) {
	got := names(strings.Join(readmeSection(t, "unsupported"), "\n"))
	want := slices.Clone(engine.UnsupportedOperations)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("README unsupported operations:\n got %v\nwant %v", got, want)
	}
}

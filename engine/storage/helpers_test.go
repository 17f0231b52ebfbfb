package storage

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

// num returns the N value of text, failing the test if it is invalid.
func num(t testing.TB, text string) attr.Value {
	t.Helper()
	v, err := attr.N(text)
	if err != nil {
		t.Fatalf("attr.N(%q): %v", text, err)
	}
	return v
}

// show renders a scalar value for messages: S as text, N as its canonical
// text, B as 0x-hex.
func show(v attr.Value) string {
	switch v.Type() {
	case attr.TypeS:
		return v.Str()
	case attr.TypeN:
		return v.NumText()
	case attr.TypeB:
		return "0x" + hex.EncodeToString(v.Bytes())
	}
	return fmt.Sprintf("<%s>", v.Type())
}

// collect returns fn-style callbacks gathering attribute name of each item.
func collect(name string) (*[]string, func(attr.Item) bool) {
	var got []string
	return &got, func(it attr.Item) bool {
		got = append(got, show(it[name]))
		return true
	}
}

// queryAll runs a query and returns the shown values of attribute name.
func queryAll(tb *Table, index string, hash attr.Value, rc RangeCond, forward bool, start attr.Item, name string) []string {
	got, fn := collect(name)
	tb.Query(index, hash, rc, forward, start, fn)
	return *got
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func join(s []string) string { return "[" + strings.Join(s, " ") + "]" }

// item builds an item from name/value pairs.
func item(kv ...any) attr.Item {
	it := attr.Item{}
	for i := 0; i < len(kv); i += 2 {
		it[kv[i].(string)] = kv[i+1].(attr.Value)
	}
	return it
}

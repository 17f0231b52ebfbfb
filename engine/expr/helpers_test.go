package expr

import (
	"errors"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// num returns the N value of text, failing the test on a bad number.
func num(t testing.TB, text string) attr.Value {
	t.Helper()
	v, err := attr.N(text)
	if err != nil {
		t.Fatalf("attr.N(%q): %v", text, err)
	}
	return v
}

func ss(t testing.TB, members ...string) attr.Value {
	t.Helper()
	v, err := attr.SS(members)
	if err != nil {
		t.Fatalf("attr.SS(%q): %v", members, err)
	}
	return v
}

func ns(t testing.TB, members ...string) attr.Value {
	t.Helper()
	v, err := attr.NS(members)
	if err != nil {
		t.Fatalf("attr.NS(%q): %v", members, err)
	}
	return v
}

func bs(t testing.TB, members ...string) attr.Value {
	t.Helper()
	raw := make([][]byte, len(members))
	for i, m := range members {
		raw[i] = []byte(m)
	}
	v, err := attr.BS(raw)
	if err != nil {
		t.Fatalf("attr.BS(%q): %v", members, err)
	}
	return v
}

func list(vs ...attr.Value) attr.Value { return attr.L(vs) }

// errText returns the message of a ValidationException, "" for nil, and
// fails the test for any other error.
func errText(t testing.TB, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *ddberr.Error
	if !errors.As(err, &e) || e.Type != ddberr.TypeValidation || e.Status != 400 {
		t.Fatalf("error %v (%T) is not a ValidationException", err, err)
	}
	return e.Message
}

// cond parses and resolves a condition of kind KindCondition.
func cond(t testing.TB, src string, names map[string]string, values map[string]attr.Value) *Condition {
	t.Helper()
	p, err := ParseCondition(KindCondition, src)
	if err != nil {
		t.Fatalf("ParseCondition(%q): %v", src, err)
	}
	c, err := NewResolver(names, values).Condition(KindCondition, p)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", src, err)
	}
	return c
}

// update parses and resolves an update expression.
func update(t testing.TB, src string, names map[string]string, values map[string]attr.Value) *Update {
	t.Helper()
	p, err := ParseUpdate(src)
	if err != nil {
		t.Fatalf("ParseUpdate(%q): %v", src, err)
	}
	u, err := NewResolver(names, values).Update(p)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", src, err)
	}
	return u
}

// itemString renders an item as DynamoDB JSON for comparisons.
func itemString(it attr.Item) string {
	if it == nil {
		return "<nil>"
	}
	return string(attr.AppendItemJSON(nil, it))
}

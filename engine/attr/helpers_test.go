package attr

import (
	"errors"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// wantError fails unless err is a *ddberr.Error (not wrapped) of the given
// type and message.
func wantError(t *testing.T, err error, typ, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s: %s", typ, msg)
	}
	e, ok := err.(*ddberr.Error)
	if !ok {
		t.Fatalf("got %T %v, want *ddberr.Error", err, err)
	}
	if e.Type != typ || e.Message != msg {
		t.Fatalf("got %s: %q\nwant %s: %q", e.Type, e.Message, typ, msg)
	}
	if e.Status != 400 {
		t.Fatalf("got status %d, want 400", e.Status)
	}
}

// isDDBError reports whether err is a *ddberr.Error.
func isDDBError(err error) bool {
	var e *ddberr.Error
	return errors.As(err, &e) && e.Type != "" && e.Message != ""
}

// mustN returns N(text), failing the test on error.
func mustN(t testing.TB, text string) Value {
	t.Helper()
	v, err := N(text)
	if err != nil {
		t.Fatalf("N(%q): %v", text, err)
	}
	return v
}

// mustSet builds a set from texts (base64 not involved: BS members are the
// texts' bytes).
func mustSet(t testing.TB, typ Type, texts ...string) Value {
	t.Helper()
	var v Value
	var err error
	switch typ {
	case TypeSS:
		v, err = SS(texts)
	case TypeNS:
		v, err = NS(texts)
	case TypeBS:
		b := make([][]byte, len(texts))
		for i, s := range texts {
			b[i] = []byte(s)
		}
		v, err = BS(b)
	}
	if err != nil {
		t.Fatalf("set %v %q: %v", typ, texts, err)
	}
	return v
}

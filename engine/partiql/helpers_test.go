package partiql

import (
	"errors"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// music is the Developer Guide's example table: Artist and SongTitle, with
// an index by SongTitle alone.
func music(table, index string) (KeySchema, error) {
	switch {
	case table == "Music" && index == "":
		return KeySchema{Hash: "Artist", Range: "SongTitle"}, nil
	case table == "Music" && index == "BySong":
		return KeySchema{Hash: "SongTitle"}, nil
	case table == "Orders" && index == "":
		return KeySchema{Hash: "OrderID"}, nil
	}
	return KeySchema{}, ddberr.New(ddberr.TypeResourceNotFound, "Requested resource not found")
}

func num(t *testing.T, s string) attr.Value {
	t.Helper()
	v, err := attr.N(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// mustPlan parses and plans src or fails the test.
func mustPlan(t *testing.T, src string, params ...attr.Value) *Plan {
	t.Helper()
	st, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	p, err := st.Plan(params, music)
	if err != nil {
		t.Fatalf("Plan(%q): %v", src, err)
	}
	return p
}

// wantValidation checks that err is a ValidationException with message msg.
func wantValidation(t *testing.T, err error, msg string) {
	t.Helper()
	var de *ddberr.Error
	if !errors.As(err, &de) || de.Type != ddberr.TypeValidation {
		t.Fatalf("error = %v, want ValidationException", err)
	}
	if de.Message != msg {
		t.Fatalf("message = %q\nwant      %q", de.Message, msg)
	}
}

package expr

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestResolver_InvalidKeys(t *testing.T) {
	v := attr.S("x")
	cases := []struct {
		name   string
		names  map[string]string
		values map[string]attr.Value
		want   string // "" for no error
	}{
		{"well-formed", map[string]string{"#a": "a", "#_1": "b"}, map[string]attr.Value{":v": v, ":V_9": v}, ""},
		{"name without #", map[string]string{"a": "a"}, nil,
			`ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`},
		{"bare #", map[string]string{"#": "a"}, nil,
			`ExpressionAttributeNames contains invalid key: Syntax error; key: "#"`},
		{"name with a dash", map[string]string{"#a-b": "a"}, nil,
			`ExpressionAttributeNames contains invalid key: Syntax error; key: "#a-b"`},
		{"value without colon", nil, map[string]attr.Value{"v": v},
			`ExpressionAttributeValues contains invalid key: Syntax error; key: "v"`},
		{"value with #", nil, map[string]attr.Value{"#v": v},
			`ExpressionAttributeValues contains invalid key: Syntax error; key: "#v"`},
		{"names before values, smallest key first", map[string]string{"z": "a", "b": "a"}, map[string]attr.Value{"v": v},
			`ExpressionAttributeNames contains invalid key: Syntax error; key: "b"`},
	}
	pc, err := ParseCondition(KindCondition, "attribute_exists(a)")
	if err != nil {
		t.Fatal(err)
	}
	pp, err := ParseProjection("a")
	if err != nil {
		t.Fatal(err)
	}
	pu, err := ParseUpdate("REMOVE a")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls := map[string]func(r *Resolver) error{
				"Condition":   func(r *Resolver) error { _, err := r.Condition(KindCondition, pc); return err },
				"Projection":  func(r *Resolver) error { _, err := r.Projection(pp); return err },
				"Update":      func(r *Resolver) error { _, err := r.Update(pu); return err },
				"CheckUnused": func(r *Resolver) error { return r.CheckUnused() },
			}
			for method, call := range calls {
				got := errText(t, call(NewResolver(tc.names, tc.values)))
				if tc.want == "" && method == "CheckUnused" {
					continue // the well-formed keys are unused: another error
				}
				if got != tc.want {
					t.Errorf("%s: got %q, want %q", method, got, tc.want)
				}
			}
		})
	}
}

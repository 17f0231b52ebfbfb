package expr

import (
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func ptr[T any](v T) *T { return &v }

func TestFromExpected_Eval(t *testing.T) {
	item := attr.Item{"s": attr.S("hello"), "n": num(t, "5"), "ss": ss(t, "a", "b"), "b": attr.B([]byte("xyz"))}
	s := func(v string) attr.Value { return attr.S(v) }
	vals := func(vs ...attr.Value) []attr.Value { return vs }
	tests := []struct {
		name string
		m    map[string]ExpectedValue
		op   string
		want bool
	}{
		{"empty map", nil, "", true},
		{"Value equal", map[string]ExpectedValue{"s": {Value: ptr(s("hello"))}}, "", true},
		{"Value with Exists true", map[string]ExpectedValue{"s": {Value: ptr(s("x")), Exists: ptr(true)}}, "", false},
		{"Exists false on absent", map[string]ExpectedValue{"nope": {Exists: ptr(false)}}, "", true},
		{"Exists false on present", map[string]ExpectedValue{"s": {Exists: ptr(false)}}, "", false},
		{"EQ", map[string]ExpectedValue{"n": {ComparisonOperator: "EQ", AttributeValueList: vals(num(t, "5.0"))}}, "", true},
		{"NE", map[string]ExpectedValue{"n": {ComparisonOperator: "NE", AttributeValueList: vals(num(t, "5"))}}, "", false},
		{"NE absent", map[string]ExpectedValue{"nope": {ComparisonOperator: "NE", AttributeValueList: vals(num(t, "5"))}}, "", true},
		{"LE", map[string]ExpectedValue{"n": {ComparisonOperator: "LE", AttributeValueList: vals(num(t, "5"))}}, "", true},
		{"LT", map[string]ExpectedValue{"n": {ComparisonOperator: "LT", AttributeValueList: vals(num(t, "5"))}}, "", false},
		{"GE", map[string]ExpectedValue{"s": {ComparisonOperator: "GE", AttributeValueList: vals(s("hello"))}}, "", true},
		{"GT", map[string]ExpectedValue{"s": {ComparisonOperator: "GT", AttributeValueList: vals(s("a"))}}, "", true},
		{"NULL", map[string]ExpectedValue{"nope": {ComparisonOperator: "NULL"}}, "", true},
		{"NOT_NULL", map[string]ExpectedValue{"nope": {ComparisonOperator: "NOT_NULL"}}, "", false},
		{"CONTAINS string", map[string]ExpectedValue{"s": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(s("ell"))}}, "", true},
		{"CONTAINS set", map[string]ExpectedValue{"ss": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(s("b"))}}, "", true},
		{"CONTAINS binary", map[string]ExpectedValue{"b": {ComparisonOperator: "CONTAINS", AttributeValueList: vals(attr.B([]byte("yz")))}}, "", true},
		{"NOT_CONTAINS", map[string]ExpectedValue{"ss": {ComparisonOperator: "NOT_CONTAINS", AttributeValueList: vals(s("c"))}}, "", true},
		{"BEGINS_WITH", map[string]ExpectedValue{"s": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: vals(s("he"))}}, "", true},
		{"IN", map[string]ExpectedValue{"n": {ComparisonOperator: "IN", AttributeValueList: vals(num(t, "1"), num(t, "5"))}}, "", true},
		{"BETWEEN", map[string]ExpectedValue{"n": {ComparisonOperator: "BETWEEN", AttributeValueList: vals(num(t, "1"), num(t, "4"))}}, "", false},
		{"AND", map[string]ExpectedValue{"n": {ComparisonOperator: "NOT_NULL"}, "nope": {ComparisonOperator: "NOT_NULL"}}, "AND", false},
		{"OR", map[string]ExpectedValue{"n": {ComparisonOperator: "NOT_NULL"}, "nope": {ComparisonOperator: "NOT_NULL"}}, "OR", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromExpected("Expected", tt.m, tt.op)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Eval(item); got != tt.want {
				t.Errorf("Eval = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFromExpected_Errors(t *testing.T) {
	s := attr.S("x")
	n := num(t, "1")
	tests := []struct {
		name, param string
		m           map[string]ExpectedValue
		op, want    string
	}{
		{"bad conditional operator", "Expected", map[string]ExpectedValue{"a": {Exists: ptr(false)}}, "XOR",
			"1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]"},
		{"bad comparison operator", "QueryFilter", map[string]ExpectedValue{"a": {ComparisonOperator: "LIKE"}}, "",
			"1 validation error detected: Value 'LIKE' at 'queryFilter.a.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"},
		{"EQ without arguments", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "EQ"}}, "",
			"One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
		{"NULL with an argument", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "NULL", AttributeValueList: []attr.Value{s}}}, "",
			"One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator"},
		{"BETWEEN with one argument", "ScanFilter", map[string]ExpectedValue{"a": {ComparisonOperator: "BETWEEN", AttributeValueList: []attr.Value{s}}}, "",
			"One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator"},
		{"IN without arguments", "ScanFilter", map[string]ExpectedValue{"a": {ComparisonOperator: "IN"}}, "",
			"One or more parameter values were invalid: Invalid number of argument(s) for the IN ComparisonOperator"},
		{"GT on a set", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "GT", AttributeValueList: []attr.Value{ss(t, "x")}}}, "",
			"One or more parameter values were invalid: ComparisonOperator GT is not valid for SS AttributeValue type"},
		{"BEGINS_WITH on a number", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "BEGINS_WITH", AttributeValueList: []attr.Value{n}}}, "",
			"One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"},
		{"CONTAINS on a list", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "CONTAINS", AttributeValueList: []attr.Value{list()}}}, "",
			"One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L AttributeValue type"},
		{"BETWEEN mixed types", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "BETWEEN", AttributeValueList: []attr.Value{s, n}}}, "",
			"One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type"},
		{"BETWEEN reversed", "Expected", map[string]ExpectedValue{"a": {ComparisonOperator: "BETWEEN", AttributeValueList: []attr.Value{num(t, "2"), n}}}, "",
			"One or more parameter values were invalid: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
		{"Exists true without Value", "Expected", map[string]ExpectedValue{"a": {Exists: ptr(true)}}, "",
			"One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a"},
		{"nothing", "Expected", map[string]ExpectedValue{"a": {}}, "",
			"One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a"},
		{"Exists false with Value", "Expected", map[string]ExpectedValue{"a": {Exists: ptr(false), Value: &s}}, "",
			"One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a"},
		{"Value with operator", "Expected", map[string]ExpectedValue{"a": {Value: &s, ComparisonOperator: "EQ", AttributeValueList: []attr.Value{s}}}, "",
			"One or more parameter values were invalid: Value or Exists cannot be used with ComparisonOperator for Attribute: a"},
		{"list without operator", "Expected", map[string]ExpectedValue{"a": {AttributeValueList: []attr.Value{s}}}, "",
			"One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromExpected(tt.param, tt.m, tt.op)
			if got := errText(t, err); got != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestFromAttributeUpdates(t *testing.T) {
	item := attr.Item{"n": num(t, "1"), "s": attr.S("x"), "ss": ss(t, "a", "b"), "l": list(attr.S("a"))}
	tests := []struct {
		name    string
		m       map[string]AttributeUpdate
		want    attr.Item
		wantErr string
	}{
		{"PUT default", map[string]AttributeUpdate{"s": {Value: ptr(attr.S("y"))}},
			attr.Item{"n": num(t, "1"), "s": attr.S("y"), "ss": ss(t, "a", "b"), "l": list(attr.S("a"))}, ""},
		{"PUT new", map[string]AttributeUpdate{"z": {Action: "PUT", Value: ptr(attr.Bool(true))}},
			attr.Item{"n": num(t, "1"), "s": attr.S("x"), "ss": ss(t, "a", "b"), "l": list(attr.S("a")), "z": attr.Bool(true)}, ""},
		{"DELETE attribute", map[string]AttributeUpdate{"s": {Action: "DELETE"}},
			attr.Item{"n": num(t, "1"), "ss": ss(t, "a", "b"), "l": list(attr.S("a"))}, ""},
		{"DELETE members", map[string]AttributeUpdate{"ss": {Action: "DELETE", Value: ptr(ss(t, "a"))}},
			attr.Item{"n": num(t, "1"), "s": attr.S("x"), "ss": ss(t, "b"), "l": list(attr.S("a"))}, ""},
		{"ADD number, set and list", map[string]AttributeUpdate{
			"n": {Action: "ADD", Value: ptr(num(t, "2"))}, "ss": {Action: "ADD", Value: ptr(ss(t, "c"))}, "l": {Action: "ADD", Value: ptr(list(attr.S("b")))},
		}, attr.Item{"n": num(t, "3"), "s": attr.S("x"), "ss": ss(t, "a", "b", "c"), "l": list(attr.S("a"), attr.S("b"))}, ""},
		{"ADD mismatch", map[string]AttributeUpdate{"s": {Action: "ADD", Value: ptr(num(t, "2"))}}, nil,
			"One or more parameter values were invalid: Type mismatch for attribute to update"},
		{"PUT without value", map[string]AttributeUpdate{"s": {}}, nil,
			"One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified"},
		{"ADD string", map[string]AttributeUpdate{"s": {Action: "ADD", Value: ptr(attr.S("y"))}}, nil,
			"One or more parameter values were invalid: ADD action is not supported for the type S"},
		{"DELETE number", map[string]AttributeUpdate{"n": {Action: "DELETE", Value: ptr(num(t, "1"))}}, nil,
			"One or more parameter values were invalid: DELETE action with value is not supported for the type N"},
		{"unknown action", map[string]AttributeUpdate{"n": {Action: "MERGE", Value: ptr(num(t, "1"))}}, nil,
			"1 validation error detected: Value 'MERGE' at 'attributeUpdates.n.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := FromAttributeUpdates(tt.m)
			var got attr.Item
			if err == nil {
				got, err = u.Apply(item)
			}
			if g := errText(t, err); g != tt.wantErr {
				t.Fatalf("error\n got: %s\nwant: %s", g, tt.wantErr)
			}
			if err == nil && !itemsEqual(got, tt.want) {
				t.Errorf("Apply\n got: %s\nwant: %s", itemString(got), itemString(tt.want))
			}
		})
	}
}

func TestFromAttributesToGet(t *testing.T) {
	tests := []struct {
		names   []string
		want    int
		wantErr string
	}{
		{[]string{"a", "b.c", "status"}, 3, ""},
		{[]string{"a", "b", "a"}, 0, "One or more parameter values were invalid: Duplicate value in attribute name: a"},
		{nil, 0, "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1"},
	}
	for _, tt := range tests {
		t.Run(tt.wantErr, func(t *testing.T) {
			p, err := FromAttributesToGet(tt.names)
			if got := errText(t, err); got != tt.wantErr {
				t.Fatalf("error\n got: %s\nwant: %s", got, tt.wantErr)
			}
			if err != nil {
				return
			}
			if len(p.Paths()) != tt.want {
				t.Fatalf("len(Paths()) = %d, want %d", len(p.Paths()), tt.want)
			}
			// "b.c" is one top-level name, not a nested path.
			got := p.Apply(attr.Item{"b.c": attr.S("dotted"), "b": attr.M(map[string]attr.Value{"c": attr.S("nested")}), "z": attr.S("z")})
			if want := (attr.Item{"b.c": attr.S("dotted")}); !itemsEqual(got, want) {
				t.Errorf("Apply = %s, want %s", itemString(got), itemString(want))
			}
		})
	}
}

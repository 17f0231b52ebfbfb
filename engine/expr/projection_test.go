package expr

import (
	"reflect"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestProjection_Apply(t *testing.T) {
	item := attr.Item{
		"a": attr.S("x"),
		"n": num(t, "1"),
		"l": list(attr.S("l0"), attr.S("l1"), attr.M(map[string]attr.Value{"p": attr.S("q"), "r": attr.S("s")}), attr.S("l3")),
		"m": attr.M(map[string]attr.Value{
			"k":    attr.S("v"),
			"j":    attr.S("w"),
			"deep": attr.M(map[string]attr.Value{"z": num(t, "5"), "y": num(t, "6")}),
			"arr":  list(num(t, "7"), num(t, "8"), num(t, "9")),
		}),
	}
	tests := []struct {
		src  string
		want attr.Item
	}{
		{"a", attr.Item{"a": attr.S("x")}},
		{"a, n, nope", attr.Item{"a": attr.S("x"), "n": num(t, "1")}},
		{"nope", attr.Item{}},
		{"m.k", attr.Item{"m": attr.M(map[string]attr.Value{"k": attr.S("v")})}},
		{"m.k, m.deep.z", attr.Item{"m": attr.M(map[string]attr.Value{"k": attr.S("v"), "deep": attr.M(map[string]attr.Value{"z": num(t, "5")})})}},
		{"m.nope", attr.Item{}},
		{"a.b", attr.Item{}},
		{"l[1]", attr.Item{"l": list(attr.S("l1"))}},
		{"l[3], l[0]", attr.Item{"l": list(attr.S("l0"), attr.S("l3"))}},
		{"l[9]", attr.Item{}},
		{"l[2].r, l[1]", attr.Item{"l": list(attr.S("l1"), attr.M(map[string]attr.Value{"r": attr.S("s")}))}},
		{"m.arr[2], m.j", attr.Item{"m": attr.M(map[string]attr.Value{"arr": list(num(t, "9")), "j": attr.S("w")})}},
		{"l[0].x", attr.Item{}},
		{"#m.#k", attr.Item{"m": attr.M(map[string]attr.Value{"k": attr.S("v")})}},
	}
	names := map[string]string{"#m": "m", "#k": "k"}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			pp, err := ParseProjection(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			p, err := NewResolver(names, nil).Projection(pp)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Apply(item); !itemsEqual(got, tt.want) {
				t.Errorf("Apply(%q)\n got: %s\nwant: %s", tt.src, itemString(got), itemString(tt.want))
			}
			if got := p.Apply(nil); len(got) != 0 {
				t.Errorf("Apply(nil) = %s, want empty", itemString(got))
			}
		})
	}
}

func TestResolver_Projection(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a, b, c.d, c.e, f[0], f[1]", ""},
		{"a, a", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
		{"a.b, a", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"},
		{"#a, a.b[2]", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b, [2]]"},
		{"a[0], a.b", "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"},
		{"#x", "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			pp, err := ParseProjection(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = NewResolver(map[string]string{"#a": "a"}, nil).Projection(pp)
			if got := errText(t, err); got != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestProjection_Paths(t *testing.T) {
	pp, err := ParseProjection("#a.b[2], c")
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewResolver(map[string]string{"#a": "x.y"}, nil).Projection(pp)
	if err != nil {
		t.Fatal(err)
	}
	want := []Path{{Name: "x.y", Steps: []Step{{Key: "b", Index: -1}, {Index: 2}}}, {Name: "c"}}
	if got := p.Paths(); !reflect.DeepEqual(got, want) {
		t.Errorf("Paths() = %v, want %v", got, want)
	}
}

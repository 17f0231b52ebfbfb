package expr

import (
	"reflect"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestUpdate_Apply(t *testing.T) {
	base := func() attr.Item {
		return attr.Item{
			"pk": attr.S("k"),
			"n":  num(t, "10"),
			"s":  attr.S("x"),
			"l":  list(attr.S("a"), attr.S("b"), attr.S("c"), attr.S("d")),
			"m":  attr.M(map[string]attr.Value{"k": attr.S("v"), "deep": attr.M(map[string]attr.Value{"z": num(t, "1")}), "arr": list(num(t, "1"))}),
			"ss": ss(t, "a", "b"),
			"ns": ns(t, "1", "2"),
			"bs": bs(t, "p"),
		}
	}
	values := map[string]attr.Value{
		":s": attr.S("new"), ":one": num(t, "1"), ":half": num(t, "0.5"), ":l": list(attr.S("z")),
		":ssc": ss(t, "c", "a"), ":ssa": ss(t, "a"), ":ssab": ss(t, "a", "b"), ":ns3": ns(t, "3"), ":bsq": bs(t, "q"),
		":m": attr.M(map[string]attr.Value{"x": attr.S("y")}), ":e": list(),
	}
	tests := []struct {
		name, src string
		item      attr.Item // nil: base(); use noItem for "item does not exist"
		noItem    bool
		want      map[string]attr.Value // attributes expected to differ from base (zero Value: removed)
	}{
		{name: "set new top-level", src: "SET a = :s", want: map[string]attr.Value{"a": attr.S("new")}},
		{name: "set replaces", src: "SET s = :s", want: map[string]attr.Value{"s": attr.S("new")}},
		{name: "set copies an attribute", src: "SET a = s", want: map[string]attr.Value{"a": attr.S("x")}},
		{name: "set plus", src: "SET n = n + :one", want: map[string]attr.Value{"n": num(t, "11")}},
		{name: "set minus exact decimal", src: "SET n = n - :half", want: map[string]attr.Value{"n": num(t, "9.5")}},
		{name: "set value minus path", src: "SET a = :one - n", want: map[string]attr.Value{"a": num(t, "-9")}},
		{name: "operands read the old item", src: "SET n = :one, a = n", want: map[string]attr.Value{"n": num(t, "1"), "a": num(t, "10")}},
		{name: "list_append at end", src: "SET l = list_append(l, :l)", want: map[string]attr.Value{"l": list(attr.S("a"), attr.S("b"), attr.S("c"), attr.S("d"), attr.S("z"))}},
		{name: "list_append at front", src: "SET l = list_append(:l, l)", want: map[string]attr.Value{"l": list(attr.S("z"), attr.S("a"), attr.S("b"), attr.S("c"), attr.S("d"))}},
		{name: "if_not_exists present", src: "SET n = if_not_exists(n, :one)", want: map[string]attr.Value{}},
		{name: "if_not_exists absent", src: "SET c = if_not_exists(c, :one) + :one", want: map[string]attr.Value{"c": num(t, "2")}},
		{name: "list_append with if_not_exists", src: "SET nl = list_append(if_not_exists(nl, :e), :l)", want: map[string]attr.Value{"nl": list(attr.S("z"))}},
		{name: "set map member", src: "SET m.k = :s, m.deep.y = :one", want: map[string]attr.Value{"m": attr.M(map[string]attr.Value{"k": attr.S("new"), "deep": attr.M(map[string]attr.Value{"z": num(t, "1"), "y": num(t, "1")}), "arr": list(num(t, "1"))})}},
		{name: "set list element", src: "SET l[1] = :s", want: map[string]attr.Value{"l": list(attr.S("a"), attr.S("new"), attr.S("c"), attr.S("d"))}},
		{name: "set past the end appends", src: "SET l[10] = :s", want: map[string]attr.Value{"l": list(attr.S("a"), attr.S("b"), attr.S("c"), attr.S("d"), attr.S("new"))}},
		{name: "set nested list element", src: "SET m.arr[0] = :s", want: map[string]attr.Value{"m": attr.M(map[string]attr.Value{"k": attr.S("v"), "deep": attr.M(map[string]attr.Value{"z": num(t, "1")}), "arr": list(attr.S("new"))})}},
		{name: "remove top-level", src: "REMOVE s, n", want: map[string]attr.Value{"s": {}, "n": {}}},
		{name: "remove absent is a no-op", src: "REMOVE nothing, m.nothing, l[9]", want: map[string]attr.Value{}},
		{name: "remove map member", src: "REMOVE m.deep", want: map[string]attr.Value{"m": attr.M(map[string]attr.Value{"k": attr.S("v"), "arr": list(num(t, "1"))})}},
		{name: "remove list elements shifts", src: "REMOVE l[1], l[2]", want: map[string]attr.Value{"l": list(attr.S("a"), attr.S("d"))}},
		{name: "remove list elements any order", src: "REMOVE l[2], l[0]", want: map[string]attr.Value{"l": list(attr.S("b"), attr.S("d"))}},
		{name: "add number", src: "ADD n :one", want: map[string]attr.Value{"n": num(t, "11")}},
		{name: "add creates number", src: "ADD c :half", want: map[string]attr.Value{"c": num(t, "0.5")}},
		{name: "add to string set", src: "ADD ss :ssc", want: map[string]attr.Value{"ss": ss(t, "a", "b", "c")}},
		{name: "add to number set", src: "ADD ns :ns3", want: map[string]attr.Value{"ns": ns(t, "1", "2", "3")}},
		{name: "add to binary set", src: "ADD bs :bsq", want: map[string]attr.Value{"bs": bs(t, "p", "q")}},
		{name: "add creates set", src: "ADD c :ssa", want: map[string]attr.Value{"c": ss(t, "a")}},
		{name: "add nested number", src: "ADD m.deep.z :one", want: map[string]attr.Value{"m": attr.M(map[string]attr.Value{"k": attr.S("v"), "deep": attr.M(map[string]attr.Value{"z": num(t, "2")}), "arr": list(num(t, "1"))})}},
		{name: "delete members", src: "DELETE ss :ssa", want: map[string]attr.Value{"ss": ss(t, "b")}},
		{name: "delete absent members", src: "DELETE ss :ssc", want: map[string]attr.Value{"ss": ss(t, "b")}},
		{name: "delete last members removes", src: "DELETE ss :ssab", want: map[string]attr.Value{"ss": {}}},
		{name: "delete from absent attribute", src: "DELETE c :ssa", want: map[string]attr.Value{}},
		{name: "all clauses", src: "SET a = :s REMOVE s ADD n :one DELETE ns :ns3", want: map[string]attr.Value{"a": attr.S("new"), "s": {}, "n": num(t, "11")}},
		{name: "no item: set", src: "SET a = :s", noItem: true, want: map[string]attr.Value{"a": attr.S("new")}},
		{name: "no item: add", src: "ADD n :one, ss :ssa", noItem: true, want: map[string]attr.Value{"n": num(t, "1"), "ss": ss(t, "a")}},
		{name: "no item: remove", src: "REMOVE a", noItem: true, want: map[string]attr.Value{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := update(t, tt.src, nil, values)
			var in, want attr.Item
			if tt.noItem {
				want = attr.Item{}
			} else {
				in = base()
				want = base()
			}
			for k, v := range tt.want {
				if v.IsZero() {
					delete(want, k)
				} else {
					want[k] = v
				}
			}
			got, err := u.Apply(in)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if !itemsEqual(got, want) {
				t.Errorf("Apply(%q)\n got: %s\nwant: %s", tt.src, itemString(got), itemString(want))
			}
			if !tt.noItem && !itemsEqual(in, base()) {
				t.Errorf("Apply modified its input: %s", itemString(in))
			}
		})
	}
}

func itemsEqual(a, b attr.Item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !attr.Equal(v, w) {
			return false
		}
	}
	return true
}

func TestUpdate_ApplyErrors(t *testing.T) {
	item := attr.Item{
		"n": num(t, "10"), "s": attr.S("x"), "l": list(attr.S("a")), "ss": ss(t, "a"),
		"m":   attr.M(map[string]attr.Value{"k": attr.S("v")}),
		"big": num(t, "9.9999999999999999999999999999999999999E+125"),
	}
	values := map[string]attr.Value{":one": num(t, "1"), ":s": attr.S("y"), ":l": list(), ":ns": ns(t, "1"), ":ss": ss(t, "b"), ":big": num(t, "9E+125")}
	const (
		noAttr   = "The provided expression refers to an attribute that does not exist in the item"
		badType  = "An operand in the update expression has an incorrect data type"
		badPath  = "The document path provided in the update expression is invalid for update"
		overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	)
	tests := []struct{ src, want string }{
		{"SET a = nope", noAttr},
		{"SET a = nope + :one", noAttr},
		{"SET a = list_append(nope, :l)", noAttr},
		{"SET a = s + :one", badType},
		{"SET a = :one - s", badType},
		{"SET a = list_append(s, :l)", badType},
		{"SET a = list_append(:l, n)", badType},
		{"SET nope.x = :s", badPath},
		{"SET s.x = :s", badPath},
		{"SET s[0] = :s", badPath},
		{"SET m.a.b = :s", badPath},
		{"SET l[3].x = :s", badPath},
		{"SET m[0] = :s", badPath},
		{"REMOVE nope.x", badPath},
		{"REMOVE s[0]", badPath},
		{"REMOVE m.a.b", badPath},
		{"ADD s :one", badType},
		{"ADD n :ns", badType},
		{"ADD ss :ns", badType},
		{"ADD nope.x :one", badPath},
		{"DELETE ss :ns", badType},
		{"DELETE n :ns", badType},
		{"SET a = big + :big", overflow},
		{"ADD big :big", overflow},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := update(t, tt.src, nil, values).Apply(item)
			if got := errText(t, err); got != tt.want {
				t.Errorf("Apply error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestResolver_Update(t *testing.T) {
	values := map[string]attr.Value{":s": attr.S("x"), ":n": num(t, "1"), ":ss": ss(t, "a"), ":l": list(), ":b": attr.Bool(true), ":m": attr.M(nil)}
	names := map[string]string{"#a": "a", "#b": "b"}
	tests := []struct{ src, want string }{
		{"SET a = :s, b = :s", ""},
		{"SET a[0] = :s, a[1] = :s", ""},
		{"SET a = :s REMOVE a", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"},
		{"SET a = :s, a.b = :s", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"},
		{"SET #a.#b = :s, a = :s", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]"},
		{"REMOVE a[1] ADD a[1].c :n", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, [1], c]"},
		{"SET a[0] = :s, a.b = :s", "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]"},
		{"SET #x = :s", "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"SET a = :x", "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x"},
		{"ADD a :s", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING"},
		{"ADD a :l", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST"},
		{"DELETE a :n", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER"},
		{"DELETE a :b", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: BOOLEAN"},
		{"SET a = b + :s", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S"},
		{"SET a = :m - b", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: M"},
		{"SET a = list_append(b, :n)", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N"},
		{"ADD a :n, b :ss DELETE c :ss", ""},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseUpdate(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = NewResolver(names, values).Update(p)
			if got := errText(t, err); got != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestUpdate_Paths(t *testing.T) {
	u := update(t, "DELETE d :s ADD c :n REMOVE b[1] SET a.x = :n", nil, map[string]attr.Value{":n": num(t, "1"), ":s": ss(t, "a")})
	want := []Path{
		{Name: "a", Steps: []Step{{Key: "x", Index: -1}}},
		{Name: "b", Steps: []Step{{Index: 1}}},
		{Name: "c"},
		{Name: "d"},
	}
	if got := u.Paths(); !reflect.DeepEqual(got, want) {
		t.Errorf("Paths() = %v, want %v", got, want)
	}
	var strs []string
	for _, p := range u.Paths() {
		strs = append(strs, p.String())
	}
	if want := []string{"a.x", "b[1]", "c", "d"}; !reflect.DeepEqual(strs, want) {
		t.Errorf("Path.String() = %q, want %q", strs, want)
	}
}

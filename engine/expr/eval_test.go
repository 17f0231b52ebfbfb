package expr

import (
	"reflect"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestCondition_Eval(t *testing.T) {
	item := attr.Item{
		"s":     attr.S("hello world"),
		"s2":    attr.S("hello"),
		"u":     attr.S("héllo"),
		"n":     num(t, "10"),
		"n2":    num(t, "10.0"),
		"b":     attr.B([]byte{1, 2, 3}),
		"t":     attr.Bool(true),
		"t2":    attr.Bool(false),
		"ss2":   ss(t, "z"),
		"l2":    list(),
		"null":  attr.Null(),
		"ss":    ss(t, "x", "y"),
		"ns":    ns(t, "1", "2", "3"),
		"bs":    bs(t, "a", "b"),
		"l":     list(attr.S("x"), num(t, "1"), list(attr.S("in"))),
		"m":     attr.M(map[string]attr.Value{"k": attr.S("v"), "deep": attr.M(map[string]attr.Value{"z": num(t, "5")}), "arr": list(num(t, "7"), num(t, "8"))}),
		"blank": attr.S(""),
	}
	values := map[string]attr.Value{
		":hello": attr.S("hello"), ":world": attr.S("world"), ":x": attr.S("x"), ":zzz": attr.S("zzz"),
		":n10": num(t, "10"), ":n5": num(t, "5"), ":n20": num(t, "20"), ":n1": num(t, "1"), ":n3": num(t, "3"), ":n2": num(t, "2"), ":n11": num(t, "11"),
		":n0": num(t, "0"), ":n7": num(t, "7"),
		":b12": attr.B([]byte{1, 2}), ":b23": attr.B([]byte{2, 3}), ":b9": attr.B([]byte{9}), ":b123": attr.B([]byte{1, 2, 3}),
		":true": attr.Bool(true), ":false": attr.Bool(false), ":null": attr.Null(),
		":ss": ss(t, "y", "x"), ":ssx": ss(t, "x"), ":l": list(attr.S("in")),
		":S": attr.S("S"), ":N": attr.S("N"), ":B": attr.S("B"), ":BOOL": attr.S("BOOL"), ":NULL": attr.S("NULL"),
		":SS": attr.S("SS"), ":NS": attr.S("NS"), ":BS": attr.S("BS"), ":L": attr.S("L"), ":M": attr.S("M"),
		":m": attr.M(map[string]attr.Value{"z": num(t, "5")}), ":ba": attr.B([]byte("a")),
	}
	tests := []struct {
		src  string
		want bool
	}{
		// = and <> on every type, numbers compared numerically.
		{"s2 = :hello", true}, {"s = :hello", false}, {"n = :n10", true}, {"n2 = :n10", true}, {"n = n2", true},
		{"b = :b123", true}, {"b = :b12", false}, {"t = :true", true}, {"t = :false", false}, {"#null = :null", true},
		{"ss = :ss", true}, {"ss = :ssx", false}, {"l[2] = :l", true}, {"m.deep = :m", true},
		{"s <> :hello", true}, {"s2 <> :hello", false}, {"n <> :n10", false},
		// Mismatched types: = false, <> true, ordering false.
		{"n = :hello", false}, {"n <> :hello", true}, {"n < :hello", false}, {"n >= :hello", false},
		// Missing attributes: comparisons false, <> true.
		{"gone = :n10", false}, {"gone <> :n10", true}, {"gone < :n10", false}, {"m.nope = :n5", false},
		{"gone = missing2", false},
		// Ordering on S (bytes), N (numeric) and B (unsigned bytes).
		{"s2 < s", true}, {"s < s2", false}, {"s2 <= :hello", true}, {"s > :hello", true}, {"s >= :zzz", false},
		{"n < :n20", true}, {"n < :n5", false}, {"n <= n2", true}, {"n > :n5", true}, {"n >= :n11", false},
		{"b > :b12", true}, {"b < :b23", true}, {"b >= :b9", false},
		{"t > t2", false}, {"ss <= ss2", false}, {"l >= l2", false},
		// BETWEEN is inclusive.
		{"n BETWEEN :n5 AND :n20", true}, {"n BETWEEN :n10 AND :n10", true}, {"n BETWEEN :n11 AND :n20", false},
		{"s BETWEEN :hello AND :zzz", true}, {"b BETWEEN :b12 AND :b23", true}, {"n BETWEEN :hello AND :zzz", false},
		{"gone BETWEEN :n5 AND :n20", false},
		// IN.
		{"n IN (:n1, :n10)", true}, {"n IN (:n1, :n2)", false}, {"s2 IN (:x, :hello)", true}, {"gone IN (:n1)", false},
		// Logic.
		{"n = :n10 AND s2 = :hello", true}, {"n = :n10 AND s2 = :x", false}, {"n = :n1 OR s2 = :hello", true},
		{"n = :n1 OR s2 = :x", false}, {"NOT n = :n1", true}, {"NOT NOT n = :n1", false},
		{"n = :n1 OR n = :n10 AND s = :x", false}, {"(n = :n1 OR n = :n10) AND s2 = :hello", true},
		{"NOT gone = :n1", true},
		// attribute_exists / attribute_not_exists.
		{"attribute_exists(s)", true}, {"attribute_exists(gone)", false}, {"attribute_exists(m.deep.z)", true},
		{"attribute_exists(l[1])", true}, {"attribute_exists(l[3])", false}, {"attribute_exists(s.x)", false},
		{"attribute_exists(#null)", true}, {"attribute_not_exists(gone)", true}, {"attribute_not_exists(n)", false},
		{"attribute_exists(m.arr[1])", true}, {"attribute_exists(m[0])", false},
		// attribute_type for every type.
		{"attribute_type(s, :S)", true}, {"attribute_type(n, :N)", true}, {"attribute_type(b, :B)", true},
		{"attribute_type(t, :BOOL)", true}, {"attribute_type(#null, :NULL)", true}, {"attribute_type(ss, :SS)", true},
		{"attribute_type(ns, :NS)", true}, {"attribute_type(bs, :BS)", true}, {"attribute_type(l, :L)", true},
		{"attribute_type(m, :M)", true}, {"attribute_type(s, :N)", false}, {"attribute_type(gone, :S)", false},
		// begins_with on S and B.
		{"begins_with(s, :hello)", true}, {"begins_with(s, :world)", false}, {"begins_with(b, :b12)", true},
		{"begins_with(b, :b23)", false}, {"begins_with(n, :hello)", false}, {"begins_with(s, :b12)", false},
		{"begins_with(gone, :hello)", false}, {"begins_with(s, s2)", true}, {"begins_with(s, blank)", true},
		// contains on S, B, sets and lists.
		{"contains(s, :world)", true}, {"contains(s, :zzz)", false}, {"contains(b, :b23)", true}, {"contains(b, :b9)", false},
		{"contains(ss, :x)", true}, {"contains(ss, :zzz)", false}, {"contains(ns, :n3)", true}, {"contains(ns, :n5)", false},
		{"contains(ns, :x)", false}, {"contains(bs, :ba)", true}, {"contains(l, :x)", true}, {"contains(l, :n1)", true},
		{"contains(l, :l)", true}, {"contains(l, :n2)", false}, {"contains(n, :n1)", false}, {"contains(gone, :x)", false},
		{"contains(m, :x)", false},
		// size on S (UTF-8 bytes), B, sets, L and M; types without a size compare false.
		{"size(s) = :n11", true}, {"size(u) = :n5", false}, {"size(b) = :n3", true}, {"size(ss) = :n2", true},
		{"size(ns) = :n3", true}, {"size(bs) = :n2", true}, {"size(l) = :n3", true}, {"size(m) = :n3", true},
		{"size(blank) = :n0", true}, {"size(n) = :n2", false}, {"size(n) <> :n2", true}, {"size(t) > :n0", false},
		{"size(gone) = :n0", false}, {"size(m.arr) BETWEEN :n1 AND :n2", true}, {"size(l) IN (:n1, :n3)", true},
		{"size(:hello) = :n5", true}, {"size(m.deep) < size(l)", true},
	}
	names := map[string]string{"#null": "null"}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			c := cond(t, tt.src, names, values)
			if got := c.Eval(item); got != tt.want {
				t.Errorf("Eval(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestCondition_EvalNoItem(t *testing.T) {
	values := map[string]attr.Value{":v": attr.S("x")}
	tests := []struct {
		src  string
		want bool
	}{
		{"attribute_not_exists(pk)", true},
		{"attribute_exists(pk)", false},
		{"a = :v", false},
		{"a <> :v", true},
		{"NOT contains(a, :v)", true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			if got := cond(t, tt.src, nil, values).Eval(nil); got != tt.want {
				t.Errorf("Eval(nil) = %v, want %v", got, tt.want)
			}
		})
	}
	var none *Condition
	if !none.Eval(nil) {
		t.Errorf("nil Condition: Eval = false, want true")
	}
}

func TestResolver_Condition(t *testing.T) {
	values := map[string]attr.Value{
		":s": attr.S("x"), ":n": num(t, "1"), ":m": attr.M(nil), ":l": attr.L(nil), ":t": attr.Bool(true),
		":bad": attr.S("STRING"), ":lo": attr.S("b"), ":hi": attr.S("a"),
	}
	tests := []struct{ src, want string }{
		{"#x = :s", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"a.#x = :s", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"},
		{"a = :nope", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope"},
		{"begins_with(a, :n)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{"begins_with(a, :m)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: M"},
		{"a < :m", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: M"},
		{"a >= :t", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >=, operand type: BOOL"},
		{"a BETWEEN :l AND :s", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: L"},
		{"a BETWEEN :lo AND :hi", "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}"},
		{"attribute_type(a, :bad)", "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
		{"attribute_type(a, :n)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N"},
		{"size(:n) = :n", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N"},
		{"a = :m AND b <> :t AND c IN (:l, :m)", ""},
		{"a = a", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"},
		{"a[1].b < #ab[1].b", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [a, [1], b]"},
		{"a BETWEEN :s AND a", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: BETWEEN, first operand: [a]"},
		{"a IN (:s, b, a)", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]"},
		{"a = b AND b IN (a, :s) AND a.b = a.c", ""},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseCondition(KindCondition, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = NewResolver(map[string]string{"#ab": "a"}, values).Condition(KindCondition, p)
			if got := errText(t, err); got != tt.want {
				t.Errorf("error\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestResolver_CheckUnused(t *testing.T) {
	v := attr.S("x")
	tests := []struct {
		name   string
		exprs  []string
		names  map[string]string
		values map[string]attr.Value
		want   string
	}{
		{"all used", []string{"#a = :a", "#b = :a"}, map[string]string{"#a": "a", "#b": "b"}, map[string]attr.Value{":a": v}, ""},
		{"nil maps", []string{"a = b"}, nil, nil, ""},
		{"unused names", []string{"#a = :a"}, map[string]string{"#a": "a", "#c": "c", "#b": "b"}, map[string]attr.Value{":a": v},
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}"},
		{"unused values", []string{"a = :a"}, nil, map[string]attr.Value{":a": v, ":b": v, ":c": v},
			"Value provided in ExpressionAttributeValues unused in expressions: keys: {:b, :c}"},
		{"names first", []string{"a = :a"}, map[string]string{"#z": "z"}, map[string]attr.Value{":a": v, ":b": v},
			"Value provided in ExpressionAttributeNames unused in expressions: keys: {#z}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewResolver(tt.names, tt.values)
			for _, src := range tt.exprs {
				p, err := ParseCondition(KindCondition, src)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := r.Condition(KindCondition, p); err != nil {
					t.Fatal(err)
				}
			}
			if got := errText(t, r.CheckUnused()); got != tt.want {
				t.Errorf("CheckUnused\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestCondition_Paths(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"a = :v", []string{"a"}},
		{"#n.b[2] = :v AND NOT (size(c) > :v OR contains(d, e))", []string{"x.b[2]", "c", "d", "e"}},
		{"f BETWEEN g AND :v", []string{"f", "g"}},
		{"attribute_exists(h)", []string{"h"}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			c := cond(t, tt.src, map[string]string{"#n": "x"}, map[string]attr.Value{":v": attr.S("v")})
			var got []string
			for _, p := range c.Paths() {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paths() = %q, want %q", got, tt.want)
			}
		})
	}
	var none *Condition
	if got := none.Paths(); got != nil {
		t.Errorf("nil Condition: Paths() = %v, want nil", got)
	}
}

package expr

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCondition_Canonical(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a = :v", "a = :v"},
		{"a=:v", "a = :v"},
		{"#n <> :v", "#n <> :v"},
		{"a < :v", "a < :v"},
		{"a <= :v", "a <= :v"},
		{"a > :v", "a > :v"},
		{"a >= :v", "a >= :v"},
		{"a.b[3].c = :v", "a.b[3].c = :v"},
		{"#a.#b[0][1] = :v", "#a.#b[0][1] = :v"},
		{"a between :lo and :hi", "a BETWEEN :lo AND :hi"},
		{"a IN (:a, :b,:c)", "a IN (:a, :b, :c)"},
		{"a in (:a)", "a IN (:a)"},
		{"attribute_exists(a)", "attribute_exists(a)"},
		{"attribute_not_exists( #a )", "attribute_not_exists(#a)"},
		{"attribute_type(a, :t)", "attribute_type(a, :t)"},
		{"begins_with(a, :p)", "begins_with(a, :p)"},
		{"contains(a, :m)", "contains(a, :m)"},
		{"size(a) > :n", "size(a) > :n"},
		{":n < size(a.b)", ":n < size(a.b)"},
		{"size(a) BETWEEN :a AND :b", "size(a) BETWEEN :a AND :b"},
		// Precedence: NOT binds tighter than AND, AND tighter than OR.
		{"a = :a OR b = :b AND c = :c", "a = :a OR b = :b AND c = :c"},
		{"(a = :a OR b = :b) AND c = :c", "(a = :a OR b = :b) AND c = :c"},
		{"NOT a = :a AND b = :b", "NOT a = :a AND b = :b"},
		{"NOT (a = :a AND b = :b)", "NOT (a = :a AND b = :b)"},
		{"not not a = :a", "NOT NOT a = :a"},
		{"(a = :a)", "a = :a"},
		{"a = :a AND (b = :b AND c = :c)", "a = :a AND (b = :b AND c = :c)"},
		{"a = :a or (b = :b or c = :c)", "a = :a OR (b = :b OR c = :c)"},
		{"\ta\n=\r:a ", "a = :a"},
		{"a_1 = :v_1", "a_1 = :v_1"},
		{"_x = :y", "_x = :y"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseCondition(KindCondition, tt.src)
			if err != nil {
				t.Fatalf("ParseCondition(%q): %v", tt.src, err)
			}
			if got := p.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			again, err := ParseCondition(KindCondition, p.String())
			if err != nil {
				t.Fatalf("re-parse of %q: %v", p.String(), err)
			}
			if !reflect.DeepEqual(again, p) {
				t.Errorf("re-parse of %q gives a different tree", p.String())
			}
		})
	}
}

func TestParseCondition_Precedence(t *testing.T) {
	tests := []struct {
		src  string
		root condOp
		kids []condOp
	}{
		{"a = :a OR b = :b AND c = :c", condOr, []condOp{condCompare, condAnd}},
		{"a = :a AND b = :b OR c = :c", condOr, []condOp{condAnd, condCompare}},
		{"NOT a = :a OR b = :b", condOr, []condOp{condNot, condCompare}},
		{"NOT a = :a AND b = :b", condAnd, []condOp{condNot, condCompare}},
		{"NOT (a = :a AND b = :b)", condNot, []condOp{condAnd}},
		{"a = :a AND b = :b AND c = :c", condAnd, []condOp{condCompare, condCompare, condCompare}},
		{"a = :a AND (b = :b OR c = :c)", condAnd, []condOp{condCompare, condOr}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseCondition(KindFilter, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			var kids []condOp
			for _, k := range p.root.kids {
				kids = append(kids, k.op)
			}
			if p.root.op != tt.root || !reflect.DeepEqual(kids, tt.kids) {
				t.Errorf("root %d kids %v, want root %d kids %v", p.root.op, kids, tt.root, tt.kids)
			}
		})
	}
}

func TestParseCondition_Errors(t *testing.T) {
	long := "a = :v" + strings.Repeat(" ", 4091)
	tests := []struct {
		kind Kind
		src  string
		want string
	}{
		{KindCondition, "", "Invalid ConditionExpression: The expression can not be empty;"},
		{KindFilter, "  \n", "Invalid FilterExpression: The expression can not be empty;"},
		{KindKeyCondition, "", "Invalid KeyConditionExpression: The expression can not be empty;"},
		{KindCondition, long, "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097"},
		{KindCondition, "a =", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a ="`},
		{KindCondition, "a", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a"`},
		{KindCondition, "a = :v AND", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":v AND"`},
		{KindCondition, "a = = :v", `Invalid ConditionExpression: Syntax error; token: "=", near: "= = :v"`},
		{KindCondition, "a = :v b", `Invalid ConditionExpression: Syntax error; token: "b", near: ":v b"`},
		{KindCondition, "a ! :v", `Invalid ConditionExpression: Syntax error; token: "!", near: "a ! :v"`},
		{KindCondition, "a = :v)", `Invalid ConditionExpression: Syntax error; token: ")", near: ":v)"`},
		{KindCondition, "(a = :v", `Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= :v"`},
		{KindCondition, "a[x] = :v", `Invalid ConditionExpression: Syntax error; token: "x", near: "[x]"`},
		{KindCondition, "a.:v = :v", `Invalid ConditionExpression: Syntax error; token: ":v", near: ".:v ="`},
		{KindCondition, "a BETWEEN :a OR :b", `Invalid ConditionExpression: Syntax error; token: "OR", near: ":a OR :b"`},
		{KindCondition, "a IN ()", `Invalid ConditionExpression: Syntax error; token: ")", near: "()"`},
		{KindCondition, "a = AND", `Invalid ConditionExpression: Syntax error; token: "AND", near: "= AND"`},
		{KindCondition, "# = :v", `Invalid ConditionExpression: Syntax error; token: "#", near: "# ="`},
		{KindCondition, "a = :v AND é", `Invalid ConditionExpression: Syntax error; token: "é", near: "AND é"`},
		{KindCondition, "\u00a0", "Invalid ConditionExpression: Syntax error; token: \"\u00a0\", near: \"\u00a0\""},
		{KindCondition, "a-b = :v", `Invalid ConditionExpression: Syntax error; token: "-", near: "a-b"`},
		{KindCondition, "a = :v AND b[99999999999999999999] = :v", `Invalid ConditionExpression: Syntax error; token: "99999999999999999999", near: "[99999999999999999999]"`},
		{KindCondition, "status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status"},
		{KindFilter, "a.Size = :v", "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Size"},
		{KindKeyCondition, "pk = :v AND DATA > :w", "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: DATA"},
		{KindCondition, "((a = :v))", "Invalid ConditionExpression: The expression has redundant parentheses;"},
		{KindCondition, "foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo"},
		{KindCondition, "size(a)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"},
		{KindCondition, "attribute_exists(a) = :v", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists"},
		{KindCondition, "list_append(a, :v) = :v", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: list_append"},
		{KindCondition, "begins_with(a)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"},
		{KindCondition, "attribute_exists(a, b)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"},
		{KindCondition, "size() = :v", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 0"},
		{KindCondition, "attribute_exists(:v)", "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists"},
		{KindCondition, "attribute_type(:v, :t)", "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_type"},
		{KindCondition, "a IN (" + strings.TrimSuffix(strings.Repeat(":v,", 101), ",") + ")", "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101"},
		{KindCondition, strings.Repeat("NOT ", 300) + "a = :v", "Invalid ConditionExpression: The expression has too many nested levels; maximum nesting depth: 256"},
		{KindCondition, strings.Repeat("(a = :v AND ", 300) + "a = :v" + strings.Repeat(")", 300), "Invalid ConditionExpression: The expression has too many nested levels; maximum nesting depth: 256"},
		{KindCondition, strings.Repeat("size(", 300) + "a" + strings.Repeat(")", 300) + " = :v", "Invalid ConditionExpression: The expression has too many nested levels; maximum nesting depth: 256"},
	}
	for _, tt := range tests {
		name := tt.src
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			p, err := ParseCondition(tt.kind, tt.src)
			if got := errText(t, err); got != tt.want {
				t.Errorf("ParseCondition(%q) error\n got: %s\nwant: %s", tt.src, got, tt.want)
			}
			if err != nil && p != nil {
				t.Errorf("ParseCondition returned a tree with an error")
			}
		})
	}
}

func TestParseProjection(t *testing.T) {
	tests := []struct{ src, want, wantErr string }{
		{src: "a", want: "a"},
		{src: "a,b.c , d[1][2].e,#x", want: "a, b.c, d[1][2].e, #x"},
		{src: "", wantErr: "Invalid ProjectionExpression: The expression can not be empty;"},
		{src: "a,", wantErr: `Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: "a,"`},
		{src: "a b", wantErr: `Invalid ProjectionExpression: Syntax error; token: "b", near: "a b"`},
		{src: ":v", wantErr: `Invalid ProjectionExpression: Syntax error; token: ":v", near: ":v"`},
		{src: "a, name", wantErr: "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name"},
		{src: "size(a)", wantErr: `Invalid ProjectionExpression: Syntax error; token: "(", near: "size(a"`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseProjection(tt.src)
			if got := errText(t, err); got != tt.wantErr {
				t.Fatalf("error\n got: %s\nwant: %s", got, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := p.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseUpdate(t *testing.T) {
	tests := []struct{ src, want, wantErr string }{
		{src: "SET a = :v", want: "SET a = :v"},
		{src: "set a=:v, b = c + :w,d=:x-e", want: "SET a = :v, b = c + :w, d = :x - e"},
		{src: "SET a = list_append(a, :l), b = if_not_exists(b, :z)", want: "SET a = list_append(a, :l), b = if_not_exists(b, :z)"},
		{src: "SET a = if_not_exists(a, :z) + :one", want: "SET a = if_not_exists(a, :z) + :one"},
		{src: "SET a = list_append(if_not_exists(a, :e), :l)", want: "SET a = list_append(if_not_exists(a, :e), :l)"},
		{src: "REMOVE a, b.c[2] ADD n :one DELETE s :m SET x = :x", want: "SET x = :x REMOVE a, b.c[2] ADD n :one DELETE s :m"},
		{src: "add n :one, m :two", want: "ADD n :one, m :two"},
		{src: "", wantErr: "Invalid UpdateExpression: The expression can not be empty;"},
		{src: "SET", wantErr: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"`},
		{src: "SET a", wantErr: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET a"`},
		{src: "SET a = :v,", wantErr: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ":v,"`},
		{src: "UPSERT a = :v", wantErr: `Invalid UpdateExpression: Syntax error; token: "UPSERT", near: "UPSERT a"`},
		{src: "SET a = :v SET b = :w", wantErr: `Invalid UpdateExpression: The "SET" section can only be used once in an update expression;`},
		{src: "REMOVE a remove b", wantErr: `Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;`},
		{src: "ADD a b", wantErr: `Invalid UpdateExpression: Syntax error; token: "b", near: "a b"`},
		{src: "DELETE a", wantErr: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "DELETE a"`},
		{src: "SET a = :v + :w + :x", wantErr: `Invalid UpdateExpression: Syntax error; token: "+", near: ":w + :x"`},
		{src: "SET a = :v REMOVE", wantErr: `Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ":v REMOVE"`},
		{src: "SET #s = :v, status = :w", wantErr: "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status"},
		{src: "SET a = size(b)", wantErr: "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"},
		{src: "SET a = attribute_exists(b)", wantErr: "Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists"},
		{src: "SET a = foo(b)", wantErr: "Invalid UpdateExpression: Invalid function name; function: foo"},
		{src: "SET a = if_not_exists(:v, b)", wantErr: "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists"},
		{src: "SET a = list_append(:v)", wantErr: "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			p, err := ParseUpdate(tt.src)
			if got := errText(t, err); got != tt.wantErr {
				t.Fatalf("error\n got: %s\nwant: %s", got, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := p.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			again, err := ParseUpdate(p.String())
			if err != nil || !reflect.DeepEqual(again, p) {
				t.Errorf("re-parse of %q: %v, same tree %v", p.String(), err, reflect.DeepEqual(again, p))
			}
		})
	}
}

func TestIsReserved(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"status", true}, {"STATUS", true}, {"Name", true}, {"abort", true}, {"zone", true},
		{"ttl", true}, {"size", true}, {"price", false}, {"id", false}, {"", false},
		{"ſtatus", false}, // not an identifier: ſ upper-cases to S only in Unicode
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := IsReserved(tt.word); got != tt.want {
				t.Errorf("IsReserved(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
	if n := len(reservedWords); n != 573 {
		t.Errorf("len(reservedWords) = %d, want 573", n)
	}
}

func TestKind_String(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{KindCondition, "ConditionExpression"},
		{KindFilter, "FilterExpression"},
		{KindKeyCondition, "KeyConditionExpression"},
		{KindProjection, "ProjectionExpression"},
		{KindUpdate, "UpdateExpression"},
		{Kind(0), "Expression"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.kind), got, tt.want)
		}
	}
}

func TestParse_PathDepth(t *testing.T) {
	// path returns a path with n dereferences: a.m.m…[0] alternating.
	path := func(n int) string {
		var b strings.Builder
		b.WriteString("a")
		for i := range n {
			if i%2 == 0 {
				b.WriteString(".m")
			} else {
				b.WriteString("[0]")
			}
		}
		return b.String()
	}
	tests := []struct {
		name  string
		parse func(src string) error
		src   string
		want  string
	}{
		{"condition, 32 dereferences", condParser(KindCondition), path(32) + " = :v", ""},
		{"condition, 33 dereferences", condParser(KindCondition), path(33) + " = :v",
			"Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33"},
		{"filter, in a function", condParser(KindFilter), "attribute_exists(" + path(40) + ")",
			"Invalid FilterExpression: The document path has too many nesting levels; nesting levels: 40"},
		{"syntax error takes precedence", condParser(KindCondition), path(33) + " = ",
			`Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "m ="`},
		{"projection, 32", func(src string) error { _, err := ParseProjection(src); return err }, "b, " + path(32), ""},
		{"projection, 33", func(src string) error { _, err := ParseProjection(src); return err }, "b, " + path(33),
			"Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33"},
		{"update target, 33", func(src string) error { _, err := ParseUpdate(src); return err }, "SET " + path(33) + " = :v",
			"Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33"},
		{"update operand, 33", func(src string) error { _, err := ParseUpdate(src); return err }, "SET b = " + path(33),
			"Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errText(t, tt.parse(tt.src)); got != tt.want {
				t.Errorf("parse %q:\n got  %q\n want %q", tt.src, got, tt.want)
			}
		})
	}
}

// condParser returns a parse function for conditions of kind.
func condParser(kind Kind) func(string) error {
	return func(src string) error { _, err := ParseCondition(kind, src); return err }
}

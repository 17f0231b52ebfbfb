package e2e

// Audit (R1) of issue 2's expression language over the AWS SDK for Go v2:
// every comparison operator, BETWEEN, IN, AND/OR/NOT precedence and
// parentheses, the six functions, document paths, update actions,
// ReturnValues per operation, and the expression errors.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// auExprItem is the item the expression audit works on.
func auExprItem() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":   sv("e"),
		"sk":   nv("1"),
		"s":    sv("hello"),
		"n":    nv("10"),
		"b":    &types.AttributeValueMemberB{Value: []byte{0, 1, 2}},
		"t":    &types.AttributeValueMemberBOOL{Value: true},
		"z":    &types.AttributeValueMemberNULL{Value: true},
		"l":    &types.AttributeValueMemberL{Value: []types.AttributeValue{sv("a"), nv("2")}},
		"ss":   &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
		"ns":   &types.AttributeValueMemberNS{Value: []string{"1", "2", "3"}},
		"bs":   &types.AttributeValueMemberBS{Value: [][]byte{{1}}},
		"name": sv("reserved"),
		"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"k": sv("v"),
			"in2": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"deep": &types.AttributeValueMemberL{Value: []types.AttributeValue{nv("1"), nv("2"),
					&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"c": nv("3")}}}},
			}},
		}},
	}
}

var auExprKey = map[string]types.AttributeValue{"pk": sv("e"), "sk": nv("1")}

// auExprClient returns a client whose table "AudN" holds auExprItem.
func auExprClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	c := auClient(t)
	rdPut(t, c, "AudN", auExprItem())
	return c
}

// auVals builds ExpressionAttributeValues from name/value pairs; a value
// starting with "#" is a number, "[" a string set of the comma-separated
// rest, anything else a string.
func auVals(pairs ...string) map[string]types.AttributeValue {
	if len(pairs) == 0 {
		return nil
	}
	m := map[string]types.AttributeValue{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v := pairs[i+1]
		switch {
		case strings.HasPrefix(v, "#"):
			m[pairs[i]] = nv(v[1:])
		case strings.HasPrefix(v, "["):
			m[pairs[i]] = &types.AttributeValueMemberSS{Value: strings.Split(v[1:], ",")}
		default:
			m[pairs[i]] = sv(v)
		}
	}
	return m
}

func TestAudit_ConditionOperatorsAndFunctions(t *testing.T) {
	c := auExprClient(t)
	ctx := context.Background()
	cases := []struct {
		cond  string
		names map[string]string
		vals  []string
		holds bool
	}{
		{"n = :v", nil, []string{":v", "#10"}, true},
		{"n = :v", nil, []string{":v", "#10.0"}, true},
		{"n = :v", nil, []string{":v", "10"}, false}, // N 10 is not S "10"
		{"n <> :v", nil, []string{":v", "#11"}, true},
		{"n <> :v", nil, []string{":v", "10"}, true}, // different types differ
		{"n < :v", nil, []string{":v", "#10.5"}, true},
		{"n < :v", nil, []string{":v", "#10"}, false},
		{"n <= :v", nil, []string{":v", "#10"}, true},
		{"n > :v", nil, []string{":v", "#9"}, true},
		{"n > :v", nil, []string{":v", "#-100"}, true},
		{"n >= :v", nil, []string{":v", "#10"}, true},
		{"n >= :v", nil, []string{":v", "#10.01"}, false},
		{"n < :v", nil, []string{":v", "z"}, false}, // ordering across types is false
		{"s < :v", nil, []string{":v", "help"}, true},
		{"s > :v", nil, []string{":v", "Hello"}, true}, // by bytes: 'h' > 'H'
		{"n BETWEEN :lo AND :hi", nil, []string{":lo", "#10", ":hi", "#10"}, true},
		{"n BETWEEN :lo AND :hi", nil, []string{":lo", "#1", ":hi", "#9"}, false},
		{"s BETWEEN :lo AND :hi", nil, []string{":lo", "a", ":hi", "i"}, true},
		{"n IN (:a, :b)", nil, []string{":a", "#1", ":b", "#10"}, true},
		{"n IN (:a)", nil, []string{":a", "#1"}, false},
		{"NOT n = :ten OR n = :ten AND n = :eleven", nil, []string{":ten", "#10", ":eleven", "#11"}, false},
		{"n = :ten OR n = :eleven AND n = :eleven", nil, []string{":ten", "#10", ":eleven", "#11"}, true}, // AND binds tighter than OR
		{"(n = :ten OR n = :eleven) AND n = :eleven", nil, []string{":ten", "#10", ":eleven", "#11"}, false},
		{"NOT (n = :ten AND n = :eleven)", nil, []string{":ten", "#10", ":eleven", "#11"}, true},
		{"NOT n = :eleven AND n = :ten", nil, []string{":ten", "#10", ":eleven", "#11"}, true}, // NOT binds tighter than AND
		{"attribute_exists(s) AND attribute_exists(m.in2.deep[2].c)", nil, nil, true},
		{"attribute_exists(m.in2.deep[3])", nil, nil, false},
		{"attribute_not_exists(nope) AND attribute_not_exists(l[5])", nil, nil, true},
		{"attribute_not_exists(s)", nil, nil, false},
		{"attribute_type(s, :t)", nil, []string{":t", "S"}, true},
		{"attribute_type(n, :t)", nil, []string{":t", "N"}, true},
		{"attribute_type(b, :t)", nil, []string{":t", "B"}, true},
		{"attribute_type(t, :t)", nil, []string{":t", "BOOL"}, true},
		{"attribute_type(z, :t)", nil, []string{":t", "NULL"}, true},
		{"attribute_type(l, :t)", nil, []string{":t", "L"}, true},
		{"attribute_type(m, :t)", nil, []string{":t", "M"}, true},
		{"attribute_type(ss, :t)", nil, []string{":t", "SS"}, true},
		{"attribute_type(ns, :t)", nil, []string{":t", "NS"}, true},
		{"attribute_type(bs, :t)", nil, []string{":t", "BS"}, true},
		{"attribute_type(ss, :t)", nil, []string{":t", "S"}, false},
		{"attribute_type(nope, :t)", nil, []string{":t", "S"}, false},
		{"begins_with(s, :p)", nil, []string{":p", "he"}, true},
		{"begins_with(s, :p)", nil, []string{":p", "lo"}, false},
		{"begins_with(n, :p)", nil, []string{":p", "1"}, false}, // a number never begins with anything
		{"contains(s, :p)", nil, []string{":p", "ell"}, true},
		{"contains(ss, :p)", nil, []string{":p", "y"}, true},
		{"contains(ss, :p)", nil, []string{":p", "z"}, false},
		{"contains(ns, :p)", nil, []string{":p", "#3"}, true},
		{"contains(l, :p)", nil, []string{":p", "a"}, true},
		{"contains(l, :p)", nil, []string{":p", "#2"}, true},
		{"size(s) = :v", nil, []string{":v", "#5"}, true},
		{"size(b) = :v", nil, []string{":v", "#3"}, true},
		{"size(l) = :v", nil, []string{":v", "#2"}, true},
		{"size(m) = :v", nil, []string{":v", "#2"}, true},
		{"size(ss) = :v AND size(ns) > :w", nil, []string{":v", "#2", ":w", "#2"}, true},
		{"size(m.in2.deep) BETWEEN :a AND :b", nil, []string{":a", "#3", ":b", "#3"}, true},
		{"size(s) > n", nil, nil, false},
		{"l[0] = :a AND l[1] = :two AND m.k = :v", nil, []string{":a", "a", ":two", "#2", ":v", "v"}, true},
		{"#n = :v", map[string]string{"#n": "name"}, []string{":v", "reserved"}, true},
		{"#m.#i.deep[2].#c = :v", map[string]string{"#m": "m", "#i": "in2", "#c": "c"}, []string{":v", "#3"}, true},
		{"#dotted = :v", map[string]string{"#dotted": "m.k"}, []string{":v", "v"}, false}, // a name with a dot is one attribute
		{"n = :v", nil, []string{":v", "#10"}, true},
	}
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%02d %s", i, tc.cond), func(t *testing.T) {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("AudN"), Item: auExprItem(),
				ConditionExpression: aws.String(tc.cond), ExpressionAttributeNames: tc.names, ExpressionAttributeValues: auVals(tc.vals...)})
			var ccf *types.ConditionalCheckFailedException
			switch {
			case tc.holds && err != nil:
				t.Errorf("condition %q: %v, want it to hold", tc.cond, err)
			case !tc.holds && !errors.As(err, &ccf):
				t.Errorf("condition %q: got %v, want ConditionalCheckFailedException", tc.cond, err)
			}
		})
	}
}

func TestAudit_ExpressionErrors(t *testing.T) {
	c := auExprClient(t)
	ctx := context.Background()
	hundredAndOne := make([]string, 101)
	vals := map[string]types.AttributeValue{}
	for i := range hundredAndOne {
		hundredAndOne[i] = fmt.Sprintf(":v%d", i)
		vals[hundredAndOne[i]] = nv(fmt.Sprint(i))
	}
	cases := []struct {
		name   string
		cond   string
		update string
		names  map[string]string
		vals   map[string]types.AttributeValue
		msg    string
	}{
		{name: "reserved word in condition", cond: "name = :v", vals: auVals(":v", "x"),
			msg: "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"},
		{name: "reserved word in update", update: "SET #ok = :v, size = :v", names: map[string]string{"#ok": "ok"}, vals: auVals(":v", "x"),
			msg: "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: size"},
		{name: "undefined value", cond: "n = :nope",
			msg: "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope"},
		{name: "undefined name", cond: "#nope = :v", vals: auVals(":v", "x"),
			msg: "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope"},
		{name: "unused value", cond: "n = :v", vals: auVals(":v", "x", ":w", "y"),
			msg: "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"},
		{name: "unused name", cond: "n = :v", names: map[string]string{"#x": "x"}, vals: auVals(":v", "x"),
			msg: "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}"},
		{name: "syntax error", cond: "n = = :v", vals: auVals(":v", "x"),
			msg: "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\""},
		{name: "unknown function", cond: "exists(n)",
			msg: "Invalid ConditionExpression: Invalid function name; function: exists"},
		{name: "size is not a condition", cond: "size(s)",
			msg: "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"},
		{name: "bad attribute type", cond: "attribute_type(s, :t)", vals: auVals(":t", "STRING"),
			msg: "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
		{name: "between bounds", cond: "n BETWEEN :hi AND :lo", vals: auVals(":hi", "#9", ":lo", "#1"),
			msg: "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:9}, upper bound operand: AttributeValue: {N:1}"},
		{name: "in with 101 operands", cond: "n IN (" + strings.Join(hundredAndOne, ", ") + ")", vals: vals,
			msg: "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101"},
		{name: "begins_with on a number operand", cond: "begins_with(s, :n)", vals: auVals(":n", "#1"),
			msg: "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"},
		{name: "function in update", update: "SET s = begins_with(s, :v)", vals: auVals(":v", "x"),
			msg: "Invalid UpdateExpression: The function is not allowed in an update expression; function: begins_with"},
		{name: "section twice", update: "SET s = :v SET n = :v", vals: auVals(":v", "x"),
			msg: "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"},
		{name: "overlapping paths", update: "SET m = :v REMOVE m.k", vals: auVals(":v", "x"),
			msg: "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, k]"},
		{name: "add a string", update: "ADD s :v", vals: auVals(":v", "x"),
			msg: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING"},
		{name: "delete a number", update: "DELETE n :v", vals: auVals(":v", "#1"),
			msg: "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER"},
		{name: "arithmetic on a string attribute", update: "SET n = s + :v", vals: auVals(":v", "#1"),
			msg: "An operand in the update expression has an incorrect data type"},
		{name: "arithmetic on a missing attribute", update: "SET n = nope + :v", vals: auVals(":v", "#1"),
			msg: "The provided expression refers to an attribute that does not exist in the item"},
		{name: "list_append on a string", update: "SET l = list_append(s, :v)", vals: map[string]types.AttributeValue{":v": &types.AttributeValueMemberL{}},
			msg: "An operand in the update expression has an incorrect data type"},
		{name: "path through a missing map", update: "SET nope.k = :v", vals: auVals(":v", "x"),
			msg: "The document path provided in the update expression is invalid for update"},
		{name: "index into a string", update: "SET s[0] = :v", vals: auVals(":v", "x"),
			msg: "The document path provided in the update expression is invalid for update"},
		{name: "add to a set of another type", update: "ADD ss :v", vals: map[string]types.AttributeValue{":v": &types.AttributeValueMemberNS{Value: []string{"1"}}},
			msg: "An operand in the update expression has an incorrect data type"},
		{name: "name key without #", cond: "attribute_exists(n)", names: map[string]string{"n": "n"},
			msg: "ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\""},
		{name: "value key without colon", cond: "attribute_exists(n)", vals: auVals("v", "x"),
			msg: "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\""},
		{name: "update value key with a dash", update: "SET s = :a", vals: auVals(":a", "x", ":a-b", "y"),
			msg: "ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\""},
		{name: "document path of 33 dereferences", cond: "attribute_exists(m" + strings.Repeat(".k", 33) + ")",
			msg: "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33"},
		{name: "empty condition", cond: " ",
			msg: "Invalid ConditionExpression: The expression can not be empty;"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.update != "" {
				in := &dynamodb.UpdateItemInput{TableName: aws.String("AudN"), Key: auExprKey, UpdateExpression: aws.String(tc.update),
					ExpressionAttributeNames: tc.names, ExpressionAttributeValues: tc.vals}
				if tc.cond != "" {
					in.ConditionExpression = aws.String(tc.cond)
				}
				_, err = c.UpdateItem(ctx, in)
			} else {
				_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("AudN"), Key: auExprKey,
					ConditionExpression: aws.String(tc.cond), ExpressionAttributeNames: tc.names, ExpressionAttributeValues: tc.vals})
			}
			coreWant(t, err, "ValidationException", tc.msg)
			out, gerr := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("AudN"), Key: auExprKey, ConsistentRead: aws.Bool(true)})
			if gerr != nil || auJSON(t, out.Item) != auJSON(t, auExprItem()) {
				t.Errorf("a rejected request changed the item: %v %s", gerr, auJSON(t, out.Item))
			}
		})
	}
}

func TestAudit_UpdateActions(t *testing.T) {
	ctx := context.Background()
	L := func(vs ...types.AttributeValue) types.AttributeValue { return &types.AttributeValueMemberL{Value: vs} }
	cases := []struct {
		name   string
		update string
		names  map[string]string
		vals   map[string]types.AttributeValue
		rv     types.ReturnValue
		want   string // auJSON of the returned Attributes
	}{
		{"set plus and minus", "SET n = n + :one, c = :ten - n", nil, map[string]types.AttributeValue{":one": nv("1"), ":ten": nv("10")}, types.ReturnValueUpdatedNew,
			`{"c":{"N":"0"},"n":{"N":"11"}}`},
		{"list_append at the end and the front", "SET l = list_append(l, :end), l2 = list_append(:front, l)", nil,
			map[string]types.AttributeValue{":end": L(sv("z")), ":front": L(sv("first"))}, types.ReturnValueUpdatedNew,
			`{"l":{"L":[{"S":"a"},{"N":"2"},{"S":"z"}]},"l2":{"L":[{"S":"first"},{"S":"a"},{"N":"2"}]}}`},
		{"if_not_exists", "SET n = if_not_exists(n, :zero), fresh = if_not_exists(fresh, :zero) + :one", nil,
			map[string]types.AttributeValue{":zero": nv("0"), ":one": nv("1")}, types.ReturnValueUpdatedNew,
			`{"fresh":{"N":"1"},"n":{"N":"10"}}`},
		{"remove list elements", "REMOVE l[0], m.in2.deep[1], m.in2.deep[0]", nil, nil, types.ReturnValueAllNew, ""},
		{"set a nested path", "SET m.in2.deep[2].c = :v, m.#new = :v", map[string]string{"#new": "new"}, map[string]types.AttributeValue{":v": sv("set")}, types.ReturnValueUpdatedNew,
			`{"m":{"M":{"in2":{"M":{"deep":{"L":[{"M":{"c":{"S":"set"}}}]}}},"new":{"S":"set"}}}}`},
		{"set past the end of a list appends", "SET l[9] = :v", nil, map[string]types.AttributeValue{":v": sv("tail")}, types.ReturnValueAllNew, ""},
		{"add to a number and a missing number", "ADD n :v, fresh :v", nil, map[string]types.AttributeValue{":v": nv("-2.5")}, types.ReturnValueUpdatedNew,
			`{"fresh":{"N":"-2.5"},"n":{"N":"7.5"}}`},
		{"add to sets", "ADD ss :s, ns :n, newset :s", nil, map[string]types.AttributeValue{":s": &types.AttributeValueMemberSS{Value: []string{"y", "z"}},
			":n": &types.AttributeValueMemberNS{Value: []string{"4"}}}, types.ReturnValueUpdatedOld,
			`{"ns":{"NS":["1","2","3"]},"ss":{"SS":["x","y"]}}`},
		{"delete from sets", "DELETE ss :s, ns :n, nope :s", nil, map[string]types.AttributeValue{":s": &types.AttributeValueMemberSS{Value: []string{"x", "y", "q"}},
			":n": &types.AttributeValueMemberNS{Value: []string{"2"}}}, types.ReturnValueAllNew, ""},
		{"all four sections", "SET s = :s REMOVE t ADD n :n DELETE ss :ss", nil, map[string]types.AttributeValue{":s": sv("S"), ":n": nv("1"),
			":ss": &types.AttributeValueMemberSS{Value: []string{"x"}}}, types.ReturnValueUpdatedOld,
			`{"n":{"N":"10"},"s":{"S":"hello"},"ss":{"SS":["x","y"]},"t":{"BOOL":true}}`},
		{"none returns nothing", "SET s = :s", nil, map[string]types.AttributeValue{":s": sv("S")}, types.ReturnValueNone, `{}`},
	}
	// want "" means: check the whole new item below.
	wholeNew := map[string]func(m map[string]types.AttributeValue){
		"remove list elements": func(m map[string]types.AttributeValue) {
			m["l"] = L(nv("2"))
			m["m"].(*types.AttributeValueMemberM).Value["in2"] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"deep": L(&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"c": nv("3")}})}}
		},
		"set past the end of a list appends": func(m map[string]types.AttributeValue) {
			m["l"] = L(sv("a"), nv("2"), sv("tail"))
		},
		"delete from sets": func(m map[string]types.AttributeValue) {
			delete(m, "ss") // deleting every element removes the attribute
			m["ns"] = &types.AttributeValueMemberNS{Value: []string{"1", "3"}}
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := auExprClient(t)
			out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("AudN"), Key: auExprKey, UpdateExpression: aws.String(tc.update),
				ExpressionAttributeNames: tc.names, ExpressionAttributeValues: tc.vals, ReturnValues: tc.rv})
			if err != nil {
				t.Fatalf("UpdateItem: %v", err)
			}
			want := tc.want
			if want == "" {
				m := auExprItem()
				wholeNew[tc.name](m)
				want = auJSON(t, m)
			}
			for _, v := range out.Attributes {
				if x, ok := v.(*types.AttributeValueMemberNS); ok {
					sortStrings(x.Value)
				}
				if x, ok := v.(*types.AttributeValueMemberSS); ok {
					sortStrings(x.Value)
				}
			}
			if got := auJSON(t, out.Attributes); got != want {
				t.Errorf("Attributes:\n got  %s\n want %s", got, want)
			}
		})
	}
}

func TestAudit_ReturnValuesPerOperation(t *testing.T) {
	ctx := context.Background()
	all := []types.ReturnValue{types.ReturnValueNone, types.ReturnValueAllOld, types.ReturnValueUpdatedOld, types.ReturnValueAllNew, types.ReturnValueUpdatedNew}
	allowed := map[string]map[types.ReturnValue]bool{
		"PutItem":    {types.ReturnValueNone: true, types.ReturnValueAllOld: true},
		"DeleteItem": {types.ReturnValueNone: true, types.ReturnValueAllOld: true},
		"UpdateItem": {types.ReturnValueNone: true, types.ReturnValueAllOld: true, types.ReturnValueUpdatedOld: true, types.ReturnValueAllNew: true, types.ReturnValueUpdatedNew: true},
	}
	c := auExprClient(t)
	for _, op := range []string{"PutItem", "DeleteItem", "UpdateItem"} {
		for _, rv := range all {
			t.Run(op+" "+string(rv), func(t *testing.T) {
				rdPut(t, c, "AudN", auExprItem())
				var err error
				switch op {
				case "PutItem":
					_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("AudN"), Item: auExprItem(), ReturnValues: rv})
				case "DeleteItem":
					_, err = c.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("AudN"), Key: auExprKey, ReturnValues: rv})
				case "UpdateItem":
					_, err = c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("AudN"), Key: auExprKey, ReturnValues: rv,
						UpdateExpression: aws.String("SET s = :s"), ExpressionAttributeValues: auVals(":s", "x")})
				}
				if allowed[op][rv] {
					if err != nil {
						t.Errorf("%s ReturnValues %s: %v", op, rv, err)
					}
					return
				}
				coreWant(t, err, "ValidationException", "Return values set to invalid value")
			})
		}
	}
	t.Run("ReturnValuesOnConditionCheckFailure enum", func(t *testing.T) {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("AudN"), Item: auExprItem(), ReturnValuesOnConditionCheckFailure: "ALL_NEW"})
		coreWant(t, err, "ValidationException",
			"1 validation error detected: Value 'ALL_NEW' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]")
	})
}

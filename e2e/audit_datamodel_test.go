package e2e

// Audit (R1) of issue 2's data model over the AWS SDK for Go v2: the ten
// attribute types, number normalisation and limits, set rules, nesting,
// item and key size limits, and key ordering.

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// auClient returns a client with tables "AudN", "AudB" and "AudS" (pk S
// and sk of type N, B and S respectively; on demand).
func auClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	c := newClient(t)
	ctx := context.Background()
	for _, tb := range []struct{ name, skType string }{{"AudN", "N"}, {"AudB", "B"}, {"AudS", "S"}} {
		_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName:            aws.String(tb.name),
			AttributeDefinitions: coreDefs("pk", "S", "sk", tb.skType),
			KeySchema:            coreKeys("pk", "sk"),
			BillingMode:          types.BillingModePayPerRequest,
		})
		if err != nil {
			t.Fatalf("CreateTable %s: %v", tb.name, err)
		}
		waitForTable(t, c, tb.name)
	}
	return c
}

// auJSON renders an SDK value in DynamoDB's JSON encoding (B as base64),
// with map keys sorted, so that whole items compare as strings.
func auJSON(t *testing.T, v any) string {
	t.Helper()
	var conv func(v types.AttributeValue) any
	conv = func(v types.AttributeValue) any {
		switch x := v.(type) {
		case *types.AttributeValueMemberS:
			return map[string]any{"S": x.Value}
		case *types.AttributeValueMemberN:
			return map[string]any{"N": x.Value}
		case *types.AttributeValueMemberB:
			return map[string]any{"B": x.Value}
		case *types.AttributeValueMemberBOOL:
			return map[string]any{"BOOL": x.Value}
		case *types.AttributeValueMemberNULL:
			return map[string]any{"NULL": x.Value}
		case *types.AttributeValueMemberSS:
			return map[string]any{"SS": x.Value}
		case *types.AttributeValueMemberNS:
			return map[string]any{"NS": x.Value}
		case *types.AttributeValueMemberBS:
			return map[string]any{"BS": x.Value}
		case *types.AttributeValueMemberL:
			l := make([]any, len(x.Value))
			for i, e := range x.Value {
				l[i] = conv(e)
			}
			return map[string]any{"L": l}
		case *types.AttributeValueMemberM:
			m := map[string]any{}
			for k, e := range x.Value {
				m[k] = conv(e)
			}
			return map[string]any{"M": m}
		}
		t.Fatalf("unexpected attribute value %T", v)
		return nil
	}
	var out any
	switch x := v.(type) {
	case map[string]types.AttributeValue:
		m := map[string]any{}
		for k, e := range x {
			m[k] = conv(e)
		}
		out = m
	case types.AttributeValue:
		out = conv(x)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAudit_TenTypesRoundTrip(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	item := map[string]types.AttributeValue{
		"pk": sv("a"),
		"sk": nv("1"),
		"s":  sv("text ✓"),
		"es": sv(""),
		"n":  nv("-12.5"),
		"b":  &types.AttributeValueMemberB{Value: []byte{0, 1, 0xfe, 0xff}},
		"eb": &types.AttributeValueMemberB{Value: []byte{}},
		"t":  &types.AttributeValueMemberBOOL{Value: true},
		"f":  &types.AttributeValueMemberBOOL{Value: false},
		"z":  &types.AttributeValueMemberNULL{Value: true},
		"ss": &types.AttributeValueMemberSS{Value: []string{"x", "y"}},
		"ns": &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bs": &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"l":  &types.AttributeValueMemberL{Value: []types.AttributeValue{sv("p"), nv("2"), &types.AttributeValueMemberL{}}},
		"m":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": sv("v"), "empty": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}}},
	}
	if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("AudN"), Item: item}); err != nil {
		t.Fatalf("PutItem: %v", err)
	}
	out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("AudN"), Key: map[string]types.AttributeValue{"pk": sv("a"), "sk": nv("1")}})
	if err != nil {
		t.Fatalf("GetItem: %v", err)
	}
	// Sets come back as sets: compare them order-insensitively by sorting.
	for _, name := range []string{"ss", "ns"} {
		switch x := out.Item[name].(type) {
		case *types.AttributeValueMemberSS:
			sortStrings(x.Value)
		case *types.AttributeValueMemberNS:
			sortStrings(x.Value)
		}
	}
	if bs, ok := out.Item["bs"].(*types.AttributeValueMemberBS); ok && len(bs.Value) == 2 && bytes.Compare(bs.Value[0], bs.Value[1]) > 0 {
		bs.Value[0], bs.Value[1] = bs.Value[1], bs.Value[0]
	}
	if got, want := auJSON(t, out.Item), auJSON(t, item); got != want {
		t.Errorf("round trip:\n got  %s\n want %s", got, want)
	}
}

// sortStrings sorts s in place (insertion sort; the sets here are tiny).
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestAudit_NumberNormalisation(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	cases := []struct{ in, want string }{
		{"1.50", "1.5"},
		{"1e2", "100"},
		{"1.0E+2", "100"},
		{"-0", "0"},
		{"0.000", "0"},
		{"00012", "12"},
		{"+7", "7"},
		{".5", "0.5"},
		{"0.00100", "0.001"},
		{"-1.5e-3", "-0.0015"},
		{"12345678901234567890123456789012345678", "12345678901234567890123456789012345678"},
		{"12345678901234567890123456789012345678000", "12345678901234567890123456789012345678000"},
	}
	key := map[string]types.AttributeValue{"pk": sv("n"), "sk": nv("1")}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			item := map[string]types.AttributeValue{"pk": sv("n"), "sk": nv("1"), "v": nv(tc.in)}
			if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("AudN"), Item: item}); err != nil {
				t.Fatalf("PutItem %s: %v", tc.in, err)
			}
			out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("AudN"), Key: key})
			if err != nil {
				t.Fatal(err)
			}
			if got := rdShow(out.Item["v"]); got != tc.want {
				t.Errorf("stored %s, read back %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestAudit_NumberArithmeticIsExact(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	key := map[string]types.AttributeValue{"pk": sv("sum"), "sk": nv("1")}
	cases := []struct {
		name, update, value, want, errMsg string
	}{
		{"set", "SET v = :v", "0.1", "0.1", ""},
		{"point one plus point two", "SET v = v + :v", "0.2", "0.3", ""},
		{"set 38 nines", "SET v = :v", "99999999999999999999999999999999999999", "99999999999999999999999999999999999999", ""},
		{"add carries to 39 digits exactly", "ADD v :v", "1", "100000000000000000000000000000000000000", ""},
		{"subtract", "SET v = v - :v", "100000000000000000000000000000000000000", "0", ""},
		{"minus a tiny number", "SET v = v - :v", "1E-130", "-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001", ""},
		{"set 38 digits", "SET v = :v", "12345678901234567890123456789012345678", "12345678901234567890123456789012345678", ""},
		{"sum needing 39 digits", "SET v = v + :v", "0.1", "", "Attempting to store more than 38 significant digits in a Number"},
		{"set near the top", "SET v = :v", "9.9999999999999999999999999999999999999E+125", "999999999999999999999999999999999999990000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", ""},
		{"overflow", "ADD v :v", "1E+125", "", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("AudN"), Key: key,
				UpdateExpression: aws.String(tc.update), ExpressionAttributeValues: map[string]types.AttributeValue{":v": nv(tc.value)},
				ReturnValues: types.ReturnValueUpdatedNew})
			if tc.errMsg != "" {
				coreWant(t, err, "ValidationException", tc.errMsg)
				return
			}
			if err != nil {
				t.Fatalf("UpdateItem: %v", err)
			}
			if got := rdShow(out.Attributes["v"]); got != tc.want {
				t.Errorf("v = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestAudit_ValueErrors(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	nested := func(depth int, list bool) types.AttributeValue {
		var v types.AttributeValue = sv("x")
		for range depth {
			if list {
				v = &types.AttributeValueMemberL{Value: []types.AttributeValue{v}}
			} else {
				v = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"a": v}}
			}
		}
		return v
	}
	const nestMsg = "Nesting Levels have exceeded supported limits: Nesting levels has exceeded the maximum allowed"
	cases := []struct {
		name string
		v    types.AttributeValue
		msg  string // "" means accepted
	}{
		{"unparsable number", nv("abc"), "The parameter cannot be converted to a numeric value: abc"},
		{"empty number", nv(""), "The parameter cannot be converted to a numeric value: "},
		{"hex number", nv("0x10"), "The parameter cannot be converted to a numeric value: 0x10"},
		{"infinity", nv("Infinity"), "The parameter cannot be converted to a numeric value: Infinity"},
		{"39 significant digits", nv("123456789012345678901234567890123456789"), "Attempting to store more than 38 significant digits in a Number"},
		{"too large", nv("1E+126"), "Number overflow. Attempting to store a number with magnitude larger than supported range"},
		{"largest", nv("9.9999999999999999999999999999999999999E+125"), ""},
		{"too small", nv("1E-131"), "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
		{"smallest", nv("1E-130"), ""},
		{"negative smallest", nv("-1E-130"), ""},
		{"empty string set", &types.AttributeValueMemberSS{Value: []string{}}, "One or more parameter values were invalid: An string set  may not be empty"},
		{"empty number set", &types.AttributeValueMemberNS{Value: []string{}}, "One or more parameter values were invalid: An number set  may not be empty"},
		{"duplicate strings", &types.AttributeValueMemberSS{Value: []string{"a", "b", "a"}}, "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates."},
		{"duplicate numbers by value", &types.AttributeValueMemberNS{Value: []string{"1", "1.0"}}, "One or more parameter values were invalid: Input collection [1, 1.0] contains duplicates."},
		{"bad number in a set", &types.AttributeValueMemberNS{Value: []string{"1", "x"}}, "The parameter cannot be converted to a numeric value: x"},
		{"maps nested 32 deep", nested(32, false), ""},
		{"maps nested 33 deep", nested(33, false), nestMsg},
		{"lists nested 32 deep", nested(32, true), ""},
		{"lists nested 33 deep", nested(33, true), nestMsg},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			item := map[string]types.AttributeValue{"pk": sv("v"), "sk": nv("1"), "v": tc.v}
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("AudN"), Item: item})
			if tc.msg == "" {
				if err != nil {
					t.Errorf("PutItem: %v, want success", err)
				}
				return
			}
			coreWant(t, err, "ValidationException", tc.msg)
		})
	}
}

func TestAudit_SizeLimits(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	// Item size: names plus values. "pk"(2)+"p"(1) + "sk"(2)+N "1"(2) + "v"(1)+n.
	base := 2 + 1 + 2 + 2 + 1
	cases := []struct {
		name  string
		table string
		item  map[string]types.AttributeValue
		msg   string
	}{
		{"item of exactly 400 KB", "AudN", map[string]types.AttributeValue{"pk": sv("p"), "sk": nv("1"), "v": sv(strings.Repeat("x", 400*1024-base))}, ""},
		{"item one byte over 400 KB", "AudN", map[string]types.AttributeValue{"pk": sv("p"), "sk": nv("1"), "v": sv(strings.Repeat("x", 400*1024-base+1))},
			"Item size has exceeded the maximum allowed size"},
		{"2048-byte partition key", "AudS", map[string]types.AttributeValue{"pk": sv(strings.Repeat("k", 2048)), "sk": sv("s")}, ""},
		{"2049-byte partition key", "AudS", map[string]types.AttributeValue{"pk": sv(strings.Repeat("k", 2049)), "sk": sv("s")},
			"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"1024-byte sort key", "AudS", map[string]types.AttributeValue{"pk": sv("p"), "sk": sv(strings.Repeat("s", 1024))}, ""},
		{"1025-byte sort key", "AudS", map[string]types.AttributeValue{"pk": sv("p"), "sk": sv(strings.Repeat("s", 1025))},
			"One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
		{"1025-byte binary sort key", "AudB", map[string]types.AttributeValue{"pk": sv("p"), "sk": &types.AttributeValueMemberB{Value: make([]byte, 1025)}},
			"One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"},
		{"empty binary sort key", "AudB", map[string]types.AttributeValue{"pk": sv("p"), "sk": &types.AttributeValueMemberB{Value: []byte{}}},
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: sk"},
		{"empty string sort key", "AudS", map[string]types.AttributeValue{"pk": sv("p"), "sk": sv("")},
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(tc.table), Item: tc.item})
			if tc.msg == "" {
				if err != nil {
					t.Errorf("PutItem: %v, want success", err)
				}
				return
			}
			coreWant(t, err, "ValidationException", tc.msg)
		})
	}
}

func TestAudit_KeyOrdering(t *testing.T) {
	c := auClient(t)
	ctx := context.Background()
	cases := []struct {
		name, table string
		keys        []types.AttributeValue // in put order
		want        string                 // query order, ascending
	}{
		{"numbers numerically", "AudN",
			[]types.AttributeValue{nv("10"), nv("-2"), nv("1e10"), nv("0.00001"), nv("-10"), nv("2"), nv("0"), nv("-1.5")},
			`[{"N":"-10"},{"N":"-2"},{"N":"-1.5"},{"N":"0"},{"N":"0.00001"},{"N":"2"},{"N":"10"},{"N":"10000000000"}]`},
		{"strings by UTF-8 bytes", "AudS",
			[]types.AttributeValue{sv("𝄞"), sv("a"), sv("ﬀ"), sv("Z"), sv("é"), sv("A"), sv("aa")},
			`[{"S":"A"},{"S":"Z"},{"S":"a"},{"S":"aa"},{"S":"é"},{"S":"ﬀ"},{"S":"𝄞"}]`},
		{"binaries by unsigned bytes", "AudB",
			[]types.AttributeValue{&types.AttributeValueMemberB{Value: []byte{0xff}}, &types.AttributeValueMemberB{Value: []byte{0x7f}},
				&types.AttributeValueMemberB{Value: []byte{0x80}}, &types.AttributeValueMemberB{Value: []byte{0, 0}}, &types.AttributeValueMemberB{Value: []byte{0}}},
			`[{"B":"AA=="},{"B":"AAA="},{"B":"fw=="},{"B":"gA=="},{"B":"/w=="}]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range tc.keys {
				rdPut(t, c, tc.table, map[string]types.AttributeValue{"pk": sv("order"), "sk": k})
			}
			for _, forward := range []bool{true, false} {
				out, err := c.Query(ctx, &dynamodb.QueryInput{TableName: aws.String(tc.table), KeyConditionExpression: aws.String("pk = :p"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":p": sv("order")}, ScanIndexForward: aws.Bool(forward)})
				if err != nil {
					t.Fatal(err)
				}
				var parts []string
				for _, it := range out.Items {
					parts = append(parts, auJSON(t, it["sk"]))
				}
				if !forward {
					for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
						parts[i], parts[j] = parts[j], parts[i]
					}
				}
				if got := "[" + strings.Join(parts, ",") + "]"; got != tc.want {
					t.Errorf("ScanIndexForward=%v order:\n got  %s\n want %s", forward, got, tc.want)
				}
			}
		})
	}
}

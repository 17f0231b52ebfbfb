package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/validate"
)

// The request decoders (decode_inputs.go) against the former
// encoding/json path (decode_oracle_test.go): for every registered
// operation, the same decoded input or the same error.

// inputType returns the request type of the registered operation op.
func inputType(op string) reflect.Type {
	return reflect.TypeOf(opInputs[op]()).Elem()
}

// compareDecoders decodes body for op both ways and reports a difference.
func compareDecoders(t *testing.T, op string, body []byte) {
	t.Helper()
	typ := inputType(op)
	got := reflect.New(typ)
	want := reflect.New(typ)
	gotErr := decodeRequest(body, got.Interface())
	wantErr := decodeRequestJSON(body, want.Interface())
	if !reflect.DeepEqual(gotErr, wantErr) {
		t.Fatalf("%s %q:\nerror %v\nwant  %v", op, body, gotErr, wantErr)
	}
	if gotErr != nil {
		var de *ddberr.Error
		if !errors.As(gotErr, &de) {
			t.Fatalf("%s %q: error %T is not a *ddberr.Error", op, body, gotErr)
		}
		return
	}
	// The one intended difference: a TableName given as "" decodes as
	// validate.EmptyName (fieldtab.Field swaps in its tableName codec).
	emptyNamesToEmpty(got.Elem())
	if !reflect.DeepEqual(got.Interface(), want.Interface()) {
		t.Fatalf("%s %q:\ndecoded %+v\nwant    %+v", op, body, got.Elem().Interface(), want.Elem().Interface())
	}
}

// emptyNamesToEmpty sets every string field called TableName under v
// that holds validate.EmptyName back to "".
func emptyNamesToEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			emptyNamesToEmpty(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			emptyNamesToEmpty(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				continue
			}
			if v.Type().Field(i).Name == "TableName" && f.Kind() == reflect.String && f.String() == validate.EmptyName {
				f.SetString("")
				continue
			}
			emptyNamesToEmpty(f)
		}
	}
}

// foldsOnlyLike reports whether body has an object key that encoding/json
// would match to a member name of some input type only case-insensitively:
// the new decoders match member names exactly, as DynamoDB does.
func foldsOnlyLike(body []byte) bool {
	var v any
	if json.Unmarshal(bytes.TrimSpace(body), &v) != nil {
		return false
	}
	var walk func(any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				for name := range memberNames() {
					if k != name && strings.EqualFold(k, name) {
						return true
					}
				}
				if walk(e) {
					return true
				}
			}
		case []any:
			for _, e := range v {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// memberNames returns the JSON member names of every input type (once
// the init functions have registered the operations).
var memberNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] || t == typeValue || t == typeItem || t == typeExpressionValues {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			for f := range t.Fields() {
				if !f.IsExported() {
					continue
				}
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" {
					name = f.Name
				}
				names[name] = true
				walk(f.Type)
			}
		}
	}
	for op := range opInputs {
		walk(inputType(op))
	}
	return names
})

// gen writes random request bodies for an input type.
type gen struct {
	rng   *rand.Rand
	buf   bytes.Buffer
	wrong float64 // probability of a value of a random kind instead
}

var (
	typeValue            = reflect.TypeFor[attr.Value]()
	typeItem             = reflect.TypeFor[attr.Item]()
	typeExpressionValues = reflect.TypeFor[ExpressionValues]()
)

func (g *gen) space() {
	if g.rng.IntN(8) == 0 {
		g.buf.WriteString([]string{" ", "\n", "\t ", "\r\n  "}[g.rng.IntN(4)])
	}
}

// anyValue writes a JSON value of a random kind.
func (g *gen) anyValue() {
	g.buf.WriteString([]string{
		`5`, `-1.5`, `1e3`, `0`, `"s"`, `""`, `true`, `false`, `null`, `{}`, `[]`,
		`{"x":1}`, `[1,"a"]`, `{"S":"x"}`, `[{"S":"x"}]`, `9223372036854775808`, `-9223372036854775808`,
	}[g.rng.IntN(17)])
}

var stringParts = []string{
	"a", "TableName", "#n", ":v", " ", "é", "日本", `\n`, `\"`, `\\`, `\/`, `\u00e9`, `\u0000`,
	`\ud83d\ude00`, `\ud800`, `\udc00x`, `\ud800\u0041`, "\xff", "\xed\xa0\x80", "\xc3", `\b\f\r\t`, "<&>",
}

func (g *gen) str() {
	g.buf.WriteByte('"')
	for n := g.rng.IntN(4); n > 0; n-- {
		g.buf.WriteString(stringParts[g.rng.IntN(len(stringParts))])
	}
	g.buf.WriteByte('"')
}

var attrValues = []string{
	`{"S":"x"}`, `{"S":""}`, `{"N":"1.50"}`, `{"N":"-0"}`, `{"N":"abc"}`, `{"B":"AQID"}`, `{"B":"!!"}`,
	`{"BOOL":true}`, `{"NULL":true}`, `{"NULL":false}`, `{"SS":["a","b"]}`, `{"SS":["a","a"]}`,
	`{"NS":["1","2"]}`, `{"BS":[]}`, `{"L":[{"S":"a"},{"N":"1"}]}`, `{"M":{"a":{"S":"b"}}}`, `{}`,
	`{"S":5}`, `{"S":"a","N":"1"}`, `{"M":{"a":null}}`, `null`, `{"L":[null]}`, `{"S":"\u00e9"}`,
}

func (g *gen) attrValue() { g.buf.WriteString(attrValues[g.rng.IntN(len(attrValues))]) }

var mapKeys = []string{`"a"`, `"pk"`, `":v"`, `":w"`, `"#n"`, `"t"`, `""`, `"\u0061"`, `"a"`}

// value writes a JSON value for a Go value of type t.
func (g *gen) value(t reflect.Type, depth int) {
	g.space()
	defer g.space()
	if g.rng.Float64() < g.wrong {
		g.anyValue()
		return
	}
	switch t {
	case typeValue:
		g.attrValue()
		return
	case typeItem, typeExpressionValues:
		if g.rng.IntN(10) == 0 {
			g.buf.WriteString("null")
			return
		}
		g.buf.WriteByte('{')
		for i := range g.rng.IntN(4) {
			if i > 0 {
				g.buf.WriteByte(',')
			}
			g.buf.WriteString(mapKeys[g.rng.IntN(len(mapKeys))])
			g.buf.WriteByte(':')
			g.attrValue()
		}
		g.buf.WriteByte('}')
		return
	}
	switch t.Kind() {
	case reflect.String:
		g.str()
	case reflect.Bool:
		g.buf.WriteString([]string{"true", "false"}[g.rng.IntN(2)])
	case reflect.Int, reflect.Int64:
		g.buf.WriteString([]string{"0", "1", "-7", "100", "1.0", "2e2", "-0", "9223372036854775807", "-9223372036854775809", "25"}[g.rng.IntN(10)])
	case reflect.Pointer:
		if g.rng.IntN(6) == 0 {
			g.buf.WriteString("null")
			return
		}
		g.value(t.Elem(), depth)
	case reflect.Slice:
		switch g.rng.IntN(8) {
		case 0:
			g.buf.WriteString("null")
			return
		case 1:
			g.buf.WriteString("[]")
			return
		}
		g.buf.WriteByte('[')
		for i := range 1 + g.rng.IntN(3) {
			if i > 0 {
				g.buf.WriteByte(',')
			}
			g.value(t.Elem(), depth+1)
		}
		g.buf.WriteByte(']')
	case reflect.Map:
		if g.rng.IntN(8) == 0 {
			g.buf.WriteString("null")
			return
		}
		g.buf.WriteByte('{')
		for i := range g.rng.IntN(4) {
			if i > 0 {
				g.buf.WriteByte(',')
			}
			g.buf.WriteString(mapKeys[g.rng.IntN(len(mapKeys))])
			g.buf.WriteByte(':')
			g.value(t.Elem(), depth+1)
		}
		g.buf.WriteByte('}')
	case reflect.Struct:
		if g.rng.IntN(12) == 0 {
			g.buf.WriteString("null")
			return
		}
		g.object(t, depth)
	default:
		panic("gen: no values for " + t.String())
	}
}

// object writes a JSON object for a struct type: a random subset of its
// members in random order, sometimes duplicated, sometimes with unknown
// members.
func (g *gen) object(t reflect.Type, depth int) {
	g.buf.WriteByte('{')
	n := 0
	member := func(name string, write func()) {
		if n > 0 {
			g.buf.WriteByte(',')
		}
		n++
		g.space()
		if g.rng.IntN(20) == 0 && len(name) > 0 { // the same name, escaped
			fmt.Fprintf(&g.buf, `"\u%04x%s"`, name[0], name[1:])
		} else {
			fmt.Fprintf(&g.buf, "%q", name)
		}
		g.space()
		g.buf.WriteByte(':')
		write()
	}
	for _, i := range g.rng.Perm(t.NumField()) {
		f := t.Field(i)
		if depth > 4 || g.rng.IntN(3) == 0 {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		for range 1 + g.rng.IntN(2)*g.rng.IntN(3) { // duplicated sometimes
			member(name, func() { g.value(f.Type, depth+1) })
		}
		if g.rng.IntN(15) == 0 {
			member("Unknown"+name, g.anyValue)
		}
	}
	g.space()
	g.buf.WriteByte('}')
}

// body returns a random request body for t.
func (g *gen) body(t reflect.Type) []byte {
	g.buf.Reset()
	g.space()
	g.object(t, 0)
	g.space()
	return bytes.Clone(g.buf.Bytes())
}

// mutate breaks b at a random place: a byte removed, inserted, replaced,
// or the end cut off.
func mutate(rng *rand.Rand, b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	i := rng.IntN(len(b))
	junk := []byte(`{}[],:"\ 0-.e tfnx` + "\x00\xff")
	switch rng.IntN(4) {
	case 0:
		return append(b[:i:i], b[i+1:]...)
	case 1:
		return append(append(b[:i:i], junk[rng.IntN(len(junk))]), b[i:]...)
	case 2:
		c := bytes.Clone(b)
		c[i] = junk[rng.IntN(len(junk))]
		return c
	}
	return b[:i]
}

func TestDecodeRequest_MatchesEncodingJSON(t *testing.T) {
	n := 400
	if testing.Short() || runtime.GOARCH == "wasm" {
		n = 100
	}
	for _, op := range Operations() {
		t.Run(op, func(t *testing.T) {
			typ := inputType(op)
			if membersOf(reflect.New(typ).Interface()) == nil {
				t.Fatalf("%s: %v has no decodeJSON method", op, typ)
			}
			rng := rand.New(rand.NewPCG(1, uint64(len(op))))
			for _, wrong := range []float64{0, 0.05, 0.3} {
				g := gen{rng: rng, wrong: wrong}
				for range n {
					body := g.body(typ)
					compareDecoders(t, op, body)
					if m := mutate(rng, body); !foldsOnlyLike(m) {
						compareDecoders(t, op, m)
					}
				}
			}
		})
	}
}

func TestDecodeRequest_Cases(t *testing.T) {
	deep := func(n int, open, close string) string {
		return `{"X":` + strings.Repeat(open, n) + strings.Repeat(close, n) + `}`
	}
	bodies := []string{
		"", " ", "\n\t", "{}", " {} ", "\v{}\u00a0", "null", "[]", `"x"`, "5", "true", "{", "}", "{}{}", "{} x",
		`{"TableName":"t"}`, `{"TableName":5}`, `{"TableName":true}`, `{"TableName":{}}`, `{"TableName":[]}`,
		`{"TableName":"a","TableName":null}`, `{"TableName":"a","TableName":"b"}`, `{"TableName":"a",}`,
		`{"Limit":1.5}`, `{"Limit":"1"}`, `{"Limit":99999999999999999999}`, `{"Limit":-0}`, `{"Limit":1e2}`,
		`{"ConsistentRead":1}`, `{"ConsistentRead":"true"}`, `{"Key":5}`, `{"Key":{"a":{"S":5}}}`,
		`{"Key":{"a":{"N":"x"}},"TableName":5}`, `{"TableName":5,"Key":{"a":{"N":"x"}}}`,
		`{"TableName":5,"Key":{"a":{"N":"x"}`, `{"TableName":5,"X":[}`,
		`{"ExpressionAttributeValues":5}`, `{"ExpressionAttributeValues":[]}`, `{"ExpressionAttributeValues":null}`,
		`{"ExpressionAttributeValues":{":b":{"N":"x"},":a":{"SS":[]}}}`,
		`{"ExpressionAttributeValues":{":b":{"N":"x"},":a":{"S":1}}}`,
		`{"ExpressionAttributeValues":{":a":{"N":"x"},":a":{"N":"1"}}}`,
		`{"TableName":1,"ExpressionAttributeValues":{":a":{"N":"x"}}}`,
		`{"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"KeySchema":[{"KeyType":"RANGE"}]}`,
		`{"KeySchema":[{"AttributeName":"a"},{"AttributeName":"b"}],"KeySchema":[{"KeyType":"RANGE"}],"KeySchema":[{},{}]}`,
		`{"AttributesToGet":["a","b"],"AttributesToGet":[null,null,null]}`,
		`{"ProvisionedThroughput":{"ReadCapacityUnits":1},"ProvisionedThroughput":{"WriteCapacityUnits":2}}`,
		`{"ExpressionAttributeNames":{"#a":"x"},"ExpressionAttributeNames":{"#b":"y"}}`,
		`{"RequestItems":{"t":null}}`, `{"RequestItems":{"t":[]}}`, `{"RequestItems":{"t":{"Keys":[null]}}}`,
		`{"tablename":"t"}`, `{"Table\u004eame":"t"}`, `{"TableName":"\ud800"}`, `{"TableName":"` + "\xff" + `"}`,
		deep(9999, "[", "]"), deep(10000, "[", "]"), deep(9999, `{"a":`, "}"), deep(10000, `{"a":`, "}"),
		`{"Key":` + strings.Repeat(`{"M":{"a":`, 40) + `{"S":"x"}` + strings.Repeat("}}", 40) + `}`,
	}
	for _, op := range Operations() {
		for _, b := range bodies {
			if foldsOnlyLike([]byte(b)) {
				continue
			}
			compareDecoders(t, op, []byte(b))
		}
	}
}

// TestDecodeRequest_ExactNames shows the one intended difference: member
// names are matched exactly (encoding/json also matched other cases).
func TestDecodeRequest_ExactNames(t *testing.T) {
	var in GetItemInput
	if err := decodeRequest([]byte(`{"tablename":"t","TABLENAME":"u"}`), &in); err != nil || in.TableName != "" {
		t.Errorf("got TableName %q, %v; want it left empty", in.TableName, err)
	}
}

func FuzzDecodeRequest(f *testing.F) {
	f.Add("GetItem", []byte(`{"TableName":"t","Key":{"pk":{"S":"a"}},"ConsistentRead":true}`))
	f.Add("PutItem", []byte(`{"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1"}},"ConditionExpression":"attribute_not_exists(pk)","ExpressionAttributeValues":{":v":{"S":"x"}}}`))
	f.Add("Query", []byte(`{"TableName":"t","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}},"Limit":10}`))
	f.Add("CreateTable", []byte(`{"TableName":"t","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}`))
	f.Add("BatchWriteItem", []byte(`{"RequestItems":{"t":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}]}}`))
	f.Add("TransactWriteItems", []byte(`{"TransactItems":[{"Update":{"TableName":"t","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET a = :v","ExpressionAttributeValues":{":v":{"N":"1"}}}}]}`))
	f.Add("UpdateTable", []byte(`{"TableName":"t","GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"i","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]}`))
	f.Add("Scan", []byte(`{"TableName":5}`))
	f.Add("PutItem", []byte(`null`)) // not the request structure: SerializationException
	f.Add("DeleteTable", []byte(" null "))
	f.Add("CreateTable", []byte(`[{"TableName":"t"}]`))
	f.Add("GetItem", []byte(`"GetItem"`))
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		if _, ok := opInputs[op]; !ok || foldsOnlyLike(body) {
			t.Skip()
		}
		compareDecoders(t, op, body)
	})
}

// BenchmarkDecodeRequest compares the decoders with encoding/json on a
// GetItem and a PutItem request.
func BenchmarkDecodeRequest(b *testing.B) {
	bodies := []struct {
		name string
		body string
		in   func() any
	}{
		{"GetItem", `{"TableName":"bench","Key":{"pk":{"S":"user#00042"},"sk":{"N":"17"}},"ConsistentRead":true}`,
			func() any { return new(GetItemInput) }},
		{"PutItem", `{"TableName":"bench","Item":{"pk":{"S":"user#00042"},"sk":{"N":"17"},"name":{"S":"Ada Lovelace"},` +
			`"email":{"S":"ada@example.com"},"age":{"N":"36"},"tags":{"SS":["math","engines"]},"active":{"BOOL":true},` +
			`"address":{"M":{"city":{"S":"London"},"zip":{"S":"W1"}}},"scores":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]}},` +
			`"ConditionExpression":"attribute_not_exists(pk) OR #v < :v","ExpressionAttributeNames":{"#v":"version"},` +
			`"ExpressionAttributeValues":{":v":{"N":"3"}},"ReturnValues":"ALL_OLD"}`,
			func() any { return new(PutItemInput) }},
	}
	for _, bb := range bodies {
		body := []byte(bb.body)
		for _, dec := range []struct {
			name string
			fn   func([]byte, any) error
		}{{"wire", decodeRequest}, {"encoding-json", decodeRequestJSON}} {
			b.Run(bb.name+"/"+dec.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if err := dec.fn(body, bb.in()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

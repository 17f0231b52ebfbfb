package engine

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// encodingJSON is the oracle of the response encoders: encoding/json
// without HTML escaping, as Handle encoded every output before they wrote
// their own JSON.
func encodingJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// encodedOutputs are the outputs with their own encoder, by operation:
// every registered operation but the unsupported ones and Query and Scan
// (checked in itemlist_test.go).
var encodedOutputs = map[string]any{
	"BatchExecuteStatement": &BatchExecuteStatementOutput{},
	"BatchGetItem":          &BatchGetItemOutput{},
	"BatchWriteItem":        &BatchWriteItemOutput{},
	"CreateTable":           &CreateTableOutput{},
	"DeleteItem":            &DeleteItemOutput{},
	"DeleteTable":           &DeleteTableOutput{},
	"DescribeEndpoints":     &DescribeEndpointsOutput{},
	"DescribeLimits":        &DescribeLimitsOutput{},
	"DescribeTable":         &DescribeTableOutput{},
	"DescribeTimeToLive":    &DescribeTimeToLiveOutput{},
	"ExecuteStatement":      &ExecuteStatementOutput{},
	"ExecuteTransaction":    &ExecuteTransactionOutput{},
	"GetItem":               &GetItemOutput{},
	"ListTables":            &ListTablesOutput{},
	"ListTagsOfResource":    &ListTagsOfResourceOutput{},
	"PutItem":               &PutItemOutput{},
	"TagResource":           &TagResourceOutput{},
	"TransactGetItems":      &TransactGetItemsOutput{},
	"TransactWriteItems":    &TransactWriteItemsOutput{},
	"UntagResource":         &UntagResourceOutput{},
	"UpdateItem":            &UpdateItemOutput{},
	"UpdateTable":           &UpdateTableOutput{},
	"UpdateTimeToLive":      &UpdateTimeToLiveOutput{},
}

// TestEncodedOutputs_CoverOperations fails when an operation is added
// without being listed in encodedOutputs (and so without a checked
// encoder).
func TestEncodedOutputs_CoverOperations(t *testing.T) {
	for _, op := range Operations() {
		if _, ok := encodedOutputs[op]; !ok && op != "Query" && op != "Scan" && !slices.Contains(UnsupportedOperations, op) {
			t.Errorf("operation %s has no entry in encodedOutputs", op)
		}
	}
}

// TestAppendJSON_MatchesEncodingJSON fills every output with random values
// (nil, empty and full slices, maps and pointers; zero, small, huge and
// tiny numbers; strings with HTML, control, quote, U+2028 and invalid UTF-8
// bytes; attribute values of every type) and requires appendJSON to write
// the bytes encoding/json writes.
func TestAppendJSON_MatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for _, op := range slices.Sorted(maps.Keys(encodedOutputs)) {
		sample := encodedOutputs[op]
		t.Run(op, func(t *testing.T) {
			typ := reflect.TypeOf(sample).Elem()
			for i := range 3000 {
				v := reflect.New(typ)
				if i > 0 { // the zero output first
					fillRandom(r, v.Elem(), 0)
				}
				out := v.Interface()
				checkAppendJSON(t, out, out)
			}
		})
	}
}

// checkAppendJSON requires out's JSON (appendOutput), after a prefix, to append the
// bytes encodingJSON writes for old.
func checkAppendJSON(t *testing.T, out any, old any) {
	t.Helper()
	want, err := encodingJSON(old)
	if err != nil {
		t.Fatal(err)
	}
	got, err := appendOutput([]byte("{["), out)
	if err != nil {
		t.Fatalf("appendJSON: %v", err)
	}
	if !bytes.HasPrefix(got, []byte("{[")) || !bytes.Equal(got[2:], want) {
		t.Fatalf("appendJSON wrote\n%s\nencoding/json\n%s", got, want)
	}
}

// TestAppendJSON_ErrorBodies checks the bodies of the errors operations
// return with Fields (CancellationReasons, Item) against encoding/json of
// the same body with the reasons as a plain []CancellationReason.
func TestAppendJSON_ErrorBodies(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for range 3000 {
		e := ddberr.New(ddberr.TypeTransactionCanceled, randomText(r))
		var reasons CancellationReasons
		fillRandom(r, reflect.ValueOf(&reasons).Elem(), 0)
		if r.IntN(4) > 0 {
			e = e.With("CancellationReasons", reasons)
		}
		if r.IntN(2) == 0 {
			e = e.With("Item", randomItem(r, 0))
		}
		old := map[string]any{"__type": ddberr.Namespace(e.Type) + e.Type, "message": e.Message}
		for k, v := range e.Fields {
			if rs, ok := v.(CancellationReasons); ok {
				v = []CancellationReason(rs)
			}
			old[k] = v
		}
		want, err := encodingJSON(old)
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("MarshalJSON wrote\n%s\nencoding/json\n%s", got, want)
		}
	}
}

// TestAppendJSON_Handle checks outputs of real operations, through Handle,
// against encoding/json of the typed outputs.
func TestAppendJSON_Handle(t *testing.T) {
	db := itemListDB(t)
	calls := []struct{ op, body string }{
		{"DescribeTable", `{"TableName":"qqq"}`},
		{"ListTables", `{}`},
		{"GetItem", `{"TableName":"qqq","Key":{"pk":{"S":"p"},"sk":{"N":"0"}},"ReturnConsumedCapacity":"INDEXES"}`},
		{"GetItem", `{"TableName":"qqq","Key":{"pk":{"S":"p"},"sk":{"N":"-1"}}}`},
		{"PutItem", `{"TableName":"qqq","Item":{"pk":{"S":"p"},"sk":{"N":"0"},"s":{"S":"<&>"}},"ReturnValues":"ALL_OLD","ReturnConsumedCapacity":"INDEXES","ReturnItemCollectionMetrics":"SIZE"}`},
		{"UpdateItem", `{"TableName":"qqq","Key":{"pk":{"S":"p"},"sk":{"N":"0"}},"UpdateExpression":"SET g = :g","ExpressionAttributeValues":{":g":{"S":"G9"}},"ReturnValues":"ALL_NEW","ReturnConsumedCapacity":"TOTAL"}`},
		{"DeleteItem", `{"TableName":"qqq","Key":{"pk":{"S":"p"},"sk":{"N":"0"}},"ReturnValues":"ALL_OLD","ReturnItemCollectionMetrics":"SIZE"}`},
		{"BatchGetItem", `{"RequestItems":{"qqq":{"Keys":[{"pk":{"S":"q"},"sk":{"N":"1"}},{"pk":{"S":"q"},"sk":{"N":"-5"}}]}},"ReturnConsumedCapacity":"INDEXES"}`},
		{"BatchWriteItem", `{"RequestItems":{"qqq":[{"PutRequest":{"Item":{"pk":{"S":"b"},"sk":{"N":"1"}}}}]},"ReturnConsumedCapacity":"TOTAL","ReturnItemCollectionMetrics":"SIZE"}`},
		{"TransactGetItems", `{"TransactItems":[{"Get":{"TableName":"qqq","Key":{"pk":{"S":"q"},"sk":{"N":"1"}}}},{"Get":{"TableName":"qqq","Key":{"pk":{"S":"q"},"sk":{"N":"-2"}}}}],"ReturnConsumedCapacity":"TOTAL"}`},
		{"TransactWriteItems", `{"TransactItems":[{"Put":{"TableName":"qqq","Item":{"pk":{"S":"t"},"sk":{"N":"1"}}}}],"ReturnConsumedCapacity":"INDEXES","ReturnItemCollectionMetrics":"SIZE"}`},
		{"DescribeTimeToLive", `{"TableName":"qqq"}`},
		{"DescribeLimits", `{}`},
		{"DescribeEndpoints", `{}`},
	}
	for _, c := range calls {
		t.Run(c.op, func(t *testing.T) {
			got, err := db.Handle(c.op, []byte(c.body))
			if err != nil {
				t.Fatalf("%s: %v", c.op, err)
			}
			var generic map[string]any
			if err := json.Unmarshal(got, &generic); err != nil {
				t.Fatalf("%s wrote invalid JSON %s: %v", c.op, got, err)
			}
			typ := reflect.TypeOf(encodedOutputs[c.op]).Elem()
			out := reflect.New(typ).Interface()
			if err := json.Unmarshal(got, out); err != nil {
				t.Fatalf("%s wrote %s, not a %s: %v", c.op, got, typ, err)
			}
			want, err := encodingJSON(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s wrote\n%s\nencoding/json of the decoded output\n%s", c.op, got, want)
			}
		})
	}
}

var (
	randomPieces = []string{"", "a", "Z", "Table_1", "名前", "😀", "é", "\x00", "\b", "\f", "\n", "\r", "\t", "\x1f", "\"", "\\", "/",
		"<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "\xc3", "\x7f", "\ufffd", "key", " ", "plain ascii text"}
	randomFloats = []float64{0, math.Copysign(0, -1), 0.5, 1, 3, -3, 1.5, 1e-7, 1e-6, 9.99e-7, 1e20, 1e21, 1.5e21, -1e21, 1e-300, 1e300,
		123456.789, 0.1, 1.0 / 3, 2, 4, 1e100, 5e-324}
	randomInts = []int64{0, 1, -1, 5, 40000, 80000, math.MaxInt64, math.MinInt64}
	itemType   = reflect.TypeFor[attr.Item]()
	valueType  = reflect.TypeFor[attr.Value]()
)

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(6) {
		b.WriteString(randomPieces[r.IntN(len(randomPieces))])
	}
	return b.String()
}

// fillRandom sets v, of any type an output holds, to a random value:
// pointers, slices and maps are nil a quarter of the time, and slices and
// maps empty another quarter.
func fillRandom(r *rand.Rand, v reflect.Value, depth int) {
	if v.Type() == itemType {
		if r.IntN(4) > 0 {
			v.Set(reflect.ValueOf(randomItem(r, depth)))
		}
		return
	}
	if v.Type() == valueType {
		v.Set(reflect.ValueOf(randomValue(r, depth)))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if r.IntN(4) > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fillRandom(r, v.Elem(), depth+1)
		}
	case reflect.Slice:
		switch n := r.IntN(4); n {
		case 0:
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			v.Set(reflect.MakeSlice(v.Type(), n-1, n-1))
			for i := range n - 1 {
				fillRandom(r, v.Index(i), depth+1)
			}
		}
	case reflect.Map:
		switch n := r.IntN(4); n {
		case 0:
		case 1:
			v.Set(reflect.MakeMap(v.Type()))
		default:
			v.Set(reflect.MakeMap(v.Type()))
			for range n {
				e := reflect.New(v.Type().Elem()).Elem()
				fillRandom(r, e, depth+1)
				v.SetMapIndex(reflect.ValueOf(randomText(r)), e)
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillRandom(r, v.Field(i), depth+1)
			}
		}
	case reflect.String:
		v.SetString(randomText(r))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int64:
		if r.IntN(2) == 0 {
			v.SetInt(randomInts[r.IntN(len(randomInts))])
		} else {
			v.SetInt(r.Int64N(1<<40) - 1<<39)
		}
	case reflect.Float64:
		switch r.IntN(3) {
		case 0:
			v.SetFloat(randomFloats[r.IntN(len(randomFloats))])
		case 1:
			v.SetFloat(float64(r.IntN(2000)) / 2)
		default:
			f := math.Float64frombits(r.Uint64())
			for math.IsNaN(f) || math.IsInf(f, 0) {
				f = math.Float64frombits(r.Uint64())
			}
			v.SetFloat(f)
		}
	default:
		panic("fillRandom: no random " + v.Type().String())
	}
}

// randomItem returns an item of up to 4 random attributes (empty, not
// nil, for none).
func randomItem(r *rand.Rand, depth int) attr.Item {
	it := attr.Item{}
	for range r.IntN(5) {
		it[randomText(r)] = randomValue(r, depth+1)
	}
	return it
}

var randomNumbers = []string{"0", "1", "-1", "12.5", "-0.001", "1e10", "12345678901234567890123456789012345678", "9.9E-100", "0.10", "-5E+3"}

func randomNumber(r *rand.Rand) attr.Value {
	v, err := attr.N(randomNumbers[r.IntN(len(randomNumbers))])
	if err != nil {
		panic(err)
	}
	return v
}

// randomValue returns an attribute value of a random type; M and L nest
// until depth 6.
func randomValue(r *rand.Rand, depth int) attr.Value {
	k := r.IntN(10)
	if depth > 6 && (k == 5 || k == 6) {
		k = 0
	}
	switch k {
	case 0:
		return attr.S(randomText(r))
	case 1:
		return randomNumber(r)
	case 2:
		return attr.B([]byte(randomText(r)))
	case 3:
		return attr.Bool(r.IntN(2) == 0)
	case 4:
		return attr.Null()
	case 5:
		return attr.M(randomItem(r, depth+1))
	case 6:
		l := make([]attr.Value, r.IntN(4))
		for i := range l {
			l[i] = randomValue(r, depth+1)
		}
		return attr.L(l)
	case 7:
		var ms []string
		for range 1 + r.IntN(4) {
			if s := randomText(r); !slices.Contains(ms, s) {
				ms = append(ms, s)
			}
		}
		v, err := attr.SS(ms)
		if err != nil {
			panic(err)
		}
		return v
	case 8:
		var ms []attr.Value
		for range 1 + r.IntN(4) {
			if v := randomNumber(r); !slices.ContainsFunc(ms, func(m attr.Value) bool { return attr.Equal(m, v) }) {
				ms = append(ms, v)
			}
		}
		return attr.SetOf(attr.TypeNS, ms)
	default:
		var ms [][]byte
		for range 1 + r.IntN(4) {
			if b := []byte(randomText(r)); !slices.ContainsFunc(ms, func(m []byte) bool { return bytes.Equal(m, b) }) {
				ms = append(ms, b)
			}
		}
		v, err := attr.BS(ms)
		if err != nil {
			panic(err)
		}
		return v
	}
}

package engine

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/read"
)

// oldReadOutput is QueryOutput and ScanOutput as they were before
// ItemList: the shape whose encodingJSON bytes the fast path must give.
type oldReadOutput struct {
	Items            []attr.Item       `json:"Items,omitzero"`
	Count            int               `json:"Count"`
	ScannedCount     int               `json:"ScannedCount"`
	LastEvaluatedKey attr.Item         `json:"LastEvaluatedKey,omitempty"`
	ConsumedCapacity *ConsumedCapacity `json:"ConsumedCapacity,omitempty"`
}

// itemListDB returns readDB's tables with varied items in "qqq": every
// type, nesting, unicode, control and HTML characters, some items in
// each index and some not.
func itemListDB(t *testing.T) *DB {
	t.Helper()
	db := readDB(t)
	texts := []string{"", "plain", "a<b>&c", "名前 😀", `quote " back \ slash`, "ctl \u0001\u001f\n\t", "line\u2028sep", "é"}
	for i := range 60 {
		pk := []string{"p", "q", "i"}[i%3]
		s := texts[i%len(texts)]
		item := fmt.Sprintf(`{"pk":{"S":%q},"sk":{"N":"%d"},"s":{"S":%s},"n":{"N":"%d.5"},"b":{"B":"AAEC/w=="},"t":{"BOOL":%v},"z":{"NULL":true}`,
			pk, i, jsonString(s), i-30, i%2 == 0)
		if i%2 == 0 {
			item += fmt.Sprintf(`,"g":{"S":"G%d"}`, i%4)
		}
		if i%3 != 1 {
			item += fmt.Sprintf(`,"l":{"S":%s}`, jsonString(texts[(i+3)%len(texts)]+"L"))
		}
		if i%4 == 0 {
			item += fmt.Sprintf(`,"x":{"M":{"b":{"L":[{"S":%s},{"NS":["1","-2.5"]},{"M":{}}]},"a":{"SS":["z","<",""]},"c":{"BS":["AQ==",""]}}}`, jsonString(s))
		}
		if i%5 == 0 {
			item += `,"y":{"L":[]},"Z":{"S":"upper"},"e":{"M":{"":{"N":"0"}}}`
		}
		readCall(t, db, "PutItem", `{"TableName":"qqq","Item":`+item+`}}`)
	}
	return db
}

func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestItemList_FastPathMatchesMarshal checks, for Query and Scan requests
// of every kind, every page, that the bytes Handle writes through
// appendJSON equal encodingJSON of the same output in its old shape (items
// as []attr.Item) and of the output itself, and that ItemList's Go
// accessors agree with its JSON.
func TestItemList_FastPathMatchesMarshal(t *testing.T) {
	db := itemListDB(t)
	const p = `"ExpressionAttributeValues":{":p":{"S":"p"}}`
	queries := []string{
		`"KeyConditionExpression":"pk = :p",` + p,
		`"KeyConditionExpression":"pk = :p","Limit":3,"ScanIndexForward":false,` + p,
		`"KeyConditionExpression":"pk = :p","Select":"COUNT",` + p,
		`"KeyConditionExpression":"pk = :p","Select":"COUNT","Limit":4,` + p,
		`"KeyConditionExpression":"pk = :p","ProjectionExpression":"s, x.b[0], #e, y","ExpressionAttributeNames":{"#e":"e"},"Limit":5,` + p,
		`"KeyConditionExpression":"pk = :p","FilterExpression":"attribute_exists(x)","ReturnConsumedCapacity":"TOTAL",` + p,
		`"KeyConditionExpression":"pk = :p","FilterExpression":"attribute_exists(nothing)","ReturnConsumedCapacity":"INDEXES",` + p,
		`"KeyConditionExpression":"pk = :p AND sk > :n","ExpressionAttributeValues":{":p":{"S":"p"},":n":{"N":"1000"}}`,
		`"IndexName":"gAll","KeyConditionExpression":"g = :g","Limit":2,"ReturnConsumedCapacity":"INDEXES","ExpressionAttributeValues":{":g":{"S":"G0"}}`,
		`"IndexName":"gAll","KeyConditionExpression":"g = :g","FilterExpression":"t = :t","ProjectionExpression":"s","ExpressionAttributeValues":{":g":{"S":"G2"},":t":{"BOOL":true}}`,
		`"IndexName":"gKeys","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"G2"}}`,
		`"IndexName":"gKeys","KeyConditionExpression":"g = :g","Limit":4,"ReturnConsumedCapacity":"INDEXES","ExpressionAttributeValues":{":g":{"S":"G0"}}`,
		`"IndexName":"gKeys","KeyConditionExpression":"g = :g","Select":"COUNT","ExpressionAttributeValues":{":g":{"S":"G0"}}`,
		`"IndexName":"gKeys","KeyConditionExpression":"g = :g","ProjectionExpression":"sk","ExpressionAttributeValues":{":g":{"S":"G0"}}`,
		`"IndexName":"lInc","KeyConditionExpression":"pk = :p",` + p,
		`"IndexName":"lInc","KeyConditionExpression":"pk = :p","Limit":2,"ScanIndexForward":false,"ReturnConsumedCapacity":"TOTAL",` + p,
		`"IndexName":"lInc","KeyConditionExpression":"pk = :p","FilterExpression":"attribute_exists(x)",` + p,
		`"IndexName":"lInc","KeyConditionExpression":"pk = :p","Select":"ALL_ATTRIBUTES","Limit":3,` + p,
		`"IndexName":"lInc","KeyConditionExpression":"pk = :p","ProjectionExpression":"s, x",` + p,
		`"IndexName":"lInc","KeyConditionExpression":"pk = :p","Select":"ALL_PROJECTED_ATTRIBUTES",` + p,
	}
	scans := []string{
		``,
		`"Limit":7`,
		`"Select":"COUNT","Limit":9`,
		`"FilterExpression":"begins_with(s, :a)","ExpressionAttributeValues":{":a":{"S":"a<"}},"ReturnConsumedCapacity":"TOTAL"`,
		`"ProjectionExpression":"pk, sk, x.a","Limit":11`,
		`"Segment":1,"TotalSegments":3,"Limit":5`,
		`"IndexName":"gAll","Limit":6,"ReturnConsumedCapacity":"INDEXES"`,
		`"IndexName":"gKeys","Limit":6`,
		`"IndexName":"gKeys","ConsistentRead":false`,
		`"IndexName":"lInc","Limit":8,"ConsistentRead":true`,
		`"IndexName":"lInc","Select":"ALL_ATTRIBUTES","Limit":8`,
		`"IndexName":"lInc","FilterExpression":"n < :z","ExpressionAttributeValues":{":z":{"N":"0"}}`,
	}
	pages := 0
	for _, q := range queries {
		t.Run("Query "+q, func(t *testing.T) {
			var in QueryInput
			if err := json.Unmarshal([]byte(`{"TableName":"qqq",`+q+`}`), &in); err != nil {
				t.Fatal(err)
			}
			for range 100 {
				body, err := json.Marshal(&in)
				if err != nil {
					t.Fatal(err)
				}
				out, err := db.Query(&in)
				if err != nil {
					t.Fatal(err)
				}
				checkFastPath(t, db, "Query", body, out, oldReadOutput{out.Items.Items(), out.Count, out.ScannedCount, out.LastEvaluatedKey, out.ConsumedCapacity})
				pages++
				if out.LastEvaluatedKey == nil {
					return
				}
				in.ExclusiveStartKey = out.LastEvaluatedKey
			}
			t.Fatal("more than 100 pages")
		})
	}
	for _, s := range scans {
		t.Run("Scan "+s, func(t *testing.T) {
			var in ScanInput
			src := `{"TableName":"qqq"`
			if s != "" {
				src += "," + s
			}
			if err := json.Unmarshal([]byte(src+`}`), &in); err != nil {
				t.Fatal(err)
			}
			for range 100 {
				body, err := json.Marshal(&in)
				if err != nil {
					t.Fatal(err)
				}
				out, err := db.Scan(&in)
				if err != nil {
					t.Fatal(err)
				}
				checkFastPath(t, db, "Scan", body, out, oldReadOutput{out.Items.Items(), out.Count, out.ScannedCount, out.LastEvaluatedKey, out.ConsumedCapacity})
				pages++
				if out.LastEvaluatedKey == nil {
					return
				}
				in.ExclusiveStartKey = out.LastEvaluatedKey
			}
			t.Fatal("more than 100 pages")
		})
	}
	if pages < 100 {
		t.Errorf("only %d pages checked", pages)
	}
}

// checkFastPath checks one output (a *QueryOutput or *ScanOutput) of the
// request body, with old its old shape.
func checkFastPath(t *testing.T, db *DB, op string, body []byte, out jsonAppender, old oldReadOutput) {
	t.Helper()
	fast, err := out.appendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := encodingJSON(old)
	if err != nil {
		t.Fatal(err)
	}
	if string(fast) != string(want) {
		t.Fatalf("appendJSON:\n%s\nencodingJSON of the old shape:\n%s", fast, want)
	}
	if again, err := encodingJSON(out); err != nil || string(again) != string(want) {
		t.Fatalf("encodingJSON of the output (err %v):\n%s\nwant\n%s", err, again, want)
	}
	if handled, err := db.Handle(op, body); err != nil || string(handled) != string(want) {
		t.Fatalf("Handle (err %v):\n%s\nwant\n%s", err, handled, want)
	}
	if !json.Valid(fast) || strings.Contains(string(fast), `\u003c`) {
		t.Fatalf("invalid or HTML-escaped JSON: %s", fast)
	}
	var items ItemList
	switch o := out.(type) {
	case *QueryOutput:
		items = o.Items
	case *ScanOutput:
		items = o.Items
	}
	if items.IsZero() != (old.Items == nil) || items.Len() != len(old.Items) {
		t.Fatalf("IsZero %v Len %d, old items %v", items.IsZero(), items.Len(), old.Items)
	}
	for i, it := range items.All() {
		if !attr.Equal(attr.M(it), attr.M(old.Items[i])) || !attr.Equal(attr.M(items.At(i)), attr.M(it)) {
			t.Fatalf("item %d: All gives %v, At %v, Items %v", i, attr.M(it), attr.M(items.At(i)), attr.M(old.Items[i]))
		}
		if got, want := string(items.AppendItemJSON(nil, i)), string(attr.AppendItemJSON(nil, it)); got != want {
			t.Fatalf("AppendItemJSON(%d) = %s, want %s", i, got, want)
		}
	}
}

// TestItemList_Zero checks the JSON of the zero and the empty ItemList
// inside an output and alone.
func TestItemList_Zero(t *testing.T) {
	for _, tc := range []struct {
		name string
		l    ItemList
		want string
	}{
		{"zero", ItemList{}, `{"Count":0,"ScannedCount":0}`},
		{"empty", read.NewItemList(), `{"Items":[],"Count":0,"ScannedCount":0}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := &QueryOutput{Items: tc.l}
			fast, _ := out.appendJSON(nil)
			plain, _ := encodingJSON(out)
			if string(fast) != tc.want || string(plain) != tc.want {
				t.Errorf("appendJSON %s, encodingJSON %s, want %s", fast, plain, tc.want)
			}
			if got := tc.l.Items(); (got == nil) != tc.l.IsZero() || len(got) != 0 {
				t.Errorf("Items() = %#v", got)
			}
		})
	}
	if b, _ := json.Marshal(ItemList{}); string(b) != "null" {
		t.Errorf("zero ItemList alone: %s, want null", b)
	}
}

// TestItemList_AtGivesFreshItems checks that a caller may modify what At
// returns without changing the list.
func TestItemList_AtGivesFreshItems(t *testing.T) {
	db := itemListDB(t)
	str := func(s string) *string { return &s }
	for _, in := range []*QueryInput{
		{TableName: "qqq", KeyConditionExpression: str("pk = :p"), ExpressionAttributeValues: ExpressionValues{":p": attr.S("p")}},
		{TableName: "qqq", KeyConditionExpression: str("pk = :p"), ProjectionExpression: str("s"), ExpressionAttributeValues: ExpressionValues{":p": attr.S("p")}},
	} {
		out, err := db.Query(in)
		if err != nil {
			t.Fatal(err)
		}
		before := string(out.Items.AppendJSON(nil))
		for _, it := range out.Items.All() {
			clear(it)
			it["added"] = attr.S("x")
		}
		if after := string(out.Items.AppendJSON(nil)); after != before || !slices.Equal([]byte(after), out.Items.AppendJSON(nil)) {
			t.Errorf("items changed through At:\n%s\nwas\n%s", after, before)
		}
	}
}

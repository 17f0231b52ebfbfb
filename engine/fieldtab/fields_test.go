package fieldtab

import (
	"encoding/json"
	"reflect"
	"testing"
	"unsafe"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// inner and outer exercise every kind of codec; their json tags are the
// oracle the field tables must agree with.
type inner struct {
	S string `json:"S"`
	N *int64 `json:"N,omitempty"`
	C int    `json:"C,omitempty"`
}

type outer struct {
	Name   string            `json:"Name"`
	On     *bool             `json:"On,omitempty"`
	Count  int               `json:"Count,omitempty"`
	Tags   []string          `json:"Tags,omitempty"`
	Names  map[string]string `json:"Names,omitempty"`
	In     *inner            `json:"In,omitempty"`
	Ins    []inner           `json:"Ins,omitzero"`
	ByName map[string]inner  `json:"ByName,omitempty"`
}

var (
	cInner = Codec[inner]{X: Erased{Kind: KObj, Size: unsafe.Sizeof(inner{}), At: GrowAt[inner],
		Members: func(p unsafe.Pointer, f *Fields) {
			v := (*inner)(p)
			Member(f, "S", &v.S, &String, 0)
			Member(f, "N", &v.N, &Int64Ptr, OmitEmpty)
			Member(f, "C", &v.C, &Int, OmitEmpty)
		}}}
	cInnerPtr  = Codec[*inner]{X: Erased{Kind: KPtr, Elem: &cInner.X, Size: PtrSize, At: GrowAt[unsafe.Pointer]}}
	cInnerList = Codec[[]inner]{X: Erased{Kind: KList, Elem: &cInner.X, Size: SliceSize, At: GrowAt[[]byte]}}
	cInnerMap  = Codec[map[string]inner]{X: Erased{Kind: KMap, Elem: &cInner.X, Size: PtrSize, At: GrowAt[unsafe.Pointer],
		Maps: &MapOps{Keys: KeysOf[inner], Get: MapGet[inner], Make: MapMake[inner], Set: MapSet[inner], Len: MapLen[inner]}}}
)

func (v *outer) members(f *Fields) {
	Member(f, "Name", &v.Name, &String, 0)
	Member(f, "On", &v.On, &BoolPtr, OmitEmpty)
	Member(f, "Count", &v.Count, &Int, OmitEmpty)
	Member(f, "Tags", &v.Tags, &Strings, OmitEmpty)
	Member(f, "Names", &v.Names, &StringMap, OmitEmpty)
	Member(f, "In", &v.In, &cInnerPtr, OmitEmpty)
	Member(f, "Ins", &v.Ins, &cInnerList, OmitZero)
	Member(f, "ByName", &v.ByName, &cInnerMap, OmitEmpty)
}

// decode decodes body into v by its field table.
func decode(body []byte, v *outer) error {
	var r wire.Reader
	var f Fields
	r.Reset(body)
	Decode(&f, &r, v.members)
	return r.End()
}

var fieldsCases = []string{
	`{}`,
	`null`,
	`{"Name":"a","On":true,"Count":3,"Tags":["x","y"],"Names":{"#b":"b","#a":"a"}}`,
	`{"In":{"S":"s","N":7,"C":15},"Ins":[{"S":"1"},{"S":"2","N":-3}],"ByName":{"z":{"S":"z"},"a":{"C":2}}}`,
	`{"Ins":[],"Tags":[],"Names":{},"On":false,"In":null,"ByName":null}`,
	`{"Unknown":{"deep":[1,2,{"x":null}]},"Name":"after"}`,
	`{"Name":"first","Name":"second"}`,
	` { "Name" : "spaced" , "Count" : 0 } `,
}

// TestDecode_AgreesWithEncodingJSON decodes each case by the field table
// and by encoding/json and wants the same value.
func TestDecode_AgreesWithEncodingJSON(t *testing.T) {
	for _, body := range fieldsCases {
		var got, want outer
		if err := decode([]byte(body), &got); err != nil {
			t.Errorf("decode %s: %v", body, err)
			continue
		}
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatalf("oracle %s: %v", body, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decode %s:\n got %+v\nwant %+v", body, got, want)
		}
	}
}

// TestEncode_AgreesWithEncodingJSON writes each decoded case back by the
// field table and wants encoding/json's bytes (members in declaration
// order, map keys sorted, the omit rules of the json tags).
func TestEncode_AgreesWithEncodingJSON(t *testing.T) {
	for _, body := range fieldsCases {
		var v outer
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(&v)
		if got := Encode(nil, v.members); string(got) != string(want) {
			t.Errorf("encode %s:\n got %s\nwant %s", body, got, want)
		}
	}
}

// TestDecode_TypeMismatch wants a type mismatch reported by the reader,
// never a panic or a silent success.
func TestDecode_TypeMismatch(t *testing.T) {
	for _, body := range []string{`{"Name":1}`, `{"Tags":"x"}`, `{"In":[]}`, `{"Names":{"a":1}}`, `[]`, `{"Count":"1"}`} {
		var v outer
		if err := decode([]byte(body), &v); err == nil {
			t.Errorf("decode %s: no error", body)
		}
	}
}

// TestNames lists the members in declaration order.
func TestNames(t *testing.T) {
	var v outer
	got := Names(v.members)
	want := []string{"Name", "On", "Count", "Tags", "Names", "In", "Ins", "ByName"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	if m := Members(v.members); m[5].Codec != cInnerPtr.Erased() || m[5].Codec.Kind != KPtr || m[5].Codec.Elem.Kind != KObj {
		t.Errorf("Members[5] = %+v, want In's pointer codec", m[5])
	}
}

// TestAppend writes a list by its codec, null for nil.
func TestAppend(t *testing.T) {
	if got := string(cInnerList.Append(nil, &[]inner{{S: "a"}})); got != `[{"S":"a"}]` {
		t.Errorf("Append = %s", got)
	}
	if got := string(cInnerList.Append(nil, new([]inner))); got != `null` {
		t.Errorf("Append(nil) = %s", got)
	}
}

// FuzzDecode: any input decodes without a panic, and a value decoded is
// written back as JSON that encoding/json and the field table both read
// back to the same value. (encoding/json itself is no oracle for the
// decoding of arbitrary input: it matches member names without regard to
// case, DynamoDB and the field tables exactly.)
func FuzzDecode(f *testing.F) {
	for _, c := range fieldsCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(`{"In":{"N":1e400}}`))
	f.Add([]byte(`{"Ins":[{"S":"a"},{}],"Ins":[{"N":1}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var got outer
		if decode(body, &got) != nil {
			return
		}
		out := Encode(nil, got.members)
		var again, oracle outer
		if err := decode(out, &again); err != nil {
			t.Fatalf("decode(Encode(%s)) = %s: %v", body, out, err)
		}
		if err := json.Unmarshal(out, &oracle); err != nil {
			t.Fatalf("Encode(%s) = %s, not JSON: %v", body, out, err)
		}
		if !reflect.DeepEqual(again, oracle) {
			t.Errorf("%s:\n field table %+v\nencoding/json %+v", out, again, oracle)
		}
	})
}

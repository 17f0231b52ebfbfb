//go:build !(js && wasm)

package engine

import (
	"bytes"
	"strings"
	"testing"
)

// shortPathDB returns a DB with three tables holding a few items: hhh (pk
// S), hnn (pk N, sk B), both taken by the short paths, and idx (indexes:
// left to the general path).
func shortPathDB(t *testing.T) *DB {
	t.Helper()
	db := indexedDB(t)
	coreCall(t, db, "CreateTable", `{"TableName":"hhh",`+defsPK+`,`+ksPK+`,`+ppr+`}`)
	coreCall(t, db, "CreateTable", `{"TableName":"hnn","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"N"},{"AttributeName":"sk","AttributeType":"B"}],`+
		ksPKSK+`,`+ppr+`}`)
	for _, req := range []string{
		`{"TableName":"hhh","Item":{"pk":{"S":"a"},"v":{"S":"old"},"n":{"N":"1"}}}`,
		`{"TableName":"hhh","Item":{"pk":{"S":"b"},"m":{"M":{"x":{"L":[{"S":"y"}]}}}}}`,
		`{"TableName":"hnn","Item":{"pk":{"N":"1"},"sk":{"B":"AAE="},"v":{"SS":["a","b"]}}}`,
		`{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"b"},"gk":{"S":"g"},"lk":{"N":"1"}}}`,
	} {
		coreCall(t, db, "PutItem", req)
	}
	return db
}

// shortPathSeeds are requests the short paths take, and neighbours of
// theirs that they must leave to the general path.
var shortPathSeeds = []struct {
	op, body string
	short    bool // the short path takes it
}{
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"a"}}}`, true},
	{"GetItem", `{"Key":{"pk":{"S":"b"}},"TableName":"hhh"}`, true},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"zz"}}}`, true},
	{"GetItem", `{"TableName":"hnn","Key":{"sk":{"B":"AAE="},"pk":{"N":"1.0"}}}`, true},
	{"GetItem", `{"TableName":"hnn","Key":{"pk":{"N":"1"}}}`, false},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"a"},"v":{"S":"old"}}}`, false},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"N":"1"}}}`, false},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":""}}}`, false},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"a"}},"ConsistentRead":true}`, false},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"a"}},"ProjectionExpression":"v"}`, false},
	{"GetItem", `{"TableName":"idx","Key":{"pk":{"S":"a"},"sk":{"S":"b"}}}`, true},
	{"GetItem", `{"TableName":"nope","Key":{"pk":{"S":"a"}}}`, false},
	{"GetItem", `{"TableName":"hhh","TableName":"hhh","Key":{"pk":{"S":"a"}}}`, false},
	{"GetItem", `{ "TableName":"hhh","Key":{"pk":{"S":"a"}}}`, false},
	{"GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"a"}}} `, false},
	{"GetItem", `{"TableName":"hhh","Key":null}`, false},
	{"GetItem", `{"TableName":"hhh\u0000","Key":{"pk":{"S":"a"}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"v":{"S":"new"},"b":{"BOOL":true},"z":{"NULL":true}}}`, true},
	{"PutItem", `{"Item":{"pk":{"S":"c"},"tags":{"SS":["red","green","blue"]},"payload":{"S":"` + strings.Repeat("x", 950) + `"}},"TableName":"hhh"}`, true},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"d"},"q":{"S":"a\"b\u00e9"},"\u00e9":{"B":"AAAA"},"l":{"L":[{"N":"1"},{"M":{}}]}}}`, true},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"e"},"x":{"S":"1"},"x":{"N":"2"}}}`, true},
	{"PutItem", `{"TableName":"hnn","Item":{"pk":{"N":"-1.50"},"sk":{"B":"AAE="},"ns":{"NS":["3","1"]}}}`, true},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"":{"S":"x"}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":""}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"v":{"S":"x"}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"N":"1"}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"s":{"SS":["x","x"]}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"},"big":{"S":"` + strings.Repeat("y", 400*1024) + `"}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}`, false},
	{"PutItem", `{"TableName":"idx","Item":{"pk":{"S":"a"},"sk":{"S":"c"}}}`, false},
	{"PutItem", `{"TableName":"nope","Item":{"pk":{"S":"a"}}}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{}}`, false},
	{"PutItem", `{"TableName":"hhh"}`, false},
	{"PutItem", `{"TableName":"hhh","Item":{"pk":{"S":"a"}}`, false},
}

// FuzzHandleShortPaths checks Handle's short paths for GetItem and
// PutItem (shortitem.go) against the general path: the same request to
// two DBs in the same state, one through Handle (the short path where it
// applies), the other through the operation's registered handler alone,
// gives the same answer or error, and leaves the tables with the same
// items (Scan), sizes and change count.
func FuzzHandleShortPaths(f *testing.F) {
	for _, s := range shortPathSeeds {
		f.Add(s.op, s.body)
	}
	f.Fuzz(func(t *testing.T, op, body string) {
		if op != "GetItem" && op != "PutItem" {
			return
		}
		short, general := shortPathDB(t), shortPathDB(t)
		out1, err1 := short.Handle(op, []byte(body))
		out2, err2 := ops[op](general, nil, []byte(body))
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("%s %s: Handle %v, general path %v", op, body, err1, err2)
		}
		if !bytes.Equal(out1, out2) {
			t.Fatalf("%s %s: Handle answers %s, general path %s", op, body, out1, out2)
		}
		if a, b := short.Changes(), general.Changes(); a != b {
			t.Fatalf("%s %s: change count %d, general path %d", op, body, a, b)
		}
		for _, name := range []string{"hhh", "hnn", "idx"} {
			scan := `{"TableName":"` + name + `"}`
			s1, s2 := mustHandle(t, short, "Scan", scan), mustHandle(t, general, "Scan", scan)
			if !bytes.Equal(s1, s2) {
				t.Fatalf("%s %s: table %s holds %s, general path %s", op, body, name, s1, s2)
			}
			d1, d2 := short.tables[name].data, general.tables[name].data
			if d1.SizeBytes() != d2.SizeBytes() || d1.Len() != d2.Len() {
				t.Fatalf("%s %s: table %s has %d items of %d bytes, general path %d of %d",
					op, body, name, d1.Len(), d1.SizeBytes(), d2.Len(), d2.SizeBytes())
			}
		}
	})
}

// TestShortPaths_Take checks which requests the short paths serve (so that
// FuzzHandleShortPaths compares them with something): the plain ones (a
// PutItem on a table without indexes), not those with other members,
// white space or a rule broken.
func TestShortPaths_Take(t *testing.T) {
	db := shortPathDB(t)
	for _, s := range shortPathSeeds {
		if _, took := db.shortItemOp(nil, s.op, []byte(s.body)); took != s.short {
			t.Errorf("%s %s: short path took it: %v, want %v", s.op, s.body, took, s.short)
		}
	}
}

// TestShortPaths_KeepNoBody checks that what the short paths store and
// answer holds no bytes of the request body, whose strings DecodeMembers
// lends them (a server reuses the buffer for the next request): the body
// overwritten after each request, the item reads back as it was put.
func TestShortPaths_KeepNoBody(t *testing.T) {
	db := shortPathDB(t)
	put := []byte(`{"TableName":"hhh","Item":{"pk":{"S":"kept"},"s":{"S":"text"},"n":{"N":"12.50"},"ss":{"SS":["a","b"]},` +
		`"m":{"M":{"in":{"S":"x"}}},"l":{"L":[{"S":"y"}]},"long name with spaces and more":{"S":"z"}}}`)
	if _, ok := db.shortItemOp(nil, "PutItem", put); !ok {
		t.Fatalf("the short path did not take %s", put)
	}
	want := mustHandle(t, db, "GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"kept"}},"ConsistentRead":true}`)
	get := []byte(`{"TableName":"hhh","Key":{"pk":{"S":"kept"}}}`)
	out, ok := db.shortItemOp(nil, "GetItem", get)
	if !ok {
		t.Fatalf("the short path did not take %s", get)
	}
	for _, b := range [][]byte{put, get} {
		for i := range b {
			b[i] = '#'
		}
	}
	if !bytes.Equal(out, want) {
		t.Errorf("GetItem answered %s once its request was overwritten, want %s", out, want)
	}
	got := mustHandle(t, db, "GetItem", `{"TableName":"hhh","Key":{"pk":{"S":"kept"}},"ConsistentRead":true}`)
	if !bytes.Equal(got, want) || !bytes.Contains(want, []byte(`"long name with spaces and more":{"S":"z"}`)) {
		t.Errorf("the item reads %s once the PutItem request was overwritten, want %s", got, want)
	}
}

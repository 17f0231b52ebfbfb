package snapshot

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

// FuzzImport checks that Import never panics, fails only with a
// ValidationException, and that an accepted snapshot survives an export and
// a second import unchanged.
func FuzzImport(f *testing.F) {
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T",` +
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],` +
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",` +
		`"items":[{"pk":{"S":"a"},"n":{"N":"1.50"}},{"pk":{"S":"b"},"l":{"L":[{"BOOL":true},{"NULL":true}]}}]}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"Music",` +
		`"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Song","KeyType":"RANGE"}],` +
		`"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"Song","AttributeType":"S"},` +
		`{"AttributeName":"Year","AttributeType":"N"}],"BillingMode":"PROVISIONED",` +
		`"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},` +
		`"GlobalSecondaryIndexes":[{"IndexName":"ByYear","KeySchema":[{"AttributeName":"Year","KeyType":"HASH"}],` +
		`"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}],` +
		`"items":[{"Artist":{"S":"A"},"Song":{"S":"S"},"Year":{"N":"1999"},"Tags":{"SS":["x","y"]}}]}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T",` +
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],` +
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",` +
		`"items":[{"pk":{"N":"1"}}]}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T","CreationDateTime":1700000000.125,` +
		`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],` +
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T","CreationDateTime":-1}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"x"}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T","items":[{"pk":{"S":""}}]}]}`))
	f.Add([]byte(`{"format":"ddbplay-snapshot","version":1}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		db, err := Import(data, Options{MaxBytes: 1 << 20})
		if err != nil {
			var e *ddberr.Error
			if !errors.As(err, &e) || e.Type != ddberr.TypeValidation || !strings.HasPrefix(e.Message, msgPrefix) {
				t.Fatalf("Import error = %#v, want a ValidationException starting %q", err, msgPrefix)
			}
			if db != nil {
				t.Fatalf("Import returned a DB with an error")
			}
			return
		}
		first, err := Export(db)
		if err != nil {
			t.Fatalf("Export of an imported snapshot: %v", err)
		}
		again, err := Import(first, Options{})
		if err != nil {
			t.Fatalf("re-Import of an exported snapshot: %v\n%s", err, first)
		}
		second, err := Export(again)
		if err != nil {
			t.Fatalf("second Export: %v", err)
		}
		if string(first) != string(second) {
			t.Fatalf("export → import → export changed the snapshot:\n%s\n%s", first, second)
		}
	})
}

// FuzzScanner checks that the scanner accepts exactly the texts that
// encoding/json accepts (apart from its nesting limit) and that a value's
// extent is the value.
func FuzzScanner(f *testing.F) {
	for _, seed := range []string{
		`{}`, `[]`, `""`, `0`, `-0.5e+7`, `true`, `null`, `{"a":[1,2,{"b":"c\u00e9\n"}]}`, ` [ 1 , "x" ] `,
		`01`, `1.`, `.5`, `-`, `1e`, `"\x"`, `"a`, `{"a" 1}`, `[1,]`, `{,}`, "\"\x01\"", `nul`, `[1 2]`, `{"a":1}}`,
		`"\ud800"`, `{"format":"ddbplay-snapshot","version":1,"tables":[]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &scanner{data: data}
		raw, err := s.value(0)
		if err == nil && s.more() {
			err = s.syntaxError("trailing data")
		}
		if err != nil && strings.Contains(err.Error(), "nesting too deep") {
			return
		}
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("scanner error %v, json.Valid %v, for %q", err, valid, data)
		}
		if err == nil && !bytes.Equal(raw, bytes.TrimSpace(data)) {
			t.Fatalf("extent %q, want %q", raw, bytes.TrimSpace(data))
		}
	})
}

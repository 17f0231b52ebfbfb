package snapshot

import (
	"errors"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

func TestImport_Rejects(t *testing.T) {
	table := `{"TableName":"T","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],` +
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"`
	tests := []struct {
		name     string
		data     string
		maxBytes int
		want     string
	}{
		{"empty", ``, 0, "Invalid snapshot: not valid JSON: EOF"},
		{"not JSON", `{"format":`, 0, "Invalid snapshot: not valid JSON: unexpected EOF"},
		{"array", `[]`, 0, "Invalid snapshot: not valid JSON: json: cannot unmarshal array into Go value of type struct"},
		{"trailing data", `{"format":"ddbplay-snapshot","version":1,"tables":[]} {}`, 0,
			"Invalid snapshot: not valid JSON: data after the snapshot object"},
		{"unknown top-level member", `{"format":"ddbplay-snapshot","version":1,"tables":[],"x":1}`, 0,
			`Invalid snapshot: not valid JSON: json: unknown field "x"`},
		{"no format", `{"version":1,"tables":[]}`, 0, `Invalid snapshot: "format" must be "ddbplay-snapshot"`},
		{"wrong format", `{"format":"other","version":1,"tables":[]}`, 0, `Invalid snapshot: "format" must be "ddbplay-snapshot"`},
		{"no version", `{"format":"ddbplay-snapshot","tables":[]}`, 0,
			`Invalid snapshot: unsupported "version" 0 (this playground reads version 1)`},
		{"future version", `{"format":"ddbplay-snapshot","version":2,"tables":[]}`, 0,
			`Invalid snapshot: unsupported "version" 2 (this playground reads version 1)`},
		{"too large", `{"format":"ddbplay-snapshot","version":1,"tables":[]}`, 10,
			"Invalid snapshot: 53 bytes is more than the limit of 10 bytes"},
		{"no tables", `{"format":"ddbplay-snapshot","version":1}`, 0, `Invalid snapshot: "tables" must be a list of tables`},
		{"tables null", `{"format":"ddbplay-snapshot","version":1,"tables":null}`, 0,
			`Invalid snapshot: "tables" must be a list of tables`},
		{"table not an object", `{"format":"ddbplay-snapshot","version":1,"tables":[[]]}`, 0,
			"Invalid snapshot: table 0 is not a JSON object"},
		{"table null", `{"format":"ddbplay-snapshot","version":1,"tables":[null]}`, 0,
			"Invalid snapshot: table 0 is not a JSON object"},
		{"no table name", `{"format":"ddbplay-snapshot","version":1,"tables":[{"items":[]}]}`, 0,
			"Invalid snapshot: table 0 has no TableName"},
		{"table name not a string", `{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":5}]}`, 0,
			"Invalid snapshot: table 0 has no TableName"},
		{"duplicate table", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `},` + table + `}]}`, 0,
			`Invalid snapshot: table "T" appears more than once`},
		{"unknown member", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"Items":[]}]}`, 0,
			`Invalid snapshot: table "T" has an unknown member "Items"`},
		{"items not a list", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"items":{}}]}`, 0,
			`Invalid snapshot: table "T": "items" must be a list of items`},
		{"TTL not an object", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"TimeToLiveSpecification":true}]}`, 0,
			`Invalid snapshot: table "T": "TimeToLiveSpecification" must be an object`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Import([]byte(tc.data), Options{MaxBytes: tc.maxBytes})
			if db != nil {
				t.Errorf("Import returned a DB, want none")
			}
			var e *ddberr.Error
			if !errors.As(err, &e) || e.Type != ddberr.TypeValidation {
				t.Fatalf("Import error = %v, want a ValidationException", err)
			}
			if !strings.HasPrefix(e.Message, tc.want) {
				t.Errorf("message = %q, want it to start with %q", e.Message, tc.want)
			}
		})
	}
}

func TestImport_TooManyTables(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format":"ddbplay-snapshot","version":1,"tables":[`)
	for i := 0; i <= MaxTables; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{}`)
	}
	b.WriteString(`]}`)
	_, err := Import([]byte(b.String()), Options{})
	want := "Invalid snapshot: 2501 tables is more than the limit of 2500"
	if err == nil || ddberr.As(err).Message != want {
		t.Errorf("Import error = %v, want %q", err, want)
	}
}

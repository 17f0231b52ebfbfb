package snapshot

import (
	"errors"
	"strings"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

func TestImport_Rejects(t *testing.T) {
	table := `{"TableName":"Tbl","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],` +
		`"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"`
	tests := []struct {
		name     string
		data     string
		maxBytes int
		want     string
	}{
		{"empty", ``, 0, "Invalid snapshot: not valid JSON: empty input"},
		{"spaces", " \n ", 0, "Invalid snapshot: not valid JSON: empty input"},
		{"not JSON", `{"format":`, 0, "Invalid snapshot: not valid JSON: unexpected end of input"},
		{"bad literal", `{"format":nul}`, 0, "Invalid snapshot: not valid JSON: invalid literal at byte 10"},
		{"bad number", `{"version":01}`, 0, "Invalid snapshot: not valid JSON: expected ',' or '}' at byte 12"},
		{"bad escape", `{"format":"a\x"}`, 0, "Invalid snapshot: not valid JSON: invalid escape at byte 13"},
		{"control character", "{\"format\":\"a\x01\"}", 0, "Invalid snapshot: not valid JSON: control character in string at byte 12"},
		{"missing colon", `{"format" 1}`, 0, "Invalid snapshot: not valid JSON: expected ':' at byte 10"},
		{"trailing comma", `{"format":[1,]}`, 0, "Invalid snapshot: not valid JSON: unexpected ']' at byte 13"},
		{"unterminated string", `{"format":"abc`, 0, "Invalid snapshot: not valid JSON: unexpected end of input"},
		{"too deep", `{"tables":[{"items":[` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `]}]}`, 0,
			"Invalid snapshot: not valid JSON: nesting too deep at byte"},
		{"bad item JSON", `{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T","items":[{"a":}]}]}`, 0,
			"Invalid snapshot: not valid JSON: unexpected '}' at byte 82"},
		{"array", `[]`, 0, "Invalid snapshot: the snapshot must be a JSON object"},
		{"trailing data", `{"format":"ddbplay-snapshot","version":1,"tables":[]} {}`, 0,
			"Invalid snapshot: not valid JSON: data after the snapshot object at byte 54"},
		{"unknown top-level member", `{"format":"ddbplay-snapshot","version":1,"tables":[],"x":1}`, 0,
			`Invalid snapshot: unknown member "x"`},
		{"no format", `{"version":1,"tables":[]}`, 0, `Invalid snapshot: "format" must be "ddbplay-snapshot"`},
		{"wrong format", `{"format":"other","version":1,"tables":[]}`, 0, `Invalid snapshot: "format" must be "ddbplay-snapshot"`},
		{"no version", `{"format":"ddbplay-snapshot","tables":[]}`, 0,
			`Invalid snapshot: unsupported "version" none (this playground reads version 1)`},
		{"version not a number", `{"format":"ddbplay-snapshot","version":"1","tables":[]}`, 0,
			`Invalid snapshot: unsupported "version" "1" (this playground reads version 1)`},
		{"future version", `{"format":"ddbplay-snapshot","version":2,"tables":[]}`, 0,
			`Invalid snapshot: unsupported "version" 2 (this playground reads version 1)`},
		{"too large", `{"format":"ddbplay-snapshot","version":1,"tables":[]}`, 10,
			"Invalid snapshot: 53 bytes is more than the limit of 10 bytes"},
		{"no tables", `{"format":"ddbplay-snapshot","version":1}`, 0, `Invalid snapshot: "tables" must be a list of tables`},
		{"tables an object", `{"format":"ddbplay-snapshot","version":1,"tables":{}}`, 0,
			`Invalid snapshot: "tables" must be a list of tables`},
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
			`Invalid snapshot: table "Tbl" appears more than once`},
		{"unknown member", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"Items":[]}]}`, 0,
			`Invalid snapshot: table "Tbl" has an unknown member "Items"`},
		{"items not a list", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"items":{}}]}`, 0,
			`Invalid snapshot: table "Tbl": "items" must be a list of items`},
		{"invalid item", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"items":[{"pk":{"S":"a"}},{"pk":{"N":"1"}}]}]}`, 0,
			`Invalid snapshot: table "Tbl", item 1: ValidationException: `},
		{"item not an object", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"items":[5]}]}`, 0,
			`Invalid snapshot: table "Tbl", item 0: SerializationException: `},
		{"invalid attribute value", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"items":[{"pk":{"S":"a"},"x":{"SS":[]}}]}]}`, 0,
			`Invalid snapshot: table "Tbl", item 0: ValidationException: `},
		{"duplicate keys", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"items":[{"pk":{"S":"a"}},{"pk":{"S":"a"}}]}]}`, 0,
			`Invalid snapshot: table "Tbl", items 0 to 1: ValidationException: `},
		{"invalid table", `{"format":"ddbplay-snapshot","version":1,"tables":[{"TableName":"T"}]}`, 0,
			`Invalid snapshot: table "T": ValidationException: `},
		{"TTL not an object", `{"format":"ddbplay-snapshot","version":1,"tables":[` + table + `,"TimeToLiveSpecification":true}]}`, 0,
			`Invalid snapshot: table "Tbl": "TimeToLiveSpecification" must be an object`},
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
		b.WriteString(`{"TableName":"Tbl"}`)
	}
	b.WriteString(`]}`)
	_, err := Import([]byte(b.String()), Options{})
	want := "Invalid snapshot: more than 2500 tables"
	if err == nil || ddberr.As(err).Message != want {
		t.Errorf("Import error = %v, want %q", err, want)
	}
}

package validate

import (
	"errors"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
)

func TestViolations_Wording(t *testing.T) {
	tests := []struct {
		name string
		add  func(v *Violations)
		want string // "" for no error
	}{
		{"none", func(v *Violations) { v.TableName("tableName", "Music") }, ""},
		{"one", func(v *Violations) { v.TableName("tableName", "ab") },
			"1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"null", func(v *Violations) { v.TableName("tableName", "") },
			"1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
		{"two", func(v *Violations) { v.Name("indexName", "a!", 3, 255) },
			"2 validation errors detected: Value 'a!' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value 'a!' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"enum", func(v *Violations) { v.Enum("select", "SOME", "ALL_ATTRIBUTES", "COUNT") },
			"1 validation error detected: Value 'SOME' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, COUNT]"},
		{"empty enum is absent", func(v *Violations) { v.Enum("select", "", "COUNT") }, ""},
		{"empty RequestItems", func(v *Violations) { RequestTables(v, map[string]int{}) },
			"1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v Violations
			tt.add(&v)
			err := v.Err()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Err() = %v, want nil", err)
				}
				return
			}
			var e *ddberr.Error
			if !errors.As(err, &e) || e.Type != ddberr.TypeValidation || e.Message != tt.want {
				t.Fatalf("Err() = %#v\nwant ValidationException %q", err, tt.want)
			}
		})
	}
}

func TestRequestTables_Sorted(t *testing.T) {
	var v Violations
	got := RequestTables(&v, map[string]int{"b": 1, "a": 2, "c": 3})
	if len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "c" {
		t.Fatalf("RequestTables = %v, want [a b c]", got)
	}
	if err := v.Err(); err != nil {
		t.Fatalf("Err() = %v, want nil", err)
	}
}

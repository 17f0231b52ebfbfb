package schema

import (
	"errors"
	"testing"

	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/validate"
)

func ks(pairs ...string) []KeySchemaElement {
	var out []KeySchemaElement
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, KeySchemaElement{AttributeName: pairs[i], KeyType: pairs[i+1]})
	}
	return out
}

func TestKeyPair(t *testing.T) {
	tests := []struct {
		name           string
		ks             []KeySchemaElement
		hash, rng, msg string
	}{
		{"hash only", ks("pk", "HASH"), "pk", "", ""},
		{"hash and range", ks("pk", "HASH", "sk", "RANGE"), "pk", "sk", ""},
		{"range first", ks("sk", "RANGE", "pk", "HASH"), "", "", msgFirstKeyNotHash},
		{"two hashes", ks("pk", "HASH", "sk", "HASH"), "", "", msgSecondKeyNotRange},
		{"same name", ks("pk", "HASH", "pk", "RANGE"), "", "", msgHashRangeSameName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hash, rng, err := KeyPair(tt.ks)
			if tt.msg != "" {
				var e *ddberr.Error
				if !errors.As(err, &e) || e.Type != ddberr.TypeValidation || e.Message != tt.msg {
					t.Fatalf("KeyPair error = %v, want ValidationException %q", err, tt.msg)
				}
				return
			}
			if err != nil || hash != tt.hash || rng != tt.rng {
				t.Fatalf("KeyPair = %q, %q, %v; want %q, %q, nil", hash, rng, err, tt.hash, tt.rng)
			}
		})
	}
}

func TestCheckKeySchema_Violations(t *testing.T) {
	var v validate.Violations
	CheckKeySchema(&v, "keySchema", ks("a", "HASH", "b", "RANGE", "c", "RANGE"))
	want := "1 validation error detected: Value '[KeySchemaElement(attributeName=a, keyType=HASH), " +
		"KeySchemaElement(attributeName=b, keyType=RANGE), KeySchemaElement(attributeName=c, keyType=RANGE)]' " +
		"at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2"
	var e *ddberr.Error
	if !errors.As(v.Err(), &e) || e.Message != want {
		t.Fatalf("Err() = %v\nwant %q", v.Err(), want)
	}
}

func TestSetMaxThroughput(t *testing.T) {
	one, minus, zero := int64(5), int64(-1), int64(0)
	read, write := int64(7), int64(9)
	if err := SetMaxThroughput(PayPerRequest, &OnDemandThroughput{MaxReadRequestUnits: &one, MaxWriteRequestUnits: &minus}, &read, &write); err != nil {
		t.Fatal(err)
	}
	if read != 5 || write != 0 {
		t.Fatalf("read, write = %d, %d; want 5, 0", read, write)
	}
	if err := SetMaxThroughput(PayPerRequest, &OnDemandThroughput{MaxReadRequestUnits: &zero}, &read, &write); err == nil {
		t.Fatal("MaxReadRequestUnits 0: no error")
	}
	if err := SetMaxThroughput(Provisioned, &OnDemandThroughput{MaxReadRequestUnits: &one}, &read, &write); err == nil {
		t.Fatal("OnDemandThroughput on a provisioned table: no error")
	}
}

func TestMaxThroughputOf(t *testing.T) {
	if MaxThroughputOf(0, 0) != nil {
		t.Fatal("MaxThroughputOf(0, 0) != nil")
	}
	o := MaxThroughputOf(4, 0)
	if o == nil || *o.MaxReadRequestUnits != 4 || *o.MaxWriteRequestUnits != -1 {
		t.Fatalf("MaxThroughputOf(4, 0) = %+v", o)
	}
}

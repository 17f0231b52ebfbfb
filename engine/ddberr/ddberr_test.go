package ddberr

import (
	"errors"
	"fmt"
	"testing"
)

func TestError_MarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"plain", Validation("bad %s", "thing"),
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"bad thing"}`},
		{"no HTML escaping", Validation(`Syntax error; token: "<EOF>", near: "a & b"`),
			`{"__type":"com.amazon.coral.validate#ValidationException","message":"Syntax error; token: \"<EOF>\", near: \"a & b\""}`},
		{"extra fields", New(TypeConditionalCheckFailed, "The conditional request failed").With("Item", map[string]any{"a": 1}),
			`{"Item":{"a":1},"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`},
		{"service framework", New(TypeSerialization, "Expected null"),
			`{"__type":"com.amazon.coral.service#SerializationException","message":"Expected null"}`},
		{"unknown operation", New(TypeUnknownOperation, ""),
			`{"__type":"com.amazon.coral.service#UnknownOperationException","message":""}`},
		{"not found", New(TypeResourceNotFound, "Requested resource not found"),
			`{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.err.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("MarshalJSON\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestError_Is(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", New(TypeConditionalCheckFailed, "The conditional request failed"))
	if !errors.Is(err, ErrConditionalCheckFailed) {
		t.Errorf("errors.Is(%v, ErrConditionalCheckFailed) = false, want true", err)
	}
	if errors.Is(err, ErrValidation) {
		t.Errorf("errors.Is(%v, ErrValidation) = true, want false", err)
	}
	if got := As(errors.New("boom")); got.Type != TypeInternalServerError || got.Status != 500 {
		t.Errorf("As(plain error) = %+v, want InternalServerError 500", got)
	}
}

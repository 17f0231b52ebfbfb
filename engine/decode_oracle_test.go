package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The former request decoding with encoding/json, kept as the oracle of
// the decoders of decode_inputs.go (decode_test.go compares the two).

// decodeRequestJSON is decodeRequest as it was: json.Unmarshal into in.
func decodeRequestJSON(body []byte, in any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	err := json.Unmarshal(body, in)
	if err == nil {
		if string(body) == "null" { // encoding/json reads it as {}; DynamoDB's structure is refused
			return ddberr.New(ddberr.TypeSerialization, fieldtab.MsgSerializationExpectedMap)
		}
		return nil
	}
	var de *ddberr.Error
	if errors.As(err, &de) {
		return de
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return ddberr.New(ddberr.TypeSerialization, serializationTypeMessageJSON(te.Value, te.Type))
	}
	return ddberr.New(ddberr.TypeSerialization, fieldtab.MsgSerializationMalformed)
}

// serializationTypeMessageJSON words an encoding/json type mismatch.
func serializationTypeMessageJSON(jsonKind string, goType reflect.Type) string {
	switch jsonKind {
	case "object":
		return fieldtab.MsgSerializationUnexpectedMap
	case "array":
		return fieldtab.MsgSerializationUnexpectedList
	}
	token := map[string]string{"number": "NUMBER_VALUE", "string": "STRING_VALUE", "bool": "TRUE_VALUE"}[jsonKind]
	if token == "" {
		if len(jsonKind) > 6 && jsonKind[:6] == "number" {
			token = "NUMBER_VALUE"
		} else {
			token = "VALUE"
		}
	}
	target := "String"
	if goType != nil {
		for goType.Kind() == reflect.Pointer {
			goType = goType.Elem()
		}
		switch goType.Kind() {
		case reflect.Bool:
			target = "Boolean"
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint32, reflect.Uint64:
			target = "Long"
		case reflect.Float32, reflect.Float64:
			target = "Double"
		case reflect.Map, reflect.Struct:
			return fieldtab.MsgSerializationExpectedMap
		case reflect.Slice:
			return fieldtab.MsgSerializationExpectedList
		}
	}
	return token + " cannot be converted to " + target
}

// UnmarshalJSON is ExpressionValues' former decoder (test builds only).
func (m *ExpressionValues) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		*m = nil
		return nil
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make(ExpressionValues, len(raw))
	var invalid error
	for _, k := range keys {
		var v attr.Value
		if err := json.Unmarshal(raw[k], &v); err != nil {
			var de *ddberr.Error
			if !errors.As(err, &de) || de.Type != ddberr.TypeValidation {
				return err
			}
			if invalid == nil {
				invalid = validationf(msgInvalidExprValueFmt, de.Message, k)
			}
			continue
		}
		out[k] = v
	}
	if invalid != nil {
		return invalid
	}
	*m = out
	return nil
}

package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sync"

	"github.com/ddbplay/ddbplay/engine/attr"
	"github.com/ddbplay/ddbplay/engine/ddberr"
	"github.com/ddbplay/ddbplay/engine/fieldtab"
)

// The former request decoding with encoding/json, kept as the oracle of
// the decoders of decode_inputs.go (decode_test.go compares the two).

// decodeRequestJSON is decodeRequest as it was: json.Unmarshal into in
// (through oracleType, which gives ExpressionValues its former decoder).
func decodeRequestJSON(body []byte, in any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	v := reflect.ValueOf(in)
	err := json.Unmarshal(body, reflect.NewAt(oracleType(v.Type().Elem()), v.UnsafePointer()).Interface())
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

// oracleValues is ExpressionValues (package fieldtab's, decoded there by
// ReadValues) with its former decoder, UnmarshalJSON.
type oracleValues map[string]attr.Value

var (
	typeOracleValues = reflect.TypeFor[oracleValues]()
	typeUnmarshaler  = reflect.TypeFor[json.Unmarshaler]()
	oracleTypes      sync.Map // reflect.Type → its oracleType
)

// oracleType returns t with every ExpressionValues in it, at any depth,
// replaced by oracleValues: a type of the same memory layout
// (reflect.StructOf keeps the fields' order, types and so offsets; an
// unexported field becomes an exported one that encoding/json skips), so
// that a request decoded through it is decoded into its own type as
// when ExpressionValues had its UnmarshalJSON. A type that decodes
// itself (attr.Value, attr.Item) is kept.
func oracleType(t reflect.Type) reflect.Type {
	if o, ok := oracleTypes.Load(t); ok {
		return o.(reflect.Type)
	}
	o := t
	switch {
	case t == typeExpressionValues:
		o = typeOracleValues
	case reflect.PointerTo(t).Implements(typeUnmarshaler):
	case t.Kind() == reflect.Pointer:
		if e := oracleType(t.Elem()); e != t.Elem() {
			o = reflect.PointerTo(e)
		}
	case t.Kind() == reflect.Slice:
		if e := oracleType(t.Elem()); e != t.Elem() {
			o = reflect.SliceOf(e)
		}
	case t.Kind() == reflect.Map:
		if e := oracleType(t.Elem()); e != t.Elem() {
			o = reflect.MapOf(t.Key(), e)
		}
	case t.Kind() == reflect.Struct:
		fields := make([]reflect.StructField, 0, t.NumField())
		changed := false
		for f := range t.Fields() {
			ft := oracleType(f.Type)
			changed = changed || ft != f.Type
			if !f.IsExported() {
				f.Name, f.PkgPath, f.Tag = "Unexported_"+f.Name, "", `json:"-"`
			}
			f.Type, f.Index, f.Offset = ft, nil, 0
			fields = append(fields, f)
		}
		if changed {
			o = reflect.StructOf(fields)
		}
	}
	oracleTypes.Store(t, o)
	return o
}

// UnmarshalJSON is ExpressionValues' former decoder.
func (m *oracleValues) UnmarshalJSON(data []byte) error {
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
	out := make(oracleValues, len(raw))
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

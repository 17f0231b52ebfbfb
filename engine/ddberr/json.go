package ddberr

import (
	"errors"
	"slices"
	"strconv"

	"github.com/ddbplay/ddbplay/engine/wire"
)

// marshaler is json.Marshaler, without importing encoding/json.
type marshaler interface {
	MarshalJSON() ([]byte, error)
}

// appendValue appends v, a value of an error body (see Error.Fields), as
// encoding/json without HTML escaping writes it.
func appendValue(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case marshaler:
		b, err := v.MarshalJSON()
		if err != nil {
			return nil, err
		}
		return append(dst, b...), nil
	case string:
		return wire.AppendString(dst, v), nil
	case bool:
		return strconv.AppendBool(dst, v), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(dst, v, 10), nil
	case []any:
		if v == nil {
			return append(dst, "null"...), nil
		}
		dst = append(dst, '[')
		for i, e := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendValue(dst, e); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	case map[string]any:
		return appendMap(dst, v)
	case map[string]string:
		return appendMap(dst, v)
	}
	return nil, errFieldType
}

// errFieldType is the error of MarshalJSON for a Fields value of a type it
// cannot write.
var errFieldType = errors.New("ddberr: an error body field has a type MarshalJSON cannot encode (see Error.Fields)")

// appendMap appends m as a JSON object, names in ascending order (null
// for a nil m).
func appendMap[V any](dst []byte, m map[string]V) ([]byte, error) {
	if m == nil {
		return append(dst, "null"...), nil
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	dst = append(dst, '{')
	for i, k := range names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = wire.AppendString(dst, k)
		dst = append(dst, ':')
		var err error
		if dst, err = appendValue(dst, m[k]); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

package wire

import (
	"math"
	"strconv"
)

// The writing half of wire: append-style helpers for writing JSON objects
// and arrays by hand, byte for byte as encoding/json writes them (strings
// with AppendString, in quote.go, without HTML escaping).
//
// Separators come from the bytes already written: a member or element is
// the first of its object or array exactly when dst ends with '{' or '['
// (every complete JSON value ends with another byte), so writers keep no
// state beyond dst.

// Comma appends the ',' that separates a member or element from the one
// before it, unless dst ends with '{' or '[' (the start of the object or
// array), and returns the extended buffer.
func Comma(dst []byte) []byte {
	if n := len(dst); n > 0 && dst[n-1] != '{' && dst[n-1] != '[' {
		dst = append(dst, ',')
	}
	return dst
}

// Name appends the name of the next member of an object, with the comma
// before it (see Comma) and the colon after it: `,"name":`. name is
// written as it is, so it must need no escaping (the constant member names
// of DynamoDB's shapes); quote other names with AppendString.
func Name(dst []byte, name string) []byte {
	dst = Comma(dst)
	dst = append(dst, '"')
	dst = append(dst, name...)
	return append(dst, '"', ':')
}

// AppendFloat appends f as encoding/json writes a float64: the shortest
// decimal that reads back as f, in plain notation, or in exponent notation
// below 1e-6 or from 1e21 on (in magnitude) with a one-digit exponent for
// small negative ones ("1e-7", not "1e-07"). NaN and the infinities,
// which encoding/json refuses, are written as null.
func AppendFloat(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// "1e-07" → "1e-7", as encoding/json cleans it up.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

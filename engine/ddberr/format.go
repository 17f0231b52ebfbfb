package ddberr

import "strconv"

// Sprintf formats like fmt.Sprintf, byte for byte, for the verbs and
// operands the engine's messages use; it exists so that the engine needs
// neither fmt nor reflect, which make the browser's WebAssembly module
// larger. The verbs are %s, %q, %x, %d and %%, without flags, width or
// precision:
//
//	%s  a string, a []byte, an error (its Error()) or a Stringer (its String())
//	%q  the same, quoted by strconv.Quote; or a rune, quoted by strconv.QuoteRune
//	%x  the same as %s, each byte as two lower-case hex digits
//	%d  an int, int64 or int32 (rune), in decimal
//
// The operand's dynamic type must be one of these exactly: a named string
// or integer type without a String method is not formatted. Calls are
// checked when the engine's tests run (format_check_test.go): every
// format given to Sprintf, or to a function that passes its format and
// args on to it, must be a constant whose verbs are these and match the
// operands' static types and number. Misuse does not panic; it writes
// "%!v(BADTYPE)", "%!v(MISSING)", "%!(NOVERB)" or "%!(EXTRA)" into the result.
func Sprintf(format string, args ...any) string {
	b := make([]byte, 0, len(format)+16*len(args))
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		i++
		if i == len(format) {
			b = append(b, "%!(NOVERB)"...)
			break
		}
		verb := format[i]
		if verb == '%' {
			b = append(b, '%')
			continue
		}
		if next == len(args) {
			b = append(b, '%', '!', verb)
			b = append(b, "(MISSING)"...)
			continue
		}
		var ok bool
		b, ok = appendOperand(b, verb, args[next])
		next++
		if !ok {
			b = append(b, '%', '!', verb)
			b = append(b, "(BADTYPE)"...)
		}
	}
	if next < len(args) {
		b = append(b, "%!(EXTRA)"...)
	}
	return string(b)
}

// appendOperand appends arg formatted by verb, or reports false (and
// appends nothing) if Sprintf does not format arg with verb.
func appendOperand(b []byte, verb byte, arg any) ([]byte, bool) {
	if verb == 'd' {
		switch v := arg.(type) {
		case int:
			return strconv.AppendInt(b, int64(v), 10), true
		case int64:
			return strconv.AppendInt(b, v, 10), true
		case int32:
			return strconv.AppendInt(b, int64(v), 10), true
		}
		return b, false
	}
	if verb != 's' && verb != 'q' && verb != 'x' {
		return b, false
	}
	var s string
	switch v := arg.(type) {
	case error:
		s = v.Error()
	case interface{ String() string }:
		s = v.String()
	case string:
		s = v
	case []byte:
		s = string(v)
	case int32:
		if verb != 'q' {
			return b, false
		}
		return strconv.AppendQuoteRune(b, v), true
	default:
		return b, false
	}
	switch verb {
	case 'q':
		return strconv.AppendQuote(b, s), true
	case 'x':
		for i := 0; i < len(s); i++ {
			b = append(b, hexDigits[s[i]>>4], hexDigits[s[i]&0xf])
		}
		return b, true
	}
	return append(b, s...), true
}

const hexDigits = "0123456789abcdef"

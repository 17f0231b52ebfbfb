package ddberr

import (
	"errors"
	"fmt"
	"testing"
)

// stringer is a Stringer for the tests, as the engine's attr.Type is.
type stringer string

func (s stringer) String() string { return "<" + string(s) + ">" }

func TestSprintf_MatchesFmt(t *testing.T) {
	tests := []struct {
		format string
		args   []any
	}{
		{"", nil},
		{"no verbs", nil},
		{"100%% sure", nil},
		{"%s", []any{"text"}},
		{"Table: %s not found", []any{"Music"}},
		{"%s and %s", []any{[]byte("bytes"), errors.New("an error")}},
		{"type %s", []any{stringer("S")}},
		{"%q", []any{"quote \"me\"\n\x00\xff é"}},
		{"%q %q %q", []any{[]byte("b"), errors.New("e"), stringer("s")}},
		{"%q %q %q %q", []any{'a', '\'', rune(0x10ffff + 1), rune(-1)}},
		{"%x-%x-%x", []any{[]byte{0, 1, 0xab, 0xff}, "hex", stringer("s")}},
		{"%x", []any{[]byte(nil)}},
		{"%d %d %d", []any{0, int64(-1 << 63), int32(-7)}},
		{"%d items of %d", []any{1<<63 - 1, int64(42)}},
		{"Value %s at '%s' failed to satisfy constraint: %s", []any{"'x'", "tableName", "Member must have length less than or equal to 255"}},
		{"ünïcödé %s €", []any{"ß"}},
	}
	for _, tt := range tests {
		got, want := Sprintf(tt.format, tt.args...), fmt.Sprintf(tt.format, tt.args...)
		if got != want {
			t.Errorf("Sprintf(%q, %#v)\n got %q\nwant %q", tt.format, tt.args, got, want)
		}
	}
}

func TestSprintf_Misuse(t *testing.T) {
	type named string
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"%d", []any{"s"}, "%!d(BADTYPE)"},
		{"%s", []any{1}, "%!s(BADTYPE)"},
		{"%s", []any{named("n")}, "%!s(BADTYPE)"},
		{"%s", []any{nil}, "%!s(BADTYPE)"},
		{"%x", []any{'r'}, "%!x(BADTYPE)"},
		{"%v", []any{"s"}, "%!v(BADTYPE)"},
		{"%5s", []any{"s"}, "%!5(BADTYPE)s"},
		{"a %s b %d", []any{"s"}, "a s b %!d(MISSING)"},
		{"a %s", []any{"s", "t"}, "a s%!(EXTRA)"},
		{"end %", nil, "end %!(NOVERB)"},
	}
	for _, tt := range tests {
		if got := Sprintf(tt.format, tt.args...); got != tt.want {
			t.Errorf("Sprintf(%q, %#v) = %q, want %q", tt.format, tt.args, got, tt.want)
		}
	}
}

// FuzzSprintf checks Sprintf against fmt.Sprintf on formats made of
// supported verbs, each given an operand of a supported type built from the
// fuzzed values, and that no format at all makes it panic.
func FuzzSprintf(f *testing.F) {
	f.Add("Table: %s not found", "Music", int64(3), []byte("b"), 'x')
	f.Add("%d validation errors detected: %s", "a; b", int64(-2), []byte{}, rune(0))
	f.Add("%q at %d: %x %s %q %d %x %%", "\"\xff", int64(1<<40), []byte{0, 255}, rune(-5))
	f.Add("%q %q %q %q %q %s %s %s %s %d %d %d %x %x %x %x", "é", int64(9), []byte("\x00"), rune(0x110000))
	f.Add("%", "", int64(0), []byte(nil), rune(0))
	f.Fuzz(func(t *testing.T, format, s string, n int64, b []byte, r rune) {
		_ = Sprintf(format, s, n, b, r) // any format: no panic
		var args []any
		for i := 0; i < len(format); i++ {
			if format[i] != '%' {
				continue
			}
			if i+1 == len(format) {
				return
			}
			i++
			k := len(args)
			switch format[i] {
			case '%':
			case 's', 'x':
				args = append(args, []any{s, b, errors.New(s), stringer(s)}[k%4])
			case 'q':
				args = append(args, []any{s, b, errors.New(s), stringer(s), r}[k%5])
			case 'd':
				args = append(args, []any{int(n), n, r}[k%3])
			default:
				return
			}
		}
		if got, want := Sprintf(format, args...), fmt.Sprintf(format, args...); got != want {
			t.Errorf("Sprintf(%q, %#v)\n got %q\nwant %q", format, args, got, want)
		}
	})
}

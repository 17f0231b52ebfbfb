package lex

import (
	"strings"
	"testing"
)

func TestCaseASCII(t *testing.T) {
	for _, s := range []string{"", "and", "AND", "BeGiNs_WiTh", "a1_Z9", "#n", ":v", "ſet", "ÀéİıK", "x\xffY"} {
		ascii := strings.Map(func(r rune) rune {
			if r >= 0x80 {
				return -1
			}
			return r
		}, s) == s
		if ascii {
			if got, want := ToUpper(s), strings.ToUpper(s); got != want {
				t.Errorf("ToUpper(%q) = %q, want %q", s, got, want)
			}
			if got, want := ToLower(s), strings.ToLower(s); got != want {
				t.Errorf("ToLower(%q) = %q, want %q", s, got, want)
			}
		}
		up := ToUpper(s)
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 && up[i] != s[i] {
				t.Errorf("ToUpper(%q) changed the non-ASCII byte %d", s, i)
			}
		}
		for _, kw := range []string{"AND", "SET", "BEGINS_WITH"} {
			want := ascii && strings.EqualFold(s, kw)
			if got := EqualFold(s, kw); got != want {
				t.Errorf("EqualFold(%q, %q) = %v, want %v", s, kw, got, want)
			}
		}
	}
	if EqualFold("ſet", "SET") {
		t.Error(`EqualFold("ſet", "SET") = true: only ASCII letters fold`)
	}
}

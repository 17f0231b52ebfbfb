package attr

import (
	"strings"
	"testing"
)

func TestSize(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want int
	}{
		{"zero", Value{}, 0},
		{"S ASCII", S("abc"), 3},
		{"S UTF-8", S("é😀"), 6},
		{"S empty", S(""), 0},
		{"B", B([]byte{1, 2, 3, 4}), 4},
		{"BOOL", Bool(true), 1},
		{"NULL", Null(), 1},
		{"N 0", mustN(t, "0"), 1},
		{"N 1", mustN(t, "1"), 2},
		{"N 12", mustN(t, "12"), 2},
		{"N 123", mustN(t, "123"), 3},
		{"N 1.5", mustN(t, "1.5"), 3},
		{"N 0.5", mustN(t, "0.5"), 2},
		{"N 100", mustN(t, "100"), 2},
		{"N 1E+125", mustN(t, "1E+125"), 2},
		{"N -1", mustN(t, "-1"), 3},
		{"N 38 digits", mustN(t, strings.Repeat("9", 38)), 20},
		{"N 38 digits odd alignment", mustN(t, "0."+strings.Repeat("9", 38)), 20},
		{"N 38 digits misaligned", mustN(t, "9."+strings.Repeat("9", 37)), 21},
		{"SS", mustSet(t, TypeSS, "ab", "c"), 3},
		{"NS", mustSet(t, TypeNS, "1", "123"), 5},
		{"BS", mustSet(t, TypeBS, "ab", ""), 2},
		{"L empty", L(nil), 3},
		{"L", L([]Value{S("ab"), Null()}), 3 + 1 + 2 + 1 + 1},
		{"M empty", M(nil), 3},
		{"M", M(map[string]Value{"name": S("ab")}), 3 + 1 + 4 + 2},
		{"M nested", M(map[string]Value{"a": L([]Value{Bool(true)})}), 3 + 1 + 1 + (3 + 1 + 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Size(tt.v); got != tt.want {
				t.Errorf("Size(%v) = %d, want %d", tt.v, got, tt.want)
			}
		})
	}
}

func TestItemSize(t *testing.T) {
	tests := []struct {
		name string
		it   Item
		want int
	}{
		{"nil", nil, 0},
		{"one", Item{"id": S("abc")}, 5},
		{"UTF-8 name", Item{"é": mustN(t, "12")}, 2 + 2},
		{"several", Item{"a": Bool(false), "bb": M(nil)}, 1 + 1 + 2 + 3},
		{"max", Item{"k": S(strings.Repeat("x", MaxItemSize-1))}, MaxItemSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ItemSize(tt.it); got != tt.want {
				t.Errorf("ItemSize = %d, want %d", got, tt.want)
			}
		})
	}
}

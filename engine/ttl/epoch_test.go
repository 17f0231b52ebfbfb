package ttl

import (
	"testing"
	"time"

	"github.com/ddbplay/ddbplay/engine/attr"
)

func TestEpochSeconds(t *testing.T) {
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Unix(100, 500000000), "100.5"},
		{time.Unix(1, 1), "1.000000001"},
		{time.Unix(0, 0), "0"},
		{time.Unix(-2, 0), "-2"},
		{time.Unix(0, -500000000), "-0.5"},
		{time.Unix(-1, -250000000), "-1.25"},
		{time.Unix(1732500000, 123456789), "1732500000.123456789"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := EpochSeconds(tt.at).NumText(); got != tt.want {
				t.Errorf("EpochSeconds(%v) = %s, want %s", tt.at, got, tt.want)
			}
		})
	}
}

func TestTTLExpired_Bounds(t *testing.T) {
	now, oldest := EpochSeconds(time.Unix(1000, 0)), EpochSeconds(time.Unix(500, 0))
	tests := []struct {
		v    attr.Value
		want bool
	}{
		{mustN(t, "1000"), true},
		{mustN(t, "999.999999999"), true},
		{mustN(t, "1000.000000001"), false},
		{mustN(t, "500"), true},
		{mustN(t, "499.9999"), false},
		{mustN(t, "-700"), false},
		{attr.S("700"), false},
	}
	for _, tt := range tests {
		t.Run(tt.v.String(), func(t *testing.T) {
			if got := Expired(tt.v, now, oldest); got != tt.want {
				t.Errorf("Expired(%v) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
}

func mustN(t *testing.T, text string) attr.Value {
	t.Helper()
	v, err := attr.N(text)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

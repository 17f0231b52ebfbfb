//go:build !(js && wasm)

package engine

import (
	"testing"
	"time"
)

func TestDB_NowAfterAdvance(t *testing.T) {
	start := time.Date(2026, 1, 2, 3, 4, 5, 600_000_000, time.UTC)
	db := New(Options{Now: func() time.Time { return start }})
	if got := db.Now(); !got.Equal(start) {
		t.Errorf("Now before Advance = %v, want %v", got, start)
	}
	db.Advance(100 * time.Second)
	db.Advance(101 * time.Second)
	if got, want := db.Now(), start.Add(201*time.Second); !got.Equal(want) {
		t.Errorf("Now after Advance = %v, want %v", got, want)
	}
}

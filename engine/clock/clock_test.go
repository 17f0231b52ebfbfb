package clock

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// fake is a settable source.
type fake struct{ n int64 }

func (f *fake) now() int64 { return f.n }

func TestClock_FollowsSource(t *testing.T) {
	f := &fake{n: 1000}
	c := New(f.now)
	if got := c.Now(); got != 1000 {
		t.Fatalf("Now = %d, want 1000", got)
	}
	f.n += 5
	if got := c.Now(); got != 1005 {
		t.Fatalf("Now after 5 ns = %d, want 1005", got)
	}
}

func TestClock_PauseResume(t *testing.T) {
	f := &fake{n: 0}
	c := New(f.now)
	f.n = 10
	c.Pause()
	f.n = 100
	if got := c.Now(); got != 10 {
		t.Fatalf("paused Now = %d, want 10", got)
	}
	if !c.State().Paused {
		t.Fatal("State().Paused = false while paused")
	}
	c.Resume()
	f.n = 105
	if got := c.Now(); got != 15 {
		t.Fatalf("Now 5 ns after resume = %d, want 15", got)
	}
}

func TestClock_Step(t *testing.T) {
	f := &fake{}
	c := New(f.now)
	c.Pause()
	if got := c.Step(3 * time.Second); got != int64(3*time.Second) {
		t.Fatalf("Step returned %d", got)
	}
	if got := c.Now(); got != int64(3*time.Second) {
		t.Fatalf("paused Now after Step = %d", got)
	}
	c.Step(-time.Second)
	if got := c.Now(); got != int64(2*time.Second) {
		t.Fatalf("Now after Step(-1s) = %d", got)
	}
	c.Resume()
	c.Step(time.Second)
	f.n = 7
	if got := c.Now(); got != int64(3*time.Second)+7 {
		t.Fatalf("running Now after Step = %d", got)
	}
}

func TestClock_Speed(t *testing.T) {
	f := &fake{}
	c := New(f.now)
	f.n = 10
	if err := c.SetSpeed(1000); err != nil {
		t.Fatal(err)
	}
	f.n = 11
	if got := c.Now(); got != 10+1000 {
		t.Fatalf("Now at ×1000 = %d, want 1010", got)
	}
	if err := c.SetSpeed(1); err != nil {
		t.Fatal(err)
	}
	f.n = 12
	if got := c.Now(); got != 1011 {
		t.Fatalf("Now back at ×1 = %d, want 1011", got)
	}
	for _, bad := range []int{0, -1, 1001} {
		if err := c.SetSpeed(bad); !errors.Is(err, ErrSpeed) {
			t.Errorf("SetSpeed(%d) = %v, want ErrSpeed", bad, err)
		}
	}
	if s := c.State().Speed; s != 1 {
		t.Fatalf("speed after refused SetSpeed = %d, want 1", s)
	}
}

func TestClock_RealTimeByDefault(t *testing.T) {
	c := New(nil)
	before := time.Now().UnixNano()
	n := c.Now()
	after := time.Now().UnixNano()
	if n < before-int64(time.Second) || n > after+int64(time.Second) {
		t.Fatalf("Now = %d, not near real time [%d, %d]", n, before, after)
	}
}

func TestClock_Concurrent(t *testing.T) {
	c := New(nil)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				switch i {
				case 0:
					c.Pause()
					c.Resume()
				case 1:
					c.Step(time.Millisecond)
				case 2:
					_ = c.SetSpeed(2)
				default:
					c.Now()
				}
			}
		}()
	}
	wg.Wait()
}

func ExampleClock() {
	c := New(func() int64 { return 0 })
	c.Pause()
	c.Step(90 * time.Second)
	fmt.Println(time.Duration(c.Now()))
	// Output: 1m30s
}

package clock

import (
	"errors"
	"sync"
	"time"
)

// MaxSpeed is the fastest a Clock runs: a thousand times its source.
const MaxSpeed = 1000

// MaxStepSeconds is the longest step the lesson controls take at once:
// ten years (both hosts' "step" checks it; Step itself takes any).
const MaxStepSeconds = 10 * 365 * 86400

// ValidStep reports whether seconds is a step the lesson controls take.
func ValidStep(seconds float64) bool { return seconds >= 0 && seconds <= MaxStepSeconds }

// ValidSpeed reports whether SetSpeed takes speed.
func ValidSpeed(speed int) bool { return speed >= 1 && speed <= MaxSpeed }

// ErrSpeed is SetSpeed's error for a speed outside [1, MaxSpeed].
var ErrSpeed = errors.New("clock: speed must be between 1 and 1000")

// Clock is a virtual clock. Its zero value is not usable: call New. It is
// safe for concurrent use.
//
// While running at speed s, virtual time advances s nanoseconds per
// nanosecond of the source; paused, it stands still; Step moves it at
// once. Virtual time never goes backwards unless Step is given a negative
// duration (which tests and Advance may do).
type Clock struct {
	mu     sync.Mutex
	source func() int64
	// At the anchor, the source read anchor and the clock read base.
	anchor, base int64
	speed        int64
	paused       bool
}

// New returns a running clock at speed 1 that reads source (Unix
// nanoseconds); a nil source is real time.
func New(source func() int64) *Clock {
	if source == nil {
		source = func() int64 { return time.Now().UnixNano() }
	}
	n := source()
	return &Clock{source: source, anchor: n, base: n, speed: 1}
}

// Now returns the virtual time in Unix nanoseconds.
func (c *Clock) Now() int64 {
	c.mu.Lock()
	n := c.nowLocked()
	c.mu.Unlock()
	return n
}

func (c *Clock) nowLocked() int64 {
	if c.paused {
		return c.base
	}
	return c.base + (c.source()-c.anchor)*c.speed
}

// reanchor makes the current reading the new base, so that a change of
// speed or pause applies from now on only.
func (c *Clock) reanchor() {
	c.base = c.nowLocked()
	c.anchor = c.source()
}

// Pause stops the clock; Step still moves it. Pausing a paused clock does
// nothing.
func (c *Clock) Pause() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.paused {
		c.reanchor()
		c.paused = true
	}
}

// Resume runs a paused clock again from where it stands.
func (c *Clock) Resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.paused {
		c.anchor = c.source()
		c.paused = false
	}
}

// Step moves the clock by d (backwards if d < 0), paused or running, and
// returns the new time.
func (c *Clock) Step(d time.Duration) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reanchor()
	c.base += int64(d)
	return c.base
}

// SetSpeed sets how many times faster than its source the clock runs,
// from 1 to MaxSpeed; anything else is ErrSpeed and changes nothing.
func (c *Clock) SetSpeed(speed int) error {
	if !ValidSpeed(speed) {
		return ErrSpeed
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reanchor()
	c.speed = int64(speed)
	return nil
}

// State is a clock's reading and settings.
type State struct {
	Now    int64 // Unix nanoseconds
	Paused bool
	Speed  int
}

// State returns the clock's current reading and settings together.
func (c *Clock) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	return State{Now: c.nowLocked(), Paused: c.paused, Speed: int(c.speed)}
}

package shortlink

import (
	"context"
	"sync"
	"time"
)

// Limiter decides whether a client may create another link now. Allow
// reports false when the client is over its limit.
type Limiter interface {
	Allow(ctx context.Context, client string) (bool, error)
}

// MemoryLimiter allows each client Limit links per Period (a fixed window
// per client, kept in memory). The zero Limit allows nothing: use
// NewMemoryLimiter.
type MemoryLimiter struct {
	Limit  int
	Period time.Duration

	mu      sync.Mutex
	windows map[string]window
}

type window struct {
	start time.Time
	n     int
}

// NewMemoryLimiter returns a MemoryLimiter of limit links per period.
func NewMemoryLimiter(limit int, period time.Duration) *MemoryLimiter {
	return &MemoryLimiter{Limit: limit, Period: period, windows: map[string]window{}}
}

// Allow counts one link for client and reports whether it is within the limit.
func (l *MemoryLimiter) Allow(_ context.Context, client string) (bool, error) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.windows) > 10000 {
		for k, w := range l.windows {
			if now.Sub(w.start) >= l.Period {
				delete(l.windows, k)
			}
		}
	}
	w := l.windows[client]
	if now.Sub(w.start) >= l.Period {
		w = window{start: now}
	}
	w.n++
	l.windows[client] = w
	return w.n <= l.Limit, nil
}

//go:build unix

package engine

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) the process has used,
// or 0 where that is unknown. Benchmarks report it per op beside the wall
// time, which a busy machine inflates.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build !unix

package main

import "time"

// processCPU returns 0: the process CPU time is not available here.
func processCPU() time.Duration { return 0 }

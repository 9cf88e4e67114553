//go:build unix

package report

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the test process has used. Timing tests
// compare CPU time rather than wall time, so that other work on a shared
// machine does not make them fail.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

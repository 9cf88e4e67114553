//go:build unix

package retrieve

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) this process has used,
// to tell work from waiting on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

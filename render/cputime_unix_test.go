//go:build unix

package render

import "syscall"

// cpuTime returns the CPU time the process has used, in nanoseconds, or 0
// when it cannot tell. Benchmarks report it beside wall time because the
// machines they run on are shared: CPU time per operation does not grow
// when other processes take the cores.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

package main

import (
	"os"
	"runtime"
	"strings"
)

// machine describes where the figures were taken.
type machine struct {
	cpu, kernel, memory, goVersion string
	cores                          int
	loadBefore                     string
}

func readMachine() machine {
	m := machine{cpu: "unknown", cores: runtime.NumCPU(), goVersion: goVersion()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				m.cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		m.memory = strings.Join(strings.Fields(strings.SplitN(string(b), "\n", 2)[0])[1:], " ")
	}
	m.loadBefore = loadAverage()
	return m
}

// loadAverage is the 1, 5 and 15 minute load of the machine: other work on a
// shared machine shows here.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

package practice

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

// memoryGuard ends the statement whose work takes too much memory. Sorts and
// temporary tables live in memory, and SQLite bounds a sort only by what it
// can produce before its deadline, which can be gigabytes of large rows. No
// per-connection limit exists for it, so the guard watches the process's
// resident memory while a sandbox's statements run and cancels their
// context (which interrupts the one running) once it has grown by more
// than limit. Other gradings running at the same moment count too: the
// bound is on the process, which is what a server must protect.
type memoryGuard struct {
	tripped atomic.Bool
}

// resident reads the process's resident set in bytes; ok is false where
// /proc is not there, and then nothing is watched.
func resident() (n int64, ok bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	return pages * int64(os.Getpagesize()), err == nil
}

// watch returns a context that ends when ctx does or when the process has
// grown by more than limit bytes since the call, and a stop function.
func (g *memoryGuard) watch(ctx context.Context, limit int64) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	start, ok := resident()
	if !ok || limit <= 0 {
		return ctx, cancel
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if n, _ := resident(); n-start > limit {
					g.tripped.Store(true)
					cancel()
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel() }
}

package store

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/progress"
)

// BenchmarkProgressWrite measures the progress write as the API makes it
// (one update, through group commit) from 64 concurrent writers, with the
// writer connection at synchronous=FULL, devpath's setting, and at NORMAL,
// for what FULL costs. Besides ns/op it reports writes/s and the p99 latency
// of one write. Run it with -benchtime 5s -count N: the two take turns.
func BenchmarkProgressWrite(b *testing.B) {
	for _, mode := range []string{"FULL", "NORMAL"} {
		b.Run("synchronous="+mode, func(b *testing.B) {
			ctx := context.Background()
			s, err := OpenSQLite(filepath.Join(b.TempDir(), "devpath.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := s.Migrate(ctx, slog.New(slog.DiscardHandler)); err != nil {
				b.Fatal(err)
			}
			// the pool's one writer connection, which it keeps open
			if _, err := s.write.ExecContext(ctx, "PRAGMA synchronous = "+mode); err != nil {
				b.Fatal(err)
			}
			users := make([]int64, 300)
			for i := range users {
				u, err := s.CreateUser(ctx, account.NewUser{Email: fmt.Sprintf("l%d@example.org", i), Name: "L", PasswordHash: "x"}, time.Now())
				if err != nil {
					b.Fatal(err)
				}
				users[i] = u.ID
			}
			statuses := progress.Statuses()
			var n atomic.Uint64
			var mu sync.Mutex
			var lat []time.Duration
			b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
			b.ResetTimer()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					i := n.Add(1)
					st, note := statuses[i%uint64(len(statuses))], strconv.FormatUint(i, 10) // a unique note: every write changes the row
					up := progress.Update{Roadmap: "backend", Topic: "t" + strconv.Itoa(rand.IntN(100)), Status: &st, Note: &note}
					t0 := time.Now()
					if _, err := s.Apply(ctx, users[rand.IntN(len(users))], []progress.Update{up}, t0); err != nil {
						b.Error(err)
						return
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "writes/s")
			b.ReportMetric(float64(lat[len(lat)*99/100])/float64(time.Millisecond), "p99-ms")
		})
	}
}

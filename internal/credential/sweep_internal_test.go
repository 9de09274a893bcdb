package credential

import (
	"testing"
	"time"

	"devpath/internal/progress"
)

// The sweep's mark passes only rows old enough that no row with a smaller
// id can still commit; a young row and everything after it are read again.
func TestSweepMarkStopsAtTheFirstYoungRow(t *testing.T) {
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	row := func(id int64, age time.Duration) progress.Logged {
		return progress.Logged{ID: id, Change: progress.Change{At: now.Add(-age)}}
	}
	cutoff := now.Add(-sweepSettle)
	for _, tc := range []struct {
		name   string
		logged []progress.Logged
		want   int64
	}{
		{"nothing new", nil, 4},
		{"all settled", []progress.Logged{row(5, time.Minute), row(6, 20*time.Second)}, 6},
		{"a young row", []progress.Logged{row(5, time.Minute), row(6, time.Second), row(7, time.Minute)}, 5},
		{"only young rows", []progress.Logged{row(5, time.Second)}, 4},
	} {
		if got := settled(tc.logged, 4, cutoff); got != tc.want {
			t.Errorf("%s: mark %d, want %d", tc.name, got, tc.want)
		}
	}
}

package plan

import (
	"time"

	"devpath/internal/progress"
)

// BurnUpChart is planned against actual study, week by week, from the week
// of the learner's first recorded change to the end of the plan.
type BurnUpChart struct {
	Weeks []time.Time // the Monday of each week, in the plan's zone
	// Planned is the cumulative hours at the end of each week had the
	// learner studied HoursPerWeek every week since the first, up to Scope.
	Planned []int
	// Actual is the cumulative estimated hours of topics done by the end of
	// each week, up to and including the current one.
	Actual []int
	Scope  int // hours done plus hours still planned
}

// BurnUp builds the chart for plan pl (built at now) from the learner's
// history; estimates maps topic ids, former ones too, to hours. The planned
// line is the learner's stated pace, the plan's HoursPerWeek, from their
// first week on: below it they are behind, above it ahead. Only topics done
// through the history count as done, so the chart agrees with the forecast.
func BurnUp(pl Plan, history []progress.Change, estimates map[string]int, now time.Time) BurnUpChart {
	loc := pl.Start.Location()
	done := doneTimes(history)
	first := pl.Start
	if first.IsZero() {
		first = mondayOf(now.In(loc))
	}
	doneHours := 0
	for topic := range done {
		doneHours += estimates[topic]
	}
	for _, c := range history {
		first = earlier(first, mondayOf(c.At.In(loc)))
	}
	c := BurnUpChart{Scope: doneHours + pl.TotalHours}
	current := daysBetween(first, now.In(loc)) / 7
	hours := max(pl.HoursPerWeek, MinHoursPerWeek)
	// Long enough for the done line up to now, the plan to its end, and
	// the planned line up to the scope.
	n := max(current+1, daysBetween(first, pl.Start)/7+len(pl.Weeks), ceilDiv(c.Scope, hours))
	for k := range n {
		start := first.AddDate(0, 0, 7*k)
		c.Weeks = append(c.Weeks, start)
		c.Planned = append(c.Planned, min(c.Scope, (k+1)*hours))
		if k <= current {
			c.Actual = append(c.Actual, hoursDoneBefore(done, estimates, start.AddDate(0, 0, 7)))
		}
	}
	return c
}

func hoursDoneBefore(done map[string]time.Time, estimates map[string]int, end time.Time) int {
	n := 0
	for topic, at := range done {
		if at.Before(end) {
			n += estimates[topic]
		}
	}
	return n
}

func mondayOf(t time.Time) time.Time {
	return dateOf(t, t.Location()).AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

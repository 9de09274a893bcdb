package plan

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

func change(topic string, from, to progress.Status, at time.Time) progress.Change {
	return progress.Change{Roadmap: "r", Topic: topic, From: from, To: to, At: at}
}

// weeksOfWork makes a history whose k-th week (oldest first, each a 7-day
// window ending at now) sees topics worth hours[k] done, one topic per
// hour figure, each started a little earlier in the same week.
func weeksOfWork(now time.Time, hours []int) ([]progress.Change, map[string]int) {
	var h []progress.Change
	est := map[string]int{}
	n := len(hours)
	h = append(h, change("start", progress.Todo, progress.Learning, now.Add(-time.Duration(n)*week)))
	for k, hrs := range hours {
		if hrs == 0 {
			continue
		}
		id := fmt.Sprintf("topic-%d", k)
		est[id] = hrs
		end := now.Add(-time.Duration(n-1-k) * week)
		h = append(h, change(id, progress.Todo, progress.Learning, end.Add(-3*24*time.Hour)),
			change(id, progress.Learning, progress.Done, end.Add(-24*time.Hour)))
	}
	return h, est
}

func TestForecast(t *testing.T) {
	now := time.Date(2026, 6, 10, 18, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2026, 6, 10+d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name      string
		weekly    []int
		remaining int
		wantNil   bool
		p50, p90  time.Time // exact, when set
		between   [2]int    // else days from today that p50 and p90 fall within
	}{
		{"one week of history is not enough", []int{10}, 100, true, time.Time{}, time.Time{}, [2]int{}},
		{"steady pace", []int{10, 10, 10, 10}, 100, false, day(70), day(70), [2]int{}},
		{"steady pace, part of a week", []int{10, 10}, 25, false, day(18), day(18), [2]int{}},
		{"nothing left", []int{5, 5}, 0, false, day(0), day(0), [2]int{}},
		{"no progress never finishes", []int{0, 0, 0}, 50, false, time.Time{}, time.Time{}, [2]int{}},
		{"bursty pace", []int{0, 0, 40, 0, 0, 0, 20, 0}, 75, false, time.Time{}, time.Time{}, [2]int{42, 250}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			history, est := weeksOfWork(now, tc.weekly)
			f := Forecast(history, est, tc.remaining, now, 1)
			if tc.wantNil {
				if f != nil {
					t.Fatalf("want no forecast, got %+v", f)
				}
				return
			}
			if f == nil || !slices.Equal(f.WeeklyHours, tc.weekly) {
				t.Fatalf("forecast %+v, want weekly hours %v", f, tc.weekly)
			}
			if tc.between == [2]int{} {
				if !f.P50.Equal(tc.p50) || !f.P90.Equal(tc.p90) {
					t.Errorf("p50 %v p90 %v, want %v %v", f.P50, f.P90, tc.p50, tc.p90)
				}
				return
			}
			if f.P50.Before(day(tc.between[0])) || f.P90.After(day(tc.between[1])) || f.P90.Before(f.P50) {
				t.Errorf("p50 %v p90 %v, want within %v days and p50 <= p90", f.P50, f.P90, tc.between)
			}
			if f.P90.Sub(f.P50) < 14*24*time.Hour {
				t.Errorf("a bursty pace should spread the forecast: p50 %v p90 %v", f.P50, f.P90)
			}
			for seed := range int64(3) {
				a, b := Forecast(history, est, tc.remaining, now, seed), Forecast(history, est, tc.remaining, now, seed)
				if !a.P50.Equal(b.P50) || !a.P90.Equal(b.P90) {
					t.Errorf("seed %d: two runs differ: %v/%v and %v/%v", seed, a.P50, a.P90, b.P50, b.P90)
				}
			}
		})
	}
}

func TestForecastHistory(t *testing.T) {
	now := time.Date(2026, 6, 10, 18, 0, 0, 0, time.UTC)
	ago := func(days float64) time.Time { return now.Add(-time.Duration(days * float64(24*time.Hour))) }
	est := map[string]int{"a": 4, "b": 6, "c": 10}
	for _, tc := range []struct {
		name    string
		history []progress.Change
		weekly  []int
	}{
		{"a note on a done topic is no new completion", []progress.Change{
			change("a", progress.Todo, progress.Done, ago(13)),
			change("a", progress.Done, progress.Done, ago(2)),
		}, []int{4, 0}},
		{"set back from done: not counted", []progress.Change{
			change("a", progress.Todo, progress.Done, ago(13)),
			change("a", progress.Done, progress.Learning, ago(12)),
		}, []int{0, 0}},
		{"done again counts where it was last done", []progress.Change{
			change("b", progress.Todo, progress.Done, ago(13)),
			change("b", progress.Done, progress.Todo, ago(12)),
			change("b", progress.Todo, progress.Done, ago(1)),
		}, []int{0, 6}},
		{"order of rows does not matter", []progress.Change{
			change("c", progress.Learning, progress.Done, ago(3)),
			change("c", progress.Todo, progress.Learning, ago(15)),
		}, []int{0, 10}},
		{"topics without an estimate count nothing", []progress.Change{
			change("gone", progress.Todo, progress.Done, ago(15)),
			change("a", progress.Todo, progress.Done, ago(1)),
		}, []int{0, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A first change two weeks ago makes the history long enough.
			history := append([]progress.Change{change("x", progress.Todo, progress.Learning, ago(14.5))}, tc.history...)
			f := Forecast(history, est, 10, now, 1)
			if f == nil || !slices.Equal(f.WeeklyHours, tc.weekly) {
				t.Fatalf("got %+v, want weekly %v", f, tc.weekly)
			}
		})
	}
	long, lest := weeksOfWork(now, slices.Repeat([]int{3}, 40))
	if f := Forecast(long, lest, 30, now, 1); len(f.WeeklyHours) != MaxHistoryWeeks {
		t.Errorf("sampled %d weeks, want the last %d", len(f.WeeklyHours), MaxHistoryWeeks)
	}
}

func TestEstimates(t *testing.T) {
	est := Estimates(backend(t))
	if est["git-github"] != 8 || est["git"] != 8 || len(est) < 105 {
		t.Errorf("estimates: git-github %d, former id git %d, %d ids", est["git-github"], est["git"], len(est))
	}
}

func TestBurnUp(t *testing.T) {
	r := backend(t)
	berlin, _ := time.LoadLocation("Europe/Berlin")
	now := time.Date(2026, 3, 25, 12, 0, 0, 0, berlin) // Wednesday of the fourth week
	history := []progress.Change{
		change("internet", progress.Todo, progress.Learning, time.Date(2026, 3, 3, 9, 0, 0, 0, berlin)),
		change("internet", progress.Learning, progress.Done, time.Date(2026, 3, 5, 9, 0, 0, 0, berlin)),         // 4 h, week 1
		change("command-line", progress.Todo, progress.Done, time.Date(2026, 3, 15, 21, 0, 0, 0, berlin)),       // 10 h, week 2 (Sunday)
		change("code-editor", progress.Todo, progress.Done, time.Date(2026, 3, 24, 9, 0, 0, 0, berlin)),         // 2 h, week 4
		change("http", progress.Todo, progress.Done, time.Date(2026, 3, 24, 10, 0, 0, 0, berlin)),               // then undone
		change("http", progress.Done, progress.Todo, time.Date(2026, 3, 24, 11, 0, 0, 0, berlin)),               // so not counted
		change("education-routes", progress.Todo, progress.Skipped, time.Date(2026, 3, 10, 9, 0, 0, 0, berlin)), // skipped: no hours
	}
	statuses := map[string]progress.Status{"internet": progress.Done, "command-line": progress.Done, "code-editor": progress.Done, "education-routes": progress.Skipped}
	p := Profile{StartingPoint: roadmap.NoExperience, Route: SelfTaught, HoursPerWeek: 10, Languages: []string{"go"}, TimeZone: "Europe/Berlin"}
	pl := Build(r, p, statuses, now)
	c := BurnUp(pl, history, Estimates(r), now)

	if got := c.Weeks[0].Format(time.DateOnly); got != "2026-03-02" {
		t.Errorf("chart starts %s, want the Monday of the first change", got)
	}
	if want := []int{4, 14, 14, 16}; !slices.Equal(c.Actual, want) {
		t.Errorf("actual %v, want %v", c.Actual, want)
	}
	if c.Scope != 16+pl.TotalHours || c.Planned[0] != 10 || c.Planned[3] != 40 || c.Planned[len(c.Planned)-1] != c.Scope {
		t.Errorf("planned %v... of scope %d", c.Planned[:4], c.Scope)
	}
	if end := c.Weeks[len(c.Weeks)-1]; end.Before(pl.Weeks[len(pl.Weeks)-1].Start) {
		t.Errorf("chart ends %v, before the plan does", end)
	}
}

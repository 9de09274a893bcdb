package progress

import (
	"math"
	"time"

	"devpath/internal/roadmap"
)

// Count sums up a set of topics. Percent is weighted by estimated hours:
// finishing a 40-hour topic moves it more than a 2-hour one.
type Count struct {
	Done     int     `json:"done"`
	Learning int     `json:"learning"`
	Skipped  int     `json:"skipped"`
	Todo     int     `json:"todo"`
	Hours    int     `json:"hours" doc:"estimated hours in scope"`
	DoneHrs  int     `json:"done_hours"`
	Percent  float64 `json:"percent" doc:"done hours / in-scope hours; skipped topics and unchosen alternatives are out of scope"`
}

// StepCount is the count of one step.
type StepCount struct {
	Step  string `json:"step"`
	Title string `json:"title"`
	Count
}

// Summary is a learner's standing on a roadmap.
type Summary struct {
	Count
	Steps []StepCount `json:"steps"`
}

func (c *Count) add(st Status, hours int) {
	switch st {
	case Done:
		c.Done++
		c.DoneHrs += hours
		c.Hours += hours
	case Learning:
		c.Learning++
		c.Hours += hours
	case Skipped:
		c.Skipped++
	default:
		c.Todo++
		c.Hours += hours
	}
}

func (c *Count) finish() {
	if c.Hours > 0 {
		c.Percent = math.Round(1000*float64(c.DoneHrs)/float64(c.Hours)) / 10
	}
}

// InScope tells, for each topic, whether it counts towards progress. Skipped
// topics do not. In a choice group ("pick one or two"), once any option is
// being learnt or done the untouched options drop out; until then the group
// counts once, through its first option that is not skipped.
func InScope(r *roadmap.Roadmap, status func(topic string) Status) map[string]bool {
	chosen := map[string]bool{}
	for _, t := range r.Topics {
		if st := status(t.ID); t.ChoiceGroup != "" && (st == Learning || st == Done) {
			chosen[t.ChoiceGroup] = true
		}
	}
	standIn := map[string]bool{} // groups that already have their one todo option
	in := make(map[string]bool, len(r.Topics))
	for _, t := range r.Topics {
		st := status(t.ID)
		switch {
		case st == Skipped:
			in[t.ID] = false
		case t.ChoiceGroup == "" || st == Learning || st == Done:
			in[t.ID] = true
		case chosen[t.ChoiceGroup] || standIn[t.ChoiceGroup]:
			in[t.ID] = false
		default:
			standIn[t.ChoiceGroup] = true
			in[t.ID] = true
		}
	}
	return in
}

// Summarise counts a learner's entries against roadmap r.
func Summarise(r *roadmap.Roadmap, entries map[string]Entry) Summary {
	status := func(id string) Status {
		if e, ok := entries[id]; ok {
			return e.Status
		}
		return Todo
	}
	in := InScope(r, status)
	var s Summary
	for _, step := range r.Steps {
		sc := StepCount{Step: step.ID, Title: step.Title}
		for _, t := range step.Topics {
			st := status(t.ID)
			if !in[t.ID] && st != Skipped {
				continue
			}
			sc.add(st, t.EstimateHours)
			s.add(st, t.EstimateHours)
		}
		sc.finish()
		s.Steps = append(s.Steps, sc)
	}
	s.finish()
	return s
}

// Activity is how regularly a learner works: streaks of days with at least
// one change, and a count per day for the last year.
type Activity struct {
	Current int   `json:"current_streak"`
	Longest int   `json:"longest_streak"`
	Days    []Day `json:"days" doc:"the last 365 days, oldest first"`
}

// Day is one day's number of changes.
type Day struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// HeatmapDays is how many days the heatmap shows.
const HeatmapDays = 365

// SummariseActivity buckets change times into the learner's days (in loc)
// and finds the streaks. A streak still counts as current when today is
// not over yet: it may end yesterday.
func SummariseActivity(times []time.Time, now time.Time, loc *time.Location) Activity {
	perDay := map[string]int{}
	for _, t := range times {
		perDay[t.In(loc).Format(time.DateOnly)]++
	}
	today := now.In(loc)
	first := time.Date(today.Year(), today.Month(), today.Day()-HeatmapDays+1, 12, 0, 0, 0, loc)
	a := Activity{Days: make([]Day, HeatmapDays)}
	for i := range a.Days {
		d := first.AddDate(0, 0, i).Format(time.DateOnly)
		a.Days[i] = Day{Date: d, Count: perDay[d]}
	}
	a.Longest = longestStreak(perDay, loc)
	for i := HeatmapDays - 1; i >= 0; i-- {
		if a.Days[i].Count == 0 {
			if i == HeatmapDays-1 {
				continue // today may still come
			}
			break
		}
		a.Current++
	}
	return a
}

// longestStreak finds the longest run of consecutive active days, at any time.
func longestStreak(perDay map[string]int, loc *time.Location) int {
	longest := 0
	for d := range perDay {
		day, _ := time.ParseInLocation(time.DateOnly, d, loc)
		if _, ok := perDay[day.AddDate(0, 0, -1).Format(time.DateOnly)]; ok {
			continue // not the start of a run
		}
		n := 0
		for ; ; n++ {
			if _, ok := perDay[day.AddDate(0, 0, n).Format(time.DateOnly)]; !ok {
				break
			}
		}
		longest = max(longest, n)
	}
	return longest
}

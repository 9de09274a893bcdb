package plan

import (
	"fmt"
	"time"

	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// Milestone kinds.
const (
	MilestoneStep     = "step"      // every planned topic of a step is done
	MilestoneJobReady = "job_ready" // every planned topic before the apply step is done
)

// ApplyStep is the id of the step about applying for jobs: a learner who has
// done everything before it is ready to apply.
const ApplyStep = "apply"

// Plan is a learner's schedule. Dates are midnight in the learner's zone.
type Plan struct {
	Start           time.Time    `json:"start"` // Monday of the first week
	HoursPerWeek    int          `json:"hours_per_week"`
	Weeks           []Week       `json:"weeks"`
	Milestones      []Milestone  `json:"milestones"`
	ProjectedFinish time.Time    `json:"projected_finish"` // the start date when nothing is left
	TotalHours      int          `json:"total_hours"`
	Target          *TargetCheck `json:"target,omitempty"` // nil without a target date
}

// Week is one week of study, Monday to Sunday.
type Week struct {
	Start time.Time `json:"start"`
	// Capacity is the hours the learner has this week: HoursPerWeek, or a
	// share of it for the days left in a first week that starts late.
	Capacity int      `json:"capacity"`
	Hours    int      `json:"hours"`  // at most Capacity
	Topics   []string `json:"topics"` // the ids of Parts, in order
	Parts    []Part   `json:"parts"`
}

// Part is the share of one topic studied in a week. A topic longer than
// the time left in a week is split over the following weeks.
type Part struct {
	Topic    string `json:"topic"`
	Hours    int    `json:"hours"`
	Finishes bool   `json:"finishes"` // false when the topic goes on next week
}

// Milestone is a date worth celebrating.
type Milestone struct {
	Kind  string    `json:"kind"`
	Step  string    `json:"step,omitempty"` // for kind step
	Title string    `json:"title"`
	Date  time.Time `json:"date"`
}

// TargetCheck says whether the learner's target date is within reach.
type TargetCheck struct {
	Date time.Time `json:"date"`
	Met  bool      `json:"met"`
	// HoursPerWeekNeeded is the fewest weekly hours that finish by Date, or
	// MaxHoursPerWeek when even that is not enough (then Reachable is false).
	HoursPerWeekNeeded int    `json:"hours_per_week_needed"`
	Reachable          bool   `json:"reachable"`
	Message            string `json:"message"`
}

// Build plans roadmap r for a learner with profile p and statuses (by topic
// id; former ids are resolved) from the instant start on.
//
// What to study: every topic not known, done or skipped, except options of
// choice groups that were not chosen. In the language group the chosen
// options are the profile's languages (without any: those the learner has
// dealt with, else the first option). In any other group, for each chosen
// language, one option depending on it, directly or not: the one the learner
// has dealt with, else the first not skipped. A group with no option for the
// chosen languages gets its first option tied to no language, or none when
// all are tied to languages, so that a Kotlin learner is not sent to learn
// Python tooling. An option being learnt always stays, and a prerequisite of
// a planned topic is planned too, even from a choice group.
//
// In what order: prerequisites first; among the topics ready, one being
// learnt comes first, then the earlier step, then the earlier in the file.
//
// When: weeks start on the Monday of start's week in the profile's time zone
// and are filled in that order. Hours are spread evenly over the days of a
// week; a first week joined late has only the remaining days' share of the
// hours, rounded up. A topic that does not fit in what is left of a week is
// split and goes on the next week, so no week is over its capacity. A topic
// being learnt counts in full: how far along the learner is, is not recorded.
//
// Build expects a validated profile; an unknown time zone reads as UTC and
// hours per week are held within bounds.
func Build(r *roadmap.Roadmap, p Profile, statuses map[string]progress.Status, start time.Time) Plan {
	loc, _ := location(p.TimeZone)
	g := newGraph(r)
	seq := selectTopics(r, g, p, newLearner(r, g, p, statuses))
	tl := newTimeline(start.In(loc), min(max(p.HoursPerWeek, MinHoursPerWeek), MaxHoursPerWeek))
	pl := Plan{Start: tl.monday, HoursPerWeek: tl.hours}
	finishes := pl.fill(g, seq, tl)
	pl.Milestones = milestones(r, g, seq, finishes, tl)
	pl.ProjectedFinish = tl.date(tl.day(pl.TotalHours))
	if !p.TargetDate.IsZero() {
		pl.Target = checkTarget(dateOf(p.TargetDate, loc), pl.TotalHours, tl)
	}
	return pl
}

// fill lays the topics of seq into weeks and returns, for each, the
// cumulative hours at which it is done. The parts of all weeks share one
// array, each week holding a capped slice of it: a long plan then costs a
// few allocations instead of two per week.
func (pl *Plan) fill(g *graph, seq []int, tl timeline) []int {
	finishes := make([]int, len(seq))
	for n, i := range seq {
		pl.TotalHours += g.topics[i].EstimateHours
		finishes[n] = pl.TotalHours
	}
	weeks := 1 + ceilDiv(max(pl.TotalHours-tl.capacity(0), 0), tl.hours)
	parts := make([]Part, 0, len(seq)+weeks) // a week boundary splits at most one topic
	bounds := make([]int, 0, weeks+1)        // where each week's parts begin
	used, capacity := 0, 0
	for _, i := range seq {
		t := g.topics[i]
		for left := t.EstimateHours; left > 0; {
			if used == capacity {
				bounds = append(bounds, len(parts))
				used, capacity = 0, tl.capacity(len(bounds)-1)
			}
			take := min(left, capacity-used)
			left -= take
			used += take
			parts = append(parts, Part{Topic: t.ID, Hours: take, Finishes: left == 0})
		}
	}
	pl.weeks(parts, append(bounds, len(parts)), tl)
	return finishes
}

// weeks cuts the parts into weeks at bounds.
func (pl *Plan) weeks(parts []Part, bounds []int, tl timeline) {
	ids := make([]string, len(parts))
	for n, p := range parts {
		ids[n] = p.Topic
	}
	pl.Weeks = make([]Week, len(bounds)-1)
	for k := range pl.Weeks {
		a, b := bounds[k], bounds[k+1]
		w := &pl.Weeks[k]
		w.Start, w.Capacity = tl.date(7*k), tl.capacity(k)
		w.Parts, w.Topics = parts[a:b:b], ids[a:b:b]
		for _, p := range w.Parts {
			w.Hours += p.Hours
		}
	}
}

// milestones dates the end of each step that has planned topics, and the
// day the learner is ready to apply for jobs, in date order.
func milestones(r *roadmap.Roadmap, g *graph, seq, finishes []int, tl timeline) []Milestone {
	stepDone := make([]int, len(r.Steps)) // cumulative hours; 0: nothing planned
	for n, i := range seq {
		stepDone[g.step[i]] = max(stepDone[g.step[i]], finishes[n])
	}
	var ms []Milestone
	ready, apply := 0, -1
	for k, s := range r.Steps {
		if s.ID == ApplyStep {
			apply = k
		}
		if apply < 0 {
			ready = max(ready, stepDone[k])
		}
		if stepDone[k] > 0 {
			ms = append(ms, Milestone{Kind: MilestoneStep, Step: s.ID, Title: s.Title, Date: tl.date(tl.day(stepDone[k]))})
		}
	}
	if apply >= 0 {
		ms = append(ms, Milestone{Kind: MilestoneJobReady, Title: "Ready to apply for jobs", Date: tl.date(tl.day(ready))})
	}
	sortMilestones(ms)
	return ms
}

// sortMilestones orders by date, keeping step order (and job-ready after the
// steps) on the same day; insertion sort, as there are only a handful.
func sortMilestones(ms []Milestone) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Date.Before(ms[j-1].Date); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// checkTarget compares the finish with the target date and finds the fewest
// weekly hours that would meet it.
func checkTarget(target time.Time, total int, tl timeline) *TargetCheck {
	tc := &TargetCheck{Date: target, HoursPerWeekNeeded: MaxHoursPerWeek}
	deadline := daysBetween(tl.monday, target)
	tc.Met = tl.day(total) <= deadline
	for h := MinHoursPerWeek; h <= MaxHoursPerWeek; h++ {
		if tl.with(h).day(total) <= deadline {
			tc.HoursPerWeekNeeded, tc.Reachable = h, true
			break
		}
	}
	finish := tl.date(tl.day(total)).Format(time.DateOnly)
	due := target.Format(time.DateOnly)
	switch {
	case tc.Met:
		tc.Message = fmt.Sprintf("You are on track: at %d hours a week you finish on %s, in time for your target of %s.", tl.hours, finish, due)
	case tc.Reachable:
		tc.Message = fmt.Sprintf("At %d hours a week you finish on %s, after your target of %s. Studying %d hours a week would meet it.",
			tl.hours, finish, due, tc.HoursPerWeekNeeded)
	default:
		tc.Message = fmt.Sprintf("At %d hours a week you finish on %s, after your target of %s. Even %d hours a week would not meet it; choose a later date.",
			tl.hours, finish, due, MaxHoursPerWeek)
	}
	return tc
}

// timeline turns cumulative study hours into days. Day 0 is the Monday of
// the first week; the learner studies from day first (0 to 6, Monday 0) on.
type timeline struct {
	monday time.Time
	first  int
	hours  int // per week
}

func newTimeline(start time.Time, hours int) timeline {
	return timeline{monday: mondayOf(start), first: (int(start.Weekday()) + 6) % 7, hours: hours}
}

func (tl timeline) with(hours int) timeline { tl.hours = hours; return tl }

// capacity is the hours of week k; the first week has the share of the
// days left, rounded up so that it is never empty.
func (tl timeline) capacity(k int) int {
	if k == 0 {
		return ceilDiv(tl.hours*(7-tl.first), 7)
	}
	return tl.hours
}

// day is the day on which the hour-th hour of study is done, hours being
// spread evenly over the days of each week; hour 0 is the first day.
func (tl timeline) day(hour int) int {
	c0 := tl.capacity(0)
	if hour <= c0 {
		return tl.first + max(ceilDiv((7-tl.first)*hour, c0)-1, 0)
	}
	hour -= c0
	week := 1 + (hour-1)/tl.hours
	within := hour - (week-1)*tl.hours
	return 7*week + ceilDiv(7*within, tl.hours) - 1
}

func (tl timeline) date(day int) time.Time { return tl.monday.AddDate(0, 0, day) }

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// daysBetween counts calendar days from a to b, whatever daylight saving
// does to the hours in between.
func daysBetween(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}

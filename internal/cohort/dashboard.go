package cohort

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/plan"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

// MemberEntry is one progress row of a cohort's learner.
type MemberEntry struct {
	User int64
	progress.Entry
}

// Practice is a learner's record on one exercise or checker project.
type Practice struct {
	User   int64
	Kind   string // "exercise" or "project"
	Item   string // the exercise's id or the project's slug
	Passed bool   // passed at least once
	// Failures counts the attempts (or finished runs) that failed since the
	// last pass, or since the first attempt when there was none.
	Failures int
}

// DashboardStore is what the dashboard reads, one query per kind for the
// whole cohort.
type DashboardStore interface {
	// MemberEntries lists the progress rows, other than todo, of the
	// cohort's learners on a roadmap.
	MemberEntries(ctx context.Context, cohort int64, roadmap string) ([]MemberEntry, error)
	// MemberPractice lists the cohort's learners' records per exercise and project.
	MemberPractice(ctx context.Context, cohort int64) ([]Practice, error)
	// MemberReviews lists the cohort's learners' reviews of topics of a roadmap.
	MemberReviews(ctx context.Context, cohort int64, roadmap string) ([]MemberReview, error)
}

// MemberReview is one review by a cohort's learner.
type MemberReview struct {
	User int64
	plan.TopicReview
}

// Flag kinds: why a learner looks stuck.
const (
	Inactive  = "inactive"
	Behind    = "behind"
	LongTopic = "long_topic"
	Failing   = "failing"
	Reviews   = "reviews_overdue"
)

// Flag says why a learner looks stuck, in words, with the figure behind it
// and the cohort's threshold it crossed.
type Flag struct {
	Kind   string
	Reason string
	Value  float64 // days, hours, weeks or failures, as Reason says
	Limit  float64
}

// LearnerRow is one learner on the dashboard.
type LearnerRow struct {
	Person
	Summary         progress.Summary
	LastActivity    *time.Time
	ExpectedHours   int    // hours the cohort's pace expects done by now
	ProjectedFinish string // YYYY-MM-DD at the cohort's weekly hours; empty when done
	DaysLate        int    // projected finish past the cohort's target, 0 when on time
	ExercisesPassed int
	ProjectsPassed  int
	Flags           []Flag
	Result          Result // where they ended up, when recorded
}

// Dashboard is what a cohort's staff see of its learners.
type Dashboard struct {
	Cohort    Cohort
	Steps     []*roadmap.Step
	Learners  []LearnerRow
	Placement Placement
	At        time.Time
}

// Dashboard sort keys.
const (
	ByName     = "name"
	ByProgress = "progress"
	ByActivity = "activity"
	ByFlags    = "flags"
)

// DashboardQuery narrows and orders the dashboard.
type DashboardQuery struct {
	Sort      string // one of the sort keys; empty for name
	StuckOnly bool
}

// Dashboard returns the cohort's learners with their progress and flags,
// for its staff.
func (s *Service) Dashboard(ctx context.Context, who account.User, id int64, q DashboardQuery) (Dashboard, error) {
	return s.dashboard(ctx, who, id, q, s.now())
}

func (s *Service) dashboard(ctx context.Context, who account.User, id int64, q DashboardQuery, now time.Time) (Dashboard, error) {
	c, err := s.require(ctx, who, id, mentorAccess)
	if err != nil {
		return Dashboard{}, err
	}
	r, err := s.roadmaps.Get(c.Roadmap)
	if err != nil {
		return Dashboard{}, err
	}
	members, err := s.store.Members(ctx, id)
	if err != nil {
		return Dashboard{}, err
	}
	rows, err := s.store.MemberEntries(ctx, id, r.Slug)
	if err != nil {
		return Dashboard{}, err
	}
	practice, err := s.store.MemberPractice(ctx, id)
	if err != nil {
		return Dashboard{}, err
	}
	reviews, err := s.store.MemberReviews(ctx, id, r.Slug)
	if err != nil {
		return Dashboard{}, err
	}
	outcomes, err := s.store.Results(ctx, id)
	if err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{Cohort: c, Steps: r.Steps, At: now.UTC(), Placement: Place(members, outcomes)}
	d.Learners = Assess(c, r, members, rows, practice, reviews, d.At)
	for i := range d.Learners {
		d.Learners[i].Result = outcomes[d.Learners[i].ID]
	}
	d.Learners = Arrange(d.Learners, q)
	return d, nil
}

// Assess builds each learner's row: summary, pace and flags.
func Assess(c Cohort, r *roadmap.Roadmap, members []Person, rows []MemberEntry, practice []Practice, reviews []MemberReview, now time.Time) []LearnerRow {
	byUser := map[int64][]progress.Entry{}
	for _, e := range rows {
		byUser[e.User] = append(byUser[e.User], e.Entry)
	}
	practiceOf := map[int64][]Practice{}
	for _, p := range practice {
		practiceOf[p.User] = append(practiceOf[p.User], p)
	}
	reviewsOf := map[int64]map[string][]plan.Review{}
	for _, rv := range reviews {
		if reviewsOf[rv.User] == nil {
			reviewsOf[rv.User] = map[string][]plan.Review{}
		}
		reviewsOf[rv.User][rv.Topic] = append(reviewsOf[rv.User][rv.Topic], rv.Review)
	}
	cal := c.calendar()
	out := make([]LearnerRow, len(members))
	for i, m := range members {
		es := progress.FileEntries(r, byUser[m.ID])
		out[i] = assess(c, cal, r, m, es, practiceOf[m.ID], now)
		if f, ok := overdueReviews(c, r, es, reviewsOf[m.ID], now); ok {
			out[i].Flags = append(out[i].Flags, f)
		}
	}
	return out
}

// overdueReviews flags reviews due for longer than the cohort's inactivity
// limit, by the learner's own review schedule (plan.Due). A done topic's
// last change stands for when it was done: a note written later delays its
// reviews, so the flag may come late but never early.
func overdueReviews(c Cohort, r *roadmap.Roadmap, es map[string]progress.Entry, reviews map[string][]plan.Review, now time.Time) (Flag, bool) {
	cutoff := now.AddDate(0, 0, -c.Thresholds.InactiveDays)
	late, oldestTopic, oldest := 0, "", time.Time{}
	for id, e := range es { // one due day per topic, no schedule sorted: this runs for every learner
		if e.Status != progress.Done {
			continue
		}
		due := plan.NextReview(e.UpdatedAt, reviews[id])
		if due.After(cutoff) {
			continue
		}
		late++
		if oldestTopic == "" || due.Before(oldest) || (due.Equal(oldest) && id < oldestTopic) {
			oldestTopic, oldest = id, due
		}
	}
	if late == 0 {
		return Flag{}, false
	}
	title := oldestTopic
	if t, err := r.Topic(oldestTopic); err == nil {
		title = t.Title
	}
	days := math.Floor(now.Sub(oldest).Hours() / 24)
	return Flag{Kind: Reviews, Value: float64(late), Limit: float64(c.Thresholds.InactiveDays),
		Reason: fmt.Sprintf("%d review%s overdue by more than %d days; the oldest, %q, has been due for %d days, since %s",
			late, plural(late), c.Thresholds.InactiveDays, title, int(days), oldest.Format(DateLayout))}, true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func assess(c Cohort, cal calendar, r *roadmap.Roadmap, m Person, es map[string]progress.Entry, practice []Practice, now time.Time) LearnerRow {
	row := LearnerRow{Person: m, Summary: progress.Summarise(r, es)}
	for _, e := range es {
		if row.LastActivity == nil || e.UpdatedAt.After(*row.LastActivity) {
			at := e.UpdatedAt
			row.LastActivity = &at
		}
	}
	row.pace(c, cal, now)
	for _, p := range practice {
		switch {
		case p.Passed && p.Kind == "exercise":
			row.ExercisesPassed++
		case p.Passed:
			row.ProjectsPassed++
		}
	}
	row.Flags = flags(c, cal, r, row, es, practice, now)
	return row
}

// pace sets the hours expected by now and the projected finish, both at
// the cohort's weekly hours from its start date.
func (row *LearnerRow) pace(c Cohort, cal calendar, now time.Time) {
	loc, start, target := cal.loc, cal.start, cal.target
	weeks := max(0, now.Sub(start).Hours()/(24*7))
	row.ExpectedHours = min(row.Summary.Hours, int(math.Round(weeks*float64(c.WeeklyHours))))
	left := row.Summary.Hours - row.Summary.DoneHrs
	if left <= 0 {
		return
	}
	from := now
	if start.After(now) {
		from = start
	}
	finish := from.Add(time.Duration(float64(left) / float64(c.WeeklyHours) * 7 * 24 * float64(time.Hour))).In(loc)
	row.ProjectedFinish = finish.Format(DateLayout)
	if late := finish.Sub(target).Hours() / 24; late > 0 {
		row.DaysLate = int(math.Ceil(late))
	}
}

// dates reads the cohort's zone, start and target (the end of that day).
func (c Cohort) dates() (loc *time.Location, start, target time.Time) {
	loc, err := app.Zone(c.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	start, _ = time.ParseInLocation(DateLayout, c.StartDate, loc)
	target, _ = time.ParseInLocation(DateLayout, c.TargetDate, loc)
	return loc, start, target.AddDate(0, 0, 1)
}

// calendar is a cohort's zone, start and target, read once for a whole
// dashboard: loading a zone reads its file, and it was a quarter of the
// dashboard's CPU when done per learner.
type calendar struct {
	loc           *time.Location
	start, target time.Time
}

func (c Cohort) calendar() calendar {
	loc, start, target := c.dates()
	return calendar{loc: loc, start: start, target: target}
}

// flags applies the cohort's thresholds: each flag says what crossed which limit.
func flags(c Cohort, cal calendar, r *roadmap.Roadmap, row LearnerRow, es map[string]progress.Entry, practice []Practice, now time.Time) []Flag {
	t := c.Thresholds
	var out []Flag
	start := cal.start
	since := start
	if row.LastActivity != nil {
		since = *row.LastActivity
	} else if row.JoinedAt.After(since) {
		since = row.JoinedAt
	}
	if days := now.Sub(since).Hours() / 24; now.After(start) && days > float64(t.InactiveDays) {
		what := "since the cohort started"
		if row.LastActivity != nil {
			what = "since " + row.LastActivity.Format(DateLayout)
		}
		out = append(out, Flag{Kind: Inactive, Value: math.Floor(days), Limit: float64(t.InactiveDays),
			Reason: fmt.Sprintf("No progress for %d days, %s (limit %d days)", int(days), what, t.InactiveDays)})
	}
	if behind := row.ExpectedHours - row.Summary.DoneHrs; behind > t.BehindHours {
		out = append(out, Flag{Kind: Behind, Value: float64(behind), Limit: float64(t.BehindHours),
			Reason: fmt.Sprintf("Behind the cohort's pace by %d hours: %d of the %d hours expected by now are done, at %d hours a week (limit %d hours)",
				behind, row.Summary.DoneHrs, row.ExpectedHours, c.WeeklyHours, t.BehindHours)})
	}
	out = append(out, longTopics(c, r, es, now)...)
	for _, p := range practice {
		if p.Failures >= t.RepeatedFailures {
			what := "exercise"
			if p.Kind == "project" {
				what = "project check"
			}
			out = append(out, Flag{Kind: Failing, Value: float64(p.Failures), Limit: float64(t.RepeatedFailures),
				Reason: fmt.Sprintf("Failed the %s %q %d times in a row (limit %d)", what, p.Item, p.Failures, t.RepeatedFailures)})
		}
	}
	return out
}

// longTopics flags topics in "learning" for longer than the threshold
// times their estimate, spread at the cohort's weekly hours.
func longTopics(c Cohort, r *roadmap.Roadmap, es map[string]progress.Entry, now time.Time) []Flag {
	var out []Flag
	for _, topic := range r.Topics {
		e, ok := es[topic.ID]
		if !ok || e.Status != progress.Learning || topic.EstimateHours == 0 {
			continue
		}
		weeks := now.Sub(e.UpdatedAt).Hours() / (24 * 7)
		allowed := float64(c.Thresholds.LearningFactor*topic.EstimateHours) / float64(c.WeeklyHours)
		if weeks > allowed {
			out = append(out, Flag{Kind: LongTopic, Value: round1(weeks), Limit: round1(allowed),
				Reason: fmt.Sprintf("Learning %q for %.1f weeks; %d times its %d-hour estimate at %d hours a week is %.1f weeks",
					topic.Title, weeks, c.Thresholds.LearningFactor, topic.EstimateHours, c.WeeklyHours, allowed)})
		}
	}
	return out
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// Arrange filters and sorts rows as q asks.
func Arrange(rows []LearnerRow, q DashboardQuery) []LearnerRow {
	if q.StuckOnly {
		rows = slices.DeleteFunc(rows, func(r LearnerRow) bool { return len(r.Flags) == 0 })
	}
	byName := func(a, b LearnerRow) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	}
	key := map[string]func(a, b LearnerRow) int{
		ByProgress: func(a, b LearnerRow) int { return cmp.Compare(a.Summary.Percent, b.Summary.Percent) },
		ByActivity: func(a, b LearnerRow) int { return cmp.Compare(lastUnix(a), lastUnix(b)) },
		ByFlags:    func(a, b LearnerRow) int { return cmp.Compare(len(b.Flags), len(a.Flags)) },
	}[q.Sort]
	slices.SortStableFunc(rows, func(a, b LearnerRow) int {
		if key != nil {
			if c := key(a, b); c != 0 {
				return c
			}
		}
		return byName(a, b)
	})
	return rows
}

func lastUnix(r LearnerRow) int64 {
	if r.LastActivity == nil {
		return 0
	}
	return r.LastActivity.Unix()
}

// ValidSort tells whether key is a dashboard sort key (empty is name).
func ValidSort(key string) bool {
	return key == "" || key == ByName || key == ByProgress || key == ByActivity || key == ByFlags
}

// StepCompletion is how far every learner of the instance is through one step.
type StepCompletion struct {
	Step     *roadmap.Step
	Topics   int
	Done     int // learner-topic pairs done
	Learning int
	Skipped  int
	Percent  float64 // done pairs / (learners x topics)
}

// Completion returns completion per step of a roadmap over every learner
// of the instance, from the counts the progress write keeps; for instance
// admins. Learners is how many learner accounts there are.
func (s *Service) Completion(ctx context.Context, who account.User, slug string) (steps []StepCompletion, learners int, err error) {
	if who.Role != account.Admin {
		return nil, 0, errAdminsOnly
	}
	r, err := s.roadmaps.Get(slug)
	if err != nil {
		return nil, 0, err
	}
	counts, err := s.store.TopicCounts(ctx, r.Slug)
	if err != nil {
		return nil, 0, err
	}
	if learners, err = s.store.LearnerCount(ctx); err != nil {
		return nil, 0, err
	}
	return completion(r, counts, learners), learners, nil
}

func completion(r *roadmap.Roadmap, counts map[string]map[progress.Status]int, learners int) []StepCompletion {
	// counts kept under a topic's former id belong to its current one
	current := map[string]map[progress.Status]int{}
	for id, byStatus := range counts {
		if now, ok := r.Resolve(id); ok {
			if current[now] == nil {
				current[now] = map[progress.Status]int{}
			}
			for st, n := range byStatus {
				current[now][st] += n
			}
		}
	}
	out := make([]StepCompletion, len(r.Steps))
	for i, step := range r.Steps {
		sc := StepCompletion{Step: step, Topics: len(step.Topics)}
		for _, t := range step.Topics {
			sc.Done += current[t.ID][progress.Done]
			sc.Learning += current[t.ID][progress.Learning]
			sc.Skipped += current[t.ID][progress.Skipped]
		}
		if pairs := learners * sc.Topics; pairs > 0 {
			sc.Percent = round1(100 * float64(sc.Done) / float64(pairs))
		}
		out[i] = sc
	}
	return out
}

// Week is one cohort's flagged learners, for its staff's weekly summary.
type Week struct {
	Cohort   Cohort
	Learners int
	Flagged  []LearnerRow
}

// WeekFor returns, on Mondays in the staff member's own zone (now is in
// it), the week of every cohort they are staff of; nothing on other days,
// so that the summary comes once a week.
func (s *Service) WeekFor(ctx context.Context, staff int64, now time.Time) ([]Week, error) {
	if now.Weekday() != time.Monday {
		return nil, nil
	}
	ms, err := s.store.Memberships(ctx, staff)
	if err != nil {
		return nil, err
	}
	var out []Week
	for _, m := range ms {
		if m.Role == "" {
			continue
		}
		d, err := s.dashboard(ctx, account.User{ID: staff}, m.Cohort.ID, DashboardQuery{Sort: ByFlags, StuckOnly: true}, now)
		if err != nil {
			return nil, err
		}
		n, err := s.store.MemberCount(ctx, m.Cohort.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, Week{Cohort: m.Cohort, Learners: n, Flagged: d.Learners})
	}
	return out, nil
}

// Milestone is the day a cohort's pace reaches the end of a step.
type Milestone struct {
	Step  *roadmap.Step
	Hours int    // the step's estimated hours in scope, before choices are made
	Date  string // YYYY-MM-DD in the cohort's zone
}

// Milestones spreads the roadmap over the cohort's weeks: each step ends
// when the cohort's weekly hours since its start have covered it and every
// step before it. Choice groups count once, as for a learner who has not
// chosen yet.
func Milestones(c Cohort, r *roadmap.Roadmap) []Milestone {
	in := progress.InScope(r, func(string) progress.Status { return progress.Todo })
	loc, start, _ := c.dates()
	out := make([]Milestone, len(r.Steps))
	total := 0
	for i, step := range r.Steps {
		m := Milestone{Step: step}
		for _, t := range step.Topics {
			if in[t.ID] {
				m.Hours += t.EstimateHours
			}
		}
		total += m.Hours
		weeks := float64(total) / float64(max(1, c.WeeklyHours))
		m.Date = start.Add(time.Duration(weeks * 7 * 24 * float64(time.Hour))).In(loc).Format(DateLayout)
		out[i] = m
	}
	return out
}

// Milestones returns the cohort's milestones to anyone in it.
func (s *Service) Milestones(ctx context.Context, who account.User, id int64) ([]Milestone, error) {
	c, err := s.require(ctx, who, id, learnerAccess)
	if err != nil {
		return nil, err
	}
	r, err := s.roadmaps.Get(c.Roadmap)
	if err != nil {
		return nil, err
	}
	return Milestones(c, r), nil
}

// PlanGroup is the schedule a learner's plan on a roadmap follows where the
// learner set none: that of the latest-starting cohort on that roadmap they
// are a learner of.
func (s *Service) PlanGroup(ctx context.Context, user int64, roadmap string) (plan.Group, bool, error) {
	ms, err := s.store.Memberships(ctx, user)
	if err != nil {
		return plan.Group{}, false, err
	}
	for _, m := range ms { // newest start first
		c := m.Cohort
		if !m.Learner || c.Roadmap != roadmap {
			continue
		}
		loc, _, _ := c.dates()
		target, _ := time.ParseInLocation(DateLayout, c.TargetDate, loc)
		return plan.Group{Name: c.Name, HoursPerWeek: c.WeeklyHours, Target: target, TimeZone: c.TimeZone}, true, nil
	}
	return plan.Group{}, false, nil
}

package cohort

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"devpath/content"
	"devpath/internal/plan"
	"devpath/internal/progress"
	"devpath/internal/roadmap"
)

func backend(t *testing.T) *roadmap.Roadmap {
	t.Helper()
	r, err := roadmap.LoadCatalog(content.Roadmaps, t.TempDir(), slog.New(slog.DiscardHandler)).Get("backend")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAssess pins the clock five weeks into a cohort of 10 hours a week and
// checks each flag's rule and words on learners built to trip one each.
func TestAssess(t *testing.T) {
	r := backend(t)
	c := Cohort{ID: 1, Roadmap: "backend", StartDate: "2027-03-01", EndDate: "2027-12-31", TargetDate: "2027-09-01",
		WeeklyHours: 10, TimeZone: "UTC", Thresholds: DefaultThresholds()}
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	now := start.Add(5 * 7 * 24 * time.Hour)
	entry := func(user int64, topic string, st progress.Status, at time.Time) MemberEntry {
		return MemberEntry{User: user, Entry: progress.Entry{Topic: topic, Status: st, UpdatedAt: at}}
	}
	members := []Person{{ID: 1, Name: "Idle"}, {ID: 2, Name: "Busy"}, {ID: 3, Name: "Slow topic"}, {ID: 4, Name: "Failing"}}
	var rows []MemberEntry
	// Busy has done 50 hours' worth of topics: on pace, never idle
	done := 0
	for _, topic := range r.Topics {
		if done >= 50 {
			break
		}
		rows = append(rows, entry(2, topic.ID, progress.Done, now.Add(-time.Hour)))
		done += topic.EstimateHours
	}
	rows = append(rows, entry(3, "http", progress.Learning, now.Add(-3*7*24*time.Hour))) // 6 h x 3 at 10 h a week: 1.8 weeks
	rows = append(rows, entry(4, "git", progress.Done, now.Add(-24*time.Hour)))
	practice := []Practice{{User: 4, Kind: "exercise", Item: "select-1", Failures: 4}, {User: 4, Kind: "project", Item: "notes-api", Passed: true}}

	got := Assess(c, r, members, rows, practice, nil, now)
	kinds := func(l LearnerRow) string {
		var ks []string
		for _, f := range l.Flags {
			ks = append(ks, f.Kind)
		}
		return strings.Join(ks, ",")
	}
	for i, want := range []string{"inactive,behind", "", "inactive,behind,long_topic", "behind,failing"} {
		if k := kinds(got[i]); k != want {
			t.Errorf("%s: flags %q, want %q: %+v", got[i].Name, k, want, got[i].Flags)
		}
	}
	if got[0].ExpectedHours != 50 || got[0].Flags[0].Reason != "No progress for 35 days, since the cohort started (limit 7 days)" {
		t.Errorf("idle: %+v", got[0])
	}
	if r := got[2].Flags[2].Reason; r != `Learning "How HTTP works" for 3.0 weeks; 3 times its 6-hour estimate at 10 hours a week is 1.8 weeks` {
		t.Errorf("long topic reason: %s", r)
	}
	if got[3].ProjectsPassed != 1 || !strings.Contains(got[3].Flags[1].Reason, `Failed the exercise "select-1" 4 times in a row (limit 3)`) {
		t.Errorf("failing: %+v", got[3])
	}
	if got[1].ProjectedFinish == "" || got[0].DaysLate == 0 {
		t.Errorf("pace: busy finishes %q, idle is %d days late", got[1].ProjectedFinish, got[0].DaysLate)
	}

	sorted := Arrange(got, DashboardQuery{Sort: ByProgress, StuckOnly: true})
	if len(sorted) != 3 || sorted[len(sorted)-1].Name != "Failing" {
		t.Errorf("stuck by progress: %v", sorted)
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Dashboard{Cohort: c, Steps: r.Steps, Learners: got}); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(buf.String()), "\n"); len(lines) != 5 || !strings.HasPrefix(lines[0], "name,email,percent") {
		t.Errorf("csv: %s", buf.String())
	}
}

// TestOverdueReviews: a review due for longer than the cohort's
// inactivity limit flags the learner, by the learner's own schedule.
func TestOverdueReviews(t *testing.T) {
	r := backend(t)
	c := Cohort{ID: 1, Roadmap: "backend", StartDate: "2027-03-01", EndDate: "2027-12-31", TargetDate: "2027-09-01",
		WeeklyHours: 10, TimeZone: "UTC", Thresholds: DefaultThresholds()}
	now := time.Date(2027, 4, 1, 12, 0, 0, 0, time.UTC)
	days := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	done := func(user int64, at time.Time) MemberEntry {
		return MemberEntry{User: user, Entry: progress.Entry{Topic: "http", Status: progress.Done, UpdatedAt: at}}
	}
	members := []Person{{ID: 1, Name: "Forgot"}, {ID: 2, Name: "Reviewed"}, {ID: 3, Name: "Recent"}}
	rows := []MemberEntry{done(1, days(20)), done(2, days(20)), done(3, days(5))}
	reviews := []MemberReview{{User: 2, TopicReview: plan.TopicReview{Topic: "http", Review: plan.Review{At: days(5), Remembered: true}}}}
	got := Assess(c, r, members, rows, nil, reviews, now)
	var reasons [3]string
	for i, l := range got {
		for _, f := range l.Flags {
			if f.Kind == Reviews {
				reasons[i] = f.Reason
			}
		}
	}
	want := `1 review overdue by more than 7 days; the oldest, "How HTTP works", has been due for 19 days, since 2027-03-13`
	if reasons != [3]string{want, "", ""} {
		t.Errorf("reasons: %q", reasons)
	}
}

// BenchmarkAssess is the Go side of a 500-learner dashboard: every learner
// halfway through the backend roadmap, summed, paced and flagged, in a
// cohort on a real zone (UTC would hide the cost of loading one).
func BenchmarkAssess(b *testing.B) {
	r, err := roadmap.LoadCatalog(content.Roadmaps, b.TempDir(), slog.New(slog.DiscardHandler)).Get("backend")
	if err != nil {
		b.Fatal(err)
	}
	c := Cohort{ID: 1, Roadmap: "backend", StartDate: "2027-03-01", EndDate: "2027-12-31", TargetDate: "2027-09-01",
		WeeklyHours: 20, TimeZone: "Europe/Berlin", Thresholds: DefaultThresholds()}
	now := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	var members []Person
	var rows []MemberEntry
	for u := range int64(500) {
		members = append(members, Person{ID: u, Name: "Learner"})
		for i, t := range r.Topics {
			st := progress.Done
			switch {
			case i > len(r.Topics)/2:
				continue
			case i == len(r.Topics)/2:
				st = progress.Learning
			}
			rows = append(rows, MemberEntry{User: u, Entry: progress.Entry{Topic: t.ID, Status: st, UpdatedAt: now.Add(-time.Duration(i) * time.Hour)}})
		}
	}
	b.ResetTimer()
	for b.Loop() {
		Arrange(Assess(c, r, members, rows, nil, nil, now), DashboardQuery{Sort: ByProgress})
	}
}

// TestMilestones: steps end in order, and the last when the cohort's hours
// have covered every step's.
func TestMilestones(t *testing.T) {
	r := backend(t)
	c := Cohort{StartDate: "2027-03-01", WeeklyHours: 10, TimeZone: "Europe/Berlin"}
	ms := Milestones(c, r)
	total := 0
	for i, m := range ms {
		total += m.Hours
		if i > 0 && m.Date < ms[i-1].Date {
			t.Fatalf("milestones out of order: %+v", ms)
		}
	}
	berlin, _ := time.LoadLocation(c.TimeZone)
	start, _ := time.ParseInLocation(DateLayout, c.StartDate, berlin)
	want := start.Add(time.Duration(float64(total) / 10 * 7 * 24 * float64(time.Hour))).In(berlin).Format(DateLayout)
	if last := ms[len(ms)-1].Date; last != want {
		t.Fatalf("last milestone %s, want about %s (%d hours at 10 a week)", last, want, total)
	}
}
